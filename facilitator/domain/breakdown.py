"""Results broken down by constituency, obeying the anonymity threshold k.

Only groups that anonymity.visible_groups allows are reported; everything else is folded into
suppressed_n. Proposal authors' constituencies are never broken down: only endorsements are.
"""

from itertools import combinations

from facilitator.domain.anonymity import visible_groups
from facilitator.domain.kinds import PromptKind
from facilitator.domain.priority import kendall_tau_b


def breakdown(
    kind: PromptKind, settings: dict, answers: list[tuple], group_ids: list, k: int
) -> dict:
    """Per-group summaries of (group_id, value) answers for the groups that may be shown."""
    if kind.name == "proposal":
        raise ValueError("proposal texts are never broken down by their authors' constituency")
    values_by_group = _group_values(group_ids, answers)
    sizes = {group: len(values) for group, values in values_by_group.items()}
    visible = visible_groups(sizes, k)
    groups = [
        {
            "group": group,
            "n": sizes[group],
            "summary": kind.summarize(settings, values_by_group[group]),
        }
        for group in group_ids
        if group in visible
    ]
    result = {
        "k": k,
        "groups": groups,
        "suppressed_n": sum(n for group, n in sizes.items() if group not in visible),
        "hidden_groups": sum(1 for group, n in sizes.items() if n > 0 and group not in visible),
    }
    if kind.name == "priority":
        result["agreement"] = [
            {
                "a": a["group"],
                "b": b["group"],
                "tau_b": kendall_tau_b(_borda(a), _borda(b)),
            }
            for a, b in combinations(groups, 2)
        ]
    return result


def proposal_breakdown(group_ids: list, summarized_proposal: dict, k: int) -> dict:
    """One summarised proposal's endorsements for the groups that may be shown."""
    by_group = summarized_proposal["by_group"]
    unknown = [group for group in by_group if group not in set(group_ids)]
    if unknown:
        raise ValueError(f"endorsements from groups not in group_ids: {unknown!r}")
    zero = {"agree": 0, "disagree": 0, "pass": 0}
    counts = {group: by_group.get(group, zero) for group in group_ids}
    sizes = {group: c["agree"] + c["disagree"] + c["pass"] for group, c in counts.items()}
    visible = visible_groups(sizes, k)
    groups = [
        {
            "group": group,
            "agree": counts[group]["agree"],
            "disagree": counts[group]["disagree"],
            "pass": counts[group]["pass"],
            "share_agree": counts[group]["agree"] / sizes[group],
        }
        for group in group_ids
        if group in visible
    ]
    suppressed_n = sum(n for group, n in sizes.items() if group not in visible)
    return {"groups": groups, "suppressed_n": suppressed_n}


def _group_values(group_ids: list, answers: list[tuple]) -> dict:
    """Answer values per group, every group of group_ids present; unknown groups are an error."""
    if len(set(group_ids)) != len(group_ids):
        raise ValueError("group_ids contains a group twice")
    values_by_group: dict = {group: [] for group in group_ids}
    for group, value in answers:
        if group not in values_by_group:
            raise ValueError(f"answer from group {group!r} which is not in group_ids")
        values_by_group[group].append(value)
    return values_by_group


def _borda(group: dict) -> list[int]:
    """Borda totals in option index order from a visible group's priority summary."""
    return [option["borda"] for option in group["summary"]["options"]]
