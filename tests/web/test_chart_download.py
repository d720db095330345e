"""Saving a prompt's chart over HTTP: the image, its name, who may have it, and the audit log."""

import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import AuditEntry
from facilitator.services import control, retention
from tests.services.answers import answer
from tests.web.test_exports import client_as


@pytest.fixture
def workshop(make):
    """Breakout A (run by 'moderator') with a revealed and a hidden statement; Breakout B is
    run by 'other'; 'organiser' is an admin."""
    moderator = make.moderator("moderator")
    other = make.moderator("other")
    make.moderator("organiser", admin=True)
    event = make.event(("NATO official", "Pakistani government"))
    nato, government, _ = (c.id for c in event.constituencies)
    room = make.room(event, moderators=[moderator], name="Breakout A")
    shown = make.prompt(room, "position", "Trust will grow.", points=5)
    answer(room, shown, {nato: [5, 4, 4, 5, 5], government: [2, 2, 1, 3, 2]})
    control.close_prompt(room, shown.id)
    shown.reveal()
    hidden = make.prompt(room, "position", "Still secret.", points=5)
    answer(room, hidden, {nato: [5] * 5, government: [1] * 5})
    make.room(event, moderators=[other], name="Breakout B")
    db.session.commit()
    return event, shown, hidden


def _url(event, prompt, lang="en"):
    return f"/console/events/{event.id}/prompts/{prompt.id}/chart.svg?lang={lang}"


def test_the_moderator_downloads_the_chart_as_an_svg_file(app, workshop):
    event, shown, _ = workshop
    response = client_as(app, "moderator").get(_url(event, shown))
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="breakout-a-1-position.svg"'
    )
    root = ET.fromstring(response.get_data())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Trust will grow." in response.get_data(as_text=True)
    french = client_as(app, "moderator").get(_url(event, shown, "fr"))
    assert "Tous les participants" in french.get_data(as_text=True)
    assert french.headers["Content-Disposition"].endswith('-position-fr.svg"')


def test_an_unknown_language_falls_back_as_the_report_does(app, workshop):
    event, shown, _ = workshop
    response = client_as(app, "moderator").get(_url(event, shown, "xx"))
    assert response.status_code == 200
    assert "All participants" in response.get_data(as_text=True)


def test_a_moderator_of_another_room_is_refused_with_a_page(app, workshop):
    event, shown, _ = workshop
    for username in ("other", "moderator", "organiser"):
        response = client_as(app, username).get(_url(event, shown))
        assert response.status_code == (403 if username == "other" else 200), username
    refused = client_as(app, "other").get(_url(event, shown))
    assert refused.mimetype == "text/html"
    assert "may save its chart" in refused.get_data(as_text=True)
    assert "Trust will grow." not in refused.get_data(as_text=True)


def test_a_prompt_not_in_the_event_is_not_found(app, workshop, make):
    event, shown, _ = workshop
    elsewhere = make.prompt(make.room(make.event(), name="Elsewhere"), "position", "Other")
    client = client_as(app, "organiser")
    assert client.get(_url(event, shown)).status_code == 200
    assert client.get(_url(event, elsewhere)).status_code == 404
    assert client.get(f"/console/events/{event.id}/prompts/9999/chart.svg").status_code == 404
    assert client.get(f"/console/events/9999/prompts/{shown.id}/chart.svg").status_code == 404


def test_hidden_results_are_refused_with_the_reason(app, workshop):
    event, _, hidden = workshop
    response = client_as(app, "moderator").get(_url(event, hidden))
    assert response.status_code == 409
    assert "Reveal them first" in response.get_data(as_text=True)
    assert "Still secret." not in response.get_data(as_text=True)


def test_each_chart_download_is_in_the_audit_log(app, workshop):
    event, shown, hidden = workshop
    client = client_as(app, "moderator")
    client.get(_url(event, shown))
    client.get(_url(event, shown) + "&for=png")  # the console makes a PNG of it
    client.get(_url(event, hidden))  # refused: nothing exported, nothing logged
    client_as(app, "other").get(_url(event, shown))  # refused too
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
    assert [(e.moderator_name, e.target_type, e.target_id) for e in entries] == [
        ("Moderator", "prompt", shown.id)
    ] * 2
    assert [e.detail for e in entries] == [
        {"file": "breakout-a-1-position.svg", "prompt": 1},
        {"file": "breakout-a-1-position.png", "prompt": 1},
    ]
    assert entries[0].room_id == shown.room_id and entries[0].event_id == event.id


def test_a_closed_events_charts_are_refused_since_its_answers_are_gone(app, workshop):
    event, shown, hidden = workshop
    control.close_prompt(shown.room, hidden.id)
    retention.close_event(event)
    db.session.commit()
    response = client_as(app, "organiser").get(_url(event, shown))
    assert response.status_code == 409
    assert "archived report" in response.get_data(as_text=True)
