"""Priority aggregation and Kendall's tau-b: hand-computed examples."""

import math

import pytest

from facilitator.domain.priority import kendall_tau_b, summarize_priority


def test_borda_totals_of_three_full_rankings_match_hand_values():
    # K=3, position 0 scores 2, position 1 scores 1, position 2 scores 0.
    # [0,1,2] -> 0:2 1:1 2:0;  [1,0,2] -> 1:2 0:1 2:0;  [0,2,1] -> 0:2 2:1 1:0
    # Totals: option 0 = 5, option 1 = 3, option 2 = 1 (sum 9 = n*K*(K-1)/2 = 3*3).
    summary = summarize_priority(3, [[0, 1, 2], [1, 0, 2], [0, 2, 1]])
    assert summary["n"] == 3
    assert [o["borda"] for o in summary["options"]] == [5, 3, 1]
    assert [o["index"] for o in summary["options"]] == [0, 1, 2]
    assert summary["options"][0]["score"] == pytest.approx(5 / 6)
    assert summary["options"][2]["score"] == pytest.approx(1 / 6)
    assert summary["order"] == [0, 1, 2]


def test_mean_position_and_share_first_of_full_rankings():
    summary = summarize_priority(3, [[0, 1, 2], [1, 0, 2], [0, 2, 1]])
    first, second, third = summary["options"]
    assert first["mean_position"] == pytest.approx((1 + 2 + 1) / 3)
    assert second["mean_position"] == pytest.approx((2 + 1 + 3) / 3)
    assert third["mean_position"] == pytest.approx((3 + 3 + 2) / 3)
    assert first["share_first"] == pytest.approx(2 / 3)
    assert second["share_first"] == pytest.approx(1 / 3)
    assert third["share_first"] == 0.0
    assert all(o["ranked"] == 3 for o in summary["options"])


def test_top_k_ballots_leave_unranked_options_at_zero():
    # K=4, top 2: position 0 scores 3, position 1 scores 2.
    # [3,0] -> 3:3 0:2;  [0,1] -> 0:3 1:2.  Totals: 0:5 1:2 2:0 3:3.
    summary = summarize_priority(4, [[3, 0], [0, 1]])
    options = summary["options"]
    assert [o["borda"] for o in options] == [5, 2, 0, 3]
    assert [o["ranked"] for o in options] == [2, 1, 0, 1]
    assert options[0]["mean_position"] == 1.5
    assert options[1]["mean_position"] == 2.0
    assert options[2]["mean_position"] is None
    assert options[3]["mean_position"] == 1.0
    assert options[0]["score"] == pytest.approx(5 / (2 * 3))
    assert options[2]["score"] == 0.0
    assert [o["share_first"] for o in options] == [0.5, 0.0, 0.0, 0.5]
    assert summary["order"] == [0, 3, 1, 2]


def test_order_breaks_borda_ties_by_lower_index():
    summary = summarize_priority(3, [[2, 1, 0], [1, 2, 0]])
    assert [o["borda"] for o in summary["options"]] == [0, 3, 3]
    assert summary["order"] == [1, 2, 0]


def test_no_ballots_gives_none_scores_and_index_order():
    summary = summarize_priority(3, [])
    assert summary["n"] == 0
    for option in summary["options"]:
        assert option["borda"] == 0
        assert option["score"] is None
        assert option["share_first"] is None
        assert option["mean_position"] is None
    assert summary["order"] == [0, 1, 2]


@pytest.mark.parametrize("ballot", [[0, 0], [0, 3], [True, 1], [0.0, 1], "01"])
def test_malformed_ballots_are_refused(ballot):
    with pytest.raises(ValueError):
        summarize_priority(3, [ballot])


def test_identical_orders_have_tau_b_one():
    assert kendall_tau_b([5, 3, 1], [10, 6, 2]) == 1.0


def test_reversed_orders_have_tau_b_minus_one():
    assert kendall_tau_b([1, 2, 3, 4], [4, 3, 2, 1]) == -1.0


def test_tau_b_with_a_tie_in_one_list_matches_hand_value():
    # 6 pairs; x ties on one pair (items 2,3); y has no ties; the other 5 pairs are concordant.
    # tau_b = (5 - 0) / sqrt((6 - 1) * (6 - 0)) = 5 / sqrt(30).
    assert kendall_tau_b([1, 2, 3, 3], [1, 2, 3, 4]) == pytest.approx(5 / math.sqrt(30))


def test_tau_b_with_ties_in_both_lists_matches_hand_value():
    # x=[1,1,2,3], y=[1,2,1,3]. Pairs: (0,1) x-tie; (0,2) y-tie; (0,3) C; (1,2) D; (1,3) C;
    # (2,3) C. nc=3, nd=1, n1=n2=1: tau_b = 2 / sqrt(5 * 5) = 0.4.
    assert kendall_tau_b([1, 1, 2, 3], [1, 2, 1, 3]) == pytest.approx(0.4)


def test_tau_b_is_undefined_for_all_ties_or_fewer_than_two_items():
    assert kendall_tau_b([2, 2, 2], [1, 2, 3]) is None
    assert kendall_tau_b([1, 2, 3], [0, 0, 0]) is None
    assert kendall_tau_b([1], [1]) is None
    assert kendall_tau_b([], []) is None


def test_tau_b_refuses_lists_of_different_length():
    with pytest.raises(ValueError):
        kendall_tau_b([1, 2], [1, 2, 3])
