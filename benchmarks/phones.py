"""A cheap load client: raw Engine.IO 4 / Socket.IO 5 over asyncio websockets (docs/protocol.md).

One `Socket` is one phone or screen: a websocket, a reader task that answers pings, resolves
acks by id and hands server events to a callback. No python-socketio client: the harness must
cost far less than the server it measures.
"""

import asyncio
import json
import re
import secrets
import time
from collections.abc import Callable

import websockets

TIMEOUT = 30.0
_ACK = re.compile(r"43(\d+)")


class ConnectRefused(Exception):
    """The server answered the Socket.IO connect with an error."""


class Socket:
    """One connected client: `call` sends an event and waits for its ack."""

    def __init__(self, ws, on_event: Callable[[str, float], None] | None = None):
        self.ws = ws
        self.on_event = on_event
        self._next_id = 0
        self._pending: dict[int, asyncio.Future] = {}
        self._reader = asyncio.get_running_loop().create_task(self._read())

    @classmethod
    async def open(cls, url: str, auth: dict, on_event=None) -> "Socket":
        """Connect, send the Socket.IO connect with `auth`, wait until it is accepted."""
        ws = await websockets.connect(
            url, max_queue=None, open_timeout=TIMEOUT, compression=None, ping_interval=None
        )
        try:
            await asyncio.wait_for(ws.recv(), TIMEOUT)  # Engine.IO open
            await ws.send("40" + json.dumps(auth))
            while True:
                message = await asyncio.wait_for(ws.recv(), TIMEOUT)
                if message.startswith("40"):
                    break
                if message.startswith("44"):
                    raise ConnectRefused(message[2:200])
                if message == "2":
                    await ws.send("3")
        except BaseException:
            await ws.close()
            raise
        return cls(ws, on_event)

    async def _read(self) -> None:
        try:
            async for message in self.ws:
                if message == "2":
                    await self.ws.send("3")
                elif message.startswith("43"):
                    match = _ACK.match(message)
                    future = self._pending.pop(int(match.group(1)), None)
                    if future is not None and not future.done():
                        future.set_result(message[match.end() :])
                elif message.startswith("42") and self.on_event is not None:
                    self.on_event(message, time.perf_counter())
        except websockets.ConnectionClosed:
            pass
        finally:
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(ConnectionError("connection closed"))
                    future.exception()  # a send nobody awaits (a dropped outbox) is not an error
            self._pending.clear()

    async def send(self, event: str, payload: dict) -> asyncio.Future:
        """Send an event; the future resolves to the raw ack text (a JSON list)."""
        self._next_id += 1
        future = asyncio.get_running_loop().create_future()
        self._pending[self._next_id] = future
        await self.ws.send(f"42{self._next_id}" + json.dumps([event, payload]))
        return future

    async def call(self, event: str, payload: dict, timeout: float = TIMEOUT) -> dict:
        """Send an event and return its decoded ack."""
        future = await self.send(event, payload)
        return json.loads(await asyncio.wait_for(future, timeout))[0]

    async def close(self) -> None:
        """Close the websocket and stop reading."""
        await self.ws.close()
        self._reader.cancel()

    def drop(self) -> None:
        """Lose the connection without a goodbye, as a phone leaving the Wi-Fi does."""
        transport = self.ws.transport
        if transport is not None:
            transport.abort()
        self._reader.cancel()


def ws_url(base_url: str) -> str:
    """The websocket address of a server's Socket.IO endpoint."""
    return base_url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"


def phone_auth(room: str, token: str | None = None) -> dict:
    """A participant's connect auth with a fresh anonymous token."""
    return {"role": "participant", "room": room, "token": token or secrets.token_urlsafe(32)}


def answer(prompt_id: int, value: int, client_id: str | None = None) -> dict:
    """A `response:submit` payload: a new client_id unless one is given (a resend)."""
    return {"prompt_id": prompt_id, "client_id": client_id or secrets.token_hex(8), "value": value}


async def open_many(url: str, auths: list[dict], concurrency: int = 200, on_event=None):
    """Connect every auth, at most `concurrency` handshakes at once; (sockets, failures)."""
    gate = asyncio.Semaphore(concurrency)
    failures: list[str] = []

    async def one(auth):
        async with gate:
            for attempt in range(5):
                try:
                    return await Socket.open(url, auth, on_event)
                except ConnectRefused as error:
                    if "rate_limited" not in str(error) or attempt == 4:
                        failures.append(str(error))
                        return None
                    await asyncio.sleep(0.5 + attempt)
                except (TimeoutError, OSError, websockets.WebSocketException) as error:
                    failures.append(f"{type(error).__name__}: {error}")
                    return None

    sockets = await asyncio.gather(*(one(auth) for auth in auths))
    return [s for s in sockets if s is not None], failures


def percentile(values: list[float], share: float) -> float:
    """The share-quantile of values (nearest rank), or NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]
