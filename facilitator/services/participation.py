"""What a participant does: answer, propose, endorse; each an upsert keyed per prompt."""

from flask import current_app
from sqlalchemy import func, select

from facilitator.domain.anonymity import derive_key
from facilitator.domain.kinds import get_kind
from facilitator.domain.proposal import validate_vote
from facilitator.extensions import db
from facilitator.models import (
    Endorsement,
    Prompt,
    PromptState,
    Proposal,
    ProposalStatus,
    Response,
    Room,
)
from facilitator.services import ServiceError, changes, facts, groups, unit, upserts, writer


def _secret() -> bytes:
    return current_app.config["PARTICIPANT_SECRET"].encode()


def response_key(token: str, prompt_id: int) -> str:
    """The participant's key for answers and endorsements under one prompt.

    Answers to the later prompt of a pre/post pair pass the earlier prompt's id
    (Prompt.key_scope), so that the pair, and nothing more, is linkable.
    """
    return derive_key(_secret(), token, f"prompt:{prompt_id}")


def author_key(token: str, prompt_id: int) -> str:
    """The participant's key for authorship under one prompt, unlinkable to endorsements."""
    return derive_key(_secret(), token, f"prompt:{prompt_id}:author")


def find_room(code: str) -> Room:
    """The room with this join code, or a not_found error."""
    room = unit.room_by_code(code)
    if room is None:
        raise ServiceError("room_not_found", "No room has this code. Check the code and retry.")
    return room


def _answerable(room, prompt_id: int, kinds: tuple[str, ...]) -> facts.PromptFacts:
    """The facts of a prompt of this room that takes this kind of answer (open or not)."""
    found = facts.prompt_facts(prompt_id)
    if found is None or found.room_id != room.id:
        if found is None and db.session.scalar(
            select(Prompt.id).where(Prompt.id == prompt_id, Prompt.room_id == room.id)
        ):
            raise ServiceError("prompt_not_open", "This question is not open for answers now.")
        raise ServiceError("prompt_not_found", "This question is not part of your room.")
    if found.kind not in kinds:
        raise ServiceError("wrong_kind", f"This question does not take a {kinds[0]} answer.")
    return found


def _require_open(prompt_id: int) -> None:
    state = db.session.scalar(select(Prompt.state).where(Prompt.id == prompt_id))
    if state != PromptState.OPEN:
        raise ServiceError("prompt_not_open", "This question is not open for answers now.")


def _open_prompt(room, prompt_id: int, kinds: tuple[str, ...]) -> facts.PromptFacts:
    """The facts of an open prompt of this room that takes this kind of answer."""
    found = _answerable(room, prompt_id, kinds)
    _require_open(prompt_id)
    return found


def _constituency(room, constituency_id: int | None) -> int:
    """The id of the chosen group of the room's event; 'Prefer not to say' when none is given."""
    room_facts = facts.room_facts(room.id)
    if constituency_id is None:
        return room_facts.undisclosed
    if constituency_id not in room_facts.groups:
        raise ServiceError(
            "unknown_constituency", "Choose one of this event's groups.", "constituency_id"
        )
    return constituency_id


def submit_response(room, token, prompt_id, client_id, value, constituency_id=None) -> object:
    """Record or change the participant's answer to an open position or priority prompt.

    Returns the answer as stored (normalised). Resending the same client id changes nothing
    and returns what was stored the first time.
    """
    prompt = _answerable(room, prompt_id, ("position", "priority"))
    group = _constituency(room, constituency_id)
    value = get_kind(prompt.kind).validate_answer(prompt.settings, value)
    key = response_key(token, prompt.key_scope)
    row = {
        "prompt_id": prompt.id,
        "participant_key": key,
        "sealed_group": groups.seal_response_group(group, prompt.id),
        "value": value,
        "client_id": client_id,
    }
    if _write(Response, row, room.id, prompt.id):
        return value
    _require_open(prompt.id)
    stored = db.session.execute(
        select(Response.value, Response.client_id).where(
            Response.prompt_id == prompt.id, Response.participant_key == key
        )
    ).first()
    if stored is None or stored.client_id != client_id:
        raise ServiceError("not_saved", "Your answer was not saved; please send it again.")
    return stored.value


def _write(model, row: dict, room_id: int, prompt_id: int) -> bool:
    """Upsert one answer row in the next group commit, only while its prompt is open in the room.

    False when nothing changed: the prompt is not open, or the row already holds this client id.
    """
    params = {**row, "room_id": room_id}

    def work() -> bool:
        written = upserts.write(db.session, model, params)
        if written:
            changes.record(db.session, changes.RESULTS, room_id, prompt_id)
        return written

    return writer.writer().run(work)


def submit_proposal(room, token, prompt_id, client_id, text, constituency_id=None) -> Proposal:
    """Add the participant's proposal, once per client id, within the prompt's limit."""
    prompt = _open_prompt(room, prompt_id, ("proposal",))
    _constituency(room, constituency_id)  # checked, but authors' groups are never stored
    text = get_kind("proposal").validate_answer(prompt.settings, text)
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


def submit_endorsement(room, token, proposal_id, client_id, vote, constituency_id=None) -> str:
    """Record or change the participant's agree / disagree / pass on a visible proposal.

    Resending the same client id changes nothing and returns the vote stored the first time.
    """
    prompt_id = facts.proposal_prompt(proposal_id)
    if prompt_id is None:
        raise ServiceError("proposal_not_found", "This proposal is not available.")
    prompt = _answerable(room, prompt_id, ("proposal",))
    group = _constituency(room, constituency_id)
    vote = validate_vote(vote)
    key = response_key(token, prompt.id)
    row = {
        "proposal_id": proposal_id,
        "participant_key": key,
        "sealed_group": groups.seal_endorsement_group(group, prompt.id),
        "vote": vote,
        "client_id": client_id,
    }
    if _write(Endorsement, row, room.id, prompt.id):
        return vote
    status = db.session.scalar(select(Proposal.status).where(Proposal.id == proposal_id))
    if status != ProposalStatus.APPROVED:
        raise ServiceError("proposal_not_found", "This proposal is not available.")
    _require_open(prompt.id)
    stored = db.session.execute(
        select(Endorsement.vote, Endorsement.client_id).where(
            Endorsement.proposal_id == proposal_id, Endorsement.participant_key == key
        )
    ).first()
    if stored is None or stored.client_id != client_id:
        raise ServiceError("not_saved", "Your vote was not saved; please send it again.")
    return stored.vote


def own_answers(room: Room, token: str) -> dict:
    """The participant's own answers to the room's current prompt, to restore the phone."""
    if room.current_prompt_id is None:
        return {"prompt_id": None}
    found = facts.prompt_facts(room.current_prompt_id)  # a current prompt has left draft
    if found is not None and found.kind != "proposal":
        row = db.session.execute(
            select(Response.value, Response.client_id).where(
                Response.prompt_id == found.id,
                Response.participant_key == response_key(token, found.key_scope),
            )
        ).first()
        return {
            "prompt_id": found.id,
            "answered": row is not None,
            "value": row.value if row is not None else None,
            "client_id": row.client_id if row is not None else None,
        }
    prompt = room.current_prompt
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
