"""In a real browser: a prompt's countdown shows on a phone and the projector, and the prompt
closes by itself when it ends (the server's pacing task, no moderator involved)."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR
from tests.harness import agenda_prompts

pytestmark = [pytest.mark.browser, pytest.mark.server]
ROOM = "TMRC23"
PASSWORD = "a long password"


def _agenda(path):
    path.write_text(
        json.dumps(
            {
                "format": "facilitator-agenda/1",
                "event": {"title": "Pacing", "constituencies": ["NATO official", "Media"]},
                "rooms": [
                    {
                        "name": "Plenary",
                        "kind": "plenary",
                        "code": ROOM,
                        "prompts": [
                            {
                                "kind": "position",
                                "text": "Ten seconds to answer.",
                                "countdown": 10,
                                "auto_close": True,
                            }
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


def test_a_countdown_shows_on_phone_and_projector_and_closes_the_prompt(
    server_factory, contexts, tmp_path
):
    server = server_factory(agenda=_agenda(tmp_path / "pacing.json"))
    server.cli("create-moderator", "amina", "--admin", "--password", PASSWORD)
    phone = contexts(**PHONE).new_page()
    phone.goto(f"{server.base_url}/j/{ROOM}")
    phone.get_by_label("Media").check()
    phone.get_by_role("button", name="Continue").click()
    expect(phone.locator("#view")).to_contain_text("waiting", ignore_case=True)
    projector = contexts(**PROJECTOR).new_page()
    projector.goto(f"{server.base_url}/screen/{ROOM}")
    expect(projector.locator("#welcome")).to_be_visible()

    moderator = server.moderator(ROOM, session=server.login("amina", PASSWORD))
    prompt_id = agenda_prompts(moderator)[0]["id"]
    assert moderator.call("prompt:open", {"prompt_id": prompt_id})["ok"]

    clock = phone.locator(".prompt-card .countdown")
    expect(clock).to_be_visible()
    expect(clock).to_have_text(re.compile(r"^0:(10|0\d) left$"))
    expect(clock).to_have_class(re.compile(r"\bis-urgent\b"))  # all ten seconds are the last ten
    screen_clock = projector.locator("#countdown")
    expect(screen_clock).to_be_visible()
    expect(screen_clock).to_have_text(re.compile(r"^0:(10|0\d) left$"))
    phone.get_by_role("button", name=re.compile(r"^4\b")).click()
    expect(phone.locator("#view")).to_contain_text("Saved ✓")

    # Nobody closes it: the countdown does, within about a second of its end.
    expect(phone.locator(".closed-note")).to_be_visible(timeout=20_000)
    expect(clock).to_be_hidden()
    expect(projector.locator("#state")).to_have_attribute("data-state", "closed")
    expect(screen_clock).to_be_hidden()
    assert server.query("SELECT state, deadline FROM prompt WHERE id = ?", prompt_id) == [
        ("closed", None)
    ]
    closes = server.query(
        "SELECT moderator_name FROM audit_entry WHERE action = 'prompt_close' AND target_id = ?",
        prompt_id,
    )
    assert closes == [("Countdown (automatic)",)]
    assert server.responses(prompt_id)[0][0] == 4
