"""What a participant does: answer, propose, endorse; each an upsert keyed per prompt."""

from flask import current_app
from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

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


def _constituency(room: Room, constituency_id: int | None) -> int:
    """The id of the chosen group of the room's event; 'Prefer not to say' when none is given."""
    # An event's constituencies never change once it exists: each process keeps their ids.
    cache = current_app.extensions.setdefault("constituency_ids", {})
    if room.event_id not in cache:
        rows = db.session.execute(
            select(Constituency.id, Constituency.is_undisclosed).where(
                Constituency.event_id == room.event_id
            )
        ).all()
        undisclosed = next(group for group, is_undisclosed in rows if is_undisclosed)
        cache[room.event_id] = (frozenset(group for group, _ in rows), undisclosed)
    groups, undisclosed = cache[room.event_id]
    if constituency_id is None:
        return undisclosed
    if constituency_id not in groups:
        raise ServiceError(
            "unknown_constituency", "Choose one of this event's groups.", "constituency_id"
        )
    return constituency_id


_UPSERTS: dict[tuple[str, str], object] = {}


def _upsert(model, values: dict, key: tuple[str, str]) -> None:
    """Insert a row, or replace the one with the same key unless it holds this client id.

    One statement, so that a resend is a no-op and two racing phones cannot both insert.
    The statement is built once per table and dialect; only its parameters change.
    """
    dialect = db.session.get_bind().dialect.name
    statement = _UPSERTS.get((dialect, model.__tablename__))
    if statement is None:
        insert = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}[dialect]
        table = model.__table__
        statement = insert(table).values({name: bindparam(name) for name in values})
        statement = statement.on_conflict_do_update(
            index_elements=list(key),
            set_={name: statement.excluded[name] for name in values if name not in key},
            where=table.c.client_id != statement.excluded.client_id,
        )
        _UPSERTS[(dialect, model.__tablename__)] = statement
    db.session.execute(statement, values)


def _invalid(error: ValidationError) -> ServiceError:
    return ServiceError(error.code, error.message, error.field)


def submit_response(room, token, prompt_id, client_id, value, constituency_id=None) -> object:
    """Record or change the participant's answer to an open position or priority prompt.

    Returns the answer as stored (normalised); resending the same client id changes nothing.
    """
    prompt = _open_prompt(room, prompt_id, ("position", "priority"))
    group = _constituency(room, constituency_id)
    try:
        value = get_kind(prompt.kind).validate_answer(prompt.settings, value)
    except ValidationError as error:
        raise _invalid(error) from None
    _upsert(
        Response,
        {
            "prompt_id": prompt.id,
            "participant_key": response_key(token, prompt.key_scope),
            "constituency_id": group,
            "value": value,
            "client_id": client_id,
        },
        key=("prompt_id", "participant_key"),
    )
    changes.record(db.session, changes.RESULTS, room.id, prompt.id)
    return value


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


def submit_endorsement(room, token, proposal_id, client_id, vote, constituency_id=None) -> str:
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
    _upsert(
        Endorsement,
        {
            "proposal_id": proposal.id,
            "participant_key": response_key(token, prompt.id),
            "constituency_id": group,
            "vote": vote,
            "client_id": client_id,
        },
        key=("proposal_id", "participant_key"),
    )
    changes.record(db.session, changes.RESULTS, room.id, prompt.id)
    return vote


def own_answers(room: Room, token: str) -> dict:
    """The participant's own answers to the room's current prompt, to restore the phone."""
    prompt = room.current_prompt
    if prompt is None:
        return {"prompt_id": None}
    if prompt.kind != "proposal":
        response = db.session.scalar(
            select(Response).where(
                Response.prompt_id == prompt.id,
                Response.participant_key == response_key(token, prompt.key_scope),
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
