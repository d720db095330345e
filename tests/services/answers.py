"""Builders for tests of results: answers, proposals and endorsements given through the services."""

from itertools import count

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.models import Prompt, ProposalStatus, Room
from facilitator.services import control, participation

_client_ids = count(1)


def _client_id() -> str:
    return f"c{next(_client_ids)}"


def _ensure_open(room: Room, prompt: Prompt) -> None:
    if not prompt.is_open:
        control.open_prompt(room, prompt.id)


def answer(room: Room, prompt: Prompt, values_by_group: dict[int, list]) -> None:
    """Each value answered by a fresh phone of its group; the prompt is opened first if needed."""
    _ensure_open(room, prompt)
    for group, values in values_by_group.items():
        for value in values:
            participation.submit_response(
                room, new_token(), prompt.id, _client_id(), value, constituency_id=group
            )
    db.session.commit()


def propose(room: Room, prompt: Prompt, texts: list[str]) -> list[int]:
    """Proposals sent by fresh phones and approved at once; their ids in order."""
    _ensure_open(room, prompt)
    ids = []
    for text in texts:
        proposal = participation.submit_proposal(room, new_token(), prompt.id, _client_id(), text)
        proposal.status = ProposalStatus.APPROVED
        ids.append(proposal.id)
    db.session.commit()
    return ids


def endorse(room: Room, proposal_id: int, votes_by_group: dict[int, list[str]]) -> None:
    """Each vote given by a fresh phone of its group."""
    for group, votes in votes_by_group.items():
        for vote in votes:
            participation.submit_endorsement(
                room, new_token(), proposal_id, _client_id(), vote, constituency_id=group
            )
    db.session.commit()
