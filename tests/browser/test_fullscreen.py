"""In a real browser: every projector page has a "Full screen" button that shows when the mouse
moves and hides when idle or full screen, and the key F toggles full screen (Fullscreen API)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PROJECTOR

pytestmark = [pytest.mark.browser, pytest.mark.server]
PLENARY = "PNRY27"
PAGES = {
    "projector": f"/screen/{PLENARY}",
    "roll-up": f"/screen/{PLENARY}/rollup/information-sharing",
}
IN_FULL_SCREEN = "() => document.fullscreenElement !== null"
NOT_FULL_SCREEN = "() => document.fullscreenElement === null"


def _open(contexts, server, page_name, **options):
    page = contexts(**PROJECTOR, **options).new_page()
    page.goto(server.base_url + PAGES[page_name])
    expect(page.locator("#reconnect")).to_be_hidden()
    return page


@pytest.mark.parametrize("page_name", PAGES)
def test_the_button_goes_full_screen_and_the_key_f_toggles(server_factory, contexts, page_name):
    server = server_factory()
    page = _open(contexts, server, page_name)
    button = page.get_by_role("button", name="Full screen")
    page.mouse.move(400, 300)
    page.mouse.move(420, 320)
    expect(button).to_be_visible()
    button.click()
    page.wait_for_function(IN_FULL_SCREEN)
    expect(button).to_be_hidden()
    page.mouse.move(500, 500)  # moving the mouse in full screen does not bring it back
    expect(button).to_be_hidden()
    page.keyboard.press("f")
    page.wait_for_function(NOT_FULL_SCREEN)
    page.keyboard.press("f")
    page.wait_for_function(IN_FULL_SCREEN)
    expect(button).to_be_hidden()


@pytest.mark.parametrize("page_name", PAGES)
def test_the_button_hides_when_the_mouse_rests(server_factory, contexts, page_name):
    server = server_factory()
    page = _open(contexts, server, page_name)
    button = page.get_by_role("button", name="Full screen")
    page.mouse.move(300, 300)
    expect(button).to_be_visible()
    expect(button).to_be_hidden()  # a few idle seconds later
    page.mouse.move(310, 310)
    expect(button).to_be_visible()


def test_without_the_fullscreen_api_there_is_no_button(server_factory, contexts):
    server = server_factory()
    context = contexts(**PROJECTOR)
    context.add_init_script(
        "Object.defineProperty(Document.prototype, 'fullscreenEnabled', {get: () => false});"
        "delete Element.prototype.requestFullscreen;"
    )
    page = context.new_page()
    for path in PAGES.values():
        page.goto(server.base_url + path)
        expect(page.locator("#reconnect")).to_be_hidden()
        page.mouse.move(300, 300)
        expect(page.locator("#fullscreen")).to_have_attribute("hidden", "")
        expect(page.locator("#fullscreen")).to_be_hidden()


def test_the_button_sits_in_the_corner_where_right_to_left_lines_end(server_factory, contexts):
    server = server_factory()
    moderator = server.moderator(PLENARY)
    assert moderator.call("room:language", {"language": "ur"})["ok"]
    for page_name in PAGES:
        page = _open(contexts, server, page_name)
        assert page.evaluate("() => document.documentElement.dir") == "rtl"
        page.mouse.move(960, 500)
        button = page.locator("#fullscreen")
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box["x"] + box["width"] < 1920 / 4, (page_name, box)  # bottom left in Urdu
        assert box["y"] > 1080 * 3 / 4, (page_name, box)
