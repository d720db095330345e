"""The trust barometer's shift between linked prompts, computed by hand and by property."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.barometer import summarize_shift, withhold_means

GROUPS = ["NATO", "Government", "Academia"]


def test_shift_of_a_few_pairs_computed_by_hand():
    pairs = [(2, 4, "NATO"), (3, 3, "NATO"), (5, 4, "Government"), (1, 4, "Academia")]
    shift = summarize_shift(7, pairs, GROUPS, 1)
    # changes +2, 0, -1, +3: mean 4/4 = 1, one in four unchanged, one down, two up
    assert shift["n_paired"] == 4
    assert shift["mean_change"] == pytest.approx(1.0)
    assert shift["share_up"] == pytest.approx(0.5)
    assert shift["share_down"] == pytest.approx(0.25)
    assert shift["share_unchanged"] == pytest.approx(0.25)
    assert shift["mean_before"] == pytest.approx(11 / 4)
    assert shift["mean_after"] == pytest.approx(15 / 4)
    assert shift["points"] == 7


def test_a_pair_with_no_opinion_on_either_side_stays_out_of_the_statistics():
    pairs = [(None, 5, "NATO"), (2, None, "NATO"), (None, None, "NATO"), (1, 2, "NATO")]
    shift = summarize_shift(5, pairs, GROUPS, 1)
    assert shift["n_paired"] == 1
    assert shift["no_opinion"] == 3
    assert shift["mean_change"] == pytest.approx(1.0)
    assert shift["breakdown"]["groups"] == [
        {
            "group": "NATO",
            "n_paired": 1,
            "mean_change": 1.0,
            "share_up": 1.0,
            "share_down": 0.0,
            "share_unchanged": 0.0,
        }
    ]


def test_no_pairs_give_no_figures():
    shift = summarize_shift(5, [], GROUPS, 5)
    assert shift["n_paired"] == 0
    assert shift["mean_change"] is None
    assert shift["share_up"] is None
    assert shift["mean_before"] is None
    assert shift["breakdown"]["groups"] == []


def test_groups_below_k_are_suppressed_with_their_complement():
    # NATO 6 pairs, Government 5, Academia 2: Academia alone would be recoverable by
    # subtraction from the total, so the smallest shown group (Government) is hidden too.
    pairs = [(3, 5, "NATO")] * 6 + [(4, 2, "Government")] * 5 + [(3, 3, "Academia")] * 2
    shift = summarize_shift(5, pairs, GROUPS, 5)
    groups = shift["breakdown"]["groups"]
    assert [g["group"] for g in groups] == ["NATO"]
    assert groups[0]["mean_change"] == pytest.approx(2.0)
    assert shift["breakdown"]["suppressed_n"] == 7
    assert shift["breakdown"]["hidden_groups"] == 2
    # Per group only the change is reported, never the group's before or after mean.
    assert "mean_before" not in groups[0] and "mean_after" not in groups[0]


def test_groups_with_k_pairs_each_are_all_shown_in_group_order():
    pairs = [(1, 2, "Academia")] * 5 + [(2, 1, "NATO")] * 5
    groups = summarize_shift(5, pairs, GROUPS, 5)["breakdown"]["groups"]
    assert [(g["group"], g["mean_change"]) for g in groups] == [("NATO", -1.0), ("Academia", 1.0)]


@pytest.mark.parametrize(
    "pairs",
    [[(0, 3, "NATO")], [(3, 8, "NATO")], [(True, 3, "NATO")], [(2.0, 3, "NATO")]],
)
def test_answers_outside_the_scale_are_refused(pairs):
    with pytest.raises(ValueError):
        summarize_shift(7, pairs, GROUPS, 5)


def test_a_pair_from_an_unknown_group_is_refused():
    with pytest.raises(ValueError):
        summarize_shift(5, [(1, 2, "Martians")], GROUPS, 5)


@st.composite
def paired_answers(draw):
    points = draw(st.sampled_from([5, 7]))
    value = st.one_of(st.none(), st.integers(min_value=1, max_value=points))
    pair = st.tuples(value, value, st.sampled_from(GROUPS))
    return points, draw(st.lists(pair, max_size=80)), draw(st.integers(1, 8))


@given(paired_answers())
def test_shares_sum_to_one_and_the_mean_change_is_the_difference_of_means(case):
    points, pairs, k = case
    shift = summarize_shift(points, pairs, GROUPS, k)
    complete = [(a, b) for a, b, _ in pairs if a is not None and b is not None]
    assert shift["n_paired"] == len(complete)
    assert shift["n_paired"] + shift["no_opinion"] == len(pairs)
    if complete:
        total = shift["share_up"] + shift["share_down"] + shift["share_unchanged"]
        assert total == pytest.approx(1.0)
        assert shift["mean_change"] == pytest.approx(shift["mean_after"] - shift["mean_before"])
        assert -(points - 1) <= shift["mean_change"] <= points - 1


@given(paired_answers())
def test_shown_groups_have_k_pairs_and_the_rest_is_zero_or_at_least_k(case):
    points, pairs, k = case
    breakdown = summarize_shift(points, pairs, GROUPS, k)["breakdown"]
    assert all(group["n_paired"] >= k for group in breakdown["groups"])
    shown = sum(group["n_paired"] for group in breakdown["groups"])
    n_paired = sum(1 for a, b, _ in pairs if a is not None and b is not None)
    assert shown + breakdown["suppressed_n"] == n_paired
    # With nothing shown there is nothing to subtract from the total.
    remainder = breakdown["suppressed_n"]
    assert remainder == 0 or remainder >= k or not breakdown["groups"]


@given(paired_answers())
def test_swapping_before_and_after_reverses_the_shift(case):
    points, pairs, k = case
    forward = summarize_shift(points, pairs, GROUPS, k)
    backward = summarize_shift(points, [(b, a, g) for a, b, g in pairs], GROUPS, k)
    if forward["n_paired"]:
        assert backward["mean_change"] == pytest.approx(-forward["mean_change"])
        assert backward["share_up"] == pytest.approx(forward["share_down"])


def _six_pairs():
    pairs = [(3, 5, "NATO")] * 6 + [(4, 4, "Government")] * 6
    return summarize_shift(7, pairs, GROUPS, 5)


def test_means_stay_when_everyone_answered_both_times_or_k_answered_only_once():
    everyone = _six_pairs()
    withhold_means(everyone, {"NATO": 6, "Government": 6}, {"NATO": 6, "Government": 6}, 5)
    assert everyone["mean_change"] is not None and "means_withheld" not in everyone
    many_once = _six_pairs()
    withhold_means(many_once, {"NATO": 11, "Government": 6}, {"NATO": 6, "Government": 6}, 5)
    assert many_once["mean_before"] is not None  # 5 answered only before: k, nothing given away


def test_means_that_would_give_away_fewer_than_k_single_answers_are_withheld():
    result = _six_pairs()
    # Two NATO participants answered only the first time: the first prompt's mean minus the
    # paired mean before would give their answers away.
    withhold_means(result, {"NATO": 8, "Government": 6}, {"NATO": 6, "Government": 6}, 5)
    assert (result["mean_before"], result["mean_after"], result["mean_change"]) == (None,) * 3
    assert result["means_withheld"] is True
    assert result["share_up"] is not None  # the shares who moved stay
    nato = next(g for g in result["breakdown"]["groups"] if g["group"] == "NATO")
    government = next(g for g in result["breakdown"]["groups"] if g["group"] == "Government")
    assert nato["mean_change"] is None and nato["means_withheld"] is True
    assert government["mean_change"] == 0 and "means_withheld" not in government
