"""Aggregation of priority prompts: K options ranked, all of them or only the top k.

Borda: the option at 0-based position p of a ballot scores K - 1 - p, an unranked option 0; the
normalised score is total / (n * (K - 1)). Agreement between two groups is Kendall's tau-b of their
Borda totals.
"""

import math
from itertools import combinations

MIN_OPTIONS = 2
MAX_OPTIONS = 12


def summarize_priority(option_count: int, ballots: list[list[int]]) -> dict:
    """Borda totals and scores, mean position and share ranked first per option, plus the order."""
    if type(option_count) is not int or option_count < 2:
        raise ValueError(f"option_count must be an int >= 2, got {option_count!r}")
    k = option_count
    borda = [0] * k
    ranked = [0] * k
    position_sum = [0] * k
    first = [0] * k
    for ballot in ballots:
        _check_ballot(k, ballot)
        for p, option in enumerate(ballot):
            borda[option] += k - 1 - p
            ranked[option] += 1
            position_sum[option] += p + 1
        if ballot:
            first[ballot[0]] += 1
    n = len(ballots)
    options = [
        {
            "index": i,
            "borda": borda[i],
            "score": borda[i] / (n * (k - 1)) if n else None,
            "mean_position": position_sum[i] / ranked[i] if ranked[i] else None,
            "ranked": ranked[i],
            "share_first": first[i] / n if n else None,
        }
        for i in range(k)
    ]
    order = sorted(range(k), key=lambda i: (-borda[i], i))
    return {"n": n, "options": options, "order": order}


def _check_ballot(option_count: int, ballot: list[int]) -> None:
    """Raise ValueError unless the ballot is a list of distinct option indices."""
    if not isinstance(ballot, list | tuple):
        raise ValueError(f"ballot must be a list, got {ballot!r}")
    for option in ballot:
        if type(option) is not int or not 0 <= option < option_count:
            raise ValueError(f"ballot {ballot!r} has an unknown option {option!r}")
    if len(set(ballot)) != len(ballot):
        raise ValueError(f"ballot {ballot!r} ranks an option twice")


def kendall_tau_b(x: list[float], y: list[float]) -> float | None:
    """Kendall's tau-b of two equally long score lists; None when undefined."""
    if len(x) != len(y):
        raise ValueError("kendall_tau_b needs two lists of the same length")
    n = len(x)
    if n < 2:
        return None
    pairs = n * (n - 1) // 2
    ties_x = ties_y = concordant = discordant = 0
    for i, j in combinations(range(n), 2):
        dx = _sign(x[i] - x[j])
        dy = _sign(y[i] - y[j])
        if dx == 0:
            ties_x += 1
        if dy == 0:
            ties_y += 1
        if dx * dy > 0:
            concordant += 1
        elif dx * dy < 0:
            discordant += 1
    denominator = (pairs - ties_x) * (pairs - ties_y)
    if denominator == 0:
        return None
    return (concordant - discordant) / math.sqrt(denominator)


def _sign(d: float) -> int:
    """-1, 0 or 1 by the sign of d."""
    return (d > 0) - (d < 0)
