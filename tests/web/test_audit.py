"""The audit log page and its CSV export: for the event's moderators and organisers only."""

import csv
import io

import pytest

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.services import control, moderation, participation
from tests.conftest import login


@pytest.fixture
def amina(make):
    return make.moderator("amina")


@pytest.fixture
def event(make):
    return make.event()


@pytest.fixture
def room(make, event, amina):
    return make.room(event, moderators=[amina], name="Breakout A")


@pytest.fixture
def history(make, room, amina):
    """A prompt opened and a proposal hidden by Amina; a participant's token kept for checks."""
    prompt = make.prompt(room, kind="proposal", moderation="post", text="<b>Steps</b>?")
    control.open_prompt(room, prompt.id, amina)
    token = new_token()
    proposal = participation.submit_proposal(room, token, prompt.id, "idea-00001", "Hotline")
    db.session.flush()
    moderation.moderate_proposal(room, proposal.id, "hide", "approved", amina)
    db.session.commit()
    return {"prompt": prompt, "proposal": proposal, "token": token}


def _client(app, username=None):
    client = app.test_client()
    if username:
        login(client, username)
    return client


def test_a_moderator_of_the_event_reads_who_did_what_when(app, event, history):
    response = _client(app, "amina").get(f"/console/events/{event.id}/audit")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Amina" in html
    assert "Opened prompt" in html and "Hid proposal" in html
    assert "Breakout A" in html
    assert "&lt;b&gt;Steps&lt;/b&gt;?" in html  # user text is shown as text
    assert "<b>Steps</b>" not in html
    assert history["token"] not in html and history["proposal"].author_key not in html
    # newest first
    assert html.index("Hid proposal") < html.index("Opened prompt")


def test_the_csv_export_downloads_the_whole_log(app, event, history):
    response = _client(app, "amina").get(f"/console/events/{event.id}/audit.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["moderator"], r["action"], r["room"]) for r in rows] == [
        ("Amina", "prompt_open", "Breakout A"),
        ("Amina", "hide", "Breakout A"),
    ]
    assert history["token"] not in text and history["proposal"].author_key not in text


def test_an_organiser_may_read_every_events_log(app, make, event, history):
    make.moderator("root", admin=True)
    assert _client(app, "root").get(f"/console/events/{event.id}/audit").status_code == 200


def test_others_may_not_read_the_log(app, make, event, history):
    make.moderator("outsider")
    make.room(make.event(), moderators=[make.moderator("other")], name="Elsewhere")
    for path in (f"/console/events/{event.id}/audit", f"/console/events/{event.id}/audit.csv"):
        assert _client(app, "outsider").get(path).status_code == 403
        assert _client(app, "other").get(path).status_code == 403
    assert _client(app, "amina").get("/console/events/9999/audit").status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(app, event, history):
    for path in (f"/console/events/{event.id}/audit", f"/console/events/{event.id}/audit.csv"):
        response = _client(app).get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_room_console_links_to_the_events_audit_log(app, event, room):
    html = _client(app, "amina").get(f"/console/room/{room.code}").get_data(as_text=True)
    assert f"/console/events/{event.id}/audit" in html


def test_a_prompt_added_in_the_console_is_logged_under_the_moderators_name(app, event, room):
    client = _client(app, "amina")
    response = client.post(
        f"/console/room/{room.code}/prompts", data={"kind": "position", "text": "Trust grows."}
    )
    assert response.status_code == 302
    html = client.get(f"/console/events/{event.id}/audit").get_data(as_text=True)
    assert "Added prompt" in html and "Amina" in html and "Trust grows." in html


def test_the_rooms_page_links_each_event_to_its_audit_log(app, event, room):
    html = _client(app, "amina").get("/console/").get_data(as_text=True)
    assert f"/console/events/{event.id}/audit" in html


def test_the_log_names_agenda_items_and_proposal_texts_not_database_ids(app, make, room, amina):
    make.prompt(room, kind="position", text="Warm-up")
    prompt = make.prompt(room, kind="proposal", moderation="post", text="Which first steps?")
    control.open_prompt(room, prompt.id, amina)
    ids = [
        participation.submit_proposal(room, new_token(), prompt.id, f"idea-{n:05d}", text).id
        for n, text in enumerate(["A hotline", "A phone line", "Hotline between commanders"])
    ]
    db.session.flush()
    moderation.merge(room, ids[2], ids[:2], amina)
    db.session.commit()
    client = app.test_client()
    login(client, "amina")

    page = client.get(f"/console/events/{room.event.id}/audit").get_data(as_text=True)
    assert "agenda item 2 “Which first steps?”" in page
    assert "“A hotline”; “A phone line”" in page
    assert "proposal “Hotline between commanders”" in page
    assert f"prompt {prompt.id}" not in page and "merged_proposals" not in page
    log = client.get(f"/console/events/{room.event.id}/audit.csv").get_data().decode("utf-8-sig")
    assert "merged proposals=“A hotline”; “A phone line”" in log
