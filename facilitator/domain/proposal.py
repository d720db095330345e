"""Proposals: text validation, endorsement votes and ranking by bridging.

Bridging is Polis' group-informed consensus over the event's constituencies:
GIC = prod_g (agree_g + 1) / (votes_g + 2), taken over EVERY group, so a group with no votes on a
proposal contributes 1/2 and a proposal rises only when every group supports it.
"""

import unicodedata

from facilitator.domain.errors import ValidationError

VOTES = ("agree", "disagree", "pass")


def validate_vote(vote) -> str:
    """Return the vote if it is exactly "agree", "disagree" or "pass"; else ValidationError."""
    if not isinstance(vote, str) or vote not in VOTES:
        raise ValidationError("vote", "must be one of agree, disagree, pass", code="invalid_vote")
    return vote


def validate_text(text, max_length: int, field: str = "value") -> str:
    """Stripped proposal text: non-empty, at most max_length chars, no control chars but newline."""
    if not isinstance(text, str):
        raise ValidationError(field, "must be a text", code="invalid_type")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValidationError(field, "must not be empty", code="empty")
    if len(text) > max_length:
        raise ValidationError(field, f"must be at most {max_length} characters", code="too_long")
    if any(ch != "\n" and unicodedata.category(ch) == "Cc" for ch in text):
        raise ValidationError(field, "must not contain control characters", code="control_chars")
    return text


def bridging_score(group_ids: list, votes_by_group: dict) -> float:
    """Group-informed consensus: product over every group of (agree + 1) / (votes + 2)."""
    _check_groups(group_ids, votes_by_group)
    score = 1.0
    for group in group_ids:
        agree, disagree, pass_ = votes_by_group.get(group, (0, 0, 0))
        score *= (agree + 1) / (agree + disagree + pass_ + 2)
    return score


def summarize_proposals(group_ids: list, proposals: list[dict]) -> list[dict]:
    """Vote totals, per-group votes and bridging per proposal, best bridging first."""
    summaries = []
    for proposal in proposals:
        by_group = {group: {"agree": 0, "disagree": 0, "pass": 0} for group in group_ids}
        for group, vote in proposal["endorsements"]:
            if group not in by_group:
                raise ValueError(f"endorsement from group {group!r} which is not in group_ids")
            by_group[group][validate_vote(vote)] += 1
        agree = sum(g["agree"] for g in by_group.values())
        disagree = sum(g["disagree"] for g in by_group.values())
        pass_ = sum(g["pass"] for g in by_group.values())
        votes = agree + disagree + pass_
        counts = {g: (v["agree"], v["disagree"], v["pass"]) for g, v in by_group.items()}
        summaries.append(
            {
                "id": proposal["id"],
                "agree": agree,
                "disagree": disagree,
                "pass": pass_,
                "votes": votes,
                "share_agree": agree / votes if votes else None,
                "bridging": bridging_score(group_ids, counts),
                "by_group": by_group,
            }
        )
    summaries.sort(key=lambda s: s["id"])
    summaries.sort(key=lambda s: (s["bridging"], s["agree"]), reverse=True)
    return summaries


def _check_groups(group_ids: list, counts_by_group: dict) -> None:
    """Raise ValueError on duplicate group ids or counts for a group not in group_ids."""
    if len(set(group_ids)) != len(group_ids):
        raise ValueError("group_ids contains a group twice")
    unknown = [g for g in counts_by_group if g not in set(group_ids)]
    if unknown:
        raise ValueError(f"counts for groups not in group_ids: {unknown!r}")
