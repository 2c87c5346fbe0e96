"""Quote extraction for plain-text articles: pure functions over strings, no ORM.

>>> from newsroom.quotes import extract_quotes, KnownPerson
>>> [q.speaker for q in extract_quotes('“We go again,” Reyes said.')]
['Reyes']
"""

from .extract import extract_quotes
from .marks import split_paragraphs
from .model import ExtractedQuote, KnownPerson

__all__ = ["ExtractedQuote", "KnownPerson", "extract_quotes", "split_paragraphs"]
