"""One phone cannot stall the hall: per-socket and per-address limits on a real server."""

import json
import re
import time

import pytest
import requests
import websocket

from tests.harness import DEMO_ROOM, TIMEOUT, agenda_prompts, new_client_id, new_token, running

pytestmark = [pytest.mark.server, pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    """A server with the demo's first prompt open (eventlet, SQLite, default limits)."""
    with running(tmp_path_factory.mktemp("flood")) as server:
        console = server.moderator()
        prompt = agenda_prompts(console)[0]
        assert console.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
        server.prompt = prompt
        yield server


_OPENED: list = []


@pytest.fixture(autouse=True)
def _close_raw_phones():
    yield
    while _OPENED:
        _OPENED.pop().close()


class RawPhone:
    """A phone speaking raw Engine.IO/Socket.IO over one websocket, as a script would."""

    def __init__(self, server, token: str | None = None):
        url = server.base_url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
        self.ws = websocket.create_connection(url, timeout=TIMEOUT)
        _OPENED.append(self.ws)
        assert self.ws.recv().startswith("0")
        auth = {"role": "participant", "room": DEMO_ROOM, "token": token or new_token()}
        self.ws.send("40" + json.dumps(auth))
        self.connected = self._until(lambda m: m.startswith(("40", "44")))
        self.acks: dict[int, dict] = {}

    def _until(self, match) -> str:
        while True:
            message = self.ws.recv()
            if message == "2":
                self.ws.send("3")
            elif match(message):
                return message
            elif message.startswith("43"):
                self._ack(message)

    def _ack(self, message: str) -> None:
        found = re.match(r"43(\d+)(.*)", message, re.S)
        self.acks[int(found.group(1))] = json.loads(found.group(2))[0]

    def send_raw(self, ack_id: int, body: str) -> None:
        """An EVENT packet with this ack id and this text after it, sent as is."""
        self.ws.send(f"42{ack_id}{body}")

    def ack(self, ack_id: int) -> dict:
        """Wait for the ack of one packet."""
        while ack_id not in self.acks:
            self._until(lambda m: m.startswith("43") and self._ack(m) is None)
        return self.acks[ack_id]


def _answer(prompt_id: int, value: int) -> str:
    payload = {"prompt_id": prompt_id, "client_id": new_client_id(), "value": value}
    return json.dumps(["response:submit", payload])


def test_a_flooding_phone_is_refused_then_disconnected_while_others_are_served(hall):
    prompt_id = hall.prompt["id"]
    flooder = RawPhone(hall)
    honest = hall.phone()
    sent = 0
    closed = False
    try:
        for sent in range(1, 3001):
            flooder.send_raw(sent, _answer(prompt_id, 1 + sent % 7))
            if sent % 200 == 0:
                ack = honest.call(
                    "response:submit",
                    {"prompt_id": prompt_id, "client_id": new_client_id(), "value": 4},
                )
                assert ack["ok"], ack  # an honest phone is served all through the flood
    except (websocket.WebSocketConnectionClosedException, BrokenPipeError, ConnectionError):
        closed = True
    deadline = time.monotonic() + TIMEOUT
    while not closed and time.monotonic() < deadline:
        try:
            flooder._until(lambda m: False)
        except (websocket.WebSocketConnectionClosedException, ConnectionError):
            closed = True
        except websocket.WebSocketTimeoutException:
            break
    codes = {ack["error"]["code"] for ack in flooder.acks.values() if not ack["ok"]}
    assert "rate_limited" in codes
    refused = next(a for a in flooder.acks.values() if not a["ok"])
    assert refused["error"]["retry_after"] > 0
    assert closed, f"the flooding socket was still open after {sent} events"
    assert sum(ack["ok"] for ack in flooder.acks.values()) <= 60  # its burst, then little
    # The honest phone's answer is stored; the server is still answering everyone.
    assert 4 in [value for value, _ in hall.responses(prompt_id)]
    assert requests.get(f"{hall.base_url}/j/{DEMO_ROOM}", timeout=TIMEOUT).status_code == 200
    assert hall.alive


@pytest.mark.parametrize(
    "body, kind",
    [
        ('["response:submit", {"prompt_id": ' + "9" * 5000 + "}]", "ValueError"),
        ("[" * 5000 + "]" * 5000, "RecursionError"),
        ('["response:submit", {"prompt_id": ', "JSONDecodeError"),
        ('{"not": "an event"}', "not an event"),
    ],
    ids=["huge-integer", "deep-nesting", "invalid-json", "not-an-event"],
)
def test_a_malformed_packet_gets_an_error_ack_and_one_log_line_without_payload(hall, body, kind):
    phone = RawPhone(hall)
    before = hall.log_text().count("malformed socket packet refused")
    phone.send_raw(7, body)
    ack = phone.ack(7)
    assert ack["ok"] is False and ack["error"]["code"] == "malformed"
    # The connection still works.
    phone.send_raw(8, _answer(hall.prompt["id"], 5))
    assert phone.ack(8)["ok"]
    log = hall.log_text()
    assert log.count("malformed socket packet refused") == before + 1
    assert "Traceback" not in log
    assert "127.0.0.1" not in log.replace(hall.base_url, "")
    assert "99999" not in log and "[[[[" not in log


def test_connects_from_one_address_are_limited_but_a_hall_behind_one_address_gets_in(tmp_path):
    env = {"CONNECT_RATE_LIMIT": "150/10 seconds"}
    with running(tmp_path / "connects", env=env) as server:
        phones = [RawPhone(server) for _ in range(150)]  # a hall's burst: every phone gets in
        assert all(phone.connected.startswith("40") for phone in phones)
        refused = RawPhone(server)
        assert refused.connected.startswith("44")
        assert json.loads(refused.connected[2:])["data"]["code"] == "rate_limited"


def test_http_beyond_the_per_address_limit_gets_429_with_retry_after(tmp_path):
    with running(tmp_path / "http", env={"HTTP_RATE_LIMIT": "20/minute"}) as server:
        pages = [
            requests.get(f"{server.base_url}/j/{DEMO_ROOM}", timeout=TIMEOUT) for _ in range(25)
        ]
        statuses = [page.status_code for page in pages]
        assert statuses[:20] == [200] * 20 and set(statuses[20:]) == {429}
        assert int(pages[-1].headers["Retry-After"]) > 0
        assert "Wait a few seconds" in pages[-1].text
        # Static files (the phone page's scripts and styles) are not counted.
        static = requests.get(f"{server.base_url}/static/js/phone.js", timeout=TIMEOUT)
        assert static.status_code == 200


@pytest.mark.parametrize("mode", ["eventlet", "gevent"])
def test_junk_and_broken_connections_leave_no_client_address_in_the_log(tmp_path, mode):
    import socket

    with running(tmp_path / mode, async_mode=mode) as server:
        port = int(server.base_url.rsplit(":", 1)[1])
        for junk in (b"\x88\x82garbage\r\n\r\n", b"BLAH\r\n\r\n", b"GET / HTTP/1.1\r\nHost"):
            with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as raw:
                raw.sendall(junk)
                time.sleep(0.1)
        phone = RawPhone(server)
        phone.ws.close()
        time.sleep(0.5)
        assert requests.get(f"{server.base_url}/j/{DEMO_ROOM}", timeout=TIMEOUT).ok
        log = server.log_text().replace(server.base_url, "")
    assert "127.0.0.1" not in log, log
