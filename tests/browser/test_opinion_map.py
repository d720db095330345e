"""The opinion map in a real browser: two planted camps vote in the demo workshop's breakout
proposal prompt; the console shows their opinion groups live, the projector only after reveal,
as shaded areas with their sizes and never an element per participant, fitting every screen."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PROJECTOR
from tests.browser.test_projector_layout import _fits
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
BREAKOUT = "BRKA26"
BRIDGES = [
    "Publish a joint calendar of military exercises",
    "Keep the hotline between commanders staffed day and night",
]
SPLIT = [
    "Open every border crossing to journalists",
    "Hand the talks to a neutral mediator",
    "Exchange officers at the staff colleges",
    "Freeze new deployments near the line of control",
]
PER_CAMP = 6  # at least ANONYMITY_K (5): each camp may be shown as a group


def _proposals(server, moderator, prompt_id):
    """The bridging and the splitting proposals, approved; their ids in that order."""
    ids = []
    for text in BRIDGES + SPLIT:
        ack = server.phone(BREAKOUT).call(
            "proposal:submit", {"prompt_id": prompt_id, "client_id": new_client_id(), "text": text}
        )
        assert ack["ok"], ack
        if ack["proposal"]["status"] == "pending":
            moderated = moderator.call(
                "proposal:moderate", {"proposal_id": ack["proposal"]["id"], "action": "approve"}
            )
            assert moderated["ok"], moderated
        ids.append(ack["proposal"]["id"])
    return ids


def _camps(server, ids, constituencies):
    """PER_CAMP phones per camp; the camps cut across the declared groups. Everyone agrees with
    the bridging proposals; on the others camp 0 agrees where camp 1 disagrees."""
    for camp in (0, 1):
        for i in range(PER_CAMP):
            phone = server.phone(BREAKOUT)
            for position, proposal_id in enumerate(ids):
                split = position - len(BRIDGES)
                vote = "agree" if split < 0 or split % 2 == camp else "disagree"
                ack = phone.call(
                    "endorsement:submit",
                    {
                        "proposal_id": proposal_id,
                        "client_id": new_client_id(),
                        "vote": vote,
                        "constituency_id": constituencies[i % len(constituencies)],
                    },
                )
                assert ack["ok"], ack


def test_opinion_groups_show_live_in_the_console_and_on_the_projector_after_reveal(
    server_factory, contexts, tmp_path
):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "proposal")
    assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    state = moderator.call("moderator:sync", {})["state"]
    ids = _proposals(server, moderator, prompt["id"])

    console = contexts(**LAPTOP).new_page()
    console.goto(f"{server.base_url}/login")
    console.get_by_label("Username").fill("demo")
    console.get_by_label("Password").fill("demo-facilitator")
    console.get_by_role("button", name="Log in").click()
    console.goto(f"{server.base_url}/console/room/{BREAKOUT}#prompt-{prompt['id']}")
    expect(console.locator("#connection")).to_contain_text("Live")
    live = console.locator("#results .om")
    expect(live).to_contain_text("No opinion groups yet")
    expect(live).to_contain_text("Not enough people have voted on enough proposals yet")

    _camps(server, ids, [c["id"] for c in state["constituencies"]])

    screen = contexts(**PROJECTOR).new_page()
    screen.goto(f"{server.base_url}/screen/{BREAKOUT}")
    expect(screen.locator("#reconnect")).to_be_hidden()
    expect(screen.locator(".wall-card")).not_to_have_count(0)

    # The moderator sees the two camps live, before anything is revealed.
    expect(live.locator(".om-area")).to_have_count(2)
    expect(live).to_contain_text(f"Group A · {PER_CAMP} people")
    expect(live).to_contain_text(f"Group B · {PER_CAMP} people")
    expect(live.locator(".om-consensus")).to_contain_text("Supported across opinion groups")
    expect(live.locator(".om-consensus")).to_contain_text(BRIDGES[0])
    # What sets each group apart is one of the splitting proposals.
    reps = live.locator(".om-group .om-rep-text").all_inner_texts()
    assert reps and all(any(text[:25] in rep for text in SPLIT) for rep in reps)

    live.scroll_into_view_if_needed()
    console.screenshot(path=str(tmp_path / "console-opinion-map.png"))

    # The room sees no map while the results are hidden.
    expect(screen.locator(".wall-card")).not_to_have_count(0)
    expect(screen.locator(".om")).to_have_count(0)

    assert moderator.call("prompt:close", {"prompt_id": prompt["id"]})["ok"]
    assert moderator.call("prompt:reveal", {"prompt_id": prompt["id"]})["ok"]
    shown = screen.locator("#results .om")
    expect(shown.locator(".om-area")).to_have_count(2)
    expect(shown.locator(".om-label")).to_have_count(2)
    expect(shown.locator(".om-label").first).to_contain_text("Group A")
    expect(shown.locator(".om-label").first).to_contain_text(f"{PER_CAMP} people")
    expect(shown).to_contain_text(f"Group B · {PER_CAMP} people")
    expect(shown).to_contain_text("Supported across opinion groups")
    # Areas and labels only: nothing drawn per participant.
    assert shown.locator(".om-svg circle, .om-svg use, .om-svg ellipse").count() == 0
    assert shown.locator(".om-svg > *").count() == 1 + 2  # the ground and one area per group
    expect(screen.locator(".pt-item").first).to_be_visible()

    screen.screenshot(path=str(tmp_path / "projector-opinion-map.png"))
    problems = _fits(screen, "opinion map revealed")
    screen.screenshot(path=str(tmp_path / "projector-opinion-map-4-3.png"))  # 1400x1050 last
    assert problems == [], "\n".join(problems)
