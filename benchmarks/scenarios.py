"""The load scenarios, run inside a client process against one server (Facilitator or ceiling).

Each scenario is an async function taking a `Target` and its sizes, and returns plain figures
plus `stored`: the value each phone's last acknowledged answer stored, which the harness checks
against the database's rows afterwards (0 lost, 0 doubled).
"""

import asyncio
import json
import random
import re
import secrets
import time
from dataclasses import dataclass

from benchmarks.phones import Socket, answer, open_many, percentile, phone_auth, ws_url

_COUNT = re.compile(r'"responses":\s*(\d+)')
_REVEALED = re.compile(r'"revealed":\s*true')


@dataclass
class Target:
    """Where the phones go: the server's base URL, the room and the open position prompt."""

    base_url: str
    room: str
    prompt_id: int
    points: int = 7
    cookie: str | None = None  # a moderator's session cookie (reveal on Facilitator)
    ceiling: bool = False
    screens: tuple[str, ...] = ()  # projectors' servers when not the phones' (one per worker)

    @property
    def url(self) -> str:
        """The websocket address."""
        return ws_url(self.base_url)


class Hall:
    """Connected phones, each with its last stored value and its ack latencies."""

    def __init__(self, target: Target, sockets: list[Socket]):
        self.target = target
        self.sockets = sockets
        self.stored: list[int | None] = [None] * len(sockets)
        self.latencies: list[float] = []
        self.first_acks: list[float] = []
        self.errors: list[str] = []

    def next_value(self, index: int) -> int:
        """A value other than this phone's last one: every answer is a change."""
        last = self.stored[index]
        return random.choice([v for v in range(1, self.target.points + 1) if v != last])

    async def submit(self, index: int, started: float | None = None, client_id=None, value=None):
        """Send one answer from phone `index` and record its ack."""
        value = value if value is not None else self.next_value(index)
        started = started if started is not None else time.perf_counter()
        try:
            raw = await self.sockets[index].call(
                "response:submit", answer(self.target.prompt_id, value, client_id)
            )
        except (TimeoutError, ConnectionError) as error:
            self.errors.append(type(error).__name__)
            return False
        if not raw.get("ok"):
            self.errors.append(raw.get("error", {}).get("code", "?"))
            return False
        acked = time.perf_counter()
        self.latencies.append(acked - started)
        if self.stored[index] is None:
            self.first_acks.append(acked)
        self.stored[index] = raw.get("value", value)
        return True

    async def warm_up(self) -> None:
        """Every phone answers once, so later answers are changes (as in a hall)."""
        await asyncio.gather(*(self.submit(i) for i in range(len(self.sockets))))
        self.latencies.clear()

    async def close(self) -> None:
        """Close every socket."""
        await asyncio.gather(*(s.close() for s in self.sockets), return_exceptions=True)

    def figures(self) -> dict:
        """Ack counts and latency percentiles (ms), and the values to check."""
        return {
            "acks": len(self.latencies),
            "errors": len(self.errors),
            "error_codes": sorted(set(self.errors))[:5],
            "p50_ms": round(percentile(self.latencies, 0.5) * 1000, 1),
            "p99_ms": round(percentile(self.latencies, 0.99) * 1000, 1),
            "max_ms": round(max(self.latencies, default=float("nan")) * 1000, 1),
            "stored": [v for v in self.stored if v is not None],
        }


async def connect_hall(target: Target, phones: int, on_event=None) -> tuple[Hall, dict]:
    """Connect `phones` phones; the hall and the connect figures."""
    started = time.perf_counter()
    sockets, failures = await open_many(
        target.url, [phone_auth(target.room) for _ in range(phones)], on_event=on_event
    )
    seconds = time.perf_counter() - started
    return Hall(target, sockets), {
        "connected": len(sockets),
        "connect_failures": len(failures),
        "connect_per_s": round(len(sockets) / seconds, 1),
    }


async def closed_loop(target: Target, phones: int, seconds: float) -> dict:
    """Every phone answers, waits for the ack, answers again at once: changed answers acked/s."""
    hall, connect = await connect_hall(target, phones)
    await hall.warm_up()
    stop_at = time.perf_counter() + seconds

    async def loop(index):
        while time.perf_counter() < stop_at:
            if not await hall.submit(index):
                await asyncio.sleep(0.2)

    started = time.perf_counter()
    await asyncio.gather(*(loop(i) for i in range(len(hall.sockets))))
    elapsed = time.perf_counter() - started
    await hall.close()
    return {**connect, **hall.figures(), "acks_per_s": round(len(hall.latencies) / elapsed, 1)}


async def open_loop(target: Target, phones: int, rate: float, seconds: float) -> dict:
    """Answers offered at a fixed rate whatever the acks do; latency from the scheduled time.

    The first answer of each phone raises the projector's count: its lag is measured too."""
    projector = await Projector.open(target)
    hall, connect = await connect_hall(target, phones)
    total = int(rate * seconds)
    pending = []
    started = time.perf_counter()
    for n in range(total):
        due = started + n / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        index = n % len(hall.sockets)
        pending.append(asyncio.ensure_future(hall.submit(index, started=due)))
    await asyncio.gather(*pending)
    elapsed = time.perf_counter() - started
    await hall.close()
    result = {
        **connect,
        **hall.figures(),
        "offered_per_s": round(rate, 1),
        "acks_per_s": round(len(hall.latencies) / elapsed, 1),
    }
    if projector is not None:
        result.update(await projector.lags(hall.first_acks, started))
    return result


class Projector:
    """A screen connection that records when each count of answers reached it."""

    def __init__(self):
        self.updates: list[tuple[float, int]] = []
        self.socket: Socket | None = None

    @classmethod
    async def open(cls, target: Target, url: str | None = None) -> "Projector | None":
        """A connected projector, or None on the ceiling (which has no screens)."""
        if target.ceiling:
            return None
        projector = cls()
        projector.socket = await Socket.open(
            url or target.url, {"role": "screen", "room": target.room}, projector._on_event
        )
        return projector

    def _on_event(self, message: str, at: float) -> None:
        match = _COUNT.search(message)
        if match:
            self.updates.append((at, int(match.group(1))))

    async def lags(self, acked_at: list[float], started: float) -> dict:
        """Per first answer acked: the time until a screen update counted it."""
        await asyncio.sleep(1.5)  # the last coalesced updates
        await self.socket.close()
        before = [n for t, n in self.updates if t < started]
        baseline = before[-1] if before else 0
        lags = []
        for rank, at in enumerate(sorted(acked_at), start=1):
            shown = next((t for t, n in self.updates if n - baseline >= rank), None)
            lags.append(float("inf") if shown is None else max(0.0, shown - at))
        return {
            "projector_updates": sum(1 for t, _ in self.updates if t >= started),
            "projector_lag_p99_ms": round(percentile(lags, 0.99) * 1000, 1),
            "projector_lag_max_ms": round(max(lags, default=float("nan")) * 1000, 1),
        }


async def burst(target: Target, phones: int) -> dict:
    """All phones answer at once; time to the last ack, and each projector's lag behind the acks
    (one projector per worker when `target.screens` names them)."""
    projectors = [await Projector.open(target, url) for url in target.screens or (target.url,)]
    hall, connect = await connect_hall(target, phones)
    started = time.perf_counter()
    await asyncio.gather(*(hall.submit(i, started=started) for i in range(len(hall.sockets))))
    result = {**connect, **hall.figures(), "last_ack_s": round(time.perf_counter() - started, 3)}
    await hall.close()
    lags = [await p.lags(hall.first_acks, started) for p in projectors if p is not None]
    if lags:
        worst = max(lags, key=lambda lag: lag["projector_lag_p99_ms"])
        result.update(worst)
        result["projectors"] = len(lags)
    return result


async def connected(target: Target, phones: int) -> dict:
    """Hold many phones; connect rate, then one answer each at once."""
    hall, connect = await connect_hall(target, phones)
    started = time.perf_counter()
    await asyncio.gather(*(hall.submit(i, started=started) for i in range(len(hall.sockets))))
    result = {**connect, **hall.figures(), "all_acked_s": round(time.perf_counter() - started, 3)}
    await hall.close()
    return result


async def reconnect_storm(target: Target, phones: int) -> dict:
    """Phones answer, send a change and lose the Wi-Fi before its ack, then all come back
    at once with the same token and resend the change from their outbox (same client_id)."""
    auths = [phone_auth(target.room) for _ in range(phones)]
    sockets, failures = await open_many(target.url, auths)
    hall = Hall(target, sockets)
    await hall.warm_up()
    outbox = [(secrets.token_hex(8), hall.next_value(i)) for i in range(len(sockets))]
    await asyncio.gather(
        *(
            s.send("response:submit", answer(target.prompt_id, value, client_id))
            for s, (client_id, value) in zip(sockets, outbox, strict=True)
        )
    )
    for s in sockets:
        s.drop()
    started = time.perf_counter()
    back, refused = await open_many(target.url, auths[: len(sockets)])
    reconnected = time.perf_counter() - started
    hall.sockets = back
    hall.latencies.clear()
    await asyncio.gather(
        *(
            hall.submit(i, started=started, client_id=client_id, value=value)
            for i, (client_id, value) in enumerate(outbox[: len(back)])
        )
    )
    elapsed = time.perf_counter() - started
    await hall.close()
    return {
        **hall.figures(),
        "connect_failures": len(failures) + len(refused),
        "reconnected": len(back),
        "reconnect_per_s": round(len(back) / reconnected, 1),
        "all_resent_s": round(elapsed, 3),
    }


async def reveal_fanout(target: Target, phones: int) -> dict:
    """A moderator reveals: the time until the last phone has the revealed prompt."""
    got: dict[int, float] = {}
    hall, connect = await connect_hall(target, phones)
    for index, socket in enumerate(hall.sockets):
        socket.on_event = _reveal_listener(index, got)
    if target.ceiling:
        moderator = hall.sockets[0]
        event, payload = "bench:reveal", {}
    else:
        moderator = await _moderator(target)
        event, payload = "prompt:reveal", {"prompt_id": target.prompt_id}
    await asyncio.sleep(1)
    started = time.perf_counter()
    ack = await moderator.call(event, payload)
    acked = time.perf_counter() - started
    deadline = started + 60
    while len(got) < len(hall.sockets) and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
    times = [t - started for t in got.values()]
    await hall.close()
    if moderator not in hall.sockets:
        await moderator.close()
    return {
        **connect,
        "reveal_ok": bool(ack.get("ok")),
        "moderator_ack_s": round(acked, 3),
        "first_phone_s": round(min(times, default=float("nan")), 3),
        "reached": len(got),
        "last_phone_s": round(max(times, default=float("nan")), 3),
        "p50_ms": round(percentile(times, 0.5) * 1000, 1),
        "stored": [],
    }


def _reveal_listener(index: int, got: dict):
    def on_event(message, at):
        if index not in got and _REVEALED.search(message):
            got[index] = at

    return on_event


async def _moderator(target: Target) -> Socket:
    import websockets

    ws = await websockets.connect(
        target.url,
        max_queue=None,
        additional_headers={"Cookie": target.cookie, "Origin": target.base_url},
        compression=None,
        ping_interval=None,
    )
    await asyncio.wait_for(ws.recv(), 30)
    await ws.send("40" + json.dumps({"role": "moderator", "room": target.room}))
    while not (await asyncio.wait_for(ws.recv(), 30)).startswith("40"):
        pass
    return Socket(ws)


SCENARIOS = {
    "closed_loop": closed_loop,
    "open_loop": open_loop,
    "burst": burst,
    "connected": connected,
    "reconnect_storm": reconnect_storm,
    "reveal_fanout": reveal_fanout,
}
