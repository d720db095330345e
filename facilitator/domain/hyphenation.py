"""Where a long word may break on a projector: soft hyphens from the language's dictionary.

A group's name heads a narrow column on the projector. A word wider than the column (French
"Gouvernement" at the type floor) then breaks where the language's hyphenation dictionary allows,
with a hyphen shown, never between two arbitrary letters. Languages without a dictionary (Urdu is
not hyphenated) keep the text as it is.
"""

from functools import cache, lru_cache

import pyphen

SOFT_HYPHEN = "\u00ad"


@cache
def _dictionary(lang: str) -> pyphen.Pyphen | None:
    if lang not in pyphen.LANGUAGES:
        return None
    return pyphen.Pyphen(lang=lang, left=3, right=3)


@lru_cache(maxsize=1024)  # a room's group names, built into every screen's state
def hyphenated(text: str, lang: str) -> str:
    """The text with soft hyphens (U+00AD) where its words may break; unchanged without a
    dictionary for the language."""
    dictionary = _dictionary(lang)
    if dictionary is None:
        return text
    return " ".join(dictionary.inserted(word, hyphen=SOFT_HYPHEN) for word in text.split(" "))
