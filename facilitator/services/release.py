"""The results that screens and phones may see: released in steps while a prompt is open.

Moderators always see live results. Everyone else sees, once results are revealed, the last
snapshot released under the rule of domain/release.py; the snapshot (with the answers' revisions
it was taken at) is kept on the prompt, so every worker process publishes the same one. Results
carry `as_of` (the answers they count) and `final` (false while they may still lag behind).
"""

from flask import current_app

from facilitator.domain.release import may_publish, may_replace_opinion, moved_rows, revisions
from facilitator.extensions import db
from facilitator.models import Prompt, PromptState
from facilitator.services import groups, opinion


def _shown(results: dict) -> set:
    """The groups whose figures the results show."""
    if "proposals" in results:
        return {g["group"] for item in results["proposals"] for g in item["breakdown"]["groups"]}
    return {g["group"] for g in results.get("breakdown", {}).get("groups", [])}


def public_results(prompt: Prompt, live: dict) -> dict | None:
    """What screens and phones get of a revealed prompt's results, given its live results;
    None while an open prompt has fewer than k answers to show.

    Stores a new snapshot when the rule allows one (committing it at once: callers are reads).
    """
    rows = groups.answer_rows(prompt.id, prompt.kind)
    snapshot = prompt.released
    is_open = prompt.state == PromptState.OPEN
    if snapshot is None and not is_open:
        return {**live, "as_of": len(rows), "final": True}  # never shown while open: no steps
    previous = snapshot["revisions"] if snapshot else None
    shown = _shown(live) | set(snapshot["shown"] if snapshot else [])
    k = current_app.config["ANONYMITY_K"]
    if may_publish(previous, rows, shown, k):
        live, opinion_revisions = _opinion_step(prompt, snapshot, live, rows, k)
        prompt.released = {
            "results": live,
            "revisions": revisions(rows),
            "shown": sorted(_shown(live)),
            "as_of": len(rows),
            "opinion_revisions": opinion_revisions,
        }
        db.session.commit()
        return {**live, "as_of": len(rows), "final": not is_open}
    if snapshot is None:
        return None
    unchanged = previous == revisions(rows)
    return {**snapshot["results"], "as_of": snapshot["as_of"], "final": unchanged and not is_open}


def _opinion_step(prompt: Prompt, snapshot: dict | None, live: dict, rows: list, k: int):
    """(results to publish, revisions their opinion groups were taken at): the new opinion
    groups only when k or more participants moved since the published ones (domain/release.py)."""
    published = (snapshot or {}).get("results", {})
    if "opinion_groups" not in live or "opinion_groups" not in published:
        return live, revisions(rows)
    taken_at = snapshot.get("opinion_revisions") or snapshot["revisions"]
    moved = [key for key, _, _ in moved_rows(taken_at, rows)]
    if may_replace_opinion(opinion.movers(prompt.id, moved), k):
        return live, revisions(rows)
    return {**live, "opinion_groups": published["opinion_groups"]}, taken_at
