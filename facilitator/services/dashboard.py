"""The organisers' event dashboard: a compact live summary of every room of an event."""

from datetime import UTC

from sqlalchemy import func, select

from facilitator.extensions import db
from facilitator.models import Event, Moderator, Prompt, Proposal, ProposalStatus, Room
from facilitator.services import access, admission, payloads
from facilitator.services.phones import connected_phones


def may_view(moderator: Moderator, event: Event) -> bool:
    """Organisers (admins) and the moderators of any room of the event see its dashboard."""
    return access.may_view_event(moderator, event)


def event_summary(event: Event) -> dict:
    """The event and every room's summary with its connected phones, sent when a dashboard
    (re)connects and shown on its page."""
    phones = {room.id: connected_phones(room.id) for room in event.rooms}
    return {
        "event": {"id": event.id, "title": event.title, "subtitle": event.subtitle},
        "admission": admission.figures(event),
        "rooms": [room_summary(room, phones.get(room.id)) for room in event.rooms],
    }


def room_summary(room: Room, phones: int | None = None) -> dict:
    """One room at a glance: its prompt now, participation, pending proposals, shared prompts.

    `phones` is the number of phones connected now, when the caller can count them (it is a
    count of open connections only: nothing is stored per participant).
    """
    prompt = room.open_prompt or room.current_prompt
    return {
        "id": room.id,
        "name": room.name,
        "kind": room.kind,
        "code": room.code,
        "moderators": [m.display_name for m in room.moderators],
        "agenda": {
            "total": len(room.prompts),
            "done": sum(1 for p in room.prompts if p.state == "closed"),
        },
        "prompt": _prompt_summary(room, prompt) if prompt else None,
        "pending": _pending(room),
        "phones": phones,
        # Phones joined (each once per event), seat cards, capacity: the alert when over it.
        "admission": admission.figures(room.event),
        "shared": [
            {
                "family": p.family,
                "prompt_id": p.id,
                "text": p.text,
                "kind": p.kind,
                "state": p.state,
                "revealed": p.results_revealed,
            }
            for p in room.prompts
            if p.family
        ],
    }


def _prompt_summary(room: Room, prompt: Prompt) -> dict:
    return {
        "id": prompt.id,
        "number": prompt.position + 1,
        "text": prompt.text,
        "kind": prompt.kind,
        "state": prompt.state,
        "revealed": prompt.results_revealed,
        "on_screen": prompt.id == room.current_prompt_id,
        "family": prompt.family,
        "deadline": _utc(prompt.deadline),
        "counts": payloads.counts(prompt),
    }


def _utc(moment) -> str | None:
    """A naive UTC datetime as ISO 8601 with its zone, for the browser's clock."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC).isoformat(timespec="seconds")


def _pending(room: Room) -> int:
    """Proposals waiting for a moderator's decision, under every prompt of the room."""
    return db.session.scalar(
        select(func.count(Proposal.id))
        .join(Prompt, Proposal.prompt_id == Prompt.id)
        .where(Prompt.room_id == room.id, Proposal.status == ProposalStatus.PENDING)
    )
