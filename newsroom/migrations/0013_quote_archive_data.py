"""The quote archive's data: today's values in the new vocabulary, what is derived filled in, and on PostgreSQL
the indexes SQLite cannot hold: GIN on the stored search document, and the archive's order (newest first,
undated last, then id) alone and after the speaker, the club and the competition.

Verification: "suggested" becomes "unverified"; "verified" (an editor confirmed it against the story, whose
text is the record) becomes "verified against a transcript"; "disputed" and "rejected" (not a quote) stay.
A "press conference" is pre-match unless it was given on or after the day of its match.
"""

from django.db import migrations
from django.db.models import F, Q

ORDER = '"said_on" DESC NULLS LAST, "id" DESC'
INDEXES = {
    "quote_document": 'USING gin ("document")',
    "quote_archive_order": f"({ORDER})",
    "quote_speaker_order": f'("speaker_id", {ORDER})',
    "quote_club_order": f'("club_id", {ORDER})',
    "quote_competition_order": f'("competition_id", {ORDER})',
}

VERIFICATION = {"suggested": "unverified", "verified": "verified_transcript"}
BACK = {"unverified": "suggested", "verified_recording": "verified", "verified_transcript": "verified",
        "misattributed": "disputed"}


def checked_at_once(schema_editor):
    """PostgreSQL refuses an index change in a transaction whose updated rows still owe their (deferred)
    foreign-key checks: have them checked at each statement."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def forwards(apps, schema_editor):
    checked_at_once(schema_editor)
    Quote = apps.get_model("newsroom", "Quote")
    Tenure = apps.get_model("people", "Tenure")
    for old, new in VERIFICATION.items():
        Quote.objects.filter(verification=old).update(verification=new)
    after_match = Q(match__isnull=False, said_on__gte=F("match__kickoff_date"))
    conferences = Quote.objects.filter(occasion="press_conference")
    conferences.filter(after_match).update(occasion="post_match_press_conference")
    conferences.update(occasion="pre_match_press_conference")
    for quote in Quote.objects.select_related("speaker", "match__season", "source_article"):
        if not quote.speaker_name and quote.speaker is not None:
            quote.speaker_name = quote.speaker.name
        if quote.match is not None:
            quote.competition_id = quote.match.season.competition_id
        if quote.speaker_id is not None and quote.said_on is not None:
            running = Q(end_date__isnull=True) | Q(end_date__gte=quote.said_on)
            tenures = Tenure.objects.filter(running, person_id=quote.speaker_id, start_date__lte=quote.said_on)
            quote.club_id = tenures.order_by("-start_date").values_list("club_id", flat=True).first()
        article = quote.source_article
        quote.source_published_at = article.published_at if article and article.status == "published" else None
        quote.save(update_fields=["speaker_name", "competition", "club", "source_published_at"])


def backwards(apps, schema_editor):
    checked_at_once(schema_editor)
    Quote = apps.get_model("newsroom", "Quote")
    for new, old in BACK.items():
        Quote.objects.filter(verification=new).update(verification=old)
    Quote.objects.filter(occasion__endswith="_press_conference").update(occasion="press_conference")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, how in INDEXES.items():
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "newsroom_quote" {how}')


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0012_quote_archive"),
        ("people", "0002_blank_slug_filled_from_name"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
        migrations.RunPython(forwards, backwards),
    ]
