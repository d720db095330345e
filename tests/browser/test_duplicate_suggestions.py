"""In a real browser, the console suggests the existing proposals a pending one duplicates."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_correct_proposal import _console
from tests.browser.test_merge import BREAKOUT, _approved_proposals
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]


def test_a_pending_duplicate_is_merged_into_its_suggestion_in_one_click(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "proposal")
    target, _first, _second = _approved_proposals(server, moderator, prompt["id"])
    sent = server.phone(BREAKOUT).call(
        "proposal:submit",
        {
            "prompt_id": prompt["id"],
            "client_id": new_client_id(),
            "text": "A hotline between the commanders",
        },
    )
    assert sent["ok"] and sent["proposal"]["status"] == "pending", sent
    pending = sent["proposal"]["id"]
    page = _console(server, contexts, prompt["id"])

    item = page.locator(f'#queue [data-proposal-id="{pending}"]')
    suggestion = item.locator(f'[data-similar-id="{target}"]')
    expect(suggestion).to_contain_text("A hotline between commanders")
    suggestion.get_by_role("button", name="Merge into this").click()
    expect(page.locator(".c-queue-merged")).to_contain_text("A hotline between the commanders")
    expect(page.locator(f'#queue [data-proposal-id="{target}"]')).to_contain_text("merged from 1")
    expect(page.locator('#queue [data-count="pending"]')).to_have_text("0")
