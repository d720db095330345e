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
from facilitator.domain.text_fit import wrap
from facilitator.extensions import db
from facilitator.models import Prompt, Proposal, ProposalStatus
from facilitator.pdf import embedded_fonts_css
from facilitator.server_texts import N_
from facilitator.services import ServiceError, exports, payloads, release, retention
from facilitator.services.chart_canvas import (
    AGREE,
    DISAGREE,
    FOOT,
    LEFT,
    MUTED,
    PALETTE,
    PASS,
    RIGHT,
    SCORE,
    TRACK,
    Canvas,
    fit_rows,
    footnote,
    headers,
    height,
    legend,
    stacked,
)

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
            N_(
                "This event is closed and its answers are deleted: use its archived report instead."
            ),
        )
    if not prompt.results_revealed:
        raise ServiceError(
            "results_hidden",
            N_(
                "These results are hidden from the room. Reveal them first: a chart shows only "
                "what the room has seen."
            ),
        )
    published = release.public_results(prompt, payloads.results(prompt))
    if published is None:
        raise ServiceError(
            "results_not_released",
            N_(
                "The room has not been shown any results of this prompt yet: results appear once "
                "enough people have answered."
            ),
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
                N_("No proposal has enough votes to be ranked yet, so there is no chart to save."),
            )
    elif not item["overall"]["n"]:
        raise ServiceError(
            "no_answers", N_("Nobody has answered this prompt, so there is no chart.")
        )
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


# --- the three kinds ----------------------------------------------------------------------


def _pct(share) -> str:
    return NONE if share is None else format_percent(share)


def _heading(canvas: Canvas, prompt: Prompt, item: dict) -> float:
    """The prompt's text (up to 3 lines) and a subtitle; the y where the chart may start."""
    title = wrap(item["prompt"], RIGHT - LEFT, 40, 3, bold=True)
    canvas.text(LEFT, 64 + 40, title, 40, bold=True)
    y = 64 + height(title, 40) + 12
    if prompt.kind == "proposal":
        votes = sum(p["votes"] for p in item["proposals"])
        count = ngettext("%(num)s vote", "%(num)s votes", votes)
    else:
        count = f"n\u00a0=\u00a0{item['overall']['n']}"
    parts = (prompt.room.event.title, item["room"], count)
    if canvas.rtl:  # each part read in its own direction: an English title in an Urdu line
        parts = [f"\u2068{part}\u2069" for part in parts]
    subtitle = " · ".join(parts)
    lines = wrap(subtitle, RIGHT - LEFT, 26, 2)
    canvas.text(LEFT, y + 26, lines, 26, fill=MUTED, own=False)
    return y + height(lines, 26) + 28


def _position(canvas: Canvas, item: dict, top: float) -> None:
    """One 100 % stacked bar for all participants and one per shown group, with figures."""
    settings = item["settings"]
    points = settings["points"]
    colours = PALETTE[points]
    rows = [(gettext("All participants"), item["overall"])]
    rows += [(group["group"], group["summary"]) for group in item["groups"]]
    y = headers(
        canvas,
        top,
        [
            (470, 60, "n", "end"),
            (1270, 104, gettext("Agree"), "end"),
            (1400, 118, gettext("Disagree"), "end"),
            (RIGHT, 118, gettext("Mean (1\u2013%(points)s)", points=points), "end"),
        ],
    )
    size, labels, heights = fit_rows([r[0] for r in rows], 380, FOOT - 130 - y, 56)
    for (_, summary), lines, row, index in zip(
        rows, labels, heights, range(len(rows)), strict=True
    ):
        middle = y + row / 2
        canvas.block(LEFT, middle, lines, size, bold=index == 0)
        figures = (
            (470, str(summary["n"])),
            (1270, _pct(summary["share_agree"])),
            (1400, _pct(summary["share_disagree"])),
            (RIGHT, NONE if summary["mean"] is None else format_decimal(summary["mean"], "0.0")),
        )
        for x, figure in figures:
            canvas.block(x, middle, figure, 26, anchor="end", bold=index == 0)
        bar = min(46, row - 12)
        parts = [
            (count, colours[i], gettext("%(point)s of %(points)s", point=i + 1, points=points))
            for i, count in enumerate(summary["counts"])
        ]
        if sum(summary["counts"]):
            stacked(canvas, 500, middle - bar / 2, 650, bar, parts)
        y += row
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
    legend(canvas, 500, y + 44, keys)
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
    footnote(canvas, note)


def _priority(canvas: Canvas, item: dict, top: float) -> None:
    """The options in the order of all participants, each with its Borda score as a bar."""
    summary = item["overall"]
    options = item["settings"]["options"]
    y = headers(
        canvas,
        top,
        [
            (104, 80, gettext("Place"), "end"),
            (128, 640, gettext("Option"), "start"),
            (800, 600, gettext("Score, all participants (n = %(n)s)", n=summary["n"]), "start"),
        ],
    )
    texts = [options[index] for index in summary["order"]]
    size, labels, heights = fit_rows(texts, 640, FOOT - 80 - y, 44)
    by_index = {option["index"]: option for option in summary["options"]}
    for place, (index, lines, row) in enumerate(
        zip(summary["order"], labels, heights, strict=True)
    ):
        middle = y + row / 2
        score = by_index[index]["score"] or 0
        canvas.block(104, middle, str(place + 1), size, anchor="end", fill=MUTED)
        canvas.block(128, middle, lines, size, bold=place == 0)
        bar = min(40, row - 12)
        canvas.rect(800, middle - bar / 2, 620, bar, TRACK)
        canvas.rect(800, middle - bar / 2, 620 * score, bar, SCORE, label=options[index])
        canvas.block(RIGHT, middle, _pct(score), 26, anchor="end", bold=True)
        y += row
    footnote(
        canvas,
        gettext("Score: 100% when everyone ranks an option first, 0% when everyone ranks it last."),
    )


def _proposal(canvas: Canvas, item: dict, top: float) -> None:
    """The top proposals by support across groups with their agree · pass · disagree votes."""
    proposals = item["proposals"][:TOP_PROPOSALS]
    y = headers(
        canvas,
        top,
        [
            (104, 80, "#", "end"),
            (128, 680, gettext("Proposal"), "start"),
            (850, 420, gettext("Votes: agree · pass · disagree"), "start"),
            (1330, 50, "n", "end"),
            (RIGHT, 190, gettext("Support across groups"), "end"),
        ],
    )
    size, labels, heights = fit_rows([p["text"] for p in proposals], 690, FOOT - 130 - y, 48)
    for rank, (proposal, lines, row) in enumerate(zip(proposals, labels, heights, strict=True)):
        middle = y + row / 2
        canvas.block(104, middle, str(rank + 1), size, anchor="end", fill=MUTED)
        canvas.block(128, middle, lines, size)
        bar = min(42, row - 12)
        parts = [
            (proposal["agree"], AGREE, gettext("Agree")),
            (proposal["pass"], PASS, gettext("Pass")),
            (proposal["disagree"], DISAGREE, gettext("Disagree")),
        ]
        stacked(canvas, 850, middle - bar / 2, 420, bar, parts)
        canvas.block(1330, middle, str(proposal["votes"]), 24, anchor="end", fill=MUTED)
        canvas.block(
            RIGHT, middle, _pct(proposal["support_across_groups"]), 26, anchor="end", bold=True
        )
        y += row
    keys = [(AGREE, gettext("Agree")), (PASS, gettext("Pass")), (DISAGREE, gettext("Disagree"))]
    legend(canvas, 850, y + 44, keys)
    footnote(
        canvas,
        gettext(
            "Support across groups: how strongly every group agrees; a proposal rises only "
            "when all groups support it."
        ),
    )


DRAW = {"position": _position, "priority": _priority, "proposal": _proposal}
