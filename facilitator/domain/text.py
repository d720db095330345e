"""User text made safe to show: invisible format characters neutralised, Unicode composed.

Bidirectional overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069), direction marks,
zero-width spaces, word joiners and byte-order marks can make a proposal read backwards or hide
what it says. They are removed from every stored text (the format category Cf), except the
zero-width non-joiner and joiner (U+200C, U+200D) that Urdu, Persian and other scripts need to
spell words. Control characters proper (Cc) are refused by each validator, with a message.
"""

import unicodedata

KEPT = frozenset("\u200c\u200d")


def clean_text(text: str) -> str:
    """The text in NFC form without invisible format characters (ZWNJ and ZWJ are kept)."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if ch in KEPT or unicodedata.category(ch) != "Cf")
