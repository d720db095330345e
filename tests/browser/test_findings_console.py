"""In a real browser, the console states the server's common ground and divergences."""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
BREAKOUT = "BRKA26"


def _console(contexts, server, path: str):
    """A laptop logged in as the demo moderator, on path."""
    page = contexts(**LAPTOP).new_page()
    page.goto(f"{server.base_url}/login")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("demo-facilitator")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{server.base_url}{path}")
    return page


def test_the_console_shows_a_divergence_between_named_groups(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    state = moderator.call("moderator:sync", {})["state"]
    groups = {c["name"]: c["id"] for c in state["constituencies"]}
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "position")
    assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    answers = [("NATO official", 5)] * 3 + [("NATO official", 4)] * 3
    answers += [("Pakistani government", 1)] * 4 + [("Pakistani government", 3)]
    for group, value in answers:
        ack = server.phone(BREAKOUT).call(
            "response:submit",
            {
                "prompt_id": prompt["id"],
                "client_id": new_client_id(),
                "value": value,
                "constituency_id": groups[group],
            },
        )
        assert ack["ok"], ack

    page = _console(contexts, server, f"/console/room/{BREAKOUT}#prompt-{prompt['id']}")
    findings = page.locator("#breakdown .c-findings")
    expect(findings).to_contain_text("Divergence: The groups split on")
    expect(findings).to_contain_text("NATO official (100% agree) is for it")
    expect(findings).to_contain_text("Pakistani government (80% disagree) is against it")
    expect(page.locator("#breakdown .c-verdict-common")).to_have_count(0)
    if os.environ.get("FINDINGS_SCREENSHOT"):
        page.locator("#breakdown").screenshot(path=os.environ["FINDINGS_SCREENSHOT"])


def test_a_french_console_names_the_groups_in_french(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    state = moderator.call("moderator:sync", {})["state"]
    groups = {c["name"]: c for c in state["constituencies"]}
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "position")
    assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    for group, value in [("NATO official", 5)] * 5 + [("Pakistani government", 2)] * 5:
        ack = server.phone(BREAKOUT).call(
            "response:submit",
            {
                "prompt_id": prompt["id"],
                "client_id": new_client_id(),
                "value": value,
                "constituency_id": groups[group]["id"],
            },
        )
        assert ack["ok"], ack

    page = _console(contexts, server, f"/console/room/{BREAKOUT}?lang=fr#prompt-{prompt['id']}")
    breakdown = page.locator("#breakdown")
    for name in ("NATO official", "Pakistani government"):
        expect(breakdown).to_contain_text(groups[name]["translations"]["fr"])
    expect(breakdown).not_to_contain_text("NATO official")
    expect(page.locator("#room-title")).to_contain_text("Atelier A — Intérêts communs")
