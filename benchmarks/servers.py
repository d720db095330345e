"""The processes a load run measures: Facilitator, the bare ceiling, nginx; and what they hold.

Facilitator servers come from tests/harness.py (`python wsgi.py` on a fresh instance with the demo
event). The ceiling is benchmarks/ceiling.py in the same async mode. Every process listens on
127.0.0.1 only and is stopped by `close()`.
"""

import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.harness import DEMO_ROOM, ServerProcess, agenda_prompts, free_port  # noqa: E402

# Every simulated phone comes from 127.0.0.1: the per-address connect limit (a hall behind one
# NAT address) would measure the limit, not the server. docs/performance.md says so.
BENCH_ENV = {"CONNECT_RATE_LIMIT": "100000/second", "HTTP_RATE_LIMIT": "100000/second"}


def pin(pid: int, cores: set[int]) -> None:
    """Keep a process on the given cores where the machine has them."""
    if len(os.sched_getaffinity(0)) >= 2:
        os.sched_setaffinity(pid, cores)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's resident memory (VmRSS) or its peak (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Ceiling:
    """benchmarks/ceiling.py on a free port of 127.0.0.1."""

    ceiling = True

    def __init__(self, mode: str, workdir: Path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log = open(workdir / f"ceiling-{mode}-{self.port}.log", "wb")  # noqa: SIM115
        env = {**os.environ, "ASYNC_MODE": mode, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "benchmarks" / "ceiling.py"), "--port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        _wait_until_up(self.base_url, self.process)
        self.pid = self.process.pid

    def target(self) -> dict:
        """What the client needs to reach it."""
        return {"base_url": self.base_url, "room": DEMO_ROOM, "prompt_id": 1, "ceiling": True}

    def values(self) -> collections.Counter:
        """The ceiling keeps nothing."""
        return collections.Counter()

    def close(self) -> None:
        """Stop the process."""
        _stop(self.process)
        self.log.close()


class Facilitator:
    """A real `python wsgi.py` with the demo event and its first (position) prompt open."""

    ceiling = False

    def __init__(self, mode: str, workdir: Path, **options):
        env = {**BENCH_ENV, **options.pop("env", {})}
        setup = options.pop("setup", True)
        self.server = ServerProcess(
            Path(tempfile.mkdtemp(dir=workdir)), async_mode=mode, env=env, **options
        )
        if setup:
            self.server.setup()
        self.server.start()
        self.base_url = self.server.base_url
        self.pid = self.server.process.pid
        self.session = self.server.login()
        console = self.server.moderator(session=self.session)
        self.prompt = agenda_prompts(console)[0]
        if self.prompt["state"] != "open":
            assert console.call("prompt:open", {"prompt_id": self.prompt["id"]})["ok"]
        console.close()

    def target(self, base_url: str | None = None) -> dict:
        """What the client needs: address, room, prompt and the moderator's session cookie."""
        cookie = "; ".join(f"{k}={v}" for k, v in self.session.cookies.items())
        return {
            "base_url": base_url or self.base_url,
            "room": DEMO_ROOM,
            "prompt_id": self.prompt["id"],
            "points": self.prompt["settings"]["points"],
            "cookie": cookie,
        }

    def values(self) -> collections.Counter:
        """The stored values of the prompt's responses, as a multiset."""
        sql = "SELECT value FROM response WHERE prompt_id = {}"
        prompt_id = self.prompt["id"]
        if self.server.database_url.startswith("sqlite"):
            rows = self.server.query(sql.format("?"), prompt_id)
        else:
            import psycopg

            url = self.server.database_url.replace("postgresql+psycopg://", "postgresql://")
            with psycopg.connect(url) as connection:
                rows = connection.execute(sql.format("%s"), (prompt_id,)).fetchall()
        return collections.Counter(json.loads(v) if isinstance(v, str) else v for (v,) in rows)

    def log_tracebacks(self) -> int:
        """How many tracebacks the server logged."""
        return self.server.log_text().count("Traceback")

    def close(self) -> None:
        """Stop the server and its clients."""
        self.server.close()


NGINX_CONF = ROOT / "docs" / "deploy" / "nginx.conf"


class Nginx:
    """nginx with the shipped configuration in front of Facilitator processes."""

    def __init__(self, workdir: Path, upstreams: list[str]):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        prefix = workdir / f"nginx-{self.port}"
        (prefix / "logs").mkdir(parents=True)
        site = NGINX_CONF.read_text()
        site = site.replace("listen 80;", f"listen 127.0.0.1:{self.port};")
        servers = "".join(f"    server {u};\n" for u in upstreams)
        site = site.replace("    server 127.0.0.1:5001;\n    server 127.0.0.1:5002;\n", servers)
        config = prefix / "nginx.conf"
        config.write_text(
            "daemon off;\nworker_processes 1;\npid nginx.pid;\nerror_log logs/error.log;\n"
            "events { worker_connections 16384; }\n"
            "http {\n"
            "  client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp;\n"
            "  uwsgi_temp_path tmp; scgi_temp_path tmp;\n" + site + "}\n"
        )
        (prefix / "tmp").mkdir()
        self.process = subprocess.Popen(
            ["nginx", "-p", str(prefix), "-c", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=open(prefix / "logs" / "stderr.log", "wb"),  # noqa: SIM115
        )
        _wait_until_up(self.base_url, self.process)
        self.pid = self.process.pid

    def close(self) -> None:
        """Stop nginx."""
        _stop(self.process)


def _wait_until_up(base_url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{base_url}: the process exited with {process.returncode}")
        try:
            requests.get(base_url + "/", timeout=1).close()
            return
        except requests.RequestException:
            if time.monotonic() > deadline:
                _stop(process)
                raise RuntimeError(f"{base_url} did not answer within {timeout} s") from None
            time.sleep(0.1)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
