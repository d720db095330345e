"""What a participant does: answer, propose, endorse; each an upsert keyed per prompt."""

from flask import current_app
from sqlalchemy import func, select

from facilitator.domain.anonymity import derive_key
from facilitator.domain.errors import ValidationError
from facilitator.domain.kinds import get_kind
from facilitator.domain.proposal import validate_vote
from facilitator.extensions import db
from facilitator.models import (
    Constituency,
    Endorsement,
    Prompt,
    Proposal,
    ProposalStatus,
    Response,
    Room,
)
from facilitator.services import ServiceError, changes


def _secret() -> bytes:
    return current_app.config["SECRET_KEY"].encode()


def response_key(token: str, prompt_id: int) -> str:
    """The participant's key for answers and endorsements under one prompt."""
    return derive_key(_secret(), token, f"prompt:{prompt_id}")


def author_key(token: str, prompt_id: int) -> str:
    """The participant's key for authorship under one prompt, unlinkable to endorsements."""
    return derive_key(_secret(), token, f"prompt:{prompt_id}:author")


def find_room(code: str) -> Room:
    """The room with this join code, or a not_found error."""
    room = db.session.scalar(select(Room).where(Room.code == code.strip().upper()))
    if room is None:
        raise ServiceError("room_not_found", "No room has this code. Check the code and retry.")
    return room


def _open_prompt(room: Room, prompt_id: int, kinds: tuple[str, ...]) -> Prompt:
    prompt = db.session.get(Prompt, prompt_id)
    if prompt is None or prompt.room_id != room.id:
        raise ServiceError("prompt_not_found", "This question is not part of your room.")
    if prompt.kind not in kinds:
        raise ServiceError("wrong_kind", f"This question does not take a {kinds[0]} answer.")
    if not prompt.is_open:
        raise ServiceError("prompt_not_open", "This question is not open for answers now.")
    return prompt


def _constituency(room: Room, constituency_id: int | None) -> Constituency:
    if constituency_id is None:
        return room.event.undisclosed
    group = db.session.get(Constituency, constituency_id)
    if group is None or group.event_id != room.event_id:
        raise ServiceError(
            "unknown_constituency", "Choose one of this event's groups.", "constituency_id"
        )
    return group


def _invalid(error: ValidationError) -> ServiceError:
    return ServiceError(error.code, error.message, error.field)


def submit_response(room, token, prompt_id, client_id, value, constituency_id=None) -> Response:
    """Record or change the participant's answer to an open position or priority prompt."""
    prompt = _open_prompt(room, prompt_id, ("position", "priority"))
    group = _constituency(room, constituency_id)
    try:
        value = get_kind(prompt.kind).validate_answer(prompt.settings, value)
    except ValidationError as error:
        raise _invalid(error) from None
    key = response_key(token, prompt.id)
    response = db.session.scalar(
        select(Response).where(Response.prompt_id == prompt.id, Response.participant_key == key)
    )
    if response is None:
        response = Response(prompt_id=prompt.id, participant_key=key)
        db.session.add(response)
    elif response.client_id == client_id:
        return response  # a resend of what is stored already
    response.value = value
    response.constituency_id = group.id
    response.client_id = client_id
    db.session.flush()
    changes.record(db.session, changes.RESULTS, room.id, prompt.id)
    return response


def submit_proposal(room, token, prompt_id, client_id, text, constituency_id=None) -> Proposal:
    """Add the participant's proposal, once per client id, within the prompt's limit."""
    prompt = _open_prompt(room, prompt_id, ("proposal",))
    _constituency(room, constituency_id)  # checked, but authors' groups are never stored
    try:
        text = get_kind("proposal").validate_answer(prompt.settings, text)
    except ValidationError as error:
        raise _invalid(error) from None
    existing = db.session.scalar(
        select(Proposal).where(Proposal.prompt_id == prompt.id, Proposal.client_id == client_id)
    )
    key = author_key(token, prompt.id)
    if existing is not None:
        if existing.author_key != key:
            raise ServiceError("duplicate_client_id", "Send this proposal again as a new one.")
        return existing
    written = db.session.scalar(
        select(func.count(Proposal.id)).where(
            Proposal.prompt_id == prompt.id, Proposal.author_key == key
        )
    )
    limit = prompt.settings["max_per_participant"]
    if written >= limit:
        raise ServiceError(
            "limit_reached", f"You have sent {limit} proposals, the most this question takes."
        )
    status = ProposalStatus.PENDING if prompt.settings["moderation"] == "pre" else "approved"
    proposal = Proposal(
        prompt_id=prompt.id, author_key=key, client_id=client_id, text=text, status=status
    )
    db.session.add(proposal)
    db.session.flush()
    changes.record(db.session, changes.PROPOSALS, room.id, prompt.id)
    return proposal


def submit_endorsement(room, token, proposal_id, client_id, vote, constituency_id=None):
    """Record or change the participant's agree / disagree / pass on a visible proposal."""
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or proposal.status != ProposalStatus.APPROVED:
        raise ServiceError("proposal_not_found", "This proposal is not available.")
    prompt = _open_prompt(room, proposal.prompt_id, ("proposal",))
    group = _constituency(room, constituency_id)
    try:
        vote = validate_vote(vote)
    except ValidationError as error:
        raise _invalid(error) from None
    key = response_key(token, prompt.id)
    endorsement = db.session.scalar(
        select(Endorsement).where(
            Endorsement.proposal_id == proposal.id, Endorsement.participant_key == key
        )
    )
    if endorsement is None:
        endorsement = Endorsement(proposal_id=proposal.id, participant_key=key)
        db.session.add(endorsement)
    elif endorsement.client_id == client_id:
        return endorsement
    endorsement.vote = vote
    endorsement.constituency_id = group.id
    endorsement.client_id = client_id
    db.session.flush()
    changes.record(db.session, changes.RESULTS, room.id, prompt.id)
    return endorsement


def own_answers(room: Room, token: str) -> dict:
    """The participant's own answers to the room's current prompt, to restore the phone."""
    prompt = room.current_prompt
    if prompt is None:
        return {"prompt_id": None}
    if prompt.kind != "proposal":
        response = db.session.scalar(
            select(Response).where(
                Response.prompt_id == prompt.id,
                Response.participant_key == response_key(token, prompt.id),
            )
        )
        answered = response is not None
        return {
            "prompt_id": prompt.id,
            "answered": answered,
            "value": response.value if answered else None,
            "client_id": response.client_id if answered else None,
        }
    mine = db.session.scalars(
        select(Proposal)
        .where(Proposal.prompt_id == prompt.id, Proposal.author_key == author_key(token, prompt.id))
        .order_by(Proposal.id)
    ).all()
    key = response_key(token, prompt.id)
    votes = db.session.execute(
        select(Endorsement.proposal_id, Endorsement.vote)
        .join(Proposal)
        .where(Proposal.prompt_id == prompt.id, Endorsement.participant_key == key)
    ).all()
    return {
        "prompt_id": prompt.id,
        "proposals": [{"id": p.id, "text": p.text, "status": p.status} for p in mine],
        "remaining": max(0, prompt.settings["max_per_participant"] - len(mine)),
        "endorsements": {str(pid): vote for pid, vote in votes},
    }
