"""Position aggregation: hand-computed examples."""

import math

import pytest

from facilitator.domain.position import summarize_position


def test_split_between_extremes_has_zero_consensus():
    summary = summarize_position(5, [1, 5])
    assert summary["consensus"] == 0.0
    assert summary["mean"] == 3.0


def test_unanimous_answers_have_full_consensus():
    assert summarize_position(5, [3, 3, 3])["consensus"] == 1.0
    assert summarize_position(7, [7, 7])["consensus"] == 1.0


def test_consensus_of_a_symmetric_mixed_case_matches_hand_value():
    # N=5, [2,3,3,4]: mu=3, width N-1=4. Points 2 and 4 have p=1/4 and |x-mu|/4 = 1/4;
    # point 3 has |x-mu| = 0 so log2(1) = 0. Cns = 1 + 2 * (1/4) * log2(3/4) = 0.79248125...
    summary = summarize_position(5, [2, 3, 3, 4])
    assert summary["consensus"] == pytest.approx(1 + 0.5 * math.log2(0.75))
    assert summary["consensus"] == pytest.approx(0.7924812504)


def test_consensus_of_an_asymmetric_mixed_case_matches_hand_value():
    # N=5, [1,1,2]: mu=4/3. Point 1: p=2/3, |1-4/3|/4 = 1/12 -> log2(11/12).
    # Point 2: p=1/3, |2-4/3|/4 = 1/6 -> log2(5/6).
    # Cns = 1 + (2/3)log2(11/12) + (1/3)log2(5/6) = 1 - 0.083688 - 0.087678 = 0.828635...
    summary = summarize_position(5, [1, 1, 2])
    expected = 1 + (2 / 3) * math.log2(11 / 12) + (1 / 3) * math.log2(5 / 6)
    assert summary["consensus"] == pytest.approx(expected)
    assert summary["consensus"] == pytest.approx(0.828635, abs=1e-6)


def test_counts_mean_and_median_on_a_five_point_scale():
    summary = summarize_position(5, [1, 2, 2, 4, 5, 5, 5])
    assert summary["counts"] == [1, 2, 0, 1, 3]
    assert summary["mean"] == pytest.approx(24 / 7)
    assert summary["median"] == 4


def test_median_of_an_even_number_of_answers_is_the_middle_mean():
    assert summarize_position(5, [1, 2, 4, 5])["median"] == 3.0
    assert summarize_position(5, [1, 2])["median"] == 1.5


def test_shares_split_above_below_and_at_the_midpoint_of_five_points():
    # Midpoint of 5 points is 3: 4 and 5 agree, 1 and 2 disagree, 3 neutral.
    summary = summarize_position(5, [1, 2, 3, 3, 4, 5, 5, 5])
    assert summary["share_agree"] == pytest.approx(4 / 8)
    assert summary["share_disagree"] == pytest.approx(2 / 8)
    assert summary["share_neutral"] == pytest.approx(2 / 8)


def test_midpoint_of_seven_points_is_four():
    summary = summarize_position(7, [3, 4, 5])
    assert summary["counts"] == [0, 0, 1, 1, 1, 0, 0]
    assert summary["share_disagree"] == pytest.approx(1 / 3)
    assert summary["share_neutral"] == pytest.approx(1 / 3)
    assert summary["share_agree"] == pytest.approx(1 / 3)


def test_no_opinion_counts_as_participation_but_not_in_statistics():
    summary = summarize_position(5, [None, 5, None, 5])
    assert summary["n"] == 4
    assert summary["n_opinion"] == 2
    assert summary["no_opinion"] == 2
    assert summary["counts"] == [0, 0, 0, 0, 2]
    assert summary["mean"] == 5.0
    assert summary["share_agree"] == 1.0
    assert summary["consensus"] == 1.0


def test_only_no_opinion_leaves_statistics_empty():
    summary = summarize_position(7, [None, None])
    assert summary["n"] == 2
    assert summary["n_opinion"] == 0
    assert summary["counts"] == [0] * 7
    for key in ("mean", "median", "share_agree", "share_disagree", "share_neutral", "consensus"):
        assert summary[key] is None


def test_no_answers_at_all_gives_an_empty_summary():
    summary = summarize_position(5, [])
    assert summary["n"] == 0
    assert summary["consensus"] is None


@pytest.mark.parametrize("bad", [0, 6, True, 2.0, "3"])
def test_out_of_range_or_mistyped_values_are_refused(bad):
    with pytest.raises(ValueError):
        summarize_position(5, [bad])
