"""Article search for readers: full-text search on PostgreSQL, a plain substring search on SQLite.

PostgreSQL matches web-search syntax ("a phrase", -word, or) against each article's stored, GIN-indexed
`document` (headline A, standfirst B, body C). However many stories match, a search reads a bounded amount:
the count stops at COUNT_CAP + 1 matches (past it the page says "more than"), and relevance (`ts_rank` over
the stored document) is computed for the first COUNT_CAP matches found, in the index's order: every match
when there are fewer, a sample of them when there are more. `ts_headline` marks the words matched for the ten
rows shown, and for no others.

SQLite has no text search: every word and quoted phrase must appear in the headline, standfirst or body
(case-insensitive for ASCII) and no -word may, stories with more of them in the headline come first, and the
excerpt is cut around the first hit.

Either way only published articles are found, and every piece of highlighted HTML is built from escaped text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING, TypedDict, cast

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, F
from django.db.models.expressions import RawSQL
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from newsroom.models import ARTICLE_SEARCH_CONFIG, Article, ArticleQuerySet, article_search_query
from newsroom.rendering import render_body
from newsroom.search_terms import search_terms

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
SEARCH_CONFIG = ARTICLE_SEARCH_CONFIG
EXCERPT_WORDS = 30
# The count reads at most COUNT_CAP + 1 matches, and relevance orders the first COUNT_CAP (bench/README.md:
# ranking 2,000 stored documents takes about 10 ms; past 200 pages of ten nobody reads on).
COUNT_CAP = 2000

# ts_headline wraps each match in these; they are private-use characters no editor types, and any stray one
# in an article is dropped, so after escaping they can become <mark> without trusting the text around them.
START, STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
_WORD = re.compile(r"\w+(?:['\u2019.\-]\w+)*")  # "Madrid's" with either apostrophe, "Saint-Germain"
_SPACES = re.compile(r"\s+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)?")  # [text](url), or [text](ur cut short: the text
_STRAY_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,3}(?=\w)|(?<=\w)[*_]{1,3}(?!\w)")


@dataclass(frozen=True)
class Query:
    """What the reader asked for, cleaned: `text` is safe to send to the database and to print."""

    text: str
    truncated: bool = False

    @property
    def terms(self) -> list[str]:
        """The words, for the SQLite fallback and its highlights; punctuation and search syntax dropped."""
        return list(dict.fromkeys(word.lower() for word in _WORD.findall(self.text)))[:MAX_TERMS]


@dataclass(frozen=True)
class Hit:
    """One result: the article as listed elsewhere, its headline and an excerpt with <mark> around matches."""

    article: Article
    headline_html: SafeString
    excerpt_html: SafeString


class Marks(TypedDict):
    config: str
    start_sel: str
    stop_sel: str


class Marked(TypedDict):
    """What `_full_text` annotates each article with: its headline and an excerpt, matches marked."""

    headline_marked: str
    excerpt_marked: str


def clean_query(raw: str) -> Query:
    """Control characters dropped (PostgreSQL refuses a NUL), runs of space collapsed, and anything past
    MAX_QUERY_LENGTH cut at a word boundary when there is one."""
    printable = "".join(char for char in raw if unicodedata.category(char)[0] != "C" or char in "\t\n\r")
    text = _SPACES.sub(" ", printable).strip()
    if len(text) <= MAX_QUERY_LENGTH:
        return Query(text)
    cut = text[:MAX_QUERY_LENGTH]
    return Query(cut.rsplit(" ", 1)[0] if " " in cut else cut, truncated=True)


def matching(query: Query) -> ArticleQuerySet:
    """Published articles matching `query`, unordered. Precondition: query.text."""
    return Article.objects.published().search(query.text)


def count_matches(query: Query) -> int:
    """How many published articles match, counting no further than COUNT_CAP + 1 (one query)."""
    return matching(query).order_by().values("pk")[: COUNT_CAP + 1].count()


def search_articles(query: Query, start: int, stop: int, *, newest: bool = False) -> ArticleQuerySet:
    """Results `start` to `stop` of `query`, best first (with `newest`, newest first), with what a teaser shows
    and, on PostgreSQL, the marked headline and excerpt for `hits` (one query, plus bylines).

    Ranking must read every match it orders, so it is for searches of at most COUNT_CAP matches; past that the
    page asks for `newest`: the newest matches are found by walking the stories newest first and stopping at
    the page's last, which costs the page, not the matches. Precondition: query.text."""
    if connection.vendor == "postgresql":
        return _full_text(query, start, stop, newest=newest)
    found = matching(query).for_listing()
    return (found.order_by("-published_at", "-pk") if newest else found.headline_hits_first(query.text))[start:stop]


def hits(articles: Iterable[Article], query: Query) -> list[Hit]:
    """Highlighted results for one page of `search_articles`: run it on a page, never on the whole set."""
    if connection.vendor == "postgresql":
        # The articles are a page of `_full_text`, which annotated them (the precondition above).
        return [_full_text_hit(cast("WithAnnotations[Article, Marked]", article)) for article in articles]
    terms = search_terms(query.text).required
    return [_substring_hit(article, terms) for article in articles]


# ---- PostgreSQL --------------------------------------------------------------------------------------------


def _full_text(query: Query, start: int, stop: int, *, newest: bool = False) -> ArticleQuerySet:
    ts_query = article_search_query(query.text)
    marks: Marks = {"config": SEARCH_CONFIG, "start_sel": START, "stop_sel": STOP}
    if newest:
        ids = matching(query).order_by("-published_at", "-pk").values("id")[start:stop]
        inner, params = ids.query.sql_with_params()
        page = RawSQL(f'"newsroom_article"."id" = ANY(ARRAY({inner}))', params, output_field=BooleanField())
        return _marked(Article.objects.filter(page), ts_query, marks, order=("-published_at", "-pk"))
    # The first COUNT_CAP matches in the order the index (or, for a word most stories hold, the table) yields
    # them, with no sort: a sort would read every match, and walking the date index newest first reads and
    # decompresses every stored document it passes, matching or not (bench/README.md). They are ranked in a
    # subquery that joins nothing; ARRAY() makes the page's ids one value, so the outer query fetches those
    # rows by primary key, and marks the headlines of those rows and no others.
    candidates = matching(query).order_by().values("id", "published_at", "document")[:COUNT_CAP]
    inner, params = candidates.query.sql_with_params()
    rank = "ts_rank(c.document, websearch_to_tsquery(%s::regconfig, %s))"
    page = RawSQL(
        f'"newsroom_article"."id" = ANY(ARRAY(SELECT c.id FROM ({inner}) c'
        f" ORDER BY {rank} DESC, c.published_at DESC, c.id DESC LIMIT %s OFFSET %s))",
        (*params, SEARCH_CONFIG, query.text, max(stop - start, 0), start),
        output_field=BooleanField(),
    )
    return _marked(Article.objects.filter(page), ts_query, marks, order=("-rank", "-published_at", "-pk"))


def _marked(
    articles: ArticleQuerySet, ts_query: SearchQuery, marks: Marks, *, order: tuple[str, ...]
) -> ArticleQuerySet:
    """A page's rows with what a teaser shows, their rank, and their headline and excerpt marked, in `order`."""
    return (
        articles.for_listing()
        .annotate(
            rank=SearchRank(F("document"), ts_query),
            headline_marked=SearchHeadline("headline", ts_query, highlight_all=True, **marks),
            excerpt_marked=SearchHeadline(
                "body", ts_query, max_words=EXCERPT_WORDS, min_words=15, max_fragments=2, **marks
            ),
        )
        .order_by(*order)
    )


def _full_text_hit(article: WithAnnotations[Article, Marked]) -> Hit:
    # The excerpt is a piece of Markdown: rendered to plain text first, so no `**` or `[link](...)` shows.
    return Hit(article, marked_to_html(article.headline_marked), marked_to_html(plain_text(article.excerpt_marked)))


def marked_to_html(marked: str) -> SafeString:
    """Text with START/STOP markers as HTML: everything escaped, then each marked run wrapped in <mark>."""
    html = _MARKED.sub(r"<mark>\1</mark>", escape(marked))
    return mark_safe(html.replace(START, "").replace(STOP, ""))  # built from escaped text only


def plain_text(markdown: str) -> str:
    """What a reader sees of a Markdown body, as one line of plain text. ts_headline cuts fragments anywhere,
    so a link may have lost its closing bracket, or emphasis one of its pair: those leftovers go too."""
    text = _LINK.sub(r"\1", markdown)
    text = unescape(strip_tags(render_body(text)))
    return _SPACES.sub(" ", _STRAY_EMPHASIS.sub("", text)).strip()


# ---- SQLite ------------------------------------------------------------------------------------------------


def _substring_hit(article: Article, terms: list[str]) -> Hit:
    return Hit(article, highlight(article.headline, terms), highlight(excerpt(plain_text(article.body), terms), terms))


def excerpt(text: str, terms: list[str], words: int = EXCERPT_WORDS) -> str:
    """About `words` words of `text` around the first term found in it (the opening when none is)."""
    pattern = _terms_pattern(terms)
    first = pattern.search(text) if pattern else None
    before = text[: first.start()].split() if first else []
    start = max(len(before) - words // 3, 0)
    chosen = text.split()[start : start + words]
    opening = "… " if start else ""
    ending = " …" if start + words < len(text.split()) else ""
    return f"{opening}{' '.join(chosen)}{ending}"


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every occurrence of a term (any case) in <mark>."""
    pattern = _terms_pattern(terms)
    if pattern is None:
        return escape(text)
    pieces = pattern.split(text)
    # re.split with one group alternates text and matches: odd positions are the matches.
    html = "".join(f"<mark>{escape(p)}</mark>" if i % 2 else escape(p) for i, p in enumerate(pieces))
    return mark_safe(html)  # every piece escaped above


def _terms_pattern(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(f"({alternatives})", re.IGNORECASE)
