"""`facilitator close-event`: the report and data files stay the same, the answers are gone."""

import json
import re

import pytest
from sqlalchemy import func, select

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.models import AuditEntry, Endorsement, Proposal, Response
from facilitator.services import control, exports, participation
from tests.conftest import login
from tests.services.answers import answer, endorse, propose

TOKEN = new_token()


@pytest.fixture
def event(make):
    """An event with answers, proposals and endorsements; every prompt closed."""
    make.moderator("organiser", admin=True)
    event = make.event(("NATO official", "Pakistani government"))
    nato, government, undisclosed = (c.id for c in event.constituencies)
    room = make.room(event)
    statement = make.prompt(room, "position", "Trust will grow.", points=5)
    answer(room, statement, {nato: [4, 5, 4, 5, 5], government: [2, 1, 2, 2, 3]})
    participation.submit_response(room, TOKEN, statement.id, "c-lone-0001", 1, undisclosed)
    ideas = make.prompt(room, "proposal", "Steps?", moderation="post")
    [hotline] = propose(room, ideas, ["A hotline between commanders"])
    endorse(room, hotline, {nato: ["agree"] * 5, government: ["agree"] * 5})
    control.close_prompt(room, ideas.id)
    db.session.commit()
    return event


def _files(event) -> dict:
    return {name: exports.export_file(event, name)[0] for name in exports.FILES}


def _shuffle_free(files: dict) -> dict:
    """The files with row order set aside (answer tables are shuffled on every download)."""
    out = {}
    for name, content in files.items():
        text = content.decode("utf-8")
        if name.endswith(".csv"):
            lines = text.splitlines()
            out[name] = (lines[0], sorted(lines[1:]))
        elif name == "responses.json":
            data = json.loads(text)
            out[name] = {
                k: (sorted(map(repr, v)) if isinstance(v, list) else v) for k, v in data.items()
            }
        else:
            out[name] = text
    return out


def test_closing_keeps_every_published_figure_and_deletes_every_answer(app, event):
    before = _shuffle_free(_files(event))
    client = app.test_client()
    login(client, "organiser")
    report_before = client.get(f"/console/events/{event.id}/report").get_data(as_text=True)

    result = app.test_cli_runner().invoke(args=["close-event", str(event.id), "--yes"])
    assert result.exit_code == 0, result.output
    assert "answers are deleted" in result.output

    db.session.expire_all()
    assert _shuffle_free(_files(event)) == before
    report_after = client.get(f"/console/events/{event.id}/report").get_data(as_text=True)
    assert "Trust will grow." in report_after and "A hotline between commanders" in report_after
    # The same report, but for when it was made (the archive's figures were taken at closing).
    made = re.compile(r"\d{1,2} \w+ \d{4}, \d\d:\d\d UTC")
    assert made.sub("", report_after) == made.sub("", report_before)
    assert db.session.scalar(select(func.count()).select_from(Response)) == 0
    assert db.session.scalar(select(func.count()).select_from(Endorsement)) == 0
    # A phone's token and the secret lead nowhere now.
    key = participation.response_key(TOKEN, 1)
    assert db.session.scalar(select(Response).where(Response.participant_key == key)) is None
    assert all(p.client_id.startswith("closed-") for p in db.session.scalars(select(Proposal)))
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "close_event"))


def test_an_event_with_an_open_prompt_is_not_closed(app, event, make):
    room = event.rooms[0]
    make.prompt(room, "position", "Still open.", points=5, state="open")
    result = app.test_cli_runner().invoke(args=["close-event", str(event.id), "--yes"])
    assert result.exit_code != 0
    assert "Close every prompt first" in result.output
    assert db.session.scalar(select(func.count()).select_from(Response)) == 11
