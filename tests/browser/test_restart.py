"""Every open page survives a server restart (same port, database and secret) by itself."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, PROJECTOR
from tests.browser.test_network import join, outbox, point
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
ROOM = "PNRY27"


def _log_in(page, base_url):
    page.goto(f"{base_url}/login")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("demo-facilitator")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/console/?$"))


def _answer(server, prompt_id, value):
    """One more phone answers over its own socket; its ack."""
    ack = server.phone(ROOM).call(
        "response:submit", {"prompt_id": prompt_id, "client_id": new_client_id(), "value": value}
    )
    assert ack["ok"], ack
    return ack


def test_projector_and_console_ride_out_a_restart_and_show_new_counts(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(ROOM)
    prompt = agenda_prompts(moderator)[0]
    assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    # Five answers: enough to show while the prompt is open (docs/anonymity.md).
    for value in (2, 6, 2, 6, 4):
        _answer(server, prompt["id"], value)
    assert moderator.call("prompt:reveal", {"prompt_id": prompt["id"]})["ok"]

    projector = contexts(**PROJECTOR).new_page()
    projector.goto(f"{server.base_url}/screen/{ROOM}")
    results = projector.locator("#results")
    expect(results).to_contain_text("Mean")
    expect(results).to_contain_text("4")  # the mean of 2, 6, 2, 6 and 4
    banner = projector.locator("#reconnect")
    expect(banner).to_be_hidden()

    console = contexts(**LAPTOP).new_page()
    _log_in(console, server.base_url)
    console.goto(f"{server.base_url}/console/room/{ROOM}#prompt-{prompt['id']}")
    status = console.locator("#connection")
    expect(status).to_have_text("Live")
    hide = console.locator(".c-visibility").get_by_role("button", name="Hide results")
    expect(hide).to_be_enabled()
    console_banner = console.locator(".c-offline-banner")
    expect(console_banner).to_be_hidden()
    before = results.inner_text()

    server.stop()
    expect(banner).to_be_visible()
    expect(banner).to_have_text("Reconnecting…")
    # The last results stay on the screen, unchanged, while the server is away.
    expect(projector.locator("#prompt-text")).to_have_text(prompt["text"])
    assert results.inner_text() == before
    expect(status).not_to_have_text("Live")
    expect(console_banner).to_be_visible()
    expect(console_banner).to_contain_text("paused")
    expect(hide).to_be_disabled()

    server.start()
    expect(banner).to_be_hidden()
    expect(status).to_have_text("Live")
    expect(console_banner).to_be_hidden()
    expect(hide).to_be_enabled()

    for _ in range(5):  # five more: the screen's results move by five answers at once
        _answer(server, prompt["id"], 6)  # average (20 + 30) / 10 = 5
    expect(projector.locator("#live")).to_contain_text("10")
    expect(results).to_contain_text("5")
    expect(console.locator(f'[data-prompt-id="{prompt["id"]}"]').first).to_contain_text(
        "10 responses"
    )

    # The console's controls work again on the restarted server.
    hide.click()
    expect(results).not_to_contain_text("Mean")
    assert not agenda_prompts(server.moderator(ROOM))[0]["revealed"]


def test_a_phones_unsent_answer_is_saved_once_after_a_restart(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(ROOM)
    prompt = agenda_prompts(moderator)[0]
    assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    phone = contexts(**PHONE).new_page()
    join(phone, server.base_url)
    expect(phone.locator("#prompt-text")).to_have_text(prompt["text"])

    server.stop()
    expect(phone.locator("#conn")).not_to_have_attribute("data-status", "online")
    point(phone, 5).click()
    status = phone.locator(".send-status")
    expect(status).to_have_text("Offline — will send")
    [(_, entry)] = outbox(phone)

    server.start()
    expect(phone.locator("#conn")).to_have_attribute("data-status", "online")
    expect(status).to_have_text("Saved ✓")
    expect(point(phone, 5)).to_have_attribute("aria-pressed", "true")
    assert outbox(phone) == []
    assert server.responses(prompt["id"]) == [(5, entry["payload"]["client_id"])]
    view = agenda_prompts(server.moderator(ROOM))[0]
    assert view["counts"]["responses"] == 1
