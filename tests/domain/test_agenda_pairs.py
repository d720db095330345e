"""Agenda files: pre/post pairs (`ref` and `repeats`) and countdowns, with their errors."""

import copy

import pytest

from facilitator.domain.agenda import AgendaError, dump_agenda, parse_agenda

POSITION = {"kind": "position", "text": "I trust the other side.", "points": 7}


def _agenda(*prompts, more_rooms=()):
    return {
        "format": "facilitator-agenda/1",
        "event": {"title": "Workshop", "constituencies": ["NATO official", "Media"]},
        "rooms": [{"name": "Plenary", "kind": "plenary", "prompts": list(prompts)}, *more_rooms],
    }


def _errors(data) -> list[tuple[str, str]]:
    with pytest.raises(AgendaError) as refused:
        parse_agenda(data)
    return refused.value.errors


def test_a_closing_prompt_repeats_the_opening_one_by_its_ref():
    agenda = parse_agenda(
        _agenda({**POSITION, "ref": "opening"}, {**POSITION, "repeats": "opening"})
    )
    opening, closing = agenda.rooms[0].prompts
    assert (opening.ref, opening.repeats) == ("opening", None)
    assert (closing.ref, closing.repeats) == (None, "opening")


def test_a_pair_may_span_two_rooms_of_the_event():
    breakout = {"name": "Breakout", "prompts": [{**POSITION, "repeats": "opening"}]}
    agenda = parse_agenda(_agenda({**POSITION, "ref": "opening"}, more_rooms=[breakout]))
    assert agenda.rooms[1].prompts[0].repeats == "opening"


def test_countdowns_are_read_and_default_to_none():
    agenda = parse_agenda(
        _agenda({**POSITION, "countdown": 90, "auto_close": True}, {**POSITION, "countdown": 30})
    )
    first, second = agenda.rooms[0].prompts
    assert (first.countdown, first.auto_close) == (90, True)
    assert (second.countdown, second.auto_close) == (30, False)
    plain = parse_agenda(_agenda(POSITION)).rooms[0].prompts[0]
    assert (plain.countdown, plain.auto_close, plain.ref, plain.repeats) == (
        None,
        False,
        None,
        None,
    )


def test_the_new_keys_round_trip_and_plain_format_1_files_dump_unchanged():
    data = _agenda(
        {**POSITION, "ref": "opening", "countdown": 60, "auto_close": True},
        {**POSITION, "repeats": "opening"},
    )
    agenda = parse_agenda(data)
    dumped = dump_agenda(agenda)
    assert parse_agenda(dumped) == agenda
    assert dumped["format"] == "facilitator-agenda/1"
    prompts = dumped["rooms"][0]["prompts"]
    assert (prompts[0]["ref"], prompts[0]["countdown"], prompts[0]["auto_close"]) == (
        "opening",
        60,
        True,
    )
    plain = dump_agenda(parse_agenda(_agenda(POSITION)))["rooms"][0]["prompts"][0]
    assert not {"ref", "repeats", "countdown", "auto_close"} & set(plain)


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (
            {**POSITION, "points": 5, "repeats": "opening"},
            "needs the same scale as rooms[0].prompts[0]",
        ),
        ({**POSITION, "label_high": "Agree", "repeats": "opening"}, "needs the same scale"),
        (
            {"kind": "priority", "text": "Rank", "options": ["A", "B"], "repeats": "opening"},
            "only a position prompt",
        ),
        ({**POSITION, "repeats": "closing"}, '"closing" names no earlier prompt'),
        ({**POSITION, "repeats": "bad name!"}, "must be 1 to 32 letters"),
    ],
)
def test_a_bad_repeat_is_reported_at_its_path(second, message):
    errors = _errors(_agenda({**POSITION, "ref": "opening"}, second))
    assert len(errors) == 1
    path, text = errors[0]
    assert path.startswith("rooms[0].prompts[1].")
    assert message in text


def test_repeating_a_later_prompt_itself_a_repeat_or_a_taken_one_is_refused():
    later = _errors(_agenda({**POSITION, "repeats": "closing"}, {**POSITION, "ref": "closing"}))
    assert later == [
        (
            "rooms[0].prompts[0].repeats",
            '"closing" names no earlier prompt (give that prompt "ref": "closing")',
        )
    ]
    chain = _errors(
        _agenda(
            {**POSITION, "ref": "a"},
            {**POSITION, "ref": "b", "repeats": "a"},
            {**POSITION, "repeats": "b"},
        )
    )
    assert chain[0][0] == "rooms[0].prompts[2].repeats" and "repeats another prompt" in chain[0][1]
    taken = _errors(
        _agenda(
            {**POSITION, "ref": "a"}, {**POSITION, "repeats": "a"}, {**POSITION, "repeats": "a"}
        )
    )
    assert taken[0][0] == "rooms[0].prompts[2].repeats" and "twice at most" in taken[0][1]
    twice = _errors(_agenda({**POSITION, "ref": "a"}, {**POSITION, "ref": "a"}))
    assert twice == [("rooms[0].prompts[1].ref", '"a" is already used by rooms[0].prompts[0]')]


@pytest.mark.parametrize(
    ("settings", "path", "message"),
    [
        ({"countdown": 5}, "countdown", "from 10 to 3600"),
        ({"countdown": 3601}, "countdown", "from 10 to 3600"),
        ({"countdown": "60"}, "countdown", "whole number of seconds"),
        ({"countdown": 60.0}, "countdown", "whole number of seconds"),
        ({"countdown": True}, "countdown", "whole number of seconds"),
        ({"auto_close": True}, "auto_close", "needs a countdown"),
        ({"countdown": 60, "auto_close": "yes"}, "auto_close", "must be true or false"),
    ],
)
def test_bad_countdowns_are_reported_at_their_path(settings, path, message):
    errors = _errors(_agenda({**POSITION, **settings}))
    assert len(errors) == 1
    assert errors[0][0] == f"rooms[0].prompts[0].{path}"
    assert message in errors[0][1]


def test_every_kind_takes_a_countdown():
    proposal = {"kind": "proposal", "text": "Propose a step.", "countdown": 120, "auto_close": True}
    assert parse_agenda(_agenda(proposal)).rooms[0].prompts[0].countdown == 120


def test_a_format_1_file_without_the_new_keys_still_loads():
    data = _agenda(POSITION)
    before = copy.deepcopy(data)
    assert parse_agenda(data).rooms[0].prompts[0].text == "I trust the other side."
    assert data == before


def test_an_invalid_opening_prompt_is_reported_once_not_again_at_its_repeat():
    errors = _errors(
        _agenda(
            {**POSITION, "ref": "opening", "points": 6},
            {"kind": "priority", "text": "Rank", "options": ["A", "B"]},
            {**POSITION, "repeats": "opening"},
        )
    )
    assert errors == [("rooms[0].prompts[0].points", "must be 5 or 7")]


def test_paths_of_repeat_errors_count_prompts_reported_as_invalid():
    errors = _errors(
        _agenda(
            {"kind": "poll", "text": "?"},
            {**POSITION, "ref": "opening"},
            {**POSITION, "points": 5, "repeats": "opening"},
        )
    )
    assert [path for path, _ in errors] == [
        "rooms[0].prompts[0].kind",
        "rooms[0].prompts[2].repeats",
    ]
