"""A reconnect storm builds the room's state once; a committed change is seen at once."""

from facilitator.domain.anonymity import new_token
from facilitator.services import views
from tests.conftest import events

TOKEN = new_token()


def _count_builds(monkeypatch) -> list:
    built = []
    original = views.room_view

    def counting(room, role):
        built.append(role)
        return original(room, role)

    monkeypatch.setattr(views, "room_view", counting)
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
    again, fresh = sockets.phone(room, token=TOKEN), sockets.phone(room)
    again_state, fresh_state = events(again, "state")[0], events(fresh, "state")[0]
    assert again_state["prompt"]["counts"] == {"responses": 1}
    assert built == ["participant", "participant"]
    # The shared state carries each phone's own answers on top.
    assert (again_state["mine"]["value"], fresh_state["mine"]["answered"]) == (4, False)


def test_moderators_and_several_workers_always_get_a_state_built_for_them(
    app, make, sockets, monkeypatch
):
    make.moderator()
    room = make.room(moderators=[])
    built = _count_builds(monkeypatch)
    sockets.screen(room)
    sockets.screen(room)
    assert built == ["screen"]
    app.config["SOCKETIO_MESSAGE_QUEUE"] = "redis://127.0.0.1:6379/15"
    try:
        sockets.screen(room)
    finally:
        app.config["SOCKETIO_MESSAGE_QUEUE"] = None
    assert built == ["screen", "screen"]
