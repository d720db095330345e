"""Breakdown by constituency under the anonymity threshold."""

import pytest

from facilitator.domain.breakdown import breakdown, proposal_breakdown
from facilitator.domain.kinds import KINDS
from facilitator.domain.proposal import summarize_proposals

POSITION = KINDS["position"]
PRIORITY = KINDS["priority"]
GROUPS = ["NATO", "Government", "Academia", "Media"]


def test_position_breakdown_shows_large_groups_in_group_order_and_hides_the_rest():
    settings = POSITION.validate_settings({})
    answers = [("Academia", 5)] * 3 + [("NATO", 1)] * 2 + [("Government", 4)] * 3
    answers += [("Media", None)]
    result = breakdown(POSITION, settings, answers, GROUPS, 3)
    assert result["k"] == 3
    assert [g["group"] for g in result["groups"]] == ["Government", "Academia"]
    assert [g["n"] for g in result["groups"]] == [3, 3]
    assert result["groups"][1]["summary"]["counts"] == [0, 0, 0, 0, 3]
    assert result["suppressed_n"] == 3
    assert result["hidden_groups"] == 2
    assert "agreement" not in result


def test_small_remainder_hides_one_more_group():
    settings = POSITION.validate_settings({})
    answers = [("NATO", 3)] * 6 + [("Government", 3)] * 5 + [("Media", 3)] * 2
    result = breakdown(POSITION, settings, answers, GROUPS, 5)
    assert [g["group"] for g in result["groups"]] == ["NATO"]
    assert result["suppressed_n"] == 7
    assert result["hidden_groups"] == 2


def test_groups_without_answers_are_neither_shown_nor_counted_as_hidden():
    settings = POSITION.validate_settings({})
    result = breakdown(POSITION, settings, [("NATO", 2)] * 5, GROUPS, 5)
    assert [g["group"] for g in result["groups"]] == ["NATO"]
    assert result["suppressed_n"] == 0
    assert result["hidden_groups"] == 0


def test_priority_breakdown_reports_tau_b_between_visible_groups():
    settings = PRIORITY.validate_settings({"options": ["a", "b", "c"]})
    answers = (
        [("NATO", [0, 1, 2])] * 2
        + [("Government", [2, 1, 0])] * 2
        + [("Academia", [0, 1, 2]), ("Academia", [0, 2, 1])]
    )
    result = breakdown(PRIORITY, settings, answers, GROUPS, 2)
    assert [g["group"] for g in result["groups"]] == ["NATO", "Government", "Academia"]
    agreement = {(a["a"], a["b"]): a["tau_b"] for a in result["agreement"]}
    # Borda: NATO [4,2,0], Government [0,2,4], Academia [4,1,1].
    assert agreement[("NATO", "Government")] == -1.0
    # NATO vs Academia: pairs (a,b) C, (a,c) C, (b,c) Academia tie -> 2 / sqrt(3 * 2).
    assert agreement[("NATO", "Academia")] == pytest.approx(2 / 6**0.5)
    assert agreement[("Government", "Academia")] == pytest.approx(-2 / 6**0.5)


def test_priority_breakdown_with_one_visible_group_has_no_pairs():
    settings = PRIORITY.validate_settings({"options": ["a", "b"]})
    result = breakdown(PRIORITY, settings, [("NATO", [0, 1])] * 5, GROUPS, 5)
    assert result["agreement"] == []


def test_answers_from_groups_outside_group_ids_are_an_error():
    settings = POSITION.validate_settings({})
    with pytest.raises(ValueError):
        breakdown(POSITION, settings, [("Nobody", 3)], GROUPS, 1)


def test_proposal_texts_are_never_broken_down_by_author_group():
    settings = KINDS["proposal"].validate_settings({})
    with pytest.raises(ValueError):
        breakdown(KINDS["proposal"], settings, [("NATO", "text")], GROUPS, 1)


def test_proposal_breakdown_shows_only_groups_with_enough_endorsements():
    endorsements = (
        [("NATO", "agree")] * 4
        + [("NATO", "pass")]
        + [("Government", "agree")] * 2
        + [("Government", "disagree")] * 3
        + [("Media", "disagree")] * 2
    )
    (summary,) = summarize_proposals(GROUPS, [{"id": 1, "endorsements": endorsements}])
    # Sizes NATO 5, Government 5, Media 2; k=5: Media alone (2) is too small a remainder, so
    # the smaller-or-tied shown group sorting last ("NATO") is hidden too.
    result = proposal_breakdown(GROUPS, summary, 5)
    assert result == {
        "groups": [
            {"group": "Government", "agree": 2, "disagree": 3, "pass": 0, "share_agree": 0.4}
        ],
        "suppressed_n": 7,
    }


def test_proposal_breakdown_with_no_small_groups_shows_all_voting_groups():
    endorsements = [("NATO", "agree")] * 3 + [("Academia", "disagree")] * 3
    (summary,) = summarize_proposals(GROUPS, [{"id": 1, "endorsements": endorsements}])
    result = proposal_breakdown(GROUPS, summary, 3)
    assert [g["group"] for g in result["groups"]] == ["NATO", "Academia"]
    assert result["groups"][0]["share_agree"] == 1.0
    assert result["suppressed_n"] == 0
