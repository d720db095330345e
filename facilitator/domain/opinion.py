"""Opinion groups from the votes of one proposal prompt (Pol.is-style), published k-safely.

Input: each participant's votes on the prompt's proposals (agree = +1, disagree = -1, pass = 0, a
proposal not voted on is missing). Participants with at least `min_votes_needed` votes are placed
on a map: missing votes are imputed with the proposal's mean vote, the matrix is projected to two
dimensions by PCA, and k-means (k = 2..5, fixed random_state) splits the map; the k with the best
silhouette wins, and only when that silhouette reaches MIN_SILHOUETTE and every group holds at
least ANONYMITY_K participants. Otherwise the votes show no structure and no group is published.

Nothing about one participant leaves this module: each shown group is described by its size, its
centre and a smoothed covariance ellipse (see `outline`), and its representative proposals carry
vote counts only where they are k-safe (domain/repness.py). docs/method.md explains the choices.
"""

import math

import numpy as np
from threadpoolctl import threadpool_limits

from facilitator.domain.anonymity import visible_groups
from facilitator.domain.repness import describe

VALUES = {"agree": 1.0, "disagree": -1.0, "pass": 0.0}
MIN_VOTES = 7  # Pol.is places a participant after 7 votes
MIN_PROPOSALS = 4  # with 3 proposals even random votes fall into a few tight piles
GROUP_COUNTS = range(2, 6)  # k-means tries 2 to 5 groups
MIN_SILHOUETTE = 0.6  # random votes reached 0.56 at most in 700 trials; planted camps 0.6-0.9
RANDOM_STATE = 0
N_INIT = 4
OUTLINE_POINTS = 16
OUTLINE_RADIUS = 1.5  # the ellipse holds about two thirds of a normal group (chi-square, 2 dof)
OUTLINE_RIDGE = 0.05  # added to the covariance: a group never draws as a line or a dot
DECIMALS = 2


def min_votes_needed(n_proposals: int) -> int:
    """Votes a participant needs before being placed on the map: 7, or half the proposals
    (at least 3) when there are fewer than 14, so a phone that skipped some still counts."""
    return min(MIN_VOTES, max(3, math.ceil(n_proposals / 2)))


def no_groups(n_clustered: int = 0) -> dict:
    """The result when the votes show no opinion groups (or too few votes to tell)."""
    return {"k": 0, "n_clustered": n_clustered, "groups": [], "consensus": []}


def vote_matrix(votes: dict, proposal_ids: list) -> tuple[list, np.ndarray]:
    """(participants, matrix) of the participants with enough votes on these proposals;
    the matrix holds +1 / -1 / 0 and NaN where a participant did not vote."""
    column = {pid: j for j, pid in enumerate(proposal_ids)}
    needed = min_votes_needed(len(proposal_ids))
    placed = sorted(
        p for p, cast in votes.items() if sum(1 for pid in cast if pid in column) >= needed
    )
    matrix = np.full((len(placed), len(proposal_ids)), np.nan)
    for i, participant in enumerate(placed):
        for pid, vote in votes[participant].items():
            if pid in column:
                matrix[i, column[pid]] = VALUES[vote]
    return placed, matrix


def project(matrix: np.ndarray) -> np.ndarray:
    """Missing votes imputed with each proposal's mean vote, then PCA to two components,
    scaled so the first axis has unit standard deviation (the
    second keeps its proportion, so distances stay true)."""
    from sklearn.decomposition import PCA  # scikit-learn loads on first use, not at start-up

    means = np.nanmean(np.where(np.isnan(matrix).all(axis=0), 0.0, matrix), axis=0)
    filled = np.where(np.isnan(matrix), means, matrix)
    if np.ptp(filled, axis=0).max() < 1e-9:
        return np.zeros((len(filled), 2))  # everyone voted alike: one point, nothing to split
    points = PCA(n_components=2, random_state=RANDOM_STATE).fit_transform(filled)
    spread = points[:, 0].std()
    return points / spread if spread > 1e-9 else points


def best_split(points: np.ndarray, k: int) -> tuple[np.ndarray | None, float]:
    """The k-means labels with the best silhouette among 2..5 groups of k or more; and that
    silhouette (None and -1 when no split keeps every group at k or more)."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    best, best_score = None, -1.0
    if np.ptp(points, axis=0).max() < 1e-9:
        return None, best_score  # everyone in one place: nothing to split
    distinct = len(np.unique(points.round(9), axis=0))
    for count in GROUP_COUNTS:
        if count * k > len(points) or count > distinct:
            break
        labels = KMeans(count, n_init=N_INIT, random_state=RANDOM_STATE).fit_predict(points)
        if np.bincount(labels, minlength=count).min() < k:
            continue
        score = float(silhouette_score(points, labels))
        if score > best_score + 1e-9:
            best, best_score = labels, score
    return best, best_score


def outline(points: np.ndarray) -> list[list[float]]:
    """A coarse ellipse around a group: its covariance (plus a ridge) at OUTLINE_RADIUS, drawn
    with OUTLINE_POINTS vertices and rounded. It depends on the group's mean and covariance only
    (five numbers from k or more points), so it cannot be solved for any one point."""
    centre = points.mean(axis=0)
    cov = np.cov(points, rowvar=False) + OUTLINE_RIDGE * np.eye(2)
    values, vectors = np.linalg.eigh(cov)
    axes = vectors * np.sqrt(np.clip(values, 0, None)) * OUTLINE_RADIUS
    shape = []
    for i in range(OUTLINE_POINTS):
        angle = 2 * math.pi * i / OUTLINE_POINTS
        x, y = centre + axes @ np.array([math.cos(angle), math.sin(angle)])
        shape.append([round(float(x), DECIMALS), round(float(y), DECIMALS)])
    return shape


def _groups_in_order(labels: np.ndarray, points: np.ndarray) -> list[np.ndarray]:
    """The member indices of each group, largest first, ties by centre (a stable order)."""
    members = [np.flatnonzero(labels == g) for g in range(labels.max() + 1)]
    return sorted(members, key=lambda m: (-len(m), *points[m].mean(axis=0).round(6)))


def opinion_groups(votes: dict, proposal_ids: list, k: int) -> dict:
    """Opinion groups of one proposal prompt: `{k, n_clustered, groups, consensus}` (see
    docs/protocol.md). votes maps a participant to {proposal id: "agree"|"disagree"|"pass"};
    k is ANONYMITY_K. Deterministic: the same votes give the same result."""
    proposal_ids = sorted(set(proposal_ids))
    if len(proposal_ids) < MIN_PROPOSALS:
        return no_groups()
    placed, matrix = vote_matrix(votes, proposal_ids)
    if len(placed) < 2 * k:
        return no_groups(len(placed))
    # One thread: at this size threads only contend (measured 30 ms alone, up to 2 s in a pool).
    with threadpool_limits(limits=1):
        points = project(matrix)
        labels, score = best_split(points, k)
    if labels is None or score < MIN_SILHOUETTE:
        return no_groups(len(placed))
    members = _groups_in_order(labels, points)
    shown = visible_groups({g: len(m) for g, m in enumerate(members)}, k)
    member_votes = [[votes[placed[i]] for i in m] for m in members]
    represent, consensus = describe(member_votes, shown, votes, proposal_ids, k)
    groups = [
        {
            "id": g,
            "n": len(indices),
            "centre": [round(float(c), DECIMALS) for c in points[indices].mean(axis=0)],
            "outline": outline(points[indices]),
            "representative": represent[g],
        }
        for g, indices in enumerate(members)
        if g in shown
    ]
    return {"k": len(groups), "n_clustered": len(placed), "groups": groups, "consensus": consensus}
