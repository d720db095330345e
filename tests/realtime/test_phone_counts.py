"""Phones get an update that changes only the count of answers at most once per
PHONE_COUNTS_INTERVAL; projectors follow every flush, and anything else reaches phones at once."""

import pytest

from tests.conftest import events, flush


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


@pytest.fixture
def clock(app):
    clock = Clock()
    app.extensions["broadcaster"].clock = clock.monotonic
    app.extensions["broadcaster"].phone_counts_interval = 2.0
    return clock


def _answer(phone, prompt, value, n):
    ack = phone.emit(
        "response:submit",
        {"prompt_id": prompt.id, "client_id": f"client-{n:04d}", "value": value},
        callback=True,
    )
    assert ack["ok"], ack


def test_phones_get_counts_at_most_every_interval_and_the_last_count_always(
    app, make, sockets, clock
):
    room = make.room()
    prompt = make.prompt(room, "position", points=5, state="open")
    phone, screen = sockets.phone(room), sockets.screen(room)
    others = [sockets.phone(room) for _ in range(3)]
    events(phone, "prompt"), events(screen, "prompt")

    _answer(others[0], prompt, 3, 1)
    flush(app)
    assert [p["counts"]["responses"] for p in events(phone, "prompt")] == [1]
    assert [p["counts"]["responses"] for p in events(screen, "prompt")] == [1]

    clock.now += 0.5
    _answer(others[1], prompt, 4, 2)
    flush(app)
    assert events(phone, "prompt") == []  # only the count changed, 0.5 s after the last
    assert [p["counts"]["responses"] for p in events(screen, "prompt")] == [2]

    clock.now += 0.5
    flush(app)  # nothing new, and the phones' turn has not come
    assert events(phone, "prompt") == []

    clock.now += 1.5
    flush(app)  # no new answer, but the phones still owe the last count
    assert [p["counts"]["responses"] for p in events(phone, "prompt")] == [2]
    assert events(screen, "prompt") == []

    clock.now += 5
    flush(app)
    assert events(phone, "prompt") == []  # nothing owed twice


def test_a_change_beyond_counts_reaches_phones_at_once(app, make, sockets, clock):
    moderator = make.moderator()
    room = make.room(moderators=[moderator])
    prompt = make.prompt(room, "position", points=5, state="open")
    phone = sockets.phone(room)
    console = sockets.moderator(room)
    _answer(sockets.phone(room), prompt, 3, 1)
    flush(app)
    events(phone, "prompt"), events(phone, "state")

    clock.now += 0.1
    _answer(sockets.phone(room), prompt, 5, 2)
    assert console.emit("prompt:close", {"prompt_id": prompt.id}, callback=True)["ok"]
    flush(app)
    # The close reaches phones at once, in the room's state and the prompt's update.
    seen = [item["args"][0] for item in phone.get_received() if item["name"] in ("prompt", "state")]
    closed = [s.get("prompt", s) for s in seen]
    assert any(p["state"] == "closed" and p["counts"]["responses"] == 2 for p in closed)
