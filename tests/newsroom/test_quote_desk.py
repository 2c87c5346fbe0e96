"""The quote panel on an article's admin page: the quotes found in the saved body, each confirmed, rejected or
given its right speaker with one click, through the actions and their permission rules."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from reversion.models import Version

from newsroom.actions import correct_speaker, suggest_quotes_from_body
from newsroom.models import Article, Quote
from tests import factories
from tests.test_permissions import form_data

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
BODY = "Madrid won again on Saturday.\n\n“We go again,” Reyes said.\n\n“The lads were \\*brilliant\\*,” said Reyes."


@pytest.fixture
def reyes():
    return factories.PersonFactory(name="Luis Reyes", aliases=["Reyes"])


@pytest.fixture
def article(reyes) -> Article:
    return factories.ArticleFactory(headline="Madrid win", body=BODY)


def quote_on(article: Article, **fields) -> Quote:
    defaults = {"speaker": None, "speaker_name": "Someone", "verification": Quote.Verification.UNVERIFIED}
    return factories.QuoteFactory(source_article=article, **{**defaults, **fields})


def quote_url(article: Article, quote_id: int, verb: str) -> str:
    return reverse("admin:newsroom_article_quote", args=[article.pk, quote_id, verb])


def desk_url(article: Article) -> str:
    return reverse("admin:newsroom_article_quotes", args=[article.pk])


def change_url(article: Article) -> str:
    return reverse("admin:newsroom_article_change", args=[article.pk])


# ---- Finding the quotes in the body ---------------------------------------------------------------------------


def test_finding_quotes_stores_each_suggestion_once(article, editor, reyes):
    assert suggest_quotes_from_body(article=article, user=editor) == 2
    assert suggest_quotes_from_body(article=article, user=editor) == 0
    quotes = list(article.quotes.in_reading_order())
    assert [(q.paragraph, q.text, q.speaker) for q in quotes] == [
        (1, "We go again,", reyes),
        (2, "The lads were *brilliant*,", reyes),  # as written: the body's Markdown escapes undone
    ]
    assert {q.verification for q in quotes} == {Quote.Verification.UNVERIFIED}


def test_a_rejected_quote_is_not_suggested_again(article, editor):
    suggest_quotes_from_body(article=article, user=editor)
    article.quotes.update(verification=Quote.Verification.REJECTED)
    assert suggest_quotes_from_body(article=article, user=editor) == 0
    assert article.quotes.count() == 2


def test_the_find_button_posts_and_comes_back_to_the_change_page(client, article, writer):
    client.force_login(writer)
    response = client.post(desk_url(article))
    assert response.status_code == 302
    assert response["Location"] == change_url(article) + "#quote-desk"
    client.post(desk_url(article))
    assert article.quotes.count() == 2


def test_a_writer_may_not_find_quotes_in_a_published_story(client, writer, reyes):
    article = factories.ArticleFactory(body=BODY, published=True)
    with pytest.raises(PermissionDenied):
        suggest_quotes_from_body(article=article, user=writer)
    client.force_login(writer)
    assert client.post(desk_url(article)).status_code == 403
    assert not article.quotes.exists()


# ---- Confirm, reject, correct the speaker ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verb", "verification"),
    [("confirm", Quote.Verification.VERIFIED_TRANSCRIPT), ("reject", Quote.Verification.REJECTED)],
)
def test_an_editor_confirms_or_rejects_in_a_revision(client, article, editor, verb, verification):
    quote = quote_on(article)
    client.force_login(editor)
    response = client.post(quote_url(article, quote.pk, verb))
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.verification == verification
    version = Version.objects.get_for_object(quote).get()
    assert version.revision.user == editor


def test_an_editor_corrects_the_speaker_to_a_known_person_in_a_revision(client, article, editor, reyes):
    quote = quote_on(article, speaker_name="L. Reyes")
    client.force_login(editor)
    response = client.post(quote_url(article, quote.pk, "speaker"), {"speaker": "luis reyes"}, headers=HTMX)
    assert response.status_code == 200
    quote.refresh_from_db()
    assert (quote.speaker, quote.speaker_name) == (
        reyes,
        reyes.name,
    )  # the name as printed now follows the person chosen
    revision = Version.objects.get_for_object(quote).get().revision
    assert (revision.user, revision.comment) == (editor, "Speaker corrected")


def test_a_speaker_nobody_matches_is_kept_as_written(client, article, writer, reyes):
    quote = quote_on(article, speaker=reyes, speaker_name="")
    client.force_login(writer)
    client.post(quote_url(article, quote.pk, "speaker"), {"speaker": "  Assistant coach  "})
    quote.refresh_from_db()
    assert (quote.speaker, quote.speaker_name, quote.verification) == (None, "Assistant coach", "unverified")


def test_a_blank_speaker_is_a_form_error_and_changes_nothing(client, article, editor):
    quote = quote_on(article)
    client.force_login(editor)
    response = client.post(quote_url(article, quote.pk, "speaker"), {"speaker": "  "}, headers=HTMX)
    assert response.status_code == 200
    assert "errornote" in response.text and "This field is required." in response.text
    assert client.post(quote_url(article, quote.pk, "speaker"), {}).status_code == 302
    quote.refresh_from_db()
    assert quote.speaker_name == "Someone"
    with pytest.raises(ValidationError):
        correct_speaker(quote=quote, speaker=None, speaker_name=" ", user=editor)


def test_a_writer_is_refused_confirm_and_reject(client, article, writer):
    quote = quote_on(article)
    client.force_login(writer)
    assert client.post(quote_url(article, quote.pk, "confirm")).status_code == 403
    assert client.post(quote_url(article, quote.pk, "reject"), headers=HTMX).status_code == 403
    quote.refresh_from_db()
    assert quote.verification == Quote.Verification.UNVERIFIED


def test_a_writer_is_refused_everything_on_a_published_story(client, writer, reyes):
    article = factories.ArticleFactory(body=BODY, published=True)
    quote = quote_on(article)
    client.force_login(writer)
    for verb in ("confirm", "reject", "speaker"):
        assert client.post(quote_url(article, quote.pk, verb), {"speaker": "Luis Reyes"}).status_code == 403
    with pytest.raises(PermissionDenied):
        correct_speaker(quote=quote, speaker=reyes, speaker_name="", user=writer)
    quote.refresh_from_db()
    assert (quote.speaker, quote.speaker_name, quote.verification) == (None, "Someone", "unverified")


def test_the_panel_offers_a_writer_only_what_they_may_do(client, article, writer):
    quote_on(article)
    client.force_login(writer)
    page = client.get(change_url(article)).text
    assert "Quotes in this story" in page and "Correct speaker" in page and "Find quotes in the text" in page
    assert ">Confirm<" not in page and ">Reject<" not in page


def test_an_editor_sees_every_button(client, article, editor):
    quote_on(article)
    client.force_login(editor)
    page = client.get(change_url(article)).text
    assert ">Confirm<" in page and ">Reject<" in page and "Correct speaker" in page


# ---- Bad addresses ----------------------------------------------------------------------------------------------


def test_a_missing_quote_or_another_articles_quote_is_a_404(client, article, editor):
    other = quote_on(factories.ArticleFactory())
    client.force_login(editor)
    assert client.post(quote_url(article, 999999, "confirm")).status_code == 404
    assert client.post(quote_url(article, other.pk, "confirm")).status_code == 404
    assert client.post(quote_url(article, other.pk, "speaker"), {"speaker": "X"}).status_code == 404
    other.refresh_from_db()
    assert other.verification == Quote.Verification.UNVERIFIED


def test_an_unknown_verb_article_or_method_is_refused(client, article, editor):
    quote = quote_on(article)
    client.force_login(editor)
    assert client.post(quote_url(article, quote.pk, "publish")).status_code == 404
    assert client.get(quote_url(article, quote.pk, "confirm")).status_code == 405
    missing = reverse("admin:newsroom_article_quote", args=[999999, quote.pk, "confirm"])
    assert client.post(missing).status_code == 404
    assert client.post(reverse("admin:newsroom_article_quotes", args=["nope"])).status_code == 404


# ---- Escaping, fragments, queries ---------------------------------------------------------------------------------


def test_hostile_speakers_and_quotes_are_escaped(client, article, editor):
    quote_on(article, text='<img src=x onerror="alert(1)">', speaker_name="<script>alert('x')</script>")
    factories.PersonFactory(name='"><script>alert(2)</script>')
    client.force_login(editor)
    for response in (client.get(change_url(article)), client.get(desk_url(article), headers=HTMX)):
        assert "<script>alert" not in response.text and "<img src=x" not in response.text
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in response.text
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in response.text


def test_the_htmx_answer_is_the_panel_alone(client, article, editor):
    quote = quote_on(article)
    client.force_login(editor)
    response = client.post(quote_url(article, quote.pk, "confirm"), headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="quote-desk"' in response.text and "Quote verified against a transcript." in response.text
    assert "HX-Request" in response["Vary"]
    assert 'hx-headers=\'{"X-CSRFToken": "' in response.text


def test_a_plain_get_of_the_panel_goes_to_the_change_page(client, article, editor):
    client.force_login(editor)
    response = client.get(desk_url(article))
    assert response.status_code == 302 and response["Location"] == change_url(article) + "#quote-desk"


@pytest.mark.parametrize("count", [1, 6])
def test_the_panel_takes_a_fixed_number_of_queries(client, article, editor, django_assert_num_queries, count):
    for _ in range(count):
        quote_on(article, speaker=factories.PersonFactory())
    client.force_login(editor)
    # session, user, article, two for permissions, the quotes with their speakers, the names offered
    with django_assert_num_queries(7):
        response = client.get(desk_url(article), headers=HTMX)
    assert response.text.count("Correct speaker") == count


def test_saving_the_form_opened_before_a_click_does_not_undo_it(client, article, editor, reyes):
    quote = quote_on(article)
    client.force_login(editor)
    opened = form_data(client, change_url(article))
    client.post(quote_url(article, quote.pk, "confirm"), headers=HTMX)
    client.post(quote_url(article, quote.pk, "speaker"), {"speaker": "Luis Reyes"}, headers=HTMX)

    assert client.post(change_url(article), {**opened, "headline": "Madrid win again"}).status_code == 302

    quote.refresh_from_db()
    assert (quote.verification, quote.speaker, quote.speaker_name) == ("verified_transcript", reyes, "Luis Reyes")
    assert Article.objects.get(pk=article.pk).headline == "Madrid win again"
