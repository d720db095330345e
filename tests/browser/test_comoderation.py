"""In a real browser, a console that missed a co-moderator's decision is told who decided."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
BREAKOUT = "BRKA26"


def test_a_stale_console_learns_that_a_co_moderator_already_decided(server_factory, contexts):
    server = server_factory()
    co_moderator = server.moderator(BREAKOUT)
    prompt = next(p for p in agenda_prompts(co_moderator) if p["kind"] == "proposal")
    assert co_moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    ack = server.phone(BREAKOUT).call(
        "proposal:submit",
        {"prompt_id": prompt["id"], "client_id": new_client_id(), "text": "Joint drill"},
    )
    proposal_id = ack["proposal"]["id"]

    page = contexts(**LAPTOP).new_page()
    # The console stops hearing updates (a slow network), so it still shows the proposal pending.
    deaf = {"on": False}

    def relay(ws):
        server_side = ws.connect_to_server()

        def forward(message):
            if deaf["on"] and isinstance(message, str) and message.startswith('42["prompt"'):
                return
            ws.send(message)

        server_side.on_message(forward)

    page.route_web_socket("**/socket.io/**", relay)
    page.goto(f"{server.base_url}/login")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("demo-facilitator")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{server.base_url}/console/room/{BREAKOUT}#prompt-{prompt['id']}")
    expect(page.locator("#connection")).to_contain_text("Live")
    item = page.locator(f'#queue [data-proposal-id="{proposal_id}"]')
    expect(item.get_by_role("button", name="Approve")).to_be_visible()

    deaf["on"] = True
    hidden = co_moderator.call(
        "proposal:moderate", {"proposal_id": proposal_id, "action": "hide", "expected": "pending"}
    )
    assert hidden["ok"], hidden
    item.get_by_role("button", name="Approve").click()

    expect(item).to_contain_text("Demo moderator already hid this proposal")
    expect(page.locator("#queue .c-queue-hidden")).to_contain_text("Joint drill")
    rows = server.query("SELECT status FROM proposal WHERE id = ?", proposal_id)
    assert rows == [("hidden",)]
