"""In a real browser, the console follows the prompt just opened and says what the screens show."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_console import BREAKOUT, _console
from tests.harness import agenda_prompts

pytestmark = [pytest.mark.browser, pytest.mark.server]


def test_the_detail_follows_the_prompt_opened_and_the_join_screen_says_it_stays_open(
    server_factory, contexts
):
    server = server_factory()
    first, second = agenda_prompts(server.moderator(BREAKOUT))[:2]
    console = _console(contexts, server)
    detail = console.locator('[data-detail="prompt"]')
    console.locator(f'#agenda [data-prompt-id="{first["id"]}"] [data-action="select"]').click()
    expect(detail.locator("#detail-title")).to_have_text(first["text"])

    item = console.locator(f'#agenda [data-prompt-id="{second["id"]}"]')
    item.get_by_role("button", name="Open", exact=True).click()
    expect(detail.locator("#detail-title")).to_have_text(second["text"])
    state = console.locator('[data-field="screen-state"]')
    expect(state).to_contain_text("open for answers")

    console.get_by_role("button", name="Show join screen").click()
    expect(state).to_contain_text("is still open, but phones cannot answer it")
    expect(item.locator('[data-field="onscreen"]')).to_have_text(
        "Open, not on screen: phones cannot answer"
    )
    item.get_by_role("button", name="Show on screen").click()
    expect(item.locator('[data-field="onscreen"]')).to_have_text("On screen")
    expect(state).to_contain_text("open for answers")


def test_the_room_console_counts_the_phones_connected(server_factory, contexts):
    server = server_factory()
    console = _console(contexts, server)
    connected = console.locator('[data-field="phones"]')
    expect(connected).to_have_text("0 phones")
    phones = [server.phone(BREAKOUT) for _ in range(2)]
    expect(connected).to_have_text("2 phones")
    phones[0].close()
    expect(connected).to_have_text("1 phone")
