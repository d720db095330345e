"""In a real browser: the plenary's moderator puts a shared prompt's roll-up on the hall's
projector, which is already open (and full screen), and takes it off again; the projector
switches in place, without reloading, so it stays full screen."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PROJECTOR
from tests.browser.test_projector_layout import _fits
from tests.harness import agenda_prompts

pytestmark = [pytest.mark.browser, pytest.mark.server]
PLENARY, BREAKOUTS = "PNRH23", ("BRKX34", "BRKY45")
FAMILY = "hotline"
PASSWORD = "a long password"
SHARED = "A hotline between border commanders would reduce incidents."


def _agenda(path):
    shared = {"kind": "position", "text": SHARED, "family": FAMILY}
    rooms = [
        {
            "name": "Plenary",
            "kind": "plenary",
            "code": PLENARY,
            "prompts": [{"kind": "position", "text": "Trust has grown this year."}, shared],
        }
    ]
    rooms += [
        {"name": f"Breakout {letter}", "kind": "breakout", "code": code, "prompts": [shared]}
        for letter, code in zip("XY", BREAKOUTS, strict=True)
    ]
    event = {"title": "Hall screen", "constituencies": ["NATO official", "Media"]}
    path.write_text(
        json.dumps({"format": "facilitator-agenda/1", "event": event, "rooms": rooms}),
        encoding="utf-8",
    )
    return path


def _console(contexts, server):
    page = contexts(**LAPTOP).new_page()
    page.goto(f"{server.base_url}/login")
    page.get_by_label("Username").fill("amina")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{server.base_url}/console/room/{PLENARY}")
    expect(page.locator("#connection")).to_have_text("Live")
    return page


def test_the_console_puts_the_rollup_on_the_open_projector_and_takes_it_off(
    server_factory, contexts, tmp_path
):
    server = server_factory(agenda=_agenda(tmp_path / "hall.json"))
    server.cli("create-moderator", "amina", "--admin", "--password", PASSWORD)
    moderator = server.moderator(PLENARY, session=server.login("amina", PASSWORD))
    first = agenda_prompts(moderator)[0]
    assert moderator.call("prompt:open", {"prompt_id": first["id"]})["ok"]

    projector = contexts(**PROJECTOR).new_page()
    projector.goto(f"{server.base_url}/screen/{PLENARY}")
    expect(projector.locator("#prompt-text")).to_have_text("Trust has grown this year.")
    projector.get_by_role("button", name="Full screen").click()
    projector.wait_for_function("() => document.fullscreenElement !== null")
    projector.evaluate("() => { window.__samePage = true; }")

    console = _console(contexts, server)
    shared = console.locator("#agenda .c-item", has_text=SHARED)
    shared.get_by_role("button", name="Show roll-up on the projector").click()
    indicator = console.locator('[data-field="screen-rollup"]')
    expect(indicator).to_be_visible()
    expect(indicator).to_contain_text(SHARED)
    expect(
        shared.get_by_role("button", name="Roll-up on the projector", exact=True)
    ).to_be_disabled()

    # The projector shows the roll-up of the three rooms in place of the room, in the same page.
    expect(projector.locator("#rollup .ru-room")).to_have_count(3)
    expect(projector.locator("#rollup .ru-text")).to_have_text(SHARED)
    expect(projector.locator("#current")).to_be_hidden()
    expect(projector.locator("#strip")).to_be_hidden()
    expect(projector.locator("#join-bar")).to_contain_text(PLENARY)
    assert projector.evaluate("() => window.__samePage === true")
    assert projector.evaluate("() => document.fullscreenElement !== null")

    indicator.get_by_role("button", name="Back to the room\u2019s screen").click()
    expect(indicator).to_be_hidden()
    expect(projector.locator("#prompt-text")).to_have_text("Trust has grown this year.")
    expect(projector.locator("#rollup")).to_be_hidden()
    expect(projector.locator("#join-bar")).to_be_hidden()
    expect(projector.locator("#strip")).to_be_visible()
    assert projector.evaluate("() => window.__samePage === true")
    assert projector.evaluate("() => document.fullscreenElement !== null")


@pytest.mark.parametrize("language", ["en", "ur"])
def test_a_reloaded_projector_shows_the_rollup_within_the_type_floors(
    server_factory, contexts, tmp_path, language
):
    """The choice is kept: a projector opened afterwards shows the roll-up at once, and it fits
    16:9 and 4:3 screens with no text under the floors of docs/projector.md."""
    server = server_factory(agenda=_agenda(tmp_path / "hall.json"))
    server.cli("create-moderator", "amina", "--admin", "--password", PASSWORD)
    moderator = server.moderator(PLENARY, session=server.login("amina", PASSWORD))
    assert moderator.call("room:language", {"language": language})["ok"]
    room_id = moderator.last("state")["room"]["id"]
    ack = moderator.call("room:screen", {"room_id": room_id, "rollup": FAMILY})
    assert ack["ok"], ack
    projector = contexts(**PROJECTOR).new_page()
    projector.goto(f"{server.base_url}/screen/{PLENARY}")
    expect(projector.locator("#rollup .ru-room")).to_have_count(3)
    expect(projector.locator("#welcome")).to_be_hidden()
    expect(projector.locator("#join-bar")).to_contain_text(PLENARY)
    problems = _fits(projector, f"roll-up on the projector ({language})")
    assert problems == [], "\n".join(problems)
