"""Moderation of proposals, shared by co-moderators: approve, hide, restore, highlight, merge,
unmerge, and correct a proposal's text.

Two moderators never handle one proposal twice. A status change is a compare-and-set
(`UPDATE … WHERE status = <the status the moderator saw>`): the first decision wins; the
second gets `already_handled`, naming who decided, with the proposal's current state.

Merging duplicates: the sources get status `merged` and point at the target. Their endorsements
carry over one per participant (keys are per prompt, so one participant has the same key on every
proposal of a prompt). A participant who already endorsed the target keeps that vote. Otherwise
they get the strongest support they gave any of the sources: agree, else disagree, else pass — the
sources say the same thing, so agreeing with any wording counts as agreeing with the idea. The
sources keep their own endorsements (copied, not moved), so nothing a participant said is lost.

Unmerging a source undoes this without anything stored for it: a carried endorsement is a copy with
the source endorsement's participant key and client id (a participant who votes on the target again
sends a new client id, and that vote is theirs to keep). The copies of the source are removed from
the target, the other sources still merged into it carry over again, and the source gets back the
status it had before the merge (kept in the merge's audit entry).
"""

from sqlalchemy import delete, select, tuple_, update

from facilitator.domain.proposal import validate_text
from facilitator.extensions import db
from facilitator.models import Endorsement, Moderator, Prompt, Proposal, ProposalStatus, Room
from facilitator.services import ServiceError, audit, changes

APPROVED, HIDDEN, PENDING, MERGED = (
    ProposalStatus.APPROVED,
    ProposalStatus.HIDDEN,
    ProposalStatus.PENDING,
    ProposalStatus.MERGED,
)
ACTIONS = {"approve": APPROVED, "hide": HIDDEN, "restore": APPROVED}
PAST = {
    "approve": "approved",
    "hide": "hid",
    "restore": "restored",
    "merge": "merged",
    "unmerge": "unmerged",
    "proposal_edit": "corrected",
    "highlight": "highlighted",
    "unhighlight": "unhighlighted",
}
DECISIONS = tuple(PAST)
# The strongest support first: what a merged participant's vote becomes.
VOTE_STRENGTH = {"agree": 2, "disagree": 1, "pass": 0}
MAX_SOURCES = 50


class AlreadyHandled(ServiceError):
    """A co-moderator decided first: says who, and carries the proposal as it is now."""

    def __init__(self, message: str, proposal: Proposal, by: str | None):
        super().__init__("already_handled", message)
        self.proposal = proposal
        self.by = by

    def as_dict(self) -> dict:
        """The error with the current proposal and who decided."""
        return {**super().as_dict(), "by": self.by, "proposal": proposal_data(self.proposal)}


def proposal_data(proposal: Proposal) -> dict:
    """A proposal as a moderator's ack shows it."""
    return {
        "id": proposal.id,
        "text": proposal.text,
        "status": proposal.status,
        "highlighted": proposal.highlighted,
        "merged_into": proposal.merged_into_id,
    }


def room_proposal(room: Room, proposal_id: int) -> tuple[Proposal, Prompt]:
    """A proposal under a prompt of this room, with its prompt; else proposal_not_found."""
    proposal = db.session.get(Proposal, proposal_id)
    prompt = db.session.get(Prompt, proposal.prompt_id) if proposal else None
    if proposal is None or prompt is None or prompt.room_id != room.id:
        raise ServiceError("proposal_not_found", "This proposal is not in this room.")
    return proposal, prompt


def _conflict(proposal: Proposal) -> AlreadyHandled:
    """The error for a decision a co-moderator already made."""
    db.session.refresh(proposal)
    if proposal.status == MERGED and proposal.merged_into_id:
        entry = audit.last_decision("proposal", proposal.merged_into_id, ["merge"])
    else:
        entry = audit.last_decision("proposal", proposal.id, DECISIONS)
    by = entry.moderator_name if entry else None
    if entry and entry.action in PAST:
        message = f"{by} already {PAST[entry.action]} this proposal; it is {proposal.status} now."
    else:
        message = f"Someone already handled this proposal; it is {proposal.status} now."
    return AlreadyHandled(message, proposal, by)


def _changed(room: Room, prompt: Prompt) -> None:
    db.session.flush()
    changes.record(db.session, changes.PROPOSALS, room.id, prompt.id)
    changes.record(db.session, changes.RESULTS, room.id, prompt.id)


def moderate_proposal(
    room: Room,
    proposal_id: int,
    action: str,
    expected: str | None = None,
    moderator: Moderator | None = None,
) -> Proposal:
    """Approve, hide or restore a proposal, if it still has the status the moderator saw."""
    if action not in ACTIONS:
        raise ServiceError(
            "invalid_action", "Action must be approve, hide or restore.", field="action"
        )
    if expected is not None and expected not in set(ProposalStatus):
        raise ServiceError(
            "invalid_status",
            "expected must be pending, approved, hidden or merged.",
            field="expected",
        )
    proposal, prompt = room_proposal(room, proposal_id)
    seen = expected or proposal.status
    if proposal.status != seen:
        raise _conflict(proposal)
    target = ACTIONS[action]
    if seen == MERGED:
        raise ServiceError(
            "merged", "This proposal was merged into another one; moderate that one instead."
        )
    if seen == target:
        raise ServiceError("already_done", f"This proposal is already {target}.")
    if action == "restore" and seen != HIDDEN:
        raise ServiceError("not_hidden", "Only a hidden proposal can be restored.")
    values = {"status": target}
    if target == HIDDEN:
        values["highlighted"] = False  # a hidden proposal is no longer in the spotlight
    _swap(proposal, Proposal.status == seen, **values)
    db.session.refresh(proposal)
    audit.record(
        moderator, action, room, "proposal", proposal.id, {"prompt_id": prompt.id, "from": seen}
    )
    _changed(room, prompt)
    return proposal


def highlight(
    room: Room, proposal_id: int, highlighted: bool, moderator: Moderator | None = None
) -> Proposal:
    """Put an approved proposal in the spotlight on the projector, or take it out."""
    proposal, prompt = room_proposal(room, proposal_id)
    if highlighted and proposal.status != APPROVED:
        raise ServiceError("not_approved", "Only an approved proposal can be highlighted.")
    if proposal.highlighted == highlighted:
        state = "highlighted" if highlighted else "not highlighted"
        raise ServiceError("already_done", f"This proposal is already {state}.")
    _swap(proposal, Proposal.highlighted == (not highlighted), highlighted=highlighted)
    db.session.refresh(proposal)
    action = "highlight" if highlighted else "unhighlight"
    audit.record(moderator, action, room, "proposal", proposal.id, {"prompt_id": prompt.id})
    _changed(room, prompt)
    return proposal


def edit_text(
    room: Room,
    proposal_id: int,
    text,
    expected: str | None = None,
    moderator: Moderator | None = None,
) -> Proposal:
    """Correct a proposal's text (validated like a submission); the audit log keeps the original.

    `expected` is the text this console showed: if a co-moderator corrected it first, the
    correction is refused with already_handled rather than overwriting theirs.
    """
    proposal, prompt = room_proposal(room, proposal_id)
    text = validate_text(text, prompt.settings["max_length"], field="text")
    if proposal.status == MERGED:
        raise ServiceError(
            "merged", "This proposal was merged into another one; correct that one instead."
        )
    seen = proposal.text if expected is None else expected
    if proposal.text != seen:
        raise _conflict(proposal)
    if text == seen:
        raise ServiceError("already_done", "The text is unchanged.", field="text")
    _swap(proposal, Proposal.text == seen, text=text)
    db.session.refresh(proposal)
    audit.record(
        moderator,
        "proposal_edit",
        room,
        "proposal",
        proposal.id,
        {"prompt_id": prompt.id, "original": seen, "corrected": text},
    )
    _changed(room, prompt)
    return proposal


def _merge_sources(room: Room, target: Proposal, source_ids) -> list[Proposal]:
    if not isinstance(source_ids, list | tuple) or not source_ids:
        raise ServiceError("no_sources", "Choose the duplicates to merge.", field="source_ids")
    if len(source_ids) > MAX_SOURCES:
        raise ServiceError(
            "too_many", f"Merge at most {MAX_SOURCES} proposals at once.", field="source_ids"
        )
    if any(type(i) is not int or i <= 0 for i in source_ids):
        raise ServiceError(
            "invalid_type", "Duplicates are given by their proposal ids.", field="source_ids"
        )
    if len(set(source_ids)) != len(source_ids):
        raise ServiceError("duplicate_source", "A proposal is listed twice.", field="source_ids")
    if target.id in source_ids:
        raise ServiceError("merge_into_self", "A proposal cannot be merged into itself.")
    sources = []
    for source_id in source_ids:
        source, _prompt = room_proposal(room, source_id)
        if source.prompt_id != target.prompt_id:
            raise ServiceError(
                "different_prompt",
                "Only proposals under the same prompt can be merged: their endorsements "
                "come from the same question.",
            )
        if source.status == MERGED:
            raise ServiceError(
                "already_merged", f"Proposal {source.id} is already merged into another one."
            )
        sources.append(source)
    return sources


def _carry_endorsements(target: Proposal, sources: list[Proposal]) -> int:
    """Copy one endorsement per participant from the sources to the target; the count copied."""
    voted = set(
        db.session.scalars(
            select(Endorsement.participant_key).where(Endorsement.proposal_id == target.id)
        )
    )
    best: dict[str, Endorsement] = {}
    rows = db.session.scalars(
        select(Endorsement)
        .where(Endorsement.proposal_id.in_([s.id for s in sources]))
        .order_by(Endorsement.id)
    )
    for endorsement in rows:
        key = endorsement.participant_key
        if key in voted:
            continue
        kept = best.get(key)
        if kept is None or VOTE_STRENGTH[endorsement.vote] > VOTE_STRENGTH[kept.vote]:
            best[key] = endorsement
    for endorsement in best.values():
        db.session.add(
            Endorsement(
                proposal_id=target.id,
                participant_key=endorsement.participant_key,
                sealed_group=endorsement.sealed_group,  # the same prompt: the seal still opens
                vote=endorsement.vote,
                client_id=endorsement.client_id,
            )
        )
    return len(best)


def _swap(proposal: Proposal, held=None, **values) -> None:
    """Set values on a proposal if it still holds what was read (`held`, a column condition;
    by default its status); else already_handled: a co-moderator's decision landed in between."""
    held = Proposal.status == proposal.status if held is None else held
    swapped = db.session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id, held)
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if swapped != 1:
        raise _conflict(proposal)


def merge(
    room: Room, target_id: int, source_ids, moderator: Moderator | None = None
) -> tuple[Proposal, int]:
    """Merge duplicate proposals into a target; returns the target and endorsements carried."""
    target, prompt = room_proposal(room, target_id)
    if target.status == MERGED:
        raise ServiceError(
            "already_merged", "This proposal is itself merged; choose the one it was merged into."
        )
    if target.status == HIDDEN:
        raise ServiceError(
            "target_hidden", "Restore this proposal before merging duplicates into it."
        )
    sources = _merge_sources(room, target, source_ids)
    # Compare-and-set on every proposal involved: a co-moderator's decision in between wins.
    _swap(target, status=target.status)
    before = {str(source.id): source.status for source in sources}
    for source in sources:
        _swap(source, status=MERGED, merged_into_id=target.id, highlighted=False)
    carried = _carry_endorsements(target, sources)
    db.session.flush()
    for source in sources:
        db.session.refresh(source)
    audit.record(
        moderator,
        "merge",
        room,
        "proposal",
        target.id,
        {
            "prompt_id": prompt.id,
            "merged_proposals": [s.id for s in sources],
            "endorsements_carried": carried,
            "sources_from": before,
        },
    )
    _changed(room, prompt)
    return target, carried


def _status_before_merge(target_id: int, source_id: int) -> str:
    """The status a source had when it was merged into the target (approved if not logged)."""
    entry = audit.last_decision("proposal", target_id, ["merge"])
    before = (entry.detail or {}).get("sources_from", {}) if entry else {}
    status = before.get(str(source_id), APPROVED)
    return status if status in (PENDING, APPROVED, HIDDEN) else APPROVED


def _remove_copies(target: Proposal, source: Proposal) -> int:
    """Delete the target's endorsements that are copies of the source's; the count removed."""
    copies = select(Endorsement.participant_key, Endorsement.client_id).where(
        Endorsement.proposal_id == source.id
    )
    return db.session.execute(
        delete(Endorsement)
        .where(
            Endorsement.proposal_id == target.id,
            tuple_(Endorsement.participant_key, Endorsement.client_id).in_(copies),
        )
        .execution_options(synchronize_session=False)
    ).rowcount


def unmerge(room: Room, proposal_id: int, moderator: Moderator | None = None) -> Proposal:
    """Give a merged proposal back its place and take its carried endorsements off the target."""
    source, prompt = room_proposal(room, proposal_id)
    if source.status != MERGED or source.merged_into_id is None:
        raise ServiceError("not_merged", "This proposal is not merged into another one.")
    target = db.session.get(Proposal, source.merged_into_id)
    if target.status == MERGED:
        raise ServiceError(
            "target_merged",
            "The proposal it was merged into is itself merged; unmerge that one first.",
        )
    restored = _status_before_merge(target.id, source.id)
    _swap(target, status=target.status)
    _swap(source, status=restored, merged_into_id=None)
    removed = _remove_copies(target, source)
    still = list(
        db.session.scalars(
            select(Proposal).where(Proposal.merged_into_id == target.id, Proposal.status == MERGED)
        )
    )
    carried = _carry_endorsements(target, still) if still else 0
    db.session.flush()
    db.session.refresh(source)
    audit.record(
        moderator,
        "unmerge",
        room,
        "proposal",
        source.id,
        {
            "prompt_id": prompt.id,
            "from": target.id,
            "to": restored,
            "endorsements_removed": removed - carried,
        },
    )
    _changed(room, prompt)
    return source


def merged_from_counts(proposals) -> dict[int, int]:
    """For each proposal id, how many proposals were merged into it, directly or transitively."""
    children: dict[int, list[int]] = {}
    for proposal in proposals:
        if proposal.merged_into_id is not None:
            children.setdefault(proposal.merged_into_id, []).append(proposal.id)
    counts: dict[int, int] = {}

    def count(proposal_id: int, seen: frozenset) -> int:
        if proposal_id in counts:
            return counts[proposal_id]
        total = 0
        for child in children.get(proposal_id, []):
            if child not in seen:
                total += 1 + count(child, seen | {child})
        counts[proposal_id] = total
        return total

    for proposal in proposals:
        count(proposal.id, frozenset({proposal.id}))
    return counts
