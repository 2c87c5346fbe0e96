"""The values quote extraction takes and returns: plain frozen dataclasses, no ORM."""

from dataclasses import dataclass

# (paragraph index, character offset in that paragraph): comparable, so "earlier in the text" is `<`.
type Position = tuple[int, int]


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """Someone the caller already knows, so that a surname, first name or nickname resolves to them.

    `full_name` is what `ExtractedQuote.speaker` reports; `aliases` are other names the text may use
    ("Pat", "Patsy"). Matching ignores case and accents.
    """

    full_name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractedQuote:
    """One quotation, however many pieces it was printed in.

    - `text`: the quoted words, pieces joined by a single space, whitespace collapsed, punctuation inside
      the marks kept verbatim (so a quote split as "“A,” X said." keeps its comma).
    - `speaker`: a full name, the name as written when no fuller form is reliable, or None.
    - `paragraph`: 0-based index, among the non-blank lines, of the paragraph where the quote starts.
    - `attribution`: the phrase naming the speaker ("Reyes said on Monday"), or None.
    - `context`: nearby sentences that are not quote (attribution, lead-in), whitespace collapsed.
    - `said_on_hint`: the day the attribution gives ("Monday" for "said on Monday"), or None.

    Text is returned as plain text, never interpreted: escaping it is the renderer's job.
    """

    text: str
    speaker: str | None
    paragraph: int
    attribution: str | None = None
    context: str = ""
    said_on_hint: str | None = None

    def as_json(self) -> dict[str, object]:
        """The `extract_quotes --json` contract from DESIGN.md: text, speaker, paragraph."""
        return {"text": self.text, "speaker": self.speaker, "paragraph": self.paragraph}
