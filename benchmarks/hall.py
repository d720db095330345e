"""The load harness: Facilitator beside a bare Flask-SocketIO ceiling, scenario by scenario.

In one run it starts a real `wsgi.py` (fresh instance, demo event, first prompt open) and a bare
Flask-SocketIO server of the same async mode that only acknowledges (the ceiling E,
benchmarks/ceiling.py), drives both with the same raw asyncio client (benchmarks/phones.py) in
its own process, the server pinned to core 0 and the client to core 1, and after each scenario
counts the database's rows: 0 lost, 0 doubled. It prints one table of figures and ratios to the
ceiling, with the targets of docs/performance.md, and writes it as JSON.

    .venv/bin/python benchmarks/hall.py [--quick] [--out bench.json] [--only burst,reveal]

Everything targets 127.0.0.1; every wait has a timeout; every process is stopped at the end.
"""

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import report  # noqa: E402
from benchmarks.servers import Ceiling, Facilitator, cpu_seconds, pin, rss_mb  # noqa: E402

SIZES = {
    "full": dict(
        loop_phones=1000, seconds=8, burst=2000, held=4000, storm=2000, reveal=2000, flood=200
    ),
    "quick": dict(
        loop_phones=600, seconds=2, burst=1000, held=1200, storm=600, reveal=1000, flood=100
    ),
}
SCENARIO_TIMEOUT = 240


def _client_init() -> None:
    pin(0, {1})


def _client_run(name: str, target: dict, kwargs: dict) -> dict:
    """In the client process: run one scenario, and measure what the client itself cost."""
    from benchmarks.scenarios import SCENARIOS, Target

    wall, cpu = time.perf_counter(), time.process_time()
    result = asyncio.run(SCENARIOS[name](Target(**target), **kwargs))
    result["client_cpu_share"] = round(
        (time.process_time() - cpu) / (time.perf_counter() - wall), 2
    )
    return result


class Run:
    """One harness run: the client process, the figures so far, the checks of the rows."""

    def __init__(self, sizes: dict, workdir: Path):
        self.sizes = sizes
        self.workdir = workdir
        self.client = ProcessPoolExecutor(
            1, mp_context=get_context("spawn"), initializer=_client_init
        )
        self.figures: dict[str, dict] = {}

    def measure(self, key: str, server, scenario: str, target: dict | None = None, **kwargs):
        """Run a scenario against a server; record figures, server CPU/RSS and the row check."""
        before = server.values()
        cpu, wall = cpu_seconds(server.pid), time.perf_counter()
        future = self.client.submit(_client_run, scenario, target or server.target(), kwargs)
        result = future.result(timeout=SCENARIO_TIMEOUT)
        elapsed = time.perf_counter() - wall
        result["server_cpu_share"] = round((cpu_seconds(server.pid) - cpu) / elapsed, 2)
        result["server_rss_mb"] = round(rss_mb(server.pid), 1)
        result["server_peak_rss_mb"] = round(rss_mb(server.pid, "VmHWM"), 1)
        stored = result.pop("stored")
        if not server.ceiling:
            result.update(report.row_check(before, server.values(), stored))
        self.figures[key] = result
        print(f"  {key}: {report.brief(result)}", flush=True)
        return result

    def close(self) -> None:
        """Stop the client process."""
        self.client.shutdown(cancel_futures=True)


def hall_scenarios(run: Run, mode: str) -> None:
    """Closed loop, open loop at 0.3/0.6/1.0 E, burst, reconnect storm, reveal: one server each."""
    s = run.sizes
    ceiling = Ceiling(mode, run.workdir)
    facilitator = Facilitator(mode, run.workdir)
    try:
        pin(ceiling.pid, {0})
        pin(facilitator.pid, {0})
        for name, server in (("ceiling", ceiling), ("facilitator", facilitator)):
            run.measure(
                f"{mode}.closed.{name}", server, "closed_loop",
                phones=s["loop_phones"], seconds=s["seconds"],
            )  # fmt: skip
        if mode != "eventlet":
            return
        ceiling_rate = run.figures[f"{mode}.closed.ceiling"]["acks_per_s"]
        for share in (0.3, 0.6, 1.0):
            for name, server in (("ceiling", ceiling), ("facilitator", facilitator)):
                run.measure(
                    f"open.{share}.{name}", server, "open_loop",
                    phones=s["loop_phones"], rate=share * ceiling_rate, seconds=s["seconds"],
                )  # fmt: skip
        for name, server in (("ceiling", ceiling), ("facilitator", facilitator)):
            run.measure(f"burst.{name}", server, "burst", phones=s["burst"])
            run.measure(f"storm.{name}", server, "reconnect_storm", phones=s["storm"])
        run.figures["eventlet.tracebacks"] = {"count": facilitator.log_tracebacks()}
    finally:
        ceiling.close()
        facilitator.close()


def held_scenario(run: Run) -> None:
    """Many phones connected on fresh servers: RSS, connect rate, one answer each; then a
    moderator reveals the prompt those phones answered, to a hall of phones connected anew."""
    for name, make in (("ceiling", Ceiling), ("facilitator", Facilitator)):
        server = make("eventlet", run.workdir)
        try:
            pin(server.pid, {0})
            run.measure(f"held.{name}", server, "connected", phones=run.sizes["held"])
            run.measure(f"reveal.{name}", server, "reveal_fanout", phones=run.sizes["reveal"])
        finally:
            server.close()


def flood_scenario(run: Run) -> None:
    """One flooding phone beside an honest hall (benchmarks/flood.py's two runs)."""
    from benchmarks import flood

    facilitator = Facilitator("eventlet", run.workdir)
    try:
        pin(facilitator.pid, {0})
        url = facilitator.target()["base_url"].replace("http", "ws") + (
            "/socket.io/?EIO=4&transport=websocket"
        )
        future = run.client.submit(_flood_run, url, facilitator.prompt["id"], run.sizes["flood"])
        quiet, flooded = future.result(timeout=SCENARIO_TIMEOUT)
        run.figures["flood"] = {
            "quiet_p99_ms": quiet["p99_ms"],
            "flooded_p99_ms": flooded["p99_ms"],
            "flooder": flooded["flooder"],
        }
        print(f"  flood: {report.brief(run.figures['flood'])}", flush=True)
    finally:
        facilitator.close()
    del flood


def _flood_run(url: str, prompt_id: int, phones: int):
    from benchmarks import flood

    seconds = 5
    quiet = asyncio.run(flood.run(url, prompt_id, phones, seconds, False))
    flooded = asyncio.run(flood.run(url, prompt_id, phones, seconds, True))
    return quiet, flooded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller and shorter (< 3 minutes)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench.json")
    parser.add_argument("--only", default="", help="comma-separated: hall,gevent,held,flood,scale")
    args = parser.parse_args()
    only = {part for part in args.only.split(",") if part}
    size = "quick" if args.quick else "full"
    workdir = Path(tempfile.mkdtemp(prefix="facilitator-hall-"))
    run = Run(SIZES[size], workdir)
    started = time.monotonic()
    try:
        steps = [
            ("hall", lambda: hall_scenarios(run, "eventlet")),
            ("gevent", lambda: hall_scenarios(run, "gevent")),
            ("held", lambda: held_scenario(run)),
            ("flood", lambda: flood_scenario(run)),
            ("scale", lambda: scale_out(run)),
        ]
        for name, step in steps:
            if not only or name in only:
                print(f"{name} ...", flush=True)
                step()
    finally:
        run.close()
        shutil.rmtree(workdir, ignore_errors=True)
    table = report.table(run.figures, SIZES[size])
    print()
    print(report.render(table))
    print(f"\n{size} run, {time.monotonic() - started:.0f} s, {os.cpu_count()} cores")
    args.out.write_text(
        json.dumps({"size": size, "figures": run.figures, "table": table}, indent=2)
    )
    print(f"written: {args.out}")
    # Unmet speed targets are figures to read; a lost or doubled answer is a failure.
    checked = [v for v in run.figures.values() if isinstance(v, dict) and "lost" in v]
    return 0 if all(v["lost"] == 0 and v["doubled"] == 0 for v in checked) else 1


def scale_out(run: Run) -> None:
    """Two workers behind nginx, on PostgreSQL and Redis, beside one worker on the same."""
    from benchmarks.scale import scale_out as measure_scale_out

    measure_scale_out(run)


if __name__ == "__main__":
    sys.exit(main())
