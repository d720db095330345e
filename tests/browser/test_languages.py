"""In a real browser: a phone switches to Urdu (right to left) and back, a projector in French."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR
from tests.harness import agenda_prompts

pytestmark = [pytest.mark.browser, pytest.mark.server]
PLENARY = "PNRY27"
BREAKOUT = "BRKA26"
# The demo's "Media" group as the organisers translated it.
MEDIA = {"en": "Media", "fr": "Médias", "ur": "ذرائع ابلاغ"}


def _choose_group(page, name):
    page.get_by_label(name).check()
    page.locator("form.group-form button[type=submit]").click()


def test_a_phone_switches_to_urdu_keeps_it_and_reads_the_translated_prompt(
    server_factory, contexts
):
    server = server_factory()
    moderator = server.moderator(PLENARY)
    trust = agenda_prompts(moderator)[0]
    assert trust["translations"]["ur"]["text"]
    assert moderator.call("prompt:open", {"prompt_id": trust["id"]})["ok"]

    phone = contexts(**PHONE).new_page()
    phone.goto(f"{server.base_url}/j/{PLENARY}")
    expect(phone.locator("html")).to_have_attribute("dir", "ltr")
    _choose_group(phone, "Media")
    expect(phone.locator("#prompt-text")).to_have_text(trust["text"])

    phone.get_by_role("link", name="اردو").click()
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.locator("html")).to_have_attribute("lang", "ur")
    expect(phone.locator("#prompt-text")).to_have_text(trust["translations"]["ur"]["text"])
    expect(phone.locator(".prompt-kind")).to_contain_text("آپ کی رائے کیا ہے؟")
    expect(phone.get_by_role("button", name="کوئی رائے نہیں")).to_be_visible()  # "No opinion"
    # The Urdu font comes from the app itself, and the page mirrors: 1 sits on the right.
    assert phone.evaluate("document.fonts.check('16px \"Noto Nastaliq Urdu\"', 'اردو')")
    first, last = (
        phone.locator(".point").first.bounding_box(),
        phone.locator(".point").last.bounding_box(),
    )
    assert first["x"] > last["x"]
    # Group and room names in the organisers' translations; the built-in group from the catalogue.
    expect(phone.locator(".phone-room-name")).to_have_text("مکمل اجلاس")
    expect(phone.locator("#group-label")).to_contain_text(MEDIA["ur"])
    phone.get_by_role("button", name="گروپ بدلیں").click()  # "Change group"
    expect(phone.get_by_label("بتانا نہیں چاہتے")).to_be_visible()
    expect(phone.get_by_label(MEDIA["ur"])).to_be_checked()
    phone.get_by_role("button", name="منسوخ کریں").click()  # "Cancel"

    phone.locator(".point").nth(4).click()  # the point 5 of 7
    expect(phone.locator("#view")).to_contain_text("محفوظ ہو گیا ✓")  # "Saved ✓"
    assert [value for value, _ in server.responses(trust["id"])] == [5]

    phone.reload()
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.locator("#prompt-text")).to_have_text(trust["translations"]["ur"]["text"])
    expect(phone.locator(".point[aria-pressed=true]")).to_have_text("5")

    phone.get_by_role("link", name="English").click()
    expect(phone.locator("html")).to_have_attribute("dir", "ltr")
    expect(phone.locator("#prompt-text")).to_have_text(trust["text"])


def test_an_untranslated_prompt_falls_back_to_its_original_text(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(BREAKOUT)
    prompts = agenda_prompts(moderator)
    plain = next(p for p in prompts if p["kind"] == "position" and not p["translations"])
    assert moderator.call("prompt:open", {"prompt_id": plain["id"]})["ok"]

    phone = contexts(**PHONE).new_page()
    phone.goto(f"{server.base_url}/j/{BREAKOUT}?lang=fr")
    _choose_group(phone, MEDIA["fr"])
    expect(phone.locator("html")).to_have_attribute("lang", "fr")
    expect(phone.locator("#prompt-text")).to_have_text(plain["text"])
    expect(phone.locator(".prompt-kind")).to_contain_text("Quelle est votre position")
    expect(phone.get_by_role("button", name="Sans opinion")).to_be_visible()


def test_a_ranking_being_built_survives_a_switch_of_language(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(PLENARY)
    risks = agenda_prompts(moderator)[1]
    assert moderator.call("prompt:open", {"prompt_id": risks["id"]})["ok"]
    french = risks["translations"]["fr"]["options"]

    phone = contexts(**PHONE).new_page()
    phone.goto(f"{server.base_url}/j/{PLENARY}")
    _choose_group(phone, "Media")
    phone.get_by_role(
        "button", name=f"Add to my ranking: {risks['settings']['options'][2]}"
    ).click()
    phone.get_by_role("link", name="Français").click()
    expect(phone.locator("html")).to_have_attribute("lang", "fr")
    expect(phone.get_by_label("Votre classement")).to_contain_text(french[2])
    expect(
        phone.get_by_role("button", name=f"Ajouter à mon classement : {french[0]}")
    ).to_be_visible()


def test_the_projector_shows_its_rooms_language_and_follows_a_change(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(PLENARY)
    trust = agenda_prompts(moderator)[0]
    assert moderator.call("room:language", {"language": "fr"})["ok"]

    screen = contexts(**PROJECTOR).new_page()
    screen.goto(f"{server.base_url}/screen/{PLENARY}")
    expect(screen.locator("html")).to_have_attribute("lang", "fr")
    expect(screen.locator(".welcome-lead")).to_have_text("Participez depuis votre téléphone")
    assert moderator.call("prompt:open", {"prompt_id": trust["id"]})["ok"]
    expect(screen.locator("#prompt-text")).to_have_text(trust["translations"]["fr"]["text"])
    expect(screen.locator("#state")).to_have_text("Ouverte — répondez sur votre téléphone")

    # The moderator switches the room to Urdu: the projector reloads itself in it.
    assert moderator.call("room:language", {"language": "ur"})["ok"]
    expect(screen.locator("html")).to_have_attribute("dir", "rtl")
    expect(screen.locator("#prompt-text")).to_have_text(trust["translations"]["ur"]["text"])
    expect(screen.locator(".strip-code")).to_have_text(PLENARY)


@pytest.mark.parametrize("lang", ["ur", "fr"])
def test_translated_phone_pages_pass_axe_keep_44_px_targets_and_fit_360_px(
    server_factory, contexts, lang
):
    from tests.browser.test_accessibility import AXE, OVERFLOW_X, RUN_AXE, SMALL_TARGETS, TARGET_PX

    server = server_factory()
    moderator = server.moderator(PLENARY)
    prompts = agenda_prompts(moderator)
    phone = contexts(**PHONE).new_page()
    found = {}

    def check(name):
        phone.add_script_tag(url=AXE)
        phone.wait_for_function("() => window.axe !== undefined")
        phone.evaluate("document.fonts.ready")
        problems = phone.evaluate(RUN_AXE) + phone.evaluate(SMALL_TARGETS, TARGET_PX)
        widths = phone.evaluate(OVERFLOW_X)
        if max(widths[0], widths[2]) > widths[1]:
            problems.append(f"horizontal scrolling: {widths}")
        if problems:
            found[name] = problems

    phone.goto(f"{server.base_url}/?lang={lang}")
    check("join")
    phone.goto(f"{server.base_url}/j/{PLENARY}")
    expect(phone.locator("form.group-form")).to_be_visible()
    check("group")
    _choose_group(phone, MEDIA[lang])
    for prompt in prompts[:2]:  # the trust barometer (position) and the risks (priority)
        assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
        text = prompt["translations"][lang]["text"]
        expect(phone.locator("#prompt-text")).to_have_text(text)
        check(prompt["kind"])
    assert not found, found
