"""The audit log: every moderator action, by name, so that moderators are accountable.

Participants stay anonymous: a detail may name prompts, proposals, rooms and statuses, never a
participant key, token or answer. `record` refuses such keys outright.
"""

import csv
import io

from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import AuditEntry, Event, Moderator, Room

# The actor recorded when no moderator acts: the countdown closing a prompt by itself.
COUNTDOWN = "Countdown (automatic)"
SYSTEM = "System"
# Detail keys that could identify a participant; they never reach the log.
FORBIDDEN_KEYS = frozenset(
    {"participant_key", "author_key", "token", "key", "client_id", "ip", "user_agent", "value"}
)
CSV_COLUMNS = ("time_utc", "moderator", "action", "room", "target_type", "target_id", "detail")


def _check_detail(detail) -> dict:
    detail = dict(detail or {})
    stack = [detail]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            bad = FORBIDDEN_KEYS.intersection(item)
            if bad:
                raise ValueError(f"audit details never hold participant data: {sorted(bad)}")
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return detail


def excerpt(text: str, limit: int = 80) -> str:
    """A prompt's text shortened for a log line."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def actor_name(moderator: Moderator | str | None) -> str:
    """The name the log keeps: a moderator's display name, or a named system actor."""
    if isinstance(moderator, Moderator):
        return moderator.display_name
    return moderator or SYSTEM


def record(
    moderator: Moderator | str | None,
    action: str,
    room: Room | None,
    target_type: str = "",
    target_id: int | None = None,
    detail: dict | None = None,
    event: Event | None = None,
) -> AuditEntry:
    """Add one audit entry (flushed with the action it records, committed by the edge)."""
    event_id = room.event_id if room is not None else (event.id if event is not None else None)
    entry = AuditEntry(
        event_id=event_id,
        room_id=room.id if room is not None else None,
        moderator_id=moderator.id if isinstance(moderator, Moderator) else None,
        moderator_name=actor_name(moderator),
        action=action,
        target_type=target_type,
        target_id=target_id,
        detail=_check_detail(detail),
    )
    db.session.add(entry)
    return entry


def last_decision(target_type: str, target_id: int, actions=None) -> AuditEntry | None:
    """The latest entry about one target (optionally of these actions), or None."""
    query = select(AuditEntry).where(
        AuditEntry.target_type == target_type, AuditEntry.target_id == target_id
    )
    if actions:
        query = query.where(AuditEntry.action.in_(list(actions)))
    return db.session.scalar(query.order_by(AuditEntry.id.desc()).limit(1))


def entries(event: Event) -> list[AuditEntry]:
    """The event's audit log, oldest first."""
    return list(
        db.session.scalars(
            select(AuditEntry).where(AuditEntry.event_id == event.id).order_by(AuditEntry.id)
        )
    )


def describe_detail(detail: dict) -> str:
    """A detail as one readable line: 'from=pending; to=approved'."""
    parts = []
    for key, value in (detail or {}).items():
        if isinstance(value, list | tuple):
            value = ", ".join(str(item) for item in value)
        parts.append(f"{key}={value}")
    return "; ".join(parts)


def _cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(event: Event, describe=describe_detail) -> str:
    """The event's audit log as CSV (UTF-8 text), one row per action, oldest first.

    describe words each detail (the web page's export names prompts and proposals).
    """
    rooms = {room.id: room.name for room in event.rooms}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in entries(event):
        writer.writerow(
            _cell(cell)
            for cell in [
                entry.created_at.replace(microsecond=0).isoformat(),
                entry.moderator_name,
                entry.action,
                rooms.get(entry.room_id, ""),
                entry.target_type,
                "" if entry.target_id is None else entry.target_id,
                describe(entry.detail),
            ]
        )
    return out.getvalue()
