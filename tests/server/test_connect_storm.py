"""A thousand phones connecting at once to a worker beside Redis all get in, and the pages are
served when the shared rate-limit counters cannot be reached.

Connect limits are counted in the worker; HTTP and sign-in limits in Redis (RATELIMIT_STORAGE_URI,
REDIS_URL by default), through a bounded pool (facilitator/limit_storage.py).
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
import requests

from benchmarks.phones import open_many, phone_auth, ws_url
from tests.harness import DEMO_ROOM, REDIS_URL, TIMEOUT

pytestmark = [pytest.mark.server, pytest.mark.redis, pytest.mark.timeout(180)]

PHONES = 1000


async def _connect_all(base_url: str) -> tuple[int, list[str]]:
    sockets, failures = await open_many(
        ws_url(base_url), [phone_auth(DEMO_ROOM) for _ in range(PHONES)], concurrency=PHONES
    )
    await asyncio.gather(*(s.close() for s in sockets), return_exceptions=True)
    return len(sockets), failures


def test_a_hall_connecting_at_once_gets_in_on_a_worker_beside_redis(server_factory):
    redis.Redis.from_url(REDIS_URL, socket_timeout=5).flushdb()
    server = server_factory(redis_url=REDIS_URL)
    # Its own thread: a browser test's driver may have left an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        connected, failures = pool.submit(asyncio.run, _connect_all(server.base_url)).result(120)
    assert failures == []
    assert connected == PHONES
    log = server.log_text()
    assert "Traceback" not in log, log[-3000:]


def test_pages_are_served_when_the_shared_counters_cannot_be_reached(server_factory):
    server = server_factory(env={"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:9/0"})
    page = requests.get(f"{server.base_url}/j/{DEMO_ROOM}", timeout=TIMEOUT)
    assert page.status_code == 200
    assert server.phone().connected
