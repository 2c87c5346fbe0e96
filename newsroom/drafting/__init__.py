"""Drafts written from the data: a preview before kick-off, a short report after full time.

Two halves. `draft_facts` (facts.py) reads everything a draft may say, once, as of a moment; `write_draft`
(prose.py) turns those facts into a headline, a standfirst and plain paragraphs without touching the database.
The action that stores the draft is `newsroom.actions.draft_from_match`; it escapes the paragraphs into Markdown.
"""

from newsroom.drafting.facts import DraftFacts, draft_facts, draft_kind, draft_slug
from newsroom.drafting.prose import Draft, write_draft

__all__ = ["Draft", "DraftFacts", "draft_facts", "draft_kind", "draft_slug", "write_draft"]
