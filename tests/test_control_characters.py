"""Control characters pasted into a story are cleaned on the way in, and never break a feed on the way out."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db.models import Value
from django.urls import reverse
from django.utils import timezone

from matches.models import Club
from newsroom.models import Article, Quote, Tag, without_control_characters
from tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.mark.parametrize(
    ("pasted", "kept"),
    [
        ("A\x0bB", "A B"),  # a word processor's line break
        ("A\x0cB", "A B"),  # and its page break
        ("A\x00\x01\x08B", "AB"),
        ("A\x0e\x1f\x7fB", "AB"),
        ("A\ud800B\udfffC", "ABC"),  # lone surrogates
        ("A\ufffe\uffffB", "AB"),
        ("One\tTwo\nThree\r\nFour", "One\tTwo\nThree\r\nFour"),
        ("Mbapp\u00e9\u2019s \u00abgolazo\u00bb \u2014 3\u20132",) * 2,  # typography is not control
    ],
)
def test_what_xml_cannot_carry_is_dropped_and_the_rest_kept(pasted, kept):
    assert without_control_characters(pasted) == kept


@pytest.mark.django_db
def test_every_text_typed_into_an_article_is_cleaned_on_save():
    article = factories.ArticleFactory(
        headline="Barça\x0bwin",
        standfirst="Four\x01 points clear",
        body="First\x0bline\n\n\tSecond\x7f paragraph",
        hero_caption="Lewandowski\x0c scores",
        hero_credit="Agency\x1f",
        hero_alt="A player\x08 celebrating",
    )

    article.refresh_from_db()
    assert article.headline == "Barça win"
    assert article.standfirst == "Four points clear"
    assert article.body == "First line\n\n\tSecond paragraph"
    assert (article.hero_caption, article.hero_credit, article.hero_alt) == (
        "Lewandowski  scores",
        "Agency",
        "A player celebrating",
    )


@pytest.mark.django_db
def test_quote_text_is_cleaned_on_save():
    quote = factories.QuoteFactory(text="We are\x0bready", speaker_name="Xabi\x00 Alonso", context="Pre-match\x1b")

    quote.refresh_from_db()
    assert (quote.text, quote.speaker_name, quote.context) == ("We are ready", "Xabi Alonso", "Pre-match")


def article_form_data(headline: str) -> dict[str, str]:
    return {
        "kind": Article.Kind.NEWS,
        "headline": headline,
        "slug": "barca-win",
        "standfirst": "Null\x00 and bell\x07",
        "body": "Body\x0btext",
        "status": Article.Status.DRAFT,
        "quotes-TOTAL_FORMS": "1",
        "quotes-INITIAL_FORMS": "0",
        "quotes-0-text": "A quote\x0bpasted",
        "quotes-0-speaker_name": "Hansi Flick",
        "quotes-0-occasion": Quote.Occasion.OTHER,
        "quotes-0-verification": Quote.Verification.UNVERIFIED,
    }


@pytest.mark.django_db
def test_the_admin_stores_a_pasted_headline_cleaned_and_shows_it(admin_client):
    response = admin_client.post(reverse("admin:newsroom_article_add"), article_form_data("Barça\x0bwin"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert (article.headline, article.standfirst, article.body) == ("Barça win", "Null and bell", "Body text")
    assert article.quotes.get().text == "A quote pasted"
    change_page = admin_client.get(reverse("admin:newsroom_article_change", args=[article.pk]))
    assert 'value="Barça win"' in change_page.content.decode()


def store_as_old_rows_hold_it(model: type, pk: int, **values: str) -> None:
    """Write text past the fields' cleaning (a Value() is not prepared by them), as rows saved before it were."""
    model.objects.filter(pk=pk).update(**{name: Value(value) for name, value in values.items()})


def published_with_a_control_character() -> Article:
    when = timezone.now() - datetime.timedelta(hours=1)
    article = factories.ArticleFactory(status=Article.Status.PUBLISHED, published_at=when, headline="Clean")
    store_as_old_rows_hold_it(Article, article.pk, headline="A\x0bB", standfirst="Four\x01 clear")
    tag = factories.TagFactory(name="Tag")
    article.tags.add(tag)
    store_as_old_rows_hold_it(Tag, tag.pk, name="El\x0bClasico")
    assert Article.objects.values_list("headline", flat=True).get(pk=article.pk) == "A\x0bB"
    return article


@pytest.mark.django_db
def test_a_queryset_update_is_cleaned_too(client):
    article = factories.ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=timezone.now() - datetime.timedelta(hours=1)
    )

    Article.objects.filter(pk=article.pk).update(headline="A\x0bB")

    assert Article.objects.values_list("headline", flat=True).get(pk=article.pk) == "A B"
    for name in ("feed_latest_rss", "feed_latest_atom", "news_sitemap"):
        assert "A B" in ET.tostring(well_formed(client, reverse(name)), encoding="unicode")


def well_formed(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


@pytest.mark.django_db
def test_a_stored_control_character_does_not_break_the_rss_feed(client):
    published_with_a_control_character()

    item = well_formed(client, reverse("feed_latest_rss")).find("./channel/item")

    assert item.findtext("title") == "A B"
    assert item.findtext("description") == "Four clear"
    assert item.findtext("category") == "El Clasico"


@pytest.mark.django_db
def test_a_stored_control_character_does_not_break_the_atom_feed(client):
    published_with_a_control_character()

    entry = well_formed(client, reverse("feed_latest_atom")).find(f"{ATOM}entry")

    assert entry.findtext(f"{ATOM}title") == "A B"


@pytest.mark.django_db
def test_a_stored_control_character_does_not_break_a_club_feed_title(client):
    club = factories.ClubFactory(name="Clean", slug="clean")
    store_as_old_rows_hold_it(Club, club.pk, name="Club\x0bName")

    for name in ("feed_club_rss", "feed_club_atom"):
        assert "Club Name" in ET.tostring(well_formed(client, reverse(name, args=["clean"])), encoding="unicode")


@pytest.mark.django_db
def test_a_stored_control_character_does_not_break_the_news_sitemap(client):
    published_with_a_control_character()

    urlset = well_formed(client, reverse("news_sitemap"))

    assert urlset.findtext(f".//{NEWS}title") == "A B"
