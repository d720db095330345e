"""Pacing: set a prompt's countdown, add time or stop it, and close prompts whose time is up.

`close_due` is what the background task (realtime/pacing.py) runs every second. Several server
processes may run it at once: each due prompt is first claimed with one conditional UPDATE
(clearing its deadline only if it is still open and due), so exactly one process closes it.
"""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from facilitator.domain.pacing import ADD_TIME_MAX, validate_pacing
from facilitator.extensions import db
from facilitator.models import Prompt, Room
from facilitator.services import ServiceError, audit, changes, control


def utcnow() -> datetime:
    """The current time as naive UTC, as the database stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def set_pacing(prompt: Prompt, countdown: int | None, auto_close: bool) -> Prompt:
    """Set a draft prompt's countdown (seconds or None) and whether it closes itself; flushes."""
    countdown, auto_close = validate_pacing(countdown, auto_close)
    if (countdown, auto_close) == (prompt.countdown_seconds, bool(prompt.auto_close)):
        return prompt
    if prompt.state != "draft":
        raise ServiceError(
            "not_draft", "Only a draft prompt's countdown can be set; add or stop time instead."
        )
    prompt.countdown_seconds = countdown
    prompt.auto_close = auto_close
    db.session.flush()
    changes.record(db.session, changes.ROOM, prompt.room_id, prompt.id)
    return prompt


def add_time(room: Room, prompt_id: int, seconds: int, moderator=None) -> Prompt:
    """Give a running countdown more time (seconds > 0); the audit log names the moderator."""
    prompt = control.room_prompt(room, prompt_id)
    if type(seconds) is not int or not 1 <= seconds <= ADD_TIME_MAX:
        raise ServiceError("invalid_seconds", f"Add 1 to {ADD_TIME_MAX} seconds.", "seconds")
    if not prompt.is_open or prompt.deadline is None:
        raise ServiceError("no_countdown", "This prompt has no countdown running.")
    prompt.deadline = max(prompt.deadline, utcnow()) + timedelta(seconds=seconds)
    _audit(moderator, "countdown_add_time", room, prompt, seconds=seconds)
    db.session.flush()
    changes.record(db.session, changes.ROOM, room.id, prompt.id)
    return prompt


def stop_countdown(room: Room, prompt_id: int, moderator=None) -> Prompt:
    """Stop a running countdown: the prompt stays open until a moderator closes it."""
    prompt = control.room_prompt(room, prompt_id)
    if not prompt.is_open or prompt.deadline is None:
        raise ServiceError("no_countdown", "This prompt has no countdown running.")
    prompt.deadline = None
    _audit(moderator, "countdown_stop", room, prompt)
    db.session.flush()
    changes.record(db.session, changes.ROOM, room.id, prompt.id)
    return prompt


def _audit(moderator, action: str, room: Room, prompt: Prompt, **detail) -> None:
    audit.record(
        moderator, action, room, "prompt", prompt.id, {"prompt": prompt.text[:80], **detail}
    )


def due_prompts(now: datetime) -> list[tuple[int, datetime]]:
    """(id, deadline) of the open prompts that close themselves and whose time is up."""
    return list(
        db.session.execute(
            select(Prompt.id, Prompt.deadline).where(
                Prompt.state == "open",
                Prompt.auto_close.is_(True),
                Prompt.deadline.isnot(None),
                Prompt.deadline <= now,
            )
        ).all()
    )


def close_due(now: datetime | None = None) -> list[int]:
    """Close every prompt whose countdown has ended, each in its own commit; their ids.

    A prompt closed by hand, given more time or stopped meanwhile is left alone, and a prompt
    another process closes first is skipped.
    """
    now = now or utcnow()
    closed = []
    for prompt_id, deadline in due_prompts(now):
        claimed = db.session.execute(
            update(Prompt)
            .where(
                Prompt.id == prompt_id,
                Prompt.state == "open",
                Prompt.deadline == deadline,
            )
            .values(deadline=None)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            db.session.rollback()
            continue
        prompt = db.session.get(Prompt, prompt_id)
        db.session.refresh(prompt)
        try:
            control.close_prompt(prompt.room, prompt.id)
        except ServiceError:
            db.session.rollback()
            continue
        db.session.commit()
        closed.append(prompt_id)
    return closed


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")


def now_iso() -> str:
    """The server's time now as ISO UTC, as pacing views carry it."""
    return _iso(utcnow())


def pacing_view(prompt: Prompt) -> dict:
    """The prompt's countdown for the screens: the deadline as ISO UTC and the server's now.

    Clients count down to `deadline` corrected by (server_now - their own clock at receipt),
    so a phone whose clock is wrong still shows the right remaining time.
    """
    return {
        "countdown": prompt.countdown_seconds,
        "auto_close": bool(prompt.auto_close),
        "deadline": _iso(prompt.deadline),
        "server_now": now_iso(),
    }


def apply_agenda(agenda, event) -> None:
    """Give the prompts of an imported agenda file their countdowns (already checked there)."""
    for room_spec, room in zip(agenda.rooms, event.rooms, strict=True):
        for spec, prompt in zip(room_spec.prompts, room.prompts, strict=True):
            prompt.countdown_seconds = spec.countdown
            prompt.auto_close = spec.auto_close
    db.session.flush()
