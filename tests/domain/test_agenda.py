"""Agenda files: parsing, every rule's error and path, round-trips, and garbage in."""

import contextlib
import copy
import json
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.domain.agenda import (
    CODE_ALPHABET,
    FORMAT,
    Agenda,
    AgendaError,
    PromptSpec,
    RoomSpec,
    dump_agenda,
    load_agenda_text,
    parse_agenda,
)

DEMO = resources.files("facilitator.demo") / "islamabad-workshop.json"


def demo_text() -> str:
    return DEMO.read_text(encoding="utf-8")


def minimal() -> dict:
    """A small valid agenda with one prompt of every kind."""
    return {
        "format": FORMAT,
        "event": {"title": "Workshop", "constituencies": ["NATO official", "Media"]},
        "rooms": [
            {
                "name": "Plenary",
                "kind": "plenary",
                "code": "ABCDEF",
                "moderators": ["demo"],
                "prompts": [
                    {
                        "kind": "position",
                        "text": "Relations will improve.",
                        "points": 5,
                        "label_low": "Strongly disagree",
                        "label_high": "Strongly agree",
                    },
                    {"kind": "priority", "text": "Which first?", "options": ["One", "Two"]},
                    {"kind": "proposal", "text": "Propose a step."},
                ],
            },
            {"name": "Breakout", "prompts": []},
        ],
    }


def errors_of(data) -> list[tuple[str, str]]:
    with pytest.raises(AgendaError) as info:
        parse_agenda(data)
    return info.value.errors


def paths_of(data) -> list[str]:
    return [path for path, _ in errors_of(data)]


def changed(edit) -> dict:
    data = minimal()
    edit(data)
    return data


def prompt(data, room=0, index=0) -> dict:
    return data["rooms"][room]["prompts"][index]


# --- the demo and round trips ----------------------------------------------------------------


def test_demo_agenda_parses_into_the_islamabad_event():
    agenda = load_agenda_text(demo_text())
    assert agenda.title.startswith("Cooperative-Initiative Workshop")
    assert len(agenda.constituencies) == 6
    assert [room.kind for room in agenda.rooms] == ["plenary", "breakout", "breakout", "breakout"]
    assert [len(room.prompts) for room in agenda.rooms] == [4, 4, 4, 3]
    assert all(room.moderators == ("demo",) for room in agenda.rooms)
    for room in agenda.rooms:
        assert len(room.code) == 6 and set(room.code) <= set(CODE_ALPHABET)


def test_demo_plenary_opens_and_closes_with_the_same_barometer():
    plenary = load_agenda_text(demo_text()).rooms[0]
    opening, closing = plenary.prompts[0], plenary.prompts[-1]
    assert opening.kind == closing.kind == "position"
    assert opening.text == closing.text
    assert opening.settings["points"] == closing.settings["points"] == 7
    assert closing.settings["label_low"] == "Strongly disagree"
    assert closing.settings["label_high"] == "Strongly agree"
    recommend = plenary.prompts[2]
    assert recommend.kind == "priority" and len(recommend.settings["options"]) == 6


def test_demo_round_trips_through_dump_and_json():
    agenda = load_agenda_text(demo_text())
    dumped = dump_agenda(agenda)
    assert parse_agenda(dumped) == agenda
    assert load_agenda_text(json.dumps(dumped)) == agenda
    assert dump_agenda(parse_agenda(dumped)) == dumped


def test_minimal_agenda_parses_with_defaults():
    agenda = parse_agenda(minimal())
    assert isinstance(agenda, Agenda)
    assert agenda.subtitle is None
    breakout = agenda.rooms[1]
    assert breakout == RoomSpec("Breakout", "breakout", None, (), ())
    assert all(isinstance(p, PromptSpec) for p in agenda.rooms[0].prompts)
    assert parse_agenda(dump_agenda(agenda)) == agenda


def test_code_is_normalised_to_upper_case_and_texts_are_trimmed():
    data = minimal()
    data["rooms"][0]["code"] = "abcdef"
    data["rooms"][0]["name"] = "  Plenary  "
    room = parse_agenda(data).rooms[0]
    assert room.code == "ABCDEF"
    assert room.name == "Plenary"


def test_settings_are_normalised_by_the_prompt_kind():
    agenda = parse_agenda(minimal())
    position = agenda.rooms[0].prompts[0]
    assert position.settings["points"] == 5
    assert position.settings["label_low"] == "Strongly disagree"
    assert agenda.rooms[0].prompts[1].settings["options"] in (["One", "Two"], ("One", "Two"))


# --- each rule, its path and message ---------------------------------------------------------

RULES = [
    ("format missing", lambda d: d.pop("format"), "format", "facilitator-agenda/1"),
    ("format wrong", lambda d: d.update(format="facilitator-agenda/2"), "format", "must be"),
    ("event missing", lambda d: d.pop("event"), "event", "required"),
    ("event not object", lambda d: d.update(event=[]), "event", "object"),
    ("title missing", lambda d: d["event"].pop("title"), "event.title", "required"),
    ("title empty", lambda d: d["event"].update(title="  "), "event.title", "empty"),
    ("title long", lambda d: d["event"].update(title="x" * 201), "event.title", "200"),
    ("title number", lambda d: d["event"].update(title=3), "event.title", "string"),
    ("subtitle long", lambda d: d["event"].update(subtitle="x" * 301), "event.subtitle", "300"),
    (
        "constituencies missing",
        lambda d: d["event"].pop("constituencies"),
        "event.constituencies",
        "required",
    ),
    (
        "constituencies empty",
        lambda d: d["event"].update(constituencies=[]),
        "event.constituencies",
        "at least 1",
    ),
    (
        "constituencies many",
        lambda d: d["event"].update(constituencies=[f"Group {i}" for i in range(13)]),
        "event.constituencies",
        "at most 12",
    ),
    (
        "constituency blank",
        lambda d: d["event"]["constituencies"].append(""),
        "event.constituencies[2]",
        "empty",
    ),
    (
        "constituency long",
        lambda d: d["event"]["constituencies"].append("x" * 61),
        "event.constituencies[2]",
        "60",
    ),
    (
        "constituency twice",
        lambda d: d["event"]["constituencies"].append("media"),
        "event.constituencies[2]",
        "twice",
    ),
    ("rooms missing", lambda d: d.pop("rooms"), "rooms", "required"),
    ("rooms empty", lambda d: d.update(rooms=[]), "rooms", "at least 1"),
    (
        "rooms many",
        lambda d: d.update(rooms=[{"name": f"Room {i}"} for i in range(21)]),
        "rooms",
        "at most 20",
    ),
    ("room not object", lambda d: d["rooms"].append("Room"), "rooms[2]", "object"),
    ("room name missing", lambda d: d["rooms"][1].pop("name"), "rooms[1].name", "required"),
    (
        "room name long",
        lambda d: d["rooms"][1].update(name="x" * 81),
        "rooms[1].name",
        "80",
    ),
    ("room kind bad", lambda d: d["rooms"][1].update(kind="side"), "rooms[1].kind", "plenary"),
    (
        "second plenary",
        lambda d: d["rooms"][1].update(kind="plenary"),
        "rooms[1].kind",
        "at most one plenary",
    ),
    ("code short", lambda d: d["rooms"][1].update(code="ABC"), "rooms[1].code", "6 characters"),
    (
        "code bad letters",
        lambda d: d["rooms"][1].update(code="ABCDE0"),
        "rooms[1].code",
        "6 characters",
    ),
    ("code number", lambda d: d["rooms"][1].update(code=123456), "rooms[1].code", "string"),
    (
        "moderators not list",
        lambda d: d["rooms"][1].update(moderators="demo"),
        "rooms[1].moderators",
        "list",
    ),
    (
        "moderator blank",
        lambda d: d["rooms"][1].update(moderators=[""]),
        "rooms[1].moderators[0]",
        "empty",
    ),
    (
        "moderator twice",
        lambda d: d["rooms"][1].update(moderators=["demo", "demo"]),
        "rooms[1].moderators[1]",
        "twice",
    ),
    (
        "prompts not list",
        lambda d: d["rooms"][1].update(prompts={}),
        "rooms[1].prompts",
        "list",
    ),
    (
        "prompts many",
        lambda d: d["rooms"][1].update(prompts=[{"kind": "proposal", "text": "Q"}] * 51),
        "rooms[1].prompts",
        "at most 50",
    ),
    (
        "prompt not object",
        lambda d: d["rooms"][1].update(prompts=["Q"]),
        "rooms[1].prompts[0]",
        "object",
    ),
    (
        "prompt kind missing",
        lambda d: prompt(d).pop("kind"),
        "rooms[0].prompts[0].kind",
        "required",
    ),
    (
        "prompt kind unknown",
        lambda d: prompt(d).update(kind="poll"),
        "rooms[0].prompts[0].kind",
        "position",
    ),
    (
        "prompt text missing",
        lambda d: prompt(d).pop("text"),
        "rooms[0].prompts[0].text",
        "required",
    ),
    (
        "prompt text long",
        lambda d: prompt(d).update(text="x" * 501),
        "rooms[0].prompts[0].text",
        "500",
    ),
    ("points not 5 or 7", lambda d: prompt(d).update(points=6), "rooms[0].prompts[0].points", ""),
    ("points a bool", lambda d: prompt(d).update(points=True), "rooms[0].prompts[0].points", ""),
    ("points a string", lambda d: prompt(d).update(points="5"), "rooms[0].prompts[0].points", ""),
    (
        "one option",
        lambda d: prompt(d, index=1).update(options=["One"]),
        "rooms[0].prompts[1].options",
        "",
    ),
    (
        "thirteen options",
        lambda d: prompt(d, index=1).update(options=[f"Option {i}" for i in range(13)]),
        "rooms[0].prompts[1].options",
        "",
    ),
    (
        "rank_top a bool",
        lambda d: prompt(d, index=1).update(rank_top=True),
        "rooms[0].prompts[1].rank_top",
        "",
    ),
    (
        "moderation unknown",
        lambda d: prompt(d, index=2).update(moderation="never"),
        "rooms[0].prompts[2].moderation",
        "",
    ),
]


@pytest.mark.parametrize(
    ("edit", "path", "fragment"), [r[1:] for r in RULES], ids=[r[0] for r in RULES]
)
def test_each_rule_reports_its_path(edit, path, fragment):
    errors = errors_of(changed(edit))
    matching = [message for where, message in errors if where == path]
    assert matching, errors
    assert any(fragment in message for message in matching), errors


def test_top_level_must_be_an_object():
    for value in ([], "agenda", 3, None, True):
        assert paths_of(value) == ["(top level)"]


def test_settings_of_another_kind_are_unknown_keys():
    errors = errors_of(changed(lambda d: prompt(d, index=2).update(points=7)))
    assert ("rooms[0].prompts[2].points") in [path for path, _ in errors]


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (lambda d: d.update(formt=FORMAT), "formt"),
        (lambda d: d["event"].update(date="2013-06-12"), "event.date"),
        (lambda d: d["rooms"][1].update(moderator=["demo"]), "rooms[1].moderator"),
        (lambda d: prompt(d).update(lable_low="No"), "rooms[0].prompts[0].lable_low"),
        (lambda d: prompt(d, index=1).update(rank=3), "rooms[0].prompts[1].rank"),
    ],
    ids=["top", "event", "room", "position prompt", "priority prompt"],
)
def test_unknown_keys_are_rejected_everywhere(edit, path):
    errors = errors_of(changed(edit))
    assert any(where == path and "unknown key" in message for where, message in errors), errors


@pytest.mark.parametrize("name", ["Prefer not to say", "prefer NOT to say", "  Prefer not to say "])
def test_prefer_not_to_say_is_added_by_the_app_and_must_not_be_listed(name):
    errors = errors_of(changed(lambda d: d["event"]["constituencies"].append(name)))
    assert len(errors) == 1
    path, message = errors[0]
    assert path == "event.constituencies[2]"
    assert "automatically" in message


def test_duplicate_room_names_are_rejected_whatever_the_case():
    errors = errors_of(changed(lambda d: d["rooms"][1].update(name="PLENARY")))
    assert errors == [("rooms[1].name", '"PLENARY" is already used by rooms[0]')]


def test_duplicate_room_codes_are_rejected_after_normalising():
    errors = errors_of(changed(lambda d: d["rooms"][1].update(code="abcdef")))
    assert errors == [("rooms[1].code", "ABCDEF is already used by rooms[0]")]


def test_every_error_is_reported_at_once_one_per_line():
    data = minimal()
    data["format"] = "agenda"
    data["event"]["title"] = ""
    data["event"]["constituencies"].append("Prefer not to say")
    data["rooms"][1]["code"] = "ILO012"
    prompt(data)["points"] = 6
    prompt(data, index=2)["colour"] = "red"
    with pytest.raises(AgendaError) as info:
        parse_agenda(data)
    paths = [path for path, _ in info.value.errors]
    assert paths == [
        "format",
        "event.title",
        "event.constituencies[2]",
        "rooms[0].prompts[0].points",
        "rooms[0].prompts[2].colour",
        "rooms[1].code",
    ]
    lines = str(info.value).splitlines()
    assert len(lines) == 6
    assert all(line.startswith(f"{path}: ") for line, path in zip(lines, paths, strict=True))


def test_agenda_error_is_a_value_error_with_plain_data():
    with pytest.raises(ValueError) as info:
        parse_agenda(changed(lambda d: d.pop("format")))
    assert info.value.as_list() == [
        {"path": "format", "message": 'is required and must be "facilitator-agenda/1"'}
    ]


def test_a_prompt_without_kind_still_has_its_text_checked():
    def edit(d):
        prompt(d).pop("kind")
        prompt(d).update(text="")

    assert paths_of(changed(edit)) == ["rooms[0].prompts[0].kind", "rooms[0].prompts[0].text"]


def test_errors_come_in_file_order():
    def edit(d):
        d["rooms"][1].update(kind="plenary", prompts=[{"kind": "proposal", "text": ""}])

    assert paths_of(changed(edit)) == ["rooms[1].kind", "rooms[1].prompts[0].text"]


def test_control_characters_are_refused_but_prompt_text_may_have_line_breaks():
    assert paths_of(changed(lambda d: d["event"].update(title="Work\tshop"))) == ["event.title"]
    assert paths_of(changed(lambda d: prompt(d).update(text="A\x00B"))) == [
        "rooms[0].prompts[0].text"
    ]
    agenda = parse_agenda(changed(lambda d: prompt(d).update(text="Line one\nLine two")))
    assert agenda.rooms[0].prompts[0].text == "Line one\nLine two"


def test_null_means_left_out_for_optional_room_fields():
    room = {"name": "Side room", "kind": None, "code": None, "moderators": None, "prompts": None}
    agenda = parse_agenda(changed(lambda d: d["rooms"].append(room)))
    assert agenda.rooms[2] == RoomSpec("Side room", "breakout", None, (), ())


def test_the_example_in_the_docs_is_a_valid_agenda():
    docs = Path(__file__).resolve().parents[2] / "docs" / "agenda.md"
    example = docs.read_text(encoding="utf-8").split("```json\n", 1)[1].split("```", 1)[0]
    agenda = load_agenda_text(example)
    assert [room.kind for room in agenda.rooms] == ["plenary", "breakout"]


# --- the JSON text ---------------------------------------------------------------------------


def test_bad_json_reports_line_and_column():
    text = '{\n  "format": "facilitator-agenda/1",\n  "event": {"title": "T",}\n}'
    with pytest.raises(AgendaError) as info:
        load_agenda_text(text)
    assert (info.value.line, info.value.column) == (3, 26)
    assert str(info.value).startswith("line 3, column 26: invalid JSON")


def test_empty_text_is_bad_json():
    with pytest.raises(AgendaError) as info:
        load_agenda_text("")
    assert info.value.line == 1


def test_duplicate_json_keys_are_rejected():
    text = json.dumps(minimal())[:-1] + ', "rooms": []}'
    with pytest.raises(AgendaError, match="appears twice"):
        load_agenda_text(text)


def test_nan_is_not_json():
    text = json.dumps(minimal()).replace('"points": 5', '"points": NaN')
    with pytest.raises(AgendaError, match="NaN"):
        load_agenda_text(text)


def test_byte_order_mark_is_accepted():
    assert load_agenda_text("\ufeff" + json.dumps(minimal())) == parse_agenda(minimal())


# --- garbage in, AgendaError out ---------------------------------------------------------------

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
json_like = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=25,
)
KEYS = [
    "format",
    "event",
    "title",
    "subtitle",
    "constituencies",
    "rooms",
    "name",
    "kind",
    "code",
    "moderators",
    "prompts",
    "text",
    "points",
    "label_low",
    "label_high",
    "allow_no_opinion",
    "options",
    "rank_top",
    "moderation",
    "max_per_participant",
    "max_length",
]


def parses_or_agenda_error(data) -> None:
    try:
        result = parse_agenda(data)
    except AgendaError as exc:
        assert exc.errors
        assert all(isinstance(p, str) and isinstance(m, str) for p, m in exc.errors)
    else:
        assert isinstance(result, Agenda)
        assert parse_agenda(dump_agenda(result)) == result


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(json_like)
def test_random_json_values_only_ever_raise_agenda_error(data):
    parses_or_agenda_error(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_random_text_only_ever_raises_agenda_error(text):
    with contextlib.suppress(AgendaError):
        load_agenda_text(text)


def _nodes(value, path=()):
    """Every (path, node) inside a JSON value, the root included."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nodes(item, (*path, index))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_demo_agenda_only_ever_raises_agenda_error(data):
    agenda = json.loads(demo_text())
    for _ in range(data.draw(st.integers(1, 4), label="damages")):
        nodes = [(path, node) for path, node in _nodes(agenda) if path]
        path, _ = data.draw(st.sampled_from(nodes), label="where")
        parent = agenda
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "add key"]), label="action")
        if action == "replace" or (action == "delete" and isinstance(parent, list)):
            parent[path[-1]] = data.draw(json_like, label="value")
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(KEYS), label="key")] = data.draw(json_like)
    parses_or_agenda_error(copy.deepcopy(agenda))


# --- prompt families: one prompt put to several rooms ---------------------------------------


def _shared(family_a="info", family_b="info", **changes) -> dict:
    """An agenda whose two rooms each hold a copy of one position prompt."""
    data = minimal()
    prompt = {"kind": "position", "text": "Share more information.", "family": family_a}
    data["rooms"][0]["prompts"].append(prompt)
    data["rooms"][1]["prompts"].append({**prompt, "family": family_b, **changes})
    return data


def test_copies_of_one_prompt_in_two_rooms_share_their_family():
    agenda = parse_agenda(_shared())
    assert agenda.rooms[0].prompts[-1].family == "info"
    assert agenda.rooms[1].prompts[-1].family == "info"
    assert agenda.rooms[0].prompts[0].family is None


def test_a_family_survives_a_round_trip():
    agenda = parse_agenda(_shared())
    assert dump_agenda(agenda)["rooms"][1]["prompts"][0]["family"] == "info"
    assert parse_agenda(dump_agenda(agenda)) == agenda


def test_a_family_used_by_one_prompt_only_is_reported_as_a_likely_typo():
    errors = errors_of(_shared(family_b="inf0"))
    assert [path for path, _ in errors] == [
        "rooms[0].prompts[3].family",
        "rooms[1].prompts[0].family",
    ]
    assert all("used by this prompt only" in message for _, message in errors)


def test_copies_must_have_the_same_kind_text_and_settings():
    for changes in ({"text": "Share less."}, {"points": 7}):
        [(path, message)] = errors_of(_shared(**changes))
        assert path == "rooms[1].prompts[0].family"
        assert "rooms[0].prompts[3]" in message and "same kind, text and settings" in message


def test_a_family_appears_at_most_once_per_room():
    data = _shared()
    data["rooms"][0]["prompts"].append(dict(data["rooms"][0]["prompts"][-1]))
    [(path, message)] = errors_of(data)
    assert path == "rooms[0].prompts[4].family"
    assert "already used in this room" in message


@pytest.mark.parametrize("family", ["", "two words", "x" * 33, 7, ["info"], "ümlaut"])
def test_a_family_name_must_be_a_short_url_safe_word(family):
    errors = errors_of(_shared(family_a=family, family_b=family))
    assert ("rooms[0].prompts[3].family", errors[0][1]) == errors[0]
    assert "letters, digits" in errors[0][1]


def test_the_demo_breakouts_share_a_prompt_family():
    agenda = load_agenda_text(demo_text())
    families = {}
    for room in agenda.rooms:
        for prompt in room.prompts:
            if prompt.family:
                families.setdefault(prompt.family, []).append(room.name)
    breakouts = [room.name for room in agenda.rooms if room.kind == "breakout"]
    assert any(rooms == breakouts for rooms in families.values())


# --- translations ---------------------------------------------------------------------------


def _translated(index: int, translations) -> dict:
    data = minimal()
    data["rooms"][0]["prompts"][index]["translations"] = translations
    return data


def test_a_prompt_carries_its_text_options_and_labels_in_other_languages():
    data = _translated(0, {"fr": {"text": "Ça ira mieux.", "labels": ["Non", "Oui"]}})
    data["rooms"][0]["prompts"][1]["translations"] = {
        "ur": {"text": "پہلے کیا؟", "options": ["ایک", "دو"]}
    }
    prompts = parse_agenda(data).rooms[0].prompts
    assert prompts[0].translations == {"fr": {"text": "Ça ira mieux.", "labels": ["Non", "Oui"]}}
    assert prompts[1].translations == {"ur": {"text": "پہلے کیا؟", "options": ["ایک", "دو"]}}
    assert prompts[2].translations == {}


def test_translations_survive_a_round_trip():
    data = _translated(1, {"fr": {"text": "Lequel d\u2019abord ?", "options": ["Un", "Deux"]}})
    agenda = parse_agenda(data)
    assert parse_agenda(dump_agenda(agenda)) == agenda
    assert dump_agenda(agenda)["rooms"][0]["prompts"][1]["translations"]["fr"]["options"] == [
        "Un",
        "Deux",
    ]


def test_translated_options_must_match_the_original_options_in_number():
    errors = errors_of(_translated(1, {"fr": {"options": ["Un", "Deux", "Trois"]}}))
    assert errors == [
        (
            "rooms[0].prompts[1].translations.fr.options",
            "must have 2 entries, like the original, not 3",
        )
    ]


def test_translated_labels_are_exactly_the_two_ends_of_the_scale():
    assert paths_of(_translated(0, {"ur": {"labels": ["نہیں"]}})) == [
        "rooms[0].prompts[0].translations.ur.labels"
    ]
    assert paths_of(_translated(0, {"ur": {"labels": ["نہیں", ""]}})) == [
        "rooms[0].prompts[0].translations.ur.labels"
    ]


@pytest.mark.parametrize(
    ("index", "translations", "path"),
    [
        (0, {"de": {"text": "Besser."}}, "translations.de"),
        (0, {"fr": {"options": ["Un", "Deux"]}}, "translations.fr.options"),
        (2, {"fr": {"labels": ["a", "b"]}}, "translations.fr.labels"),
        (0, {"fr": "Mieux."}, "translations.fr"),
        (0, ["fr"], "translations"),
        (0, {"fr": {"text": 7}}, "translations.fr.text"),
        (0, {"fr": {"text": "x" * 501}}, "translations.fr.text"),
    ],
)
def test_a_wrong_translation_is_reported_at_its_path(index, translations, path):
    assert paths_of(_translated(index, translations)) == [f"rooms[0].prompts[{index}].{path}"]


def test_the_demo_plenary_is_translated_into_french_and_urdu():
    plenary = load_agenda_text(demo_text()).rooms[0]
    for prompt in plenary.prompts:
        assert set(prompt.translations) == {"fr", "ur"}
        assert prompt.translations["ur"]["text"]


def test_constituencies_and_rooms_carry_their_names_in_other_languages():
    data = minimal()
    data["event"]["constituencies"][1] = {
        "name": "Media",
        "translations": {"fr": "Médias", "ur": "ذرائع ابلاغ"},
    }
    data["rooms"][0]["translations"] = {"fr": "Plénière", "ur": "مکمل اجلاس", "fr ": None}
    del data["rooms"][0]["translations"]["fr "]
    agenda = parse_agenda(data)
    assert agenda.constituencies == ("NATO official", "Media")
    assert agenda.constituency_translations == {"Media": {"fr": "Médias", "ur": "ذرائع ابلاغ"}}
    assert agenda.rooms[0].translations == {"fr": "Plénière", "ur": "مکمل اجلاس"}
    assert agenda.rooms[1].translations == {}
    assert parse_agenda(dump_agenda(agenda)) == agenda


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (lambda d: d["rooms"][0].update(translations={"de": "Plenum"}), "rooms[0].translations.de"),
        (lambda d: d["rooms"][0].update(translations=["fr"]), "rooms[0].translations"),
        (lambda d: d["rooms"][0].update(translations={"fr": "x" * 81}), "rooms[0].translations.fr"),
        (
            lambda d: d["event"]["constituencies"].append({"name": "Academia", "colour": "red"}),
            "event.constituencies[2].colour",
        ),
        (
            lambda d: d["event"]["constituencies"].append({"translations": {"fr": "Université"}}),
            "event.constituencies[2].name",
        ),
        (
            lambda d: d["event"]["constituencies"].append(
                {"name": "Academia", "translations": {"ur": 7}}
            ),
            "event.constituencies[2].translations.ur",
        ),
    ],
)
def test_a_wrong_name_translation_is_reported_at_its_path(edit, path):
    data = minimal()
    edit(data)
    assert paths_of(data) == [path]


def test_the_demo_names_every_group_and_room_in_french_and_urdu():
    agenda = load_agenda_text(demo_text())
    for name in agenda.constituencies:
        assert set(agenda.constituency_translations[name]) == {"fr", "ur"}
    for room in agenda.rooms:
        assert set(room.translations) == {"fr", "ur"}
