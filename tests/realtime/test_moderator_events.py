"""Moderator socket events, connection checks and what the broadcaster sends to whom."""

import pytest
from flask_socketio import SocketIO

from facilitator.extensions import db, socketio
from facilitator.models import Prompt
from tests.conftest import flush


@pytest.fixture
def moderator(make):
    return make.moderator()


@pytest.fixture
def room(make, moderator):
    return make.room(moderators=[moderator])


def received(client) -> dict[str, list]:
    """Events the client got since the last call, by name."""
    by_name: dict[str, list] = {}
    for item in client.get_received():
        by_name.setdefault(item["name"], []).append(item["args"][0])
    return by_name


def _emit(client, event, **payload):
    return client.emit(event, payload, callback=True)


def test_a_moderator_opens_a_prompt_and_phones_and_screens_see_it(app, room, make, sockets):
    prompt = make.prompt(room, text="Trust will grow")
    phone, screen, console = sockets.phone(room), sockets.screen(room), sockets.moderator(room)
    for client in (phone, screen, console):
        received(client)
    ack = _emit(console, "prompt:open", prompt_id=prompt.id)
    assert ack["ok"] is True
    assert ack["prompt"]["state"] == "open"
    flush(app)
    for client in (phone, screen):
        [state] = received(client)["state"]
        assert state["prompt"]["text"] == "Trust will grow"
        assert "agenda" not in state
    assert received(console)["state"][0]["agenda"][0]["state"] == "open"


def test_opening_a_prompt_closes_the_one_open_before(room, make, sockets):
    first = make.prompt(room, state="open")
    second = make.prompt(room)
    assert _emit(sockets.moderator(room), "prompt:open", prompt_id=second.id)["ok"]
    db.session.expire_all()
    assert (db.session.get(Prompt, first.id).state, db.session.get(Prompt, second.id).state) == (
        "closed",
        "open",
    )


@pytest.mark.parametrize(
    ("event", "state", "code"),
    [
        ("prompt:close", "draft", "not_open"),
        ("prompt:open", "open", "already_open"),
        ("prompt:reveal", "draft", "not_started"),
        ("prompt:hide", "closed", "already_hidden"),
    ],
)
def test_wrong_state_transitions_are_refused(room, make, sockets, event, state, code):
    prompt = make.prompt(room, state=state)
    ack = _emit(sockets.moderator(room), event, prompt_id=prompt.id)
    assert ack["error"]["code"] == code
    db.session.refresh(prompt)
    assert prompt.state == state


def test_hidden_results_never_reach_the_projector_or_phones(app, room, make, sockets):
    prompt = make.prompt(room, state="open")
    phone, screen, console = sockets.phone(room), sockets.screen(room), sockets.moderator(room)
    for client in (phone, screen, console):
        received(client)
    for value in (1, 2, 5, 5, 2):
        sockets.phone(room).emit(
            "response:submit",
            {"prompt_id": prompt.id, "client_id": f"answer-{value:04d}-{id(room)}", "value": value},
            callback=True,
        )
    flush(app)
    for client in (phone, screen):
        [update] = received(client)["prompt"]
        assert update["counts"] == {"responses": 5}
        assert "results" not in update
    [update] = received(console)["prompt"]
    assert update["results"]["summary"]["counts"] == [1, 2, 0, 0, 2]

    assert _emit(console, "prompt:reveal", prompt_id=prompt.id)["ok"]
    flush(app)
    for client in (phone, screen):
        got = received(client)
        assert got["state"][0]["prompt"]["results"]["summary"]["n"] == 5
        assert got["prompt"][0]["results"]["summary"]["mean"] == pytest.approx(15 / 5)

    assert _emit(console, "prompt:hide", prompt_id=prompt.id)["ok"]
    flush(app)
    for client in (phone, screen):
        got = received(client)
        assert "results" not in got["state"][0]["prompt"]
        assert all("results" not in update for update in got.get("prompt", []))


def test_many_votes_are_coalesced_into_one_update_per_flush(app, room, make, sockets):
    prompt = make.prompt(room, state="open")
    screen = sockets.screen(room)
    received(screen)
    for index in range(25):
        sockets.phone(room).emit(
            "response:submit",
            {"prompt_id": prompt.id, "client_id": f"answer-{index:04d}", "value": 1 + index % 5},
            callback=True,
        )
    assert "prompt" not in received(screen)  # nothing is sent per vote
    flush(app)
    updates = received(screen)["prompt"]
    assert len(updates) == 1
    assert updates[0]["counts"] == {"responses": 25}


def test_a_refused_change_is_not_broadcast(app, room, make, sockets):
    prompt = make.prompt(room, state="closed")
    screen = sockets.screen(room)
    received(screen)
    sockets.phone(room).emit(
        "response:submit",
        {"prompt_id": prompt.id, "client_id": "answer-0001", "value": 3},
        callback=True,
    )
    flush(app)
    assert received(screen) == {}


def test_proposals_are_moderated_live(app, room, make, sockets):
    prompt = make.prompt(room, kind="proposal", state="open", moderation="pre")
    phone, console = sockets.phone(room), sockets.moderator(room)
    ack = _emit(
        phone, "proposal:submit", prompt_id=prompt.id, client_id="idea-00001", text="Hotline"
    )
    proposal_id = ack["proposal"]["id"]
    received(phone), received(console)
    flush(app)
    [queue] = received(console)["prompt"]
    assert queue["proposals"] == [
        {
            "id": proposal_id,
            "text": "Hotline",
            "status": "pending",
            "highlighted": False,
            "merged_from": 0,
            "merged_into": None,
            "similar": [],
        }
    ]
    assert received(phone)["prompt"][0]["proposals"] == []

    assert _emit(console, "proposal:moderate", proposal_id=proposal_id, action="approve")["ok"]
    flush(app)
    assert received(phone)["prompt"][0]["proposals"] == [
        {"id": proposal_id, "text": "Hotline", "highlighted": False, "merged_from": 0}
    ]
    again = _emit(console, "proposal:moderate", proposal_id=proposal_id, action="approve")
    assert again["error"]["code"] == "already_done"
    bad = _emit(console, "proposal:moderate", proposal_id=proposal_id, action="delete")
    assert bad["error"]["code"] == "invalid_action"
    assert _emit(console, "proposal:moderate", proposal_id=proposal_id, action="hide")["ok"]
    flush(app)
    assert received(phone)["prompt"][0]["proposals"] == []


def test_a_moderator_cannot_control_another_room(room, make, sockets):
    other = make.room(name="Breakout")
    prompt = make.prompt(other)
    ack = _emit(sockets.moderator(room), "prompt:open", prompt_id=prompt.id)
    assert ack["error"]["code"] == "prompt_not_found"
    db.session.refresh(prompt)
    assert prompt.state == "draft"


def _refusal(app, auth, http=None):
    client = socketio.test_client(app, auth=auth, flask_test_client=http)
    assert not client.is_connected()
    return client


def test_connections_are_refused_with_bad_credentials(app, room, make):
    for auth in (
        None,
        {"role": "participant", "room": room.code},
        {"role": "participant", "room": room.code, "token": "short"},
        {"role": "participant", "room": "ZZZZZZ", "token": "t" * 43},
        {"role": "king", "room": room.code},
        {"role": "moderator", "room": room.code},
        {"role": "screen", "room": ["not", "a", "code"]},
    ):
        _refusal(app, auth)


def test_a_moderator_of_another_room_cannot_connect(app, room, make):
    from tests.conftest import login

    make.moderator("outsider")
    other = make.room(name="Other room")
    http = app.test_client()
    login(http, "outsider")
    _refusal(app, {"role": "moderator", "room": other.code}, http)
    _refusal(app, {"role": "moderator", "room": room.code}, http)


def test_an_admin_may_moderate_every_room(app, room, make):
    from tests.conftest import login

    make.moderator("organiser", admin=True)
    http = app.test_client()
    login(http, "organiser")
    client = socketio.test_client(
        app, flask_test_client=http, auth={"role": "moderator", "room": room.code}
    )
    assert client.is_connected()
    client.disconnect()


def test_the_socket_server_refuses_wildcard_origins(app):
    server = app.extensions["socketio"].server
    assert isinstance(app.extensions["socketio"], SocketIO)
    origins = server.eio.cors_allowed_origins
    assert origins and "*" not in origins


def test_a_merged_proposal_is_unmerged_live(app, room, make, sockets):
    prompt = make.prompt(room, kind="proposal", state="open", moderation="post")
    phone, console = sockets.phone(room), sockets.moderator(room)
    ids = [
        _emit(phone, "proposal:submit", prompt_id=prompt.id, client_id=f"idea-0000{i}", text=text)[
            "proposal"
        ]["id"]
        for i, text in enumerate(("Hotline", "A hotline"))
    ]
    assert _emit(
        phone, "endorsement:submit", proposal_id=ids[1], client_id="vote-00001", vote="agree"
    )["ok"]
    assert _emit(console, "proposal:merge", target_id=ids[0], source_ids=[ids[1]])["carried"] == 1
    flush(app)
    received(phone), received(console)

    ack = _emit(console, "proposal:unmerge", proposal_id=ids[1])
    assert ack["proposal"]["status"] == "approved" and ack["proposal"]["merged_into"] is None
    flush(app)
    listed = received(phone)["prompt"][0]["proposals"]
    assert [(p["id"], p["merged_from"]) for p in listed] == [(ids[0], 0), (ids[1], 0)]
    again = _emit(console, "proposal:unmerge", proposal_id=ids[1])
    assert again["error"]["code"] == "not_merged"


def test_a_moderator_corrects_a_proposal_and_phones_see_the_correction(app, room, make, sockets):
    prompt = make.prompt(room, kind="proposal", state="open", moderation="post")
    phone, console = sockets.phone(room), sockets.moderator(room)
    sent = _emit(
        phone, "proposal:submit", prompt_id=prompt.id, client_id="idea-00001", text="Hotlin"
    )
    proposal_id = sent["proposal"]["id"]
    flush(app)
    received(phone), received(console)

    ack = _emit(
        console, "proposal:edit", proposal_id=proposal_id, text="Hotline", expected="Hotlin"
    )
    assert ack["proposal"]["text"] == "Hotline"
    flush(app)
    assert [p["text"] for p in received(phone)["prompt"][0]["proposals"]] == ["Hotline"]
    empty = _emit(console, "proposal:edit", proposal_id=proposal_id, text=" ")
    assert empty["error"]["code"] == "empty"
    stale = _emit(console, "proposal:edit", proposal_id=proposal_id, text="Hot", expected="Hotlin")
    assert stale["error"]["code"] == "already_handled"


def test_the_console_learns_how_many_phones_are_connected(app, room, make, sockets):
    console = sockets.moderator(room)
    sync = _emit(console, "moderator:sync")
    assert sync["state"]["room"]["phones"] == 0
    received(console)

    phones = [sockets.phone(room), sockets.phone(room)]
    flush(app)
    assert received(console)["room:phones"][-1] == {"room_id": room.id, "phones": 2}
    assert _emit(console, "moderator:sync")["state"]["room"]["phones"] == 2
    phones[0].disconnect()
    flush(app)
    assert received(console)["room:phones"][-1] == {"room_id": room.id, "phones": 1}
    # Phones never learn the count of the room's connections from this event.
    assert "room:phones" not in received(phones[1])
