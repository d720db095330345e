"""The plenary's moderator sends the room's projector to a shared prompt's roll-up and back."""

import pytest

from facilitator.extensions import db
from facilitator.models import AuditEntry, Room
from tests.conftest import flush

FAMILY = "information-sharing"


@pytest.fixture
def moderator(make):
    return make.moderator()


@pytest.fixture
def plenary(make, moderator):
    room = make.room(moderators=[moderator], name="Plenary")
    room.kind = "plenary"
    for name in ("Breakout A", "Breakout B"):
        breakout = make.room(event=room.event, name=name)
        make.prompt(breakout, text="Share intelligence").family = FAMILY
    db.session.commit()
    return room


def _states(client) -> list[dict]:
    return [item["args"][0] for item in client.get_received() if item["name"] == "state"]


def _screen(client, room, rollup):
    return client.emit("room:screen", {"room_id": room.id, "rollup": rollup}, callback=True)


def test_a_moderator_puts_the_rollup_on_the_projector_and_takes_it_off(app, plenary, sockets):
    screen, console = sockets.screen(plenary), sockets.moderator(plenary)
    [welcome] = _states(screen)
    assert welcome["screen"] is None
    _states(console)

    ack = _screen(console, plenary, FAMILY)
    assert ack == {"ok": True, "room_id": plenary.id, "screen": {"rollup": FAMILY}}
    flush(app)
    assert _states(screen)[-1]["screen"] == {"rollup": FAMILY}
    assert _states(console)[-1]["screen"] == {"rollup": FAMILY}
    db.session.expire_all()
    assert db.session.get(Room, plenary.id).screen_rollup == FAMILY
    # A projector opened (or reloaded) now shows the roll-up at once.
    assert _states(sockets.screen(plenary))[0]["screen"] == {"rollup": FAMILY}

    ack = _screen(console, plenary, None)
    assert ack == {"ok": True, "room_id": plenary.id, "screen": None}
    flush(app)
    assert _states(screen)[-1]["screen"] is None
    actions = [e.action for e in db.session.query(AuditEntry).order_by(AuditEntry.id)]
    assert actions[-2:] == ["screen_rollup", "screen_room"]


def test_an_unknown_family_is_refused_and_changes_nothing(app, plenary, sockets):
    console = sockets.moderator(plenary)
    assert _screen(console, plenary, FAMILY)["ok"]
    ack = _screen(console, plenary, "no-such-family")
    assert ack["ok"] is False
    assert ack["error"]["code"] == "family_not_found"
    assert ack["error"]["field"] == "rollup"
    db.session.expire_all()
    assert db.session.get(Room, plenary.id).screen_rollup == FAMILY


def test_a_family_of_another_event_is_refused(app, plenary, make, sockets):
    other = make.room(name="Elsewhere")
    make.prompt(other).family = "elsewhere"
    db.session.commit()
    ack = _screen(sockets.moderator(plenary), plenary, "elsewhere")
    assert ack["error"]["code"] == "family_not_found"


def test_only_the_rooms_moderator_chooses_its_screen(app, plenary, moderator, sockets):
    for client in (sockets.screen(plenary), sockets.phone(plenary)):
        ack = _screen(client, plenary, FAMILY)
        assert ack["error"]["code"] == "forbidden"
    # A moderator's console of another room cannot send the plenary's projector anywhere.
    breakout = db.session.query(Room).filter_by(name="Breakout A").one()
    breakout.moderators.append(moderator)
    db.session.commit()
    ack = _screen(sockets.moderator(breakout), plenary, FAMILY)
    assert ack["error"]["code"] == "forbidden"
    db.session.expire_all()
    assert db.session.get(Room, plenary.id).screen_rollup is None


def test_bad_payloads_are_refused(app, plenary, sockets):
    console = sockets.moderator(plenary)
    assert _screen(console, plenary, 7)["error"]["code"] == "invalid_type"
    assert _screen(console, plenary, "x" * 33)["error"]["code"] == "too_long"
    assert _screen(console, plenary, "")["error"]["code"] == "invalid_family"
    missing = console.emit("room:screen", {"room_id": plenary.id}, callback=True)
    assert missing["error"]["code"] == "missing_field"
