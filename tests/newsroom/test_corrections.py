"""Corrections: appended by an editor with their date and wording, shown under the story and in its JSON-LD for
good; the story's publication date stays true while its modified date moves."""

import datetime
import json
import re

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from newsroom.actions import append_correction
from newsroom.models import Article, Correction
from tests import factories

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
PUBLISHED = datetime.datetime(2025, 5, 9, 9, 0, tzinfo=UTC)
CORRECTED = datetime.datetime(2025, 5, 10, 11, 30, tzinfo=UTC)
WORDING = "An earlier version said Barcelona were five points clear. They are four points clear."


@pytest.fixture
def story() -> Article:
    return factories.ArticleFactory(
        slug="title-race", status=Article.Status.PUBLISHED, published_at=PUBLISHED, body="Barcelona lead."
    )


def corrected(story: Article, editor, text: str = WORDING) -> Correction:
    with time_machine.travel(CORRECTED, tick=False):
        return append_correction(article=story, text=text, editor=editor)


def ld_json(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert found is not None
    return json.loads(found.group(1))


def corrections_block(html: str) -> str:
    start = html.index('class="story__correction"')
    return html[start : html.index("</aside>", start)]


# ---- The action --------------------------------------------------------------------------------------------


def test_a_correction_is_dated_and_moves_the_modified_date_only(story, editor):
    correction = corrected(story, editor)

    story.refresh_from_db()
    assert (correction.text, correction.published_at, correction.editor) == (WORDING, CORRECTED, editor)
    assert story.published_at == PUBLISHED
    assert story.content_updated_at == CORRECTED


def test_a_writer_may_not_append_a_correction(story, writer):
    with pytest.raises(PermissionDenied):
        corrected(story, writer)
    assert not Correction.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"status": Article.Status.IN_REVIEW, "published_at": None},
        {"status": Article.Status.PUBLISHED, "published_at": datetime.datetime(2025, 5, 11, tzinfo=UTC)},
        {"status": Article.Status.DRAFT, "published_at": PUBLISHED},
    ],
    ids=["draft", "in-review", "scheduled", "unpublished"],
)
def test_only_a_public_story_takes_a_correction(editor, fields):
    article = factories.ArticleFactory(**fields)

    with pytest.raises(ValidationError):
        corrected(article, editor)
    assert not Correction.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n ", "\x00\x01"])
def test_a_correction_needs_its_wording(story, editor, text):
    with pytest.raises(ValidationError):
        corrected(story, editor, text)
    assert not Correction.objects.exists()


def test_control_characters_are_dropped_from_the_wording(story, editor):
    assert corrected(story, editor, "Four\x00 points\x0bclear.").text == "Four points clear."


# ---- The page and its JSON-LD -------------------------------------------------------------------------------


def test_the_page_shows_the_correction_with_its_date(client, story, editor):
    corrected(story, editor)

    html = client.get(story.get_absolute_url()).content.decode()

    block = corrections_block(html)
    assert "Correction" in block and "10 May 2025" in block
    assert 'datetime="2025-05-10T12:30:00+01:00"' in block
    assert "five points clear. They are four points clear." in block


def test_the_json_ld_carries_the_correction_and_keeps_the_publication_date(client, story, editor):
    corrected(story, editor)

    data = ld_json(client.get(story.get_absolute_url()).content.decode())

    assert data["datePublished"] == "2025-05-09T10:00:00+01:00"
    assert data["dateModified"] == "2025-05-10T12:30:00+01:00"
    assert data["correction"] == [
        {"@type": "CorrectionComment", "text": WORDING, "datePublished": "2025-05-10T12:30:00+01:00"}
    ]


def test_an_uncorrected_story_has_no_correction(client, story):
    html = client.get(story.get_absolute_url()).content.decode()

    assert "story__correction" not in html
    assert "correction" not in ld_json(html)


def test_corrections_are_shown_oldest_first(client, story, editor):
    corrected(story, editor, "First correction.")
    with time_machine.travel(CORRECTED + datetime.timedelta(days=1), tick=False):
        append_correction(article=story, text="Second correction.", editor=editor)

    html = client.get(story.get_absolute_url()).content.decode()

    assert html.index("First correction.") < html.index("Second correction.")
    assert [c["text"] for c in ld_json(html)["correction"]] == ["First correction.", "Second correction."]
    assert ld_json(html)["dateModified"] == "2025-05-11T12:30:00+01:00"


def test_a_cached_page_shows_a_new_correction(client, story, editor):
    client.get(story.get_absolute_url())  # the page is now cached
    corrected(story, editor)

    assert "five points clear" in corrections_block(client.get(story.get_absolute_url()).content.decode())


HOSTILE = '<script>alert("x")</script> A NUL\x00 here, and [a link](javascript:alert(1)) <img src=x onerror=alert(1)>'


def test_hostile_wording_comes_out_inert(client, story, editor):
    corrected(story, editor, HOSTILE)

    html = client.get(story.get_absolute_url()).content.decode()

    block = corrections_block(html)
    assert "<script>alert" not in html and "<img" not in html
    assert "href=" not in block  # the link is refused: its words stay as text
    assert "\x00" not in html
    assert "A NUL here" in block
    script = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert script is not None and "<" not in script.group(1)
    text = ld_json(html)["correction"][0]["text"]  # words, only ever read as text: the JSON escapes the brackets
    assert text.startswith("<script>alert(") and "A NUL here" in text


def test_the_json_ld_gives_the_wording_as_readers_read_it(client, story, editor):
    corrected(story, editor, "They are **four** points clear & not five;\n\nsee [the table](https://example.com/t).")

    data = ld_json(client.get(story.get_absolute_url()).content.decode())

    assert data["correction"][0]["text"] == "They are four points clear & not five; see the table."


def test_the_page_budget_grows_by_one_query_whatever_the_number_of_corrections(
    client, story, editor, django_assert_num_queries
):
    cache.clear()
    # The article (which says whether it has corrections), its authors, tags, clubs and quotes, related stories.
    with django_assert_num_queries(6):
        client.get(story.get_absolute_url())
    for n in range(3):
        corrected(story, editor, f"Correction {n}.")
        cache.clear()
        with django_assert_num_queries(7):  # and its corrections, read once it has some
            assert client.get(story.get_absolute_url()).status_code == 200


# ---- The admin ----------------------------------------------------------------------------------------------


def change_url(article: Article) -> str:
    return reverse("admin:newsroom_article_change", args=[article.pk])


def change_form(article: Article, *corrections: str, saved: int = 0, **fields: str) -> dict[str, str]:
    """The article's change form as the admin posts it, with `corrections` typed into new inline rows."""
    data = {
        "kind": article.kind,
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "status": article.status,
        "published_at_0": "2025-05-09",
        "published_at_1": "10:00:00",
        "quotes-TOTAL_FORMS": "0",
        "quotes-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": str(saved + len(corrections)),
        "corrections-INITIAL_FORMS": str(saved),
        "preview_links-TOTAL_FORMS": "0",
        "preview_links-INITIAL_FORMS": "0",
        # The version the form was opened at: the article as it stands (the stale-save check, newsroom.editing).
        "opened_at": Article.objects.get(pk=article.pk).updated_at.isoformat(),
    }
    for n, text in enumerate(corrections, start=saved):
        data[f"corrections-{n}-text"] = text
    return data | fields


def test_an_editor_appends_a_correction_in_the_admin(client, story, editor):
    client.force_login(editor)
    assert 'id="corrections-group"' in client.get(change_url(story)).content.decode()

    response = client.post(change_url(story), change_form(story, WORDING))

    assert response.status_code == 302, response.content.decode()[:3000]
    correction = Correction.objects.get()
    assert (correction.article, correction.text, correction.editor) == (story, WORDING, editor)
    story.refresh_from_db()
    assert story.published_at == PUBLISHED and story.content_updated_at == correction.published_at


def test_a_saved_correction_is_shown_but_neither_edited_nor_deleted_in_the_admin(client, story, editor):
    correction = corrected(story, editor)
    client.force_login(editor)

    page = client.get(change_url(story)).content.decode()
    assert WORDING in page and 'name="corrections-0-text"' not in page and "corrections-0-DELETE" not in page

    data = change_form(story, saved=1) | {
        "corrections-0-id": str(correction.pk),
        "corrections-0-article": str(story.pk),
        "corrections-0-text": "Quietly rewritten.",
        "corrections-0-DELETE": "on",
    }
    assert client.post(change_url(story), data).status_code == 302
    assert Correction.objects.get().text == WORDING


def test_a_draft_takes_no_correction_in_the_admin(client, editor):
    draft = factories.ArticleFactory()
    client.force_login(editor)

    response = client.post(change_url(draft), change_form(draft, WORDING))

    assert response.status_code == 302  # saved, without the inline it is not offered
    assert not Correction.objects.exists()


def test_the_form_cannot_unpublish_a_story_while_correcting_it(client, story, editor):
    """The status moves only through the workflow's steps: a status posted with a correction is ignored, so the
    story stays live and takes its correction."""
    client.force_login(editor)

    response = client.post(change_url(story), change_form(story, WORDING, status=Article.Status.DRAFT))

    assert response.status_code == 302
    assert Correction.objects.get().text == WORDING
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED


def test_a_writer_can_append_no_correction_in_the_admin(client, story, writer):
    client.force_login(writer)

    assert client.post(change_url(story), change_form(story, WORDING)).status_code == 403
    draft = factories.ArticleFactory(published_at=PUBLISHED)  # once public, now back to draft
    assert 'name="corrections-MAX_NUM_FORMS" value="0"' in client.get(change_url(draft)).content.decode()
    client.post(change_url(draft), change_form(draft, WORDING))

    assert not Correction.objects.exists()
