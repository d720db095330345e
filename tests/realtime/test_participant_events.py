"""Participant socket events: each event, its ack, and each of its errors."""

import pytest
from sqlalchemy import func, select

from facilitator.extensions import db
from facilitator.models import Endorsement, Proposal, Response
from facilitator.services import groups
from tests.conftest import events

CLIENT_ID = "client-0001"


@pytest.fixture
def room(make):
    moderator = make.moderator()
    return make.room(moderators=[moderator])


def _answer(phone, prompt, value, client_id=CLIENT_ID, **extra):
    payload = {"prompt_id": prompt.id, "client_id": client_id, "value": value, **extra}
    return phone.emit("response:submit", payload, callback=True)


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_phone_receives_the_full_state_on_connect(room, make, sockets):
    prompt = make.prompt(room, state="open")
    phone = sockets.phone(room)
    [state] = events(phone, "state")
    assert state["room"]["code"] == room.code
    assert [c["name"] for c in state["constituencies"]][-1] == "Prefer not to say"
    assert state["prompt"]["id"] == prompt.id
    assert "results" not in state["prompt"]
    assert state["mine"] == {
        "prompt_id": prompt.id,
        "answered": False,
        "value": None,
        "client_id": None,
    }


def test_an_answer_is_saved_and_acknowledged(room, make, sockets):
    prompt = make.prompt(room, state="open")
    group = room.event.constituencies[1]
    ack = _answer(sockets.phone(room), prompt, 4, constituency_id=group.id)
    assert ack == {"ok": True, "prompt_id": prompt.id, "client_id": CLIENT_ID, "value": 4}
    stored = db.session.scalars(select(Response)).one()
    assert stored.value == 4
    # The group is stored sealed: never the id in clear, and the right one once opened.
    assert str(group.id) != stored.sealed_group and len(stored.sealed_group) == 44
    assert groups.responses(prompt.id) == [(group.id, 4)]


def test_a_resend_after_reconnect_changes_nothing(room, make, sockets):
    prompt = make.prompt(room, state="open", points=7)
    token = "t" * 43
    assert _answer(sockets.phone(room, token), prompt, 6)["ok"]
    again = sockets.phone(room, token)
    assert _answer(again, prompt, 6)["ok"]
    assert _count(Response) == 1


def test_changing_an_answer_keeps_one_response_per_phone(room, make, sockets):
    prompt = make.prompt(room, state="open")
    phone = sockets.phone(room)
    _answer(phone, prompt, 1, client_id="first-answer")
    ack = _answer(phone, prompt, 5, client_id="second-answer")
    assert ack["value"] == 5
    assert db.session.scalars(select(Response.value)).all() == [5]


def test_reconnecting_phone_gets_its_own_answer_back(room, make, sockets):
    prompt = make.prompt(room, state="open")
    token = "r" * 43
    _answer(sockets.phone(room, token), prompt, 2)
    [state] = events(sockets.phone(room, token), "state")
    assert state["mine"]["answered"] is True
    assert state["mine"]["value"] == 2
    [other] = events(sockets.phone(room), "state")
    assert other["mine"]["answered"] is False


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ("not an object", "invalid_payload"),
        ([1, 2], "invalid_payload"),
        ({"client_id": CLIENT_ID, "value": 3}, "missing_field"),
        ({"prompt_id": "1", "client_id": CLIENT_ID, "value": 3}, "invalid_type"),
        ({"prompt_id": True, "client_id": CLIENT_ID, "value": 3}, "invalid_type"),
        ({"prompt_id": -4, "client_id": CLIENT_ID, "value": 3}, "invalid_type"),
        ({"prompt_id": 1, "client_id": "x", "value": 3}, "invalid_client_id"),
        ({"prompt_id": 1, "client_id": "a b c d e f g", "value": 3}, "invalid_client_id"),
        ({"prompt_id": 1, "client_id": CLIENT_ID, "value": 3, "admin": True}, "unknown_field"),
        ({"prompt_id": 1, "client_id": CLIENT_ID}, "missing_field"),
    ],
)
def test_malformed_payloads_are_refused_with_a_code(room, make, sockets, payload, code):
    make.prompt(room, state="open")
    ack = sockets.phone(room).emit("response:submit", payload, callback=True)
    assert ack["ok"] is False
    assert ack["error"]["code"] == code
    assert ack["error"]["message"]
    assert _count(Response) == 0


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0, "out_of_range"),
        (6, "out_of_range"),
        ("3", "invalid_type"),
        (2.0, "invalid_type"),
        (True, "invalid_type"),
        ([3], "invalid_type"),
    ],
)
def test_an_invalid_position_value_is_refused_and_the_earlier_answer_kept(
    room, make, sockets, value, code
):
    prompt = make.prompt(room, state="open")
    phone = sockets.phone(room)
    _answer(phone, prompt, 3, client_id="good-answer")
    ack = _answer(phone, prompt, value, client_id="bad-answer")
    assert ack["ok"] is False
    assert ack["error"]["code"] == code
    assert db.session.scalars(select(Response.value)).all() == [3]


def test_no_opinion_counts_only_when_allowed(room, make, sockets):
    allowed = make.prompt(room, state="open")
    assert _answer(sockets.phone(room), allowed, None)["ok"]
    strict = make.prompt(room, state="open", allow_no_opinion=False)
    ack = _answer(sockets.phone(room), strict, None)
    assert ack["error"]["code"] == "no_opinion_not_allowed"


def test_answering_a_closed_prompt_is_refused(room, make, sockets):
    prompt = make.prompt(room, state="closed")
    ack = _answer(sockets.phone(room), prompt, 3)
    assert ack["error"]["code"] == "prompt_not_open"
    assert _count(Response) == 0


def test_answering_a_prompt_of_another_room_is_refused(room, make, sockets):
    other_room = make.room(name="Breakout")
    foreign = make.prompt(other_room, state="open")
    ack = _answer(sockets.phone(room), foreign, 3)
    assert ack["error"]["code"] == "prompt_not_found"
    assert _count(Response) == 0


def test_a_constituency_of_another_event_is_refused(room, make, sockets):
    prompt = make.prompt(room, state="open")
    foreign_group = make.event(("Media",)).constituencies[0]
    ack = _answer(sockets.phone(room), prompt, 3, constituency_id=foreign_group.id)
    assert ack["error"] == {
        "code": "unknown_constituency",
        "message": "Choose one of this event's groups.",
        "field": "constituency_id",
    }


def test_a_priority_ranking_is_validated_and_stored(room, make, sockets):
    prompt = make.prompt(
        room, kind="priority", state="open", options=["A", "B", "C", "D"], rank_top=2
    )
    phone = sockets.phone(room)
    assert _answer(phone, prompt, [3, 0])["ok"]
    for bad, code in (
        ([3], "wrong_length"),
        ([1, 1], "duplicate_option"),
        ([0, 9], "unknown_option"),
    ):
        ack = _answer(phone, prompt, bad, client_id="bad-ranking")
        assert ack["error"]["code"] == code
    assert db.session.scalars(select(Response.value)).all() == [[3, 0]]


def test_a_participant_cannot_send_moderator_events(room, make, sockets):
    prompt = make.prompt(room)
    ack = sockets.phone(room).emit("prompt:open", {"prompt_id": prompt.id}, callback=True)
    assert ack["error"]["code"] == "forbidden"
    db.session.refresh(prompt)
    assert prompt.state == "draft"


def test_a_screen_cannot_answer(room, make, sockets):
    prompt = make.prompt(room, state="open")
    ack = _answer(sockets.screen(room), prompt, 3)
    assert ack["error"]["code"] == "forbidden"


def test_pre_moderated_proposals_wait_for_approval(room, make, sockets):
    prompt = make.prompt(room, kind="proposal", state="open", moderation="pre")
    phone = sockets.phone(room)
    ack = phone.emit(
        "proposal:submit",
        {"prompt_id": prompt.id, "client_id": CLIENT_ID, "text": "  A standing hotline  "},
        callback=True,
    )
    assert ack["ok"] is True
    assert ack["proposal"]["text"] == "A standing hotline"
    assert ack["proposal"]["status"] == "pending"
    resend = phone.emit(
        "proposal:submit",
        {"prompt_id": prompt.id, "client_id": CLIENT_ID, "text": "A standing hotline"},
        callback=True,
    )
    assert resend["proposal"]["id"] == ack["proposal"]["id"]
    assert _count(Proposal) == 1


def test_the_proposal_limit_per_participant_holds(room, make, sockets):
    prompt = make.prompt(room, kind="proposal", state="open", max_per_participant=2)
    phone = sockets.phone(room)
    acks = [
        phone.emit(
            "proposal:submit",
            {"prompt_id": prompt.id, "client_id": f"proposal-{i:04d}", "text": f"Idea {i}"},
            callback=True,
        )
        for i in range(3)
    ]
    assert [a["ok"] for a in acks] == [True, True, False]
    assert acks[2]["error"]["code"] == "limit_reached"
    assert _count(Proposal) == 2


@pytest.mark.parametrize(
    ("text", "code"), [("   ", "empty"), ("x" * 281, "too_long"), (5, "invalid_type")]
)
def test_a_bad_proposal_text_is_refused(room, make, sockets, text, code):
    prompt = make.prompt(room, kind="proposal", state="open")
    ack = sockets.phone(room).emit(
        "proposal:submit",
        {"prompt_id": prompt.id, "client_id": CLIENT_ID, "text": text},
        callback=True,
    )
    assert ack["error"]["code"] == code
    assert _count(Proposal) == 0


def _approved_proposal(room, make, sockets):
    prompt = make.prompt(room, kind="proposal", state="open", moderation="post")
    ack = sockets.phone(room).emit(
        "proposal:submit",
        {"prompt_id": prompt.id, "client_id": "author-0001", "text": "Joint staff talks"},
        callback=True,
    )
    assert ack["proposal"]["status"] == "approved"
    return ack["proposal"]["id"]


def test_endorsements_are_one_per_phone_and_changeable(room, make, sockets):
    proposal_id = _approved_proposal(room, make, sockets)
    phone = sockets.phone(room)
    for client_id, vote in (
        ("vote-00001", "agree"),
        ("vote-00001", "agree"),
        ("vote-00002", "pass"),
    ):
        ack = phone.emit(
            "endorsement:submit",
            {"proposal_id": proposal_id, "client_id": client_id, "vote": vote},
            callback=True,
        )
        assert ack["ok"] is True
    assert db.session.scalars(select(Endorsement.vote)).all() == ["pass"]
    bad = phone.emit(
        "endorsement:submit",
        {"proposal_id": proposal_id, "client_id": "vote-00003", "vote": "maybe"},
        callback=True,
    )
    assert bad["error"]["code"] == "invalid_vote"
    assert db.session.scalars(select(Endorsement.vote)).all() == ["pass"]


def test_a_pending_proposal_cannot_be_endorsed(room, make, sockets):
    prompt = make.prompt(room, kind="proposal", state="open", moderation="pre")
    ack = sockets.phone(room).emit(
        "proposal:submit",
        {"prompt_id": prompt.id, "client_id": "author-0001", "text": "An idea"},
        callback=True,
    )
    vote = sockets.phone(room).emit(
        "endorsement:submit",
        {"proposal_id": ack["proposal"]["id"], "client_id": "vote-00001", "vote": "agree"},
        callback=True,
    )
    assert vote["error"]["code"] == "proposal_not_found"
    assert _count(Endorsement) == 0


def test_sync_returns_the_phones_own_proposals_and_votes(room, make, sockets):
    proposal_id = _approved_proposal(room, make, sockets)
    token = "s" * 43
    phone = sockets.phone(room, token)
    phone.emit(
        "endorsement:submit",
        {"proposal_id": proposal_id, "client_id": "vote-00001", "vote": "disagree"},
        callback=True,
    )
    ack = sockets.phone(room, token).emit("participant:sync", {}, callback=True)
    assert ack["mine"]["endorsements"] == {str(proposal_id): "disagree"}
    assert ack["mine"]["proposals"] == []
    assert ack["mine"]["remaining"] == 3


def test_a_proposal_is_stored_without_bidi_overrides_or_invisible_characters(room, make, sockets):
    prompt = make.prompt(room, "proposal", state="open", moderation="post")
    ack = sockets.phone(room).emit(
        "proposal:submit",
        {
            "prompt_id": prompt.id,
            "client_id": "bidi-0001",
            "text": "A \u202ehotline\u202c\u200b now",
        },
        callback=True,
    )
    assert ack["ok"], ack
    assert ack["proposal"]["text"] == "A hotline now"
    assert db.session.scalars(select(Proposal.text)).one() == "A hotline now"
