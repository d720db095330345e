"""What an answer needs to know about its room and prompt, kept per process.

A prompt's kind, settings, room and key scope can change only while it is a draft, and a room's
event and an event's constituencies never change once they exist. So once a prompt has left
draft, these facts are read once per process and never again: the answer path loads no ORM
object. Whether the prompt is open does change, and is checked by the write statement itself
(services/participation.py), so several workers need no invalidation.
"""

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import Constituency, Prompt, Proposal, Room


@dataclass(frozen=True)
class PromptFacts:
    """The unchanging facts of a prompt that has left draft."""

    id: int
    room_id: int
    kind: str
    settings: dict
    key_scope: int


@dataclass(frozen=True)
class RoomFacts:
    """A room's id and event, and the ids of the event's constituencies."""

    id: int
    event_id: int
    groups: frozenset
    undisclosed: int


def _cache(name: str) -> dict:
    return current_app.extensions.setdefault(f"facts:{name}", {})


def prompt_facts(prompt_id: int) -> PromptFacts | None:
    """The prompt's facts; None for an unknown prompt or a draft (which takes no answer)."""
    cache = _cache("prompts")
    facts = cache.get(prompt_id)
    if facts is None:
        row = db.session.execute(
            select(
                Prompt.room_id, Prompt.kind, Prompt.settings, Prompt.linked_prompt_id, Prompt.state
            ).where(Prompt.id == prompt_id)
        ).first()
        if row is None or row.state == "draft":
            return None
        facts = PromptFacts(
            prompt_id, row.room_id, row.kind, row.settings, row.linked_prompt_id or prompt_id
        )
        cache[prompt_id] = facts
    return facts


def proposal_prompt(proposal_id: int) -> int | None:
    """The id of the prompt a proposal belongs to (it never moves); None if there is none."""
    cache = _cache("proposals")
    prompt_id = cache.get(proposal_id)
    if prompt_id is None:
        prompt_id = db.session.scalar(select(Proposal.prompt_id).where(Proposal.id == proposal_id))
        if prompt_id is None:
            return None
        cache[proposal_id] = prompt_id
    return prompt_id


def room_facts(room_id: int) -> RoomFacts | None:
    """The room's event and its constituencies; None if the room does not exist."""
    cache = _cache("rooms")
    facts = cache.get(room_id)
    if facts is None:
        event_id = db.session.scalar(select(Room.event_id).where(Room.id == room_id))
        if event_id is None:
            return None
        rows = db.session.execute(
            select(Constituency.id, Constituency.is_undisclosed).where(
                Constituency.event_id == event_id
            )
        ).all()
        undisclosed = next(group for group, is_undisclosed in rows if is_undisclosed)
        facts = RoomFacts(room_id, event_id, frozenset(group for group, _ in rows), undisclosed)
        cache[room_id] = facts
    return facts
