"""The report's PDF ends on a page worth printing: no last page with a few stray lines."""

from importlib import resources

import pytest

from facilitator import pdf
from facilitator.domain.agenda import load_agenda_text
from facilitator.extensions import db
from facilitator.services import agenda
from facilitator.services.report_files import report_html


@pytest.fixture
def demo_event(make):
    make.moderator("demo")
    text = resources.files("facilitator.demo").joinpath("islamabad-workshop.json").read_text()
    event = agenda.import_agenda(load_agenda_text(text))
    db.session.commit()
    return event


@pytest.mark.parametrize("lang", ["en", "fr", "ur"])
def test_the_demo_reports_last_page_is_not_nearly_empty(app, demo_event, lang):
    with app.test_request_context():
        html = report_html(demo_event, for_pdf=True, lang=lang)
    document = pdf.best_layout(html)
    fill = pdf.last_page_fill(document)
    assert fill is not None, "the report has lost its end mark"
    assert len(document.pages) == 1 or fill >= pdf.SHORT_LAST_PAGE, (len(document.pages), fill)


def test_rooms_without_answers_share_a_page(app, demo_event):
    with app.test_request_context():
        html = report_html(demo_event, for_pdf=True)
    document = pdf.best_layout(html)
    # The cover, four rooms with no answers yet, the event's findings and the method note.
    assert len(document.pages) <= 2
