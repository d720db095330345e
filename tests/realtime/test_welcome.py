"""A reconnect storm builds the room's state once; answers never force a rebuild, and every
phone sees the counts of the last update its room was sent."""

import pytest
import redis

from facilitator.domain.anonymity import new_token
from facilitator.realtime.welcome import VERSION_KEY, WelcomeStates
from facilitator.services import payloads
from tests.conftest import events, flush
from tests.harness import REDIS_URL

TOKEN = new_token()


def _count_builds(monkeypatch) -> list:
    built = []
    original = payloads.room_view

    def counting(room, role):
        built.append(role)
        return original(room, role)

    monkeypatch.setattr(payloads, "room_view", counting)
    return built


def test_phones_of_one_room_share_one_built_state_until_the_room_changes(
    app, make, sockets, monkeypatch
):
    room = make.room()
    prompt = make.prompt(room, "position", points=5, state="open")
    built = _count_builds(monkeypatch)
    phones = [sockets.phone(room, token=TOKEN)] + [sockets.phone(room) for _ in range(4)]
    states = [events(phone, "state")[0] for phone in phones]
    assert built == ["participant"]
    assert all(state["prompt"]["counts"] == {"responses": 0} for state in states)

    ack = phones[0].emit(
        "response:submit",
        {"prompt_id": prompt.id, "client_id": "c0000001", "value": 4},
        callback=True,
    )
    assert ack["ok"], ack
    # Connected after the answer, before the update went out: the cached state still says 0,
    # and the update follows, since the phone joined its channel first.
    between = sockets.phone(room)
    assert events(between, "state")[0]["prompt"]["counts"] == {"responses": 0}
    flush(app)
    assert events(between, "prompt")[-1]["counts"] == {"responses": 1}

    again, fresh = sockets.phone(room, token=TOKEN), sockets.phone(room)
    again_state, fresh_state = events(again, "state")[0], events(fresh, "state")[0]
    assert again_state["prompt"]["counts"] == {"responses": 1}
    assert fresh_state["prompt"]["counts"] == {"responses": 1}
    assert built == ["participant"]  # the update refreshed the cached state: no rebuild
    # The shared state carries each phone's own answers on top.
    assert (again_state["mine"]["value"], fresh_state["mine"]["answered"]) == (4, False)


def test_a_moderators_change_to_the_room_is_in_the_next_phones_state_at_once(
    app, make, sockets, monkeypatch
):
    moderator = make.moderator()
    room = make.room(moderators=[moderator])
    prompt = make.prompt(room, "position", points=5, state="open")
    built = _count_builds(monkeypatch)
    sockets.phone(room)
    console = sockets.moderator(room)
    ack = console.emit("prompt:close", {"prompt_id": prompt.id}, callback=True)
    assert ack["ok"], ack
    late = sockets.phone(room)
    assert events(late, "state")[0]["prompt"]["state"] == "closed"
    assert built.count("participant") == 2


def test_moderators_always_get_a_state_built_for_them(app, make, sockets, monkeypatch):
    moderator = make.moderator()
    room = make.room(moderators=[moderator])
    built = _count_builds(monkeypatch)
    sockets.moderator(room)
    sockets.moderator(room)
    assert built == ["moderator", "moderator"]


@pytest.mark.redis
def test_with_several_workers_a_change_on_another_worker_rebuilds_the_state(app, make, monkeypatch):
    room = make.room()
    shared = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
    shared.delete(VERSION_KEY.format(room.id))
    app.config["SOCKETIO_MESSAGE_QUEUE"] = REDIS_URL
    try:
        welcome = WelcomeStates(app)
    finally:
        app.config["SOCKETIO_MESSAGE_QUEUE"] = None
    built = _count_builds(monkeypatch)
    welcome.state(room, "screen")
    welcome.state(room, "screen")
    assert built == ["screen"]
    shared.incr(VERSION_KEY.format(room.id))  # what a change committed by another worker does
    welcome.state(room, "screen")
    welcome.state(room, "screen")
    assert built == ["screen", "screen"]
