"""In a real browser: the event dashboard opens a shared prompt everywhere, the roll-up follows."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PROJECTOR
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
PLENARY, BREAKOUTS = "PNRY27", ("BRKA26", "BRKB37", "BRKC48")
FAMILY = "information-sharing"


def _answer(server, code, prompt_id, constituency_id, values):
    for value in values:
        ack = server.phone(code).call(
            "response:submit",
            {
                "prompt_id": prompt_id,
                "client_id": new_client_id(),
                "value": value,
                "constituency_id": constituency_id,
            },
        )
        assert ack["ok"], ack


def test_a_shared_prompt_runs_from_the_dashboard_and_the_rollup_shows_revealed_rooms(
    server_factory, contexts
):
    server = server_factory()
    moderators = {code: server.moderator(code) for code in BREAKOUTS}
    shared = {
        code: next(p for p in agenda_prompts(mod) if "share intelligence" in p["text"])
        for code, mod in moderators.items()
    }
    state = moderators["BRKA26"].call("moderator:sync", {})["state"]
    nato, pakistan = (state["constituencies"][i]["id"] for i in (0, 2))

    dashboard = contexts(**LAPTOP).new_page()
    dashboard.goto(f"{server.base_url}/login")
    dashboard.get_by_label("Username").fill("demo")
    dashboard.get_by_label("Password").fill("demo-facilitator")
    dashboard.get_by_role("button", name="Log in").click()
    dashboard.get_by_role("link", name="Event dashboard").click()
    expect(dashboard.locator("#connection")).to_have_text("Live")
    dashboard.get_by_role("button", name="Open in all my rooms").click()
    expect(dashboard.locator(".c-flash")).to_contain_text("Opened in Breakout A")
    card_a = dashboard.locator(".d-room", has_text="BRKA26")
    expect(card_a.locator(".c-state")).to_have_text("Open")
    expect(card_a).to_contain_text("share intelligence")

    screen = contexts(**PROJECTOR).new_page()
    screen.goto(f"{server.base_url}/screen/{PLENARY}/rollup/{FAMILY}")
    expect(screen.locator(".ru-room")).to_have_count(3)
    expect(screen.locator(".ru-room.is-hidden")).to_have_count(3)

    # Breakout A: ten answers, revealed; B: two answers, revealed; C stays hidden.
    _answer(server, "BRKA26", shared["BRKA26"]["id"], nato, [5, 5, 4, 4, 5])
    _answer(server, "BRKA26", shared["BRKA26"]["id"], pakistan, [2, 4, 4, 5, 1])
    _answer(server, "BRKB37", shared["BRKB37"]["id"], nato, [1, 2])
    expect(card_a.locator(".d-figure").first).to_contain_text("10")  # live, no reload
    for code in ("BRKA26", "BRKB37"):
        ack = moderators[code].call("prompt:reveal", {"prompt_id": shared[code]["id"]})
        assert ack["ok"], ack

    room_a, room_b, room_c = (
        screen.locator(".ru-room").filter(has_text=f"Breakout {letter} —") for letter in "ABC"
    )
    # No breakout's join code is on the plenary's screen.
    for code in BREAKOUTS:
        expect(screen.locator("body")).not_to_contain_text(code)
    expect(room_a.locator(".ru-agree")).to_contain_text("80%")
    expect(room_a.locator(".ru-group")).to_have_count(2)
    expect(room_b).to_contain_text("Fewer than 5 answers")
    expect(room_b.locator(".ru-agree")).to_have_count(0)
    expect(room_c).to_contain_text("Results not revealed yet")


def test_the_rollup_names_rooms_and_groups_in_the_screens_language(server_factory, contexts):
    server = server_factory()
    plenary = server.moderator(PLENARY)
    assert plenary.call("room:language", {"language": "fr"})["ok"]
    moderator = server.moderator("BRKA26")
    shared = next(p for p in agenda_prompts(moderator) if "share intelligence" in p["text"])
    state = moderator.call("moderator:sync", {})["state"]
    nato, pakistan = (state["constituencies"][i] for i in (0, 2))
    assert moderator.call("prompt:open", {"prompt_id": shared["id"]})["ok"]
    _answer(server, "BRKA26", shared["id"], nato["id"], [5, 5, 4, 4, 5])
    _answer(server, "BRKA26", shared["id"], pakistan["id"], [2, 4, 4, 5, 1])
    assert moderator.call("prompt:reveal", {"prompt_id": shared["id"]})["ok"]

    screen = contexts(**PROJECTOR).new_page()
    screen.goto(f"{server.base_url}/screen/{PLENARY}/rollup/{FAMILY}")
    expect(screen.locator("html")).to_have_attribute("lang", "fr")
    room_a = screen.locator(".ru-room.is-shown")
    expect(room_a.locator("h2")).to_have_text("Atelier A — Intérêts communs")
    expect(room_a.locator(".ru-g-name")).to_have_text(
        [nato["translations"]["fr"], pakistan["translations"]["fr"]]
    )
