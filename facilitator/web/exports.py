"""Exports of an event for its organisers: the printable report (HTML, PDF), the data files,
and a chart of one prompt's published results for slides (services/chart_image.py).

An organiser (admin) exports the whole event; a moderator exports the rooms they run, and
nothing of the other rooms; anyone else gets a 403 page saying so. Every download is recorded in
the audit log (who, what, which rooms).
"""

from datetime import UTC, datetime

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import Conflict, ServiceUnavailable

from facilitator import i18n
from facilitator.models import Event
from facilitator.pdf import font_face
from facilitator.server_texts import N_
from facilitator.services import ServiceError, access, audit, chart_image, exports, retention, unit
from facilitator.services.report_files import report_html, report_pdf

bp = Blueprint("exports", __name__, url_prefix="/console/events/<int:event_id>")
PDF = "application/pdf"


@bp.before_request
@login_required
def _require_login():
    """Every export is for logged-in moderators only."""


@bp.app_template_filter("report_date")
def report_date(iso: str) -> str:
    """An ISO 8601 UTC time as '28 November 2026, 16:05 UTC', in the page's language."""
    from flask_babel import format_date

    moment = datetime.fromisoformat(iso)
    return f"{format_date(moment, 'long')}, {moment:%H:%M} UTC"


@bp.app_template_filter("percent")
def percent(share: float) -> str:
    """A share in 0..1 as a percentage in the page's language: '38%', '38 %' in French."""
    return format_percent(share)


@bp.app_template_filter("decimal")
def decimal(value: float, digits: int | None = None) -> str:
    """A number in the page's language ('2,8' in French), with a fixed count of digits if given."""
    if digits is None:
        return format_decimal(value)
    return format_decimal(value, format="0." + "0" * digits if digits else "0")


@bp.app_template_global("font_face")
def _font_face(src: str) -> str:
    """The @font-face rule of the app's Urdu font at a URL (the report in the browser)."""
    return font_face(src)


def chosen_language() -> str:
    """The language of a report or data file: `?lang=` (en, fr, ur), else the page's own.

    The choice is for this download only: it does not change the console's language.
    """
    lang = i18n.valid(request.args.get("lang")) or i18n.current()
    i18n.use_language(lang)
    return lang


def load_event(event_id: int) -> access.EventScope:
    """The part of the event the current moderator may export; else 404 or 403 with a message."""
    event = unit.event(event_id)
    if event is None:
        abort(404, "No event has this number.")
    if not access.may_view_event(current_user, event):
        abort(
            403,
            "Only the organiser or a moderator of one of this event's rooms may export its "
            "report and data. Nothing was exported.",
        )
    scope = access.export_scope(current_user, event)
    if not scope.is_whole_event and retention.archive_of(event) is not None:
        abort(
            403,
            "This event is closed: its report and data are kept whole, for the organiser to "
            "share. Nothing was exported.",
        )
    return scope


def _audited(scope: access.EventScope, what: str) -> None:
    """Record one download in the event's audit log: who took which file of which rooms."""
    detail = {"file": what}
    if not scope.is_whole_event:
        detail["rooms"] = [room.name for room in scope.rooms]
    audit.record(current_user, "export", None, "event", scope.id, detail, event=scope._event)
    unit.commit()


def _filename(event: Event, extension: str, lang: str) -> str:
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    suffix = "" if lang == i18n.DEFAULT else f"-{lang}"
    return f"facilitator-event-{event.id}-report-{day}{suffix}.{extension}"


def _download(content: bytes, content_type: str, filename: str) -> Response:
    response = Response(content, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/report")
@bp.route("/report.html")
def report(event_id: int):
    """The printable report in the browser (print it, or download the PDF)."""
    event = load_event(event_id)
    lang = chosen_language()
    response = Response(report_html(event, lang=lang), mimetype="text/html")
    _audited(event, "report.html")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/report.pdf")
def report_as_pdf(event_id: int):
    """The report as a PDF download."""
    event = load_event(event_id)
    lang = chosen_language()
    try:
        content = report_pdf(event, lang)
    except ServiceError as error:
        failure = ServiceUnavailable(error.message)
        page = render_template("error.html", status=503, title="No PDF just now", error=failure)
        return page, 503
    _audited(event, "report.pdf")
    return _download(content, PDF, _filename(event, "pdf", lang))


@bp.route("/exports")
def files(event_id: int):
    """The list of downloads: the report and each data file, with what it holds."""
    event = load_event(event_id)
    # The page stays in the console's language; ?lang= picks the files' language.
    file_lang = i18n.valid(request.args.get("lang")) or i18n.current()
    i18n.use_language(i18n.valid(request.cookies.get(i18n.COOKIE)) or i18n.DEFAULT)
    return render_template(
        "report/exports.html",
        event=event,
        files=exports.FILES,
        k=current_app.config["ANONYMITY_K"],
        file_lang=file_lang,
    )


@bp.route("/exports/<name>")
def file(event_id: int, name: str):
    """One data file (CSV or JSON) as a download."""
    event = load_event(event_id)
    lang = chosen_language()
    try:
        content, mimetype = exports.export_file(event, name, lang)
    except ServiceError as error:
        abort(404, error.message)
    _audited(event, name)
    prefix = f"event-{event.id}" if lang == i18n.DEFAULT else f"event-{event.id}-{lang}"
    return _download(content, mimetype, f"{prefix}-{name}")


@bp.route("/exports.zip")
def archive(event_id: int):
    """Every data file in one zip download."""
    event = load_event(event_id)
    content = exports.export_zip(event, chosen_language())
    _audited(event, "data.zip")
    return _download(content, "application/zip", f"event-{event.id}-data.zip")


@bp.route("/prompts/<int:prompt_id>/chart.svg")
def prompt_chart(event_id: int, prompt_id: int):
    """One prompt's published results as an SVG image for slides (the console makes the PNG)."""
    scope = load_event(event_id)
    prompt = unit.prompt(prompt_id)
    if prompt is None or prompt.room.event_id != scope.id:
        abort(404, N_("This event has no prompt with this number."))
    if prompt.room not in scope.rooms:
        abort(
            403,
            N_(
                "Only the organiser or a moderator of this prompt's room may save its chart. "
                "Nothing was exported."
            ),
        )
    lang = chosen_language()
    try:
        content = chart_image.chart_svg(prompt, lang)
    except ServiceError as error:
        refusal = Conflict(error.message)
        page = render_template("error.html", status=409, title=_("No chart"), error=refusal)
        return page, 409
    filename = chart_image.chart_filename(prompt, lang)
    # The console makes a PNG from this SVG (?for=png): the log names the file it saves.
    saved = (
        chart_image.chart_filename(prompt, lang, "png")
        if request.args.get("for") == "png"
        else filename
    )
    detail = {"file": saved, "prompt": prompt.position + 1}
    audit.record(current_user, "export", prompt.room, "prompt", prompt.id, detail)
    unit.commit()
    return _download(content.encode("utf-8"), "image/svg+xml", filename)
