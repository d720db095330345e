"""On flaky hall Wi-Fi a phone keeps its answers, sends them when it is back, counts them once."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
ROOM = "PNRY27"
BREAKOUT = "BRKB37"  # two position prompts first


def join(page, base_url, room=ROOM, group="Media"):
    """Open the room's phone page, choose a group and wait until the phone is live."""
    page.goto(f"{base_url}/j/{room}")
    page.get_by_label(group).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#conn")).to_have_attribute("data-status", "online")


def point(page, value):
    """The button of one point of the position scale."""
    return page.get_by_role("button", name=re.compile(rf"^{value}\b"))


def outbox(page, room=ROOM):
    """The phone's unsent submissions, as kept in its localStorage."""
    return json.loads(page.evaluate(f"localStorage.getItem('facilitator.outbox.{room}')") or "[]")


def go_offline(context, page):
    """Cut the phone's network; its page notices and keeps answers for later."""
    context.set_offline(True)
    expect(page.locator("#conn")).not_to_have_attribute("data-status", "online")


def set_visibility(page, state):
    """Tell the page it was hidden or shown again, as a phone's screen lock does."""
    page.evaluate(
        """state => {
            Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        state,
    )


def open_first(server, room=ROOM):
    """Open the room's first prompt from a moderator's socket; that prompt's view."""
    moderator = server.moderator(room)
    prompt = agenda_prompts(moderator)[0]
    assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    return moderator, prompt


def test_an_answer_given_offline_is_sent_when_back_and_counted_once(server_factory, contexts):
    server = server_factory()
    moderator, prompt = open_first(server)
    context = contexts(**PHONE)
    phone = context.new_page()
    join(phone, server.base_url)
    expect(phone.locator("#prompt-text")).to_have_text(prompt["text"])
    points = prompt["settings"]["points"]

    go_offline(context, phone)
    point(phone, 3).click()
    status = phone.locator(".send-status")
    expect(status).to_have_text("Offline — will send")
    expect(phone.locator("#view")).to_contain_text(f"Your answer: 3 of {points}")
    [(key, entry)] = outbox(phone)
    assert key == f"response:{prompt['id']}"
    assert server.responses(prompt["id"]) == []

    context.set_offline(False)
    expect(status).to_have_text("Saved ✓")
    assert outbox(phone) == []
    assert server.responses(prompt["id"]) == [(3, entry["payload"]["client_id"])]
    views = agenda_prompts(moderator)
    assert views[0]["counts"]["responses"] == 1

    # The same submission sent again (a resend after a lost ack) changes nothing.
    phone.evaluate(
        "([key, entry]) => localStorage.setItem("
        f"'facilitator.outbox.{ROOM}', JSON.stringify([[key, entry]]))",
        [key, entry],
    )
    phone.reload()
    expect(phone.locator(".send-status")).to_have_text("Saved ✓")
    expect(point(phone, 3)).to_have_attribute("aria-pressed", "true")
    assert outbox(phone) == []
    assert server.responses(prompt["id"]) == [(3, entry["payload"]["client_id"])]
    assert agenda_prompts(moderator)[0]["counts"]["responses"] == 1


def test_a_changed_answer_offline_sends_only_the_last_one(server_factory, contexts):
    server = server_factory()
    _, prompt = open_first(server)
    points = prompt["settings"]["points"]
    context = contexts(**PHONE)
    phone = context.new_page()
    join(phone, server.base_url)
    point(phone, 4).click()
    expect(phone.locator(".send-status")).to_have_text("Saved ✓")
    first_id = server.responses(prompt["id"])[0][1]

    go_offline(context, phone)
    point(phone, 2).click()
    expect(phone.locator(".send-status")).to_have_text("Offline — will send")
    phone.get_by_role("button", name="No opinion").click()
    point(phone, 5).click()
    expect(phone.locator("#view")).to_contain_text(f"Your answer: 5 of {points}")
    [(_, entry)] = outbox(phone)
    last_id = entry["payload"]["client_id"]
    assert last_id != first_id
    assert server.responses(prompt["id"]) == [(4, first_id)]

    context.set_offline(False)
    expect(phone.locator(".send-status")).to_have_text("Saved ✓")
    assert server.responses(prompt["id"]) == [(5, last_id)]
    expect(point(phone, 5)).to_have_attribute("aria-pressed", "true")


def test_a_phone_reloaded_with_unsent_answers_sends_them_once(server_factory, contexts):
    server = server_factory()
    _, prompt = open_first(server)
    context = contexts(**PHONE)
    phone = context.new_page()
    # The page loads, but its live connection is refused while `blocked` holds: the phone's
    # state between a reload and the hall Wi-Fi carrying websockets again.
    blocked = {"on": False}

    def websocket(ws):
        if blocked["on"]:
            ws.close()
        else:
            ws.connect_to_server()

    phone.route_web_socket(re.compile(r".*/socket\.io/.*"), websocket)
    join(phone, server.base_url)
    go_offline(context, phone)
    point(phone, 4).click()
    expect(phone.locator(".send-status")).to_have_text("Offline — will send")
    [(_, entry)] = outbox(phone)

    blocked["on"] = True
    context.set_offline(False)
    phone.reload()
    expect(phone.locator("#conn")).to_have_attribute("data-status", re.compile("connecting|error"))
    phone.wait_for_timeout(1500)
    assert outbox(phone) == [[f"response:{prompt['id']}", entry]]
    assert server.responses(prompt["id"]) == []

    blocked["on"] = False  # the refused attempt ends at the client's 8 s connect timeout
    expect(phone.locator("#conn")).to_have_attribute("data-status", "online", timeout=15_000)
    expect(phone.locator(".send-status")).to_have_text("Saved ✓")
    expect(point(phone, 4)).to_have_attribute("aria-pressed", "true")
    assert outbox(phone) == []
    assert server.responses(prompt["id"]) == [(4, entry["payload"]["client_id"])]


def test_a_phone_that_slept_shows_the_current_prompt_and_its_own_answer(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    first, second = agenda_prompts(moderator)[:2]
    assert moderator.call("prompt:open", {"prompt_id": first["id"]})["ok"]
    context = contexts(**PHONE)
    phone = context.new_page()
    join(phone, server.base_url, BREAKOUT)
    prompt_text = phone.locator("#prompt-text")
    expect(prompt_text).to_have_text(first["text"])
    point(phone, 2).click()
    expect(phone.locator(".send-status")).to_have_text("Saved ✓")

    def sleep():
        go_offline(context, phone)
        set_visibility(phone, "hidden")

    def wake():
        context.set_offline(False)
        set_visibility(phone, "visible")

    # Asleep while the moderator moves on: awake, the phone shows the new prompt by itself.
    sleep()
    assert moderator.call("prompt:open", {"prompt_id": second["id"]})["ok"]
    phone.wait_for_timeout(500)
    expect(prompt_text).to_have_text(first["text"])
    wake()
    expect(prompt_text).to_have_text(second["text"])
    expect(phone.locator("#view")).to_contain_text("Tap a number to answer")

    # Asleep again while the moderator reveals the first prompt: back on it, with its answer.
    sleep()
    assert moderator.call("prompt:reveal", {"prompt_id": first["id"]})["ok"]
    wake()
    expect(prompt_text).to_have_text(first["text"])
    expect(phone.locator("#view")).to_contain_text(
        f"Your answer: 2 of {first['settings']['points']}"
    )
    expect(phone.locator("#view")).to_contain_text("The outlined bar is your answer (2)")
    expect(point(phone, 2)).to_have_attribute("aria-pressed", "true")
    assert [value for value, _ in server.responses(first["id"])] == [2]


def test_a_sleeping_phone_whose_connection_died_silently_catches_up_on_waking(
    server_factory, contexts
):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    first, second = agenda_prompts(moderator)[:2]
    assert moderator.call("prompt:open", {"prompt_id": first["id"]})["ok"]
    phone = contexts(**PHONE).new_page()
    # Every websocket goes through this relay; a "dead" one silently drops what it carries in
    # both directions, as a connection does that a sleeping phone's radio left behind.
    dead = set()
    opened = []

    def relay(ws):
        upstream = ws.connect_to_server()
        opened.append(ws)
        ws.on_message(lambda message: None if ws in dead else upstream.send(message))
        upstream.on_message(lambda message: None if ws in dead else ws.send(message))

    phone.route_web_socket(re.compile(r".*/socket\.io/.*"), relay)
    join(phone, server.base_url, BREAKOUT)
    prompt_text = phone.locator("#prompt-text")
    expect(prompt_text).to_have_text(first["text"])

    dead.add(opened[-1])
    assert moderator.call("prompt:open", {"prompt_id": second["id"]})["ok"]
    phone.wait_for_timeout(1000)
    expect(prompt_text).to_have_text(first["text"])  # nothing arrived: the link is dead
    expect(phone.locator("#conn")).to_have_attribute("data-status", "online")

    set_visibility(phone, "visible")
    expect(prompt_text).to_have_text(second["text"])
    assert len(opened) == 2


def test_a_proposal_and_a_vote_given_offline_are_each_stored_once(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator("BRKA26")
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "proposal")
    assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    other = server.phone("BRKA26").call(
        "proposal:submit",
        {"prompt_id": prompt["id"], "client_id": new_client_id(), "text": "Joint staff talks"},
    )
    other_id = other["proposal"]["id"]
    assert moderator.call("proposal:moderate", {"proposal_id": other_id, "action": "approve"})["ok"]
    context = contexts(**PHONE)
    phone = context.new_page()
    join(phone, server.base_url, "BRKA26")
    card = phone.locator(".endorse-item").filter(has_text="Joint staff talks")
    expect(card).to_be_visible()

    go_offline(context, phone)
    phone.get_by_label("Your proposal").fill("An exchange of junior officers")
    phone.get_by_role("button", name="Send proposal").click()
    own = phone.locator(".own-item").filter(has_text="An exchange of junior officers")
    expect(own).to_contain_text("Offline — will send")
    card.get_by_role("button", name="Disagree", exact=True).click()
    card.get_by_role("button", name="Agree", exact=True).click()
    expect(card).to_contain_text("Offline — will send")
    assert len(outbox(phone, "BRKA26")) == 2

    context.set_offline(False)
    expect(own).to_contain_text("waiting for moderator")
    expect(card).to_contain_text("Saved ✓")
    expect(card.get_by_role("button", name="Agree", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    assert outbox(phone, "BRKA26") == []
    mine = server.query(
        "SELECT text, status FROM proposal WHERE prompt_id = ? AND id != ?", prompt["id"], other_id
    )
    assert mine == [("An exchange of junior officers", "pending")]
    votes = server.query("SELECT vote FROM endorsement WHERE proposal_id = ?", other_id)
    assert votes == [("agree",)]


def test_an_answer_that_arrives_after_its_prompt_closed_is_refused_and_the_phone_says_so(
    server_factory, contexts
):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    first, second = agenda_prompts(moderator)[:2]
    assert moderator.call("prompt:open", {"prompt_id": first["id"]})["ok"]
    context = contexts(**PHONE)
    phone = context.new_page()
    join(phone, server.base_url, BREAKOUT)
    expect(phone.locator("#prompt-text")).to_have_text(first["text"])

    go_offline(context, phone)
    point(phone, 3).click()
    expect(phone.locator(".send-status")).to_have_text("Offline — will send")
    assert moderator.call("prompt:open", {"prompt_id": second["id"]})["ok"]  # closes the first

    context.set_offline(False)
    expect(phone.locator("#prompt-text")).to_have_text(second["text"])
    banner = phone.locator("#banner")
    expect(banner).to_have_text(
        "Something you sent while offline arrived after its question closed, so it was not counted."
    )
    assert outbox(phone, BREAKOUT) == []
    assert server.responses(first["id"]) == []
