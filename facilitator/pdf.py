"""The report's PDF, laid out by WeasyPrint in a child process.

Laying out a twenty-page report takes seconds of CPU. In the server's process that would stall
every green thread (eventlet or gevent) and with them every phone and projector in the hall, so
the page goes to `python -m facilitator.pdf` on its standard input and the PDF comes back on its
standard output; the patched subprocess module lets the server go on meanwhile. The page refers
to nothing outside itself, and every fetch (user text included) is refused.
"""

import base64
import subprocess
import sys
from functools import cache
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "static"
REPORT_CSS = STATIC / "css" / "report.css"
URDU_FONT = STATIC / "vendor" / "fonts" / "noto-nastaliq-urdu-arabic-400-normal.woff2"
# The Urdu font's letters only: Latin letters and digits keep the report's own font.
URDU_RANGE = "U+0600-06FF, U+200C-200F, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FEFF"
TIMEOUT = 300  # seconds
END_MARK = "report-end"  # the id of the report's last element
SHORT_LAST_PAGE = 0.3  # a last page filled less than this is pulled back where it can be
# The same page set a little tighter: less space between sections, the method note smaller.
COMPACT_CSS = """
body.report { line-height: 1.35; }
:root[lang="ur"] body.report { line-height: 1.95; }
h2 { margin: 1em 0 0.4em; }
.r-method { font-size: 8pt; }
.r-method h3 { font-size: 8.5pt; margin: 0.5em 0 0.2em; }
.r-method p, .r-method li { margin: 0.15em 0; }
"""


def font_face(src: str) -> str:
    """The @font-face rule of the app's Urdu font (Noto Nastaliq Urdu) at src."""
    return (
        '@font-face { font-family: "Noto Nastaliq Urdu"; font-style: normal; '
        f'font-weight: 100 900; src: url("{src}") format("woff2"); unicode-range: {URDU_RANGE}; }}'
    )


@cache
def embedded_fonts_css() -> str:
    """The Urdu font inside the page (a data: URL), so that the PDF and a saved page show Urdu
    letters on any machine, with or without the font installed; '' when the font is missing
    (make setup copies it)."""
    if not URDU_FONT.is_file():
        return ""
    data = base64.b64encode(URDU_FONT.read_bytes()).decode("ascii")
    return font_face(f"data:font/woff2;base64,{data}")


class PdfError(Exception):
    """The PDF could not be made."""


def render(html: str) -> bytes:
    """The PDF of a report page with the report stylesheet, laid out in this process."""
    return best_layout(html).write_pdf()


def best_layout(html: str):
    """The page laid out; again a little tighter when that spares a last page of a few lines."""
    document = layout(html)
    if len(document.pages) > 1 and (last_page_fill(document) or 1) < SHORT_LAST_PAGE:
        compact = layout(html, COMPACT_CSS)
        if len(compact.pages) < len(document.pages):
            return compact
    return document


def layout(html: str, extra_css: str = ""):
    """WeasyPrint's laid-out document of a page with the report stylesheet (and extra_css)."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"])
    sheets = [CSS(filename=str(REPORT_CSS))] + ([CSS(string=extra_css)] if extra_css else [])
    return HTML(string=html, url_fetcher=fetcher).render(stylesheets=sheets)


def last_page_fill(document) -> float | None:
    """How far down its page the report's end mark sits (0 top, 1 bottom); None without it."""
    page = document.pages[-1]
    mark = page.anchors.get(END_MARK)
    return None if mark is None else mark[1] / page.height


def html_to_pdf(html: str) -> bytes:
    """The PDF of a report page, laid out in a child process; PdfError if that fails."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "facilitator.pdf"],
            input=html.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PdfError(type(error).__name__) from None
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF-"):
        # stderr is not logged: it could quote the page, which holds participants' texts.
        raise PdfError(f"the PDF process ended with code {done.returncode}")
    return done.stdout


if __name__ == "__main__":
    sys.stdout.buffer.write(render(sys.stdin.buffer.read().decode("utf-8")))
