"""Countdowns: a prompt whose time is up closes itself once; everything else stays as it is."""

from datetime import timedelta

import pytest

from facilitator.extensions import db
from facilitator.models import Prompt
from facilitator.services import ServiceError, control, pacing, payloads


def _counted(make, room, seconds=60, auto_close=True, **settings):
    prompt = make.prompt(room, **settings)
    pacing.set_pacing(prompt, seconds, auto_close)
    db.session.commit()
    control.open_prompt(room, prompt.id)
    db.session.commit()
    return prompt


def _state(prompt) -> str:
    db.session.expire_all()
    return db.session.get(Prompt, prompt.id).state


def test_opening_a_prompt_with_a_countdown_sets_its_deadline(app, make):
    room = make.room()
    prompt = _counted(make, room, 90)
    assert prompt.deadline is not None
    left = (prompt.deadline - pacing.utcnow()).total_seconds()
    assert 85 < left <= 90


def test_a_due_prompt_closes_once(app, make):
    room = make.room()
    prompt = _counted(make, room, 30)
    later = prompt.deadline + timedelta(seconds=1)
    assert pacing.close_due(later) == [prompt.id]
    assert _state(prompt) == "closed"
    assert db.session.get(Prompt, prompt.id).deadline is None
    # A second round (or a second server process) finds nothing left to close.
    assert pacing.close_due(later) == []


def test_a_prompt_not_yet_due_stays_open(app, make):
    room = make.room()
    prompt = _counted(make, room, 30)
    assert pacing.close_due(prompt.deadline - timedelta(seconds=1)) == []
    assert _state(prompt) == "open"


def test_a_countdown_without_auto_close_only_shows_the_time(app, make):
    room = make.room()
    prompt = _counted(make, room, 30, auto_close=False)
    assert pacing.close_due(prompt.deadline + timedelta(minutes=5)) == []
    assert _state(prompt) == "open"


def test_a_prompt_closed_by_hand_before_its_deadline_is_left_alone(app, make):
    room = make.room()
    prompt = _counted(make, room, 30)
    deadline = prompt.deadline
    control.close_prompt(room, prompt.id)
    db.session.commit()
    assert prompt.deadline is None
    assert pacing.close_due(deadline + timedelta(seconds=1)) == []
    assert _state(prompt) == "closed"


def test_reopening_starts_a_fresh_countdown(app, make):
    room = make.room()
    prompt = _counted(make, room, 30)
    pacing.close_due(prompt.deadline + timedelta(seconds=1))
    control.open_prompt(room, prompt.id)
    db.session.commit()
    assert _state(prompt) == "open"
    assert pacing.close_due(pacing.utcnow()) == []


def test_a_claim_lost_to_another_process_closes_nothing(app, make, monkeypatch):
    room = make.room()
    prompt = _counted(make, room, 30)
    later = prompt.deadline + timedelta(seconds=1)
    due = pacing.due_prompts(later)
    assert [pid for pid, _ in due] == [prompt.id]
    # Another process closes it between our look-up and our claim, and a moderator reopens it.
    control.close_prompt(room, prompt.id)
    control.open_prompt(room, prompt.id)
    db.session.commit()
    monkeypatch.setattr(pacing, "due_prompts", lambda _now: due)  # our stale look-up
    assert pacing.close_due(later) == []
    assert _state(prompt) == "open"


def test_adding_time_moves_the_deadline_and_stopping_keeps_the_prompt_open(app, make):
    room = make.room()
    prompt = _counted(make, room, 30)
    first = prompt.deadline
    pacing.add_time(room, prompt.id, 60)
    db.session.commit()
    assert prompt.deadline == first + timedelta(seconds=60)
    assert pacing.close_due(first + timedelta(seconds=1)) == []
    pacing.stop_countdown(room, prompt.id)
    db.session.commit()
    assert prompt.deadline is None
    assert pacing.close_due(first + timedelta(hours=1)) == []
    assert _state(prompt) == "open"
    with pytest.raises(ServiceError) as refused:
        pacing.add_time(room, prompt.id, 30)
    assert refused.value.code == "no_countdown"


@pytest.mark.parametrize(
    ("countdown", "auto_close", "code"),
    [
        (9, False, "invalid_countdown"),
        (3601, True, "invalid_countdown"),
        (True, False, "invalid_countdown"),
        ("60", False, "invalid_countdown"),
        (None, True, "auto_close_without_countdown"),
        (60, "yes", "invalid_type"),
    ],
)
def test_bad_countdown_settings_are_refused_and_change_nothing(
    app, make, countdown, auto_close, code
):
    room = make.room()
    prompt = make.prompt(room)
    with pytest.raises(ServiceError) as refused:
        pacing.set_pacing(prompt, countdown, auto_close)
    assert refused.value.code == code
    db.session.rollback()
    stored = db.session.get(Prompt, prompt.id)
    assert (stored.countdown_seconds, stored.auto_close) == (None, False)


def test_adding_time_refuses_bad_amounts(app, make):
    room = make.room()
    prompt = _counted(make, room, 30)
    for seconds in (0, -5, 3601, "30", 2.5):
        with pytest.raises(ServiceError) as refused:
            pacing.add_time(room, prompt.id, seconds)
        assert refused.value.code == "invalid_seconds"


def test_the_view_carries_the_deadline_and_the_servers_now_in_utc(app, make):
    room = make.room()
    prompt = _counted(make, room, 45)
    view = payloads.prompt_view(prompt, "participant")["pacing"]
    assert view["countdown"] == 45 and view["auto_close"] is True
    assert view["deadline"].endswith("Z") and view["server_now"].endswith("Z")
    assert view["deadline"] > view["server_now"]
    assert payloads.prompt_view(make.prompt(room), "screen")["pacing"]["deadline"] is None


@pytest.mark.postgres
def test_two_processes_racing_on_postgresql_close_a_due_prompt_once(pg_app, monkeypatch):
    import threading

    from sqlalchemy import func, select

    from facilitator.models import AuditEntry
    from tests.conftest import Builder

    make = Builder()
    room = make.room()
    prompt = _counted(make, room, 30)
    later = prompt.deadline + timedelta(seconds=1)
    db.session.remove()
    looked_up = threading.Barrier(2, timeout=10)
    real = pacing.due_prompts

    def due_then_wait(now):
        due = real(now)
        looked_up.wait()  # both have seen the prompt due before either claims it
        return due

    monkeypatch.setattr(pacing, "due_prompts", due_then_wait)
    results = []

    def worker():
        with pg_app.app_context():
            results.append(pacing.close_due(later))
            db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == [[], [prompt.id]]
    closes = select(func.count()).where(AuditEntry.action == "prompt_close")
    assert db.session.scalar(closes) == 1
    assert db.session.get(Prompt, prompt.id).state == "closed"
