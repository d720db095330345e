"""'Something changed' notices, published only once the change is committed.

Services record what they changed on the session; after a commit the notices go to the
subscribers (the real-time broadcaster), and a rollback drops them. Domain and service code
never learn about Socket.IO.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

ROOM = "room"  # agenda, state or the current prompt changed: resend the room state
RESULTS = "results"  # answers changed: counts and aggregates of one prompt
PROPOSALS = "proposals"  # the proposal list or moderation queue of one prompt changed


@dataclass(frozen=True)
class Change:
    """One notice: what changed, in which room, for which prompt."""

    what: str
    room_id: int
    prompt_id: int | None = None


def subscribe(app, callback: Callable[[Change], None]) -> None:
    """Call callback with each change committed within this app."""
    app.extensions.setdefault("change_subscribers", []).append(callback)


def record(session: Session, what: str, room_id: int, prompt_id: int | None = None) -> None:
    """Note a change to publish when the session commits."""
    session.info.setdefault("changes", set()).add(Change(what, room_id, prompt_id))


@event.listens_for(Session, "after_commit")
def _publish(session: Session) -> None:
    pending = session.info.pop("changes", set())
    if not pending or not has_app_context():
        return
    for change in pending:
        for callback in current_app.extensions.get("change_subscribers", []):
            callback(change)


@event.listens_for(Session, "after_rollback")
def _discard(session: Session) -> None:
    session.info.pop("changes", None)


def publish_now(change: Change) -> None:
    """Tell the subscribers of something that changed without a commit (a cached aggregate that
    a read could not bring up to date yet)."""
    if not has_app_context():
        return
    for callback in current_app.extensions.get("change_subscribers", []):
        callback(change)
