"""How figures and sentences are worded in a language: English by default.

Pure Python. The domain builds its sentences (findings, their definitions) through a Wording, so
that the report can word them in French or Urdu from the app's catalogues: services/wording.py
makes one over Flask-Babel's gettext and Babel's number formats. The English Wording needs
neither and gives the same text as the catalogues' English originals.
"""

from collections.abc import Callable
from dataclasses import dataclass


def _same(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def _english_percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _english_decimal(value: float, digits: int) -> str:
    return f"{value:.{digits}f}"


def _english_number(value: float) -> str:
    return f"{value:g}"


def _english_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Wording:
    """A language's gettext, plural gettext, number formats, ordinals and list separator.

    decimal(x, digits) has a fixed number of digits; number(x) as few as it needs.
    """

    gettext: Callable[[str], str] = _same
    ngettext: Callable[[str, str, int], str] = _english_plural
    percent: Callable[[float], str] = _english_percent
    decimal: Callable[[float, int], str] = _english_decimal
    number: Callable[[float], str] = _english_number
    ordinal: Callable[[int], str] = _english_ordinal
    separator: str = ", "

    def text(self, message: str, **values) -> str:
        """A catalogue message in this language with its %(name)s values filled in."""
        translated = self.gettext(message)
        return translated % values if values else translated

    def plural(self, singular: str, plural: str, num: int, **values) -> str:
        """A message with singular and plural forms, %(num)s and the other values filled in."""
        return self.ngettext(singular, plural, num) % {"num": num, **values}

    def join(self, parts: list[str]) -> str:
        """'a', 'a and b', 'a, b and c' in this language."""
        if len(parts) <= 1:
            return "".join(parts)
        head = self.separator.join(parts[:-1])
        return self.text("%(head)s and %(last)s", head=head, last=parts[-1])

    def quote(self, text: str) -> str:
        """A quoted text: “text” in English, « text » in French."""
        return self.text("“%(text)s”", text=text)


ENGLISH = Wording()
