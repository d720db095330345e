"""What each opinion group stands for, and what every group supports, with k-safe counts.

Representative proposals follow Pol.is (math/repness.clj), written anew: for a group and a
proposal, with a = agree, d = disagree, s = votes seen in the group and the same counts r_ for the
other groups,

    p_a = (a + 1) / (s + 2)                       smoothed share agreeing in the group
    t_a = 2 * sqrt(s + 1) * ((a + 1)/(s + 1) - 1/2)   one-proportion z-test against a coin toss
    r_a = p_a / ((r_a + 1) / (r_s + 2))            how much likelier than in the rest
    u_a = two-proportion z-test, group against the rest (each count + 1)

and the same for disagree. A proposal represents the group when both tests pass at 90 % one-sided
(z > 1.2816) for agree (or for disagree); they are ranked by r * u * p * t and the best five kept.
Group-informed consensus is the product over groups of (a + 1) / (s + 2), as for declared
constituencies (domain/proposal.bridging_factors, with the same pooling of small groups).

k-safety: a group's counts on a proposal are published only when k or more of its members voted
on it, and when everyone else who voted on it (the groups not published for it, the participants
not placed, and any group held back) is 0 or k or more — so neither a group's counts nor the
proposal's public totals minus them can be solved for fewer than k people.
"""

import math

from facilitator.domain.proposal import bridging_factors

Z_90 = 1.2816  # one-sided 90 %, as Pol.is
MAX_REPRESENTATIVE = 5
SCORE_DECIMALS = 4
HIDDEN = "held back"


def prop_test(success: int, n: int) -> float:
    """z of a share against 1/2 with one pseudo-count (Pol.is prop-test)."""
    success, n = success + 1, n + 1
    return 2 * math.sqrt(n) * (success / n - 0.5)


def two_prop_test(succ_in: int, succ_out: int, n_in: int, n_out: int) -> float:
    """z of the difference of two shares, each count plus one (Pol.is two-prop-test)."""
    succ_in, succ_out, n_in, n_out = succ_in + 1, succ_out + 1, n_in + 1, n_out + 1
    pooled = (succ_in + succ_out) / (n_in + n_out)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n_in + 1 / n_out))
    return (succ_in / n_in - succ_out / n_out) / spread if spread > 0 else 0.0


def tally(group_votes: list[dict], proposal_id) -> tuple[int, int, int]:
    """(agree, disagree, pass) of a set of participants' votes on one proposal."""
    cast = [v[proposal_id] for v in group_votes if proposal_id in v]
    return cast.count("agree"), cast.count("disagree"), cast.count("pass")


def publishable(counts: dict, shown: set, total_votes: int, k: int) -> set:
    """The shown groups whose counts on one proposal may be published: k or more voters each,
    everyone else who voted on it 0 or k or more (the smallest dropped until it is)."""
    sizes = {g: sum(counts[g]) for g in shown}
    out = {g for g, n in sizes.items() if n >= k}
    rest = total_votes - sum(sizes[g] for g in out)
    while 0 < rest < k and out:
        victim = min(out, key=lambda g: (sizes[g], -g))
        out.remove(victim)
        rest += sizes[victim]
    return out


def _stats(own: tuple, other: tuple, index: int) -> tuple[float, float, float, float]:
    """(p, t, r, u) of a group for agree (index 0) or disagree (index 1)."""
    n, rest_n = sum(own), sum(other)
    p = (own[index] + 1) / (n + 2)
    t = prop_test(own[index], n)
    r = p / ((other[index] + 1) / (rest_n + 2))
    u = two_prop_test(own[index], other[index], n, rest_n)
    return p, t, r, u


def repness(own: tuple, other: tuple) -> float | None:
    """Pol.is' representativeness metric r * u * p * t of a group's votes against the rest's,
    for agree or disagree (whichever differs more); None when neither passes both tests."""
    best = None
    for index in (0, 1):
        p, t, r, u = _stats(own, other, index)
        if t > Z_90 and u > Z_90:
            metric = r * u * p * t
            best = metric if best is None else max(best, metric)
    return best


def describe(member_votes: list, shown: set, votes: dict, proposal_ids: list, k: int):
    """(representative proposals per shown group, consensus list) for groups given as lists of
    their members' votes; votes (every participant's) gives the public totals per proposal."""
    represent: dict[int, list] = {g: [] for g in shown}
    scored = []
    for pid in proposal_ids:
        counts = {g: tally(members, pid) for g, members in enumerate(member_votes)}
        total = sum(1 for cast in votes.values() if pid in cast)
        for g in publishable(counts, shown, total, k):
            other = tuple(sum(counts[h][i] for h in counts if h != g) for i in range(3))
            metric = repness(counts[g], other)
            if metric is not None:
                agree, disagree, pass_ = counts[g]
                entry = {"proposal_id": pid, "agree": agree, "disagree": disagree, "pass": pass_}
                represent[g].append((-metric, pid, entry))
        score = _consensus_score(counts, shown, k)
        if score is not None:
            scored.append({"proposal_id": pid, "score": score})
    tops = {g: [e for *_, e in sorted(rows)[:MAX_REPRESENTATIVE]] for g, rows in represent.items()}
    scored.sort(key=lambda s: (-s["score"], s["proposal_id"]))
    return tops, scored


def _consensus_score(counts: dict, shown: set, k: int) -> float | None:
    """Product of (agree + 1) / (votes + 2) over the groups whose votes may be used (k or more,
    held-back ones pooled); None unless k or more placed participants voted on it."""
    by_group = {g: counts[g] for g in shown}
    hidden = [counts[g] for g in counts if g not in shown]
    if hidden:
        by_group[HIDDEN] = tuple(sum(c[i] for c in hidden) for i in range(3))
    if sum(sum(c) for c in by_group.values()) < k:
        return None
    factors = bridging_factors(list(by_group), by_group, k)
    if not factors:
        return None
    score = math.prod((agree + 1) / (n + 2) for agree, n in factors)
    return round(score, SCORE_DECIMALS)
