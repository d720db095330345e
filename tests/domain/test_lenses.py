"""The two lenses: a proposal that bridges the constituencies but splits the opinion groups."""

from facilitator.domain.lenses import (
    BRIDGES_CONSTITUENCIES,
    SPLITS_CONSTITUENCIES,
    lens_findings,
)


def proposal(pid: int, shares: list[float], votes: int = 10) -> dict:
    groups = []
    for share in shares:
        agree = round(share * votes)
        groups.append(
            {"agree": agree, "disagree": votes - agree, "pass": 0, "share_agree": agree / votes}
        )
    return {"id": pid, "text": f"Proposal {pid}", "breakdown": {"groups": groups}}


def opinion(representative: list[list[tuple]], consensus: dict) -> dict:
    return {
        "k": len(representative),
        "groups": [
            {
                "id": g,
                "representative": [
                    {"proposal_id": pid, "agree": a, "disagree": d, "pass": 0} for pid, a, d in rows
                ],
            }
            for g, rows in enumerate(representative)
        ],
        "consensus": [{"proposal_id": pid, "score": s} for pid, s in consensus.items()],
    }


def test_bridging_constituencies_while_splitting_opinion_groups_is_found():
    found = lens_findings(
        [proposal(1, [0.7, 0.8]), proposal(2, [0.7, 0.8])],
        opinion([[(1, 9, 1)], [(1, 1, 8)]], {1: 0.2, 2: 0.6}),
        0.6,
        0.3,
        5,
    )
    assert found == [
        {"kind": BRIDGES_CONSTITUENCIES, "proposal_id": 1, "proposal_text": "Proposal 1"}
    ]


def test_splitting_constituencies_while_every_opinion_group_supports_is_found():
    found = lens_findings([proposal(3, [0.9, 0.1])], opinion([[], []], {3: 0.5}), 0.6, 0.3, 5)
    assert [f["kind"] for f in found] == [SPLITS_CONSTITUENCIES]


def test_agreeing_lenses_and_rooms_without_opinion_groups_say_nothing():
    agreeing = [proposal(1, [0.9, 0.9]), proposal(2, [0.9, 0.1])]
    assert lens_findings(agreeing, opinion([[], []], {1: 0.8, 2: 0.1}), 0.6, 0.3, 5) == []
    assert lens_findings(agreeing, {"k": 0, "groups": [], "consensus": []}, 0.6, 0.3, 5) == []


def test_constituencies_with_too_few_votes_do_not_take_part():
    thin = proposal(1, [0.7, 0.8], votes=4)  # below min_answers: the constituencies say nothing
    assert lens_findings([thin], opinion([[(1, 9, 1)], [(1, 1, 8)]], {}), 0.6, 0.3, 5) == []
