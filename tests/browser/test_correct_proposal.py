"""In a real browser, a moderator corrects a proposal's text inline and unmerges a duplicate."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP
from tests.browser.test_merge import BREAKOUT, IDEAS, _approved_proposals
from tests.harness import agenda_prompts

pytestmark = [pytest.mark.browser, pytest.mark.server]


def _console(server, contexts, prompt_id):
    page = contexts(**LAPTOP).new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{server.base_url}/login")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("demo-facilitator")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{server.base_url}/console/room/{BREAKOUT}#prompt-{prompt_id}")
    expect(page.locator("#connection")).to_contain_text("Live")
    return page


def test_a_moderator_corrects_a_proposal_inline_and_phones_get_the_correction(
    server_factory, contexts
):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "proposal")
    target, _first, _second = _approved_proposals(server, moderator, prompt["id"])
    page = _console(server, contexts, prompt["id"])

    item = page.locator(f'#queue [data-proposal-id="{target}"]')
    item.get_by_role("button", name="Edit text").click()
    box = item.get_by_label("Corrected text of the proposal")
    expect(box).to_have_value(IDEAS[0])
    box.fill("   ")
    item.get_by_role("button", name="Save correction").click()
    expect(item.get_by_role("alert")).to_be_visible()  # refused: nothing is saved
    box.fill("A direct hotline between commanders")
    item.get_by_role("button", name="Save correction").click()
    expect(item.locator(".c-queue-text")).to_have_text("A direct hotline between commanders")
    expect(item.get_by_label("Corrected text of the proposal")).to_have_count(0)
    state = server.screen(BREAKOUT).wait_for("state")
    texts = [p["text"] for p in state["prompt"]["proposals"]]
    assert "A direct hotline between commanders" in texts and IDEAS[0] not in texts


def test_an_unmerged_duplicate_comes_back_to_the_approved_list(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "proposal")
    target, first, _second = _approved_proposals(server, moderator, prompt["id"])
    merged = moderator.call("proposal:merge", {"target_id": target, "source_ids": [first]})
    assert merged["ok"], merged
    page = _console(server, contexts, prompt["id"])

    queue = page.locator("#queue")
    expect(queue.locator(f'[data-proposal-id="{target}"]')).to_contain_text("merged from 1")
    queue.locator(f'[data-proposal-id="{first}"]').get_by_role("button", name="Unmerge").click()
    approved = queue.locator(".c-queue-approved")
    expect(approved.locator(f'[data-proposal-id="{first}"]')).to_be_visible()
    expect(queue.locator(f'[data-proposal-id="{target}"]')).not_to_contain_text("merged from")
    expect(queue.locator(".c-queue-merged")).to_be_hidden()
