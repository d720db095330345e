"""In a real browser, a phone ranks options with taps, writes a proposal and endorses others."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
BREAKOUT = "BRKA26"


def _join(page, base_url):
    page.goto(f"{base_url}/j/{BREAKOUT}")
    page.get_by_label("Media").check()
    page.get_by_role("button", name="Continue").click()


def test_a_phone_ranks_its_top_three_with_taps_and_buttons(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    priority = next(p for p in agenda_prompts(moderator) if p["kind"] == "priority")
    options = priority["settings"]["options"]
    assert priority["settings"]["rank_top"] == 3
    assert moderator.call("prompt:open", {"prompt_id": priority["id"]})["ok"]

    phone = contexts(**PHONE).new_page()
    _join(phone, server.base_url)
    submit = phone.get_by_role("button", name="Submit ranking")
    for option in (options[4], options[0], options[2]):
        phone.get_by_role("button", name=f"Add to my ranking: {option}").click()
    # Swap the first two with the move button: no dragging needed.
    phone.get_by_role("button", name=re.compile(rf"^Move up: {re.escape(options[0])}")).click()
    expect(submit).to_be_enabled()
    submit.click()
    expect(phone.locator("#view")).to_contain_text("Saved ✓")

    stored = [value for value, _ in server.responses(priority["id"])]
    assert stored == [[0, 4, 2]]
    phone.reload()
    ballot = phone.get_by_label("Your ranking")
    expect(ballot).to_contain_text(options[0])
    expect(ballot).to_contain_text(options[4])


def test_a_phone_writes_a_proposal_and_endorses_another(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "proposal")
    assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    other = server.phone(BREAKOUT).call(
        "proposal:submit",
        {"prompt_id": prompt["id"], "client_id": new_client_id(), "text": "Joint staff talks"},
    )
    assert moderator.call(
        "proposal:moderate", {"proposal_id": other["proposal"]["id"], "action": "approve"}
    )["ok"]

    phone = contexts(**PHONE).new_page()
    _join(phone, server.base_url)
    phone.get_by_label("Your proposal").fill("A hotline between border commanders")
    phone.get_by_role("button", name="Send proposal").click()
    expect(phone.locator("#view")).to_contain_text("waiting for moderator")

    card = phone.locator("li, article, .proposal").filter(has_text="Joint staff talks").last
    card.get_by_role("button", name="Agree", exact=True).click()
    expect(card).to_contain_text("Saved ✓")

    sync = moderator.call("moderator:sync", {})
    queue = next(p for p in sync["state"]["agenda"] if p["id"] == prompt["id"])
    pending = [p["text"] for p in queue["proposals"] if p["status"] == "pending"]
    assert pending == ["A hotline between border commanders"]
    ranked = queue["results"]["proposals"]
    assert [(p["text"], p["agree"]) for p in ranked] == [("Joint staff talks", 1)]


def test_an_author_sees_the_moderators_decision_on_their_proposal(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "proposal")
    assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    phone = contexts(**PHONE).new_page()
    _join(phone, server.base_url)
    phone.get_by_label("Your proposal").fill("Exchange of journalists")
    phone.get_by_role("button", name="Send proposal").click()
    expect(phone.locator("#view")).to_contain_text("waiting for moderator")

    sync = moderator.call("moderator:sync", {})
    queue = next(p for p in sync["state"]["agenda"] if p["id"] == prompt["id"])
    [pending] = [p for p in queue["proposals"] if p["status"] == "pending"]
    assert moderator.call("proposal:moderate", {"proposal_id": pending["id"], "action": "hide"})[
        "ok"
    ]
    expect(phone.locator("#view")).not_to_contain_text("waiting for moderator")
