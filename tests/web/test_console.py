"""The moderator console over HTTP: access, agenda editing, import (Flask test client)."""

import io
import json
import re
from importlib import resources

import pytest
from sqlalchemy import func, select

from config import TestConfig
from facilitator import create_app
from facilitator.extensions import db
from facilitator.models import Event, Moderator, Prompt, Room
from facilitator.services import agenda

PASSWORD = "correct-horse-battery"
DEMO_AGENDA = resources.files("facilitator.demo").joinpath("islamabad-workshop.json").read_text()


# --- builders -------------------------------------------------------------------------------


def make_app(**overrides):
    app = create_app(TestConfig, **{"WTF_CSRF_ENABLED": False, **overrides})
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture
def app():
    app = make_app()
    with app.app_context():
        yield app
        db.session.remove()
        db.drop_all()


@pytest.fixture
def client(app):
    return app.test_client()


def make_moderator(username="amina", is_admin=False) -> Moderator:
    moderator = Moderator(username=username, display_name=username.title(), is_admin=is_admin)
    moderator.set_password(PASSWORD)
    db.session.add(moderator)
    db.session.commit()
    return moderator


def make_room(*moderators, code="TRUST2", name="Plenary") -> Room:
    event = Event(title="Workshop")
    event.add_constituencies(["NATO official", "Pakistani government"])
    room = Room(name=name, kind="plenary", code=code, moderators=list(moderators))
    event.rooms.append(room)
    db.session.add(event)
    db.session.commit()
    return room


def login(client, username="amina"):
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)


def prompt_count() -> int:
    return db.session.scalar(select(func.count(Prompt.id)))


def position_form(**fields) -> dict:
    data = {
        "kind": "position",
        "text": "Trust will grow.",
        "points": "7",
        "label_low": "Strongly disagree",
        "label_high": "Strongly agree",
        "allow_no_opinion": "y",
    }
    return {**data, **fields}


@pytest.fixture
def moderator(app):
    return make_moderator()


@pytest.fixture
def room(moderator):
    return make_room(moderator)


@pytest.fixture
def logged_in(client, moderator):
    login(client)
    return client


def page(response) -> str:
    return response.get_data(as_text=True)


# --- access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/console/", "/console/room/TRUST2", "/console/import"])
def test_console_pages_send_anonymous_visitors_to_the_login(client, room, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_index_lists_only_the_rooms_the_moderator_runs_with_their_links(client, moderator):
    make_room(moderator, code="TRUST2", name="Plenary")
    make_room(make_moderator("pieter"), code="OTHER3", name="Breakout of someone else")
    login(client)
    html = page(client.get("/console/"))
    assert "Plenary" in html and "TRUST2" in html
    assert "/console/room/TRUST2" in html
    assert "/screen/TRUST2" in html and 'target="_blank"' in html
    assert "http://127.0.0.1:5000/j/TRUST2" in html
    assert "OTHER3" not in html and "someone else" not in html


def test_index_shows_an_admin_every_room_and_the_open_prompt(client, moderator):
    room = make_room(make_moderator("pieter"), code="OTHER3", name="Breakout B")
    prompt = agenda.add_prompt(room, "position", "Relations will improve.", {})
    prompt.open()
    db.session.commit()
    make_moderator("root", is_admin=True)
    login(client, "root")
    html = page(client.get("/console/"))
    assert "Breakout B" in html and "OTHER3" in html
    assert "Relations will improve." in html
    assert "Import an agenda" in html


def test_room_page_answers_404_for_an_unknown_code(logged_in, room):
    assert logged_in.get("/console/room/NOPE99").status_code == 404


def test_a_moderator_of_another_room_gets_403_everywhere_in_that_room(client, room):
    other = make_room(make_moderator("pieter"), code="OTHER3")
    prompt = agenda.add_prompt(other, "position", "Theirs.", {})
    db.session.commit()
    login(client)
    base = "/console/room/OTHER3"
    assert client.get(base).status_code == 403
    assert client.post(f"{base}/prompts", data=position_form()).status_code == 403
    assert client.get(f"{base}/prompts/{prompt.id}/edit").status_code == 403
    assert client.post(f"{base}/prompts/{prompt.id}/delete").status_code == 403
    assert (
        client.post(f"{base}/prompts/{prompt.id}/move", data={"direction": "up"}).status_code == 403
    )
    assert prompt_count() == 1


def test_room_page_shows_the_join_details_and_the_agenda(logged_in, room):
    agenda.add_prompt(room, "position", "Trust <b>grows</b>.", {})
    db.session.commit()
    html = page(logged_in.get("/console/room/trust2"))
    assert "TRUST2" in html and "127.0.0.1:5000/j/TRUST2" in html
    assert "/screen/TRUST2" in html
    assert 'data-room="TRUST2"' in html
    assert "Trust &lt;b&gt;grows&lt;/b&gt;." in html and "<b>grows" not in html
    assert "js/console.js" in html and "style=" not in html
    assert "<script>" not in html  # no inline scripts under the CSP


# --- adding prompts -------------------------------------------------------------------------


def test_adding_a_position_prompt_stores_its_settings_and_redirects(logged_in, room):
    response = logged_in.post("/console/room/TRUST2/prompts", data=position_form())
    assert response.status_code == 302
    prompt = db.session.scalar(select(Prompt))
    assert response.headers["Location"] == f"/console/room/TRUST2#prompt-{prompt.id}"
    assert (prompt.kind, prompt.text, prompt.state) == ("position", "Trust will grow.", "draft")
    assert prompt.settings == {
        "points": 7,
        "label_low": "Strongly disagree",
        "label_high": "Strongly agree",
        "allow_no_opinion": True,
    }


def test_an_unchecked_no_opinion_box_turns_no_opinion_off(logged_in, room):
    data = position_form(points="5")
    del data["allow_no_opinion"]
    logged_in.post("/console/room/TRUST2/prompts", data=data)
    settings = db.session.scalar(select(Prompt)).settings
    assert settings["allow_no_opinion"] is False and settings["points"] == 5


def test_adding_a_priority_prompt_takes_one_option_per_line(logged_in, room):
    data = {
        "kind": "priority",
        "text": "Which steps first?",
        "options": "Hotline\r\n\r\n  Staff talks  \nJoint exercise\n",
        "rank_mode": "top",
        "rank_top": "2",
    }
    assert logged_in.post("/console/room/TRUST2/prompts", data=data).status_code == 302
    prompt = db.session.scalar(select(Prompt))
    assert prompt.kind == "priority"
    assert prompt.settings == {
        "options": ["Hotline", "Staff talks", "Joint exercise"],
        "rank_top": 2,
    }


def test_ranking_all_options_ignores_a_leftover_top_k(logged_in, room):
    data = {"kind": "priority", "text": "Rank.", "options": "A\nB\nC", "rank_mode": "all"}
    data["rank_top"] = "9"
    assert logged_in.post("/console/room/TRUST2/prompts", data=data).status_code == 302
    assert db.session.scalar(select(Prompt)).settings["rank_top"] is None


def test_adding_a_proposal_prompt_stores_its_moderation_and_limits(logged_in, room):
    data = {
        "kind": "proposal",
        "text": "Propose a step.",
        "moderation": "post",
        "max_per_participant": "2",
        "max_length": "140",
    }
    assert logged_in.post("/console/room/TRUST2/prompts", data=data).status_code == 302
    prompt = db.session.scalar(select(Prompt))
    assert prompt.settings == {"moderation": "post", "max_per_participant": 2, "max_length": 140}


def test_new_prompts_join_the_end_of_the_agenda(logged_in, room):
    for text in ("First.", "Second."):
        logged_in.post("/console/room/TRUST2/prompts", data=position_form(text=text))
    texts = [p.text for p in db.session.scalars(select(Prompt).order_by(Prompt.position))]
    assert texts == ["First.", "Second."]


def test_fields_of_other_kinds_are_not_checked(logged_in, room):
    data = position_form(options="only one", max_per_participant="lots", rank_top="x")
    assert logged_in.post("/console/room/TRUST2/prompts", data=data).status_code == 302
    assert prompt_count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "priority", "options": "Only one"}, "options", "Must have 2 to 12 options."),
        ({"kind": "priority", "options": "A\na"}, "options", "Must all differ."),
        (
            {"kind": "priority", "options": "A\nB\nC", "rank_mode": "top", "rank_top": "3"},
            "rank_top",
            "Must be between 1 and 2.",
        ),
        (
            {"kind": "priority", "options": "A\nB\nC", "rank_mode": "top"},
            "rank_top",
            "Say how many options each participant ranks.",
        ),
        ({"points": "6"}, "points", "Must be 5 or 7."),
        ({"label_low": "   "}, "label_low", "Must not be empty."),
        ({"text": "   "}, "text", "Write the question."),
        ({"text": "x" * 501}, "text", "Keep it under 500 characters."),
        (
            {"kind": "proposal", "max_per_participant": "0", "max_length": "280"},
            "max_per_participant",
            "Must be between 1 and 10.",
        ),
        (
            {"kind": "proposal", "max_per_participant": "three", "max_length": "280"},
            "max_per_participant",
            "Not a valid integer value.",
        ),
        ({"kind": "poll"}, "kind", "Not a valid choice."),
    ],
)
def test_invalid_prompts_show_the_error_at_the_field_keep_the_input_and_store_nothing(
    logged_in, room, data, field, message
):
    form = position_form(**data)
    response = logged_in.post("/console/room/TRUST2/prompts", data=form)
    html = page(response)
    assert response.status_code == 400
    assert prompt_count() == 0
    assert f'<p class="c-field-error" id="{field}-error">{message}</p>' in html
    assert f'aria-describedby="{field}-error"' in html and 'aria-invalid="true"' in html
    assert '<details class="c-add" id="add-prompt" open>' in html
    if form["text"].strip():
        assert form["text"][:40] in html  # what the moderator typed is kept


def test_the_invalid_add_form_keeps_the_typed_options(logged_in, room):
    data = {"kind": "priority", "text": "Rank these.", "options": "Hotline"}
    html = page(logged_in.post("/console/room/TRUST2/prompts", data=data))
    assert "Hotline</textarea>" in html
    assert '<option selected value="priority">' in html


def test_a_post_without_a_csrf_token_is_refused():
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        moderator = make_moderator()
        make_room(moderator)
        client = app.test_client()
        login_page = page(client.get("/login"))
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
        response = client.post(
            "/login", data={"username": "amina", "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 302
        response = client.post("/console/room/TRUST2/prompts", data=position_form())
        assert response.status_code == 400
        assert prompt_count() == 0
        room_page = page(client.get("/console/room/TRUST2"))
        assert 'name="csrf_token"' in room_page
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', room_page).group(1)
        response = client.post("/console/room/TRUST2/prompts", data=position_form(csrf_token=token))
        assert response.status_code == 302
        assert prompt_count() == 1
        db.session.remove()
        db.drop_all()


# --- editing, deleting, moving --------------------------------------------------------------


@pytest.fixture
def three_prompts(room):
    prompts = [agenda.add_prompt(room, "position", f"Statement {i}.", {}) for i in (1, 2, 3)]
    db.session.commit()
    return prompts


def test_the_edit_page_is_filled_in_from_the_prompt(logged_in, room):
    prompt = agenda.add_prompt(room, "priority", "Rank.", {"options": ["A", "B", "C"]})
    db.session.commit()
    html = page(logged_in.get(f"/console/room/TRUST2/prompts/{prompt.id}/edit"))
    assert "A\nB\nC</textarea>" in html
    assert "Rank.</textarea>" in html


def test_editing_a_draft_changes_its_text_and_settings(logged_in, three_prompts):
    prompt = three_prompts[0]
    data = position_form(text="Reworded.", points="5", label_low="No", label_high="Yes")
    response = logged_in.post(f"/console/room/TRUST2/prompts/{prompt.id}/edit", data=data)
    assert response.status_code == 302
    db.session.refresh(prompt)
    assert prompt.text == "Reworded."
    assert prompt.settings["points"] == 5 and prompt.settings["label_high"] == "Yes"


def test_editing_cannot_change_a_prompts_kind(logged_in, three_prompts):
    prompt = three_prompts[0]
    data = position_form(kind="priority", options="A\nB")
    logged_in.post(f"/console/room/TRUST2/prompts/{prompt.id}/edit", data=data)
    db.session.refresh(prompt)
    assert prompt.kind == "position"


def test_an_invalid_edit_shows_the_error_and_changes_nothing(logged_in, three_prompts):
    prompt = three_prompts[0]
    data = position_form(text="Reworded.", points="6")
    response = logged_in.post(f"/console/room/TRUST2/prompts/{prompt.id}/edit", data=data)
    assert response.status_code == 400
    assert "Must be 5 or 7." in page(response)
    assert "Reworded.</textarea>" in page(response)
    db.session.refresh(prompt)
    assert prompt.text == "Statement 1." and prompt.settings["points"] == 5


@pytest.mark.parametrize("state", ["open", "closed"])
def test_editing_a_prompt_that_has_been_opened_is_refused_and_changes_nothing(
    logged_in, three_prompts, state
):
    prompt = three_prompts[0]
    prompt.open()
    if state == "closed":
        prompt.close()
    db.session.commit()
    response = logged_in.post(
        f"/console/room/TRUST2/prompts/{prompt.id}/edit", data=position_form(text="Changed.")
    )
    assert response.status_code == 400
    assert "can no longer be edited" in page(response)
    db.session.refresh(prompt)
    assert prompt.text == "Statement 1."
    assert "can no longer be edited" in page(
        logged_in.get(f"/console/room/TRUST2/prompts/{prompt.id}/edit")
    )


def test_deleting_a_draft_removes_it_and_closes_the_gap(logged_in, three_prompts):
    second = three_prompts[1]
    response = logged_in.post(f"/console/room/TRUST2/prompts/{second.id}/delete")
    assert response.status_code == 302
    remaining = list(db.session.scalars(select(Prompt).order_by(Prompt.position)))
    assert [(p.text, p.position) for p in remaining] == [("Statement 1.", 0), ("Statement 3.", 1)]


def test_deleting_an_opened_prompt_is_refused(logged_in, three_prompts):
    prompt = three_prompts[0]
    prompt.open()
    db.session.commit()
    response = logged_in.post(
        f"/console/room/TRUST2/prompts/{prompt.id}/delete", follow_redirects=True
    )
    assert "Only a draft prompt can be changed" in page(response)
    assert prompt_count() == 3


def test_moving_a_prompt_up_and_down_reorders_the_agenda(logged_in, three_prompts):
    first, _second, third = three_prompts

    def order():
        return [p.text for p in db.session.scalars(select(Prompt).order_by(Prompt.position))]

    url = f"/console/room/TRUST2/prompts/{third.id}/move"
    response = logged_in.post(url, data={"direction": "up"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#prompt-{third.id}")
    assert order() == ["Statement 1.", "Statement 3.", "Statement 2."]
    logged_in.post(f"/console/room/TRUST2/prompts/{first.id}/move", data={"direction": "down"})
    assert order() == ["Statement 3.", "Statement 1.", "Statement 2."]


def test_moving_past_either_end_changes_nothing_and_says_so(logged_in, three_prompts):
    first = three_prompts[0]
    response = logged_in.post(
        f"/console/room/TRUST2/prompts/{first.id}/move",
        data={"direction": "up"},
        follow_redirects=True,
    )
    assert "This prompt cannot move further." in page(response)
    assert [p.position for p in three_prompts] == [0, 1, 2]


def test_a_move_without_a_direction_is_a_bad_request(logged_in, three_prompts):
    url = f"/console/room/TRUST2/prompts/{three_prompts[0].id}/move"
    assert logged_in.post(url, data={"direction": "sideways"}).status_code == 400


def test_a_prompt_of_another_room_is_not_found_through_this_room(logged_in, room, moderator):
    other = make_room(moderator, code="OTHER3")
    prompt = agenda.add_prompt(other, "position", "Elsewhere.", {})
    db.session.commit()
    url = f"/console/room/TRUST2/prompts/{prompt.id}/delete"
    assert logged_in.post(url).status_code == 404
    assert prompt_count() == 1


# --- agenda import --------------------------------------------------------------------------


def upload(client, content: bytes, filename="agenda.json"):
    return client.post(
        "/console/import",
        data={"agenda": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )


@pytest.fixture
def admin_client(client, app):
    make_moderator("demo", is_admin=True)
    login(client, "demo")
    return client


def test_importing_the_demo_agenda_creates_its_rooms_and_lists_their_codes(admin_client):
    response = upload(admin_client, DEMO_AGENDA.encode())
    assert response.status_code == 302
    html = page(admin_client.get(response.headers["Location"]))
    assert "Plenary: PNRY27; Breakout A — Shared interests: BRKA26" in html
    for code in ("BRKB37", "BRKC48"):
        assert f": {code}" in html
    event = db.session.scalar(select(Event))
    assert len(event.rooms) == 4
    assert prompt_count() == 15


def test_an_invalid_agenda_lists_every_error_with_its_path_and_creates_nothing(admin_client):
    data = json.loads(DEMO_AGENDA)
    data["rooms"][0]["prompts"][0]["points"] = 6
    data["rooms"][1]["code"] = "bad"
    data["event"]["title"] = ""
    response = upload(admin_client, json.dumps(data).encode())
    html = page(response)
    assert response.status_code == 400
    assert "Nothing was imported: 3 problems" in html
    assert "rooms[0].prompts[0].points" in html
    assert "rooms[1].code" in html
    assert "event.title" in html
    assert db.session.scalar(select(func.count(Event.id))) == 0
    assert prompt_count() == 0


def test_broken_json_is_reported_with_its_line_and_column(admin_client):
    response = upload(admin_client, b'{\n  "format": "facilitator-agenda/1",\n  "event": }')
    html = page(response)
    assert response.status_code == 400
    assert "line 3, column 12" in html


def test_an_agenda_naming_an_unknown_moderator_creates_nothing(client, app):
    make_moderator("root", is_admin=True)
    login(client, "root")
    response = upload(client, DEMO_AGENDA.encode())
    assert response.status_code == 400
    assert "No moderator account named demo; create it first." in page(response)
    assert db.session.scalar(select(func.count(Room.id))) == 0


def test_an_agenda_reusing_a_taken_room_code_creates_nothing(admin_client):
    make_room(code="PNRY27")
    response = upload(admin_client, DEMO_AGENDA.encode())
    assert response.status_code == 400
    assert "Room code PNRY27 is already used by another room." in page(response)
    assert db.session.scalar(select(func.count(Event.id))) == 1


def test_a_file_that_is_not_utf8_gets_a_clear_message(admin_client):
    response = upload(admin_client, '{"event": "Café"}'.encode("latin-1"))
    assert response.status_code == 400
    assert "The file is not UTF-8 text." in page(response)


def test_an_oversized_file_gets_a_clear_message(app):
    app.config["MAX_CONTENT_LENGTH"] = 2048
    client = app.test_client()
    make_moderator("demo", is_admin=True)
    login(client, "demo")
    response = upload(client, b" " * 4096)
    assert response.status_code == 413
    assert "The file is larger than 2 KB" in page(response)
    assert 'enctype="multipart/form-data"' in page(response)


def test_submitting_no_file_asks_for_one(admin_client):
    response = admin_client.post("/console/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose an agenda file (.json)." in page(response)


def test_an_admin_can_download_an_example_agenda_that_imports(admin_client):
    response = admin_client.get("/console/import/example.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert upload(admin_client, response.data).status_code == 302


def test_only_admins_may_import_agendas(logged_in, room):
    assert logged_in.get("/console/import").status_code == 403
    assert logged_in.get("/console/import/example.json").status_code == 403
    assert upload(logged_in, DEMO_AGENDA.encode()).status_code == 403
    assert db.session.scalar(select(func.count(Event.id))) == 1


# --- trust barometer links and countdowns in the prompt form --------------------------------


def _opening(room, **settings):
    settings = {"points": 7, **settings}
    prompt = agenda.add_prompt(room, "position", "I trust the other side.", settings)
    db.session.commit()
    return prompt


def test_a_new_position_prompt_can_repeat_an_earlier_one(logged_in, room):
    opening = _opening(room)
    html = page(logged_in.get("/console/room/TRUST2"))
    assert f'<option value="{opening.id}">Plenary 1. I trust the other side.</option>' in html
    data = position_form(text="I trust the other side.", linked_prompt_id=str(opening.id))
    assert logged_in.post("/console/room/TRUST2/prompts", data=data).status_code == 302
    closing = db.session.scalars(select(Prompt).order_by(Prompt.id.desc())).first()
    assert closing.linked_prompt_id == opening.id
    edit = page(logged_in.get(f"/console/room/TRUST2/prompts/{closing.id}/edit"))
    assert f'<option selected value="{opening.id}">' in edit


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"points": "5"}, "A repeated statement needs the same scale as the earlier one"),
        ({"label_high": "Agree"}, "A repeated statement needs the same scale as the earlier one"),
        ({"linked_prompt_id": "999999"}, "The earlier prompt to repeat does not exist."),
        ({"linked_prompt_id": "abc"}, "The earlier prompt to repeat does not exist."),
    ],
)
def test_a_link_the_rules_refuse_shows_the_error_at_the_field_and_stores_nothing(
    logged_in, room, fields, message
):
    opening = _opening(room)
    data = position_form(**{"linked_prompt_id": str(opening.id), **fields})
    response = logged_in.post("/console/room/TRUST2/prompts", data=data)
    assert response.status_code == 400
    assert message in page(response)
    assert 'id="linked_prompt_id-error"' in page(response)
    assert prompt_count() == 1


def test_a_link_to_a_prompt_of_another_kind_is_refused(logged_in, room):
    priority = agenda.add_prompt(room, "priority", "Rank.", {"options": ["A", "B"]})
    db.session.commit()
    data = position_form(linked_prompt_id=str(priority.id))
    response = logged_in.post("/console/room/TRUST2/prompts", data=data)
    assert response.status_code == 400
    assert "Only a position prompt can repeat an earlier position prompt." in page(response)
    assert prompt_count() == 1


def test_editing_the_scale_of_a_repeated_prompt_is_refused_and_changes_nothing(logged_in, room):
    opening = _opening(room)
    closing = agenda.add_prompt(room, "position", "I trust the other side.", {"points": 7})
    closing.linked_prompt_id = opening.id
    db.session.commit()
    response = logged_in.post(
        f"/console/room/TRUST2/prompts/{opening.id}/edit", data=position_form(points="5")
    )
    assert response.status_code == 400
    assert "keep the same scale" in page(response)
    db.session.refresh(opening)
    assert opening.settings["points"] == 7


def test_a_countdown_is_stored_with_its_auto_close(logged_in, room):
    data = position_form(countdown="90", auto_close="y")
    assert logged_in.post("/console/room/TRUST2/prompts", data=data).status_code == 302
    prompt = db.session.scalar(select(Prompt))
    assert (prompt.countdown_seconds, prompt.auto_close) == (90, True)
    edit = page(logged_in.get(f"/console/room/TRUST2/prompts/{prompt.id}/edit"))
    assert 'name="countdown"' in edit and 'value="1:30"' in edit


@pytest.mark.parametrize(("typed", "seconds"), [("2:30", 150), ("0:45", 45), ("60:00", 3600)])
def test_a_countdown_is_typed_in_minutes_and_seconds(logged_in, room, typed, seconds):
    data = position_form(countdown=typed)
    assert logged_in.post("/console/room/TRUST2/prompts", data=data).status_code == 302
    assert db.session.scalar(select(Prompt)).countdown_seconds == seconds


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"countdown": "5"}, "countdown", "Must be a whole number of seconds from 10 to 3600"),
        ({"countdown": "4000"}, "countdown", "Must be a whole number of seconds from 10 to 3600"),
        ({"countdown": "soon"}, "countdown", "Write minutes and seconds, such as 1:30."),
        ({"countdown": "1:75"}, "countdown", "Write minutes and seconds, such as 1:30."),
        ({"countdown": "0:05"}, "countdown", "Must be a whole number of seconds from 10 to 3600"),
        ({"auto_close": "y"}, "auto_close", "Needs a countdown"),
    ],
)
def test_bad_countdowns_show_the_error_at_the_field_and_store_nothing(
    logged_in, room, fields, field, message
):
    response = logged_in.post("/console/room/TRUST2/prompts", data=position_form(**fields))
    assert response.status_code == 400
    assert f'id="{field}-error">{message}' in page(response)
    assert prompt_count() == 0


def test_a_huge_agenda_is_refused_with_its_first_50_problems_and_a_small_page(admin_client):
    data = json.loads(DEMO_AGENDA)
    data["rooms"][0]["prompts"] = [1] * 400_000  # just under the 1 MB upload limit
    data["rooms"][1]["prompts"][0]["points"] = 6
    for room in data["rooms"][2:]:
        room["code"] = "bad"
    content = json.dumps(data, separators=(",", ":")).encode()
    # Encoded by hand: the test client would spool a body this large into a file it never closes.
    head = b'--B\r\nContent-Disposition: form-data; name="agenda"; filename="a.json"\r\n\r\n'
    response = admin_client.post(
        "/console/import",
        data=head + content + b"\r\n--B--\r\n",
        content_type="multipart/form-data; boundary=B",
    )
    html = page(response)
    assert response.status_code == 400
    listed = html.split('class="c-error-list"')[1].split("</ul>")[0]
    assert listed.count("<li") == 51
    assert "more errors not listed" in html
    assert len(response.get_data()) < 60_000
    assert prompt_count() == 0


def test_an_agenda_with_many_errors_lists_the_first_50(admin_client):
    from facilitator.domain.agenda import ERRORS_SHOWN, AgendaError, load_agenda_text

    data = json.loads(DEMO_AGENDA)
    data["event"].update({f"unknown{i}": 1 for i in range(120)})
    with pytest.raises(AgendaError) as refused:
        load_agenda_text(json.dumps(data))
    assert len(refused.value.errors) == ERRORS_SHOWN + 1
    assert refused.value.errors[-1][1] == "and 70 more errors not listed: fix these first"
    assert refused.value.total == 120
