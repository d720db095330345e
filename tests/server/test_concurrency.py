"""200 phones answer at once on the real server: nothing is lost, nothing is counted twice.

Every phone is a python-socketio client on its own websocket. All answer the open prompt at the
same moment (a barrier), some then reconnect and resend the same submission (as a phone does after
a Wi-Fi drop), some change their answer; afterwards the database, the projector's revealed
aggregate and the moderator's sync must all agree with what the phones last sent.
"""

import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.harness import (
    TIMEOUT,
    SocketClient,
    agenda_prompts,
    close_all,
    new_client_id,
    running,
)

pytestmark = [pytest.mark.server, pytest.mark.timeout(120)]

PHONES = 200
RESENDING = 20  # reconnect, then resend the same client_id
CHANGING = 20  # change their answer under a new client_id
SEED = 20140612
INTERVAL = 0.25  # BROADCAST_INTERVAL of the server


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    """One server for the module: the demo on SQLite, eventlet."""
    with running(
        tmp_path_factory.mktemp("hall"), env={"BROADCAST_INTERVAL": str(INTERVAL)}
    ) as server:
        yield server


@pytest.fixture(scope="module")
def phones(hall):
    """200 connected phones, each with its own token."""
    with ThreadPoolExecutor(max_workers=25) as pool:
        connected = list(pool.map(lambda _: hall.phone(), range(PHONES)))
    yield connected
    close_all(connected)


@pytest.fixture(scope="module")
def console(hall):
    return hall.moderator()


def _run_all(count: int, task) -> list:
    """Run task(i) for i in range(count) in one thread each, released together by a barrier."""
    barrier = threading.Barrier(count)

    def start(i):
        barrier.wait(TIMEOUT)
        return task(i)

    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(start, i) for i in range(count)]
        return [future.result(timeout=60) for future in futures]


def _answer_all(hall, phones, prompt_id, first_values, changed_values, rng):
    """Every phone answers at once; returns what each phone sent last and every failed ack."""
    indices = list(range(PHONES))
    resending = set(rng.sample(indices, RESENDING))
    changing = set(rng.sample([i for i in indices if i not in resending], CHANGING))
    failures = []

    def submit(phone: SocketClient, client_id, value):
        payload = {"prompt_id": prompt_id, "client_id": client_id, "value": value}
        ack = phone.call("response:submit", payload)
        if ack != {"ok": True, "prompt_id": prompt_id, "client_id": client_id, "value": value}:
            failures.append((phone.token[:6], payload, ack))

    def script(i):
        phone = phones[i]
        client_id, value = new_client_id(), first_values[i]
        submit(phone, client_id, value)
        if i in resending:
            phone.close()
            phone = phones[i] = hall.phone(token=phone.token)
            state = phone.wait_for("state")
            mine = state["mine"]
            if mine != {
                "prompt_id": prompt_id,
                "answered": True,
                "value": value,
                "client_id": client_id,
            }:
                failures.append((phone.token[:6], "state.mine after reconnect", mine))
            submit(phone, client_id, value)
        if i in changing:
            client_id, value = new_client_id(), changed_values[i]
            submit(phone, client_id, value)
        return client_id, value

    started = time.monotonic()
    last_sent = _run_all(PHONES, script)
    return last_sent, failures, time.monotonic() - started


def _reveal_and_collect(hall, console, prompt_id, expected_n):
    """Reveal; the projector's settled `prompt` event and the moderator's view of the prompt."""
    screen = hall.screen()
    mark = screen.mark()
    ack = console.call("prompt:reveal", {"prompt_id": prompt_id})
    assert ack["ok"], ack
    screen.wait_for(
        "prompt",
        lambda p: p["id"] == prompt_id and p["revealed"] and p["counts"]["responses"] == expected_n,
        after=mark,
    )
    time.sleep(4 * INTERVAL)  # let any later coalesced update arrive
    revealed = [
        p for p in screen.received("prompt", after=mark) if p["id"] == prompt_id and p["revealed"]
    ]
    # Every answer was acknowledged before the reveal, so every revealed update is final.
    assert all(p["results"] == revealed[-1]["results"] for p in revealed)
    [synced] = [p for p in agenda_prompts(console) if p["id"] == prompt_id]
    return revealed[-1], synced


def _open(console, screen, prompt_id):
    ack = console.call("prompt:open", {"prompt_id": prompt_id})
    assert ack["ok"], ack
    screen.wait_for("state", lambda s: s["current_prompt_id"] == prompt_id)


def _coalesced(screen, mark, prompt_id, seconds):
    """Updates of the prompt the projector received during the burst, the final count included."""
    screen.wait_for(
        "prompt",
        lambda p: p["id"] == prompt_id and p["counts"]["responses"] == PHONES,
        after=mark,
    )
    updates = [p for p in screen.received("prompt", after=mark) if p["id"] == prompt_id]
    assert all("results" not in p for p in updates), "hidden results reached the projector"
    # Coalesced: a few updates per second at most, never one per answer (DESIGN.md).
    assert len(updates) <= seconds / INTERVAL + 4, f"{len(updates)} updates in {seconds:.1f} s"


def test_200_phones_answer_a_position_prompt_at_once(hall, phones, console):
    rng = random.Random(SEED)
    prompt = next(p for p in agenda_prompts(console) if p["kind"] == "position")
    points = prompt["settings"]["points"]
    scale = [*range(1, points + 1), None]  # None: "no opinion"
    first = [rng.choice(scale) for _ in range(PHONES)]
    changed = [rng.choice([v for v in scale if v != first[i]]) for i in range(PHONES)]
    watcher = hall.screen()
    _open(console, watcher, prompt["id"])
    mark = watcher.mark()

    last_sent, failures, seconds = _answer_all(hall, phones, prompt["id"], first, changed, rng)

    assert failures == []
    expected = Counter(value for _, value in last_sent)
    assert len(last_sent) == PHONES
    # The database: exactly one response per phone, each the phone's last answer.
    stored = hall.responses(prompt["id"])
    assert len(stored) == PHONES
    assert Counter(value for value, _ in stored) == expected
    assert sorted(client_id for _, client_id in stored) == sorted(c for c, _ in last_sent)
    _coalesced(watcher, mark, prompt["id"], seconds)

    last, synced = _reveal_and_collect(hall, console, prompt["id"], PHONES)
    counts = [expected[point] for point in range(1, points + 1)]
    opinions = [value for _, value in last_sent if value is not None]
    for view in (last, synced):
        summary = view["results"]["summary"]
        assert view["counts"]["responses"] == PHONES
        assert summary["n"] == PHONES
        assert summary["no_opinion"] == expected[None]
        assert summary["counts"] == counts
        assert summary["mean"] == pytest.approx(sum(opinions) / len(opinions))
    assert _published(last["results"]) == synced["results"]
    assert hall.alive
    log = hall.log_text()
    assert "Traceback" not in log
    assert not [phone for phone in phones if phone.token in log]


def test_200_phones_rank_a_priority_prompt_at_once(hall, phones, console):
    rng = random.Random(SEED + 1)
    prompt = next(p for p in agenda_prompts(console) if p["kind"] == "priority")
    k = len(prompt["settings"]["options"])
    assert prompt["settings"]["rank_top"] is None  # every ballot ranks all options
    first = [rng.sample(range(k), k) for _ in range(PHONES)]
    changed = [list(reversed(ballot)) for ballot in first]
    watcher = hall.screen()
    _open(console, watcher, prompt["id"])
    mark = watcher.mark()

    last_sent, failures, seconds = _answer_all(hall, phones, prompt["id"], first, changed, rng)

    assert failures == []
    ballots = [ballot for _, ballot in last_sent]
    stored = hall.responses(prompt["id"])
    assert len(stored) == PHONES
    assert Counter(map(tuple, (v for v, _ in stored))) == Counter(map(tuple, ballots))
    assert sorted(client_id for _, client_id in stored) == sorted(c for c, _ in last_sent)
    _coalesced(watcher, mark, prompt["id"], seconds)

    borda = [0] * k
    firsts = Counter(ballot[0] for ballot in ballots)
    for ballot in ballots:
        for position, option in enumerate(ballot):
            borda[option] += k - 1 - position
    last, synced = _reveal_and_collect(hall, console, prompt["id"], PHONES)
    for view in (last, synced):
        summary = view["results"]["summary"]
        assert summary["n"] == PHONES
        assert [o["borda"] for o in summary["options"]] == borda
        assert [o["share_first"] for o in summary["options"]] == pytest.approx(
            [firsts[i] / PHONES for i in range(k)]
        )
        assert summary["order"] == sorted(range(k), key=lambda i: (-borda[i], i))
    assert _published(last["results"]) == synced["results"]
    assert hall.alive


def _published(results: dict) -> dict:
    """Results as screens get them, less the snapshot's marks (as_of, final)."""
    return {key: value for key, value in results.items() if key not in ("as_of", "final")}
