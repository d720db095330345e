"""The drawing kit of the slide charts (services/chart_image.py): shapes on a 1600 by 900 page,
laid out left to right and mirrored for a right-to-left language, rows of wrapped labels,
stacked bars, colour keys and a footnote. The shapes go to templates/charts/chart.svg.

A text keeps its own direction: an English proposal in an Urdu chart reads left to right (its
full stop at its end) while still anchored on the right, and an Urdu text gets the taller lines
Nastaliq needs, in any chart.
"""

import unicodedata

from flask_babel import format_percent

from facilitator.domain.text_fit import text_width, wrap

WIDTH, HEIGHT = 1600, 900
LEFT, RIGHT = 64, 1536
FOOT = 862  # the baseline of the footnote's last line
INK, MUTED, RULE, TRACK = "#16191f", "#4f5661", "#8a929e", "#eef0f3"
PALETTE = {  # the report's scale colours (templates/report/_charts.html)
    5: ["#b84a12", "#e8a27a", "#cfd3d9", "#86b4dc", "#1f6fb2"],
    7: ["#8f3509", "#c8642b", "#efbb9a", "#cfd3d9", "#a9cbe8", "#4d8fc8", "#134a7a"],
}
DARK = {"#8f3509", "#b84a12", "#c8642b", "#1f6fb2", "#4d8fc8", "#134a7a"}  # white text on these
AGREE, PASS, DISAGREE, SCORE = "#1f6fb2", "#cfd3d9", "#b84a12", "#1d4f91"
_SWAP = {"start": "end", "end": "start", "middle": "middle"}


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def is_urdu(text: str) -> bool:
    """Whether a text has letters of the Arabic script (Urdu)."""
    return any("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff" for c in text)


def leading(lines: list[str]) -> float:
    """The line height of these lines in ems: Nastaliq needs taller lines than Latin type."""
    return 1.8 if any(is_urdu(line) for line in lines) else 1.25


def own_direction(lines: list[str]) -> str | None:
    """'ltr' or 'rtl' by the first letter of the text; None when it has no letter (figures)."""
    for char in "".join(lines):
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


class Canvas:
    """The chart's shapes, laid out left to right; a right-to-left chart gets the mirror image
    (a text's anchor is logical: "start" is where the chart's reading starts)."""

    def __init__(self, rtl: bool):
        self.rtl = rtl
        self.shapes: list[dict] = []

    def rect(self, x, y, width, height, fill, label=None, stroke=None) -> None:
        """A filled rectangle, with a tooltip label if given."""
        if self.rtl:
            x = WIDTH - x - width
        self.shapes.append(
            {"kind": "rect", "x": _n(x), "y": _n(y), "width": _n(width), "height": _n(height)}
            | {"fill": fill, "stroke": stroke, "label": label}
        )

    def text(self, x, y, lines, size, anchor="start", bold=False, fill=INK, own=True) -> None:
        """Lines of text, the first one's baseline at y; `own`: read in the text's own
        direction (a name, an option, a proposal), else in the chart's (a composed line)."""
        lines = [lines] if isinstance(lines, str) else lines
        if self.rtl:
            x = WIDTH - x
        chart = "rtl" if self.rtl else "ltr"
        direction = own_direction(lines) if own else None
        if direction is not None and direction != chart:
            anchor = _SWAP[anchor]  # the same edge, in the text's own direction
        else:
            direction = None
        self.shapes.append(
            {"kind": "text", "x": _n(x), "y": _n(y), "size": size, "anchor": anchor}
            | {"lines": lines, "bold": bold, "fill": fill, "direction": direction}
            | {"line_height": _n(size * leading(lines))}
        )

    def block(self, x, middle, lines, size, **options) -> None:
        """Lines of text centred vertically on `middle`."""
        lines = [lines] if isinstance(lines, str) else lines
        step = size * leading(lines)
        first = middle - len(lines) * step / 2 + step / 2 + size * 0.35
        self.text(x, first, lines, size, **options)


def height(lines: list[str], size: float) -> float:
    """The height these lines take at a size."""
    return len(lines) * size * leading(lines)


def fit_rows(texts, width, available, min_row, comfort=96):
    """(font size, wrapped lines of each text, row heights) filling at most `available`: the
    largest type whose rows fit at one height, else the largest whose rows fit at all; rows
    are then spread over the space left (up to `comfort`)."""
    tries = []
    for max_lines, size in ((3, 28), (3, 26), (3, 24), (3, 22), (2, 22), (1, 22)):
        lines = [wrap(text, width, size, max_lines) for text in texts]
        tries.append((size, lines, [max(min_row, height(found, size) + 16) for found in lines]))
    even = [(s, lines, [max(h)] * len(h)) for s, lines, h in tries if max(h) * len(h) <= available]
    fitting = even or [t for t in tries if sum(t[2]) <= available] or tries[-1:]
    size, lines, needed = fitting[0]
    share = max(0, available - sum(needed)) / max(1, len(texts))
    return size, lines, [max(h, min(comfort, h + share)) for h in needed]


def headers(canvas, y, columns) -> float:
    """Column headings (x, width, text, anchor) at 22 px, wrapped; the y below them."""
    wrapped = [(x, wrap(text, width, 22, 3), anchor) for x, width, text, anchor in columns]
    bottom = y + max(height(lines, 22) for _, lines, _ in wrapped)
    for x, lines, anchor in wrapped:
        step = 22 * leading(lines)
        top = bottom - height(lines, 22) + step * 0.8
        canvas.text(x, top, lines, 22, anchor, fill=MUTED, own=False)
    return bottom + 10


def stacked(canvas, x, y, width, bar, parts) -> None:
    """A 100 % stacked bar of (count, colour, label) parts, shares written where they fit."""
    canvas.rect(x, y, width, bar, "#ffffff", stroke=RULE)
    total = sum(count for count, _, _ in parts)
    for count, colour, label in parts:
        if not count:
            continue
        part = width * count / total
        canvas.rect(x, y, part, bar, colour, label=f"{label}: {count}")
        figure = format_percent(count / total)
        if text_width(figure, 24, bold=True) + 10 <= part:
            ink = "#ffffff" if colour in DARK else INK
            canvas.text(x + part / 2, y + bar / 2 + 8.5, figure, 24, "middle", True, ink)
        x += part


def legend(canvas, x, y, keys) -> None:
    """Colour keys (colour, text) in a row starting at x, at 22 px."""
    for colour, text in keys:
        canvas.rect(x, y - 20, 26, 26, colour, stroke=RULE)
        canvas.text(x + 36, y, text, 22, fill=INK, own=False)
        x += 36 + text_width(text, 22) + 34


def footnote(canvas, text) -> None:
    """A note at the foot of the chart (up to two lines, the last one on the foot line)."""
    lines = wrap(text, RIGHT - LEFT, 22, 2)
    canvas.text(LEFT, FOOT - height(lines[:-1], 22), lines, 22, fill=MUTED, own=False)
