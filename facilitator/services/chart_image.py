"""A chart of one prompt's published results as a standalone SVG image (16:9), for slides.

The figures are exactly those the room was shown: the released results of a revealed prompt
(services/release.py), named and translated by exports.prompt_aggregates as in the data files,
so a group is drawn only where the screens and the report show it (k or more, complementary
suppression). Hidden results, results not released yet, a closed event and a prompt without
answers are refused with a message (ServiceError), never drawn.

The image is drawn in one language (en, fr or ur): the prompt's text and options, group and
room names where translated, words from the app's catalogues and numbers by Babel ("38 %",
"2,8" in French). Urdu is drawn right to left with the app's Urdu font inside the file, so a
slide tool or a PNG made from it shows real letters. Text widths are estimated
(domain/text_fit.py): labels wrap between words, an ellipsis only after their last line.
"""

import re
import unicodedata

from flask import current_app, render_template
from flask_babel import force_locale, format_decimal, format_percent, gettext, ngettext
from markupsafe import Markup
from sqlalchemy import select

from facilitator import i18n
from facilitator.domain.text_fit import text_width, wrap
from facilitator.extensions import db
from facilitator.models import Prompt, Proposal, ProposalStatus
from facilitator.pdf import embedded_fonts_css
from facilitator.services import ServiceError, exports, payloads, release, retention

WIDTH, HEIGHT = 1600, 900
LEFT, RIGHT = 64, 1536
FOOT = 862  # the baseline of the footnote
INK, MUTED, RULE, TRACK = "#16191f", "#4f5661", "#8a929e", "#eef0f3"
PALETTE = {  # the report's scale colours (templates/report/_charts.html)
    5: ["#b84a12", "#e8a27a", "#cfd3d9", "#86b4dc", "#1f6fb2"],
    7: ["#8f3509", "#c8642b", "#efbb9a", "#cfd3d9", "#a9cbe8", "#4d8fc8", "#134a7a"],
}
DARK = {"#8f3509", "#b84a12", "#c8642b", "#1f6fb2", "#4d8fc8", "#134a7a"}  # white text on these
AGREE, PASS, DISAGREE, SCORE = "#1f6fb2", "#cfd3d9", "#b84a12", "#1d4f91"
TOP_PROPOSALS = 8
NONE = "\u2013"  # a figure that does not exist (no answer gave an opinion)
LATIN_FONTS = '"Noto Sans", "DejaVu Sans", Arial, sans-serif'
URDU_FONTS = '"Noto Nastaliq Urdu", ' + LATIN_FONTS


# --- what may be drawn ----------------------------------------------------------------------


def published_aggregates(prompt: Prompt, lang: str) -> dict:
    """The prompt's results as the room was shown them, named in a language; ServiceError when
    there is nothing published to draw."""
    if retention.archive_of(prompt.room.event) is not None:
        raise ServiceError(
            "event_closed",
            "This event is closed and its answers are deleted: use its archived report instead.",
        )
    if not prompt.results_revealed:
        raise ServiceError(
            "results_hidden",
            "These results are hidden from the room. Reveal them first: a chart shows only "
            "what the room has seen.",
        )
    published = release.public_results(prompt, payloads.results(prompt))
    if published is None:
        raise ServiceError(
            "results_not_released",
            "The room has not been shown any results of this prompt yet: results appear once "
            "enough people have answered.",
        )
    if prompt.kind == "proposal":
        approved = set(
            db.session.scalars(
                select(Proposal.id).where(
                    Proposal.prompt_id == prompt.id, Proposal.status == ProposalStatus.APPROVED
                )
            )
        )
        # A proposal hidden since the room's results were taken is not drawn.
        published = {
            **published,
            "proposals": [p for p in published["proposals"] if p["id"] in approved],
        }
    names = {c.id: c.name_in(lang) for c in prompt.room.event.constituencies}
    item = exports.prompt_aggregates(prompt, names, lang, results=published)
    if prompt.kind == "proposal":
        item["proposals"] = [p for p in item["proposals"] if p["support_across_groups"] is not None]
        if not item["proposals"]:
            raise ServiceError(
                "no_ranked_proposals",
                "No proposal has enough votes to be ranked yet, so there is no chart to save.",
            )
    elif not item["overall"]["n"]:
        raise ServiceError("no_answers", "Nobody has answered this prompt, so there is no chart.")
    return item


def chart_filename(prompt: Prompt, lang: str, extension: str = "svg") -> str:
    """The image's download name, ASCII only: '<room>-<position>-<kind>[-<lang>].svg'."""
    ascii_name = unicodedata.normalize("NFKD", prompt.room.name).encode("ascii", "ignore")
    room = re.sub(r"[^a-z0-9]+", "-", ascii_name.decode("ascii").lower()).strip("-")
    suffix = "" if lang == i18n.DEFAULT else f"-{lang}"
    room = room or f"room-{prompt.room.id}"
    return f"{room}-{prompt.position + 1}-{prompt.kind}{suffix}.{extension}"


def chart_svg(prompt: Prompt, lang: str = i18n.DEFAULT) -> str:
    """The SVG image of the prompt's published results in a language (see the module doc)."""
    lang = i18n.valid(lang) or i18n.DEFAULT
    item = published_aggregates(prompt, lang)
    rtl = i18n.direction(lang) == "rtl"
    with force_locale(lang):
        canvas = Canvas(rtl)
        top = _heading(canvas, prompt, item)
        DRAW[prompt.kind](canvas, item, top)
        return render_template(
            "charts/chart.svg",
            canvas=canvas,
            lang=lang,
            rtl=rtl,
            title=item["prompt"],
            fonts=URDU_FONTS if rtl else LATIN_FONTS,
            font_css=Markup(embedded_fonts_css()) if rtl else None,
        )


# --- drawing --------------------------------------------------------------------------------


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


class Canvas:
    """The chart's shapes, laid out left to right; a right-to-left language gets the mirror
    image (a text's anchor is logical: "start" is where its reading starts)."""

    def __init__(self, rtl: bool):
        self.rtl = rtl
        self.leading = 1.8 if rtl else 1.25  # Nastaliq needs taller lines
        self.shapes: list[dict] = []

    def rect(self, x, y, width, height, fill, label=None, stroke=None) -> None:
        """A filled rectangle, with a tooltip label if given."""
        if self.rtl:
            x = WIDTH - x - width
        self.shapes.append(
            {"kind": "rect", "x": _n(x), "y": _n(y), "width": _n(width), "height": _n(height)}
            | {"fill": fill, "stroke": stroke, "label": label}
        )

    def text(self, x, y, lines, size, anchor="start", bold=False, fill=INK) -> None:
        """Lines of text, the first one's baseline at y."""
        if self.rtl:
            x = WIDTH - x
        self.shapes.append(
            {"kind": "text", "x": _n(x), "y": _n(y), "size": size, "anchor": anchor}
            | {"lines": [lines] if isinstance(lines, str) else lines, "bold": bold, "fill": fill}
            | {"line_height": _n(size * self.leading)}
        )

    def block(self, x, middle, lines, size, **options) -> None:
        """Lines of text centred vertically on `middle`."""
        lines = [lines] if isinstance(lines, str) else lines
        height = len(lines) * size * self.leading
        first = middle - height / 2 + size * self.leading / 2 + size * 0.35
        self.text(x, first, lines, size, **options)

    def height(self, lines: int, size: float) -> float:
        """The height of so many lines at a size."""
        return lines * size * self.leading


def _pct(share) -> str:
    return NONE if share is None else format_percent(share)


def _heading(canvas: Canvas, prompt: Prompt, item: dict) -> float:
    """The prompt's text (up to 3 lines) and a subtitle; the y where the chart may start."""
    title = wrap(item["prompt"], RIGHT - LEFT, 40, 3, bold=True)
    canvas.text(LEFT, 64 + 40, title, 40, bold=True)
    y = 64 + canvas.height(len(title), 40) + 12
    if prompt.kind == "proposal":
        votes = sum(p["votes"] for p in item["proposals"])
        count = ngettext("%(num)s vote", "%(num)s votes", votes)
    else:
        count = f"n = {item['overall']['n']}"
    subtitle = " · ".join((prompt.room.event.title, item["room"], count))
    lines = wrap(subtitle, RIGHT - LEFT, 26, 2)
    canvas.text(LEFT, y + 26, lines, 26, fill=MUTED)
    return y + canvas.height(len(lines), 26) + 28


def _fit_rows(canvas, texts, width, available, min_row, comfort=96):
    """(font size, wrapped lines of each text, row heights) filling at most `available`: the
    largest type whose lines fit, rows then spread over the space left (up to `comfort`)."""
    for max_lines, size in ((3, 28), (3, 26), (3, 24), (3, 22), (2, 22), (1, 22)):
        lines = [wrap(text, width, size, max_lines) for text in texts]
        needed = [max(min_row, canvas.height(len(found), size) + 20) for found in lines]
        if sum(needed) <= available:
            break
    share = max(0, available - sum(needed)) / max(1, len(texts))
    return size, lines, [max(h, min(comfort, h + share)) for h in needed]


def _headers(canvas, y, columns) -> float:
    """Column headings (x, width, text, anchor) at 22 px, wrapped; the y below them."""
    wrapped = [(x, wrap(text, width, 22, 3), anchor) for x, width, text, anchor in columns]
    tallest = max(len(lines) for _, lines, _ in wrapped)
    bottom = y + canvas.height(tallest, 22)
    for x, lines, anchor in wrapped:
        first = bottom - canvas.height(len(lines), 22) + 22
        canvas.text(x, first, lines, 22, anchor=anchor, fill=MUTED)
    return bottom + 10


def _stacked(canvas, x, y, width, height, parts) -> None:
    """A 100 % stacked bar of (count, colour, label) parts, shares written where they fit."""
    canvas.rect(x, y, width, height, "#ffffff", stroke=RULE)
    total = sum(count for count, _, _ in parts)
    for count, colour, label in parts:
        if not count:
            continue
        part = width * count / total
        canvas.rect(x, y, part, height, colour, label=f"{label}: {count}")
        figure = format_percent(count / total)
        if text_width(figure, 24, bold=True) + 10 <= part:
            ink = "#ffffff" if colour in DARK else INK
            canvas.text(x + part / 2, y + height / 2 + 8.5, figure, 24, "middle", True, ink)
        x += part


def _legend(canvas, x, y, keys) -> None:
    """Colour keys (colour, text) in a row starting at x, at 22 px."""
    for colour, text in keys:
        canvas.rect(x, y - 20, 26, 26, colour, stroke=RULE)
        canvas.text(x + 36, y, text, 22, fill=INK)
        x += 36 + text_width(text, 22) + 34


def _footnote(canvas, text) -> None:
    """A note at the foot of the chart (up to two lines, the last one on the foot line)."""
    lines = wrap(text, RIGHT - LEFT, 22, 2)
    canvas.text(LEFT, FOOT - canvas.height(len(lines) - 1, 22), lines, 22, fill=MUTED)


def _position(canvas: Canvas, item: dict, top: float) -> None:
    """One 100 % stacked bar for all participants and one per shown group, with figures."""
    settings = item["settings"]
    points = settings["points"]
    colours = PALETTE[points]
    rows = [(gettext("All participants"), item["overall"])]
    rows += [(group["group"], group["summary"]) for group in item["groups"]]
    y = _headers(
        canvas,
        top,
        [
            (470, 60, "n", "end"),
            (1270, 104, gettext("Agree"), "end"),
            (1400, 118, gettext("Disagree"), "end"),
            (RIGHT, 118, gettext("Mean (1\u2013%(points)s)", points=points), "end"),
        ],
    )
    size, labels, heights = _fit_rows(canvas, [r[0] for r in rows], 380, FOOT - 130 - y, 56)
    for (_, summary), lines, height, index in zip(
        rows, labels, heights, range(len(rows)), strict=True
    ):
        middle = y + height / 2
        canvas.block(LEFT, middle, lines, size, bold=index == 0)
        figures = (
            (470, str(summary["n"])),
            (1270, _pct(summary["share_agree"])),
            (1400, _pct(summary["share_disagree"])),
            (RIGHT, NONE if summary["mean"] is None else format_decimal(summary["mean"], "0.0")),
        )
        for x, figure in figures:
            canvas.block(x, middle, figure, 26, anchor="end", bold=index == 0)
        bar = min(46, height - 12)
        parts = [
            (count, colours[i], gettext("%(point)s of %(points)s", point=i + 1, points=points))
            for i, count in enumerate(summary["counts"])
        ]
        if sum(summary["counts"]):
            _stacked(canvas, 500, middle - bar / 2, 650, bar, parts)
        y += height
    keys = [
        (
            colour,
            f"{i + 1} {settings['label_low']}"
            if i == 0
            else f"{i + 1} {settings['label_high']}"
            if i == points - 1
            else str(i + 1),
        )
        for i, colour in enumerate(colours)
    ]
    _legend(canvas, 500, y + 44, keys)
    k = current_app.config["ANONYMITY_K"]
    note = gettext(
        "Groups with fewer than {k} answers are not shown, nor any group whose count could be "
        "worked out from the others"
    ).replace("{k}", str(k))
    if item["overall"].get("no_opinion"):
        note = (
            gettext(
                "“No opinion”: %(num)s (counted in n, not in the bars)",
                num=item["overall"]["no_opinion"],
            )
            + " · "
            + note
        )
    _footnote(canvas, note)


def _priority(canvas: Canvas, item: dict, top: float) -> None:
    """The options in the order of all participants, each with its Borda score as a bar."""
    summary = item["overall"]
    options = item["settings"]["options"]
    y = _headers(
        canvas,
        top,
        [
            (104, 80, gettext("Place"), "end"),
            (128, 640, gettext("Option"), "start"),
            (800, 600, gettext("Score, all participants (n = %(n)s)", n=summary["n"]), "start"),
        ],
    )
    texts = [options[index] for index in summary["order"]]
    size, labels, heights = _fit_rows(canvas, texts, 640, FOOT - 80 - y, 44)
    by_index = {option["index"]: option for option in summary["options"]}
    for place, (index, lines, height) in enumerate(
        zip(summary["order"], labels, heights, strict=True)
    ):
        middle = y + height / 2
        score = by_index[index]["score"] or 0
        canvas.block(104, middle, str(place + 1), size, anchor="end", fill=MUTED)
        canvas.block(128, middle, lines, size, bold=place == 0)
        bar = min(40, height - 12)
        canvas.rect(800, middle - bar / 2, 620, bar, TRACK)
        canvas.rect(800, middle - bar / 2, 620 * score, bar, SCORE, label=options[index])
        canvas.block(RIGHT, middle, _pct(score), 26, anchor="end", bold=True)
        y += height
    _footnote(
        canvas,
        gettext("Score: 100% when everyone ranks an option first, 0% when everyone ranks it last."),
    )


def _proposal(canvas: Canvas, item: dict, top: float) -> None:
    """The top proposals by support across groups with their agree · pass · disagree votes."""
    proposals = item["proposals"][:TOP_PROPOSALS]
    y = _headers(
        canvas,
        top,
        [
            (104, 80, "#", "end"),
            (128, 680, gettext("Proposal"), "start"),
            (850, 420, gettext("Votes: agree · pass · disagree"), "start"),
            (1380, 70, "n", "end"),
            (RIGHT, 140, gettext("Support across groups"), "end"),
        ],
    )
    size, labels, heights = _fit_rows(
        canvas, [p["text"] for p in proposals], 690, FOOT - 130 - y, 48
    )
    for rank, (proposal, lines, height) in enumerate(zip(proposals, labels, heights, strict=True)):
        middle = y + height / 2
        canvas.block(104, middle, str(rank + 1), size, anchor="end", fill=MUTED)
        canvas.block(128, middle, lines, size)
        bar = min(42, height - 12)
        parts = [
            (proposal["agree"], AGREE, gettext("Agree")),
            (proposal["pass"], PASS, gettext("Pass")),
            (proposal["disagree"], DISAGREE, gettext("Disagree")),
        ]
        _stacked(canvas, 850, middle - bar / 2, 420, bar, parts)
        canvas.block(1380, middle, str(proposal["votes"]), 24, anchor="end", fill=MUTED)
        canvas.block(
            RIGHT, middle, _pct(proposal["support_across_groups"]), 26, anchor="end", bold=True
        )
        y += height
    keys = [(AGREE, gettext("Agree")), (PASS, gettext("Pass")), (DISAGREE, gettext("Disagree"))]
    _legend(canvas, 850, y + 44, keys)
    _footnote(
        canvas,
        gettext(
            "Support across groups: how strongly every group agrees; a proposal rises only "
            "when all groups support it."
        ),
    )


DRAW = {"position": _position, "priority": _priority, "proposal": _proposal}
