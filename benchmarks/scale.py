"""Scale-out: two Facilitator workers behind nginx (docs/deploy/nginx.conf), on PostgreSQL and
a Redis message queue, beside one worker on the same database and queue.

On a 2-core machine the two workers share the cores with the client, nginx and PostgreSQL, so
the figure shows that the set-up works and what it costs, not what two machines would give.
"""

import secrets

import psycopg
import redis

from benchmarks.phones import ws_url
from benchmarks.servers import Facilitator, Nginx, pin
from tests.harness import POSTGRES_URL, REDIS_URL


def _fresh_postgres() -> None:
    url = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
    redis.Redis.from_url(REDIS_URL, socket_timeout=5).flushdb()


def scale_out(run) -> None:
    """Closed loop on one PostgreSQL worker, then through nginx to two; rows checked in both."""
    sizes = run.sizes
    secret = secrets.token_hex(32)
    shared = {"database_url": POSTGRES_URL, "redis_url": REDIS_URL, "secret_key": secret}
    _fresh_postgres()
    first = Facilitator("eventlet", run.workdir, **shared)
    second = nginx = None
    try:
        pin(first.pid, {0})
        run.measure(
            "scale.one", first, "closed_loop", phones=sizes["loop_phones"], seconds=sizes["seconds"]
        )
        second = Facilitator("eventlet", run.workdir, setup=False, **shared)
        pin(second.pid, {1})
        nginx = Nginx(run.workdir, [first.base_url[7:], second.base_url[7:]])
        run.measure(
            "scale.two", first, "closed_loop", target=first.target(nginx.base_url),
            phones=sizes["loop_phones"], seconds=sizes["seconds"],
        )  # fmt: skip
        screens = tuple(ws_url(server.base_url) for server in (first, second))
        run.measure(
            "scale.burst", first, "burst",
            target={**first.target(nginx.base_url), "screens": screens}, phones=sizes["burst"],
        )  # fmt: skip
    finally:
        for process in (nginx, second, first):
            if process is not None:
                process.close()
