"""A moderator approves, hides and restores proposals."""

from facilitator.extensions import db
from facilitator.models import Prompt, Proposal, ProposalStatus, Room
from facilitator.services import ServiceError, changes

ACTIONS = {
    "approve": ProposalStatus.APPROVED,
    "hide": ProposalStatus.HIDDEN,
    "restore": ProposalStatus.APPROVED,
}


def moderate_proposal(room: Room, proposal_id: int, action: str) -> Proposal:
    """Apply approve, hide or restore to a proposal of this room."""
    if action not in ACTIONS:
        raise ServiceError(
            "invalid_action", "Action must be approve, hide or restore.", field="action"
        )
    proposal = db.session.get(Proposal, proposal_id)
    prompt = db.session.get(Prompt, proposal.prompt_id) if proposal else None
    if proposal is None or prompt is None or prompt.room_id != room.id:
        raise ServiceError("proposal_not_found", "This proposal is not in this room.")
    target = ACTIONS[action]
    if proposal.status == target:
        raise ServiceError("already_done", f"This proposal is already {target}.")
    if action == "restore" and proposal.status != ProposalStatus.HIDDEN:
        raise ServiceError("not_hidden", "Only a hidden proposal can be restored.")
    proposal.status = target
    db.session.flush()
    changes.record(db.session, changes.PROPOSALS, room.id, prompt.id)
    changes.record(db.session, changes.RESULTS, room.id, prompt.id)
    return proposal
