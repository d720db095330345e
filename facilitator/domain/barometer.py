"""The trust barometer: how positions shifted between two linked prompts (pre and post).

Pure Python. Each pair is one participant's (pre_value, post_value, constituency) on the same
N-point scale; a pair with "no opinion" (None) on either side stays out of every statistic. The
change of a pair is post - pre: positive means the participant moved up the scale (towards the
high label). Groups are reported only when anonymity.visible_groups allows them (at least k pairs,
complementary suppression of the rest). Per group only the change is given, never the group's
before or after mean, so the shift cannot be subtracted from the two prompts' own breakdowns.
"""

from facilitator.domain.anonymity import visible_groups


def summarize_shift(points: int, pairs: list[tuple], group_ids: list, k: int) -> dict:
    """n_paired, mean change and shares who moved up, down or not, overall and per group."""
    if type(points) is not int or points < 2:
        raise ValueError(f"points must be an int >= 2, got {points!r}")
    known = set(group_ids)
    by_group: dict = {group: [] for group in group_ids}
    changes: list[int] = []
    befores: list[int] = []
    afters: list[int] = []
    no_opinion = 0
    for pre, post, group in pairs:
        for value in (pre, post):
            if value is not None and (type(value) is not int or not 1 <= value <= points):
                raise ValueError(f"answer {value!r} is not None or an int in 1..{points}")
        if group not in known:
            raise ValueError(f"pair from a group not in group_ids: {group!r}")
        if pre is None or post is None:
            no_opinion += 1
            continue
        changes.append(post - pre)
        befores.append(pre)
        afters.append(post)
        by_group[group].append(post - pre)
    summary = {"points": points, "no_opinion": no_opinion, **_changes(changes)}
    summary["mean_before"] = sum(befores) / len(befores) if befores else None
    summary["mean_after"] = sum(afters) / len(afters) if afters else None
    sizes = {group: len(values) for group, values in by_group.items()}
    visible = visible_groups(sizes, k)
    summary["breakdown"] = {
        "k": k,
        "groups": [
            {"group": group, **_changes(by_group[group])} for group in group_ids if group in visible
        ],
        "suppressed_n": sum(n for group, n in sizes.items() if group not in visible),
        "hidden_groups": sum(1 for group, n in sizes.items() if n > 0 and group not in visible),
    }
    return summary


def _changes(changes: list[int]) -> dict:
    """n_paired, mean change and the shares of positive, negative and zero changes."""
    n = len(changes)
    if not n:
        return {
            "n_paired": 0,
            "mean_change": None,
            "share_up": None,
            "share_down": None,
            "share_unchanged": None,
        }
    up = sum(1 for change in changes if change > 0)
    down = sum(1 for change in changes if change < 0)
    return {
        "n_paired": n,
        "mean_change": sum(changes) / n,
        "share_up": up / n,
        "share_down": down / n,
        "share_unchanged": (n - up - down) / n,
    }


def withhold_means(result: dict, pre: dict, post: dict, k: int) -> None:
    """Leave out means that, set against the two prompts' own results, would give away the
    answers of fewer than k people who answered only one of the two times.

    `result` is summarize_shift's; `pre` and `post` count each prompt's answers with an opinion
    per group. Each prompt's own mean covers everyone who answered it; the paired means cover
    those who answered both. When the difference is 1 to k - 1 people, subtracting one from the
    other recovers their answers, so the paired means and the mean change are withheld (the
    shares who moved up or down stay). The same rule applies per group, on the later answers'
    groups.
    """
    paired = result["n_paired"]
    unpaired = (sum(pre.values()) - paired, sum(post.values()) - paired)
    if paired and any(0 < n < k for n in unpaired):
        result.update(mean_before=None, mean_after=None, mean_change=None, means_withheld=True)
    for group in result["breakdown"]["groups"]:
        n = group["n_paired"]
        remainders = (pre.get(group["group"], 0) - n, post.get(group["group"], 0) - n)
        if any(0 < r < k for r in remainders):
            group.update(mean_change=None, means_withheld=True)
