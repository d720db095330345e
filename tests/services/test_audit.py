"""The audit log: every moderator action is recorded by name; participants never appear."""

import csv
import io

import pytest
from sqlalchemy import select

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.models import AuditEntry
from facilitator.services import ServiceError, audit, control, moderation, participation, promote
from facilitator.services import agenda as agenda_service
from tests.services.answers import endorse


@pytest.fixture
def amina(make):
    return make.moderator("amina")


@pytest.fixture
def room(make, amina):
    return make.room(moderators=[amina])


def _log():
    return [
        (e.moderator_name, e.action, e.target_type)
        for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
    ]


def test_every_moderator_action_is_recorded_with_who_and_what(make, room, amina):
    position = agenda_service.add_prompt(room, "position", "Trust grows", {}, amina)
    agenda_service.edit_prompt(position, "Trust grows fast", {}, amina)
    control.open_prompt(room, position.id, amina)
    control.reveal_results(room, position.id, amina)
    control.hide_results(room, position.id, amina)
    control.present(room, None, amina)
    ideas = make.prompt(room, kind="proposal", moderation="post", text="Ideas")
    control.open_prompt(room, ideas.id, amina)  # closes the position prompt too
    tokens = [new_token() for _ in range(3)]
    proposals = [
        participation.submit_proposal(room, token, ideas.id, f"idea-{i:04d}", f"Idea {i}")
        for i, token in enumerate(tokens)
    ]
    db.session.flush()
    first, second, third = proposals
    moderation.moderate_proposal(room, third.id, "hide", "approved", amina)
    moderation.moderate_proposal(room, third.id, "restore", "hidden", amina)
    moderation.highlight(room, first.id, True, amina)
    moderation.merge(room, first.id, [second.id], amina)
    for proposal in (first, third):  # enough votes to be ranked, and so promoted
        endorse(room, proposal.id, {None: ["agree"] * 5})
    promote.promote(amina, room, [ideas.id], 2)
    control.close_prompt(room, ideas.id, amina)
    db.session.commit()
    assert [action for _, action, _ in _log()] == [
        "prompt_add",
        "prompt_edit",
        "prompt_open",
        "results_reveal",
        "results_hide",
        "present_join_screen",
        "prompt_close",
        "prompt_open",
        "hide",
        "restore",
        "highlight",
        "merge",
        "promote",
        "prompt_close",
    ]
    assert {name for name, _, _ in _log()} == {"Amina"}
    # No participant key, token or client id anywhere in the log.
    text = audit.csv_text(room.event)
    for proposal in proposals:
        assert proposal.author_key not in text
        assert proposal.client_id not in text
    for token in tokens:
        assert token not in text


def test_agenda_changes_are_recorded(make, room, amina):
    first = agenda_service.add_prompt(room, "position", "First", {}, amina)
    second = agenda_service.add_prompt(room, "position", "Second", {}, amina)
    agenda_service.move_prompt(second, -1, amina)
    agenda_service.delete_prompt(first, amina)
    db.session.commit()
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.target_id) for e in entries] == [
        ("prompt_add", first.id),
        ("prompt_add", second.id),
        ("prompt_move", second.id),
        ("prompt_delete", first.id),
    ]
    assert entries[2].detail == {"prompt": "Second", "offset": -1}


def test_the_countdown_closing_a_prompt_is_recorded_as_the_countdown(make, room):
    prompt = make.prompt(room, state="open")
    control.close_prompt(room, prompt.id)  # no moderator: the countdown did it
    db.session.commit()
    [entry] = db.session.scalars(select(AuditEntry)).all()
    assert (entry.moderator_name, entry.moderator_id, entry.action) == (
        audit.COUNTDOWN,
        None,
        "prompt_close",
    )


def test_a_refused_action_leaves_no_entry(make, room, amina):
    prompt = make.prompt(room)
    with pytest.raises(ServiceError):
        control.close_prompt(room, prompt.id, amina)
    db.session.rollback()
    assert _log() == []


def test_details_that_could_identify_a_participant_are_refused(room, amina):
    for detail in ({"participant_key": "abc"}, {"nested": [{"token": "x"}]}):
        with pytest.raises(ValueError):
            audit.record(amina, "approve", room, "proposal", 1, detail)


def test_the_csv_lists_who_what_when_room_and_target(make, room, amina):
    prompt = make.prompt(room, text="=HYPERLINK(evil)")
    control.open_prompt(room, prompt.id, amina)
    db.session.commit()
    rows = list(csv.reader(io.StringIO(audit.csv_text(room.event))))
    assert rows[0] == list(audit.CSV_COLUMNS)
    when, who, what, where, target_type, target_id, detail = rows[1]
    assert (who, what, where, target_type, target_id) == (
        "Amina",
        "prompt_open",
        "Plenary",
        "prompt",
        str(prompt.id),
    )
    assert when[:4].isdigit() and "T" in when
    assert detail.startswith("prompt=")  # a formula in a prompt text is not a formula in the file
    assert not any(cell.startswith("=") for row in rows for cell in row)
