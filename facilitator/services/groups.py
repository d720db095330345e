"""Reading and writing the sealed constituency of answer rows (domain/seal.py).

Every reader of responses or endorsements by group goes through here, so that the groups are
opened in one place, with the current PARTICIPANT_SECRET and any PARTICIPANT_SECRET_FALLBACKS.

Each sealed value has its own random nonce, so a process remembers what it has opened, keyed by
the sealed text: results computed every broadcast interval open only the rows that changed.
"""

from flask import current_app
from sqlalchemy import select

from facilitator.domain.seal import seal, seal_key, unseal
from facilitator.extensions import db
from facilitator.models import Endorsement, Proposal, ProposalStatus, Response


def _keys() -> list[bytes]:
    app = current_app._get_current_object()
    keys = app.extensions.get("seal_keys")
    if keys is None:
        fallbacks = app.config.get("PARTICIPANT_SECRET_FALLBACKS", [])
        secrets = [app.config["PARTICIPANT_SECRET"], *fallbacks]
        keys = app.extensions["seal_keys"] = [seal_key(s.encode()) for s in secrets]
    return keys


OPENED_MAX = 200_000  # sealed values remembered per process (about 30 MB at most)


def _open(keys: list[bytes], sealed: str, kind: str, prompt_id: int) -> int:
    """unseal(), remembered per process by the sealed text (unique by its nonce)."""
    opened = current_app.extensions.setdefault("seal_opened", {})
    key = (sealed, kind, prompt_id)
    group = opened.get(key)
    if group is None:
        group = unseal(keys, sealed, kind, prompt_id)
        if len(opened) >= OPENED_MAX:
            opened.clear()
        opened[key] = group
    return group


def seal_response_group(group_id: int, prompt_id: int) -> str:
    """The sealed group of a response to this prompt."""
    return seal(_keys()[0], group_id, "response", prompt_id)


def seal_endorsement_group(group_id: int, prompt_id: int) -> str:
    """The sealed group of an endorsement under this proposal prompt."""
    return seal(_keys()[0], group_id, "endorsement", prompt_id)


def response_group(sealed: str, prompt_id: int) -> int:
    """The group of one response row."""
    return _open(_keys(), sealed, "response", prompt_id)


def responses(prompt_id: int) -> list[tuple[int, object]]:
    """(group, value) of every response to a prompt, in no particular order."""
    keys = _keys()
    rows = db.session.execute(
        select(Response.sealed_group, Response.value).where(Response.prompt_id == prompt_id)
    ).all()
    return [(_open(keys, sealed, "response", prompt_id), value) for sealed, value in rows]


def endorsements(prompt_id: int, approved_only: bool = True) -> list[tuple[int, int, str]]:
    """(proposal id, group, vote) of every endorsement under a proposal prompt."""
    keys = _keys()
    query = (
        select(Endorsement.proposal_id, Endorsement.sealed_group, Endorsement.vote)
        .join(Proposal)
        .where(Proposal.prompt_id == prompt_id)
    )
    if approved_only:
        query = query.where(Proposal.status == ProposalStatus.APPROVED)
    return [
        (proposal_id, _open(keys, sealed, "endorsement", prompt_id), vote)
        for proposal_id, sealed, vote in db.session.execute(query).all()
    ]


def answer_rows(prompt_id: int, kind: str) -> list[tuple[str, int, int]]:
    """(row key, revision, group) of every answer to a prompt (endorsements of its approved
    proposals for a proposal prompt): what live results are released by (domain/release.py)."""
    keys = _keys()
    if kind != "proposal":
        rows = db.session.execute(
            select(Response.id, Response.revision, Response.sealed_group).where(
                Response.prompt_id == prompt_id
            )
        ).all()
        return [
            (f"r{i}", rev, _open(keys, sealed, "response", prompt_id)) for i, rev, sealed in rows
        ]
    rows = db.session.execute(
        select(Endorsement.id, Endorsement.revision, Endorsement.sealed_group)
        .join(Proposal)
        .where(Proposal.prompt_id == prompt_id, Proposal.status == ProposalStatus.APPROVED)
    ).all()
    return [
        (f"e{i}", rev, _open(keys, sealed, "endorsement", prompt_id)) for i, rev, sealed in rows
    ]
