"""The editorial app: sections, tags, authors, articles and the quote archive.

The newsroom may refer to matches and people; neither refers back. One module per family of models; every
model and QuerySet is importable from here.
"""

from newsroom.models.articles import (
    ARTICLE_SEARCH_CONFIG as ARTICLE_SEARCH_CONFIG,
)
from newsroom.models.articles import (
    Article as Article,
)
from newsroom.models.articles import (
    ArticleDocument as ArticleDocument,
)
from newsroom.models.articles import (
    ArticleEvent as ArticleEvent,
)
from newsroom.models.articles import (
    ArticleImage as ArticleImage,
)
from newsroom.models.articles import (
    ArticleQuerySet as ArticleQuerySet,
)
from newsroom.models.articles import (
    ArticleSlug as ArticleSlug,
)
from newsroom.models.articles import (
    Author as Author,
)
from newsroom.models.articles import (
    Correction as Correction,
)
from newsroom.models.articles import (
    PreviewLink as PreviewLink,
)
from newsroom.models.articles import (
    PreviewLinkQuerySet as PreviewLinkQuerySet,
)
from newsroom.models.articles import (
    Section as Section,
)
from newsroom.models.articles import (
    Tag as Tag,
)
from newsroom.models.articles import (
    article_search_query as article_search_query,
)
from newsroom.models.cleaning import (
    CleanCharField as CleanCharField,
)
from newsroom.models.cleaning import (
    CleanFormField as CleanFormField,
)
from newsroom.models.cleaning import (
    CleansControlCharacters as CleansControlCharacters,
)
from newsroom.models.cleaning import (
    CleanTextField as CleanTextField,
)
from newsroom.models.cleaning import (
    without_control_characters as without_control_characters,
)
from newsroom.models.quotes import (
    QUOTE_SEARCH_CONFIG as QUOTE_SEARCH_CONFIG,
)
from newsroom.models.quotes import (
    Quote as Quote,
)
from newsroom.models.quotes import (
    QuoteDocument as QuoteDocument,
)
from newsroom.models.quotes import (
    QuoteQuerySet as QuoteQuerySet,
)
from newsroom.models.quotes import (
    quote_search_query as quote_search_query,
)
from newsroom.models.tokens import (
    ApiToken as ApiToken,
)
from newsroom.models.tokens import (
    ApiTokenQuerySet as ApiTokenQuerySet,
)
