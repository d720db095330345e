"""User-supplied text reaches every page as text, never as HTML."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, PROJECTOR
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
BREAKOUT = "BRKA26"
HOSTILE = "<img src=x onerror=\"document.title='pwned'\"><b>Bold claim</b>"


def test_a_hostile_proposal_is_shown_literally_everywhere(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    proposal_prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "proposal")
    assert moderator.call("prompt:open", {"prompt_id": proposal_prompt["id"]})["ok"]
    ack = server.phone(BREAKOUT).call(
        "proposal:submit",
        {"prompt_id": proposal_prompt["id"], "client_id": new_client_id(), "text": HOSTILE},
    )
    assert ack["ok"], ack
    approved = moderator.call(
        "proposal:moderate", {"proposal_id": ack["proposal"]["id"], "action": "approve"}
    )
    assert approved["ok"], approved

    pages = []
    for options, path in (
        (PROJECTOR, f"/screen/{BREAKOUT}"),
        (PHONE, f"/j/{BREAKOUT}"),
    ):
        page = contexts(**options).new_page()
        page.goto(server.base_url + path)
        pages.append(page)
    phone = pages[1]
    phone.get_by_label("Prefer not to say").check()
    phone.get_by_role("button", name="Continue").click()

    console = contexts(**LAPTOP).new_page()
    console.goto(f"{server.base_url}/login")
    console.get_by_label("Username").fill("demo")
    console.get_by_label("Password").fill("demo-facilitator")
    console.get_by_role("button", name="Log in").click()
    console.goto(f"{server.base_url}/console/room/{BREAKOUT}")
    pages.append(console)

    for page in pages:
        expect(page.get_by_text(HOSTILE).first).to_be_visible()
        assert page.locator("img[src=x]").count() == 0
        assert page.locator("b", has_text="Bold claim").count() == 0
        assert page.title() != "pwned"
