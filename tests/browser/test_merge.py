"""In a real browser, a moderator merges duplicate proposals; endorsements carry over."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
BREAKOUT = "BRKA26"
IDEAS = ["A hotline between commanders", "Hotline for commanders", "Commanders' hotline"]


def _approved_proposals(server, moderator, prompt_id):
    """Three approved proposals under the open proposal prompt; their ids in IDEAS order."""
    assert moderator.call("prompt:open", {"prompt_id": prompt_id})["ok"]
    ids = []
    for text in IDEAS:
        ack = server.phone(BREAKOUT).call(
            "proposal:submit", {"prompt_id": prompt_id, "client_id": new_client_id(), "text": text}
        )
        assert ack["ok"], ack
        proposal = ack["proposal"]
        if proposal["status"] == "pending":
            moderated = moderator.call(
                "proposal:moderate",
                {"proposal_id": proposal["id"], "action": "approve", "expected": "pending"},
            )
            assert moderated["ok"], moderated
        ids.append(proposal["id"])
    return ids


def _endorse(phone, proposal_id, vote):
    ack = phone.call(
        "endorsement:submit",
        {"proposal_id": proposal_id, "client_id": new_client_id(), "vote": vote},
    )
    assert ack["ok"], ack


def test_merging_duplicates_shows_merged_from_2_and_carries_endorsements(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "proposal")
    target, first, second = _approved_proposals(server, moderator, prompt["id"])
    both, other, third = server.phone(BREAKOUT), server.phone(BREAKOUT), server.phone(BREAKOUT)
    _endorse(both, target, "agree")
    _endorse(both, first, "agree")  # already on the target: counted once
    _endorse(other, first, "agree")
    _endorse(third, second, "disagree")

    page = contexts(**LAPTOP).new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{server.base_url}/login")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("demo-facilitator")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{server.base_url}/console/room/{BREAKOUT}#prompt-{prompt['id']}")
    expect(page.locator("#connection")).to_contain_text("Live")

    queue = page.locator("#queue")
    for proposal_id in (target, first, second):
        queue.locator(f'[data-proposal-id="{proposal_id}"] input[type="checkbox"]').check()
    bar = queue.get_by_role("group", name="Merge duplicates")
    expect(bar).to_contain_text("3 selected")
    bar.get_by_label("The proposal to keep").select_option(str(target))
    bar.get_by_role("button", name="Merge into it").click()

    kept = queue.locator(f'[data-proposal-id="{target}"]')
    expect(kept).to_contain_text("merged from 2")
    expect(queue.locator(".c-queue-merged")).to_contain_text(IDEAS[1])
    results = page.locator("#results")
    expect(results).to_contain_text("2 agree · 1 disagree · 0 pass")
    expect(results).not_to_contain_text(IDEAS[1])
    # Phones and the projector list the kept proposal alone, with its sources counted.
    state = server.screen(BREAKOUT).wait_for("state")
    assert [(p["id"], p["merged_from"]) for p in state["prompt"]["proposals"]] == [(target, 2)]


def test_merge_into_it_works_again_without_a_reload(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "proposal")
    target, first, second = _approved_proposals(server, moderator, prompt["id"])

    page = contexts(**LAPTOP).new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{server.base_url}/login")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("demo-facilitator")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{server.base_url}/console/room/{BREAKOUT}#prompt-{prompt['id']}")
    expect(page.locator("#connection")).to_contain_text("Live")

    queue = page.locator("#queue")
    bar = queue.get_by_role("group", name="Merge duplicates")
    for source, merged_from in ((first, 1), (second, 2)):
        for proposal_id in (target, source):
            queue.locator(f'[data-proposal-id="{proposal_id}"] input[type="checkbox"]').check()
        bar.get_by_label("The proposal to keep").select_option(str(target))
        go = bar.get_by_role("button", name="Merge into it")
        expect(go).to_be_enabled()
        go.click()
        kept = queue.locator(f'[data-proposal-id="{target}"]')
        expect(kept).to_contain_text(f"merged from {merged_from}")
        expect(bar).to_be_hidden()
