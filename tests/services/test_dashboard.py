"""The event dashboard's data: every room's prompt, participation and pending proposals."""

from datetime import datetime

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.services import agenda, dashboard, participation, phones


def test_only_organisers_and_the_events_moderators_may_view_it(app, make):
    alice, bob = make.moderator("alice"), make.moderator("bob")
    admin = make.moderator("org", admin=True)
    event = make.event()
    make.room(event, [alice], "A")
    make.room(make.event(), [bob], "Elsewhere")
    assert dashboard.may_view(alice, event) and dashboard.may_view(admin, event)
    assert not dashboard.may_view(bob, event)


def test_each_room_shows_its_open_prompt_with_counts_moderators_and_deadline(
    app, make, monkeypatch
):
    alice = make.moderator("alice")
    event = make.event()
    room = make.room(event, [alice], "Breakout A")
    make.prompt(room, text="First")
    prompt = make.prompt(room, text="Share more information.", state="open")
    prompt.deadline = datetime(2026, 11, 28, 16, 30, 0)
    db.session.commit()
    for _ in range(3):
        participation.submit_response(room, new_token(), prompt.id, new_token()[:20], 4)
    db.session.commit()
    counted = {room.id: 7}  # what the real-time server counts, over every worker
    monkeypatch.setitem(app.extensions, phones.PHONE_COUNTER, counted.get)
    [summary] = dashboard.event_summary(event)["rooms"]
    assert summary["name"] == "Breakout A" and summary["code"] == room.code
    assert summary["moderators"] == ["Alice"]
    assert summary["phones"] == 7
    assert summary["agenda"] == {"total": 2, "done": 0}
    shown = summary["prompt"]
    assert (shown["text"], shown["kind"], shown["state"], shown["number"]) == (
        "Share more information.",
        "position",
        "open",
        2,
    )
    assert shown["counts"] == {"responses": 3}
    assert shown["deadline"] == "2026-11-28T16:30:00+00:00"


def test_a_room_with_nothing_open_has_no_prompt(app, make):
    room = make.room()
    make.prompt(room)
    summary = dashboard.room_summary(room)
    assert summary["prompt"] is None and summary["phones"] is None


def test_pending_proposals_count_across_the_rooms_prompts(app, make):
    room = make.room()
    prompt = make.prompt(room, kind="proposal", state="open")
    for i in range(2):
        participation.submit_proposal(room, new_token(), prompt.id, f"clientid0{i}", f"Idea {i}")
    db.session.commit()
    assert dashboard.room_summary(room)["pending"] == 2


def test_shared_prompts_are_listed_per_room(app, make):
    event = make.event()
    rooms = [make.room(event, name=name) for name in ("A", "B")]
    prompts = agenda.add_shared_prompt(rooms, "position", "Share more.", {})
    db.session.commit()
    [shared] = dashboard.room_summary(rooms[1])["shared"]
    assert shared["family"] == prompts[0].family and shared["prompt_id"] == prompts[1].id
    assert shared["state"] == "draft" and shared["revealed"] is False
