"""Light phones on hall Wi-Fi: the first load is small, compressed, cacheable and stays in the app.

The budget is measured as Chromium sees it: the bytes each response took on the wire
(Chrome DevTools Protocol `Network.loadingFinished.encodedDataLength`, headers included), with
the `Accept-Encoding` Chromium itself sends.
"""

import json
from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.harness import DEMO_ROOM, TIMEOUT

pytestmark = [pytest.mark.browser, pytest.mark.server]
BUDGET = 200 * 1024  # bytes on the wire for join → room, first visit, empty cache


def _first_load(server, contexts, language: str | None = None) -> dict:
    """Join from the start page and reach the live room; what went over the network."""
    context = contexts(**PHONE)
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.on("websocket", lambda socket: urls.append(socket.url))
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    wire: dict[str, int] = {}
    responses: dict[str, dict] = {}
    cdp.on(
        "Network.responseReceived",
        lambda e: responses.__setitem__(e["requestId"], e["response"]),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: wire.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    start = f"{server.base_url}/" + (f"?lang={language}" if language else "")
    page.goto(start)
    page.get_by_role("textbox").fill(DEMO_ROOM)
    page.locator("form button[type=submit]").click()
    page.locator("input[name=constituency]").first.wait_for()
    page.locator("input[name=constituency]").first.check()
    page.locator("#view form button[type=submit]").click()
    expect(page.locator("#conn")).to_have_attribute("data-status", "online")
    page.wait_for_load_state("networkidle")
    files: dict[str, tuple[int, dict]] = {}  # url -> (bytes over all its loads, last response)
    for request_id, size in wire.items():
        if request_id in responses:
            url = responses[request_id]["url"]
            files[url] = (files.get(url, (0, None))[0] + size, responses[request_id])
    return {"urls": urls, "files": files, "total": sum(wire.values()), "page": page}


def _table(files: dict) -> str:
    return "\n".join(f"{size:>8} {url}" for url, (size, _) in sorted(files.items()))


@pytest.mark.parametrize("language", ["en", "fr", "ur"])
def test_the_first_load_of_the_phone_fits_in_200_kb(server_factory, contexts, language):
    server = server_factory()
    load = _first_load(server, contexts, language)
    assert load["total"] <= BUDGET, f"{load['total']} bytes:\n{_table(load['files'])}"
    print(f"\nfirst load ({language}): {load['total']} bytes\n{_table(load['files'])}")


def test_the_phone_asks_nothing_of_any_other_host(server_factory, contexts):
    server = server_factory()
    load = _first_load(server, contexts)
    outside = [url for url in load["urls"] if urlsplit(url).netloc != f"127.0.0.1:{server.port}"]
    assert load["urls"], "no request recorded"
    assert outside == []


def test_the_phone_page_does_not_load_the_chart_library(server_factory, contexts):
    server = server_factory()
    load = _first_load(server, contexts)
    loaded = [urlsplit(url).path for url in load["urls"]]
    assert "/static/js/phone.js" in loaded
    assert not [path for path in loaded if "chart" in path.lower()], loaded


def test_pages_scripts_and_styles_arrive_compressed(server_factory, contexts):
    server = server_factory()
    load = _first_load(server, contexts)
    texts = {
        url: response
        for url, (_, response) in load["files"].items()
        if response["mimeType"] in ("text/html", "text/css", "text/javascript")
        and response["status"] == 200
    }
    assert any(urlsplit(url).path == "/j/PNRY27" for url in texts), list(texts)
    plain = [
        url
        for url, response in texts.items()
        if not {k.lower(): v for k, v in response["headers"].items()}.get("content-encoding")
    ]
    assert plain == []


def test_static_files_are_cached_and_revalidated(server_factory):
    server = server_factory()
    url = f"{server.base_url}/static/vendor/socket.io.min.js"
    first = requests.get(url, headers={"Accept-Encoding": "gzip, deflate"}, timeout=TIMEOUT)
    assert first.status_code == 200
    assert first.headers["Content-Encoding"] in ("gzip", "deflate")
    assert "Accept-Encoding" in first.headers["Vary"]
    assert "max-age=3600" in first.headers["Cache-Control"]
    again = requests.get(
        url,
        headers={"Accept-Encoding": "gzip, deflate", "If-None-Match": first.headers["ETag"]},
        timeout=TIMEOUT,
    )
    assert again.status_code == 304
    assert again.content == b""


def test_socketio_long_polling_is_not_touched_by_compression(server_factory):
    server = server_factory()
    session = requests.Session()
    base = f"{server.base_url}/socket.io/?EIO=4&transport=polling"
    headers = {"Accept-Encoding": "gzip, deflate"}
    handshake = session.get(base, headers=headers, timeout=TIMEOUT)
    assert handshake.status_code == 200
    assert handshake.text.startswith("0{")
    assert "Vary" not in handshake.headers  # Flask's response hooks never saw it
    sid = json.loads(handshake.text[1:])["sid"]
    # Open the Socket.IO namespace as a screen over long-polling: the server answers "40".
    auth = "40" + json.dumps({"role": "screen", "room": DEMO_ROOM})
    sent = session.post(f"{base}&sid={sid}", data=auth, headers=headers, timeout=TIMEOUT)
    assert sent.status_code == 200 and sent.text.lower() == "ok"
    answer = session.get(f"{base}&sid={sid}", headers=headers, timeout=TIMEOUT)
    assert answer.status_code == 200
    packets = answer.text.split("\x1e")  # Engine.IO's record separator
    assert any(packet.startswith("40") for packet in packets), packets
    assert any(packet.startswith('42["state"') for packet in packets), packets
    assert "Vary" not in answer.headers
