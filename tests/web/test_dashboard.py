"""The event dashboard, sharing a prompt from the console, and the roll-up page over HTTP."""

import json
import re

import pytest
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import Prompt
from facilitator.services import agenda
from tests.conftest import login


@pytest.fixture
def workshop(make):
    """One event: a plenary and two breakouts run by alice, a third breakout run by bob."""
    alice, bob = make.moderator("alice"), make.moderator("bob")
    make.moderator("org", admin=True)
    make.moderator("eve")
    event = make.event()
    rooms = [
        make.room(event, [alice], "Plenary"),
        make.room(event, [alice], "Breakout A"),
        make.room(event, [alice], "Breakout B"),
        make.room(event, [bob], "Breakout C"),
    ]
    rooms[0].kind = "plenary"
    db.session.commit()
    return event, rooms


def client_as(app, username):
    client = app.test_client()
    login(client, username)
    return client


def state_of(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="dashboard-state">(.*?)</script>', html)
    return json.loads(found.group(1))


def test_anonymous_visitors_are_sent_to_the_login(app, workshop):
    event, _rooms = workshop
    response = app.test_client().get(f"/console/events/{event.id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_moderator_of_no_room_of_the_event_gets_403(app, workshop):
    event, _rooms = workshop
    assert client_as(app, "eve").get(f"/console/events/{event.id}").status_code == 403


def test_an_unknown_event_is_404(app, workshop):
    assert client_as(app, "org").get("/console/events/999").status_code == 404


@pytest.mark.parametrize("username", ["org", "bob"])
def test_organisers_and_the_events_moderators_see_every_room(app, workshop, username):
    event, rooms = workshop
    html = client_as(app, username).get(f"/console/events/{event.id}").get_data(as_text=True)
    for room in rooms:
        assert room.name in html and room.code in html
        assert f"/console/room/{room.code}" in html and f"/screen/{room.code}" in html
    state = state_of(html)
    assert [room["name"] for room in state["rooms"]] == [room.name for room in rooms]
    assert state["rooms"][3]["moderators"] == ["Bob"]


def test_the_dashboard_lists_shared_prompts_with_their_rollup_link(app, workshop):
    event, rooms = workshop
    [first, *_] = agenda.add_shared_prompt(rooms[1:], "position", "Share more.", {})
    db.session.commit()
    html = client_as(app, "org").get(f"/console/events/{event.id}").get_data(as_text=True)
    assert "Share more." in html
    assert f"/screen/{rooms[0].code}/rollup/{first.family}" in html


def test_open_in_all_rooms_opens_only_the_moderators_rooms(app, workshop):
    event, rooms = workshop
    prompts = agenda.add_shared_prompt(rooms[1:], "position", "Share more.", {})
    db.session.commit()
    client = client_as(app, "alice")
    response = client.post(f"/console/events/{event.id}/families/{prompts[0].family}/open")
    assert response.status_code == 302
    db.session.expire_all()
    assert [p.state for p in prompts] == ["open", "open", "draft"]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Opened in Breakout A, Breakout B." in html


def test_opening_an_unknown_family_says_so_and_changes_nothing(app, workshop):
    event, _rooms = workshop
    client = client_as(app, "alice")
    response = client.post(f"/console/events/{event.id}/families/nothing/open")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "No prompt of this event has this family." in html


def position(**fields) -> dict:
    return {"kind": "position", "text": "Share more.", "points": "5", **fields}


def test_the_add_prompt_form_offers_the_events_other_rooms_this_moderator_runs(app, workshop):
    _event, rooms = workshop
    html = client_as(app, "alice").get(f"/console/room/{rooms[1].code}").get_data(as_text=True)
    assert 'name="rooms"' in html
    offered = re.findall(r'name="rooms" value="(\d+)"', html)
    assert offered == [str(rooms[0].id), str(rooms[2].id)]  # not its own room, not bob's


def test_adding_a_prompt_for_several_rooms_puts_one_family_in_each(app, workshop):
    _event, rooms = workshop
    client = client_as(app, "alice")
    data = position(rooms=[str(rooms[0].id), str(rooms[2].id)])
    response = client.post(f"/console/room/{rooms[1].code}/prompts", data=data)
    assert response.status_code == 302
    prompts = db.session.scalars(select(Prompt).order_by(Prompt.room_id)).all()
    assert [p.room_id for p in prompts] == [rooms[0].id, rooms[1].id, rooms[2].id]
    assert len({p.family for p in prompts}) == 1 and prompts[0].family
    assert all(p.text == "Share more." and p.state == "draft" for p in prompts)


def test_a_room_the_moderator_does_not_run_is_refused_and_nothing_is_added(app, workshop):
    _event, rooms = workshop
    client = client_as(app, "alice")
    data = position(rooms=[str(rooms[3].id)])
    response = client.post(f"/console/room/{rooms[1].code}/prompts", data=data)
    assert response.status_code == 400
    assert "Choose among the rooms listed." in response.get_data(as_text=True)
    assert db.session.scalar(select(Prompt.id)) is None


def test_the_rollup_page_answers_for_a_known_family_only(app, workshop):
    _event, rooms = workshop
    prompts = agenda.add_shared_prompt(rooms[1:3], "position", "Share more.", {})
    db.session.commit()
    client = app.test_client()  # a projector logs in nowhere
    response = client.get(f"/screen/{rooms[0].code}/rollup/{prompts[0].family}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'data-family="{prompts[0].family}"' in html and "rollup.js" in html
    assert client.get(f"/screen/{rooms[0].code}/rollup/other").status_code == 404


def test_a_shared_prompt_in_the_console_links_to_its_rollup(app, workshop):
    _event, rooms = workshop
    prompts = agenda.add_shared_prompt(rooms[1:3], "position", "Share more.", {})
    agenda.add_prompt(rooms[1], "position", "Only here.", {})
    db.session.commit()
    html = client_as(app, "alice").get(f"/console/room/{rooms[1].code}").get_data(as_text=True)
    assert html.count("Shared ↗") == 1
    assert f"/screen/{rooms[1].code}/rollup/{prompts[0].family}" in html


def test_open_in_all_rooms_first_names_the_open_prompts_it_would_close(app, make, workshop):
    event, rooms = workshop
    running = make.prompt(rooms[2], text="How safe is the border?", state="open")
    prompts = agenda.add_shared_prompt(rooms[1:], "position", "Share more.", {})
    db.session.commit()
    client = client_as(app, "alice")
    url = f"/console/events/{event.id}/families/{prompts[0].family}/open"

    asked = client.post(url)
    assert asked.status_code == 200
    html = asked.get_data(as_text=True)
    closing = html[html.index("data-closing") : html.index("</ul>", html.index("data-closing"))]
    assert "Breakout B" in closing and "How safe is the border?" in closing
    assert "Breakout A" not in closing  # nothing open there: nothing to close
    assert 'name="confirmed" value="1"' in html
    db.session.expire_all()
    assert [p.state for p in prompts] == ["draft", "draft", "draft"]
    assert db.session.get(Prompt, running.id).state == "open"

    done = client.post(url, data={"confirmed": "1"})
    assert done.status_code == 302
    db.session.expire_all()
    assert [p.state for p in prompts] == ["open", "open", "draft"]
    assert db.session.get(Prompt, running.id).state == "closed"


def test_open_in_all_rooms_says_where_in_the_pages_language(app, workshop):
    event, rooms = workshop
    rooms[1].translations = {"fr": "Atelier A"}
    prompts = agenda.add_shared_prompt(rooms[1:], "position", "Share more.", {})
    db.session.commit()
    client = client_as(app, "alice")
    client.get(f"/console/events/{event.id}?lang=fr")
    response = client.post(f"/console/events/{event.id}/families/{prompts[0].family}/open")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ouverte dans : Atelier A, Breakout B." in html
    response = client.post(f"/console/events/{event.id}/families/nothing/open")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Aucune question de cet événement n\u2019appartient à cette famille." in html


def test_the_dashboard_puts_a_shared_prompt_on_the_plenary_projector_and_back(app, workshop):
    event, rooms = workshop
    [first, *_] = agenda.add_shared_prompt(rooms[1:], "position", "Share more.", {})
    db.session.commit()
    client = client_as(app, "alice")
    html = client.get(f"/console/events/{event.id}").get_data(as_text=True)
    assert "Show on the plenary projector" in html
    show = {"room": rooms[0].code, "family": first.family}
    response = client.post(f"/console/events/{event.id}/screen", data=show)
    assert response.status_code == 302
    db.session.expire_all()
    assert rooms[0].screen_rollup == first.family
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The roll-up is on the projector of Plenary." in html
    assert "On the plenary projector" in html
    back = {"room": rooms[0].code, "family": ""}
    client.post(f"/console/events/{event.id}/screen", data=back)
    db.session.expire_all()
    assert rooms[0].screen_rollup is None


def test_only_the_plenarys_moderators_choose_its_projector_from_the_dashboard(app, workshop):
    event, rooms = workshop
    [first, *_] = agenda.add_shared_prompt(rooms[1:], "position", "Share more.", {})
    db.session.commit()
    client = client_as(app, "bob")
    assert "Show on the plenary projector" not in client.get(
        f"/console/events/{event.id}"
    ).get_data(as_text=True)
    show = {"room": rooms[0].code, "family": first.family}
    assert client.post(f"/console/events/{event.id}/screen", data=show).status_code == 403
    alice = client_as(app, "alice")
    response = alice.post(
        f"/console/events/{event.id}/screen", data={"room": rooms[0].code, "family": "nothing"}
    )
    html = alice.get(response.headers["Location"]).get_data(as_text=True)
    assert "No prompt of this event has this family." in html
    db.session.expire_all()
    assert rooms[0].screen_rollup is None


def test_a_shared_prompt_in_the_plenary_console_can_go_on_its_projector(app, workshop):
    _event, rooms = workshop
    agenda.add_shared_prompt(rooms[:2], "position", "Share more.", {})
    db.session.commit()
    client = client_as(app, "alice")
    plenary = client.get(f"/console/room/{rooms[0].code}").get_data(as_text=True)
    breakout = client.get(f"/console/room/{rooms[1].code}").get_data(as_text=True)
    assert "Show roll-up on the projector" in plenary
    assert "Show roll-up on the projector" not in breakout
