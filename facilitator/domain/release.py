"""Differencing-proof live results: when a new snapshot of revealed results may be published.

While a prompt is open with its results revealed, screens and phones see a snapshot, not the live
figures. The first snapshot needs k answers; a new one replaces the last only when at least k
participants have answered or changed their answer since, and every group shown (in either
snapshot) moved by 0 or at least k of its own members, the groups not shown counting together as
one pool under the same rule. So the difference between two screens, overall or for any shown
group or the pool, is the sum of k or more answers, never one person's. The same rule decides
whether the final results may replace the last snapshot when the prompt closes.

Opinion groups (domain/opinion.py) move with participants, not rows: one person voting on k
proposals moves k rows. So a new snapshot carries new opinion groups only when k or more
participants voted or changed a vote since the published groups were computed; otherwise it keeps
the published ones (may_replace_opinion).

A row is one participant's answer (or one endorsement): (row key, revision, group), where the
revision grows each time the participant changes it.
"""

from collections import Counter

POOL = "pool"


def moved_rows(previous: dict, rows: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The rows new or changed since the snapshot taken at `previous` (row key → revision)."""
    return [row for row in rows if previous.get(row[0]) != row[1]]


def may_publish(previous: dict | None, rows: list, shown: set, k: int) -> bool:
    """Whether a snapshot of the rows may replace the one taken at `previous` revisions."""
    if previous is None:
        return len(rows) >= k  # the first snapshot too counts k answers or more
    moved = moved_rows(previous, rows)
    if not moved or len(moved) < k:
        return False
    by_group = Counter(group if group in shown else POOL for _, _, group in moved)
    return all(n >= k for n in by_group.values())


def revisions(rows: list[tuple[str, int, int]]) -> dict:
    """The row key → revision map a snapshot is taken at."""
    return {key: revision for key, revision, _ in rows}


def may_replace_opinion(movers: int, k: int) -> bool:
    """Whether new opinion groups may replace the published ones: k or more participants voted
    or changed a vote since those were computed, so a group's change of size or shape is the
    work of k or more people, never of one."""
    return movers >= k
