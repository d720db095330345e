"""Aggregation of position prompts: a statement answered on an N-point scale.

"No opinion" (None) counts as participation but stays out of every statistic. Consensus follows
Tastle & Wierman (2007): Cns = 1 + sum_i p_i * log2(1 - |x_i - mu| / (N - 1)), which is 1 when
everyone gives the same answer and 0 when the room is split evenly between the two extremes.
"""

import math
import statistics

ALLOWED_POINTS = (5, 7)


def summarize_position(points: int, values: list[int | None]) -> dict:
    """Counts, mean, median, agree/disagree/neutral shares and consensus of position answers."""
    if type(points) is not int or points < 2:
        raise ValueError(f"points must be an int >= 2, got {points!r}")
    counts = [0] * points
    no_opinion = 0
    for value in values:
        if value is None:
            no_opinion += 1
        elif type(value) is int and 1 <= value <= points:
            counts[value - 1] += 1
        else:
            raise ValueError(f"answer {value!r} is not None or an int in 1..{points}")
    n_opinion = sum(counts)
    summary = {
        "n": n_opinion + no_opinion,
        "n_opinion": n_opinion,
        "no_opinion": no_opinion,
        "counts": counts,
        "mean": None,
        "median": None,
        "share_agree": None,
        "share_disagree": None,
        "share_neutral": None,
        "consensus": None,
    }
    if n_opinion == 0:
        return summary
    opinions = [v for v in values if v is not None]
    midpoint = (points + 1) / 2
    agree = sum(c for i, c in enumerate(counts, start=1) if i > midpoint)
    disagree = sum(c for i, c in enumerate(counts, start=1) if i < midpoint)
    mean = sum(opinions) / n_opinion
    summary.update(
        mean=mean,
        median=statistics.median(opinions),
        share_agree=agree / n_opinion,
        share_disagree=disagree / n_opinion,
        share_neutral=(n_opinion - agree - disagree) / n_opinion,
        consensus=consensus(points, counts, mean),
    )
    return summary


def consensus(points: int, counts: list[int], mean: float) -> float:
    """Tastle & Wierman consensus of per-point counts on a 1..points scale, in [0, 1]."""
    total = sum(counts)
    width = points - 1
    value = 1.0
    for x, count in enumerate(counts, start=1):
        if count:
            # For any point actually chosen, |x - mean| < width, so the log argument is > 0.
            value += (count / total) * math.log2(1 - abs(x - mean) / width)
    # Only floating-point noise can push the result outside [0, 1]; clamp it away.
    return min(1.0, max(0.0, value))
