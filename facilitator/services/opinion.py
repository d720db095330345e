"""Opinion groups of a proposal prompt (domain/opinion.py), computed off the answer path.

Within one proposal prompt a phone's endorsements share one participant key, so the participant-by-
proposal vote matrix needs nothing linked across prompts. Only approved proposals count.

The result is cached per prompt (in each process: it is a pure function of the votes, so every
process computes the same one). It is recomputed when the results are next read (by the
broadcaster's coalesced flush, a reconnect or an export), and then only if the votes changed since
the last computation — judged by a cheap fingerprint query — and at most once per
BROADCAST_INTERVAL. A read refused a recomputation by that interval gets the last result and
notes the prompt's results as stale, so the next flush brings them up to date.
"""

import threading
import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from facilitator.domain.opinion import opinion_groups as compute
from facilitator.extensions import db
from facilitator.models import Endorsement, Prompt, Proposal, ProposalStatus
from facilitator.services import changes


@dataclass
class _Entry:
    fingerprint: tuple
    computed_at: float
    result: dict


_lock = threading.Lock()


def _cache() -> dict[int, _Entry]:
    return current_app.extensions.setdefault("opinion_groups", {})


def fingerprint(prompt_id: int) -> tuple:
    """What the result depends on, cheaply: the approved proposals and their endorsements'
    count, ids and revisions. It changes with every vote, changed vote and moderation."""
    approved = (Proposal.prompt_id == prompt_id) & (Proposal.status == ProposalStatus.APPROVED)
    proposals = db.session.execute(
        select(func.count(Proposal.id), func.coalesce(func.sum(Proposal.id), 0)).where(approved)
    ).one()
    endorsements = db.session.execute(
        select(
            func.count(Endorsement.id),
            func.coalesce(func.sum(Endorsement.id), 0),
            func.coalesce(func.sum(Endorsement.revision), 0),
        )
        .join(Proposal)
        .where(approved)
    ).one()
    return (*proposals, *endorsements)


def participant_votes(prompt_id: int) -> tuple[dict, list[int]]:
    """({participant key: {proposal id: vote}}, approved proposal ids) of a proposal prompt."""
    ids = list(
        db.session.scalars(
            select(Proposal.id)
            .where(Proposal.prompt_id == prompt_id, Proposal.status == ProposalStatus.APPROVED)
            .order_by(Proposal.id)
        )
    )
    votes: dict[str, dict[int, str]] = {}
    rows = db.session.execute(
        select(Endorsement.participant_key, Endorsement.proposal_id, Endorsement.vote)
        .join(Proposal)
        .where(Proposal.prompt_id == prompt_id, Proposal.status == ProposalStatus.APPROVED)
    )
    for key, proposal_id, vote in rows:
        votes.setdefault(key, {})[proposal_id] = vote
    return votes, ids


def opinion_groups(prompt: Prompt) -> dict:
    """The opinion groups of a proposal prompt, from the cache when the votes did not change."""
    cache = _cache()
    now = time.monotonic()
    current = fingerprint(prompt.id)
    with _lock:
        entry = cache.get(prompt.id)
    if entry is not None and entry.fingerprint == current:
        return entry.result  # nobody voted since
    interval = current_app.config["BROADCAST_INTERVAL"]
    if entry is not None and now - entry.computed_at < interval:
        # Recomputed a moment ago: the next flush (an interval from now) brings the new votes in.
        changes.publish_now(changes.Change(changes.RESULTS, prompt.room_id, prompt.id))
        return entry.result
    from facilitator.services.accounts import offload  # accounts imports the realtime package

    votes, ids = participant_votes(prompt.id)
    result = offload(compute, votes, ids, current_app.config["ANONYMITY_K"])
    with _lock:
        cache[prompt.id] = _Entry(current, time.monotonic(), result)
    return result


def movers(prompt_id: int, row_keys: list[str]) -> int:
    """How many participants the given endorsement rows ("e<id>", domain/release.py) come from."""
    ids = [int(key[1:]) for key in row_keys if key.startswith("e")]
    seen: set[str] = set()
    for start in range(0, len(ids), 500):
        seen.update(
            db.session.scalars(
                select(Endorsement.participant_key).where(
                    Endorsement.id.in_(ids[start : start + 500])
                )
            )
        )
    return len(seen)
