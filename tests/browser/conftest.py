"""Headless Chromium (Debian's) driven by Playwright, against a real server on 127.0.0.1."""

import pytest
from playwright.sync_api import sync_playwright

from tests.harness import CHROMIUM, CHROMIUM_ARGS
from tests.server.conftest import server_factory  # noqa: F401  (re-exported fixture)

PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
LAPTOP = {"viewport": {"width": 1440, "height": 900}}


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session; fails (never skips) when Chromium is missing."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def contexts(browser):
    """new(**options) → a fresh browser context (its own storage); all closed afterwards."""
    opened = []

    def new(**options):
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        opened.append(context)
        return context

    yield new
    for context in opened:
        context.close()
