"""Proposal votes, texts and bridging: hand-computed examples."""

import pytest

from facilitator.domain.errors import ValidationError
from facilitator.domain.proposal import (
    bridging_score,
    summarize_proposals,
    validate_text,
    validate_vote,
)


@pytest.mark.parametrize("vote", ["agree", "disagree", "pass"])
def test_the_three_votes_are_accepted(vote):
    assert validate_vote(vote) == vote


@pytest.mark.parametrize("vote", ["yes", "Agree", "", None, 1, True, ["agree"]])
def test_anything_else_is_an_invalid_vote(vote):
    with pytest.raises(ValidationError) as info:
        validate_vote(vote)
    assert info.value.code == "invalid_vote"


def test_bridging_of_two_groups_matches_hand_value():
    # A: 3 agree, 1 disagree -> (3+1)/(4+2) = 2/3.  B: 1 agree, 2 disagree, 1 pass -> 2/6 = 1/3.
    score = bridging_score(["A", "B"], {"A": (3, 1, 0), "B": (1, 2, 1)})
    assert score == pytest.approx(2 / 9)


def test_a_group_without_votes_adds_nothing_to_the_score():
    with_silent_group = bridging_score(["A", "B", "C"], {"A": (3, 1, 0), "B": (1, 2, 1)})
    assert with_silent_group == pytest.approx(4 / 6 * 2 / 6)
    explicit_zero = bridging_score(
        ["A", "B", "C"], {"A": (3, 1, 0), "B": (1, 2, 1), "C": (0, 0, 0)}
    )
    assert explicit_zero == pytest.approx(with_silent_group)


def test_groups_below_k_count_only_as_one_pool_of_k_or_more():
    votes = {"A": (5, 1, 0), "B": (2, 1, 0), "C": (1, 1, 0)}  # B and C are below k = 5
    # A is shown; B and C pooled hold 5 votes (3 agree): one more factor.
    assert bridging_score(["A", "B", "C"], votes, k=5) == pytest.approx(6 / 8 * 4 / 7)
    # However B and C split their votes, the score is the same: it cannot be solved for either.
    swapped = {"A": (5, 1, 0), "B": (1, 1, 0), "C": (2, 1, 0)}
    moved = {"A": (5, 1, 0), "B": (3, 1, 0), "C": (0, 1, 0)}
    assert bridging_score(["A", "B", "C"], swapped, k=5) == bridging_score(
        ["A", "B", "C"], votes, k=5
    )
    assert bridging_score(["A", "B", "C"], moved, k=5) == bridging_score(
        ["A", "B", "C"], votes, k=5
    )
    # A remainder below k would be found by subtraction: A is suppressed too, and all is one pool.
    assert bridging_score(["A", "B"], {"A": (5, 1, 0), "B": (2, 1, 0)}, k=5) == pytest.approx(
        8 / 11
    )
    # A pool below k is left out altogether.
    assert bridging_score(["A", "B"], {"B": (2, 1, 0)}, k=5) == 1.0


def test_bridging_with_no_groups_is_one():
    assert bridging_score([], {}) == 1.0


def test_bridging_refuses_counts_for_unknown_groups():
    with pytest.raises(ValueError):
        bridging_score(["A"], {"B": (1, 0, 0)})


def test_proposal_supported_by_every_group_ranks_above_a_more_popular_one_from_one_group():
    groups = ["A", "B"]
    broad = {"id": 1, "endorsements": [("A", "agree"), ("B", "agree")]}
    narrow = {
        "id": 2,
        "endorsements": [("A", "agree")] * 5 + [("B", "disagree")] * 2,
    }
    ranked = summarize_proposals(groups, [narrow, broad])
    assert [p["id"] for p in ranked] == [1, 2]
    # broad: (2/3) * (2/3) = 4/9;  narrow: (6/7) * (1/4) = 6/28.
    assert ranked[0]["bridging"] == pytest.approx(4 / 9)
    assert ranked[1]["bridging"] == pytest.approx(6 / 28)


def test_summary_counts_totals_shares_and_every_group():
    groups = ["A", "B", "C"]
    proposal = {
        "id": 7,
        "endorsements": [("A", "agree"), ("A", "pass"), ("B", "disagree"), ("B", "agree")],
    }
    (summary,) = summarize_proposals(groups, [proposal])
    assert summary["id"] == 7
    assert (summary["agree"], summary["disagree"], summary["pass"]) == (2, 1, 1)
    assert summary["votes"] == 4
    assert summary["share_agree"] == 0.5
    assert summary["by_group"] == {
        "A": {"agree": 1, "disagree": 0, "pass": 1},
        "B": {"agree": 1, "disagree": 1, "pass": 0},
        "C": {"agree": 0, "disagree": 0, "pass": 0},
    }
    # A: 2/4, B: 2/4; C has no votes and adds nothing -> 1/4.
    assert summary["bridging"] == pytest.approx(1 / 4)
    assert summary["ranked"] is True


def test_a_proposal_below_the_minimum_of_votes_is_not_ranked_and_follows_the_ranked_ones():
    groups = ["A", "B"]
    proposals = [
        {"id": 1, "endorsements": []},
        {"id": 2, "endorsements": [("A", "disagree")] * 100 + [("B", "disagree")] * 19},
        {"id": 3, "endorsements": [("A", "agree")] * 2},
    ]
    summaries = summarize_proposals(groups, proposals, k=5, min_votes=5)
    assert [s["id"] for s in summaries] == [2, 1, 3]
    assert [s["ranked"] for s in summaries] == [True, False, False]
    assert summaries[1]["bridging"] is None and summaries[1]["support_across_groups"] is None
    assert summaries[2]["share_agree"] == 1.0  # counts are still shown


def test_ties_in_bridging_are_broken_by_agree_then_by_id():
    groups = ["A"]
    proposals = [
        {"id": 3, "endorsements": [("A", "agree"), ("A", "disagree")]},  # 2/4 = 1/2, 1 agree
        {"id": 2, "endorsements": [("A", "pass"), ("A", "disagree")]},  # 1/4, 0 agree
        {"id": 1, "endorsements": [("A", "agree"), ("A", "disagree")]},  # 1/2, 1 agree
    ]
    assert [p["id"] for p in summarize_proposals(groups, proposals)] == [1, 3, 2]
    assert all(p["ranked"] for p in summarize_proposals(groups, proposals))


def test_endorsement_from_a_group_outside_group_ids_is_an_error():
    with pytest.raises(ValueError):
        summarize_proposals(["A"], [{"id": 1, "endorsements": [("Z", "agree")]}])


def test_proposal_text_is_stripped_but_otherwise_kept():
    assert validate_text("  Joint  exercise\nnext year ", 280) == "Joint  exercise\nnext year"


def test_proposal_text_line_endings_become_newlines():
    assert validate_text("one\r\ntwo\rthree", 280) == "one\ntwo\nthree"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("x" * 21, "too_long"),
        ("tab\there", "control_chars"),
        ("bell\x07", "control_chars"),
        (None, "invalid_type"),
        (42, "invalid_type"),
    ],
)
def test_bad_proposal_texts_are_refused_with_a_code(text, code):
    with pytest.raises(ValidationError) as info:
        validate_text(text, 20)
    assert info.value.code == code
    assert info.value.field == "value"


def test_proposal_text_at_the_limit_is_accepted():
    assert validate_text("x" * 20, 20) == "x" * 20
