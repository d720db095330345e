"""An attacker holding every published opinion figure cannot place one participant in a group.

Published per proposal prompt: the proposals' totals (agree / disagree / pass over everyone who
voted, on the screens beside the map), n_clustered, each shown group's size, and each group's
counts on its representative proposals. The properties below are the conditions under which no
subtraction between them isolates fewer than k people.
"""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.domain.opinion import opinion_groups
from facilitator.domain.repness import publishable

VOTES = ("agree", "disagree", "pass")


@st.composite
def worlds(draw):
    """Two camps of any size, stragglers with a vote or two, and noise, over 4-10 proposals."""
    m = draw(st.integers(4, 10))
    sizes = draw(st.lists(st.integers(0, 18), min_size=1, max_size=3))
    stragglers = draw(st.integers(0, 6))
    noise = draw(st.sampled_from([0.0, 0.1, 0.3]))
    rng = random.Random(draw(st.integers(0, 2**32)))
    lines = [[rng.choice(VOTES) for _ in range(m)] for _ in sizes]
    votes = {}
    for camp, size in enumerate(sizes):
        for i in range(size):
            votes[f"c{camp}-{i}"] = {
                pid: (rng.choice(VOTES) if rng.random() < noise else lines[camp][pid])
                for pid in range(m)
                if rng.random() > 0.15
            }
    for i in range(stragglers):
        votes[f"s{i}"] = {rng.randrange(m): rng.choice(VOTES)}
    return votes, list(range(m))


@settings(max_examples=80, deadline=None)
@given(worlds(), st.sampled_from([3, 5]))
def test_every_shown_group_and_the_rest_of_the_placed_hold_k_or_more(world, k):
    votes, proposals = world
    result = opinion_groups(votes, proposals, k)
    sizes = [g["n"] for g in result["groups"]]
    assert all(n >= k for n in sizes)
    rest = result["n_clustered"] - sum(sizes)  # placed but in no shown group
    assert not sizes or rest == 0 or rest >= k
    assert result["k"] == len(result["groups"])


@settings(max_examples=80, deadline=None)
@given(worlds(), st.sampled_from([3, 5]))
def test_no_count_minus_the_totals_isolates_fewer_than_k_voters(world, k):
    votes, proposals = world
    result = opinion_groups(votes, proposals, k)
    for pid in proposals:
        total = sum(1 for cast in votes.values() if pid in cast)  # public: the proposal's votes
        published = [
            r for g in result["groups"] for r in g["representative"] if r["proposal_id"] == pid
        ]
        voters = [r["agree"] + r["disagree"] + r["pass"] for r in published]
        assert all(n >= k for n in voters)
        rest = total - sum(voters)
        assert not voters or rest == 0 or rest >= k, (pid, total, voters)


@settings(max_examples=40, deadline=None)
@given(worlds())
def test_nothing_published_names_or_locates_a_participant(world):
    votes, proposals = world
    result = opinion_groups(votes, proposals, 3)
    text = repr(result)
    assert not any(key in text for key in votes)
    for group in result["groups"]:
        assert set(group) == {"id", "n", "centre", "outline", "representative"}


counts = st.tuples(st.integers(0, 9), st.integers(0, 9), st.integers(0, 9))


@given(st.dictionaries(st.integers(0, 4), counts, min_size=1), st.integers(0, 20))
def test_counts_are_published_only_where_the_remainder_is_zero_or_k(by_group, outside):
    k = 5
    total = sum(sum(c) for c in by_group.values()) + outside
    shown = publishable(by_group, set(by_group), total, k)
    assert all(sum(by_group[g]) >= k for g in shown)
    rest = total - sum(sum(by_group[g]) for g in shown)
    assert not shown or rest == 0 or rest >= k
