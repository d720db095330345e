"""Real-server harness for tests, scripts and benchmarks: `python wsgi.py` on 127.0.0.1.

Each server gets its own instance folder, SECRET_KEY and database (a temporary SQLite file unless
DATABASE_URL is given), runs `facilitator db upgrade` and `facilitator demo` (or imports an agenda)
first, and writes its stdout and stderr to `server.log` next to the instance folder, so tests can
read what it logged. Clients are python-socketio clients over the websocket transport that record
every event they receive.

The harness classes do not need pytest; benchmarks/ reuses them.
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests
import socketio

ROOT = Path(__file__).resolve().parents[1]
DEMO_USER, DEMO_PASSWORD = "demo", "demo-facilitator"
# The demo's plenary: a 7-point position, two priorities (6 options, rank all), a position.
DEMO_ROOM = "PNRY27"
POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ASYNC_MODES = ("eventlet", "gevent")
TIMEOUT = 15.0  # seconds any single wait in these tests may take

# Settings of the surrounding shell that must not leak into a test server.
_SERVER_SETTINGS = (
    "HOST",
    "PORT",
    "ASYNC_MODE",
    "MAX_CONNECTIONS",
    "DATABASE_URL",
    "PUBLIC_URL",
    "ALLOWED_HOSTS",
    "ALLOWED_ORIGINS",
    "REDIS_URL",
    "SOCKETIO_MAX_MESSAGE",
    "MAX_CONTENT_LENGTH",
    "SECRET_KEY",
    "PARTICIPANT_SECRET",
    "FACILITATOR_INSTANCE",
    "BROADCAST_INTERVAL",
    "ANONYMITY_K",
    "FLASK_APP",
    "FLASK_DEBUG",
)
_CSRF_INPUT = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]*)"')


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def new_token() -> str:
    """A phone's random participant token (256 bits, base64url), as the phone page makes it."""
    return secrets.token_urlsafe(32)


def new_client_id() -> str:
    """A fresh client-generated submission id."""
    return secrets.token_hex(8)


class SocketClient:
    """A Socket.IO client (websocket transport) that records every event it receives.

    The events are kept under a lock in the order the client library dispatches them (it hands
    each message to a thread of its own, so events sent at the same instant may swap places);
    `wait_for` blocks until one matches.
    """

    def __init__(
        self,
        url: str,
        auth: dict,
        *,
        http_session: requests.Session | None = None,
        origin: str | None = None,
        host: str | None = None,
        reconnection: bool = False,
        timeout: float = TIMEOUT,
    ):
        self.url = url
        self.auth = auth
        self.timeout = timeout
        self.connects = 0
        self.disconnects = 0
        self._events: list[tuple[str, Any]] = []
        self._condition = threading.Condition()
        extra = {}
        if origin is not None:
            extra["origin"] = origin
        if host is not None:
            extra["host"] = host
        self.sio = socketio.Client(
            reconnection=reconnection,
            reconnection_delay=0.2,
            reconnection_delay_max=1.0,
            randomization_factor=0.1,
            handle_sigint=False,
            request_timeout=timeout,
            http_session=http_session,
            websocket_extra_options=extra,
        )
        self.sio.on("*", self._record)
        self.sio.on("connect", self._connected)
        self.sio.on("connect_error", self._connect_error)
        self.sio.on("disconnect", self._disconnected)

    @property
    def token(self) -> str | None:
        """The participant token this client connects with, if it is a phone."""
        return self.auth.get("token")

    @property
    def connected(self) -> bool:
        """Whether the Socket.IO connection is up."""
        return self.sio.connected

    def connect(self) -> "SocketClient":
        """Connect over the websocket transport; socketio.exceptions.ConnectionError if refused."""
        self.sio.connect(
            self.url, auth=self.auth, transports=["websocket"], wait_timeout=self.timeout
        )
        return self

    def _add(self, name: str, data: Any) -> None:
        with self._condition:
            self._events.append((name, data))
            self._condition.notify_all()

    def _record(self, event: str, *args) -> None:
        self._add(event, args[0] if len(args) == 1 else list(args))

    def _connected(self) -> None:
        self.connects += 1
        self._add("connect", None)

    def _connect_error(self, data=None) -> None:
        self._add("connect_error", data)

    def _disconnected(self, reason=None) -> None:
        self.disconnects += 1
        if reason == self.sio.reason.TRANSPORT_ERROR:
            # The server dropped the websocket; the client library leaves it unclosed.
            self._drop_websocket()
        self._add("disconnect", reason)

    def _drop_websocket(self) -> None:
        websocket = getattr(self.sio.eio, "ws", None)
        if websocket is not None:
            websocket.shutdown()

    def mark(self) -> int:
        """A position in the event log: pass it as `after` to wait only for later events."""
        with self._condition:
            return len(self._events)

    def received(self, name: str, after: int = 0) -> list:
        """The payloads of the events of this name, oldest first."""
        with self._condition:
            return [data for event, data in self._events[after:] if event == name]

    def last(self, name: str) -> Any:
        """The payload of the latest event of this name, or None."""
        found = self.received(name)
        return found[-1] if found else None

    def wait_for(
        self,
        name: str,
        predicate: Callable[[Any], bool] | None = None,
        *,
        after: int = 0,
        timeout: float | None = None,
    ) -> Any:
        """The first event of this name (after a mark) that the predicate accepts; else fail."""
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._condition:
            seen = after
            while True:
                for event, data in self._events[seen:]:
                    if event == name and (predicate is None or predicate(data)):
                        return data
                seen = max(seen, len(self._events))
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    names = [event for event, _ in self._events[after:]]
                    raise AssertionError(
                        f"{self.auth.get('role')}: no matching {name!r} event within "
                        f"{timeout or self.timeout:.0f} s; received {names}"
                    )
                self._condition.wait(remaining)

    def call(self, event: str, data: Any = None, timeout: float | None = None) -> Any:
        """Emit an event and return the server's ack (TimeoutError if none comes)."""
        return self.sio.call(event, data, timeout=timeout or self.timeout)

    def close(self) -> None:
        """Disconnect and stop reconnecting; safe to call twice."""
        with contextlib.suppress(Exception):
            self.sio.shutdown()
        if not self.sio.connected:
            self._drop_websocket()


def close_all(clients: list[SocketClient]) -> None:
    """Close many clients at once: a client may wait up to 3 s for the server's close frame."""
    if not clients:
        return
    with ThreadPoolExecutor(max_workers=min(len(clients), 256)) as pool:
        list(pool.map(SocketClient.close, clients))


class ServerProcess:
    """One real Facilitator server: set-up commands, the process, its log and its clients."""

    def __init__(
        self,
        workdir: Path,
        *,
        async_mode: str = "eventlet",
        database_url: str | None = None,
        redis_url: str | None = None,
        agenda: Path | str | None = None,
        secret_key: str | None = None,
        port: int | None = None,
        env: dict[str, str] | None = None,
    ):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.instance = self.workdir / "instance"
        self.async_mode = async_mode
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.database_url = database_url or f"sqlite:///{self.instance / 'facilitator.db'}"
        self.agenda = agenda
        self.log_path = self.workdir / "server.log"
        self.setup_log_path = self.workdir / "setup.log"
        self.command = [sys.executable, "wsgi.py"]  # what start() runs, from the repository root
        self.process: subprocess.Popen | None = None
        self._log_file = None
        self._clients: list[SocketClient] = []
        self._sessions: list[requests.Session] = []
        self.env = {k: v for k, v in os.environ.items() if k not in _SERVER_SETTINGS}
        self.env.update(
            HOST="127.0.0.1",
            PORT=str(self.port),
            ASYNC_MODE=async_mode,
            FACILITATOR_INSTANCE=str(self.instance),
            SECRET_KEY=secret_key or secrets.token_hex(32),
            # Processes given one secret_key share the participant secret too: one event.
            PARTICIPANT_SECRET=f"{secret_key}-participants"
            if secret_key
            else secrets.token_hex(32),
            DATABASE_URL=self.database_url,
            PUBLIC_URL=self.base_url,
            PYTHONUNBUFFERED="1",
            PYTHONDONTWRITEBYTECODE="1",
        )
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.env.update(env or {})

    # -- set-up and life cycle ---------------------------------------------------------------

    def cli(self, *args: str, timeout: float = 120) -> str:
        """Run `facilitator ARGS` against this server's configuration; its output, or fail."""
        command = [sys.executable, "-c", "from facilitator.cli import main; main()", *args]
        result = subprocess.run(
            command,
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        output = f"$ facilitator {' '.join(args)}\n{result.stdout}{result.stderr}"
        with open(self.setup_log_path, "a", encoding="utf-8") as log:
            log.write(output)
        if result.returncode != 0:
            raise RuntimeError(f"`facilitator {' '.join(args)}` failed:\n{output[-4000:]}")
        return result.stdout

    def setup(self) -> None:
        """Migrate the database, then load the demo (or import the given agenda)."""
        self.cli("db", "upgrade")
        if self.agenda is None:
            self.cli("demo")
        else:
            self.cli("import-agenda", str(self.agenda))

    def start(self, timeout: float = 30) -> "ServerProcess":
        """Start `python wsgi.py` and wait until GET / answers (any status)."""
        if self.process is not None and self.process.poll() is None:
            raise RuntimeError("the server is running already")
        self._log_file = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while True:
            code = self.process.poll()
            if code is not None:
                self._close_log()
                raise RuntimeError(f"the server exited with {code}:\n{self.log_text()[-4000:]}")
            try:
                requests.get(f"{self.base_url}/", timeout=1).close()
                return self
            except requests.RequestException:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(
                        f"the server did not answer within {timeout} s:\n{self.log_text()[-4000:]}"
                    ) from None
                time.sleep(0.1)

    @property
    def alive(self) -> bool:
        """Whether the server process is still running."""
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 10) -> None:
        """Terminate the process (SIGTERM), kill it if it has not ended after timeout."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self._close_log()

    def restart(self) -> "ServerProcess":
        """Stop and start again on the same port, database and secret."""
        self.stop()
        return self.start()

    def close(self) -> None:
        """Disconnect every client, close every HTTP session and stop the server."""
        close_all(self._clients)
        self._clients.clear()
        for session in self._sessions:
            session.close()
        self.stop()

    def _close_log(self) -> None:
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def log_text(self) -> str:
        """Everything the server process wrote to stdout and stderr so far."""
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    # -- HTTP and sockets --------------------------------------------------------------------

    def login(self, username: str = DEMO_USER, password: str = DEMO_PASSWORD) -> requests.Session:
        """A requests session logged in as a moderator through the real login form."""
        session = requests.Session()
        self._sessions.append(session)
        page = session.get(f"{self.base_url}/login", timeout=TIMEOUT)
        match = _CSRF_INPUT.search(page.text)
        if page.status_code != 200 or match is None:
            raise AssertionError(f"GET /login gave {page.status_code} without a csrf_token input")
        response = session.post(
            f"{self.base_url}/login",
            data={"username": username, "password": password, "csrf_token": match.group(1)},
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        if response.status_code != 302:
            raise AssertionError(f"login as {username!r} failed: {response.status_code}")
        return session

    def client(
        self,
        role: str,
        room: str = DEMO_ROOM,
        *,
        token: str | None = None,
        connect: bool = True,
        **options,
    ) -> SocketClient:
        """A recording socket client of a role in a room, connected unless connect=False."""
        auth = {"role": role, "room": room}
        if role == "participant":
            auth["token"] = token or new_token()
        client = SocketClient(self.base_url, auth, **options)
        self._clients.append(client)
        if connect:
            client.connect()
        return client

    def phone(self, room: str = DEMO_ROOM, token: str | None = None, **options) -> SocketClient:
        """A participant's phone (a fresh token unless one is given)."""
        return self.client("participant", room, token=token, **options)

    def screen(self, room: str = DEMO_ROOM, **options) -> SocketClient:
        """A projector."""
        return self.client("screen", room, **options)

    def moderator(
        self, room: str = DEMO_ROOM, session: requests.Session | None = None, **options
    ) -> SocketClient:
        """A moderator's console, authenticated by the Flask-Login session cookie."""
        return self.client("moderator", room, http_session=session or self.login(), **options)

    # -- the database ------------------------------------------------------------------------

    @property
    def sqlite_path(self) -> Path:
        """The SQLite file of this server (only when it runs on SQLite)."""
        prefix = "sqlite:///"
        if not self.database_url.startswith(prefix):
            raise ValueError(f"not a SQLite database: {self.database_url}")
        return Path(self.database_url[len(prefix) :])

    def query(self, sql: str, *params) -> list[tuple]:
        """Rows of a read-only query on the SQLite file, as another process would see them."""
        connection = sqlite3.connect(f"file:{self.sqlite_path}?mode=ro", uri=True, timeout=10)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def responses(self, prompt_id: int) -> list[tuple[Any, str]]:
        """(value, client_id) of every stored response to a prompt, values decoded from JSON."""
        rows = self.query(
            "SELECT value, client_id FROM response WHERE prompt_id = ? ORDER BY id", prompt_id
        )
        # SQLite gives a JSON number back as a number (the column has numeric affinity).
        return [(json.loads(v) if isinstance(v, str) else v, c) for v, c in rows]


@contextlib.contextmanager
def running(workdir: Path, **options):
    """A set-up, started ServerProcess (ServerProcess options), closed on leaving."""
    server = ServerProcess(workdir, **options)
    try:
        server.setup()
        server.start()
        yield server
    finally:
        server.close()


def agenda_prompts(moderator: SocketClient) -> list[dict]:
    """The agenda of the moderator's room, from a `moderator:sync` ack."""
    ack = moderator.call("moderator:sync", {})
    assert ack["ok"], ack
    return ack["state"]["agenda"]


# Debian's Chromium, as Playwright drives it in the browser tests and the screenshot script.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
