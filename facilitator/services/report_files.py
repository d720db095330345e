"""The report (HTML, PDF) and the data files of an event, as files: the one place that writes
them, for the console's downloads and the CLI's `facilitator export` alike.
"""

from pathlib import Path

from flask import render_template
from flask_babel import force_locale, gettext

from facilitator import i18n
from facilitator.models import Event
from facilitator.pdf import REPORT_CSS, PdfError, embedded_fonts_css, html_to_pdf
from facilitator.services import ServiceError, exports, retention
from facilitator.services.report import build_report


def _group_names(event: Event, lang: str) -> dict:
    return {c.id: c.name_in(lang) for c in event.constituencies}


def report_html(
    event: Event, for_pdf: bool = False, inline_css: bool = False, lang: str = i18n.DEFAULT
) -> str:
    """The printable report of the event as an HTML page in en, fr or ur (needs an app context).

    inline_css puts the stylesheet into the page, for a file read away from the server. A closed
    event's report is its archived data, as built then, with this language's words around it.
    """
    lang = i18n.valid(lang) or i18n.DEFAULT
    archive = retention.archive_of(event)
    with force_locale(lang):
        return render_template(
            "report/report.html",
            report=archive.report if archive is not None else build_report(event, lang),
            names=_group_names(event, lang),
            for_pdf=for_pdf,
            inline_css=REPORT_CSS.read_text(encoding="utf-8") if inline_css else None,
            report_lang=lang,
            report_dir=i18n.direction(lang),
            fonts_css=embedded_fonts_css() if for_pdf or inline_css else None,
            page_footer_css=_page_footer_css(),
        )


def _page_footer_css() -> str:
    """The printed page's 'Page 2 of 9' in the current language, as a CSS @page rule."""
    label = gettext("Page %(page)s of %(pages)s", page="{PAGE}", pages="{PAGES}")
    content = '"' + label.replace('"', "'").replace("\\", "") + '"'
    content = content.replace("{PAGE}", '" counter(page) "').replace(
        "{PAGES}", '" counter(pages) "'
    )
    return f"@page {{ @bottom-right {{ content: {content}; }} }}"


def report_pdf(event: Event, lang: str = i18n.DEFAULT) -> bytes:
    """The report as a PDF, laid out by WeasyPrint from the same HTML and print stylesheet."""
    try:
        return html_to_pdf(report_html(event, for_pdf=True, lang=lang))
    except PdfError:
        raise ServiceError(
            "pdf_failed",
            "The PDF could not be made just now. Open the report and print it from the browser, "
            "or try again.",
        ) from None


FORMATS = ("html", "pdf", "csv", "json")


def write_export(event: Event, fmt: str, out: Path, lang: str = i18n.DEFAULT) -> list[Path]:
    """Write the report (html, pdf: to the file out) or the data files (csv, json: into the
    folder out, made if missing) in en, fr or ur; the paths written. ServiceError on a bad
    format or place."""
    if fmt not in FORMATS:
        raise ServiceError("unknown_format", f"Choose a format of {', '.join(FORMATS)}.")
    if fmt in ("html", "pdf"):
        if out.is_dir():
            raise ServiceError("out_is_folder", f"{out} is a folder; give a file name.")
        if not out.parent.is_dir():
            raise ServiceError("no_folder", f"The folder {out.parent} does not exist.")
        if fmt == "pdf":
            out.write_bytes(report_pdf(event, lang))
        else:
            out.write_text(report_html(event, inline_css=True, lang=lang), encoding="utf-8")
        return [out]
    if out.exists() and not out.is_dir():
        raise ServiceError("out_is_file", f"{out} is a file; give a folder for the {fmt} files.")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in exports.FILES:
        if name.endswith("." + fmt):
            content, _ = exports.export_file(event, name, lang)
            (out / name).write_bytes(content)
            written.append(out / name)
    return written
