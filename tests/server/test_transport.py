"""Transport on the real server: origins, Host, message size, cookies, a restart."""

import pytest
import requests
import socketio

from tests.harness import TIMEOUT, agenda_prompts, new_client_id, running

pytestmark = [pytest.mark.server, pytest.mark.timeout(90)]

EVIL = "evil.example"
MAX_MESSAGE = 16 * 1024


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    """One server for the checks that leave no state behind (eventlet, SQLite)."""
    with running(
        tmp_path_factory.mktemp("transport"), env={"SOCKETIO_MAX_MESSAGE": str(MAX_MESSAGE)}
    ) as server:
        yield server


@pytest.fixture(scope="module")
def open_prompt(hall):
    """The demo's first prompt, opened by the moderator."""
    console = hall.moderator()
    prompt = agenda_prompts(console)[0]
    ack = console.call("prompt:open", {"prompt_id": prompt["id"]})
    assert ack["ok"], ack
    return prompt


def _handshake(server, **headers):
    """The Engine.IO polling handshake, as a browser's first request would make it."""
    return requests.get(
        f"{server.base_url}/socket.io/?EIO=4&transport=polling", headers=headers, timeout=TIMEOUT
    )


def _refusal(client) -> dict:
    """Connect, expect a refusal, and return the connect_error data the client received."""
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect()
    return client.wait_for("connect_error", timeout=5)


# -- origins ---------------------------------------------------------------------------------


def test_a_foreign_origin_is_refused(hall):
    screen = hall.screen(origin=f"http://{EVIL}", connect=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        screen.connect()
    assert not screen.connected
    assert _handshake(hall, Origin=f"http://{EVIL}").status_code == 400


def test_the_configured_origin_is_accepted(hall):
    screen = hall.screen(origin=hall.base_url)
    assert screen.connected
    state = screen.wait_for("state")
    assert state["room"]["join_url"].startswith(hall.base_url)
    handshake = _handshake(hall, Origin=hall.base_url)
    assert handshake.status_code == 200
    assert handshake.headers["Access-Control-Allow-Origin"] == hall.base_url


# -- the Host header -------------------------------------------------------------------------


def test_an_http_request_for_another_host_gets_400(hall):
    for path in ("/", "/login"):
        response = requests.get(f"{hall.base_url}{path}", headers={"Host": EVIL}, timeout=TIMEOUT)
        assert response.status_code == 400, path
    assert requests.get(f"{hall.base_url}/login", timeout=TIMEOUT).status_code == 200


def test_a_socket_for_another_host_is_refused_with_bad_host(hall):
    error = _refusal(hall.screen(host=EVIL, connect=False))
    assert error["data"]["code"] == "bad_host"
    assert hall.screen(host=f"localhost:{hall.port}").connected  # a trusted name is fine
    assert hall.alive
    assert "Traceback" not in hall.log_text()  # refused by the handler, not by a crash in it


def test_a_refused_connection_says_why_in_connect_error_data(hall):
    # docs/protocol.md: the connect_error's data is {code, message}.
    error = _refusal(hall.client("screen", "ZZZZZZ", connect=False))
    assert error["data"]["code"] == "room_not_found"
    assert error["data"]["message"]
    error = _refusal(hall.phone(token="short", connect=False))
    assert error["data"]["code"] == "invalid_token"
    error = _refusal(hall.client("moderator", connect=False))  # no login cookie
    assert error["data"]["code"] == "forbidden"


# -- message size ----------------------------------------------------------------------------


def test_a_message_above_the_limit_is_refused_and_nothing_is_lost(hall, open_prompt):
    prompt_id = open_prompt["id"]
    phone = hall.phone()
    client_id = new_client_id()
    ack = phone.call(
        "response:submit", {"prompt_id": prompt_id, "client_id": client_id, "value": 3}
    )
    assert ack["ok"], ack

    # Below the limit, a wrong payload is answered with an error ack; the connection stays.
    ack = phone.call(
        "response:submit",
        {"prompt_id": prompt_id, "client_id": new_client_id(), "value": "x" * (MAX_MESSAGE // 2)},
    )
    assert ack["error"]["code"] == "invalid_type"
    assert phone.connected

    # Above it, the server drops the connection without handling the message.
    mark = phone.mark()
    big = {"prompt_id": prompt_id, "client_id": new_client_id(), "value": "x" * (2 * MAX_MESSAGE)}
    phone.sio.emit("response:submit", big)
    phone.wait_for("disconnect", after=mark)

    assert hall.alive
    assert requests.get(f"{hall.base_url}/login", timeout=TIMEOUT).status_code == 200
    again = hall.phone(token=phone.token)
    state = again.wait_for("state")
    assert state["mine"] == {
        "prompt_id": prompt_id,
        "answered": True,
        "value": 3,
        "client_id": client_id,
    }
    assert (3, client_id) in hall.responses(prompt_id)
    log = hall.log_text()
    assert "x" * 100 not in log  # the payload is not logged
    assert "Traceback" not in log


# -- cookies ---------------------------------------------------------------------------------


def _set_cookies(response) -> list[str]:
    return response.raw.headers.getlist("Set-Cookie")


def test_session_cookies_are_httponly_and_samesite_lax(hall):
    with requests.Session() as session:
        page = session.get(f"{hall.base_url}/login", timeout=TIMEOUT)
        token = page.text.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
        login = session.post(
            f"{hall.base_url}/login",
            data={"username": "demo", "password": "demo-facilitator", "csrf_token": token},
            allow_redirects=False,
            timeout=TIMEOUT,
        )
    assert login.status_code == 302
    cookies = _set_cookies(page) + _set_cookies(login)
    assert any(cookie.startswith("session=") for cookie in _set_cookies(login))
    for cookie in cookies:
        attributes = [part.strip().lower() for part in cookie.split(";")]
        assert "httponly" in attributes, cookie
        assert "samesite=lax" in attributes, cookie
    # The Engine.IO handshake sets no cookie of its own: nothing to follow a phone by.
    assert _set_cookies(_handshake(hall)) == []


# -- a restart -------------------------------------------------------------------------------


def test_a_phone_gets_its_answer_back_after_the_server_restarts(server):
    console = server.moderator()
    prompt = agenda_prompts(console)[0]
    assert console.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    phone = server.phone(reconnection=True)
    phone.wait_for("state", lambda s: s["current_prompt_id"] == prompt["id"])
    client_id = new_client_id()
    payload = {"prompt_id": prompt["id"], "client_id": client_id, "value": 2}
    assert phone.call("response:submit", payload)["ok"]

    mark = phone.mark()
    server.restart()  # same port, database and secret
    phone.wait_for("disconnect", after=mark)
    phone.wait_for("connect", after=mark, timeout=TIMEOUT)
    state = phone.wait_for("state", after=mark)
    assert phone.connects == 2
    assert state["mine"] == {
        "prompt_id": prompt["id"],
        "answered": True,
        "value": 2,
        "client_id": client_id,
    }
    # The resend a phone makes after reconnecting changes nothing; a new answer replaces it.
    assert phone.call("response:submit", payload)["ok"]
    assert server.responses(prompt["id"]) == [(2, client_id)]
    changed = {**payload, "client_id": new_client_id(), "value": 5}
    assert phone.call("response:submit", changed)["ok"]
    assert server.responses(prompt["id"]) == [(5, changed["client_id"])]


# -- another port ----------------------------------------------------------------------------


def test_another_port_without_public_url_puts_that_port_in_links_and_origins(server_factory):
    """`PORT=5102 make run`: QR codes, join links and browser origins all follow the port."""
    server = server_factory(env={"PUBLIC_URL": ""})
    screen = server.screen(origin=server.base_url)
    assert screen.connected
    assert screen.wait_for("state")["room"]["join_url"].startswith(server.base_url + "/j/")
    page = requests.get(f"{server.base_url}/screen/PNRY27", timeout=TIMEOUT).text
    assert server.base_url.split("://")[1] + "/j/PNRY27" in page


def test_a_wildcard_host_without_public_url_stops_at_start_with_the_fix(tmp_path):
    import subprocess
    import sys

    from tests.harness import ROOT, ServerProcess

    env = ServerProcess(tmp_path / "wild").env | {"HOST": "0.0.0.0", "PUBLIC_URL": ""}
    result = subprocess.run(
        [sys.executable, "wsgi.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "Set PUBLIC_URL too" in result.stderr
