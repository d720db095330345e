"""In a real browser, a moderator saves the revealed results of a prompt as a PNG and an SVG
image for slides, from the console's results panel."""

import base64
import struct

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP
from tests.harness import agenda_prompts, new_client_id

pytestmark = [pytest.mark.browser, pytest.mark.server]
BREAKOUT = "BRKA26"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _answered_position(server) -> tuple[object, dict]:
    """Breakout A's first statement answered by ten phones of two groups, then closed."""
    moderator = server.moderator(BREAKOUT)
    prompt = next(p for p in agenda_prompts(moderator) if p["kind"] == "position")
    groups = [c["id"] for c in moderator.call("moderator:sync", {})["state"]["constituencies"]]
    assert moderator.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    for i in range(10):
        ack = server.phone(BREAKOUT).call(
            "response:submit",
            {
                "prompt_id": prompt["id"],
                "client_id": new_client_id(),
                "value": 1 + i % 5,
                "constituency_id": groups[i % 2],
            },
        )
        assert ack["ok"], ack
    assert moderator.call("prompt:close", {"prompt_id": prompt["id"]})["ok"]
    return moderator, prompt


def _console(contexts, server, prompt_id):
    page = contexts(**LAPTOP, accept_downloads=True).new_page()
    page.goto(f"{server.base_url}/login")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("demo-facilitator")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{server.base_url}/console/room/{BREAKOUT}#prompt-{prompt_id}")
    expect(page.locator("#connection")).to_contain_text("Live")
    return page


def _painted(page, png: bytes) -> dict:
    """Decode the PNG in the page and sample its pixels: how many are not white, and whether
    the chart's blue (agree side of the scale) is among them."""
    return page.evaluate(
        """async (data) => {
          const image = new Image();
          image.src = `data:image/png;base64,${data}`;
          await image.decode();
          const canvas = document.createElement("canvas");
          canvas.width = image.naturalWidth;
          canvas.height = image.naturalHeight;
          const context = canvas.getContext("2d");
          context.drawImage(image, 0, 0);
          const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
          let inked = 0, blue = 0, samples = 0;
          for (let i = 0; i < pixels.length; i += 4 * 97) {
            samples += 1;
            const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
            if (r < 240 || g < 240 || b < 240) inked += 1;
            if (b > r + 60) blue += 1;
          }
          return { width: canvas.width, height: canvas.height, inked, blue, samples };
        }""",
        base64.b64encode(png).decode("ascii"),
    )


def test_a_moderator_saves_revealed_results_as_png_and_svg(server_factory, contexts):
    server = server_factory()
    moderator, prompt = _answered_position(server)
    page = _console(contexts, server, prompt["id"])
    png_button = page.get_by_role("button", name="Save chart as PNG")
    svg_link = page.get_by_role("link", name="Save chart as SVG")
    # Hidden results: nothing to save, and the button says why.
    expect(png_button).to_be_disabled()
    expect(png_button).to_have_attribute(
        "title", "Reveal the results first: a chart shows only what the room has seen."
    )

    assert moderator.call("prompt:reveal", {"prompt_id": prompt["id"]})["ok"]
    expect(png_button).to_be_enabled()
    with page.expect_download() as saved:
        png_button.click()
    download = saved.value
    assert download.suggested_filename == "breakout-a-shared-interests-1-position.png"
    png = download.path().read_bytes()
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (3200, 1800)
    painted = _painted(page, png)
    assert (painted["width"], painted["height"]) == (3200, 1800)
    assert painted["inked"] > painted["samples"] * 0.05  # bars and text, not a blank page
    assert painted["blue"] > 0

    with page.expect_download() as saved:
        svg_link.click()
    assert saved.value.suggested_filename == "breakout-a-shared-interests-1-position.svg"
    svg = saved.value.path().read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and prompt["text"].replace("'", "&#39;") in svg


def test_a_refused_chart_shows_the_reason_in_the_console(server_factory, contexts):
    server = server_factory()
    moderator, prompt = _answered_position(server)
    assert moderator.call("prompt:reveal", {"prompt_id": prompt["id"]})["ok"]
    page = _console(contexts, server, prompt["id"])
    button = page.get_by_role("button", name="Save chart as PNG")
    expect(button).to_be_enabled()
    # The server refuses (here: the network is gone); the console says so, nothing is saved.
    page.route("**/chart.svg*", lambda route: route.abort())
    button.click()
    expect(page.locator('[data-field="chart-error"]')).to_have_text(
        "Could not reach the server: check the connection, then try again."
    )
