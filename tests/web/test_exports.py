"""The report and data downloads over HTTP: who may export, what the files hold, their headers."""

import csv
import io
import json
import zipfile
from collections import Counter

import pypdf
import pytest
from sqlalchemy import func, select

from facilitator.extensions import db
from facilitator.models import AuditEntry, Endorsement, Proposal, Response
from tests.conftest import login
from tests.services.answers import answer, endorse, propose

GROUPS = ("NATO official", "Pakistani government")
HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


@pytest.fixture
def workshop(make):
    """An event run by 'moderator', with answers; 'stranger' moderates another event's room."""
    moderator = make.moderator("moderator")
    stranger = make.moderator("stranger")
    make.moderator("organiser", admin=True)
    event = make.event(GROUPS)
    nato, government, undisclosed = (c.id for c in event.constituencies)
    room = make.room(event, moderators=[moderator], name="Breakout A")
    make.room(make.event(), moderators=[stranger])
    position = make.prompt(room, "position", "Trust will grow.", points=5)
    answer(
        room, position, {nato: [5, 4, 4, 5, 5, 4], government: [2, 2, 1, 3, 2], undisclosed: [3]}
    )
    proposal = make.prompt(room, "proposal", "Your ideas", moderation="post")
    ids = propose(room, proposal, [HOSTILE, "A hotline between commanders"])
    endorse(room, ids[1], {nato: ["agree"] * 5, government: ["agree"] * 5})
    return event


def client_as(app, username):
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def test_a_moderator_of_another_event_is_refused_with_a_message(app, workshop):
    client = client_as(app, "stranger")
    base = f"/console/events/{workshop.id}"
    for path in ("/report", "/report.pdf", "/exports", "/exports/responses.csv", "/exports.zip"):
        response = client.get(base + path)
        assert response.status_code == 403, path
        assert "Only the organiser or a moderator" in response.get_data(as_text=True)
        assert response.mimetype == "text/html"


def test_someone_not_logged_in_is_sent_to_the_login_page(app, workshop):
    response = app.test_client().get(f"/console/events/{workshop.id}/exports.zip")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_exporting_changes_no_answer_and_each_download_is_audited(app, workshop):
    def counts():
        return [
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Response, Proposal, Endorsement)
        ]

    before = counts()
    for username in ("stranger", "moderator"):
        client = client_as(app, username)
        client.get(f"/console/events/{workshop.id}/exports.zip")
        client.get(f"/console/events/{workshop.id}/report")
    db.session.expire_all()
    assert counts() == before
    logged = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
    # The stranger was refused: only the moderator's two downloads are in the log.
    assert [(e.moderator_name, e.detail["file"]) for e in logged] == [
        ("Moderator", "data.zip"),
        ("Moderator", "report.html"),
    ]
    assert all(e.event_id == workshop.id for e in logged)


def test_a_breakout_moderator_exports_only_the_rooms_they_run(app, workshop, make):
    other = make.moderator("other")
    room_b = make.room(workshop, moderators=[other], name="Breakout B")
    secret = make.prompt(room_b, "position", "Room B keeps this statement unrevealed.", points=5)
    nato = workshop.constituencies[0].id
    answer(room_b, secret, {nato: [1, 1, 1, 1, 1]})

    for username, sees_b in (("moderator", False), ("other", True), ("organiser", True)):
        client = client_as(app, username)
        base = f"/console/events/{workshop.id}"
        report = client.get(base + "/report").get_data(as_text=True)
        rows = client.get(base + "/exports/responses.csv").get_data().decode("utf-8-sig")
        data = client.get(base + "/exports/aggregates.json").get_json()
        assert ("Room B keeps this statement unrevealed." in report) is sees_b, username
        assert ("Room B keeps this statement unrevealed." in rows) is sees_b, username
        assert ("Room B keeps this statement unrevealed." in json.dumps(data)) is sees_b, username
        assert ("Trust will grow." in report) is (username != "other"), username
    scoped = db.session.scalars(
        select(AuditEntry).where(
            AuditEntry.action == "export", AuditEntry.moderator_name == "Other"
        )
    ).all()
    assert scoped and all(e.detail["rooms"] == ["Breakout B"] for e in scoped)


def test_an_unknown_event_or_file_is_not_found(app, workshop):
    client = client_as(app, "organiser")
    assert client.get("/console/events/999/report").status_code == 404
    missing = client.get(f"/console/events/{workshop.id}/exports/keys.csv")
    assert missing.status_code == 404
    assert "no export called" in missing.get_data(as_text=True)


def test_the_organiser_gets_every_file_with_its_type_and_a_download_name(app, workshop):
    client = client_as(app, "organiser")
    base = f"/console/events/{workshop.id}"
    page = client.get(base + "/exports").get_data(as_text=True)
    for name, kind in (
        ("responses.csv", "text/csv"),
        ("endorsements.csv", "text/csv"),
        ("positions.csv", "text/csv"),
        ("priorities.csv", "text/csv"),
        ("proposals.csv", "text/csv"),
        ("opinion_groups.csv", "text/csv"),
        ("aggregates.json", "application/json"),
        ("responses.json", "application/json"),
    ):
        assert f"{base}/exports/{name}" in page
        response = client.get(f"{base}/exports/{name}")
        assert response.status_code == 200
        assert response.mimetype == kind
        assert response.headers["Content-Type"].count("charset") == (kind == "text/csv")
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert name in response.headers["Content-Disposition"]
        assert response.headers["Cache-Control"] == "no-store"
        body = response.get_data()
        if kind == "text/csv":
            header = next(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
            assert header[:3] == ["room", "prompt_number", "prompt"]
        else:
            assert json.loads(body)["format"].startswith("facilitator-")
    archive = client.get(base + "/exports.zip")
    assert archive.mimetype == "application/zip"
    assert len(zipfile.ZipFile(io.BytesIO(archive.get_data())).namelist()) == 8


def test_a_room_moderator_downloads_answers_without_keys_in_random_order(app, workshop):
    client = client_as(app, "moderator")
    url = f"/console/events/{workshop.id}/exports/responses.csv"
    bodies = [client.get(url).get_data() for _ in range(4)]
    text = bodies[0].decode("utf-8-sig")
    for key in db.session.scalars(select(Response.participant_key)):
        assert key not in text
    for client_id in db.session.scalars(select(Response.client_id)):
        assert client_id not in text
    rows = [tuple(r.values()) for r in csv.DictReader(io.StringIO(text))]
    assert "id" not in csv.DictReader(io.StringIO(text)).fieldnames
    orders = {body for body in bodies}
    assert len(orders) > 1  # 12 rows: four equal shuffles happen about once in 10^26
    for body in bodies:
        again = csv.DictReader(io.StringIO(body.decode("utf-8-sig")))
        assert Counter(tuple(r.values()) for r in again) == Counter(rows)


def test_the_report_page_escapes_user_text_and_states_the_method(app, workshop):
    client = client_as(app, "moderator")
    response = client.get(f"/console/events/{workshop.id}/report")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "<script" not in page
    assert "k = 5" in page
    assert "How to read this report" in page
    assert "Trust will grow." in page
    assert "<svg" in page


def test_the_pdf_is_a_real_pdf_with_the_report_text(app, workshop):
    client = client_as(app, "moderator")
    response = client.get(f"/console/events/{workshop.id}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].endswith('.pdf"')
    body = response.get_data()
    assert body.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(body))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Test workshop" in text
    assert "Trust will grow." in text
    assert "A hotline between commanders" in text
    assert '<script>alert("x")</script>' in text  # user text printed as text
    assert "How these figures are made" in text


def test_an_event_without_answers_has_a_report_that_says_so(app, make):
    make.moderator("organiser", admin=True)
    event = make.event()
    room = make.room(event)
    make.prompt(room, "position", "Not asked yet")
    client = client_as(app, "organiser")
    page = client.get(f"/console/events/{event.id}/report").get_data(as_text=True)
    assert "No prompt of this room has answers yet." in page
    assert "This event has no trust barometer" in page
    assert "Not asked yet" not in page
    rows = client.get(f"/console/events/{event.id}/exports/responses.csv").get_data()
    assert rows.decode("utf-8-sig").strip() == (
        "room,prompt_number,prompt,kind,constituency,answer,answer_text"
    )


def test_a_failed_pdf_says_what_to_do_instead(app, workshop, monkeypatch):
    from facilitator.pdf import PdfError
    from facilitator.services import report_files

    def fail(html):
        raise PdfError("no fonts")

    monkeypatch.setattr(report_files, "html_to_pdf", fail)
    response = client_as(app, "moderator").get(f"/console/events/{workshop.id}/report.pdf")
    assert response.status_code == 503
    assert "print it from the browser" in response.get_data(as_text=True)


def test_the_console_links_each_event_to_its_report_and_files(app, workshop):
    client = client_as(app, "moderator")
    page = client.get("/console/").get_data(as_text=True)
    assert f"/console/events/{workshop.id}/report" in page
    assert f"/console/events/{workshop.id}/exports" in page
