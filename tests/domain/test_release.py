"""Live results in steps: an attacker recording every published snapshot never sees one answer."""

import itertools
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.anonymity import visible_groups
from facilitator.domain.release import may_publish, moved_rows, revisions

K = 5
GROUPS = ["nato", "government", "media"]

# Each step: participant p (of 30) in a group answers, or changes their answer, to a value.
steps = st.lists(
    st.tuples(st.integers(0, 29), st.sampled_from(GROUPS), st.integers(1, 7)), max_size=150
)


def _run(history):
    """Play the answers in order, publishing whenever the rule allows; the published states."""
    answers: dict[int, tuple[str, int, int]] = {}  # participant -> (group, value, revision)
    published, previous, shown = [], None, set()
    for participant, group, value in history:
        old = answers.get(participant)
        group = old[0] if old else group  # a phone keeps its group
        answers[participant] = (group, value, old[2] + 1 if old else 0)
        rows = [(f"r{p}", rev, g) for p, (g, _, rev) in answers.items()]
        sizes = Counter(g for g, _, _ in answers.values())
        now_shown = visible_groups({g: sizes.get(g, 0) for g in GROUPS}, K)
        if may_publish(previous, rows, now_shown | shown, K):
            published.append((dict(answers), now_shown))
            previous, shown = revisions(rows), now_shown
    return published


@given(steps)
def test_consecutive_snapshots_differ_by_k_or_more_answers_overall_and_per_group(history):
    published = _run(history)
    for (before, shown_before), (after, shown_after) in itertools.pairwise(published):
        rows_before = {f"r{p}": rev for p, (_, _, rev) in before.items()}
        rows_after = [(f"r{p}", rev, g) for p, (g, _, rev) in after.items()]
        moved = moved_rows(rows_before, rows_after)
        assert len(moved) >= K
        shown = shown_before | shown_after
        by_group = Counter(g if g in shown else "pool" for _, _, g in moved)
        assert all(n >= K for n in by_group.values()), by_group


@given(steps)
def test_no_published_difference_isolates_one_participant(history):
    """Whatever the history, between two snapshots never exactly one participant moved."""
    published = _run(history)
    for (before, _), (after, _) in itertools.pairwise(published):
        changed = [p for p in after if before.get(p) != after[p]]
        assert len(changed) != 1


def test_the_reported_attack_one_answer_at_a_time_is_released_in_steps_of_k():
    """13 phones answering one by one with results revealed: snapshots after 5 and 10."""
    history = [(p, "nato", 1 + p % 7) for p in range(13)]
    sizes = [len(state) for state, _ in _run(history)]
    assert sizes == [5, 10]  # k answers first, then every k new ones; 11 to 13 wait
