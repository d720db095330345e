"""One flooding phone beside an honest hall: the honest phones' ack latency with and without it.

Starts a real `python wsgi.py` (eventlet, SQLite, the demo event) on 127.0.0.1 and opens the demo's
first prompt. N honest phones, each a raw Engine.IO/Socket.IO websocket client in one asyncio
process, answer in a closed loop for T seconds (each waits for its ack, then thinks for a moment,
as a person would). The run is made twice on the same server: without, then with, one more socket
sending `response:submit` as fast as it can. It prints the honest phones' ack p50/p99 of both runs,
their ratio, what the flooder got back and whether it was disconnected; and writes it as JSON.

    .venv/bin/python benchmarks/flood.py [--phones 200] [--seconds 10] [--out results.json]

Everything targets 127.0.0.1, every wait has a timeout, and the server is stopped at the end.
"""

import argparse
import asyncio
import json
import os
import random
import secrets
import sys
import tempfile
import time
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.harness import DEMO_ROOM, ServerProcess, agenda_prompts  # noqa: E402

TIMEOUT = 15.0


async def _open(url: str) -> websockets.ClientConnection:
    """A connected participant socket (Engine.IO open, Socket.IO connect with a fresh token)."""
    ws = await websockets.connect(url, max_queue=None, open_timeout=TIMEOUT)
    await asyncio.wait_for(ws.recv(), TIMEOUT)
    auth = {"role": "participant", "room": DEMO_ROOM, "token": secrets.token_urlsafe(32)}
    await ws.send("40" + json.dumps(auth))
    while not (await asyncio.wait_for(ws.recv(), TIMEOUT)).startswith("40"):
        pass
    return ws


def _answer(prompt_id: int, ack_id: int) -> str:
    payload = {
        "prompt_id": prompt_id,
        "client_id": secrets.token_hex(8),
        "value": random.randint(1, 7),
    }
    return f"42{ack_id}" + json.dumps(["response:submit", payload])


async def honest_phone(url, prompt_id, stop_at, latencies, failures):
    """Answer, wait for the ack, think 0.2-0.6 s, again; until stop_at."""
    ws = await _open(url)
    ack_id = 0
    try:
        while time.monotonic() < stop_at:
            ack_id += 1
            started = time.perf_counter()
            await ws.send(_answer(prompt_id, ack_id))
            while True:
                message = await asyncio.wait_for(ws.recv(), TIMEOUT)
                if message == "2":
                    await ws.send("3")
                elif message.startswith(f"43{ack_id}["):
                    break
            latencies.append(time.perf_counter() - started)
            if '"ok":true' not in message.replace(" ", ""):
                failures.append(message[:120])
            await asyncio.sleep(random.uniform(0.2, 0.6))
    finally:
        await ws.close()


async def flooder(url, prompt_id, stop_at, outcome):
    """Send answers as fast as the socket takes them; count what comes back."""
    ws = await _open(url)
    sent = 0

    async def reader():
        async for message in ws:
            if message.startswith("43"):
                outcome["acks"] += 1
                if "rate_limited" in message:
                    outcome["rate_limited"] += 1
            elif message == "2":
                await ws.send("3")

    reading = asyncio.create_task(reader())
    try:
        while time.monotonic() < stop_at:
            sent += 1
            await ws.send(_answer(prompt_id, sent))
            if sent % 50 == 0:
                await asyncio.sleep(0)
    except websockets.ConnectionClosed:
        outcome["disconnected_after"] = sent
    finally:
        outcome["sent"] = sent
        reading.cancel()
        await ws.close()


async def run(url, prompt_id, phones, seconds, flood):
    latencies, failures = [], []
    outcome = {"sent": 0, "acks": 0, "rate_limited": 0, "disconnected_after": None}
    stop_at = time.monotonic() + seconds
    tasks = [honest_phone(url, prompt_id, stop_at, latencies, failures) for _ in range(phones)]
    if flood:
        tasks.append(flooder(url, prompt_id, stop_at, outcome))
    await asyncio.gather(*tasks)
    latencies.sort()
    p = lambda share: latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000  # noqa: E731
    return {
        "acks": len(latencies),
        "failures": len(failures),
        "p50_ms": round(p(0.5), 1),
        "p99_ms": round(p(0.99), 1),
        "flooder": outcome if flood else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(Path(tmp) / "server")
        server.setup()
        server.start()
        try:
            if len(os.sched_getaffinity(0)) >= 2:  # server on one core, the clients on the other
                os.sched_setaffinity(server.process.pid, {0})
                os.sched_setaffinity(0, {1})
            console = server.moderator()
            prompt = agenda_prompts(console)[0]
            assert console.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
            url = server.base_url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
            quiet = asyncio.run(run(url, prompt["id"], args.phones, args.seconds, False))
            flooded = asyncio.run(run(url, prompt["id"], args.phones, args.seconds, True))
        finally:
            server.close()
    ratio = flooded["p99_ms"] / quiet["p99_ms"] if quiet["p99_ms"] else float("nan")
    result = {
        "phones": args.phones,
        "seconds": args.seconds,
        "quiet": quiet,
        "flooded": flooded,
        "p99_ratio": round(ratio, 2),
        "target": "p99 ratio <= 2.0",
        "met": ratio <= 2.0,
    }
    print(f"{'':28}{'honest acks':>12}{'p50 ms':>9}{'p99 ms':>9}")
    for name in ("quiet", "flooded"):
        r = result[name]
        print(f"{name + ' hall':28}{r['acks']:>12}{r['p50_ms']:>9}{r['p99_ms']:>9}")
    f = flooded["flooder"]
    print(
        f"flooder: sent {f['sent']}, rate_limited {f['rate_limited']}, disconnected after "
        f"{f['disconnected_after']}"
    )
    print(
        f"honest p99 with a flooder / without: {result['p99_ratio']}x (target <= 2x): "
        f"{'met' if result['met'] else 'NOT met'}"
    )
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
