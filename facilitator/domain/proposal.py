"""Proposals: text validation, endorsement votes and ranking by bridging.

Bridging is Polis' group-informed consensus over the event's constituencies:
GIC = prod_g (agree_g + 1) / (votes_g + 2), so a proposal rises only when every group supports it.
The product runs over the groups that may be shown for this proposal (k or more votes, with
complementary suppression), and the other groups' votes count as ONE pooled group only when the
pool holds k or more votes; a smaller pool is left out. So no published score can be solved for a
group that is not shown. A proposal with fewer than `min_votes` votes is not ranked at all.
"""

import unicodedata

from facilitator.domain.anonymity import visible_groups
from facilitator.domain.errors import ValidationError
from facilitator.domain.text import clean_text

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
    text = clean_text(text).replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValidationError(field, "must not be empty", code="empty")
    if len(text) > max_length:
        raise ValidationError(field, f"must be at most {max_length} characters", code="too_long")
    if any(ch != "\n" and unicodedata.category(ch) == "Cc" for ch in text):
        raise ValidationError(field, "must not contain control characters", code="control_chars")
    return text


def bridging_factors(group_ids: list, votes_by_group: dict, k: int) -> list[tuple[int, int]]:
    """(agree, votes) of each group the score may use: the shown groups, then the pool of the
    others when it holds k or more votes."""
    _check_groups(group_ids, votes_by_group)
    counts = {g: votes_by_group.get(g, (0, 0, 0)) for g in group_ids}
    shown = visible_groups({g: sum(c) for g, c in counts.items()}, k)
    factors = [(counts[g][0], sum(counts[g])) for g in group_ids if g in shown]
    pool_agree = sum(counts[g][0] for g in group_ids if g not in shown)
    pool_votes = sum(sum(counts[g]) for g in group_ids if g not in shown)
    if pool_votes >= k:
        factors.append((pool_agree, pool_votes))
    return factors


def bridging_score(group_ids: list, votes_by_group: dict, k: int = 1) -> float:
    """Group-informed consensus: the product of (agree + 1) / (votes + 2) over the shown groups
    and the pool of the others (see bridging_factors); k=1 shows every group that voted."""
    score = 1.0
    for agree, votes in bridging_factors(group_ids, votes_by_group, k):
        score *= (agree + 1) / (votes + 2)
    return score


def support_across_groups(group_ids: list, votes_by_group: dict, k: int) -> float:
    """The bridging score on a 0-1 scale a room can read: the geometric mean of its factors."""
    factors = bridging_factors(group_ids, votes_by_group, k)
    score = bridging_score(group_ids, votes_by_group, k)
    return score ** (1 / len(factors)) if factors else 0.0


def summarize_proposals(
    group_ids: list, proposals: list[dict], k: int = 1, min_votes: int = 0
) -> list[dict]:
    """Vote totals, per-group votes and bridging per proposal, best bridging first.

    A proposal with fewer than min_votes votes is not ranked: its bridging and support are None
    and it follows the ranked ones, oldest first.
    """
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
        ranked = votes >= max(1, min_votes)
        summaries.append(
            {
                "id": proposal["id"],
                "agree": agree,
                "disagree": disagree,
                "pass": pass_,
                "votes": votes,
                "share_agree": agree / votes if votes else None,
                "ranked": ranked,
                "bridging": bridging_score(group_ids, counts, k) if ranked else None,
                "support_across_groups": (
                    support_across_groups(group_ids, counts, k) if ranked else None
                ),
                "by_group": by_group,
            }
        )
    summaries.sort(key=lambda s: s["id"])
    summaries.sort(key=lambda s: (s["ranked"], s["bridging"] or 0, s["agree"]), reverse=True)
    # Unranked proposals keep their order of arrival after the ranked ones.
    return [s for s in summaries if s["ranked"]] + sorted(
        (s for s in summaries if not s["ranked"]), key=lambda s: s["id"]
    )


def _check_groups(group_ids: list, counts_by_group: dict) -> None:
    """Raise ValueError on duplicate group ids or counts for a group not in group_ids."""
    if len(set(group_ids)) != len(group_ids):
        raise ValueError("group_ids contains a group twice")
    unknown = [g for g in counts_by_group if g not in set(group_ids)]
    if unknown:
        raise ValueError(f"counts for groups not in group_ids: {unknown!r}")
