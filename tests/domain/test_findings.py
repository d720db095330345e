"""Common ground and divergences between constituencies, from per-group results under k."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.anonymity import visible_groups
from facilitator.domain.breakdown import breakdown, proposal_breakdown
from facilitator.domain.findings import (
    COMMON_GROUND,
    DIVERGENCE,
    Thresholds,
    definitions,
    effective_top_n,
    position_findings,
    priority_findings,
    proposal_findings,
)
from facilitator.domain.kinds import get_kind
from facilitator.domain.proposal import summarize_proposals

NATO, PAK, ACADEMIA, MEDIA, UNDISCLOSED = 1, 2, 3, 4, 5
GROUPS = [NATO, PAK, ACADEMIA, MEDIA, UNDISCLOSED]
NAMES = {
    NATO: "NATO official",
    PAK: "Pakistani government",
    ACADEMIA: "Academia",
    MEDIA: "Media",
    UNDISCLOSED: "Prefer not to say",
}
DEFAULT = Thresholds()
POSITION = get_kind("position").validate_settings({})
OPTIONS = ["Hotline", "Exchanges", "Joint study", "Observers", "Data sharing", "Visits"]
PRIORITY = get_kind("priority").validate_settings({"options": OPTIONS})


def _position(values_by_group: dict, thresholds=DEFAULT, k=5) -> dict:
    answers = [(g, v) for g, values in values_by_group.items() for v in values]
    result = breakdown(get_kind("position"), POSITION, answers, GROUPS, k)
    return position_findings(result, NAMES, thresholds, prompt_id=7, text="Dialogue helps")


def _priority(ballots_by_group: dict, thresholds=DEFAULT, k=5) -> dict:
    answers = [(g, b) for g, ballots in ballots_by_group.items() for b in ballots]
    result = breakdown(get_kind("priority"), PRIORITY, answers, GROUPS, k)
    return priority_findings(result, OPTIONS, NAMES, thresholds, prompt_id=8, text="First steps")


def _proposals(votes: dict, thresholds=DEFAULT, k=5) -> dict:
    """votes: {proposal_id: {group: [votes]}}."""
    ranked = summarize_proposals(
        GROUPS,
        [
            {"id": pid, "endorsements": [(g, v) for g, vs in by_group.items() for v in vs]}
            for pid, by_group in votes.items()
        ],
    )
    items = [
        {
            "id": s["id"],
            "text": f"Proposal {s['id']}",
            "breakdown": proposal_breakdown(GROUPS, s, k),
        }
        for s in ranked
    ]
    return proposal_findings(items, NAMES, thresholds, prompt_id=9)


def _sides(finding: dict) -> dict:
    return {side: [g["name"] for g in groups] for side, groups in finding["sides"].items()}


# --- position ---------------------------------------------------------------------------------


def test_every_group_agreeing_is_common_ground():
    # NATO 4 of 5 agree (80%), Pakistani government 3 of 5 (60%, exactly the threshold).
    found = _position({NATO: [5, 4, 4, 5, 2], PAK: [4, 4, 5, 3, 1]})
    [common] = found["common_ground"]
    assert common["kind"] == COMMON_GROUND
    assert common["basis"] == "position"
    assert common["prompt_id"] == 7
    assert _sides(common) == {"agree": ["NATO official", "Pakistani government"]}
    assert [g["share"] for g in common["sides"]["agree"]] == [0.8, 0.6]
    assert common["sentence"] == (
        "Every group with enough answers agrees with “Dialogue helps”: NATO official "
        "(80% agree) and Pakistani government (60% agree)."
    )
    assert found["divergences"] == []


def test_every_group_disagreeing_is_common_ground_too():
    found = _position({NATO: [1, 2, 2, 1, 3], PAK: [2, 1, 1, 4, 2], ACADEMIA: [1] * 5})
    [common] = found["common_ground"]
    assert _sides(common) == {"disagree": ["NATO official", "Pakistani government", "Academia"]}
    assert common["sentence"].startswith(
        "Every group with enough answers disagrees with “Dialogue helps”"
    )


def test_one_group_short_of_the_threshold_spoils_common_ground():
    # Pakistani government: 2 of 5 agree (40%), 1 neutral, 2 disagree: neither side.
    found = _position({NATO: [5] * 5, PAK: [5, 4, 3, 2, 1]})
    assert found == {"common_ground": [], "divergences": []}


def test_one_group_agreeing_while_another_disagrees_is_a_divergence():
    found = _position({NATO: [5, 5, 4, 4, 2], PAK: [1, 1, 2, 2, 4], ACADEMIA: [3, 3, 3, 4, 2]})
    assert found["common_ground"] == []
    [split] = found["divergences"]
    assert split["kind"] == DIVERGENCE
    assert _sides(split) == {"agree": ["NATO official"], "disagree": ["Pakistani government"]}
    assert split["groups"] == ["NATO official", "Pakistani government"]
    assert split["sentence"] == (
        "The groups split on “Dialogue helps”: NATO official (80% agree) is for it, while "
        "Pakistani government (80% disagree) is against it."
    )


def test_no_opinion_stays_out_of_the_shares_and_the_count():
    # Six NATO answers, but only four opinions: fewer than min_answers (5) take no part.
    found = _position({NATO: [5, 5, 5, 5, None, None], PAK: [5] * 5, ACADEMIA: [1] * 5})
    [split] = found["divergences"]
    assert _sides(split) == {"agree": ["Pakistani government"], "disagree": ["Academia"]}
    assert found["common_ground"] == []


def test_a_single_group_shown_is_no_common_ground():
    assert _position({NATO: [5] * 8})["common_ground"] == []


def test_a_suppressed_group_never_appears_in_a_finding():
    # Media (3 answers) is below k, and Academia, the next smallest, is held back with it
    # so that Media cannot be worked out by subtraction.
    found = _position({NATO: [5] * 9, PAK: [1] * 9, ACADEMIA: [1] * 5, MEDIA: [5, 5, 1]})
    [split] = found["divergences"]
    assert _sides(split) == {"agree": ["NATO official"], "disagree": ["Pakistani government"]}


def test_a_stricter_threshold_removes_a_borderline_finding():
    values = {NATO: [5, 4, 4, 5, 2], PAK: [4, 4, 5, 3, 1]}
    strict = Thresholds(agree_share=0.7)
    assert _position(values, strict)["common_ground"] == []


# --- priority ---------------------------------------------------------------------------------


def test_an_option_in_every_groups_top_three_is_common_ground():
    nato = [[0, 1, 2, 3, 4, 5]] * 5  # Hotline 1st
    pak = [[5, 4, 0, 3, 2, 1]] * 5  # Hotline 3rd
    found = _priority({NATO: nato, PAK: pak})
    assert [f["option_text"] for f in found["common_ground"]] == ["Hotline"]
    [common] = found["common_ground"]
    assert [g["rank"] for g in common["sides"]["top"]] == [1, 3]
    assert common["option"] == 0
    assert common["sentence"] == (
        "Every group with enough ballots ranks “Hotline” among its top 3 in “First steps” "
        "(NATO official 1st, Pakistani government 3rd)."
    )


def test_opposite_orders_are_a_divergence_with_kendall_tau():
    nato = [[0, 1, 2, 3, 4, 5]] * 5
    pak = [[5, 4, 3, 2, 1, 0]] * 5
    found = _priority({NATO: nato, PAK: pak})
    [split] = found["divergences"]
    assert split["figures"]["tau_b"] == pytest.approx(-1.0)
    assert split["groups"] == ["NATO official", "Pakistani government"]
    assert split["sides"]["a"][0]["top"] == ["Hotline", "Exchanges", "Joint study"]
    assert split["sides"]["b"][0]["top"] == ["Visits", "Data sharing", "Observers"]
    assert split["sentence"] == (
        "NATO official and Pakistani government rank “First steps” in nearly opposite orders "
        "(Kendall's tau-b -1.00, where 1 is the same order and -1 the reverse): NATO official "
        "puts “Hotline”, “Exchanges” and “Joint study” first, Pakistani government puts "
        "“Visits”, “Data sharing” and “Observers” first."
    )
    assert found["common_ground"] == []


def test_orders_that_merely_differ_are_no_divergence():
    nato = [[0, 1, 2, 3, 4, 5]] * 5
    academia = [[1, 0, 2, 3, 5, 4]] * 5  # two swaps: tau = (13 - 2) / 15 > 0
    found = _priority({NATO: nato, ACADEMIA: academia})
    assert found["divergences"] == []
    assert [f["option_text"] for f in found["common_ground"]] == [
        "Hotline",
        "Exchanges",
        "Joint study",
    ]


def test_a_tie_for_third_keeps_both_options_in_the_top():
    # NATO: Joint study, Observers, Hotline, Exchanges, ...
    nato = [[2, 3, 0, 1, 4, 5]] * 5
    # Pakistani government's Borda totals: Hotline 28, Exchanges 26, Joint study 15 and
    # Observers 15 (tied third), Data sharing 6, Visits 0.
    pak = [[0, 1, 2, 3, 4, 5]] * 2 + [[0, 1, 3, 2, 4, 5]] * 2
    pak += [[1, 0, 2, 3, 4, 5], [1, 0, 3, 2, 4, 5]]
    found = _priority({NATO: nato, PAK: pak})
    ranks = {
        f["option_text"]: [g["rank"] for g in f["sides"]["top"]] for f in found["common_ground"]
    }
    assert ranks == {"Hotline": [3, 1], "Joint study": [1, 3], "Observers": [2, 3]}


def test_the_top_shrinks_to_half_the_options_for_short_lists():
    assert effective_top_n(3, 12) == 3
    assert effective_top_n(3, 6) == 3
    assert effective_top_n(3, 5) == 2
    assert effective_top_n(3, 3) == 1
    assert effective_top_n(3, 2) == 1


# --- proposals --------------------------------------------------------------------------------


def test_support_in_every_group_is_common_ground():
    found = _proposals(
        {1: {NATO: ["agree"] * 4 + ["pass"], PAK: ["agree"] * 3 + ["disagree", "pass"]}}
    )
    [common] = found["common_ground"]
    assert common["basis"] == "proposal"
    assert common["proposal_id"] == 1
    assert [g["share"] for g in common["sides"]["support"]] == [0.8, 0.6]
    assert [g["n"] for g in common["sides"]["support"]] == [5, 5]
    assert common["sentence"] == (
        "Every group with enough votes supports the proposal “Proposal 1”: NATO official "
        "(80% of votes agree) and Pakistani government (60% of votes agree)."
    )


def test_support_in_one_group_and_rejection_in_another_is_a_divergence():
    found = _proposals(
        {
            1: {NATO: ["agree"] * 5, PAK: ["disagree"] * 4 + ["agree"], ACADEMIA: ["pass"] * 5},
            2: {NATO: ["agree"] * 2 + ["disagree"] * 3, PAK: ["agree"] * 3 + ["pass"] * 2},
        }
    )
    [split] = found["divergences"]
    assert split["proposal_id"] == 1
    # 20% agree is at most 30%; Academia's passes give 0% agree: both count as low.
    assert _sides(split) == {
        "high": ["NATO official"],
        "low": ["Pakistani government", "Academia"],
    }
    assert found["common_ground"] == []


def test_a_group_with_too_few_votes_takes_no_part():
    # k = 3 shows Pakistani government's 4 votes, but min_answers is 5.
    found = _proposals({1: {NATO: ["agree"] * 5, PAK: ["disagree"] * 4}}, k=3)
    assert found == {"common_ground": [], "divergences": []}


# --- thresholds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        {"agree_share": 0.5},
        {"agree_share": 1.2},
        {"agree_share": "0.6"},
        {"agree_share": float("nan")},
        {"top_n": 0},
        {"top_n": 2.0},
        {"tau_below": -1.5},
        {"proposal_high": 0.3, "proposal_low": 0.3},
        {"proposal_low": -0.1},
        {"min_answers": 0},
        {"min_answers": True},
    ],
)
def test_nonsense_thresholds_are_refused_with_the_name(bad):
    with pytest.raises(ValueError, match=next(iter(bad))):
        Thresholds(**bad)


def test_thresholds_come_from_configuration_keys():
    thresholds = Thresholds.from_config(
        {"FINDINGS_AGREE_SHARE": 0.7, "FINDINGS_TOP_N": 2, "FINDINGS_MIN_ANSWERS": 8, "X": 1}
    )
    assert thresholds == Thresholds(agree_share=0.7, top_n=2, min_answers=8)


def test_definitions_state_the_thresholds_in_words():
    text = definitions(Thresholds(agree_share=0.7, proposal_low=0.25))
    assert "70%" in text["position_divergence"]
    assert "25%" in text["proposal_divergence"]
    assert "below 0" in text["priority_divergence"]


# --- properties -------------------------------------------------------------------------------

group_values = st.dictionaries(
    st.sampled_from(GROUPS),
    st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=12),
)


@given(group_values, st.integers(1, 6))
def test_findings_name_only_groups_shown_under_k(values_by_group, k):
    found = _position(values_by_group, Thresholds(min_answers=1), k=k)
    sizes = {g: len(values_by_group.get(g, [])) for g in GROUPS}
    shown = {NAMES[g] for g in visible_groups(sizes, k)}
    for finding in found["common_ground"] + found["divergences"]:
        assert set(finding["groups"]) <= shown
        for name in finding["groups"]:
            assert name in finding["sentence"]


@given(group_values, st.floats(0.51, 1.0))
def test_a_statement_is_never_both_common_ground_and_divided(values_by_group, share):
    found = _position(values_by_group, Thresholds(agree_share=share, min_answers=1), k=1)
    assert not (found["common_ground"] and found["divergences"])


@given(group_values, st.floats(0.51, 0.9), st.floats(0.0, 0.09))
def test_a_looser_threshold_never_loses_a_finding(values_by_group, share, looser):
    strict = _position(values_by_group, Thresholds(agree_share=share + looser, min_answers=1), k=1)
    loose = _position(values_by_group, Thresholds(agree_share=share, min_answers=1), k=1)
    assert len(loose["divergences"]) >= len(strict["divergences"])
    strict_sides = [set(_sides(f)) for f in strict["common_ground"]]
    assert all(any(s == set(_sides(f)) for f in loose["common_ground"]) for s in strict_sides)


ballots = st.permutations(range(len(OPTIONS))).map(list)


@given(st.dictionaries(st.sampled_from(GROUPS), st.lists(ballots, max_size=8)), st.integers(1, 6))
def test_priority_findings_name_only_groups_shown_and_pairs_in_opposition(ballots_by_group, k):
    found = _priority(ballots_by_group, Thresholds(min_answers=1), k=k)
    sizes = {g: len(ballots_by_group.get(g, [])) for g in GROUPS}
    shown = {NAMES[g] for g in visible_groups(sizes, k)}
    for finding in found["common_ground"] + found["divergences"]:
        assert set(finding["groups"]) <= shown
    for finding in found["divergences"]:
        assert len(finding["groups"]) == 2
        assert finding["figures"]["tau_b"] < 0
    for finding in found["common_ground"]:
        assert len(finding["groups"]) >= 2
        assert all(g["rank"] <= 3 for g in finding["sides"]["top"])


@given(
    st.dictionaries(
        st.sampled_from(GROUPS),
        st.lists(st.sampled_from(["agree", "disagree", "pass"]), max_size=10),
    ),
    st.integers(1, 6),
)
def test_proposal_findings_name_only_groups_shown(votes_by_group, k):
    found = _proposals({1: votes_by_group}, Thresholds(min_answers=1), k=k)
    sizes = {g: len(votes_by_group.get(g, [])) for g in GROUPS}
    shown = {NAMES[g] for g in visible_groups(sizes, k)}
    for finding in found["common_ground"] + found["divergences"]:
        assert set(finding["groups"]) <= shown
    assert not (found["common_ground"] and found["divergences"])
