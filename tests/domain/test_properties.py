"""Property tests of the aggregation and anonymity rules."""

from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.anonymity import derive_key, visible_groups
from facilitator.domain.breakdown import breakdown
from facilitator.domain.kinds import KINDS
from facilitator.domain.position import summarize_position
from facilitator.domain.priority import kendall_tau_b, summarize_priority
from facilitator.domain.proposal import bridging_score

counts = st.integers(min_value=0, max_value=50)


@st.composite
def position_answers(draw):
    points = draw(st.sampled_from([5, 7]))
    value = st.one_of(st.none(), st.integers(min_value=1, max_value=points))
    return points, draw(st.lists(value, max_size=60))


@st.composite
def full_rankings(draw):
    k = draw(st.integers(min_value=2, max_value=12))
    ballot = st.permutations(list(range(k)))
    return k, draw(st.lists(ballot, max_size=30))


@st.composite
def top_k_rankings(draw):
    k = draw(st.integers(min_value=2, max_value=12))
    top = draw(st.integers(min_value=1, max_value=k - 1))
    ballot = st.permutations(list(range(k))).map(lambda p: p[:top])
    return k, draw(st.lists(ballot, max_size=30))


@given(position_answers())
def test_position_shares_sum_to_one_and_consensus_stays_in_unit_interval(case):
    points, values = case
    summary = summarize_position(points, values)
    assert sum(summary["counts"]) == summary["n_opinion"]
    assert summary["n"] == len(values)
    assert summary["n_opinion"] + summary["no_opinion"] == summary["n"]
    if summary["n_opinion"]:
        shares = summary["share_agree"] + summary["share_disagree"] + summary["share_neutral"]
        assert abs(shares - 1) < 1e-9
        assert 0.0 <= summary["consensus"] <= 1.0
        assert 1 <= summary["mean"] <= points
    else:
        assert summary["consensus"] is None


@given(st.sampled_from([5, 7]), st.integers(min_value=1, max_value=7), st.integers(1, 30))
def test_unanimous_position_always_has_full_consensus(points, value, n):
    value = min(value, points)
    assert summarize_position(points, [value] * n)["consensus"] == 1.0


@given(full_rankings())
def test_full_rankings_distribute_all_borda_points(case):
    k, ballots = case
    summary = summarize_priority(k, ballots)
    n = len(ballots)
    assert sum(o["borda"] for o in summary["options"]) == n * k * (k - 1) // 2
    if n:
        assert all(0.0 <= o["score"] <= 1.0 for o in summary["options"])
        assert abs(sum(o["share_first"] for o in summary["options"]) - 1) < 1e-9
    assert sorted(summary["order"]) == list(range(k))


@given(top_k_rankings())
def test_top_k_scores_stay_in_unit_interval_and_order_follows_borda(case):
    k, ballots = case
    summary = summarize_priority(k, ballots)
    if ballots:
        assert all(0.0 <= o["score"] <= 1.0 for o in summary["options"])
    borda = [summary["options"][i]["borda"] for i in summary["order"]]
    assert borda == sorted(borda, reverse=True)


@given(
    st.lists(st.integers(-3, 3), min_size=2, max_size=12).flatmap(
        lambda x: st.tuples(
            st.just(x), st.lists(st.integers(-3, 3), min_size=len(x), max_size=len(x))
        )
    )
)
def test_tau_b_is_symmetric_and_bounded(pair):
    x, y = pair
    tau = kendall_tau_b(x, y)
    assert tau == kendall_tau_b(y, x)
    if tau is not None:
        assert -1.0 - 1e-12 <= tau <= 1.0 + 1e-12
        assert kendall_tau_b(x, x) == 1.0


@given(st.dictionaries(st.text(max_size=5), st.tuples(counts, counts, counts), max_size=8))
def test_bridging_is_in_the_half_open_unit_interval(votes):
    groups = list(votes)
    score = bridging_score(groups, votes)
    assert 0.0 < score <= 1.0


@given(st.dictionaries(st.integers(0, 20), counts, max_size=10), st.integers(1, 12))
def test_visible_groups_leave_nothing_small_recoverable(sizes, k):
    visible = visible_groups(sizes, k)
    assert visible <= set(sizes)
    assert all(sizes[g] >= k for g in visible)
    hidden = sum(size for g, size in sizes.items() if g not in visible)
    by_subtraction = sum(sizes.values()) - sum(sizes[g] for g in visible)
    assert hidden == by_subtraction
    # When nothing is shown, the remainder is the overall total, which is public anyway.
    assert hidden == 0 or hidden >= k or not visible


@given(st.dictionaries(st.integers(0, 20), counts, max_size=10), st.integers(1, 12))
def test_without_small_groups_every_large_group_is_shown(sizes, k):
    if all(size == 0 or size >= k for size in sizes.values()):
        assert visible_groups(sizes, k) == {g for g, size in sizes.items() if size >= k}


@given(
    st.lists(st.tuples(st.sampled_from("ABCDE"), st.one_of(st.none(), st.integers(1, 5)))),
    st.integers(1, 6),
)
def test_breakdown_never_shows_a_group_below_k_or_a_small_remainder(answers, k):
    kind = KINDS["position"]
    result = breakdown(kind, kind.validate_settings({}), answers, list("ABCDE"), k)
    assert all(g["n"] >= k for g in result["groups"])
    assert result["suppressed_n"] == len(answers) - sum(g["n"] for g in result["groups"])
    assert result["suppressed_n"] == 0 or result["suppressed_n"] >= k or not result["groups"]


tokens = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_",
    min_size=22,
    max_size=64,
)
scopes = st.integers(0, 10**6).map(lambda i: f"prompt:{i}")


@given(st.binary(min_size=1, max_size=32), tokens, scopes, scopes)
def test_derived_keys_are_stable_and_differ_across_scopes(secret, token, scope_a, scope_b):
    key = derive_key(secret, token, scope_a)
    assert key == derive_key(secret, token, scope_a)
    assert len(key) == 64 and all(c in "0123456789abcdef" for c in key)
    if scope_a != scope_b:
        assert derive_key(secret, token, scope_b) != key
        assert derive_key(secret, token, scope_a + ":author") != key
