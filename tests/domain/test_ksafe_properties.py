"""An attacker holding every published proposal figure cannot solve for a hidden group.

Published, per proposal: the totals, the shown groups' votes, the suppressed count, the bridging
score and the support across groups (payloads.results, the exports and the report all carry these).
Two worlds that differ only in how the hidden groups split their votes must publish exactly the
same figures; otherwise a hidden group's votes could be solved for.
"""

from hypothesis import assume, given
from hypothesis import strategies as st

from facilitator.domain.anonymity import visible_groups
from facilitator.domain.breakdown import proposal_breakdown
from facilitator.domain.proposal import summarize_proposals

GROUPS = ["nato", "government", "academia", "media"]
K = 5
votes = st.lists(st.sampled_from(["agree", "disagree", "pass"]), max_size=9)
worlds = st.fixed_dictionaries({group: votes for group in GROUPS})


def published(world: dict) -> tuple:
    """Every figure of one proposal that leaves the server, as the attacker sees it."""
    endorsements = [(group, vote) for group, cast in world.items() for vote in cast]
    (item,) = summarize_proposals(GROUPS, [{"id": 1, "endorsements": endorsements}], K, K)
    shown = proposal_breakdown(GROUPS, item, K)
    return (
        item["agree"],
        item["disagree"],
        item["pass"],
        item["ranked"],
        item["bridging"],
        item["support_across_groups"],
        repr(shown),
    )


def hidden(world: dict) -> set:
    return set(GROUPS) - visible_groups({g: len(v) for g, v in world.items()}, K)


@given(worlds, st.data())
def test_moving_a_vote_between_hidden_groups_changes_nothing_published(world, data):
    secret = sorted(g for g in hidden(world) if world[g])
    assume(secret)
    source = data.draw(st.sampled_from(secret))
    target = data.draw(
        st.sampled_from(sorted(hidden(world) - {source}))
        if len(hidden(world)) > 1
        else st.nothing()
    )
    index = data.draw(st.integers(0, len(world[source]) - 1))
    other = {g: list(v) for g, v in world.items()}
    other[target].append(other[source].pop(index))
    assume(hidden(other) == hidden(world))  # the same groups are shown in both worlds
    assert published(other) == published(world)


def test_the_reported_attack_no_longer_recovers_a_hidden_group_of_four():
    """Shown: NATO 9 votes; hidden: government 4 (3 agree), media 4 (1 agree)."""
    world = {
        "nato": ["agree"] * 6 + ["disagree"] * 3,
        "government": ["agree"] * 3 + ["disagree"],
        "academia": [],
        "media": ["agree"] + ["disagree"] * 3,
    }
    swapped = {**world, "government": world["media"], "media": world["government"]}
    evened = {**world, "government": ["agree", "agree", "disagree", "disagree"]}
    evened["media"] = ["agree", "agree", "disagree", "disagree"]
    assert published(world) == published(swapped) == published(evened)
