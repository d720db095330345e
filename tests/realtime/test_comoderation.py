"""Co-moderators share one live queue: exactly one decision per proposal wins, both converge."""

import threading

import pytest

from facilitator.extensions import db
from facilitator.models import AuditEntry, Proposal
from tests.conftest import events, flush
from tests.services.answers import endorse


@pytest.fixture
def moderators(make):
    return make.moderator("amina"), make.moderator("pieter")


@pytest.fixture
def room(make, moderators):
    return make.room(moderators=list(moderators))


def _emit(client, event, **payload):
    return client.emit(event, payload, callback=True)


def _submit(phone, prompt, text, n):
    ack = _emit(phone, "proposal:submit", prompt_id=prompt.id, client_id=f"idea-{n:05d}", text=text)
    assert ack["ok"], ack
    return ack["proposal"]["id"]


def test_two_moderators_race_on_one_proposal_and_exactly_one_wins(app, room, make, sockets):
    prompt = make.prompt(room, kind="proposal", state="open", moderation="pre")
    amina, pieter = sockets.moderator(room, "amina"), sockets.moderator(room, "pieter")
    proposal_id = _submit(sockets.phone(room), prompt, "Joint search and rescue drill", 1)
    flush(app)
    for console in (amina, pieter):  # both consoles see it waiting
        [update] = events(console, "prompt")
        assert update["proposals"][0]["status"] == "pending"

    acks = {}
    barrier = threading.Barrier(2)

    def decide(name, console, action):
        barrier.wait()
        acks[name] = _emit(
            console, "proposal:moderate", proposal_id=proposal_id, action=action, expected="pending"
        )

    threads = [
        threading.Thread(target=decide, args=("amina", amina, "approve")),
        threading.Thread(target=decide, args=("pieter", pieter, "hide")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    winners = [name for name, ack in acks.items() if ack["ok"]]
    assert len(winners) == 1
    [loser] = [name for name in acks if name not in winners]
    error = acks[loser]["error"]
    assert error["code"] == "already_handled"
    assert error["by"] == winners[0].title()
    assert winners[0].title() in error["message"]
    final = acks[winners[0]]["proposal"]["status"]
    assert error["proposal"]["status"] == final  # the loser sees the current state at once

    db.session.expire_all()
    assert db.session.get(Proposal, proposal_id).status == final
    assert [e.moderator_name for e in db.session.query(AuditEntry)] == [winners[0].title()]
    flush(app)
    for console in (amina, pieter):  # both consoles converge on the winner's decision
        [update] = events(console, "prompt")
        assert update["proposals"][0]["status"] == final


def test_a_co_moderators_decision_reaches_the_other_console_at_once(app, room, make, sockets):
    prompt = make.prompt(room, kind="proposal", state="open", moderation="post")
    amina, pieter = sockets.moderator(room, "amina"), sockets.moderator(room, "pieter")
    screen = sockets.screen(room)
    phone = sockets.phone(room)
    ids = [_submit(phone, prompt, text, n) for n, text in enumerate(["Hotline", "A hotline"])]
    flush(app)
    events(amina, "prompt"), events(pieter, "prompt"), events(screen, "prompt")

    ack = _emit(amina, "proposal:highlight", proposal_id=ids[0], highlighted=True)
    assert ack["ok"] and ack["proposal"]["highlighted"] is True
    ack = _emit(pieter, "proposal:merge", target_id=ids[0], source_ids=[ids[1]])
    assert ack["ok"], ack
    flush(app)
    [update] = events(amina, "prompt")
    by_id = {p["id"]: p for p in update["proposals"]}
    assert by_id[ids[0]]["highlighted"] is True
    assert by_id[ids[0]]["merged_from"] == 1
    assert (by_id[ids[1]]["status"], by_id[ids[1]]["merged_into"]) == ("merged", ids[0])
    [shown] = events(screen, "prompt")
    assert shown["proposals"] == [
        {"id": ids[0], "text": "Hotline", "highlighted": True, "merged_from": 1}
    ]


@pytest.mark.parametrize(
    ("event", "payload", "code"),
    [
        ("proposal:highlight", {"highlighted": "yes"}, "invalid_type"),
        ("proposal:highlight", {}, "missing_field"),
        ("proposal:merge", {"target_id": 1, "source_ids": "2"}, "invalid_type"),
        ("proposal:merge", {"target_id": 1, "source_ids": [True]}, "invalid_type"),
        ("proposal:merge", {"target_id": 1, "source_ids": "self"}, "merge_into_self"),
        ("proposal:moderate", {"action": "approve", "expected": "gone"}, "invalid_status"),
        ("prompt:promote", {"prompt_ids": [1], "n": 1}, "invalid_n"),
        ("prompt:promote", {"prompt_ids": [1], "n": 2.5}, "invalid_type"),
        ("prompt:promote", {"prompt_ids": [], "n": 2}, "invalid_type"),
        ("prompt:promote", {"prompt_ids": [1], "n": 2, "room_id": 999}, "room_not_found"),
    ],
)
def test_bad_moderation_input_is_refused_at_the_edge(room, make, sockets, event, payload, code):
    prompt = make.prompt(room, kind="proposal", state="open", moderation="post")
    proposal_id = _submit(sockets.phone(room), prompt, "Hotline", 1)
    if event.startswith("proposal:") and event != "proposal:merge":
        payload = {"proposal_id": proposal_id, **payload}
    if event == "proposal:merge" and payload["source_ids"] == "self":
        payload = {"target_id": proposal_id, "source_ids": [proposal_id]}
    ack = _emit(sockets.moderator(room, "amina"), event, **payload)
    assert ack["ok"] is False
    assert ack["error"]["code"] == code
    assert ack["error"]["message"]
    db.session.expire_all()
    proposal = db.session.get(Proposal, proposal_id)
    assert (proposal.status, proposal.highlighted, proposal.merged_into_id) == (
        "approved",
        False,
        None,
    )


def test_a_moderator_promotes_from_a_breakout_into_the_plenary(app, make, moderators, sockets):
    event = make.event()
    plenary = make.room(event, moderators=list(moderators), name="Plenary")
    breakout = make.room(event, moderators=list(moderators), name="Breakout A")
    prompt = make.prompt(breakout, kind="proposal", state="open", moderation="post")
    phone = sockets.phone(breakout)
    for n, text in enumerate(["Hotline", "Cadet exchange", "Joint drill"]):
        endorse(breakout, _submit(phone, prompt, text, n), {None: ["agree"] * (7 - n)})
    console = sockets.moderator(breakout, "amina")
    sources = _emit(console, "promote:sources")
    assert [r["name"] for r in sources["rooms"]] == ["Plenary", "Breakout A"]
    plenary_console = sockets.moderator(plenary, "pieter")
    events(plenary_console, "state")
    ack = _emit(console, "prompt:promote", prompt_ids=[prompt.id], n=2, room_id=plenary.id)
    assert ack["ok"], ack
    assert ack["room_id"] == plenary.id
    assert ack["prompt"]["kind"] == "priority" and ack["prompt"]["state"] == "draft"
    assert len(ack["prompt"]["settings"]["options"]) == 2
    flush(app)
    [state] = events(plenary_console, "state")
    assert state["agenda"][-1]["id"] == ack["prompt"]["id"]
