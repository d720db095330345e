"""Diverge, then converge: promoting the best-bridging proposals into a priority prompt."""

import pytest
from sqlalchemy import func, select

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.models import AuditEntry, Prompt
from facilitator.services import ServiceError, moderation, participation, promote
from tests.services.answers import endorse


@pytest.fixture
def amina(make):
    return make.moderator("amina")


@pytest.fixture
def event(make):
    return make.event()


@pytest.fixture
def plenary(make, event, amina):
    return make.room(event, moderators=[amina], name="Plenary")


@pytest.fixture
def breakouts(make, event, amina):
    return [make.room(event, moderators=[amina], name=f"Breakout {n}") for n in "AB"]


def _proposals(room, prompt, supports):
    """One proposal per entry; each voter agrees with probability given by (agree, disagree)."""
    groups = [c.id for c in room.event.constituencies]
    made = []
    for index, (agree, disagree) in enumerate(supports):
        proposal = participation.submit_proposal(
            room,
            new_token(),
            prompt.id,
            f"prop-{index:04d}-{prompt.id}",
            f"{room.name} idea {index}",
        )
        db.session.flush()
        votes = ["agree"] * agree + ["disagree"] * disagree
        for vote_index, vote in enumerate(votes):
            participation.submit_endorsement(
                room,
                new_token(),
                proposal.id,
                f"vote-{proposal.id}-{vote_index:04d}",
                vote,
                groups[vote_index % len(groups)],
            )
        made.append(proposal)
    db.session.commit()
    return made


def _open_proposal_prompt(make, room):
    return make.prompt(room, kind="proposal", state="open", moderation="post", text="Steps?")


def test_the_top_n_across_rooms_become_a_draft_priority_prompt(make, plenary, breakouts, amina):
    a = _open_proposal_prompt(make, breakouts[0])
    b = _open_proposal_prompt(make, breakouts[1])
    weak, strong = _proposals(breakouts[0], a, [(1, 5), (9, 0)])
    middle, hidden = _proposals(breakouts[1], b, [(5, 1), (12, 0)])
    moderation.moderate_proposal(breakouts[1], hidden.id, "hide", "approved", amina)
    db.session.commit()

    prompt = promote.promote(amina, plenary, [a.id, b.id], 2, "What first?")
    db.session.commit()

    assert (prompt.kind, prompt.state, prompt.room_id) == ("priority", "draft", plenary.id)
    assert prompt.text == "What first?"
    assert prompt.settings["options"] == ["Breakout A idea 1", "Breakout B idea 0"]
    assert prompt.settings["promoted_from"] == [strong.id, middle.id]
    assert prompt.settings["promoted_prompts"] == [a.id, b.id]
    assert weak.id not in prompt.settings["promoted_from"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "promote"))
    assert (entry.moderator_name, entry.room_id, entry.target_id) == (
        "Amina",
        plenary.id,
        prompt.id,
    )


def test_long_proposals_are_shortened_to_the_option_limit(make, plenary, amina):
    source = make.prompt(plenary, kind="proposal", state="open", moderation="post", max_length=500)
    for index in range(2):
        proposal = participation.submit_proposal(
            plenary, new_token(), source.id, f"long-{index:04d}", f"{index} " + "word " * 80
        )
        db.session.flush()
        endorse(plenary, proposal.id, {None: ["agree"] * 5})
    db.session.commit()
    prompt = promote.promote(amina, plenary, [source.id], 2)
    assert all(len(option) <= 200 for option in prompt.settings["options"])
    assert prompt.settings["options"][0].endswith("…")


def _count_prompts():
    return db.session.scalar(select(func.count(Prompt.id)))


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("empty", "empty_prompt"),
        ("closed", "prompt_closed"),
        ("draft", "not_open"),
        ("position", "wrong_kind"),
        ("other_event", "prompt_not_found"),
        ("n_too_small", "invalid_n"),
        ("n_too_large", "invalid_n"),
        ("n_not_a_number", "invalid_n"),
        ("more_than_there_are", "not_enough_proposals"),
        ("no_sources", "no_sources"),
    ],
)
def test_bad_promotions_are_refused_and_change_nothing(make, plenary, breakouts, amina, case, code):
    good = _open_proposal_prompt(make, breakouts[0])
    _proposals(breakouts[0], good, [(3, 0), (2, 1), (1, 1)])
    sources, n = [good.id], 2
    if case == "empty":
        sources = [good.id, _open_proposal_prompt(make, breakouts[1]).id]
    elif case == "closed":
        good.state = "closed"
        db.session.commit()
    elif case == "draft":
        sources = [make.prompt(breakouts[1], kind="proposal").id]
    elif case == "position":
        sources = [make.prompt(breakouts[1], state="open").id]
    elif case == "other_event":
        other = make.room(make.event(), moderators=[amina], name="Elsewhere")
        stranger = _open_proposal_prompt(make, other)
        _proposals(other, stranger, [(1, 0), (1, 0)])
        sources = [stranger.id]
    elif case == "no_sources":
        sources = []
    n = {"n_too_small": 1, "n_too_large": 13, "n_not_a_number": "3", "more_than_there_are": 4}.get(
        case, n
    )
    before = _count_prompts()
    with pytest.raises(ServiceError) as refused:
        promote.promote(amina, plenary, sources, n)
    db.session.rollback()
    assert refused.value.code == code
    assert refused.value.message
    assert _count_prompts() == before
    assert (
        db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "promote"))
        == 0
    )


def test_a_moderator_of_another_room_cannot_promote_from_it(make, plenary, breakouts, amina):
    pieter = make.moderator("pieter")
    theirs = make.room(plenary.event, moderators=[pieter], name="Breakout C")
    source = _open_proposal_prompt(make, theirs)
    _proposals(theirs, source, [(1, 0), (2, 0)])
    with pytest.raises(ServiceError) as refused:
        promote.promote(amina, plenary, [source.id], 2)
    assert refused.value.code == "forbidden"


def test_the_promote_form_lists_the_rooms_the_moderator_runs(make, plenary, breakouts, amina):
    source = _open_proposal_prompt(make, breakouts[0])
    _proposals(breakouts[0], source, [(1, 0)])
    make.room(plenary.event, moderators=[make.moderator("pieter")], name="Not mine")
    rooms = promote.promotable(amina, plenary)
    assert [r["name"] for r in rooms] == ["Plenary", "Breakout A", "Breakout B"]
    assert rooms[1]["prompts"] == [
        {"id": source.id, "text": "Steps?", "state": "open", "approved": 1}
    ]


@pytest.mark.parametrize("lang", ["en", "fr", "ur"])
def test_the_default_question_is_promoted_in_all_three_languages(
    make, plenary, breakouts, amina, lang
):
    from facilitator.i18n import translated

    source = _open_proposal_prompt(make, breakouts[0])
    _proposals(breakouts[0], source, [(6, 0), (5, 1)])
    # The console offers the default question in the moderator's language.
    asked = translated(promote.DEFAULT_TEXT, lang)

    prompt = promote.promote(amina, plenary, [source.id], 2, asked)
    db.session.commit()

    assert prompt.text == promote.DEFAULT_TEXT
    assert prompt.translations == {
        "fr": {
            "text": "Laquelle de ces mesures devrions-nous prendre en premier\u00a0? Classez-les."
        },
        "ur": {"text": translated(promote.DEFAULT_TEXT, "ur")},
    }
    assert prompt.translations["ur"]["text"] != promote.DEFAULT_TEXT


def test_a_question_of_the_moderators_own_is_kept_untranslated(make, plenary, breakouts, amina):
    source = _open_proposal_prompt(make, breakouts[0])
    _proposals(breakouts[0], source, [(6, 0), (5, 1)])

    prompt = promote.promote(amina, plenary, [source.id], 2, "Quelles étapes d\u2019abord ?")

    assert (prompt.text, prompt.translations) == ("Quelles étapes d\u2019abord ?", {})
