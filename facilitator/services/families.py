"""Prompt families: the copies of one prompt put to several rooms of an event."""

from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import Event, Moderator, Prompt, Room
from facilitator.server_texts import N_
from facilitator.services import ServiceError, control


def family_prompts(event: Event, family: str) -> list[Prompt]:
    """The copies of a family in the event's rooms, in the rooms' order."""
    return list(
        db.session.scalars(
            select(Prompt)
            .join(Room, Prompt.room_id == Room.id)
            .where(Room.event_id == event.id, Prompt.family == family)
            .order_by(Room.position, Room.id, Prompt.position)
        )
    )


def load_family(event: Event, family: str) -> list[Prompt]:
    """The copies of a family, or a family_not_found error."""
    prompts = family_prompts(event, family) if isinstance(family, str) else []
    if not prompts:
        raise ServiceError("family_not_found", N_("No prompt of this event has this family."))
    return prompts


def event_families(event: Event) -> list[dict]:
    """Every family of the event: its text, kind and the rooms (models) that hold a copy."""
    rows = db.session.scalars(
        select(Prompt)
        .join(Room, Prompt.room_id == Room.id)
        .where(Room.event_id == event.id, Prompt.family.is_not(None))
        .order_by(Room.position, Room.id, Prompt.position)
    )
    families: dict[str, dict] = {}
    for prompt in rows:
        item = families.setdefault(
            prompt.family,
            {"family": prompt.family, "text": prompt.text, "kind": prompt.kind, "rooms": []},
        )
        item["rooms"].append(prompt.room)
    return list(families.values())


def would_close(event: Event, family: str, moderator: Moderator) -> list[tuple[Room, Prompt]]:
    """What opening the family closes: (room, its open prompt) where another prompt is open."""
    closing = []
    for prompt in load_family(event, family):
        room = prompt.room
        if not moderator.can_moderate(room) or prompt.is_open:
            continue
        closing.extend((room, other) for other in room.prompts if other.is_open)
    return closing


def open_family(event: Event, family: str, moderator: Moderator) -> tuple[list[Room], list[Room]]:
    """Open the family's copy in every room this moderator runs; (opened, already open)."""
    opened, already = [], []
    for prompt in load_family(event, family):
        room = prompt.room
        if not moderator.can_moderate(room):
            continue
        if prompt.is_open:
            already.append(room)
            continue
        control.open_prompt(room, prompt.id, moderator)
        opened.append(room)
    if not opened and not already:
        raise ServiceError("forbidden", N_("You moderate none of the rooms of this prompt."))
    return opened, already
