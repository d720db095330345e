"""Pre/post pairs over a database: linking rules and the shift among those who answered both."""

import pytest
from sqlalchemy import select

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.models import Prompt, Response
from facilitator.services import ServiceError, barometer, control, participation, payloads

TOKENS = [new_token() for _ in range(24)]


def _answer(room, prompt, token, value, group):
    participation.submit_response(
        room, token, prompt.id, f"c-{token[:8]}-{prompt.id}", value, group
    )
    db.session.commit()


def _pair(make, room, **settings):
    settings.setdefault("points", 7)
    pre = make.prompt(room, text="I trust the other side's stated intentions", **settings)
    post = make.prompt(room, text="I trust the other side's stated intentions", **settings)
    barometer.link(post, pre.id)
    db.session.commit()
    return pre, post


def _run(room, prompt):
    control.open_prompt(room, prompt.id)
    db.session.commit()


def test_the_shift_counts_only_participants_who_answered_both(app, make):
    room = make.room()
    nato, government, undisclosed = (c.id for c in room.event.constituencies)
    pre, post = _pair(make, room)
    _run(room, pre)
    for token in TOKENS[:5]:
        _answer(room, pre, token, 3, nato)
    for token in TOKENS[10:15]:
        _answer(room, pre, token, 1, government)  # answer the opening only
    _run(room, post)
    for token in TOKENS[:3]:
        _answer(room, post, token, 5, nato)  # up by 2
    _answer(room, post, TOKENS[3], 2, nato)  # down by 1
    _answer(room, post, TOKENS[4], 3, nato)  # unchanged
    for token in TOKENS[15:20]:
        _answer(room, post, token, 7, government)  # answer the close only
    shift = barometer.shift(post)
    assert shift["n_paired"] == 5
    assert shift["mean_change"] == pytest.approx((2 + 2 + 2 - 1 + 0) / 5)
    assert (shift["share_up"], shift["share_down"], shift["share_unchanged"]) == (0.6, 0.2, 0.2)
    assert shift["mean_before"] == pytest.approx(3.0)
    assert (shift["pre_prompt_id"], shift["post_prompt_id"]) == (pre.id, post.id)
    # Five pairs, all NATO, k = 5: NATO is shown, nothing else has pairs.
    assert [g["group"] for g in shift["breakdown"]["groups"]] == [nato]
    assert undisclosed not in [g["group"] for g in shift["breakdown"]["groups"]]


def test_means_that_would_reveal_fewer_than_k_unpaired_answers_are_withheld(app, make):
    room = make.room()
    nato = room.event.constituencies[0].id
    pre, post = _pair(make, room)
    _run(room, pre)
    for token in TOKENS[:6]:
        _answer(room, pre, token, 3, nato)
    _run(room, post)
    for token in TOKENS[:5]:
        _answer(room, post, token, 5, nato)  # the sixth answered the opening only
    shift = barometer.shift(post)
    # The opening's own mean covers six people, the paired mean five: the difference would
    # give away the sixth person's answer, so no mean is given, overall or for the group.
    assert shift["n_paired"] == 5
    assert (shift["mean_before"], shift["mean_after"], shift["mean_change"]) == (None, None, None)
    assert shift["means_withheld"] is True
    assert shift["share_up"] == 1.0
    [group] = shift["breakdown"]["groups"]
    assert group["mean_change"] is None and group["share_up"] == 1.0


def test_no_opinion_answers_are_not_counted_as_opinions_when_means_are_withheld(app, make):
    """One real left-over answer hidden among four "no opinion" ones must not be solvable."""
    room = make.room()
    nato = room.event.constituencies[0].id
    pre, post = _pair(make, room, allow_no_opinion=True)
    _run(room, pre)
    for token in TOKENS[:5]:
        _answer(room, pre, token, 4, nato)
    _answer(room, pre, TOKENS[5], 2, nato)  # answered the opening only, with an opinion
    for token in TOKENS[6:10]:
        _answer(room, pre, token, None, nato)  # answered the opening only, "no opinion"
    _run(room, post)
    for token in TOKENS[:5]:
        _answer(room, post, token, 5, nato)
    stored = db.session.execute(
        select(Response.value).where(Response.prompt_id == pre.id, Response.value.is_(None))
    ).all()
    assert len(stored) == 4  # "no opinion" is SQL NULL, not the JSON text null
    shift = barometer.shift(post)
    assert shift["n_paired"] == 5
    # Six opinions at the opening, five paired: the sixth would be pre mean * 6 - paired * 5.
    assert (shift["mean_before"], shift["mean_after"], shift["mean_change"]) == (None, None, None)
    assert shift["means_withheld"] is True


def test_no_opinion_on_either_side_stays_out_of_the_shift(app, make):
    app.config["ANONYMITY_K"] = 1  # this test is about "no opinion", not about withholding
    room = make.room()
    group = room.event.constituencies[0].id
    pre, post = _pair(make, room)
    _run(room, pre)
    _answer(room, pre, TOKENS[0], None, group)
    _answer(room, pre, TOKENS[1], 4, group)
    _run(room, post)
    _answer(room, post, TOKENS[0], 6, group)
    _answer(room, post, TOKENS[1], 5, group)
    shift = barometer.shift(post)
    assert (shift["n_paired"], shift["no_opinion"], shift["mean_change"]) == (1, 1, 1.0)


def test_groups_are_shown_only_with_at_least_k_pairs(app, make):
    room = make.room()
    nato, government, _undisclosed = (c.id for c in room.event.constituencies)
    pre, post = _pair(make, room)
    plan = [(t, nato) for t in TOKENS[:6]] + [(t, government) for t in TOKENS[6:10]]
    _run(room, pre)
    for token, group in plan:
        _answer(room, pre, token, 4, group)
    _run(room, post)
    for token, group in plan:
        _answer(room, post, token, 5, group)
    breakdown = barometer.shift(post)["breakdown"]
    # Government has 4 pairs (< k = 5): hidden, and NATO with it, so that Government's
    # shift cannot be recovered by subtracting NATO's from the total.
    assert breakdown["groups"] == []
    assert breakdown["suppressed_n"] == 10
    _answer(room, post, TOKENS[12], 5, government)  # no pair: changes nothing
    assert barometer.shift(post)["breakdown"]["groups"] == []


def test_a_prompt_without_a_link_has_no_shift(app, make):
    room = make.room()
    prompt = make.prompt(room)
    assert barometer.shift(prompt) is None
    assert "shift" not in payloads.results(prompt)


def test_the_shift_is_in_the_results_only_when_they_may_be_seen(app, make):
    room = make.room()
    pre, post = _pair(make, room)
    _run(room, pre)
    _run(room, post)
    all_views = payloads.prompt_views(post)
    assert "shift" in all_views["moderator"]["results"]
    assert "results" not in all_views["screen"] and "results" not in all_views["participant"]
    control.close_prompt(room, post.id)
    control.reveal_results(room, post.id)
    db.session.commit()
    assert payloads.prompt_views(post)["screen"]["results"]["shift"]["post_prompt_id"] == post.id
    assert payloads.prompt_view(post, "moderator")["linked_prompt_id"] == pre.id


def test_event_barometers_list_every_pair_in_agenda_order(app, make):
    event = make.event()
    plenary = make.room(event)
    breakout = make.room(event, name="Breakout A")
    first_pre, first_post = _pair(make, plenary)
    make.prompt(breakout)  # no pair
    second_pre = make.prompt(breakout, points=5, text="Second")
    second_post = make.prompt(breakout, points=5, text="Second")
    barometer.link(second_post, second_pre.id)
    db.session.commit()
    pairs = barometer.event_barometers(event)
    assert [(p["pre"]["id"], p["post"]["id"]) for p in pairs] == [
        (first_pre.id, first_post.id),
        (second_pre.id, second_post.id),
    ]
    assert pairs[0]["post"]["room"] == "Plenary" and pairs[0]["post"]["revealed"] is False
    assert pairs[1]["shift"]["points"] == 5 and pairs[1]["shift"]["n_paired"] == 0
    assert barometer.event_barometers(make.event()) == []


# --- linking: bad input changes nothing -----------------------------------------------------


def _refused(post, earlier_id, code):
    before = post.linked_prompt_id
    with pytest.raises(ServiceError) as refused:
        barometer.link(post, earlier_id)
    assert refused.value.code == code
    assert refused.value.field == "linked_prompt_id"
    db.session.rollback()
    assert db.session.get(Prompt, post.id).linked_prompt_id == before


def test_linking_prompts_of_different_scales_is_refused(app, make):
    room = make.room()
    pre = make.prompt(room, points=7)
    other_points = make.prompt(room, points=5)
    other_labels = make.prompt(room, points=7, label_high="Completely agree")
    _refused(other_points, pre.id, "link_scale_mismatch")
    _refused(other_labels, pre.id, "link_scale_mismatch")


def test_linking_to_another_kind_itself_another_event_or_a_missing_prompt_is_refused(app, make):
    room = make.room()
    priority = make.prompt(room, kind="priority")
    position = make.prompt(room)
    stranger = make.prompt(make.room(make.event(), name="Elsewhere"))
    _refused(position, priority.id, "link_wrong_kind")
    _refused(position, position.id, "link_to_itself")
    _refused(position, stranger.id, "link_other_event")
    _refused(position, 999_999, "link_not_found")
    later_priority = make.prompt(room, kind="priority")
    _refused(later_priority, position.id, "link_wrong_kind")


def test_linking_to_a_linked_prompt_or_a_taken_one_or_a_later_one_is_refused(app, make):
    room = make.room()
    pre, post = _pair(make, room)
    third = make.prompt(room, points=7)
    _refused(third, post.id, "link_chain")  # post is itself linked
    _refused(third, pre.id, "link_taken")  # pre is already repeated once
    _refused(pre, third.id, "link_not_earlier")


def test_a_link_cannot_change_once_the_prompt_has_been_opened(app, make):
    room = make.room()
    pre, post = _pair(make, room)
    _run(room, pre)
    _run(room, post)
    _refused(post, None, "link_locked")


def test_editing_the_scale_of_one_prompt_of_a_pair_is_refused(app, make):
    room = make.room()
    pre, post = _pair(make, room)
    pre.settings = {**pre.settings, "points": 5}
    with pytest.raises(ServiceError) as refused:
        barometer.check_links(pre)
    assert refused.value.code == "link_scale_mismatch"
    db.session.rollback()
    post.settings = {**post.settings, "label_low": "Not at all"}
    with pytest.raises(ServiceError):
        barometer.check_links(post)
    db.session.rollback()


def test_the_pair_shares_keys_and_answers_join_on_them(app, make):
    room = make.room()
    group = room.event.constituencies[0].id
    pre, post = _pair(make, room)
    _run(room, pre)
    _answer(room, pre, TOKENS[0], 2, group)
    _run(room, post)
    _answer(room, post, TOKENS[0], 6, group)
    keys = db.session.scalars(select(Response.participant_key)).all()
    assert len(keys) == 2 and keys[0] == keys[1]


def test_link_choices_offer_earlier_unpaired_position_prompts_of_the_event(app, make):
    event = make.event()
    room = make.room(event)
    other = make.room(event, name="Breakout")
    pre, post = _pair(make, room)
    free = make.prompt(room)
    make.prompt(room, kind="priority")
    elsewhere = make.prompt(other)
    make.prompt(make.room(make.event(), name="Other event"))
    new = make.prompt(room)
    assert [p.id for p in barometer.link_choices(new, room)] == [free.id, elsewhere.id]
    assert [p.id for p in barometer.link_choices(post, room)] == [pre.id, elsewhere.id]
    assert [p.id for p in barometer.link_choices(None, room)] == [free.id, new.id, elsewhere.id]


def test_the_demo_agenda_links_the_opening_and_closing_trust_barometer(app, make):
    from importlib import resources

    from facilitator.domain.agenda import load_agenda_text
    from facilitator.services import agenda

    make.moderator("demo")
    text = resources.files("facilitator.demo").joinpath("islamabad-workshop.json").read_text()
    event = agenda.import_agenda(load_agenda_text(text))
    db.session.commit()
    plenary = event.rooms[0].prompts
    opening, closing = plenary[0], plenary[-1]
    assert closing.linked_prompt_id == opening.id and opening.text == closing.text
    assert closing.key_scope == opening.key_scope == opening.id
    pairs = barometer.event_barometers(event)
    assert [(p["pre"]["id"], p["post"]["id"]) for p in pairs] == [(opening.id, closing.id)]
    paced = [p for room in event.rooms for p in room.prompts if p.countdown_seconds]
    assert [(p.countdown_seconds, p.auto_close) for p in paced] == [(300, True)]


def test_deleting_the_first_prompt_of_a_pair_unlinks_a_draft_repeat(app, make):
    from facilitator.services import agenda

    room = make.room()
    pre, post = _pair(make, room)
    agenda.delete_prompt(pre)
    db.session.commit()
    assert db.session.get(Prompt, post.id).linked_prompt_id is None


def test_deleting_the_first_prompt_of_a_begun_pair_is_refused(app, make):
    from facilitator.services import agenda

    room = make.room()
    pre, post = _pair(make, room)
    _run(room, post)  # the repeat was opened first; the first prompt is still a draft
    with pytest.raises(ServiceError) as refused:
        agenda.delete_prompt(pre)
    assert refused.value.code == "link_in_use"
    db.session.rollback()
    assert db.session.get(Prompt, pre.id) is not None
    assert db.session.get(Prompt, post.id).linked_prompt_id == pre.id
