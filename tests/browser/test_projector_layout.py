"""The projector in a hall: every state fits 16:9 and 4:3 screens without scrolling, no visible
text is smaller than the minimum of docs/projector.md, updates happen in place, full screen
takes one click and the QR code is big enough to scan from the middle of the room.
"""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PROJECTOR
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
PLENARY, BREAKOUT = "PNRY27", "BRKA26"
SCREENS = [(1920, 1080), (1280, 720), (1024, 768), (1400, 1050)]  # 16:9 and 4:3
# docs/projector.md: no visible text under 2 % of the screen height (21.6 px at 1080 rows), the
# prompt and address at least 4.4 %, the join code 8.5 %;
# the QR code at least 40 % of the screen height.
MIN_TEXT_VH = 2.0
READ_TEXT_VH = 4.4  # the prompt and the join address
CODE_TEXT_VH = 8.5  # the join code
MIN_QR_VH = 58
MIN_STRIP_QR_VH = 30
# Enough phones per constituency that each group's results may be shown (k = 5).
PER_GROUP = 5

# The largest document size and the smallest visible text, measured in the page. The "Full
# screen" button is for whoever sets the projector up, next to it: it is not audience text.
MEASURE = """() => {
  const html = document.documentElement;
  let smallest = Infinity, where = '';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const box = node.parentElement;
    if (!box || box.closest('[hidden], .visually-hidden, script, style, .fullscreen')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const style = getComputedStyle(box);
    if (!rects.length || style.visibility === 'hidden' || parseFloat(style.opacity) === 0) continue;
    const onScreen = rects.some((r) => r.bottom > 0 && r.right > 0 &&
                                 r.top < innerHeight && r.left < innerWidth);
    if (!onScreen) continue;
    const size = parseFloat(style.fontSize);
    if (size < smallest) { smallest = size; where = node.textContent.trim().slice(0, 40); }
  }
  const sizeOf = (selector) => [...document.querySelectorAll(selector)]
    .filter((n) => n.getClientRects().length && n.textContent.trim())
    .map((n) => parseFloat(getComputedStyle(n).fontSize));
  // Parts that clip what they hold (overflow: hidden) must not be cutting anything off.
  const clipped = [...document.querySelectorAll('#results, .results > *, .stage, .join-strip')]
    .filter((n) => n.getClientRects().length &&
                   (n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1))
    .map((n) => `${n.id || n.className} by ${n.scrollWidth - n.clientWidth}x` +
                `${n.scrollHeight - n.clientHeight}px`);
  return {clipped, scrollHeight: html.scrollHeight, scrollWidth: html.scrollWidth,
          innerHeight, innerWidth, smallest, where,
          read: sizeOf('#prompt-text, .welcome-url'), code: sizeOf('.welcome-code, .strip-code')};
}"""


# Words of the results drawn on more than one line: a label cut mid-word. A break at a soft
# hyphen (U+00AD, where the language's dictionary allows one; the browser shows the hyphen)
# is a proper break, so the parts between soft hyphens are the units that must stay whole.
CUT_WORDS = """() => {
  const cut = [];
  const root = document.querySelector('#results');
  if (!root) return cut;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const shown = parent.getClientRects().length;
    if (!shown || getComputedStyle(parent).visibility !== 'visible') continue;
    for (const m of node.data.matchAll(/[^\\s\\-\u00ad\u2010-\u2014]+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const lines = rects.some((a) => rects.some((b) => b.top >= a.bottom - 1));
      if (lines) cut.push(m[0]);
    }
  }
  return cut;
}"""


def _fits(page: Page, state: str) -> list[str]:
    """Problems of the current state at each screen size (empty when all is well)."""
    problems = []
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(400)  # the projector refits its charts 150 ms after a resize
        m = page.evaluate(MEASURE)
        where = f"{state} at {width}x{height}"
        if m["scrollHeight"] > m["innerHeight"] or m["scrollWidth"] > m["innerWidth"]:
            problems.append(f"{where}: scrolls ({m['scrollWidth']}x{m['scrollHeight']})")
        if m["clipped"]:
            problems.append(f"{where}: cut off: {', '.join(m['clipped'])}")
        cut = page.evaluate(CUT_WORDS)
        if cut:
            problems.append(f"{where}: words cut mid-word: {', '.join(cut)}")
        floor = MIN_TEXT_VH / 100 * height
        if m["smallest"] < floor - 0.5:
            problems.append(
                f"{where}: text {m['smallest']:.1f} px < {floor:.1f} px ({m['where']!r})"
            )
        for kind, sizes, share in (
            ("read", m["read"], READ_TEXT_VH),
            ("code", m["code"], CODE_TEXT_VH),
        ):
            if sizes and min(sizes) < share / 100 * height - 0.5:
                problems.append(f"{where}: {kind} text {min(sizes):.1f} px < {share} vh")
    return problems


def _screen(contexts, server, room: str) -> Page:
    page = contexts(**PROJECTOR).new_page()
    page.goto(f"{server.base_url}/screen/{room}")
    expect(page.locator("#reconnect")).to_be_hidden()
    return page


def _groups(moderator) -> list[int]:
    state = moderator.call("moderator:sync", {})["state"]
    return [c["id"] for c in state["constituencies"]]


def _answer(server, room: str, prompt: dict, groups: list[int], values) -> None:
    """PER_GROUP phones of every constituency answer; values(i) gives the i-th answer."""
    for g, group in enumerate(groups):
        for i in range(PER_GROUP):
            ack = server.phone(room).call(
                "response:submit",
                {
                    "prompt_id": prompt["id"],
                    "client_id": new_client_id(),
                    "value": values(g * PER_GROUP + i),
                    "constituency_id": group,
                },
            )
            assert ack["ok"], ack


def _reveal(moderator, prompt: dict) -> None:
    assert moderator.call("prompt:close", {"prompt_id": prompt["id"]})["ok"]
    assert moderator.call("prompt:reveal", {"prompt_id": prompt["id"]})["ok"]


def test_the_join_screen_fits_every_projector(server_factory, contexts):
    server = server_factory()
    page = _screen(contexts, server, PLENARY)
    expect(page.locator("#welcome")).to_be_visible()
    problems = _fits(page, "join screen")
    assert problems == [], "\n".join(problems)


def test_position_prompt_fits_open_and_revealed(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(PLENARY)
    position = next(p for p in agenda_prompts(moderator) if p["kind"] == "position")
    page = _screen(contexts, server, PLENARY)
    assert moderator.call("prompt:open", {"prompt_id": position["id"]})["ok"]
    groups = _groups(moderator)
    _answer(server, PLENARY, position, groups, lambda i: 1 + i * 5 % 7)
    expect(page.locator(".hidden-count")).to_contain_text(str(PER_GROUP * len(groups)))
    problems = _fits(page, "position open")
    _reveal(moderator, position)
    expect(page.locator(".bd-column").first).to_be_visible()
    problems += _fits(page, "position revealed")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "ur"])
def test_priority_results_fit(server_factory, contexts, language):
    server = server_factory()
    moderator = server.moderator(PLENARY)
    assert moderator.call("room:language", {"language": language})["ok"]
    priority = next(p for p in agenda_prompts(moderator) if p["kind"] == "priority")
    n = len(priority["settings"]["options"])
    page = _screen(contexts, server, PLENARY)
    assert moderator.call("prompt:open", {"prompt_id": priority["id"]})["ok"]
    groups = _groups(moderator)
    # Every group but the last answers; the last has too few phones and is held back, with a note.
    _answer(server, PLENARY, priority, groups[:-2], lambda i: [(i + k) % n for k in range(n)])
    for _ in range(3):
        ack = server.phone(PLENARY).call(
            "response:submit",
            {
                "prompt_id": priority["id"],
                "client_id": new_client_id(),
                "value": list(range(n)),
                "constituency_id": groups[-1],
            },
        )
        assert ack["ok"], ack
    problems = _fits(page, f"priority open ({language})")
    _reveal(moderator, priority)
    expect(page.locator("#state")).to_have_attribute("data-state", "closed")
    if language == "en":  # Nastaliq's tall lines may leave the group breakdown out (see docs)
        expect(page.locator(".bd-column").first).to_be_visible()
        expect(page.locator(".suppressed-note")).to_be_visible()
    problems += _fits(page, f"priority revealed ({language})")
    assert problems == [], "\n".join(problems)


LONG = (
    "A standing hotline between border commanders on both sides, staffed day and night, "
    "with a joint log reviewed every quarter by both staffs and reported to the workshop "
    "organisers in a short public summary (proposal {n})."
)


@pytest.mark.parametrize("language", ["en", "fr", "ur"])
def test_many_long_proposals_fit_open_and_revealed(server_factory, contexts, language):
    """Fourteen long proposals and every group's column: nothing scrolls, is clipped, falls
    under the type floors or is cut mid-word (the groups' names are longer in French)."""
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    assert moderator.call("room:language", {"language": language})["ok"]
    proposal = next(p for p in agenda_prompts(moderator) if p["kind"] == "proposal")
    page = _screen(contexts, server, BREAKOUT)
    assert moderator.call("prompt:open", {"prompt_id": proposal["id"]})["ok"]
    groups = _groups(moderator)
    ids = []
    for n in range(14):
        ack = server.phone(BREAKOUT).call(
            "proposal:submit",
            {"prompt_id": proposal["id"], "client_id": new_client_id(), "text": LONG.format(n=n)},
        )
        assert ack["ok"], ack
        ids.append(ack["proposal"]["id"])
        assert moderator.call(
            "proposal:moderate", {"proposal_id": ack["proposal"]["id"], "action": "approve"}
        )["ok"]
    for g, group in enumerate(groups):
        for _ in range(PER_GROUP):
            voter = server.phone(BREAKOUT)
            for k, proposal_id in enumerate(ids):
                ack = voter.call(
                    "endorsement:submit",
                    {
                        "proposal_id": proposal_id,
                        "client_id": new_client_id(),
                        "vote": ("agree", "disagree", "pass")[(g + k) % 3],
                        "constituency_id": group,
                    },
                )
                assert ack["ok"], ack
    expect(page.locator(".wall-card")).not_to_have_count(0)
    problems = _fits(page, "proposals open")
    _reveal(moderator, proposal)
    expect(page.locator(".pt-item").first).to_be_visible()
    problems += _fits(page, "proposals revealed")
    assert problems == [], "\n".join(problems)


def test_live_counts_and_charts_update_in_place(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(PLENARY)
    position = next(p for p in agenda_prompts(moderator) if p["kind"] == "position")
    page = _screen(contexts, server, PLENARY)
    assert moderator.call("prompt:open", {"prompt_id": position["id"]})["ok"]
    assert moderator.call("prompt:reveal", {"prompt_id": position["id"]})["ok"]
    groups = _groups(moderator)
    _answer(server, PLENARY, position, groups[:1], lambda i: 2)
    expect(page.locator("#results canvas")).to_be_visible()
    # Mark the nodes on screen, and watch for any moment the results area is empty.
    page.evaluate(
        """() => {
          window.__marked = [document.getElementById('prompt-text'),
                             document.querySelector('#results canvas')];
          window.__blank = 0;
          const results = document.getElementById('results');
          new MutationObserver(() => { if (!results.childElementCount) window.__blank++; })
            .observe(results, {childList: true, subtree: true});
        }"""
    )
    _answer(server, PLENARY, position, groups[1:3], lambda i: 6)
    expect(page.locator("#results")).to_contain_text(str(PER_GROUP * 3))
    same, blank = page.evaluate(
        """() => [window.__marked[0] === document.getElementById('prompt-text') &&
                  window.__marked[1] === document.querySelector('#results canvas') &&
                  window.__marked[1].isConnected, window.__blank]"""
    )
    assert same, "the prompt or the chart was rebuilt for a new count"
    assert blank == 0


def test_full_screen_takes_one_click_and_the_button_then_hides(server_factory, contexts):
    server = server_factory()
    page = _screen(contexts, server, PLENARY)
    button = page.get_by_role("button", name="Full screen")
    expect(button).to_be_visible()
    button.click()
    page.wait_for_function("() => document.fullscreenElement !== null")
    expect(button).to_be_hidden()
    page.evaluate("() => document.exitFullscreen()")
    expect(button).to_be_visible()


def test_the_qr_code_is_big_enough_to_scan_from_the_middle_of_the_hall(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(PLENARY)
    position = next(p for p in agenda_prompts(moderator) if p["kind"] == "position")
    page = _screen(contexts, server, PLENARY)
    sizes = {}
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        box = page.locator("img.welcome-qr").bounding_box()
        sizes[f"welcome {width}x{height}"] = min(box["width"], box["height"]) / height * 100
    assert moderator.call("prompt:open", {"prompt_id": position["id"]})["ok"]
    expect(page.locator("img.strip-qr")).to_be_visible()
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        box = page.locator("img.strip-qr").bounding_box()
        sizes[f"beside a prompt {width}x{height}"] = min(box["width"], box["height"]) / height * 100
    welcome = {k: v for k, v in sizes.items() if k.startswith("welcome")}
    assert min(welcome.values()) >= MIN_QR_VH - 0.1, sizes
    assert min(sizes.values()) >= MIN_STRIP_QR_VH - 0.1, sizes


@pytest.mark.parametrize("language", ["en", "fr", "ur"])
def test_the_trust_shift_keeps_the_type_floors(server_factory, contexts, language):
    """The barometer's shift, the headline of the day: its sentence at the reading size, and
    nothing in it under the 2 vh floor, at 16:9 and 4:3."""
    server = server_factory()
    moderator = server.moderator(PLENARY)
    assert moderator.call("room:language", {"language": language})["ok"]
    agenda = agenda_prompts(moderator)
    before, after = agenda[0], agenda[-1]
    assert after["linked_prompt_id"] == before["id"]
    groups = _groups(moderator)
    phones = [(server.phone(PLENARY), group) for group in groups for _ in range(PER_GROUP)]
    for prompt, shift in ((before, 0), (after, 2)):
        assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
        for i, (phone, group) in enumerate(phones):
            ack = phone.call(
                "response:submit",
                {
                    "prompt_id": prompt["id"],
                    "client_id": new_client_id(),
                    "value": min(7, 1 + i % 5 + shift),
                    "constituency_id": group,
                },
            )
            assert ack["ok"], ack
        if prompt is before:  # one more phone answers only the first time
            once = {"prompt_id": before["id"], "client_id": new_client_id(), "value": 4}
            assert server.phone(PLENARY).call(
                "response:submit", {**once, "constituency_id": groups[0]}
            )["ok"]
        _reveal(moderator, prompt)
    page = _screen(contexts, server, PLENARY)
    expect(page.locator(".shift-line")).to_be_visible()
    # Its group's change is held back (it would give that one answer away), and the screen
    # says why instead of showing a bare dash.
    expect(page.locator(".shift-change").first).to_have_text("\u2013")
    expect(page.locator(".shift-withheld")).to_be_visible()
    problems = _fits(page, f"trust shift ({language})")
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        size = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.shift-line')).fontSize)"
        )
        if size < READ_TEXT_VH / 100 * height - 0.5:
            problems.append(f"shift sentence {size:.1f} px < {READ_TEXT_VH} vh at {width}x{height}")
    assert problems == [], "\n".join(problems)


# Where the join code's letters are drawn, against the panel that holds them.
CODE_BOXES = """() => [...document.querySelectorAll('.welcome-code, .strip-code')]
  .filter((n) => n.getClientRects().length && n.textContent.trim())
  .map((n) => {
    const range = document.createRange();
    range.selectNodeContents(n);
    const text = range.getBoundingClientRect();
    const panel = (n.closest('.join-strip') || n.closest('.welcome')).getBoundingClientRect();
    return {cls: n.className, left: text.left, right: text.right,
            panelLeft: Math.max(panel.left, 0), panelRight: Math.min(panel.right, innerWidth)};
  })"""


@pytest.mark.parametrize("language", ["en", "fr", "ur"])
def test_the_join_code_fits_its_panel_in_every_language(server_factory, contexts, language):
    """Every letter of the join code inside its panel (the first one too, right to left), on the
    welcome screen and in the strip beside a prompt, at 16:9 and 4:3."""
    server = server_factory()
    moderator = server.moderator(PLENARY)
    assert moderator.call("room:language", {"language": language})["ok"]
    page = _screen(contexts, server, PLENARY)
    expect(page.locator("#welcome")).to_be_visible()
    problems = _fits(page, f"join screen ({language})")
    states = [("welcome", None)]
    position = next(p for p in agenda_prompts(moderator) if p["kind"] == "position")
    states.append(("strip", position))
    for state, prompt in states:
        if prompt is not None:
            assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
            expect(page.locator(".strip-code")).to_be_visible()
            problems += _fits(page, f"prompt open ({language})")
        for width, height in SCREENS:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(300)
            for box in page.evaluate(CODE_BOXES):
                if box["left"] < box["panelLeft"] - 0.5 or box["right"] > box["panelRight"] + 0.5:
                    problems.append(
                        f"{state} at {width}x{height} ({language}): {box['cls']} drawn from "
                        f"{box['left']:.0f} to {box['right']:.0f} px, outside its panel "
                        f"{box['panelLeft']:.0f} to {box['panelRight']:.0f}"
                    )
    assert problems == [], "\n".join(problems)
