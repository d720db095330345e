"""Pre/post pairs (the trust barometer): link a position prompt to an earlier one, and the shift.

The later prompt of a pair points at the earlier one (`Prompt.linked_prompt_id`); participation
derives both prompts' participant keys from the earlier prompt's id (`Prompt.key_scope`), so the
two prompts' responses join on participant_key, and nothing else does (DESIGN.md, Anonymity).
"""

from collections import Counter

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from facilitator.domain.barometer import summarize_shift, withhold_means
from facilitator.extensions import db
from facilitator.models import Event, Prompt, Response, Room
from facilitator.services import ServiceError
from facilitator.services import groups as group_rows

SCALE = ("points", "label_low", "label_high")


def _refuse(code: str, message: str):
    raise ServiceError(code, message, "linked_prompt_id")


def link(prompt: Prompt, earlier_id: int | None) -> Prompt:
    """Make `prompt` repeat an earlier position prompt (or unlink it with None); flushes.

    Refused, changing nothing: another kind or scale, itself, another event, a prompt that is
    itself part of a pair, or any change once the prompt has been opened or answered.
    """
    if earlier_id == prompt.linked_prompt_id:
        check_links(prompt)
        return prompt
    if prompt.state != "draft" or _answers(prompt.id):
        _refuse(
            "link_locked",
            "This prompt has been opened: its link to an earlier prompt can no longer change.",
        )
    if earlier_id is not None:
        earlier = db.session.get(Prompt, earlier_id) if type(earlier_id) is int else None
        _check_pair(prompt, earlier)
    prompt.linked_prompt_id = earlier_id
    db.session.flush()
    return prompt


def _check_pair(prompt: Prompt, earlier: Prompt | None) -> None:
    if earlier is None:
        _refuse("link_not_found", "The earlier prompt to repeat does not exist.")
    if prompt.id is not None and earlier.id == prompt.id:
        _refuse("link_to_itself", "A prompt cannot repeat itself; choose an earlier prompt.")
    if earlier.room.event_id != prompt.room.event_id:
        _refuse("link_other_event", "The earlier prompt must belong to the same event.")
    same_room = earlier.room_id == prompt.room_id and prompt.id is not None
    if same_room and earlier.position > prompt.position:
        _refuse("link_not_earlier", "The prompt to repeat must come earlier in the agenda.")
    if prompt.kind != "position" or earlier.kind != "position":
        _refuse("link_wrong_kind", "Only a position prompt can repeat an earlier position prompt.")
    if earlier.linked_prompt_id is not None:
        _refuse(
            "link_chain",
            "The earlier prompt already repeats another prompt; link to the first one instead.",
        )
    if prompt.id is not None and _later_of(prompt.id):
        _refuse(
            "link_chain", "Another prompt repeats this one, so it cannot repeat a prompt itself."
        )
    taken = _later_of(earlier.id)
    if taken is not None and taken != prompt.id:
        _refuse(
            "link_taken",
            "Another prompt already repeats that prompt; a statement is asked twice at most, "
            "so that no more than two answers of one participant can be linked.",
        )
    _check_scale(prompt, earlier)


def _check_scale(later: Prompt, earlier: Prompt) -> None:
    mine = [later.settings.get(key) for key in SCALE]
    theirs = [earlier.settings.get(key) for key in SCALE]
    if mine != theirs:
        points, low, high = theirs
        _refuse(
            "link_scale_mismatch",
            f"A repeated statement needs the same scale as the earlier one: {points} points "
            f"from “{low}” to “{high}”.",
        )


def check_links(prompt: Prompt) -> None:
    """After an edit: the prompt and its pair partner must still share one scale."""
    if prompt.linked_prompt_id is not None:
        earlier = db.session.get(Prompt, prompt.linked_prompt_id)
        if earlier is not None:
            if prompt.kind != "position":
                _refuse("link_wrong_kind", "Only a position prompt can repeat an earlier one.")
            _check_scale(prompt, earlier)
    later_id = _later_of(prompt.id) if prompt.id is not None else None
    if later_id is not None:
        later = db.session.get(Prompt, later_id)
        mine = [prompt.settings.get(key) for key in SCALE]
        if [later.settings.get(key) for key in SCALE] != mine:
            _refuse(
                "link_scale_mismatch",
                "A later prompt repeats this statement: keep the same scale (points and labels).",
            )


def release(prompt: Prompt) -> None:
    """Before deleting a prompt: unlink the prompt that repeats it, unless that one has begun.

    A repeat that has been opened holds answers keyed on this prompt; deleting it would cut
    the pair, so that is refused (link_in_use)."""
    later_id = _later_of(prompt.id)
    if later_id is None:
        return
    later = db.session.get(Prompt, later_id)
    if later.state != "draft" or _answers(later_id):
        raise ServiceError(
            "link_in_use",
            "A later prompt repeats this statement and has been opened: deleting this one would "
            "break the pair.",
        )
    later.linked_prompt_id = None
    db.session.flush()


def _later_of(prompt_id: int) -> int | None:
    return db.session.scalar(select(Prompt.id).where(Prompt.linked_prompt_id == prompt_id))


def _answers(prompt_id: int | None) -> int:
    if prompt_id is None:
        return 0
    return db.session.scalar(select(func.count()).where(Response.prompt_id == prompt_id))


def link_choices(prompt: Prompt | None, room: Room) -> list[Prompt]:
    """Position prompts of the room's event that a (new or given) prompt may repeat."""
    event_prompts = db.session.scalars(
        select(Prompt)
        .join(Room, Prompt.room_id == Room.id)
        .where(Room.event_id == room.event_id, Prompt.kind == "position")
        .where(Prompt.linked_prompt_id.is_(None))
        .order_by(Room.position, Room.id, Prompt.position)
    ).all()
    taken = set(
        db.session.scalars(
            select(Prompt.linked_prompt_id).where(Prompt.linked_prompt_id.isnot(None))
        )
    )
    choices = []
    for other in event_prompts:
        if prompt is not None:
            if other.id == prompt.id or (
                other.room_id == prompt.room_id and other.position > prompt.position
            ):
                continue
            if other.id in taken and prompt.linked_prompt_id != other.id:
                continue
        elif other.id in taken:
            continue
        choices.append(other)
    return choices


def shift(post_prompt: Prompt) -> dict | None:
    """The shift among participants who answered both prompts of a pair; None if not linked.

    Returns {"pre_prompt_id", "post_prompt_id", "points", "n_paired", "no_opinion",
    "mean_before", "mean_after", "mean_change", "share_up", "share_down", "share_unchanged",
    "breakdown": {"k", "groups": [{"group", "n_paired", "mean_change", "share_up",
    "share_down", "share_unchanged"}], "suppressed_n", "hidden_groups"}}, as
    domain.barometer.summarize_shift defines them (change = post - pre; a pair with "no
    opinion" on either side only counts in no_opinion; groups are the post answers' groups and
    shown only where the threshold k allows). Means are None, with "means_withheld": True,
    where they would give away the answers of fewer than k people (domain.barometer.withhold_means).
    """
    if post_prompt.linked_prompt_id is None:
        return None
    pre = aliased(Response)
    post = aliased(Response)
    rows = [
        (before, after, group_rows.response_group(sealed, post_prompt.id))
        for before, after, sealed in db.session.execute(
            select(pre.value, post.value, post.sealed_group)
            .join(post, post.participant_key == pre.participant_key)
            .where(pre.prompt_id == post_prompt.linked_prompt_id, post.prompt_id == post_prompt.id)
        ).all()
    ]
    groups = [c.id for c in post_prompt.room.event.constituencies]
    k = current_app.config["ANONYMITY_K"]
    result = summarize_shift(
        post_prompt.settings["points"], [tuple(row) for row in rows], groups, k
    )
    withhold_means(result, _opinions(post_prompt.linked_prompt_id), _opinions(post_prompt.id), k)
    return {
        "pre_prompt_id": post_prompt.linked_prompt_id,
        "post_prompt_id": post_prompt.id,
        **result,
    }


def _opinions(prompt_id: int) -> dict:
    """How many answers with an opinion the prompt has, per constituency."""
    answers = group_rows.responses(prompt_id)
    return dict(Counter(group for group, value in answers if value is not None))


def event_barometers(event: Event) -> list[dict]:
    """Every pre/post pair of the event, in agenda order (rooms, then prompts).

    Each item: {"pre": {"id", "room_id", "room", "text"}, "post": {"id", "room_id", "room",
    "text", "state", "revealed"}, "shift": shift(post)} — the shift as `shift` returns it.
    Pairs are listed whatever their results' visibility: callers showing them to participants
    or screens must check post["revealed"].
    """
    posts = db.session.scalars(
        select(Prompt)
        .join(Room, Prompt.room_id == Room.id)
        .where(Room.event_id == event.id, Prompt.linked_prompt_id.isnot(None))
        .order_by(Room.position, Room.id, Prompt.position)
    ).all()
    pairs = []
    for post in posts:
        pre = db.session.get(Prompt, post.linked_prompt_id)
        pairs.append(
            {
                "pre": _describe(pre),
                "post": {**_describe(post), "state": post.state, "revealed": post.results_revealed},
                "shift": shift(post),
            }
        )
    return pairs


def _describe(prompt: Prompt) -> dict:
    return {
        "id": prompt.id,
        "room_id": prompt.room_id,
        "room": prompt.room.name,
        "text": prompt.text,
    }


def link_repeats(agenda, event: Event) -> None:
    """Link the prompts an imported agenda file pairs with `repeats` (already checked there)."""
    by_ref: dict[str, Prompt] = {}
    pairs: list[tuple[Prompt, str]] = []
    for room_spec, room in zip(agenda.rooms, event.rooms, strict=True):
        for spec, prompt in zip(room_spec.prompts, room.prompts, strict=True):
            if spec.ref is not None:
                by_ref[spec.ref] = prompt
            if spec.repeats is not None:
                pairs.append((prompt, spec.repeats))
    for prompt, ref in pairs:
        prompt.linked_prompt_id = by_ref[ref].id
    db.session.flush()
