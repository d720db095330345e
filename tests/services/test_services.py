"""Service use cases over a real database: SQLite here, PostgreSQL where marked."""

import json
from importlib import resources

import pytest
from sqlalchemy import func, select

from facilitator.domain.agenda import load_agenda_text
from facilitator.extensions import db
from facilitator.models import Event, Prompt, Response, Room
from facilitator.services import ServiceError, agenda, control, participation, payloads
from tests.conftest import Builder

DEMO = resources.files("facilitator.demo").joinpath("islamabad-workshop.json").read_text()


def _demo_agenda():
    return load_agenda_text(DEMO)


def test_importing_the_demo_agenda_creates_every_room_and_prompt(app, make):
    make.moderator("demo")
    event = agenda.import_agenda(_demo_agenda())
    db.session.commit()
    source = json.loads(DEMO)
    assert [room.name for room in event.rooms] == [room["name"] for room in source["rooms"]]
    assert [len(room.prompts) for room in event.rooms] == [
        len(r["prompts"]) for r in source["rooms"]
    ]
    assert event.constituencies[-1].name == "Prefer not to say"
    assert all(room.moderators[0].username == "demo" for room in event.rooms)


def test_an_import_naming_an_unknown_moderator_creates_nothing(app):
    with pytest.raises(ServiceError) as refused:
        agenda.import_agenda(_demo_agenda())
    assert refused.value.code == "unknown_moderator"
    db.session.rollback()
    assert db.session.scalar(select(func.count(Event.id))) == 0


def test_an_import_reusing_a_room_code_is_refused(app, make):
    make.moderator("demo")
    agenda.import_agenda(_demo_agenda())
    db.session.commit()
    with pytest.raises(ServiceError) as refused:
        agenda.import_agenda(_demo_agenda())
    assert refused.value.code == "code_taken"
    db.session.rollback()
    assert db.session.scalar(select(func.count(Room.id))) == 4


def test_new_codes_avoid_look_alike_characters(app):
    codes = {agenda.new_code() for _ in range(200)}
    assert all(len(code) == 6 and not set(code) & set("01IOL") for code in codes)


def test_a_draft_prompt_can_be_edited_but_an_open_one_cannot(app, make):
    room = make.room()
    prompt = agenda.add_prompt(room, "position", "Trust is growing", {"points": 7})
    agenda.edit_prompt(prompt, "Trust is growing fast", {"points": 5})
    db.session.commit()
    control.open_prompt(room, prompt.id)
    db.session.commit()
    with pytest.raises(ServiceError) as refused:
        agenda.edit_prompt(prompt, "Changed", {"points": 7})
    assert refused.value.code == "not_draft"
    db.session.rollback()
    assert (prompt.text, prompt.settings["points"]) == ("Trust is growing fast", 5)


def test_invalid_settings_name_the_field(app, make):
    room = make.room()
    with pytest.raises(ServiceError) as refused:
        agenda.add_prompt(room, "priority", "Rank these", {"options": ["Only one"]})
    assert refused.value.field == "options"
    with pytest.raises(ServiceError) as refused:
        agenda.add_prompt(room, "position", "   ", {})
    assert refused.value.field == "text"


def test_moving_and_deleting_keep_the_agenda_ordered(app, make):
    room = make.room()
    first, _second, third = (
        agenda.add_prompt(room, "position", f"Statement {n}", {}) for n in range(3)
    )
    agenda.move_prompt(third, -1)
    assert [p.text for p in room.prompts] == ["Statement 0", "Statement 2", "Statement 1"]
    agenda.delete_prompt(first)
    db.session.commit()
    assert [(p.position, p.text) for p in room.prompts] == [(0, "Statement 2"), (1, "Statement 1")]
    with pytest.raises(ServiceError):
        agenda.move_prompt(room.prompts[0], -1)


def test_results_follow_design_definitions(app, make):
    room = make.room()
    prompt = make.prompt(room, state="open")
    groups = [c.id for c in room.event.constituencies]
    for index, value in enumerate([1, 2, 4, 5, 5, None]):
        participation.submit_response(
            room,
            f"token-{index:02d}" + "x" * 30,
            prompt.id,
            f"client-{index:04d}",
            value,
            groups[0],
        )
    db.session.commit()
    result = payloads.results(prompt)
    summary = result["summary"]
    assert (summary["n"], summary["n_opinion"], summary["no_opinion"]) == (6, 5, 1)
    assert summary["mean"] == pytest.approx(3.4)
    assert summary["share_agree"] == pytest.approx(0.6)
    assert [g["group"] for g in result["breakdown"]["groups"]] == [groups[0]]


def test_a_group_below_the_threshold_is_not_broken_down(app, make):
    room = make.room()
    prompt = make.prompt(room, state="open")
    big, small = (c.id for c in room.event.constituencies[:2])
    for index in range(9):
        group = big if index < 6 else small
        participation.submit_response(
            room, f"token-{index:02d}" + "y" * 30, prompt.id, f"client-{index:04d}", 3, group
        )
    db.session.commit()
    breakdown = payloads.results(prompt)["breakdown"]
    # 3 answers from the small group: showing the big one would reveal it by subtraction.
    assert breakdown["groups"] == []
    assert breakdown["suppressed_n"] == 9


def test_reveal_needs_an_opened_prompt_and_sets_it_current(app, make):
    room = make.room()
    prompt = make.prompt(room)
    with pytest.raises(ServiceError):
        control.reveal_results(room, prompt.id)
    control.open_prompt(room, prompt.id)
    control.close_prompt(room, prompt.id)
    control.present(room, None)
    control.reveal_results(room, prompt.id)
    db.session.commit()
    assert (room.current_prompt_id, prompt.results_revealed) == (prompt.id, True)


@pytest.mark.postgres
def test_upserts_and_results_work_on_postgresql(pg_app):
    make = Builder()
    room = make.room()
    prompt = make.prompt(room, kind="priority", state="open", options=["A", "B", "C"])
    token = "p" * 43
    participation.submit_response(room, token, prompt.id, "client-0001", [0, 1, 2])
    db.session.commit()
    participation.submit_response(room, token, prompt.id, "client-0002", [2, 1, 0])
    participation.submit_response(room, token, prompt.id, "client-0002", [2, 1, 0])
    db.session.commit()
    assert db.session.scalars(select(Response.value)).all() == [[2, 1, 0]]
    summary = payloads.results(db.session.get(Prompt, prompt.id))["summary"]
    assert summary["order"] == [2, 1, 0]


@pytest.mark.postgres
def test_the_demo_imports_on_postgresql(pg_app):
    Builder().moderator("demo")
    event = agenda.import_agenda(_demo_agenda())
    db.session.commit()
    assert len(event.rooms) == 4


def test_the_demo_names_groups_and_rooms_in_each_language_for_every_client(app, make):
    make.moderator("demo")
    event = agenda.import_agenda(_demo_agenda())
    db.session.commit()
    plenary = event.rooms[0]
    media = next(c for c in event.constituencies if c.name == "Media")

    assert (plenary.name_in("fr"), plenary.name_in("ur"), plenary.name_in("en")) == (
        "Plénière",
        "مکمل اجلاس",
        "Plenary",
    )
    assert (media.name_in("fr"), media.name_in("ur")) == ("Médias", "ذرائع ابلاغ")
    assert event.undisclosed.name_in("fr") == "Préfère ne pas le dire"
    view = payloads.room_view(plenary, payloads.PARTICIPANT)
    assert view["room"]["translations"]["ur"] == "مکمل اجلاس"
    sent = next(c for c in view["constituencies"] if c["id"] == media.id)
    assert sent["translations"] == {"fr": "Médias", "ur": "ذرائع ابلاغ"}
