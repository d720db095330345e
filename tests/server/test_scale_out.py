"""Scale-out: two server processes share PostgreSQL and a Redis message queue.

These tests never skip: without PostgreSQL or Redis they fail and say which one is missing.
"""

import psycopg
import pytest
import redis

from tests.harness import POSTGRES_URL, REDIS_URL, agenda_prompts, new_client_id

pytestmark = [
    pytest.mark.server,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.timeout(120),
]

SECRET = "scale-out-secret-shared-by-both-processes"


def _libpq_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture
def postgres():
    """The test database with an empty public schema; fails if PostgreSQL is unreachable."""
    try:
        connection = psycopg.connect(_libpq_url(POSTGRES_URL), autocommit=True, connect_timeout=5)
    except psycopg.Error as error:
        connection, problem = None, str(error).strip()
    if connection is None:
        pytest.fail(
            f"PostgreSQL at {POSTGRES_URL} is unreachable (set TEST_POSTGRES_URL): {problem}"
        )
    with connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
        yield connection


@pytest.fixture
def message_queue():
    """Redis database 15, flushed; fails if Redis is unreachable."""
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=5, socket_connect_timeout=5)
    try:
        client.flushdb()
        problem = None
    except redis.RedisError as error:
        problem = str(error)
    if problem is not None:
        client.close()
        pytest.fail(f"Redis at {REDIS_URL} is unreachable (set TEST_REDIS_URL): {problem}")
    yield client
    client.close()


def test_an_answer_on_one_process_reaches_a_projector_on_the_other(
    postgres, message_queue, server_factory
):
    shared = {"database_url": POSTGRES_URL, "redis_url": REDIS_URL, "secret_key": SECRET}
    server_a = server_factory(async_mode="eventlet", **shared)  # migrates and loads the demo
    server_b = server_factory(async_mode="gevent", setup=False, **shared)

    console = server_a.moderator()
    screen = server_b.screen()
    phone = server_a.phone()
    prompt = agenda_prompts(console)[0]

    assert console.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    opened = screen.wait_for("state", lambda s: s["current_prompt_id"] == prompt["id"])
    assert opened["prompt"]["state"] == "open"

    client_id = new_client_id()
    ack = phone.call(
        "response:submit", {"prompt_id": prompt["id"], "client_id": client_id, "value": 7}
    )
    assert ack["ok"], ack
    counted = screen.wait_for("prompt", lambda p: p["counts"]["responses"] == 1)
    assert "results" not in counted

    assert console.call("prompt:close", {"prompt_id": prompt["id"]})["ok"]  # one answer: close
    mark = screen.mark()
    assert console.call("prompt:reveal", {"prompt_id": prompt["id"]})["ok"]
    revealed = screen.wait_for("prompt", lambda p: p["revealed"], after=mark)
    summary = revealed["results"]["summary"]
    assert (summary["n"], summary["mean"], summary["counts"]) == (1, 7.0, [0] * 6 + [1])

    # One shared database: the same phone on the other process finds its answer.
    again = server_b.phone(token=phone.token)
    state = again.wait_for("state")
    assert state["mine"]["value"] == 7
    assert state["mine"]["client_id"] == client_id
    rows = postgres.execute(
        "SELECT value, client_id FROM response WHERE prompt_id = %s", (prompt["id"],)
    ).fetchall()
    assert rows == [(7, client_id)]
    assert server_a.alive and server_b.alive


def test_the_dashboard_counts_the_phones_of_every_worker(postgres, message_queue, server_factory):
    from tests.harness import SocketClient

    shared = {"database_url": POSTGRES_URL, "redis_url": REDIS_URL, "secret_key": SECRET}
    server_a = server_factory(async_mode="eventlet", **shared)
    server_b = server_factory(async_mode="gevent", setup=False, **shared)
    dashboard = SocketClient(
        server_a.base_url, {"role": "dashboard", "event": 1}, http_session=server_a.login()
    ).connect()
    plenary = next(r for r in dashboard.wait_for("state")["rooms"] if r["code"] == "PNRY27")

    phones_a = [server_a.phone() for _ in range(2)]
    phones_b = [server_b.phone() for _ in range(3)]
    line = dashboard.wait_for(
        "dashboard:room", lambda r: r["id"] == plenary["id"] and r["phones"] == 5
    )
    assert line["phones"] == 5

    mark = dashboard.mark()
    phones_a[0].close()
    phones_b[0].close()
    line = dashboard.wait_for(
        "dashboard:room", lambda r: r["id"] == plenary["id"] and r["phones"] == 3, after=mark
    )
    assert line["phones"] == 3
    # Counts only: nothing in Redis names or numbers a phone.
    for key in message_queue.scan_iter("facilitator:presence:*"):
        for field, value in message_queue.hgetall(key).items():
            assert len(field) == 32 and value.decode().split()[0].isdigit()
    dashboard.close()
