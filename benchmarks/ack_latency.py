"""Ack latency of `response:submit` on the real server, eventlet and gevent side by side.

For each async mode the script starts `python wsgi.py` (SQLite, the demo event), opens the demo's
first position prompt, connects N phones over websockets (python-socketio clients, spread over
worker processes), lets every phone answer once to warm up, then releases all of them at once:
each sends M changed answers one after the other, waiting for each ack as a phone does. It prints
acks/s and the p50/p95/p99 ack latency per mode and the ratio gevent/eventlet.

    .venv/bin/python benchmarks/ack_latency.py [--phones 300] [--answers 20] [--workers 2]

Every wait has a timeout and the whole run stops after --time-limit seconds.
"""

import argparse
import contextlib
import multiprocessing
import queue
import random
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.harness import (  # noqa: E402
    ServerProcess,
    SocketClient,
    agenda_prompts,
    close_all,
    new_client_id,
    new_token,
)

CALL_TIMEOUT = 15.0


def _phone_worker(base_url, prompt_id, phones, answers, seed, barrier, results) -> None:
    """One client process: connect its phones, warm up, wait for the others, answer, report."""
    rng = random.Random(seed)
    clients: list[SocketClient] = []
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def connect(_):
        auth = {"role": "participant", "room": "PNRY27", "token": new_token()}
        return SocketClient(base_url, auth, timeout=CALL_TIMEOUT).connect()

    def answer(client, value):
        payload = {"prompt_id": prompt_id, "client_id": new_client_id(), "value": value}
        started = time.perf_counter()
        try:
            ack = client.call("response:submit", payload)
        except Exception as error:  # a timeout or a dropped connection counts as an error
            return None, f"{type(error).__name__}: {error}"
        elapsed = time.perf_counter() - started
        return elapsed, None if ack.get("ok") else str(ack.get("error"))

    def run(client, values):
        mine, failures = [], []
        for value in values:
            elapsed, error = answer(client, value)
            if error:
                failures.append(error)
            else:
                mine.append(elapsed)
        with lock:
            latencies.extend(mine)
            errors.extend(failures)

    try:
        with ThreadPoolExecutor(max_workers=20) as pool:
            clients = list(pool.map(connect, range(phones)))
        with ThreadPoolExecutor(max_workers=phones) as pool:
            list(pool.map(lambda c: answer(c, rng.randint(1, 7)), clients))  # warm-up
        barrier.wait(120)
        started = time.monotonic()
        plans = [[rng.randint(1, 7) for _ in range(answers)] for _ in clients]
        with ThreadPoolExecutor(max_workers=phones) as pool:
            list(pool.map(run, clients, plans))
        finished = time.monotonic()
        results.put({"latencies": latencies, "errors": errors, "span": (started, finished)})
    except Exception as error:
        barrier.abort()  # release the others rather than let them wait for this process
        results.put({"latencies": latencies, "errors": [repr(error)], "span": None})
    finally:
        close_all(clients)


def _percentile(ordered: list[float], share: float) -> float:
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def measure(mode: str, args, workdir: Path) -> dict:
    """Start a server in this mode, run the phones against it, and summarise the acks."""
    server = ServerProcess(workdir / mode, async_mode=mode, env=dict(args.server_env))
    context = multiprocessing.get_context("spawn")
    workers: list = []
    try:
        server.setup()
        server.start()
        console = server.moderator()
        prompt = agenda_prompts(console)[0]
        assert console.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
        server.screen()  # a projector receives the coalesced updates, as in the hall

        barrier = context.Barrier(args.workers + 1)
        results = context.Queue()
        shares = [
            args.phones // args.workers + (i < args.phones % args.workers)
            for i in range(args.workers)
        ]
        for index, phones in enumerate(shares):
            worker = context.Process(
                target=_phone_worker,
                args=(server.base_url, prompt["id"], phones, args.answers, index, barrier, results),
                daemon=True,
            )
            worker.start()
            workers.append(worker)
        # A broken barrier means a worker failed to set up: its report says why.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(args.time_limit / 2)
        deadline = time.monotonic() + args.time_limit / 2
        reports = []
        while len(reports) < len(workers):
            try:
                reports.append(results.get(timeout=max(0.1, deadline - time.monotonic())))
            except queue.Empty:
                raise TimeoutError(f"{mode}: the phones did not finish in time") from None
        log = server.log_text()
    finally:
        for worker in workers:
            worker.join(10)
            if worker.is_alive():
                worker.kill()
        server.close()

    latencies = sorted(x for report in reports for x in report["latencies"])
    errors = [e for report in reports for e in report["errors"]]
    spans = [report["span"] for report in reports if report["span"]]
    seconds = max(end for _, end in spans) - min(start for start, _ in spans) if spans else 0
    return {
        "mode": mode,
        "acks": len(latencies),
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
        "seconds": seconds,
        "rate": len(latencies) / seconds if seconds else 0.0,
        "p50": _percentile(latencies, 0.50) * 1000,
        "p95": _percentile(latencies, 0.95) * 1000,
        "p99": _percentile(latencies, 0.99) * 1000,
        "mean": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
        "tracebacks": log.count("Traceback"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--answers", type=int, default=20, help="measured answers per phone")
    parser.add_argument("--workers", type=int, default=2, help="client processes")
    parser.add_argument("--modes", default="eventlet,gevent")
    parser.add_argument("--time-limit", type=float, default=240, help="seconds per mode")
    parser.add_argument(
        "--server-env",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        type=lambda item: tuple(item.split("=", 1)),
        help="extra server setting, e.g. BROADCAST_INTERVAL=1 (repeatable)",
    )
    args = parser.parse_args()
    modes = [mode.strip() for mode in args.modes.split(",") if mode.strip()]

    rows = []
    with tempfile.TemporaryDirectory(prefix="facilitator-bench-") as workdir:
        for mode in modes:
            print(
                f"measuring {mode}: {args.phones} phones x {args.answers} answers ...", flush=True
            )
            rows.append(measure(mode, args, Path(workdir)))

    print()
    print(
        f"{'mode':<9} {'phones':>6} {'acks':>6} {'errors':>6} {'seconds':>7} {'acks/s':>7}"
        f" {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'mean ms':>7}"
    )
    for row in rows:
        print(
            f"{row['mode']:<9} {args.phones:>6} {row['acks']:>6} {row['errors']:>6}"
            f" {row['seconds']:>7.2f} {row['rate']:>7.0f} {row['p50']:>7.1f} {row['p95']:>7.1f}"
            f" {row['p99']:>7.1f} {row['mean']:>7.1f}"
        )
        if row["errors"]:
            print(f"  first error: {row['first_error']}")
        if row["tracebacks"]:
            print(f"  the server logged {row['tracebacks']} traceback(s)")
    by_mode = {row["mode"]: row for row in rows}
    if {"eventlet", "gevent"} <= by_mode.keys():
        g, e = by_mode["gevent"], by_mode["eventlet"]
        print(
            "gevent/eventlet:"
            f" acks/s x{g['rate'] / e['rate']:.2f},"
            f" p50 x{g['p50'] / e['p50']:.2f},"
            f" p95 x{g['p95'] / e['p95']:.2f},"
            f" p99 x{g['p99'] / e['p99']:.2f}"
        )
    return 1 if any(row["errors"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
