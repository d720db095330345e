"""In a real browser, the console runs a room: the moderation queue and live state."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
BREAKOUT = "BRKA26"


def _console(contexts, server):
    page = contexts(**LAPTOP).new_page()
    page.goto(f"{server.base_url}/login")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("demo-facilitator")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{server.base_url}/console/room/{BREAKOUT}")
    expect(page.locator("#connection")).to_contain_text("Live")
    return page


def test_a_moderator_approves_a_proposal_and_the_phone_can_endorse_it(server_factory, contexts):
    server = server_factory()
    prompt = next(p for p in agenda_prompts(server.moderator(BREAKOUT)) if p["kind"] == "proposal")
    console = _console(contexts, server)
    item = console.locator(f'#agenda [data-prompt-id="{prompt["id"]}"]')
    item.get_by_role("button", name="Open").click()
    expect(item).to_contain_text("Open")
    item.locator('[data-action="select"]').click()

    ack = server.phone(BREAKOUT).call(
        "proposal:submit",
        {"prompt_id": prompt["id"], "client_id": new_client_id(), "text": "Exchange of cadets"},
    )
    assert ack["ok"], ack
    queued = console.locator("li, article, div").filter(has_text="Exchange of cadets").last
    expect(queued).to_be_visible()
    queued.get_by_role("button", name="Approve").click()

    phone = contexts(**PHONE).new_page()
    phone.goto(f"{server.base_url}/j/{BREAKOUT}")
    phone.get_by_label("Prefer not to say").check()
    phone.get_by_role("button", name="Continue").click()
    card = phone.locator("li, article, .proposal").filter(has_text="Exchange of cadets").last
    card.get_by_role("button", name="Disagree", exact=True).click()
    expect(card).to_contain_text("Saved ✓")
    expect(console.locator("body")).to_contain_text(re.compile(r"1 disagree"))


def test_the_console_follows_a_co_moderators_change_live(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    first = agenda_prompts(moderator)[0]
    console = _console(contexts, server)
    item = console.locator(f'#agenda [data-prompt-id="{first["id"]}"]')
    item.get_by_role("button", name="Open").click()
    expect(item).to_contain_text("Open")
    # Another moderator closes it meanwhile; this console learns it live.
    assert moderator.call("prompt:close", {"prompt_id": first["id"]})["ok"]
    expect(item.get_by_role("button", name="Reopen")).to_be_visible()
    expect(item.get_by_role("button", name="Close")).to_be_disabled()
