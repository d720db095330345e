"""Moderation in depth: compare-and-set decisions, highlighting, merging duplicates."""

import pytest
from sqlalchemy import select

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.models import AuditEntry, Endorsement, Proposal
from facilitator.services import ServiceError, moderation, participation, payloads


@pytest.fixture
def amina(make):
    return make.moderator("amina")


@pytest.fixture
def room(make, amina):
    return make.room(moderators=[amina])


@pytest.fixture
def prompt(make, room):
    return make.prompt(room, kind="proposal", state="open", moderation="post")


def _propose(room, prompt, text, token=None):
    proposal = participation.submit_proposal(
        room, token or new_token(), prompt.id, f"p-{new_token()[:20]}", text
    )
    db.session.commit()
    return proposal


def _endorse(room, token, proposal, vote):
    participation.submit_endorsement(room, token, proposal.id, f"e-{new_token()[:20]}", vote)
    db.session.commit()


def _votes(proposal_id):
    return sorted(
        db.session.scalars(select(Endorsement.vote).where(Endorsement.proposal_id == proposal_id))
    )


def _refused(code, call, *args, **kwargs):
    with pytest.raises(ServiceError) as refused:
        call(*args, **kwargs)
    db.session.rollback()
    assert refused.value.code == code, refused.value.message
    return refused.value


def test_the_second_of_two_moderators_gets_already_handled_naming_the_first(
    make, room, prompt, amina
):
    pieter = make.moderator("pieter")
    room.moderators.append(pieter)
    db.session.commit()
    proposal = _propose(room, prompt, "Joint exercise")
    # Both consoles see it approved (post-moderation); Amina hides it first.
    moderation.moderate_proposal(room, proposal.id, "hide", "approved", amina)
    db.session.commit()
    error = _refused(
        "already_handled",
        moderation.moderate_proposal,
        room,
        proposal.id,
        "hide",
        "approved",
        pieter,
    )
    assert error.by == "Amina"
    assert "Amina already hid this proposal" in error.message
    assert error.as_dict()["proposal"]["status"] == "hidden"
    db.session.refresh(proposal)
    assert proposal.status == "hidden"
    actions = db.session.scalars(select(AuditEntry.moderator_name)).all()
    assert actions == ["Amina"]  # the loser's attempt changed nothing and is not logged


def test_a_stale_decision_is_refused_even_when_it_would_be_different(room, prompt, amina):
    proposal = _propose(room, prompt, "Cadet exchange")
    moderation.moderate_proposal(room, proposal.id, "hide", "approved", amina)
    db.session.commit()
    # Another console still shows it approved and tries to hide it … or the first one restores.
    _refused("already_handled", moderation.moderate_proposal, room, proposal.id, "hide", "approved")
    restored = moderation.moderate_proposal(room, proposal.id, "restore", "hidden", amina)
    assert restored.status == "approved"


def test_an_unknown_expected_status_is_refused(room, prompt):
    proposal = _propose(room, prompt, "Hotline")
    _refused("invalid_status", moderation.moderate_proposal, room, proposal.id, "hide", "gone")


def test_highlight_only_approved_proposals_and_hiding_clears_it(make, room, amina):
    pre = make.prompt(room, kind="proposal", state="open", moderation="pre", text="Ideas")
    proposal = _propose(room, pre, "Pending idea")
    _refused("not_approved", moderation.highlight, room, proposal.id, True, amina)
    moderation.moderate_proposal(room, proposal.id, "approve", "pending", amina)
    assert moderation.highlight(room, proposal.id, True, amina).highlighted is True
    db.session.commit()
    _refused("already_done", moderation.highlight, room, proposal.id, True, amina)
    [item] = payloads.prompt_views(pre)["screen"]["proposals"]
    assert item["highlighted"] is True
    moderation.moderate_proposal(room, proposal.id, "hide", "approved", amina)
    db.session.commit()
    db.session.refresh(proposal)
    assert proposal.highlighted is False


def test_merging_carries_endorsements_over_one_per_participant(room, prompt, amina):
    target = _propose(room, prompt, "A hotline between commanders")
    first = _propose(room, prompt, "Hotline for commanders")
    second = _propose(room, prompt, "Commanders' hotline")
    both, target_only, sources_only, one_source = (new_token() for _ in range(4))
    _endorse(room, both, target, "disagree")
    _endorse(room, both, first, "agree")  # already voted on the target: the target's vote stays
    _endorse(room, target_only, target, "pass")
    _endorse(room, sources_only, first, "pass")
    _endorse(room, sources_only, second, "agree")  # the strongest support carries over
    _endorse(room, one_source, second, "disagree")

    merged, carried = moderation.merge(room, target.id, [first.id, second.id], amina)
    db.session.commit()

    assert carried == 2
    assert _votes(merged.id) == ["agree", "disagree", "disagree", "pass"]
    for source in (first, second):
        db.session.refresh(source)
        assert (source.status, source.merged_into_id) == ("merged", target.id)
    # The sources keep what was said on them; nothing a participant gave is lost.
    assert _votes(first.id) == ["agree", "pass"]
    public = payloads.prompt_views(prompt)["participant"]["proposals"]
    assert [(p["id"], p["merged_from"]) for p in public] == [(target.id, 2)]
    [ranked] = payloads.results(prompt)["proposals"]
    assert (ranked["agree"], ranked["disagree"], ranked["pass"]) == (1, 2, 1)


def test_merged_from_counts_sources_transitively(room, prompt, amina):
    a, b, c, d = (_propose(room, prompt, f"Idea {n}") for n in "abcd")
    moderation.merge(room, b.id, [c.id, d.id], amina)
    moderation.merge(room, a.id, [b.id], amina)
    db.session.commit()
    queue = {p["id"]: p for p in payloads.proposal_list(prompt, payloads.MODERATOR)}
    assert queue[a.id]["merged_from"] == 3
    assert queue[c.id]["merged_into"] == b.id
    assert [p["id"] for p in payloads.proposal_list(prompt, payloads.SCREEN)] == [a.id]


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("self", "merge_into_self"),
        ("other_prompt", "different_prompt"),
        ("merged_source", "already_merged"),
        ("merged_target", "already_merged"),
        ("empty", "no_sources"),
        ("twice", "duplicate_source"),
        ("other_room", "proposal_not_found"),
    ],
)
def test_bad_merges_are_refused_and_change_nothing(make, room, prompt, amina, case, code):
    target = _propose(room, prompt, "Target")
    source = _propose(room, prompt, "Source")
    _endorse(room, new_token(), source, "agree")
    done = _propose(room, prompt, "Already merged")
    moderation.merge(room, source.id, [done.id], amina)
    db.session.commit()
    other = make.prompt(room, kind="proposal", state="open", text="Another question")
    elsewhere = make.prompt(make.room(name="Breakout"), kind="proposal", state="open")
    sources = {
        "self": [target.id],
        "other_prompt": [_propose(room, other, "Elsewhere").id],
        "merged_source": [done.id],
        "merged_target": [source.id],
        "empty": [],
        "twice": [source.id, source.id],
        "other_room": [_propose(elsewhere.room, elsewhere, "Far away").id],
    }[case]
    target_id = done.id if case == "merged_target" else target.id
    before = [(p.id, p.status, p.merged_into_id) for p in db.session.scalars(select(Proposal))]
    entries = db.session.query(AuditEntry).count()
    _refused(code, moderation.merge, room, target_id, sources, amina)
    db.session.expire_all()
    after = [(p.id, p.status, p.merged_into_id) for p in db.session.scalars(select(Proposal))]
    assert after == before
    assert _votes(target.id) == []
    assert db.session.query(AuditEntry).count() == entries


def test_approving_a_merged_proposal_is_refused(room, prompt, amina):
    target, source = _propose(room, prompt, "One"), _propose(room, prompt, "Two")
    moderation.merge(room, target.id, [source.id], amina)
    db.session.commit()
    _refused("merged", moderation.moderate_proposal, room, source.id, "restore")


def _votes_by_key(proposal_id):
    rows = db.session.execute(
        select(Endorsement.participant_key, Endorsement.vote).where(
            Endorsement.proposal_id == proposal_id
        )
    )
    return dict(rows.all())


def test_unmerging_gives_a_source_back_its_status_and_takes_its_copies_off_the_target(
    room, prompt, amina
):
    target = _propose(room, prompt, "A hotline between commanders")
    first = _propose(room, prompt, "Hotline for commanders")
    second = _propose(room, prompt, "Commanders' hotline")
    own, copied, both, revoter = (new_token() for _ in range(4))
    _endorse(room, own, target, "pass")
    _endorse(room, own, first, "agree")  # their vote on the target is their own: it stays
    _endorse(room, copied, first, "disagree")
    _endorse(room, both, first, "agree")
    _endorse(room, both, second, "pass")
    _endorse(room, revoter, first, "agree")
    moderation.moderate_proposal(room, second.id, "hide", moderator=amina)
    db.session.commit()
    before = _votes_by_key(target.id)

    moderation.merge(room, target.id, [first.id, second.id], amina)
    db.session.commit()
    _endorse(room, revoter, target, "disagree")  # voted on the target again after the merge

    source = moderation.unmerge(room, first.id, amina)
    db.session.commit()

    assert (source.status, source.merged_into_id) == ("approved", None)
    after = _votes_by_key(target.id)
    keys = {v: k for k, v in _votes_by_key(first.id).items()}
    assert len(after) == 3
    assert after[next(iter(before))] == "pass"  # `own` kept their vote on the target
    assert keys["disagree"] not in after  # `copied` only had the source's copy
    both_key = next(k for k, v in _votes_by_key(second.id).items() if v == "pass")
    assert after[both_key] == "pass"  # still merged: the other source's vote carries over
    revoter_key = next(k for k, v in after.items() if v == "disagree")
    assert _votes_by_key(first.id)[revoter_key] == "agree"
    assert len(_votes_by_key(first.id)) == 4  # the source kept every endorsement of its own

    hidden = moderation.unmerge(room, second.id, amina)
    db.session.commit()
    assert hidden.status == "hidden"  # it was hidden when merged: it is not shown again
    assert set(_votes_by_key(target.id)) == {next(iter(before)), revoter_key}
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "unmerge").order_by(AuditEntry.id)
    ).first()
    assert (entry.target_id, entry.detail["from"], entry.detail["to"]) == (
        first.id,
        target.id,
        "approved",
    )


def test_unmerge_refuses_what_is_not_merged_and_a_source_of_a_merged_target(room, prompt, amina):
    a, b, c = (_propose(room, prompt, text) for text in ("One", "Two", "Three"))
    _refused("not_merged", moderation.unmerge, room, a.id, amina)
    moderation.merge(room, b.id, [c.id], amina)
    moderation.merge(room, a.id, [b.id], amina)
    db.session.commit()
    _refused("target_merged", moderation.unmerge, room, c.id, amina)
    assert moderation.unmerge(room, b.id, amina).status == "approved"
    db.session.commit()
    assert moderation.unmerge(room, c.id, amina).merged_into_id is None


def test_a_moderator_corrects_a_proposal_and_the_audit_log_keeps_the_original(room, prompt, amina):
    proposal = _propose(room, prompt, "A hotline betwen commanders, says Colonel X")
    corrected = moderation.edit_text(
        room, proposal.id, "  A hotline between commanders  ", proposal.text, amina
    )
    db.session.commit()
    assert corrected.text == "A hotline between commanders"
    public = payloads.prompt_views(prompt)["participant"]["proposals"]
    assert [p["text"] for p in public] == ["A hotline between commanders"]
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "proposal_edit")).one()
    assert entry.detail["original"] == "A hotline betwen commanders, says Colonel X"
    assert entry.detail["corrected"] == "A hotline between commanders"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("   ", "empty"),
        ("x" * 281, "too_long"),
        ("bad\x07bell", "control_chars"),
        (7, "invalid_type"),
    ],
)
def test_a_correction_is_validated_like_a_submission(room, prompt, amina, text, code):
    proposal = _propose(room, prompt, "Joint patrols")
    _refused(code, moderation.edit_text, room, proposal.id, text, None, amina)
    db.session.refresh(proposal)
    assert proposal.text == "Joint patrols"


def test_a_correction_never_overwrites_a_co_moderators_one(room, prompt, amina):
    proposal = _propose(room, prompt, "Joint patrol")
    moderation.edit_text(room, proposal.id, "Joint patrols", "Joint patrol", amina)
    db.session.commit()
    _refused(
        "already_handled", moderation.edit_text, room, proposal.id, "Joint patrolz", "Joint patrol"
    )
    _refused("already_done", moderation.edit_text, room, proposal.id, "Joint patrols", None, amina)
    merged = _propose(room, prompt, "Patrols together")
    moderation.merge(room, proposal.id, [merged.id], amina)
    db.session.commit()
    _refused("merged", moderation.edit_text, room, merged.id, "Patrols, together", None, amina)
