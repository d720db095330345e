"""The unit of work and the loaders the edges use: web/, realtime/ and the CLI never touch the
database session themselves.

An edge validates its input, runs one unit of work (`with unit.work():` or `unit.commit()`
after service calls), and answers. Services add and flush; the unit commits once, or rolls back
everything on an error.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import Event, Prompt, Room


@contextmanager
def work() -> Iterator[None]:
    """Commit what the block's service calls did, or roll all of it back if it raises."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def commit() -> None:
    """Commit the service calls made so far."""
    db.session.commit()


def rollback() -> None:
    """Drop the service calls made so far."""
    db.session.rollback()


def release() -> None:
    """End this thread's session (a background loop between rounds)."""
    db.session.remove()


def room(room_id: int) -> Room | None:
    """The room with this id, or None."""
    return db.session.get(Room, room_id)


def normalise_code(code: str) -> str:
    """A join code as stored: no surrounding spaces, upper case."""
    return code.strip().upper()


def room_by_code(code: str) -> Room | None:
    """The room with this join code (case and surrounding spaces do not matter), or None."""
    if not isinstance(code, str) or len(code) > 32:
        return None
    return db.session.scalar(select(Room).where(Room.code == normalise_code(code)))


def prompt(prompt_id: int) -> Prompt | None:
    """The prompt with this id, or None."""
    return db.session.get(Prompt, prompt_id)


def event(event_id: int) -> Event | None:
    """The event with this id, or None."""
    return db.session.get(Event, event_id)


def get(model, ident):
    """Any row by primary key (the audit log's targets), or None."""
    return db.session.get(model, ident)


def events_with_rooms() -> list[Event]:
    """Every event, newest first, with its rooms loaded."""
    from sqlalchemy.orm import selectinload

    return list(
        db.session.scalars(
            select(Event).options(selectinload(Event.rooms)).order_by(Event.id.desc())
        )
    )
