"""Regenerate the screenshots in docs/screenshots: phone, moderator console and projector.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]     (or: make screenshots)

It starts a real server on a free port with the demo workshop (tests/server/conftest.py's
ServerProcess, in a temporary folder), builds a realistic workshop through the Socket.IO protocol
only (docs/protocol.md: about forty phones across the six constituencies answer in the plenary,
thirty vote on proposals in Breakout A, moderators open, close, reveal and moderate), and
photographs it with Debian's headless Chromium through Playwright. It waits for real UI states,
never for a fixed time, stops its server and browser by itself, writes README.md next to the
images, prints the files it wrote and exits non-zero on any failure.
"""

import argparse
import json
import random
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from tests.harness import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    DEMO_PASSWORD,
    DEMO_USER,
    ServerProcess,
    SocketClient,
    new_client_id,
)

PLENARY, BREAKOUT_A = "PNRY27", "BRKA26"
PHONE = {
    "viewport": {"width": 360, "height": 640},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
LAPTOP = {"viewport": {"width": 1440, "height": 900}}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
PROJECTOR_4_3 = {"width": 1024, "height": 768}  # the projector photographed again at 4:3
WAIT_MS = 15_000
# The address the join screens, QR codes and console show: the README's hall Wi-Fi example, so
# that the images neither show a random local port nor change from one run to the next.
PUBLIC_URL = "http://192.168.1.20:5000"

# Constituency names as in facilitator/demo/islamabad-workshop.json (+ the implicit last one).
NATO_OFFICIAL = "NATO official"
NATO_EXPERT = "NATO expert or academic"
PAK_GOVERNMENT = "Pakistani government"
PAK_ACADEMIA = "Pakistani academia"
MEDIA = "Media"
OTHER = "Other"
UNDISCLOSED = "Prefer not to say"

# The browser phone photographed throughout: a member of Pakistani academia.
OUR_GROUP = PAK_ACADEMIA
# Its name as the demo translates it, for the phones photographed in French and Urdu.
OUR_GROUP_IN = {
    c["name"]: c.get("translations", {})
    for c in json.loads(
        (ROOT / "facilitator" / "demo" / "islamabad-workshop.json").read_text(encoding="utf-8")
    )["event"]["constituencies"]
}[OUR_GROUP]

# --- the plenary: the trust barometer (7 points; None = "no opinion") -------------------------
# NATO officials lean to agree, Pakistani government to disagree, media split, experts between.
# "Other" (3) and "Prefer not to say" (2) are too small alone: together they are held back (5).
BAROMETER = {
    NATO_OFFICIAL: [6, 5, 6, 7, 5, 6, 4, 5, 6],
    NATO_EXPERT: [5, 4, 3, 5, 4, 6, 3],
    PAK_GOVERNMENT: [2, 3, 2, 1, 3, 2, 4, 2, 3],
    PAK_ACADEMIA: [3, 2, 4, 3, 5, 2, 3],
    MEDIA: [2, 6, 1, 6, 3],
    OTHER: [4, None, 5],
    UNDISCLOSED: [3, None],
}
OUR_BAROMETER = 3  # the browser phone's answer: 43 answers in all
# The closing barometer: each phone's opening answer moved by its group's shift (capped at 7).
CLOSING_SHIFT = {
    NATO_OFFICIAL: 0,
    NATO_EXPERT: 1,
    PAK_GOVERNMENT: 2,
    PAK_ACADEMIA: 1,
    MEDIA: 1,
    OTHER: 0,
    UNDISCLOSED: 0,
}

# --- the plenary: regional risks, ranked in full ----------------------------------------------
# Option indices of the demo's prompt 2: 0 economic collapse, 1 insurgent safe havens, 2 refugee
# flows, 3 narcotics, 4 great-power competition, 5 breakdown of Afghan security forces.
RISK_ORDER = {
    NATO_OFFICIAL: [1, 5, 0, 3, 2, 4],
    NATO_EXPERT: [5, 1, 0, 4, 3, 2],
    PAK_GOVERNMENT: [2, 0, 5, 4, 1, 3],
    PAK_ACADEMIA: [0, 2, 4, 5, 1, 3],
    MEDIA: [5, 0, 2, 1, 3, 4],
    OTHER: [0, 5, 1, 2, 3, 4],
    UNDISCLOSED: [0, 5, 2, 1, 4, 3],
}
RISK_SKIPS = {NATO_OFFICIAL: 1, PAK_GOVERNMENT: 1}  # phones that do not rank (still ≥ 5 per group)

# --- Breakout A: proposals under the pre-moderated proposal prompt ------------------------------
# (text, author's group, moderator's action); the scenario's examples plus one.
PROPOSALS = [
    (
        "A standing hotline between ISAF/NATO border commanders and Pakistani corps headquarters.",
        NATO_OFFICIAL,
        "approve",
    ),
    (
        "Annual NATO\N{EN DASH}Pakistan staff talks, alternating Brussels and Islamabad.",
        NATO_EXPERT,
        "approve",
    ),
    (
        "Reserve places for Pakistani officers at the NATO Defense College.",
        PAK_GOVERNMENT,
        "approve",
    ),
    ("Direct communication line between border commanders on both sides.", PAK_GOVERNMENT, "hide"),
    (
        "Joint after-action review of the 2011 border incident, published in summary.",
        PAK_ACADEMIA,
        "approve",
    ),
    ("Exchange of journalists for reporting visits to Brussels and Islamabad.", MEDIA, "approve"),
    (
        "A joint disaster-relief exercise with civil-emergency planners from both sides.",
        NATO_EXPERT,
        "approve",
    ),
]
# Left pending in the moderation queue: sent from the photographed phone itself.
OUR_PROPOSAL = "Joint training of customs officers at the Torkham and Chaman border crossings."

# Breakout A's phones per group; six voters per group (one NATO official and one Pakistani
# government phone only write, they do not vote).
BREAKOUT_PHONES = {NATO_OFFICIAL: 7, NATO_EXPERT: 6, PAK_GOVERNMENT: 7, PAK_ACADEMIA: 6, MEDIA: 6}
BREAKOUT_VOTERS = 6
# (agree, disagree, pass) of the six voters of each group, per approved proposal (by index in
# PROPOSALS). The hotline and the disaster-relief exercise bridge; the 2011 review divides.
VOTES = {
    0: {
        NATO_OFFICIAL: (5, 0, 1),
        NATO_EXPERT: (5, 1, 0),
        PAK_GOVERNMENT: (4, 1, 1),
        PAK_ACADEMIA: (4, 1, 1),
        MEDIA: (4, 0, 2),
    },
    1: {
        NATO_OFFICIAL: (6, 0, 0),
        NATO_EXPERT: (5, 0, 1),
        PAK_GOVERNMENT: (3, 2, 1),
        PAK_ACADEMIA: (2, 2, 2),
        MEDIA: (3, 1, 2),
    },
    2: {
        NATO_OFFICIAL: (3, 1, 2),
        NATO_EXPERT: (5, 0, 1),
        PAK_GOVERNMENT: (6, 0, 0),
        PAK_ACADEMIA: (4, 1, 1),
        MEDIA: (3, 0, 3),
    },
    4: {
        NATO_OFFICIAL: (1, 4, 1),
        NATO_EXPERT: (3, 2, 1),
        PAK_GOVERNMENT: (6, 0, 0),
        PAK_ACADEMIA: (5, 0, 1),
        MEDIA: (5, 1, 0),
    },
    5: {
        NATO_OFFICIAL: (2, 1, 3),
        NATO_EXPERT: (4, 0, 2),
        PAK_GOVERNMENT: (1, 3, 2),
        PAK_ACADEMIA: (4, 1, 1),
        MEDIA: (6, 0, 0),
    },
    6: {
        NATO_OFFICIAL: (5, 0, 1),
        NATO_EXPERT: (5, 0, 1),
        PAK_GOVERNMENT: (5, 0, 1),
        PAK_ACADEMIA: (5, 1, 0),
        MEDIA: (5, 0, 1),
    },
}
OUR_VOTES = {0: "agree", 4: "agree", 1: "pass"}  # the photographed phone's votes

# --- the three breakouts: one shared position prompt (family "information-sharing") ----------
# Breakout A leans to agree, Breakout B splits between its groups, Breakout C is still answering.
SHARED = {
    "BRKA26": {NATO_OFFICIAL: [5, 4, 5, 4, 5, 3], PAK_GOVERNMENT: [2, 4, 3, 4, 4, 2], MEDIA: [4]},
    "BRKB37": {NATO_EXPERT: [4, 5, 4, 4, 5], PAK_ACADEMIA: [2, 1, 2, 3, 1, 2]},
    "BRKC48": {NATO_OFFICIAL: [4, 5, 4], PAK_GOVERNMENT: [2, 3, 4], OTHER: [3]},
}
SHARED_FAMILY = "information-sharing"

# What each image shows, in the order the script takes them (also written to README.md).
CAPTIONS = {
    "phone-join.png": "Phone: the join page, with the room code typed in.",
    "phone-constituency.png": "Phone: choosing a constituency (optional; never shown alone "
    "below 5 people).",
    "phone-waiting.png": "Phone: joined, waiting for the moderator to open a question.",
    "phone-join-fr.png": "Phone: the join page in French.",
    "phone-join-ur.png": "Phone: the join page in Urdu, right to left, in Nastaliq.",
    "projector-welcome.png": "Projector: the join screen with QR code, short URL and room code.",
    "phone-position-saved.png": "Phone: the opening trust barometer (7-point position), "
    "answered and saved.",
    "phone-position-fr.png": "Phone in French: the same statement as the moderator translated "
    "it, with the scale's labels.",
    "phone-position-ur.png": "Phone in Urdu: right to left, in Noto Nastaliq Urdu served by the "
    "app; the scale runs from the right.",
    "projector-position-open.png": "Projector: the open barometer with its live count; "
    "results stay hidden.",
    "console-rooms.png": "Console: the moderator's rooms; the plenary and Breakout A each "
    "have a prompt open.",
    "console-plenary-position.png": "Console: the plenary with the barometer open and its "
    "live results, still hidden from the room.",
    "console-plenary-breakdown.png": "Console: the same prompt's breakdown by constituency, "
    "with the divergence between groups spelled out.",
    "projector-position-revealed.png": "Projector: the barometer revealed, with the breakdown "
    "by constituency.",
    "phone-position-revealed.png": "Phone: the revealed barometer, the phone's own answer "
    "highlighted.",
    "phone-priority-ranking.png": "Phone: ranking the regional risks, two of six placed.",
    "projector-priority-revealed.png": "Projector: the regional-risk ranking revealed (Borda "
    "scores), each group's top three.",
    "projector-trust-shift.png": "Projector: the closing barometer revealed: the trust shift "
    "since the opening one is the headline, with each shown group's change.",
    "phone-proposal-write.png": "Phone: Breakout A's proposal prompt, writing a proposal.",
    "phone-proposals.png": "Phone: Breakout A's proposal prompt: the phone's own proposal "
    "awaiting approval, and votes on approved ones.",
    "phone-proposals-fr.png": "Phone: Breakout A's proposals in French, one vote given (the "
    "participants' own texts stay as written).",
    "phone-proposals-ur.png": "Phone: Breakout A's proposals in Urdu, one vote given.",
    "console-breakout-moderation.png": "Console: Breakout A with the moderation queue and "
    "proposals ranked by bridging.",
    "projector-proposals-open.png": "Projector: approved proposals on the wall while voting is "
    "open.",
    "projector-proposals-revealed.png": "Projector: proposals revealed, ranked by bridging, "
    "with each group's agreement.",
    "console-dashboard.png": "Console: the organisers' event dashboard, every room live, and "
    "the prompt the three breakouts share.",
    "projector-rollup.png": "Projector: the roll-up of the shared prompt, sent to the plenary "
    "projector from the console (Show on the plenary projector): "
    "two breakouts revealed, the third still answering.",
    "projector-urdu.png": "Projector: the plenary screen set to Urdu from the console "
    "(Projector language).",
}


LANGUAGE_NAMES = {"fr": "French", "ur": "Urdu"}


def caption(name: str) -> str:
    """What an image shows: CAPTIONS, or a 4:3 or translated projector image's caption."""
    if name.endswith("-4x3.png"):
        base = caption(name.removesuffix("-4x3.png") + ".png")
        return f"{base.removesuffix('.')} — on a 4:3 projector (1024 by 768)."
    stem, _, lang = name.removesuffix(".png").rpartition("-")
    if name.startswith("projector-") and lang in LANGUAGE_NAMES:
        base = CAPTIONS[f"{stem}.png"]
        return f"{base.removesuffix('.')} — in {LANGUAGE_NAMES[lang]}."
    return CAPTIONS[name]


class Shots:
    """Takes screenshots into a folder and remembers what it wrote."""

    def __init__(self, out: Path):
        self.out = out
        self.written: list[Path] = []

    def take(self, page: Page, name: str, **options) -> None:
        caption(name)  # KeyError if the image has no caption
        page.evaluate("document.fonts.ready.then(() => true)")
        # A projector's "Full screen" button hides itself a few seconds after the mouse rests.
        if page.locator("#fullscreen").count():
            expect(page.locator("#fullscreen")).not_to_have_class(re.compile(r"\bis-shown\b"))
        path = self.out / name
        page.screenshot(path=str(path), animations="disabled", caret="hide", **options)
        self.written.append(path)
        print(f"  {name}", flush=True)

    def projector(self, page: Page, name: str) -> None:
        """The projector at 16:9, then the same state at 4:3 (the page refits to the new size)."""
        self.take(page, name)
        wide = page.viewport_size
        for size, suffix in ((PROJECTOR_4_3, "-4x3.png"), (wide, None)):
            page.set_viewport_size(size)
            page.wait_for_function(
                "([w, h]) => innerWidth === w && innerHeight === h "
                "&& document.documentElement.scrollHeight <= h",
                arg=[size["width"], size["height"]],
            )
            # projector.js refits charts and lists 150 ms after a resize: wait until it has.
            page.wait_for_function(
                "() => new Promise((done) => setTimeout(() => requestAnimationFrame(() => "
                "done(true)), 300))"
            )
            if page.locator("#results canvas:visible").count():
                canvas_settled(page)
            if suffix:
                self.take(page, name.removesuffix(".png") + suffix)

    def projector_languages(self, page: Page, moderator: SocketClient, name: str) -> None:
        """The projector's figure at 16:9 and 4:3 in English, then in French and in Urdu: the
        moderator sets the room's language and the projector reloads itself in it."""
        self.projector(page, name)
        for lang in (*LANGUAGE_NAMES, "en"):
            call(moderator, "room:language", {"language": lang})
            expect(page.locator("html")).to_have_attribute("lang", lang)
            expect(page.locator("#reconnect")).to_be_hidden()
            page.evaluate("document.fonts.ready.then(() => true)")
            if page.locator("#results canvas:visible").count():
                canvas_settled(page)
            if lang != "en":
                self.projector(page, name.removesuffix(".png") + f"-{lang}.png")


# --- the protocol, from python-socketio clients -----------------------------------------------


def call(client: SocketClient, event: str, data: dict) -> dict:
    """Send an event and return its ack; fail unless the server accepted it."""
    ack = client.call(event, data)
    if not (isinstance(ack, dict) and ack.get("ok")):
        raise RuntimeError(f"{event} {data} refused: {ack}")
    return ack


def in_parallel(function: Callable, items: list) -> list:
    with ThreadPoolExecutor(max_workers=16) as pool:
        return list(pool.map(function, items))


def connect_phones(server: ServerProcess, room: str, groups: dict[str, int]) -> list:
    """(client, group name) for each phone, in the order of `groups`."""
    wanted = [name for name, count in groups.items() for _ in range(count)]
    clients = in_parallel(lambda _: server.phone(room), wanted)
    return list(zip(clients, wanted, strict=True))


def agenda(moderator: SocketClient) -> tuple[list[dict], dict[str, int]]:
    """The room's prompts in agenda order, and constituency ids by name."""
    state = call(moderator, "moderator:sync", {})["state"]
    return state["agenda"], {c["name"]: c["id"] for c in state["constituencies"]}


def shuffled_ranking(base: list[int], rng: random.Random) -> list[int]:
    """A group's typical ranking with a little personal variation (adjacent swaps)."""
    ranking = list(base)
    for _ in range(2):
        if rng.random() < 0.6:
            i = rng.randrange(len(ranking) - 1)
            ranking[i], ranking[i + 1] = ranking[i + 1], ranking[i]
    return ranking


# --- the browser ------------------------------------------------------------------------------


def log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill(DEMO_USER)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/console/?$"))


def canvas_settled(page: Page) -> None:
    """Wait until the results chart is drawn and two looks 150 ms apart are the same."""
    page.wait_for_function(
        """() => {
            const canvas = document.querySelector('#results canvas');
            if (!canvas || !canvas.width || !canvas.height) return false;
            const now = canvas.toDataURL();
            const before = window.__lastChart;
            window.__lastChart = now;
            return before === now;
        }""",
        polling=150,
        timeout=WAIT_MS,
    )


def scroll_to(page: Page, selector: str, offset: int = 8) -> None:
    """Scroll the phone page so that the element sits `offset` CSS pixels below its header."""
    page.locator(selector).first.evaluate(
        """(node, offset) => {
            const header = document.querySelector('.phone-header');
            const top = node.getBoundingClientRect().top + window.scrollY;
            window.scrollTo(0, top - offset - (header ? header.offsetHeight : 0));
        }""",
        offset,
    )


def run(out: Path, workdir: Path) -> list[Path]:
    rng = random.Random(2014)
    shots = Shots(out)
    server = ServerProcess(workdir / "server")
    # Browsers reach the server on 127.0.0.1 and its free port; the pages show PUBLIC_URL.
    server.env.update(PUBLIC_URL=PUBLIC_URL, ALLOWED_ORIGINS=server.base_url)
    print(f"Starting the server ({server.base_url}) …", flush=True)
    server.setup()
    server.start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                capture(server, browser, shots, rng)
            finally:
                browser.close()
    except Exception:
        print(f"--- the server's log (last 4000 characters) ---\n{server.log_text()[-4000:]}")
        raise
    finally:
        server.close()
    return shots.written


def capture(server: ServerProcess, browser, shots: Shots, rng: random.Random) -> None:
    base = server.base_url
    expect.set_options(timeout=WAIT_MS)

    def context(options: dict):
        ctx = browser.new_context(**options)
        ctx.set_default_timeout(WAIT_MS)
        return ctx

    plenary_mod = server.moderator(PLENARY)
    breakout_mod = server.moderator(BREAKOUT_A)
    plenary_prompts, group_id = agenda(plenary_mod)
    breakout_prompts, _ = agenda(breakout_mod)
    barometer, risks = plenary_prompts[0], plenary_prompts[1]
    proposal_prompt = next(p for p in breakout_prompts if p["kind"] == "proposal")
    if barometer["kind"] != "position" or risks["kind"] != "priority":
        raise RuntimeError("the demo plenary no longer starts with a position and a priority")
    risk_options = risks["settings"]["options"]

    # -- a phone joins; the projector waits with the join screen ----------------------------
    print("Phone joins, projector shows the join screen …", flush=True)
    phone = context(PHONE).new_page()
    phone.goto(f"{base}/")
    phone.get_by_label("Room code").fill(PLENARY)
    shots.take(phone, "phone-join.png")
    for lang in ("fr", "ur"):  # the same page in French and Urdu (right to left)
        other = context(PHONE).new_page()
        other.goto(f"{base}/?lang={lang}")
        expect(other.locator("html")).to_have_attribute("lang", lang)
        other.get_by_role("textbox").fill(PLENARY)
        shots.take(other, f"phone-join-{lang}.png")
        other.context.close()
    phone.get_by_role("button", name="Join").click()
    expect(phone).to_have_url(re.compile(rf"/j/{PLENARY}$"))
    phone.get_by_label(OUR_GROUP).check()
    shots.take(phone, "phone-constituency.png", full_page=True)
    phone.get_by_role("button", name="Continue").click()
    expect(phone.locator("#view")).to_contain_text("Waiting for the moderator")
    expect(phone.locator("#conn")).to_contain_text("Live")
    shots.take(phone, "phone-waiting.png")

    projector = context(PROJECTOR).new_page()
    projector.goto(f"{base}/screen/{PLENARY}")
    expect(projector.locator("#welcome")).to_be_visible()
    expect(projector.locator("#reconnect")).to_be_hidden()
    expect(projector.locator("img.welcome-qr")).to_have_js_property("complete", True)
    shots.projector(projector, "projector-welcome.png")

    # -- Breakout A runs in parallel: proposals, moderation and thirty voters ----------------
    print("Breakout A: proposals, moderation, votes …", flush=True)
    call(breakout_mod, "prompt:open", {"prompt_id": proposal_prompt["id"]})
    breakout_phones = connect_phones(server, BREAKOUT_A, BREAKOUT_PHONES)
    by_group: dict[str, list[SocketClient]] = {}
    for client, group in breakout_phones:
        by_group.setdefault(group, []).append(client)
    approved: dict[int, int] = {}  # index in PROPOSALS -> proposal id
    for index, (text, group, action) in enumerate(PROPOSALS):
        author = by_group[group][-1 - index % 2]  # authors are not all the same phone
        ack = call(
            author,
            "proposal:submit",
            {
                "prompt_id": proposal_prompt["id"],
                "client_id": new_client_id(),
                "text": text,
                "constituency_id": group_id[group],
            },
        )
        proposal_id = ack["proposal"]["id"]
        call(breakout_mod, "proposal:moderate", {"proposal_id": proposal_id, "action": action})
        if action == "approve":
            approved[index] = proposal_id
    votes = []
    for index, per_group in VOTES.items():
        for group, (agree, disagree, passes) in per_group.items():
            ballot = ["agree"] * agree + ["disagree"] * disagree + ["pass"] * passes
            if len(ballot) != BREAKOUT_VOTERS:
                raise ValueError(f"VOTES[{index}][{group}] must add up to {BREAKOUT_VOTERS}")
            rng.shuffle(ballot)
            voters = by_group[group][:BREAKOUT_VOTERS]
            for voter, vote in zip(voters, ballot, strict=True):
                votes.append((voter, approved[index], vote, group))
    in_parallel(
        lambda v: call(
            v[0],
            "endorsement:submit",
            {
                "proposal_id": v[1],
                "client_id": new_client_id(),
                "vote": v[2],
                "constituency_id": group_id[v[3]],
            },
        ),
        votes,
    )

    # -- the plenary opens the barometer; forty-two phones and ours answer -------------------
    print("Plenary: the barometer …", flush=True)
    plenary_phones = connect_phones(server, PLENARY, {g: len(v) for g, v in BAROMETER.items()})
    call(plenary_mod, "prompt:open", {"prompt_id": barometer["id"]})
    answers = []
    position_in_group: dict[str, int] = {}
    for client, group in plenary_phones:
        i = position_in_group.get(group, 0)
        position_in_group[group] = i + 1
        answers.append((client, group, BAROMETER[group][i]))
    in_parallel(
        lambda a: call(
            a[0],
            "response:submit",
            {
                "prompt_id": barometer["id"],
                "client_id": new_client_id(),
                "value": a[2],
                "constituency_id": group_id[a[1]],
            },
        ),
        answers,
    )
    total = len(answers) + 1
    expect(phone.locator("#prompt-text")).to_contain_text("stated intentions match its actions")
    phone.get_by_role("button", name=re.compile(rf"^{OUR_BAROMETER}\b")).click()
    expect(phone.locator("#view")).to_contain_text("Saved ✓")
    expect(phone.locator(".prompt-count")).to_contain_text(f"{total} answers")
    shots.take(phone, "phone-position-saved.png")

    for lang in ("fr", "ur"):  # the same open statement on phones in French and Urdu
        other = context(PHONE).new_page()
        other.goto(f"{base}/j/{PLENARY}?lang={lang}")
        other.get_by_label(OUR_GROUP_IN[lang]).check()
        other.locator("form.group-form button[type=submit]").click()
        expect(other.locator("html")).to_have_attribute("lang", lang)
        expect(other.locator("#prompt-text")).to_have_text(barometer["translations"][lang]["text"])
        other.evaluate("document.fonts.ready")
        shots.take(other, f"phone-position-{lang}.png")
        other.context.close()

    expect(projector.locator("#prompt-text")).to_contain_text("stated intentions match its actions")
    expect(projector.locator(".hidden-count")).to_contain_text(str(total))
    shots.projector(projector, "projector-position-open.png")

    laptop = context(LAPTOP).new_page()
    log_in(laptop, base)
    expect(laptop.locator(".c-room-card").first).to_contain_text("Open")
    shots.take(laptop, "console-rooms.png")
    laptop.goto(f"{base}/console/room/{PLENARY}")
    expect(laptop.locator("#connection")).to_have_text("Live")
    detail = laptop.locator('[data-detail="prompt"]')
    expect(detail).to_have_attribute("data-prompt-id", str(barometer["id"]))
    expect(detail.locator('[data-field="visibility-label"]')).to_have_text("Hidden from the room")
    expect(laptop.locator("#results")).to_contain_text(str(total))
    expect(laptop.locator("#breakdown table")).to_be_visible()
    shots.take(laptop, "console-plenary-position.png")
    laptop.locator("#breakdown-title").evaluate(
        "node => node.closest('section').scrollIntoView({block: 'start'})"
    )
    expect(laptop.locator(".c-verdict")).to_be_in_viewport()
    shots.take(laptop, "console-plenary-breakdown.png")

    # -- closed and revealed ----------------------------------------------------------------
    call(plenary_mod, "prompt:close", {"prompt_id": barometer["id"]})
    call(plenary_mod, "prompt:reveal", {"prompt_id": barometer["id"]})
    expect(projector.locator("#results")).to_contain_text("Mean")
    expect(projector.locator(".bd-column").first).to_be_visible()
    canvas_settled(projector)
    shots.projector_languages(projector, plenary_mod, "projector-position-revealed.png")
    expect(phone.locator(".prompt-results")).to_contain_text("Results")
    expect(phone.locator(".prompt-results")).to_contain_text("your answer")
    scroll_to(phone, ".prompt-results")
    shots.take(phone, "phone-position-revealed.png")

    # -- the regional risks: everyone ranks; our phone is halfway -----------------------------
    print("Plenary: the regional risks …", flush=True)
    call(plenary_mod, "prompt:open", {"prompt_id": risks["id"]})
    rankings = []
    skipped: dict[str, int] = {}
    for client, group in plenary_phones:
        if skipped.get(group, 0) < RISK_SKIPS.get(group, 0):
            skipped[group] = skipped.get(group, 0) + 1
            continue
        rankings.append((client, group, shuffled_ranking(RISK_ORDER[group], rng)))
    in_parallel(
        lambda r: call(
            r[0],
            "response:submit",
            {
                "prompt_id": risks["id"],
                "client_id": new_client_id(),
                "value": r[2],
                "constituency_id": group_id[r[1]],
            },
        ),
        rankings,
    )
    expect(phone.locator("#prompt-text")).to_contain_text("regional risks")
    phone.evaluate("window.scrollTo(0, 0)")
    for index in RISK_ORDER[OUR_GROUP][:2]:
        phone.get_by_role("button", name=f"Add to my ranking: {risk_options[index]}").click()
    expect(phone.locator("#view")).to_contain_text(f"2 of {len(risk_options)} ranked")
    expect(phone.locator(".prompt-count")).to_contain_text(f"{len(rankings)} answers")
    scroll_to(phone, ".prompt-card")
    shots.take(phone, "phone-priority-ranking.png")

    call(plenary_mod, "prompt:close", {"prompt_id": risks["id"]})
    call(plenary_mod, "prompt:reveal", {"prompt_id": risks["id"]})
    expect(projector.locator("#prompt-text")).to_contain_text("regional risks")
    expect(projector.locator(".result-note")).to_contain_text(f"{len(rankings)} rankings")
    expect(projector.locator(".bd-column").first).to_be_visible()
    canvas_settled(projector)
    shots.projector_languages(projector, plenary_mod, "projector-priority-revealed.png")

    # -- the closing barometer: the same statement again; the trust shift is the headline ------
    print("Plenary: the closing barometer and the trust shift …", flush=True)
    closing = plenary_prompts[-1]
    if closing["linked_prompt_id"] != barometer["id"]:
        raise RuntimeError("the demo plenary no longer ends with the barometer repeated")
    call(plenary_mod, "prompt:open", {"prompt_id": closing["id"]})
    in_parallel(
        lambda a: call(
            a[0],
            "response:submit",
            {
                "prompt_id": closing["id"],
                "client_id": new_client_id(),
                "value": None if a[2] is None else min(7, a[2] + CLOSING_SHIFT[a[1]]),
                "constituency_id": group_id[a[1]],
            },
        ),
        answers,
    )
    call(plenary_mod, "prompt:close", {"prompt_id": closing["id"]})
    call(plenary_mod, "prompt:reveal", {"prompt_id": closing["id"]})
    expect(projector.locator(".shift-line")).to_be_visible()
    canvas_settled(projector)
    shots.projector_languages(projector, plenary_mod, "projector-trust-shift.png")

    # -- Breakout A: our phone proposes and votes; the console moderates ----------------------
    print("Breakout A: phone, console, projector …", flush=True)
    phone.goto(f"{base}/j/{BREAKOUT_A}")
    phone.get_by_label(OUR_GROUP).check()
    phone.get_by_role("button", name="Continue").click()
    expect(phone.locator("#prompt-text")).to_contain_text("Propose one concrete step")
    expect(phone.locator(".endorse-item")).to_have_count(len(approved))
    phone.locator("#proposal-text").fill(OUR_PROPOSAL)
    expect(phone.locator("#proposal-counter")).to_contain_text(f"{len(OUR_PROPOSAL)} / ")
    shots.take(phone, "phone-proposal-write.png")
    phone.get_by_role("button", name="Send proposal").click()
    expect(phone.locator(".own-proposals")).to_contain_text("waiting for moderator")
    for index, vote in OUR_VOTES.items():
        item = phone.locator(".endorse-item", has_text=PROPOSALS[index][0])
        item.get_by_role("button", name=vote.capitalize(), exact=True).click()
        expect(item.locator(".send-status")).to_have_text("Saved ✓")
    scroll_to(phone, ".own-proposals")
    shots.take(phone, "phone-proposals.png")
    for lang in ("fr", "ur"):  # the proposal prompt in French and Urdu, one vote given
        other = context(PHONE).new_page()
        other.goto(f"{base}/j/{BREAKOUT_A}?lang={lang}")
        other.get_by_label(OUR_GROUP_IN[lang]).check()
        other.locator("form.group-form button[type=submit]").click()
        expect(other.locator(".endorse-item")).to_have_count(len(approved))
        first = other.locator(".endorse-item").first
        first.locator(".votes button").first.click()
        expect(first.locator(".send-status")).not_to_be_empty()
        scroll_to(other, ".endorse-list")
        shots.take(other, f"phone-proposals-{lang}.png")
        other.context.close()

    laptop.goto(f"{base}/console/room/{BREAKOUT_A}")
    expect(laptop.locator("#connection")).to_have_text("Live")
    expect(laptop.locator('[data-detail="prompt"]')).to_have_attribute(
        "data-prompt-id", str(proposal_prompt["id"])
    )
    expect(laptop.locator('#queue [data-count="pending"]')).to_have_text("1")
    expect(laptop.locator('#queue [data-count="approved"]')).to_have_text(str(len(approved)))
    expect(laptop.locator("#breakdown table")).to_be_visible()
    shots.take(laptop, "console-breakout-moderation.png")

    projector.goto(f"{base}/screen/{BREAKOUT_A}")
    expect(projector.locator(".wall-card")).not_to_have_count(0)
    expect(projector.locator("#live")).to_contain_text("awaiting approval")
    shots.projector(projector, "projector-proposals-open.png")

    call(breakout_mod, "prompt:close", {"prompt_id": proposal_prompt["id"]})
    call(breakout_mod, "prompt:reveal", {"prompt_id": proposal_prompt["id"]})
    expect(projector.locator(".pt-item").first).to_be_visible()
    expect(projector.locator(".pt-item").first).to_contain_text("disaster-relief")
    shots.projector_languages(projector, breakout_mod, "projector-proposals-revealed.png")

    # -- The breakouts share one prompt: the dashboard and the roll-up -------------------------
    print("Breakouts: a shared prompt, the dashboard and the roll-up …", flush=True)
    for code, groups in SHARED.items():
        moderator = breakout_mod if code == BREAKOUT_A else server.moderator(code)
        prompts, group_ids = agenda(moderator)
        shared = next(p for p in prompts if "share intelligence" in p["text"])
        call(moderator, "prompt:open", {"prompt_id": shared["id"]})
        phones = connect_phones(server, code, {g: len(v) for g, v in groups.items()})
        values = [value for group_values in groups.values() for value in group_values]
        for (client, group), value in zip(phones, values, strict=True):
            call(
                client,
                "response:submit",
                {
                    "prompt_id": shared["id"],
                    "client_id": new_client_id(),
                    "value": value,
                    "constituency_id": group_ids[group],
                },
            )
        if code != "BRKC48":
            call(moderator, "prompt:reveal", {"prompt_id": shared["id"]})

    laptop.goto(f"{base}/console/")
    laptop.get_by_role("link", name="Event dashboard").click()
    expect(laptop.locator("#connection")).to_have_text("Live")
    expect(laptop.locator(".d-chip").first).to_contain_text("revealed")
    shots.take(laptop, "console-dashboard.png", full_page=True)

    # The plenary's moderator sends the roll-up to the plenary's projector, which switches in
    # place (it could be full screen), then brings the room's own screen back.
    projector.goto(f"{base}/screen/{PLENARY}")
    expect(projector.locator("#reconnect")).to_be_hidden()
    plenary_room = call(plenary_mod, "moderator:sync", {})["state"]["room"]["id"]
    call(plenary_mod, "room:screen", {"room_id": plenary_room, "rollup": SHARED_FAMILY})
    expect(projector.locator(".ru-room.is-shown")).to_have_count(2)
    shots.projector(projector, "projector-rollup.png")
    call(plenary_mod, "room:screen", {"room_id": plenary_room, "rollup": None})
    expect(projector.locator(".ru-room").first).to_be_hidden()

    call(plenary_mod, "room:language", {"language": "ur"})
    projector.goto(f"{base}/screen/{PLENARY}")
    expect(projector.locator("html")).to_have_attribute("dir", "rtl")
    projector.evaluate("document.fonts.ready")
    projector.wait_for_timeout(800)  # the chart, if any, draws once after the fonts
    shots.take(projector, "projector-urdu.png")
    call(plenary_mod, "room:language", {"language": "en"})


def write_readme(out: Path, written: list[Path]) -> Path:
    lines = [
        "# Screenshots",
        "",
        "Regenerated by `make screenshots` (`scripts/screenshots.py`): a real server with the demo",
        "workshop, about forty phones answering through the Socket.IO protocol, and headless",
        "Chromium photographing the phone (360 by 640 pixels; in English, French and Urdu), the",
        "moderator console (1440 by 900) and the projector (1920 by 1080, and again at 1024 by",
        "768 for a 4:3 projector). Do not edit these images by hand.",
        "",
        "| image | what it shows |",
        "|---|---|",
    ]
    lines += [f"| [{p.name}]({p.name}) | {caption(p.name)} |" for p in written]
    path = out / "README.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs" / "screenshots",
        help="folder for the images (default: docs/screenshots)",
    )
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="facilitator-screenshots-") as workdir:
            written = run(out, Path(workdir))
    except Exception:
        traceback.print_exc()
        print("screenshots: FAILED", file=sys.stderr)
        return 1
    readme = write_readme(out, written)
    size = sum(p.stat().st_size for p in written)
    seconds = time.monotonic() - started
    print(f"\nWrote {len(written)} images ({size / 1e6:.1f} MB) in {seconds:.0f} s:")
    for path in [*written, readme]:
        print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
