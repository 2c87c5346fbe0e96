"""The quote panel on an article's admin page: the quotes found in the saved body, each confirmed, rejected or
given its right speaker with one click, through the actions and their permission rules."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from newsroom.actions import suggest_quotes_from_body
from newsroom.models import Article, Quote
from newsroom.roles import EDITOR, WRITER
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
BODY = "Madrid won again on Saturday.\n\n“We go again,” Reyes said.\n\n“The lads were \\*brilliant\\*,” said Reyes."


def staff(django_user_model, name: str, role: str):
    user = django_user_model.objects.create_user(name, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "editor", EDITOR)


@pytest.fixture
def writer(django_user_model):
    return staff(django_user_model, "writer", WRITER)


@pytest.fixture
def reyes():
    return factories.PersonFactory(name="Luis Reyes", aliases=["Reyes"])


@pytest.fixture
def article(reyes) -> Article:
    return factories.ArticleFactory(headline="Madrid win", body=BODY)


def quote_on(article: Article, **fields) -> Quote:
    defaults = {"speaker": None, "speaker_name": "Someone", "verification": Quote.Verification.SUGGESTED}
    return factories.QuoteFactory(source_article=article, **{**defaults, **fields})


def quote_url(article: Article, quote_id: int, verb: str) -> str:
    return reverse("admin:newsroom_article_quote", args=[article.pk, quote_id, verb])


def desk_url(article: Article) -> str:
    return reverse("admin:newsroom_article_quotes", args=[article.pk])


def change_url(article: Article) -> str:
    return reverse("admin:newsroom_article_change", args=[article.pk])


def test_finding_quotes_stores_each_suggestion_once(article, editor, reyes):
    assert suggest_quotes_from_body(article=article, user=editor) == 2
    assert suggest_quotes_from_body(article=article, user=editor) == 0
    quotes = list(article.quotes.in_reading_order())
    assert [(q.paragraph, q.text, q.speaker) for q in quotes] == [
        (1, "We go again,", reyes),
        (2, "The lads were *brilliant*,", reyes),  # as written: the body's Markdown escapes undone
    ]
    assert {q.verification for q in quotes} == {Quote.Verification.SUGGESTED}


def test_a_rejected_quote_is_not_suggested_again(article, editor):
    suggest_quotes_from_body(article=article, user=editor)
    article.quotes.update(verification=Quote.Verification.REJECTED)
    assert suggest_quotes_from_body(article=article, user=editor) == 0
    assert article.quotes.count() == 2
