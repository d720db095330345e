"""What a room's projector shows: the room itself, or the roll-up of one prompt family.

The plenary's moderator sends the hall's projector to the roll-up that compares the breakouts
and back, without anyone touching the projector's laptop. The choice is kept on the room, so a
reloaded projector, another worker and a restarted server show the same.
"""

from facilitator.extensions import db
from facilitator.models import Moderator, Room
from facilitator.services import ServiceError, audit, changes, families


def show_rollup(room: Room, family: str | None, moderator: Moderator | None = None) -> Room:
    """Put the roll-up of a prompt family of the room's event on its projector (None: the room)."""
    text = None
    if family is not None:
        if not isinstance(family, str) or not family:
            raise ServiceError("invalid_family", "Give the prompt family's name.", "rollup")
        try:
            text = families.load_family(room.event, family)[0].text
        except ServiceError as error:
            raise ServiceError(error.code, error.message, "rollup") from None
    if room.screen_rollup == family:
        return room
    room.screen_rollup = family
    if family is None:
        audit.record(moderator, "screen_room", room, "room", room.id)
    else:
        audit.record(
            moderator,
            "screen_rollup",
            room,
            "room",
            room.id,
            {"family": family, "prompt": audit.excerpt(text)},
        )
    db.session.flush()
    changes.record(db.session, changes.ROOM, room.id)
    return room


def screen_view(room: Room) -> dict | None:
    """The room state's `screen`: {"rollup": family} while the projector shows a roll-up."""
    return {"rollup": room.screen_rollup} if room.screen_rollup else None
