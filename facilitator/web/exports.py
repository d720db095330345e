"""Exports of an event for its organisers: the printable report (HTML, PDF) and the data files.

An organiser (admin) exports the whole event; a moderator exports the rooms they run, and
nothing of the other rooms; anyone else gets a 403 page saying so. Every download is recorded in
the audit log (who, what, which rooms).
"""

from datetime import UTC, datetime
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template
from flask_login import current_user, login_required
from werkzeug.exceptions import ServiceUnavailable

from facilitator.models import Event
from facilitator.pdf import REPORT_CSS, PdfError, html_to_pdf
from facilitator.services import ServiceError, access, audit, exports, retention, unit
from facilitator.services.report import build_report

bp = Blueprint("exports", __name__, url_prefix="/console/events/<int:event_id>")
PDF = "application/pdf"


@bp.before_request
@login_required
def _require_login():
    """Every export is for logged-in moderators only."""


@bp.app_template_filter("report_date")
def report_date(iso: str) -> str:
    """An ISO 8601 UTC time as '28 November 2026, 16:05 UTC'."""
    moment = datetime.fromisoformat(iso)
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC"


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


def _group_names(event: Event) -> dict:
    return {c.id: c.name for c in event.constituencies}


def report_html(event: Event, for_pdf: bool = False, inline_css: bool = False) -> str:
    """The printable report of the event as an HTML page (needs a request context).

    inline_css puts the stylesheet into the page, for a file read away from the server.
    """
    archive = retention.archive_of(event)
    return render_template(
        "report/report.html",
        report=archive.report if archive is not None else build_report(event),
        names=_group_names(event),
        for_pdf=for_pdf,
        inline_css=REPORT_CSS.read_text(encoding="utf-8") if inline_css else None,
    )


def report_pdf(event: Event) -> bytes:
    """The report as a PDF, laid out by WeasyPrint from the same HTML and print stylesheet."""
    try:
        return html_to_pdf(report_html(event, for_pdf=True))
    except PdfError:
        raise ServiceError(
            "pdf_failed",
            "The PDF could not be made just now. Open the report and print it from the browser, "
            "or try again.",
        ) from None


FORMATS = ("html", "pdf", "csv", "json")


def write_export(event: Event, fmt: str, out: Path) -> list[Path]:
    """Write the report (html, pdf: to the file out) or the data files (csv, json: into the
    folder out, made if missing); the paths written. ServiceError on a bad format or place."""
    if fmt not in FORMATS:
        raise ServiceError("unknown_format", f"Choose a format of {', '.join(FORMATS)}.")
    if fmt in ("html", "pdf"):
        if out.is_dir():
            raise ServiceError("out_is_folder", f"{out} is a folder; give a file name.")
        if not out.parent.is_dir():
            raise ServiceError("no_folder", f"The folder {out.parent} does not exist.")
        if fmt == "pdf":
            out.write_bytes(report_pdf(event))
        else:
            out.write_text(report_html(event, inline_css=True), encoding="utf-8")
        return [out]
    if out.exists() and not out.is_dir():
        raise ServiceError("out_is_file", f"{out} is a file; give a folder for the {fmt} files.")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in exports.FILES:
        if name.endswith("." + fmt):
            content, _ = exports.export_file(event, name)
            (out / name).write_bytes(content)
            written.append(out / name)
    return written


def _filename(event: Event, extension: str) -> str:
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    return f"facilitator-event-{event.id}-report-{day}.{extension}"


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
    response = Response(report_html(event), mimetype="text/html")
    _audited(event, "report.html")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/report.pdf")
def report_as_pdf(event_id: int):
    """The report as a PDF download."""
    event = load_event(event_id)
    try:
        content = report_pdf(event)
    except ServiceError as error:
        failure = ServiceUnavailable(error.message)
        page = render_template("error.html", status=503, title="No PDF just now", error=failure)
        return page, 503
    _audited(event, "report.pdf")
    return _download(content, PDF, _filename(event, "pdf"))


@bp.route("/exports")
def files(event_id: int):
    """The list of downloads: the report and each data file, with what it holds."""
    event = load_event(event_id)
    return render_template(
        "report/exports.html",
        event=event,
        files=exports.FILES,
        k=current_app.config["ANONYMITY_K"],
    )


@bp.route("/exports/<name>")
def file(event_id: int, name: str):
    """One data file (CSV or JSON) as a download."""
    event = load_event(event_id)
    try:
        content, mimetype = exports.export_file(event, name)
    except ServiceError as error:
        abort(404, error.message)
    _audited(event, name)
    return _download(content, mimetype, f"event-{event.id}-{name}")


@bp.route("/exports.zip")
def archive(event_id: int):
    """Every data file in one zip download."""
    event = load_event(event_id)
    content = exports.export_zip(event)
    _audited(event, "data.zip")
    return _download(content, "application/zip", f"event-{event.id}-data.zip")
