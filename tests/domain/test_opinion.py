"""Opinion groups against planted structure: camps recovered, bridges first, noise gives nothing."""

import random

from sklearn.metrics import adjusted_rand_score

from facilitator.domain.opinion import (
    best_split,
    min_votes_needed,
    opinion_groups,
    project,
    vote_matrix,
)

K = 5
BRIDGES = (0, 1)  # everyone agrees with these, whichever camp
PROPOSALS = list(range(12))
CONSTITUENCIES = ("nato", "government", "academia", "media")


def planted(n: int = 40, seed: int = 1, noise: float = 0.1, missing: float = 0.2):
    """Votes of two camps (reformers, sceptics) that cut across four declared constituencies:
    each constituency holds both camps. Returns (votes, camp of each participant, constituency)."""
    rng = random.Random(seed)
    votes, camp, constituency = {}, {}, {}
    for i in range(n):
        key = f"participant-{i:03}"
        camp[key] = i % 2
        constituency[key] = CONSTITUENCIES[(i // 2) % len(CONSTITUENCIES)]
        cast = {}
        for pid in PROPOSALS:
            if rng.random() < missing:
                continue
            if pid in BRIDGES:
                vote = "agree" if rng.random() > noise else "pass"
            else:
                vote = "agree" if pid % 2 == camp[key] else "disagree"
                if rng.random() < noise:
                    vote = rng.choice(["agree", "disagree", "pass"])
            cast[pid] = vote
        votes[key] = cast
    return votes, camp, constituency


def noise(n: int, m: int, seed: int, missing: float = 0.2) -> dict:
    """Votes drawn at random: no structure at all."""
    rng = random.Random(seed)
    return {
        f"p{i}": {
            pid: rng.choice(["agree", "disagree", "pass"])
            for pid in range(m)
            if rng.random() >= missing
        }
        for i in range(n)
    }


def labels_of(votes: dict, proposal_ids: list):
    placed, matrix = vote_matrix(votes, proposal_ids)
    labels, _score = best_split(project(matrix), K)
    return placed, labels


def test_the_planted_camps_are_recovered_across_declared_groups():
    for seed in range(5):
        votes, camp, constituency = planted(seed=seed)
        placed, labels = labels_of(votes, PROPOSALS)
        assert labels is not None
        assert adjusted_rand_score([camp[p] for p in placed], labels) >= 0.9
        # The camps cut across the constituencies: each constituency has members in both groups.
        for name in CONSTITUENCIES:
            members = zip(placed, labels, strict=True)
            assert len({int(lab) for p, lab in members if constituency[p] == name}) == 2


def test_two_groups_are_published_with_their_size_centre_and_outline_only():
    votes, _camp, _constituency = planted()
    result = opinion_groups(votes, PROPOSALS, K)
    assert result["k"] == 2
    assert result["n_clustered"] == len(votes)
    assert sorted(g["n"] for g in result["groups"]) == [20, 20]
    for group in result["groups"]:
        assert set(group) == {"id", "n", "centre", "outline", "representative"}
        assert len(group["centre"]) == 2
        assert len(group["outline"]) >= 8 and all(len(xy) == 2 for xy in group["outline"])
    assert set(result) == {"k", "n_clustered", "groups", "consensus"}


def test_each_group_is_represented_by_the_proposals_its_camp_holds():
    votes, _camp, _constituency = planted()
    result = opinion_groups(votes, PROPOSALS, K)
    for group in result["groups"]:
        representative = group["representative"]
        assert representative, "every planted camp has proposals that set it apart"
        assert not {r["proposal_id"] for r in representative} & set(BRIDGES)
        # The group agrees with even or with odd proposals, never a mix: the camp's line.
        agreed = {r["proposal_id"] % 2 for r in representative if r["agree"] > r["disagree"]}
        rejected = {r["proposal_id"] % 2 for r in representative if r["disagree"] > r["agree"]}
        assert len(agreed) <= 1 and len(rejected) <= 1 and not agreed & rejected


def test_the_bridging_proposals_rank_first_in_consensus():
    for seed in range(5):
        votes, _camp, _constituency = planted(seed=seed)
        consensus = opinion_groups(votes, PROPOSALS, K)["consensus"]
        assert {c["proposal_id"] for c in consensus[:2]} == set(BRIDGES)
        assert consensus[1]["score"] > consensus[2]["score"]


def test_noise_only_votes_give_no_groups():
    for n in (20, 40, 100):
        for m in (4, 8, 12):
            for seed in range(3):
                result = opinion_groups(noise(n, m, seed), list(range(m)), K)
                assert result["groups"] == [] and result["k"] == 0


def test_the_same_votes_in_any_order_give_the_same_result():
    votes, _camp, _constituency = planted()
    shuffled = list(votes.items())
    random.Random(7).shuffle(shuffled)
    again = {key: dict(reversed(list(cast.items()))) for key, cast in shuffled}
    assert opinion_groups(votes, PROPOSALS, K) == opinion_groups(again, PROPOSALS, K)


def test_participants_with_too_few_votes_are_not_placed():
    votes, _camp, _constituency = planted(missing=0.0)
    needed = min_votes_needed(len(PROPOSALS))
    votes["late-phone"] = {pid: "agree" for pid in PROPOSALS[: needed - 1]}
    assert opinion_groups(votes, PROPOSALS, K)["n_clustered"] == len(votes) - 1


def test_too_few_participants_or_proposals_give_no_groups():
    votes, _camp, _constituency = planted(n=2 * K - 1)
    assert opinion_groups(votes, PROPOSALS, K)["groups"] == []
    votes, _camp, _constituency = planted()
    assert opinion_groups(votes, PROPOSALS[:3], K) == {
        "k": 0,
        "n_clustered": 0,
        "groups": [],
        "consensus": [],
    }


def test_everyone_voting_alike_gives_no_groups():
    votes = {f"p{i}": {pid: "agree" for pid in PROPOSALS} for i in range(30)}
    assert opinion_groups(votes, PROPOSALS, K)["groups"] == []


def test_only_the_proposals_asked_for_are_used():
    votes, _camp, _constituency = planted()
    votes["participant-000"][99] = "agree"  # a hidden proposal's vote stays out
    result = opinion_groups(votes, PROPOSALS, K)
    ids = {c["proposal_id"] for c in result["consensus"]}
    ids |= {r["proposal_id"] for g in result["groups"] for r in g["representative"]}
    assert 99 not in ids
