"""Text from the data that remembers where in the data it came from.

A context builder returns narrative as `Bound` strings: they behave as plain text everywhere
(the workbook, alt text, a sentence built around them), and the Word renderer wraps each one it
prints on its own in a content control tagged with its path, so that an edit made in Word can be
read back into the data (reportgen.readback). A Bound made from narrative (`rich`) may carry
formatting (`formatted`, reportgen.model.formatted), which the Word and web renderers write; as a
str it is the text a reader reads."""

from __future__ import annotations

from reportgen.jsonpath import address, split_address
from reportgen.model.formatted import Formatted

__all__ = ["Bound", "Foreign", "address", "split_address"]


class Bound(str):
    """A piece of narrative and its address: a JSON path in the inspection file
    ($.domain_one["P 1.1"].strengths[0]), prefixed with the file's name for a file a region names
    (pdus/luton.json#$.pdu.name). Joining or formatting it gives a plain str: a sentence built
    around data is fixed wording, not an editable segment. `rich`: the field takes formatting
    (its box in Word is a rich-text control)."""

    path: str
    rich: bool
    formatted: Formatted | None

    def __new__(cls, text: str, path: str, rich: bool = False) -> Bound:
        obj = super().__new__(cls, text)
        obj.path = path
        obj.rich = rich
        obj.formatted = text if isinstance(text, Formatted) else None
        return obj

    def __reduce__(self) -> tuple:
        return (Bound, (self.formatted or str(self), self.path, self.rich))


class Foreign(str):
    """Text in another language than its edition's: a Welsh draft's English stand-in for a
    passage not yet translated. Renderers mark its language (w:lang, lang=) so that a screen
    reader reads it as English and a spelling checker checks it as English."""

    lang: str  # BCP 47, such as "en-GB"

    def __new__(cls, text: str, lang: str) -> Foreign:
        obj = super().__new__(cls, text)
        obj.lang = lang
        return obj

    def __reduce__(self) -> tuple:
        return (Foreign, (str(self), self.lang))
