"""The dashboard channel: who may connect, and live room summaries when any room changes."""

import pytest

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db, socketio
from facilitator.services import agenda
from tests.conftest import events, flush, login


@pytest.fixture
def workshop(make):
    """An event with a plenary and breakout B, both run by alice; bob runs a room elsewhere."""
    alice, bob = make.moderator("alice"), make.moderator("bob")
    make.moderator("org", admin=True)
    event = make.event()
    plenary = make.room(event, [alice], "Plenary")
    breakout = make.room(event, [alice], "Breakout B")
    make.room(make.event(), [bob], "Elsewhere")
    return event, plenary, breakout


def dashboard(app, event, username=None):
    """A dashboard connection, logged in as username (or anonymous)."""
    http = app.test_client()
    if username:
        login(http, username)
    return socketio.test_client(
        app, flask_test_client=http, auth={"role": "dashboard", "event": event.id}
    )


@pytest.mark.parametrize("username", [None, "bob"])
def test_a_non_moderator_of_the_event_is_refused(app, workshop, username):
    event, _plenary, _breakout = workshop
    client = dashboard(app, event, username)
    assert not client.is_connected()


def test_an_unknown_or_malformed_event_is_refused(app, workshop):
    http = app.test_client()
    login(http, "org")
    for event_id in (999, "1", None, -1):
        client = socketio.test_client(
            app, flask_test_client=http, auth={"role": "dashboard", "event": event_id}
        )
        assert not client.is_connected()


@pytest.mark.parametrize("username", ["alice", "org"])
def test_the_events_moderators_and_organisers_get_every_room(app, workshop, username):
    event, _plenary, _breakout = workshop
    client = dashboard(app, event, username)
    assert client.is_connected()
    [state] = events(client, "state")
    assert [room["name"] for room in state["rooms"]] == ["Plenary", "Breakout B"]
    assert state["event"]["id"] == event.id
    client.disconnect()


def test_a_vote_in_breakout_b_updates_the_dashboard(app, workshop, make, sockets):
    event, _plenary, breakout = workshop
    prompt = make.prompt(breakout, text="Share more information.", state="open")
    watcher = dashboard(app, event, "alice")
    events(watcher, "state")
    phone = sockets.phone(breakout)
    flush(app)
    [line] = events(watcher, "dashboard:room")
    assert line["name"] == "Breakout B" and line["phones"] == 1
    ack = phone.emit(
        "response:submit",
        {"prompt_id": prompt.id, "client_id": new_token()[:20], "value": 4},
        callback=True,
    )
    assert ack["ok"]
    flush(app)
    [line] = events(watcher, "dashboard:room")
    assert line["prompt"]["text"] == "Share more information."
    assert line["prompt"]["counts"] == {"responses": 1}
    watcher.disconnect()


def test_a_dashboard_may_not_send_room_events(app, workshop, make):
    event, _plenary, breakout = workshop
    prompt = make.prompt(breakout)
    watcher = dashboard(app, event, "alice")
    ack = watcher.emit("prompt:open", {"prompt_id": prompt.id}, callback=True)
    assert ack["error"]["code"] == "forbidden"
    db.session.refresh(prompt)
    assert prompt.state == "draft"
    watcher.disconnect()


def test_the_rollup_screen_gets_a_family_live_and_never_hidden_results(app, workshop, sockets):
    _event, plenary, breakout = workshop
    prompts = agenda.add_shared_prompt([plenary, breakout], "position", "Share more.", {})
    for prompt in prompts:
        prompt.open()
    db.session.commit()
    screen = socketio.test_client(
        app, auth={"role": "screen", "room": plenary.code, "family": prompts[0].family}
    )
    [state] = events(screen, "state")
    assert [part["room"]["name"] for part in state["rooms"]] == ["Plenary", "Breakout B"]
    phone = sockets.phone(breakout)
    for _ in range(6):
        phone.emit(
            "response:submit",
            {"prompt_id": prompts[1].id, "client_id": new_token()[:20], "value": 5},
            callback=True,
        )
    flush(app)
    [update] = events(screen, "rollup")
    part = update["rooms"][1]
    assert part["counts"] == {"responses": 1}  # one phone: its answer changed six times
    assert part["status"] == "hidden" and "summary" not in part
    screen.disconnect()


def test_a_rollup_screen_for_an_unknown_family_is_refused(app, workshop):
    _event, plenary, _breakout = workshop
    screen = socketio.test_client(
        app, auth={"role": "screen", "room": plenary.code, "family": "nothing"}
    )
    assert not screen.is_connected()
