"""Article bodies, from the editor's Markdown to HTML a page may include as it is.

Two locks, so that neither alone has to be perfect: markdown-it-py runs with raw HTML off (a `<script>` typed in
the admin comes out as visible text) and refuses `javascript:` links; then nh3 keeps only a short list of tags,
attributes and URL schemes. Only what `render_body` returns may be marked safe in a template.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from newsroom.embeds import embed_lines

ALLOWED_TAGS = frozenset(
    {"p", "a", "em", "strong", "blockquote", "ul", "ol", "li", "h2", "h3", "h4", "br", "hr", "code", "pre"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Characters that show nothing: a paragraph made only of these is a blank line that an editor's paste (or a
# non-breaking space) disguised, and must not become an empty <p>.
_INVISIBLE = "\u00a0\u200b\u200c\u200d\u2060\ufeff"
_BLANK_LINE = re.compile(rf"^[\s{_INVISIBLE}]+$", re.MULTILINE)
_EMPTY_PARAGRAPH = re.compile(rf"<p>(?:[\s{_INVISIBLE}]|&nbsp;|&#160;|<br>)*</p>\n?")

_markdown = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(["replacements", "smartquotes"])


def _demote_headings(state: StateCore) -> None:
    """The page's headline is the only <h1>: a heading in the body starts at <h2>."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 4)}"


_markdown.core.ruler.push("demote_headings", _demote_headings)


def render_body(text: str, embeds: Mapping[int, str] | None = None) -> str:
    """Sanitised HTML for an article body: paragraphs, emphasis, links, lists, quotes, subheadings.

    Runs of blank lines, and lines that hold only invisible characters, separate paragraphs and never make one.
    With `embeds` (HTML the server rendered from its own templates, by the body's 1-based line number), each
    embed line becomes a placeholder that the editor cannot guess, the Markdown is rendered and sanitised, and
    only then is the placeholder replaced: embed HTML never passes through the editor's text, nor the editor's
    text around it through anything but nh3. An embed line with nothing to show (its quote withdrawn since)
    shows nothing.
    """
    if embeds is None:
        return _sanitised(text)
    nonce = secrets.token_hex(8)
    lines = text.splitlines()
    placeholders: dict[str, str] = {}
    for number, _ in embed_lines(text):
        token = f"embed{nonce}x{number}z"
        placeholders[token] = embeds.get(number, "")
        lines[number - 1] = f"\n{token}\n"
    html = _sanitised("\n".join(lines))
    for token, embed_html in placeholders.items():
        html = _put(html, token, embed_html)
    return html


def _put(html: str, token: str, embed_html: str) -> str:
    """`html` with `embed_html` where `token` was, its paragraph with it (taken literally: no group references)."""
    return re.sub(rf"<p>{token}</p>\n?|{token}", lambda _: embed_html, html)


def _sanitised(text: str) -> str:
    html = _markdown.render(_BLANK_LINE.sub("", text))
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer nofollow",
    )
    return _EMPTY_PARAGRAPH.sub("", clean).strip()
