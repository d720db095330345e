"""The report's PDF, laid out by WeasyPrint in a child process.

Laying out a twenty-page report takes seconds of CPU. In the server's process that would stall
every green thread (eventlet or gevent) and with them every phone and projector in the hall, so
the page goes to `python -m facilitator.pdf` on its standard input and the PDF comes back on its
standard output; the patched subprocess module lets the server go on meanwhile. The page refers
to nothing outside itself, and every fetch (user text included) is refused.
"""

import subprocess
import sys
from pathlib import Path

REPORT_CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "report.css"
TIMEOUT = 300  # seconds


class PdfError(Exception):
    """The PDF could not be made."""


def render(html: str) -> bytes:
    """The PDF of a report page with the report stylesheet, laid out in this process."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    page = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"]))
    return page.write_pdf(stylesheets=[CSS(filename=str(REPORT_CSS))])


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
