"""Duplicate proposals suggested in the moderators' queue (domain/similar.py), cached per prompt.

The suggestions depend only on the texts of the prompt's pending and approved proposals, which
change when a proposal arrives or is moderated, not when someone votes; so they are computed again
only when that set of texts changed, not on every update of the results, and in a real thread
(benchmarks/similar.py: about 50 ms for 300 proposals).
"""

import threading

from flask import current_app

from facilitator.domain.similar import similar_proposals
from facilitator.models import ProposalStatus

CANDIDATES = (ProposalStatus.PENDING, ProposalStatus.APPROVED)  # what one may merge
_lock = threading.Lock()


def suggestions(prompt_id: int, proposals) -> dict[int, list[dict]]:
    """{proposal id: [{"id", "score"}]} of the pending and approved proposals among these (all
    of one prompt): the other ones similar enough to be duplicates, most similar first."""
    texts = {p.id: p.text for p in proposals if p.status in CANDIDATES}
    key = tuple(sorted((pid, hash(text)) for pid, text in texts.items()))
    cache = current_app.extensions.setdefault("duplicate_suggestions", {})
    with _lock:
        hit = cache.get(prompt_id)
    if hit is not None and hit[0] == key:
        return hit[1]
    from facilitator.services.accounts import offload  # accounts imports the realtime package

    found = offload(similar_proposals, texts)  # a real thread: the event loop keeps going
    with _lock:
        cache[prompt_id] = (key, found)
    return found
