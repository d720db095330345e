"""WCAG 2.2 AA in a real browser: axe-core on every page, 44 px touch targets, reflow at 360 px,
focus that shows, and a screen-reader announcement when a new prompt opens.

axe-core comes from the npm registry (package.json, copied to static/vendor by the Makefile); the
tests load it from the app itself, as the pages' Content Security Policy allows only 'self'.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LAPTOP, PHONE, PROJECTOR
from tests.harness import DEMO_PASSWORD, DEMO_USER, agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
BREAKOUT = "BRKA26"  # a 5-point position, a top-3 priority and a pre-moderated proposal prompt
AXE = "/static/vendor/axe.min.js"
KINDS = ("position", "priority", "proposal")
TARGET_PX = 44  # the smallest touch target on the phone, in CSS pixels

# Every visible violation of impact serious or critical, as "rule (impact): selectors".
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ` + v.nodes.slice(0, 4).map((n) => n.target.join(' '))
      .join(', '));
}"""

# Visible interactive elements smaller than the target, as "what WxH". A radio or checkbox counts
# by its label, which is what the finger touches.
SMALL_TARGETS = """(min) => {
  const small = [];
  const seen = new Set();
  const items = document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [role=button], [tabindex="0"]');
  for (let node of items) {
    if (node.type === 'hidden') continue;
    if ((node.type === 'radio' || node.type === 'checkbox') && node.labels && node.labels[0]) {
      node = node.labels[0];
    }
    if (seen.has(node)) continue;
    seen.add(node);
    const box = node.getBoundingClientRect();
    const style = getComputedStyle(node);
    if (!box.width || !box.height || style.visibility === 'hidden') continue;
    if (box.width < min - 0.5 || box.height < min - 0.5) {
      const name = (node.getAttribute('aria-label') || node.textContent || node.id || node.tagName)
        .trim().slice(0, 40);
      const size = `${Math.round(box.width)}x${Math.round(box.height)}`;
      small.push(`${node.tagName.toLowerCase()} "${name}" ${size}`);
    }
  }
  return small;
}"""

OVERFLOW_X = (
    "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
    " document.body.scrollWidth]"
)


@pytest.fixture
def hall(server_factory):
    """A real server with the demo workshop (prompts once closed stay closed: one per test)."""
    return server_factory()


class Audit:
    """Collects, page by page, what axe, the target sizes and the reflow check report."""

    def __init__(self):
        self.axe: dict[str, list[str]] = {}
        self.targets: dict[str, list[str]] = {}
        self.overflow: dict[str, list[int]] = {}

    def check(self, page: Page, name: str, *, phone: bool = False) -> None:
        page.add_script_tag(url=AXE)
        page.wait_for_function("() => window.axe !== undefined")
        found = page.evaluate(RUN_AXE)
        if found:
            self.axe[name] = found
        if phone:
            small = page.evaluate(SMALL_TARGETS, TARGET_PX)
            if small:
                self.targets[name] = small
            widths = page.evaluate(OVERFLOW_X)
            if max(widths[0], widths[2]) > widths[1]:
                self.overflow[name] = widths


def _by_kind(moderator) -> list[dict]:
    """The room's first position, priority and proposal prompts."""
    agenda = agenda_prompts(moderator)
    return [next(p for p in agenda if p["kind"] == kind) for kind in KINDS]


def _join(page: Page, base: str, audit: Audit) -> None:
    page.goto(f"{base}/")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^[a-z]{2}"))
    audit.check(page, "phone: join", phone=True)
    page.get_by_role("button", name="Join").click()
    expect(page.locator("#code-error")).to_be_visible()
    audit.check(page, "phone: join with an error", phone=True)
    page.get_by_label("Room code").fill(BREAKOUT)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("button", name="Continue")).to_be_visible()
    audit.check(page, "phone: choosing a constituency", phone=True)
    page.get_by_label("Media").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#view")).to_contain_text("Waiting for the moderator")
    expect(page.locator("#conn")).to_contain_text("Live")
    audit.check(page, "phone: waiting", phone=True)


def _walk_phone(server, page: Page, audit: Audit) -> None:
    """Join, then answer a position, a priority and a proposal prompt; audit every state."""
    moderator = server.moderator(BREAKOUT)
    position, priority, proposal = _by_kind(moderator)
    _join(page, server.base_url, audit)

    assert moderator.call("prompt:open", {"prompt_id": position["id"]})["ok"]
    expect(page.locator("#prompt-text")).to_contain_text(position["text"])
    audit.check(page, "phone: position scale", phone=True)
    page.locator(".scale button").nth(3).click()
    expect(page.locator("#view")).to_contain_text("Saved ✓")
    audit.check(page, "phone: position answered", phone=True)
    assert moderator.call("prompt:close", {"prompt_id": position["id"]})["ok"]
    assert moderator.call("prompt:reveal", {"prompt_id": position["id"]})["ok"]
    expect(page.locator(".prompt-results")).to_be_visible()
    audit.check(page, "phone: position revealed", phone=True)

    assert moderator.call("prompt:open", {"prompt_id": priority["id"]})["ok"]
    options = priority["settings"]["options"]
    expect(page.locator("#prompt-text")).to_contain_text(priority["text"])
    audit.check(page, "phone: priority ranking", phone=True)
    for option in options[:3]:
        page.get_by_role("button", name=f"Add to my ranking: {option}").click()
    audit.check(page, "phone: priority ranked", phone=True)
    page.get_by_role("button", name="Submit ranking").click()
    expect(page.locator("#view")).to_contain_text("Saved ✓")
    audit.check(page, "phone: priority answered", phone=True)
    assert moderator.call("prompt:close", {"prompt_id": priority["id"]})["ok"]
    assert moderator.call("prompt:reveal", {"prompt_id": priority["id"]})["ok"]
    expect(page.locator(".prompt-results")).to_be_visible()
    audit.check(page, "phone: priority revealed", phone=True)

    assert moderator.call("prompt:open", {"prompt_id": proposal["id"]})["ok"]
    other = server.phone(BREAKOUT).call(
        "proposal:submit",
        {"prompt_id": proposal["id"], "client_id": new_client_id(), "text": "Joint staff talks"},
    )
    assert moderator.call(
        "proposal:moderate", {"proposal_id": other["proposal"]["id"], "action": "approve"}
    )["ok"]
    expect(page.locator(".endorse-item")).to_have_count(1)
    audit.check(page, "phone: proposal prompt", phone=True)
    page.get_by_label("Your proposal").fill("A hotline between border commanders")
    audit.check(page, "phone: proposal written", phone=True)
    page.get_by_role("button", name="Send proposal").click()
    expect(page.locator("#view")).to_contain_text("waiting for moderator")
    page.locator(".endorse-item").get_by_role("button", name="Agree", exact=True).click()
    expect(page.locator(".endorse-item .send-status")).to_have_text("Saved ✓")
    audit.check(page, "phone: proposal sent and endorsed", phone=True)
    assert moderator.call("prompt:close", {"prompt_id": proposal["id"]})["ok"]
    assert moderator.call("prompt:reveal", {"prompt_id": proposal["id"]})["ok"]
    expect(page.locator(".prompt-results")).to_be_visible()
    audit.check(page, "phone: proposals revealed", phone=True)


def _report(found: dict[str, list]) -> str:
    return "\n".join(f"{page}: {items}" for page, items in found.items())


def test_phone_pages_have_no_serious_axe_violation_and_44_px_targets(hall, contexts):
    audit = Audit()
    _walk_phone(hall, contexts(**PHONE).new_page(), audit)
    assert not audit.axe, "axe-core, serious or critical:\n" + _report(audit.axe)
    assert not audit.targets, f"touch targets under {TARGET_PX} px:\n" + _report(audit.targets)


def test_phone_pages_reflow_at_360_px_without_horizontal_scrolling(hall, contexts):
    audit = Audit()
    _walk_phone(hall, contexts(**PHONE).new_page(), audit)
    assert not audit.overflow, "scroll width > viewport:\n" + _report(audit.overflow)


def test_a_screen_reader_hears_when_a_new_prompt_opens(hall, contexts):
    moderator = hall.moderator(BREAKOUT)
    position = _by_kind(moderator)[0]
    page = contexts(**PHONE).new_page()
    page.goto(f"{hall.base_url}/j/{BREAKOUT}")
    page.get_by_label("Prefer not to say").check()
    page.get_by_role("button", name="Continue").click()
    announcer = page.locator("#announce")
    expect(announcer).to_have_attribute("aria-live", "polite")
    expect(page.locator("#conn")).to_contain_text("Live")

    assert moderator.call("prompt:open", {"prompt_id": position["id"]})["ok"]
    expect(announcer).to_contain_text("New question")
    expect(announcer).to_contain_text(position["text"])
    # The region is in the accessibility tree (visually hidden, not display: none).
    assert announcer.evaluate("n => getComputedStyle(n).display !== 'none' && !n.hidden")
    assert moderator.call("prompt:close", {"prompt_id": position["id"]})["ok"]


def test_the_phone_shows_where_the_keyboard_is_in_a_sensible_order(hall, contexts):
    moderator = hall.moderator(BREAKOUT)
    position = _by_kind(moderator)[0]
    assert moderator.call("prompt:open", {"prompt_id": position["id"]})["ok"]
    page = contexts(**PHONE).new_page()
    page.goto(f"{hall.base_url}/j/{BREAKOUT}")
    page.get_by_label("Prefer not to say").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#prompt-text")).to_contain_text(position["text"])

    visited = []
    for _ in range(30):  # every control once, until the focus leaves the page
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const n = document.activeElement;
              if (n === document.body) return null;
              const s = getComputedStyle(n);
              const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
              return {label: (n.getAttribute('aria-label') || n.textContent).trim(),
                      shows: outline || s.boxShadow !== 'none'};
            }"""
        )
        if focused is None:
            break
        assert focused["shows"], f"no visible focus on {focused['label']!r}"
        visited.append(focused)
    labels = [f["label"] for f in visited]
    # The scale's points come first, in order from the low end, then "No opinion".
    scale = [label for label in labels if label.endswith("(of 5)")]
    assert [label.split(",")[0].split(" ")[0] for label in scale] == list("12345"), labels
    assert position["settings"]["label_low"] in scale[0], labels
    assert labels.index("No opinion") == labels.index(scale[-1]) + 1, labels
    assert moderator.call("prompt:close", {"prompt_id": position["id"]})["ok"]


def test_projector_pages_have_no_serious_axe_violation(hall, contexts):
    audit = Audit()
    moderator = hall.moderator(BREAKOUT)
    position, priority, proposal = _by_kind(moderator)
    page = contexts(**PROJECTOR).new_page()
    page.goto(f"{hall.base_url}/screen/{BREAKOUT}")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^[a-z]{2}"))
    expect(page.locator("#reconnect")).to_be_hidden()
    audit.check(page, "projector: welcome")
    for prompt in (position, priority):
        assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
        expect(page.locator("#prompt-text")).to_contain_text(prompt["text"])
        audit.check(page, f"projector: {prompt['kind']} open")
        assert moderator.call("prompt:close", {"prompt_id": prompt["id"]})["ok"]
        assert moderator.call("prompt:reveal", {"prompt_id": prompt["id"]})["ok"]
        expect(page.locator("#state")).to_contain_text(re.compile("closed", re.I))
        audit.check(page, f"projector: {prompt['kind']} revealed")
    assert moderator.call("prompt:open", {"prompt_id": proposal["id"]})["ok"]
    ack = hall.phone(BREAKOUT).call(
        "proposal:submit",
        {"prompt_id": proposal["id"], "client_id": new_client_id(), "text": "Cadet exchanges"},
    )
    assert moderator.call(
        "proposal:moderate", {"proposal_id": ack["proposal"]["id"], "action": "approve"}
    )["ok"]
    expect(page.locator(".wall-card")).not_to_have_count(0)
    audit.check(page, "projector: proposals open")
    assert moderator.call("prompt:close", {"prompt_id": proposal["id"]})["ok"]
    assert moderator.call("prompt:reveal", {"prompt_id": proposal["id"]})["ok"]
    expect(page.locator(".pt-item").first).to_be_visible()
    audit.check(page, "projector: proposals revealed")
    assert not audit.axe, "axe-core, serious or critical:\n" + _report(audit.axe)


def test_login_and_console_pages_have_no_serious_axe_violation(hall, contexts):
    audit = Audit()
    page = contexts(**LAPTOP).new_page()
    page.goto(f"{hall.base_url}/login")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^[a-z]{2}"))
    audit.check(page, "login")
    page.get_by_role("button", name="Log in").click()
    audit.check(page, "login with errors")
    page.get_by_label("Username").fill(DEMO_USER)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/console/?$"))
    audit.check(page, "console: rooms")
    for link in ("import",):
        page.goto(f"{hall.base_url}/console/{link}")
        audit.check(page, f"console: {link}")
    moderator = hall.moderator(BREAKOUT)
    position = _by_kind(moderator)[0]
    assert moderator.call("prompt:open", {"prompt_id": position["id"]})["ok"]
    hall.phone(BREAKOUT).call(
        "response:submit", {"prompt_id": position["id"], "client_id": new_client_id(), "value": 4}
    )
    page.goto(f"{hall.base_url}/console/room/{BREAKOUT}")
    expect(page.locator("#connection")).to_have_text("Live")
    audit.check(page, "console: room with an open prompt")
    assert moderator.call("prompt:close", {"prompt_id": position["id"]})["ok"]
    assert not audit.axe, "axe-core, serious or critical:\n" + _report(audit.axe)
