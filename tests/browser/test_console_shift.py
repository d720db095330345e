"""In a real browser, the console shows the trust barometer's shift with the shared panel."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP
from tests.harness import DEMO_PASSWORD, DEMO_USER, agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
BREAKOUT = "BRKA26"


def _answer(phones, prompt_id, values, group_id):
    for phone, value in zip(phones, values, strict=True):
        ack = phone.call(
            "response:submit",
            {
                "prompt_id": prompt_id,
                "client_id": new_client_id(),
                "value": value,
                "constituency_id": group_id,
            },
        )
        assert ack["ok"], ack


def test_a_repeated_statement_shows_how_those_who_answered_both_moved(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    state = moderator.call("moderator:sync", {})["state"]
    group_id = state["constituencies"][0]["id"]
    earlier = next(p for p in agenda_prompts(moderator) if p["kind"] == "position")
    assert moderator.call("prompt:open", {"prompt_id": earlier["id"]})["ok"]
    phones = [server.phone(BREAKOUT) for _ in range(6)]
    _answer(phones, earlier["id"], [2, 2, 3, 2, 1, 3], group_id)
    assert moderator.call("prompt:close", {"prompt_id": earlier["id"]})["ok"]

    page = contexts(**LAPTOP).new_page()
    page.goto(f"{server.base_url}/login")
    page.get_by_label("Username").fill(DEMO_USER)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{server.base_url}/console/room/{BREAKOUT}")
    page.locator("#add-prompt > summary").click()
    form = page.locator("#add-prompt form")
    form.locator("[data-kind-select]").select_option("position")
    form.locator("textarea[name=text]").fill(earlier["text"])
    form.locator("select[name=linked_prompt_id]").select_option(str(earlier["id"]))
    form.locator("button[type=submit]").click()
    later = agenda_prompts(moderator)[-1]
    assert later["linked_prompt_id"] == earlier["id"]
    assert moderator.call("prompt:open", {"prompt_id": later["id"]})["ok"]
    _answer(phones, later["id"], [4, 4, 4, 3, 2, 3], group_id)

    page.goto(f"{server.base_url}/console/room/{BREAKOUT}#prompt-{later['id']}")
    shift = page.locator("#results .shift")
    expect(shift).to_contain_text("Among the 6 who answered both")
    expect(shift).to_contain_text("moved up")
