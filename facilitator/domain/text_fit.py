"""Fitting text into a drawing without a font at hand: estimated widths and word wrapping.

Pure Python. A chart drawn on the server (services/chart_image.py) cannot measure its text, so
widths are estimated per character from the proportions of a sans-serif face, generously, so
that an estimated line is rarely narrower than the drawn one. Lines break between words only;
an ellipsis ends the last line when the text needs more lines than allowed.
"""

import re

ELLIPSIS = "…"
_NARROW = set("iljI.,:;!|'\u2019()[]ft·-")
_WIDE = set("mwMW@%—")
_CAPITALS_WIDTH = 0.72
_LOWER_WIDTH = 0.58
_DIGIT_WIDTH = 0.64


def char_width(char: str) -> float:
    """A character's estimated advance in ems."""
    if char.isspace():
        return 0.34
    if char in _NARROW:
        return 0.36
    if char in _WIDE:
        return 0.95
    if char.isdigit():
        return _DIGIT_WIDTH
    if "\u0600" <= char <= "\u06ff" or "\ufb50" <= char <= "\ufeff":
        return 0.44  # Arabic script (Urdu): joined letters are narrow, Nastaliq is compact
    if char.isupper():
        return _CAPITALS_WIDTH
    return _LOWER_WIDTH


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The estimated width of one line of text at a font size (in the drawing's units)."""
    return sum(char_width(c) for c in text) * size * (1.06 if bold else 1.0)


def wrap(text: str, width: float, size: float, max_lines: int = 3, bold: bool = False) -> list:
    """The text broken between words into lines of at most `width`; when more than `max_lines`
    lines would be needed, the last one kept ends with an ellipsis. A single word wider than
    a line keeps a line of its own (never cut)."""
    words = re.split(r"[ \t\r\n]+", text.strip())  # a no-break space keeps its words together
    lines: list[str] = []
    for word in words:
        if not word:
            continue
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, size, bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) <= max_lines:
        return lines
    return [*lines[: max_lines - 1], _with_ellipsis(lines[max_lines - 1], width, size, bold)]


def _with_ellipsis(line: str, width: float, size: float, bold: bool) -> str:
    """The line with an ellipsis, whole words dropped from its end until it fits."""
    words = line.split(" ")
    while len(words) > 1 and text_width(" ".join(words) + ELLIPSIS, size, bold) > width:
        words.pop()
    return " ".join(words) + ELLIPSIS
