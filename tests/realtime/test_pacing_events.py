"""Moderators add time to a countdown or stop it over the socket; bad input is refused."""

from facilitator.extensions import db
from facilitator.models import AuditEntry
from facilitator.services import pacing


def _running(make, sockets, seconds=60):
    moderator = make.moderator()
    room = make.room(moderators=[moderator])
    prompt = make.prompt(room)
    pacing.set_pacing(prompt, seconds, True)
    db.session.commit()
    console = sockets.moderator(room)
    assert console.emit("prompt:open", {"prompt_id": prompt.id}, callback=True)["ok"]
    return room, prompt, console


def test_adding_time_moves_the_deadline_the_room_sees(app, make, sockets):
    _room, prompt, console = _running(make, sockets)
    before = console.emit("moderator:sync", {}, callback=True)["state"]["agenda"][0]["pacing"]
    ack = console.emit("prompt:add_time", {"prompt_id": prompt.id}, callback=True)
    assert ack["ok"], ack
    after = ack["prompt"]["pacing"]
    assert after["deadline"] > before["deadline"]
    ack = console.emit("prompt:add_time", {"prompt_id": prompt.id, "seconds": 120}, callback=True)
    assert ack["ok"]
    actions = [entry.action for entry in db.session.query(AuditEntry).order_by(AuditEntry.id)]
    assert actions.count("countdown_add_time") == 2


def test_stopping_the_countdown_keeps_the_prompt_open(app, make, sockets):
    _room, prompt, console = _running(make, sockets)
    ack = console.emit("prompt:stop_countdown", {"prompt_id": prompt.id}, callback=True)
    assert ack["ok"] and ack["prompt"]["state"] == "open"
    assert ack["prompt"]["pacing"]["deadline"] is None
    again = console.emit("prompt:stop_countdown", {"prompt_id": prompt.id}, callback=True)
    assert again["error"]["code"] == "no_countdown"


def test_bad_amounts_and_phones_are_refused_and_change_nothing(app, make, sockets):
    room, prompt, console = _running(make, sockets)
    deadline = prompt.deadline
    for seconds in (0, -1, 4000, "30", 1.5, True):
        ack = console.emit(
            "prompt:add_time", {"prompt_id": prompt.id, "seconds": seconds}, callback=True
        )
        assert ack["error"]["code"] == "invalid_seconds", (seconds, ack)
    phone = sockets.phone(room)
    refused = phone.emit("prompt:add_time", {"prompt_id": prompt.id}, callback=True)
    assert not refused["ok"]
    db.session.expire_all()
    assert db.session.get(type(prompt), prompt.id).deadline == deadline


def test_the_pacer_closes_a_due_prompt_and_the_screens_learn_it(app, make, sockets):
    from datetime import timedelta

    from tests.conftest import events, flush

    room, prompt, _console = _running(make, sockets, seconds=10)
    screen = sockets.screen(room)
    flush(app)
    screen.get_received()
    assert app.extensions["pacer"].tick() == []  # not due yet
    prompt.deadline = pacing.utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert app.extensions["pacer"].tick() == [prompt.id]
    flush(app)
    states = events(screen, "state")
    assert states and states[-1]["prompt"]["state"] == "closed"
    assert states[-1]["prompt"]["pacing"]["deadline"] is None
    closing = db.session.query(AuditEntry).filter_by(action="prompt_close").one()
    assert closing.moderator_id is None and closing.moderator_name == "Countdown (automatic)"
