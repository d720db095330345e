"""The roll-up of a prompt family: rooms side by side, k per room and group, hidden rooms out."""

import json

import pytest

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.models import Prompt
from facilitator.services import ServiceError, agenda, families, participation, payloads, rollup
from tests.conftest import Builder


@pytest.fixture
def workshop(app, make: Builder):
    """An event with three breakouts holding one shared position prompt, opened in each."""
    event = make.event(("NATO official", "Pakistani government"))
    rooms = [make.room(event, name=f"Breakout {letter}") for letter in "ABC"]
    prompts = agenda.add_shared_prompt(rooms, "position", "Share more information.", {"points": 5})
    for prompt in prompts:
        prompt.open()
    db.session.commit()
    return event, rooms, prompts


def answer(prompt: Prompt, value: int, group_index: int) -> None:
    """One new phone answers the prompt, declaring the event's group at group_index."""
    room = prompt.room
    group = room.event.constituencies[group_index].id
    participation.submit_response(room, new_token(), prompt.id, new_token()[:20], value, group)
    db.session.commit()


def reveal(prompt: Prompt) -> None:
    prompt.reveal()
    db.session.commit()


def test_copies_share_one_family_and_the_rollup_lists_every_room_in_order(workshop):
    event, _rooms, prompts = workshop
    assert len({p.family for p in prompts}) == 1 and prompts[0].family
    view = rollup.rollup(event, prompts[0].family)
    assert view["text"] == "Share more information." and view["kind"] == "position"
    assert [part["room"]["name"] for part in view["rooms"]] == [
        "Breakout A",
        "Breakout B",
        "Breakout C",
    ]
    # The roll-up goes to the plenary's projector: no breakout's join code travels with it.
    assert not {room.code for room in _rooms} & set(json.dumps(view).replace('"', " ").split())
    assert all("code" not in part["room"] for part in view["rooms"])


def test_a_room_whose_results_are_hidden_sends_counts_only(workshop):
    event, _rooms, prompts = workshop
    for _ in range(6):
        answer(prompts[0], 5, 0)
    view = rollup.rollup(event, prompts[0].family)
    part = view["rooms"][0]
    assert part["status"] == "hidden" and part["counts"] == {"responses": 6}
    assert "summary" not in part and "breakdown" not in part
    assert "summary" not in json.dumps(view)


def test_a_revealed_room_below_k_shows_no_results(workshop, app):
    event, _rooms, prompts = workshop
    k = app.config["ANONYMITY_K"]
    for _ in range(k - 1):
        answer(prompts[1], 4, 0)
    reveal(prompts[1])
    part = rollup.rollup(event, prompts[1].family)["rooms"][1]
    assert part["status"] == "few" and part["counts"]["responses"] == k - 1
    assert "summary" not in part and "breakdown" not in part


def test_each_revealed_room_shows_its_own_results_and_groups_obey_k_inside_the_room(workshop, app):
    event, _rooms, prompts = workshop
    k = app.config["ANONYMITY_K"]
    # Room A: k NATO officials agree, k Pakistani officials disagree: both groups shown.
    for _ in range(k):
        answer(prompts[0], 5, 0)
        answer(prompts[0], 1, 1)
    # Room B: k NATO officials and one Pakistani official: the single one cannot be shown, and
    # complementary suppression must not let it be recovered from the room's total either.
    for _ in range(k):
        answer(prompts[1], 4, 0)
    answer(prompts[1], 2, 1)
    for prompt in prompts[:2]:
        reveal(prompt)
    view = rollup.rollup(event, prompts[0].family)
    a, b, c = view["rooms"]
    assert a["status"] == b["status"] == "shown" and c["status"] == "hidden"
    assert a["summary"]["n"] == 2 * k and a["summary"]["share_agree"] == 0.5
    assert [g["n"] for g in a["breakdown"]["groups"]] == [k, k]
    assert b["summary"]["n"] == k + 1
    assert b["breakdown"]["groups"] == []  # NATO alone would reveal the one by subtraction
    assert b["breakdown"]["suppressed_n"] == k + 1


def test_proposals_in_a_family_show_only_those_with_k_votes(workshop, app, make):
    event, rooms, _prompts = workshop
    k = app.config["ANONYMITY_K"]
    shared = agenda.add_shared_prompt(
        rooms[:2], "proposal", "Propose a step.", {"moderation": "post"}
    )
    for prompt in shared:
        prompt.open()
    db.session.commit()
    room = rooms[0]
    first = participation.submit_proposal(room, new_token(), shared[0].id, "clientid01", "Hotline")
    second = participation.submit_proposal(room, new_token(), shared[0].id, "clientid02", "Visits")
    db.session.commit()
    group = event.constituencies[0].id
    for _ in range(k):
        participation.submit_endorsement(
            room, new_token(), first.id, new_token()[:20], "agree", group
        )
    participation.submit_endorsement(room, new_token(), second.id, new_token()[:20], "agree", group)
    db.session.commit()
    for prompt in shared:
        reveal(prompt)
    a, b = rollup.rollup(event, shared[0].family)["rooms"]
    assert [item["text"] for item in a["proposals"]] == ["Hotline"]
    assert a["proposals"][0]["share_agree"] == 1.0
    assert b["status"] == "few" and "proposals" not in b


def test_an_unknown_family_is_refused(workshop):
    event, _rooms, _prompts = workshop
    with pytest.raises(ServiceError) as refused:
        rollup.rollup(event, "no-such-family")
    assert refused.value.code == "family_not_found"


def test_a_family_of_another_event_is_not_found(workshop, make):
    _event, _rooms, prompts = workshop
    other = make.event()
    with pytest.raises(ServiceError):
        rollup.rollup(other, prompts[0].family)


def test_a_shared_prompt_needs_two_rooms_of_one_event_the_moderator_runs(app, make):
    alice, bob = make.moderator("alice"), make.moderator("bob")
    event = make.event()
    mine, theirs = make.room(event, [alice], "A"), make.room(event, [bob], "B")
    elsewhere = make.room(make.event(), [alice], "C")
    cases = [
        ([mine], "too_few_rooms"),
        ([mine, elsewhere], "other_event"),
        ([mine, theirs], "forbidden"),
    ]
    for rooms, code in cases:
        with pytest.raises(ServiceError) as refused:
            agenda.add_shared_prompt(rooms, "position", "Text", {}, alice)
        assert refused.value.code == code
        db.session.rollback()
    assert db.session.query(Prompt).count() == 0


def test_opening_a_family_opens_it_in_every_room_the_moderator_runs(app, make):
    alice, bob = make.moderator("alice"), make.moderator("bob")
    event = make.event()
    rooms = [
        make.room(event, [alice], "A"),
        make.room(event, [alice], "B"),
        make.room(event, [bob], "C"),
    ]
    prompts = agenda.add_shared_prompt(rooms, "position", "Text", {})
    db.session.commit()
    opened, already = families.open_family(event, prompts[0].family, alice)
    db.session.commit()
    assert [room.name for room in opened] == ["A", "B"] and already == []
    assert [p.state for p in prompts] == ["open", "open", "draft"]
    assert [room.current_prompt_id for room in rooms[:2]] == [prompts[0].id, prompts[1].id]


def test_moderators_learn_a_prompts_family_live_so_the_console_can_link_its_rollup(workshop):
    _event, _rooms, prompts = workshop
    family = prompts[0].family
    assert [payloads.prompt_view(p, payloads.MODERATOR)["family"] for p in prompts] == [family] * 3
