"""In a real browser: a moderator opens a prompt, two phones answer, the projector shows it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, PROJECTOR

pytestmark = [pytest.mark.browser, pytest.mark.server]
ROOM = "PNRY27"


def _log_in(page, base_url):
    page.goto(f"{base_url}/login")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("demo-facilitator")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/console/?$"))


def _join(page, base_url, group):
    page.goto(f"{base_url}/j/{ROOM}")
    page.get_by_label(group).check()
    page.get_by_role("button", name="Continue").click()


def test_phones_answer_and_the_projector_shows_the_revealed_result(server_factory, contexts):
    server = server_factory()
    base = server.base_url
    console = contexts(**LAPTOP).new_page()
    _log_in(console, base)
    console.goto(f"{base}/console/room/{ROOM}")
    expect(console.locator("#connection")).to_contain_text("Live")

    projector = contexts(**PROJECTOR).new_page()
    projector.goto(f"{base}/screen/{ROOM}")
    expect(projector.locator("#welcome")).to_be_visible()

    phones = [contexts(**PHONE).new_page() for _ in range(2)]
    for phone, group in zip(phones, ("NATO official", "Pakistani government"), strict=True):
        _join(phone, base, group)
        expect(phone.locator("#view")).to_contain_text("waiting", ignore_case=True)

    first_prompt = console.locator("#agenda [data-prompt-id]").first
    first_prompt.get_by_role("button", name="Open").click()

    for phone, point in zip(phones, ("2", "6"), strict=True):
        expect(phone.locator("#prompt-text")).to_contain_text("stated intentions match its actions")
        phone.get_by_role("button", name=re.compile(rf"^{point}\b")).click()
        expect(phone.locator("#view")).to_contain_text("Saved ✓")

    expect(projector.locator("#prompt-text")).to_contain_text("stated intentions match its actions")
    expect(projector.locator("#live")).to_contain_text("2")
    expect(projector.locator("#results")).not_to_contain_text("Mean")

    # Two answers are too few to show while the prompt is open: revealed, the projector waits.
    first_prompt.get_by_role("button", name="Reveal results").click()
    results = projector.locator("#results")
    expect(results).to_contain_text("enough people have answered")
    first_prompt.get_by_role("button", name="Close").click()
    expect(results).to_contain_text("Mean")
    expect(results).to_contain_text("4")  # (2 + 6) / 2
    expect(projector.locator("canvas")).to_have_count(1)

    # The phones keep their answers through a reload, and the database holds exactly two.
    phones[0].reload()
    expect(phones[0].get_by_role("button", name=re.compile(r"^2\b"))).to_have_attribute(
        "aria-pressed", "true"
    )
    stored = sorted(value for value, _ in server.responses(1))
    assert stored == [2, 6]
