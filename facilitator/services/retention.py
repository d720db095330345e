"""Closing an event: keep the report and data files, purge what could still find a person.

`facilitator close-event` runs this once the event is over. The report's data and every data file
(already k-safe: hidden groups merged, rows shuffled, no keys) are kept in an EventArchive. Then
every answer and endorsement row of the event is deleted, and each proposal loses its author key
and client id (its text was published). After that, neither a database dump, nor the secrets,
nor a phone's token leads to anyone's answers: there are none left to find (docs/anonymity.md).
"""

import secrets
from datetime import UTC, datetime

from sqlalchemy import delete, select

from facilitator.extensions import db
from facilitator.models import (
    Endorsement,
    Event,
    EventArchive,
    Moderator,
    Prompt,
    PromptState,
    Proposal,
    Response,
)
from facilitator.services import ServiceError, audit, exports
from facilitator.services.report import build_report


def archive_of(event) -> EventArchive | None:
    """The closed event's archive, or None while it is open."""
    return db.session.scalar(select(EventArchive).where(EventArchive.event_id == event.id))


def close_event(event: Event, moderator: Moderator | None = None) -> EventArchive:
    """Archive the event's report and files and purge its answer rows (flushed)."""
    if archive_of(event) is not None:
        raise ServiceError("already_closed", f"“{event.title}” is closed already.")
    prompt_ids = [p.id for room in event.rooms for p in room.prompts]
    still_open = [p for room in event.rooms for p in room.prompts if p.state == PromptState.OPEN]
    if still_open:
        raise ServiceError(
            "prompt_open",
            f"Close every prompt first: “{still_open[0].text[:60]}” in "
            f"{still_open[0].room.name} is still open.",
        )
    files = {name: exports.export_file(event, name)[0].decode("utf-8") for name in exports.FILES}
    archive = EventArchive(
        event_id=event.id,
        closed_at=datetime.now(UTC).replace(tzinfo=None),
        report=build_report(event),
        files=files,
    )
    db.session.add(archive)
    proposal_ids = select(Proposal.id).where(Proposal.prompt_id.in_(prompt_ids))
    db.session.execute(delete(Endorsement).where(Endorsement.proposal_id.in_(proposal_ids)))
    db.session.execute(delete(Response).where(Response.prompt_id.in_(prompt_ids)))
    for proposal in db.session.scalars(select(Proposal).where(Proposal.prompt_id.in_(prompt_ids))):
        proposal.author_key = secrets.token_hex(32)
        proposal.client_id = f"closed-{proposal.id}"
    for prompt in db.session.scalars(select(Prompt).where(Prompt.id.in_(prompt_ids))):
        prompt.released = None
    audit.record(
        moderator, "close_event", None, "event", event.id, {"prompts": len(prompt_ids)}, event
    )
    db.session.flush()
    return archive
