"""In a real browser, what a participant types is kept: drafts survive a reload, a proposal over
the limit is counted whole and refused (never cut), a double tap sends once, and a priority
prompt asks for exactly the top N."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.harness import agenda_prompts

pytestmark = [pytest.mark.browser, pytest.mark.server]
BREAKOUT = "BRKA26"


# The demo's "Media" group as the organisers translated it.
MEDIA = {None: "Media", "fr": "Médias", "ur": "ذرائع ابلاغ"}


def _join(page, base_url, lang=None):
    page.goto(f"{base_url}/j/{BREAKOUT}" + (f"?lang={lang}" if lang else ""))
    page.get_by_label(MEDIA[lang]).check()
    page.locator("form.group-form button[type=submit]").click()


def _open(server, kind):
    moderator = server.moderator(BREAKOUT)
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == kind)
    assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    return prompt


def _proposals(server, prompt_id):
    return [
        text for (text,) in server.query("SELECT text FROM proposal WHERE prompt_id = ?", prompt_id)
    ]


def _drafts(page):
    return json.loads(
        page.evaluate(f"localStorage.getItem('facilitator.drafts.{BREAKOUT}') || '{{}}'")
    )


def test_a_reload_keeps_a_half_done_ranking_and_sends_nothing_of_it(server_factory, contexts):
    server = server_factory()
    priority = _open(server, "priority")
    options = priority["settings"]["options"]

    phone = contexts(**PHONE).new_page()
    _join(phone, server.base_url)
    phone.get_by_role("button", name=f"Add to my ranking: {options[3]}").click()
    phone.get_by_role("button", name=f"Add to my ranking: {options[1]}").click()
    expect(phone.locator("#view")).to_contain_text("2 of 3 ranked.")

    phone.reload()
    ballot = phone.get_by_label("Your ranking")
    expect(ballot.locator(".ballot-text")).to_have_text([options[3], options[1]])
    expect(phone.locator("#view")).to_contain_text("2 of 3 ranked.")
    assert server.responses(priority["id"]) == []  # a draft stays on the phone

    phone.get_by_role("button", name=f"Add to my ranking: {options[0]}").click()
    phone.get_by_role("button", name="Submit ranking").click()
    expect(phone.locator("#view")).to_contain_text("Saved ✓")
    assert [value for value, _ in server.responses(priority["id"])] == [[3, 1, 0]]
    assert str(priority["id"]) not in _drafts(phone)  # sent: the draft is gone

    phone.reload()
    expect(phone.get_by_label("Your ranking").locator(".ballot-text")).to_have_text(
        [options[3], options[1], options[0]]
    )
    expect(phone.get_by_role("button", name="Submit ranking")).to_be_disabled()


def test_a_reload_keeps_a_proposal_draft_until_it_is_sent(server_factory, contexts):
    server = server_factory()
    prompt = _open(server, "proposal")

    phone = contexts(**PHONE).new_page()
    _join(phone, server.base_url)
    box = phone.get_by_label("Your proposal")
    box.fill("A hotline between border commanders, staffed day and")
    phone.reload()
    expect(box).to_have_value("A hotline between border commanders, staffed day and")
    assert _proposals(server, prompt["id"]) == []  # nothing of a draft reaches the server

    box.press("End")
    box.type(" night")
    phone.get_by_role("button", name="Send proposal").click()
    expect(phone.locator("#view")).to_contain_text("waiting for moderator")
    assert _proposals(server, prompt["id"]) == [
        "A hotline between border commanders, staffed day and night"
    ]
    assert _drafts(phone) == {}
    phone.reload()
    expect(phone.locator("#view")).to_contain_text("waiting for moderator")
    expect(phone.get_by_label("Your proposal")).to_have_value("")


def test_a_double_tap_on_send_sends_once_and_leaves_no_stale_error(server_factory, contexts):
    server = server_factory()
    prompt = _open(server, "proposal")

    phone = contexts(**PHONE).new_page()
    _join(phone, server.base_url)
    send = phone.get_by_role("button", name="Send proposal")
    # An empty send is still refused, and typing takes the error away.
    send.click()
    error = phone.locator("#proposal-error")
    expect(error).to_have_text("Write your proposal first.")
    phone.get_by_label("Your proposal").fill("Joint patrols on the river")
    expect(error).to_be_hidden()

    send.dblclick()
    expect(phone.locator(".own-item")).to_contain_text("waiting for moderator")
    expect(error).to_be_hidden()
    expect(phone.get_by_label("Your proposal")).not_to_have_attribute("aria-invalid", "true")
    assert _proposals(server, prompt["id"]) == ["Joint patrols on the river"]
    expect(phone.locator(".own-item")).to_have_count(1)
    expect(send).to_be_enabled()


def test_an_urdu_proposal_over_the_limit_is_counted_whole_and_refused(server_factory, contexts):
    server = server_factory()
    prompt = _open(server, "proposal")
    limit = prompt["settings"]["max_length"]

    phone = contexts(**PHONE).new_page()
    _join(phone, server.base_url, lang="ur")
    box = phone.locator("#proposal-text")
    long_text = "ب" * (limit + 12)
    box.fill(long_text)
    expect(box).to_have_value(long_text)  # never cut
    expect(phone.locator("#proposal-counter")).to_have_text(f"{limit + 12} / {limit} حروف")
    expect(phone.locator("#proposal-over")).to_have_text(
        "12 حروف زیادہ ہیں: بھیجنے کے لیے اپنی تجویز مختصر کریں\u06d4"
    )
    phone.locator("form.compose button[type=submit]").click()
    expect(phone.locator("#proposal-error")).to_have_text(
        f"آپ کی تجویز بہت لمبی ہے: بھیجنے کے لیے اسے {limit} حروف تک مختصر کریں\u06d4"
    )
    assert _proposals(server, prompt["id"]) == []

    # Counted as the server counts: alef + a combining madda is one letter (آ) once composed.
    # Twice the limit in UTF-16 units, exactly the limit in letters.
    composed = "\u0627\u0653" * limit
    box.fill(composed)
    expect(phone.locator("#proposal-counter")).to_have_text(f"{limit} / {limit} حروف")
    expect(phone.locator("#proposal-over")).to_be_hidden()
    expect(phone.locator("#proposal-error")).to_be_hidden()
    phone.locator("form.compose button[type=submit]").click()
    expect(phone.locator(".own-item .chip-pending")).to_have_count(1)  # saved, awaiting moderation
    expect(box).to_have_value("")
    assert _proposals(server, prompt["id"]) == ["\u0622" * limit]


def test_the_servers_too_long_refusal_comes_back_clearly(server_factory, contexts):
    server = server_factory()
    prompt = _open(server, "proposal")
    limit = prompt["settings"]["max_length"]

    phone = contexts(**PHONE).new_page()
    _join(phone, server.base_url)
    expect(phone.get_by_label("Your proposal")).to_be_visible()
    # A proposal written by an older page (no limit on the phone) waits in the outbox.
    text = "x" * (limit + 1)
    entry = [
        "proposal:0123456789abcdef0123456789abcdef",
        {
            "event": "proposal:submit",
            "payload": {
                "prompt_id": prompt["id"],
                "client_id": "0123456789abcdef0123456789abcdef",
                "text": text,
                "constituency_id": None,
            },
        },
    ]
    phone.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [f"facilitator.outbox.{BREAKOUT}", json.dumps([entry])],
    )
    phone.reload()
    expect(phone.locator("#proposal-error")).to_have_text(
        f"Your proposal is too long: shorten it to {limit} characters to send it."
    )
    expect(phone.get_by_label("Your proposal")).to_have_value(text)
    expect(phone.locator("#proposal-over")).to_contain_text("1 character too many")
    assert _proposals(server, prompt["id"]) == []


@pytest.mark.parametrize(
    ("lang", "heading"),
    [(None, "Rank your top 3"), ("fr", "Classez vos 3 premiers choix")],
)
def test_a_top_three_prompt_says_so_and_takes_exactly_three(
    server_factory, contexts, lang, heading
):
    server = server_factory()
    priority = _open(server, "priority")
    options = priority["settings"]["options"]
    assert priority["settings"]["rank_top"] == 3 < len(options)

    phone = contexts(**PHONE).new_page()
    _join(phone, server.base_url, lang=lang)
    expect(phone.locator(".prompt-kind")).to_contain_text(heading)
    pool = phone.locator(".pool-item")
    for _ in range(3):
        phone.locator(".pool-item:enabled").first.click()
    expect(phone.locator(".ballot .ballot-item")).to_have_count(3)
    # The ranking is full: what is left cannot be added.
    expect(pool).to_have_count(len(options) - 3)
    for button in pool.all():
        expect(button).to_be_disabled()
    phone.locator(".submit-bar button.primary").click()
    expect(phone.locator(".send-status.is-saved")).to_be_visible()
    [(value, _)] = server.responses(priority["id"])
    assert len(value) == 3
