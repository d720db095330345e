"""Settings and answer validation of the prompt kinds."""

import pytest

from facilitator.domain.errors import ValidationError
from facilitator.domain.kinds import KINDS, Position, Priority, PromptKind, Proposal, get_kind

POSITION = KINDS["position"]
PRIORITY = KINDS["priority"]
PROPOSAL = KINDS["proposal"]
OPTIONS = ["Hotline", "Joint exercise", "Exchange programme"]


def refused(call, *args):
    """The ValidationError raised by call(*args)."""
    with pytest.raises(ValidationError) as info:
        call(*args)
    return info.value


def test_registry_holds_the_three_kinds_by_name():
    assert set(KINDS) == {"position", "priority", "proposal"}
    assert isinstance(get_kind("position"), Position)
    assert isinstance(get_kind("priority"), Priority)
    assert isinstance(get_kind("proposal"), Proposal)
    assert all(isinstance(kind, PromptKind) and kind.name == name for name, kind in KINDS.items())


@pytest.mark.parametrize("name", ["poll", "Position", "", None, 1])
def test_unknown_kind_names_are_invalid_kind(name):
    error = refused(get_kind, name)
    assert (error.field, error.code) == ("kind", "invalid_kind")


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=list(KINDS))
@pytest.mark.parametrize("settings", [None, [], "points=5"])
def test_settings_must_be_a_dict(kind, settings):
    assert refused(kind.validate_settings, settings).code == "invalid_type"


@pytest.mark.parametrize(
    ("kind", "settings"),
    [
        (POSITION, {"color": "red"}),
        (PRIORITY, {"options": OPTIONS, "shuffle": True}),
        (PROPOSAL, {"max_len": 100}),
    ],
)
def test_unknown_settings_keys_are_rejected_by_name(kind, settings):
    error = refused(kind.validate_settings, settings)
    assert error.code == "unknown_setting"
    assert error.field in {"color", "shuffle", "max_len"}


# --- position -------------------------------------------------------------------------------


def test_position_defaults_fill_every_key():
    assert POSITION.validate_settings({}) == {
        "points": 5,
        "label_low": "Strongly disagree",
        "label_high": "Strongly agree",
        "allow_no_opinion": True,
    }


def test_position_settings_are_normalised_and_idempotent():
    settings = POSITION.validate_settings(
        {"points": 7, "label_low": "  Not at all ", "allow_no_opinion": False}
    )
    assert settings["points"] == 7
    assert settings["label_low"] == "Not at all"
    assert settings["label_high"] == "Strongly agree"
    assert POSITION.validate_settings(settings) == settings


@pytest.mark.parametrize(
    ("settings", "field", "code"),
    [
        ({"points": 6}, "points", "invalid_choice"),
        ({"points": 3}, "points", "invalid_choice"),
        ({"points": True}, "points", "invalid_type"),
        ({"points": 5.0}, "points", "invalid_type"),
        ({"points": "5"}, "points", "invalid_type"),
        ({"points": None}, "points", "invalid_type"),
        ({"label_low": ""}, "label_low", "empty"),
        ({"label_low": "   "}, "label_low", "empty"),
        ({"label_low": "x" * 61}, "label_low", "too_long"),
        ({"label_high": 5}, "label_high", "invalid_type"),
        ({"label_high": "agree\nfully"}, "label_high", "control_chars"),
        ({"allow_no_opinion": 1}, "allow_no_opinion", "invalid_type"),
        ({"allow_no_opinion": "true"}, "allow_no_opinion", "invalid_type"),
        ({"allow_no_opinion": None}, "allow_no_opinion", "invalid_type"),
    ],
)
def test_bad_position_settings_name_their_key(settings, field, code):
    error = refused(POSITION.validate_settings, settings)
    assert (error.field, error.code) == (field, code)


def test_label_of_exactly_sixty_characters_is_accepted():
    assert POSITION.validate_settings({"label_high": "x" * 60})["label_high"] == "x" * 60


@pytest.mark.parametrize("value", [1, 3, 5])
def test_position_answers_within_the_scale_are_accepted(value):
    settings = POSITION.validate_settings({})
    assert POSITION.validate_answer(settings, value) == value


def test_seven_point_scale_accepts_seven():
    settings = POSITION.validate_settings({"points": 7})
    assert POSITION.validate_answer(settings, 7) == 7


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0, "out_of_range"),
        (6, "out_of_range"),
        (-1, "out_of_range"),
        (True, "invalid_type"),
        (3.0, "invalid_type"),
        ("3", "invalid_type"),
        ([3], "invalid_type"),
    ],
)
def test_bad_position_answers_are_refused(value, code):
    error = refused(POSITION.validate_answer, POSITION.validate_settings({}), value)
    assert (error.field, error.code) == ("value", code)


def test_no_opinion_is_accepted_when_allowed():
    assert POSITION.validate_answer(POSITION.validate_settings({}), None) is None


def test_no_opinion_is_refused_when_not_allowed():
    settings = POSITION.validate_settings({"allow_no_opinion": False})
    error = refused(POSITION.validate_answer, settings, None)
    assert (error.field, error.code) == ("value", "no_opinion_not_allowed")


def test_position_summary_uses_the_settings_scale():
    settings = POSITION.validate_settings({"points": 7})
    assert POSITION.summarize(settings, [7, None])["counts"] == [0, 0, 0, 0, 0, 0, 1]


# --- priority -------------------------------------------------------------------------------


def test_priority_options_are_stripped_and_rank_top_defaults_to_all():
    settings = PRIORITY.validate_settings({"options": ["  Hotline ", "Joint exercise"]})
    assert settings == {"options": ["Hotline", "Joint exercise"], "rank_top": None}
    assert PRIORITY.validate_settings(settings) == settings


def test_priority_accepts_twelve_options_and_a_rank_top():
    options = [f"Option {i}" for i in range(12)]
    settings = PRIORITY.validate_settings({"options": options, "rank_top": 3})
    assert settings["rank_top"] == 3


@pytest.mark.parametrize(
    ("settings", "field", "code"),
    [
        ({}, "options", "required"),
        ({"options": None}, "options", "required"),
        ({"options": "a,b"}, "options", "invalid_type"),
        ({"options": ["only one"]}, "options", "wrong_count"),
        ({"options": [f"o{i}" for i in range(13)]}, "options", "wrong_count"),
        ({"options": ["a", 2]}, "options", "invalid_type"),
        ({"options": ["a", True]}, "options", "invalid_type"),
        ({"options": ["a", "  "]}, "options", "empty"),
        ({"options": ["a", "x" * 201]}, "options", "too_long"),
        ({"options": ["Hotline", "hotline "]}, "options", "duplicate_option"),
        ({"options": OPTIONS, "rank_top": 0}, "rank_top", "out_of_range"),
        ({"options": OPTIONS, "rank_top": 3}, "rank_top", "out_of_range"),
        ({"options": OPTIONS, "rank_top": 2.0}, "rank_top", "invalid_type"),
        ({"options": OPTIONS, "rank_top": True}, "rank_top", "invalid_type"),
        ({"options": OPTIONS, "rank_top": "2"}, "rank_top", "invalid_type"),
    ],
)
def test_bad_priority_settings_name_their_key(settings, field, code):
    error = refused(PRIORITY.validate_settings, settings)
    assert (error.field, error.code) == (field, code)


def test_option_of_exactly_two_hundred_characters_is_accepted():
    settings = PRIORITY.validate_settings({"options": ["x" * 200, "y"]})
    assert settings["options"][0] == "x" * 200


def test_full_ranking_is_accepted_and_returned_as_a_list():
    settings = PRIORITY.validate_settings({"options": OPTIONS})
    assert PRIORITY.validate_answer(settings, [2, 0, 1]) == [2, 0, 1]
    assert PRIORITY.validate_answer(settings, (1, 2, 0)) == [1, 2, 0]


def test_top_k_ranking_must_have_exactly_k_options():
    settings = PRIORITY.validate_settings({"options": OPTIONS, "rank_top": 2})
    assert PRIORITY.validate_answer(settings, [2, 0]) == [2, 0]
    assert refused(PRIORITY.validate_answer, settings, [2]).code == "wrong_length"
    assert refused(PRIORITY.validate_answer, settings, [2, 0, 1]).code == "wrong_length"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ([0, 1], "wrong_length"),
        ([0, 1, 2, 0], "duplicate_option"),
        ([0, 0, 1], "duplicate_option"),
        ([0, 1, 3], "unknown_option"),
        ([0, 1, -1], "unknown_option"),
        ([0, 1, True], "invalid_type"),
        ([0, 1, 2.0], "invalid_type"),
        ([0, 1, "2"], "invalid_type"),
        ("012", "invalid_type"),
        (None, "invalid_type"),
        (2, "invalid_type"),
    ],
)
def test_bad_rankings_are_refused(value, code):
    settings = PRIORITY.validate_settings({"options": OPTIONS})
    error = refused(PRIORITY.validate_answer, settings, value)
    assert (error.field, error.code) == ("value", code)


def test_priority_summary_uses_the_option_count():
    settings = PRIORITY.validate_settings({"options": OPTIONS})
    summary = PRIORITY.summarize(settings, [[2, 0, 1]])
    assert [o["borda"] for o in summary["options"]] == [1, 0, 2]


# --- proposal -------------------------------------------------------------------------------


def test_proposal_defaults_fill_every_key():
    assert PROPOSAL.validate_settings({}) == {
        "moderation": "pre",
        "max_per_participant": 3,
        "max_length": 280,
    }


def test_proposal_settings_accept_the_range_ends():
    settings = PROPOSAL.validate_settings(
        {"moderation": " post ", "max_per_participant": 10, "max_length": 20}
    )
    assert settings == {"moderation": "post", "max_per_participant": 10, "max_length": 20}
    assert PROPOSAL.validate_settings({"max_per_participant": 1, "max_length": 1000})


@pytest.mark.parametrize(
    ("settings", "field", "code"),
    [
        ({"moderation": "none"}, "moderation", "invalid_choice"),
        ({"moderation": "PRE"}, "moderation", "invalid_choice"),
        ({"moderation": None}, "moderation", "invalid_type"),
        ({"moderation": True}, "moderation", "invalid_type"),
        ({"max_per_participant": 0}, "max_per_participant", "out_of_range"),
        ({"max_per_participant": 11}, "max_per_participant", "out_of_range"),
        ({"max_per_participant": True}, "max_per_participant", "invalid_type"),
        ({"max_per_participant": 3.0}, "max_per_participant", "invalid_type"),
        ({"max_per_participant": "3"}, "max_per_participant", "invalid_type"),
        ({"max_length": 19}, "max_length", "out_of_range"),
        ({"max_length": 1001}, "max_length", "out_of_range"),
        ({"max_length": 280.0}, "max_length", "invalid_type"),
        ({"max_length": False}, "max_length", "invalid_type"),
    ],
)
def test_bad_proposal_settings_name_their_key(settings, field, code):
    error = refused(PROPOSAL.validate_settings, settings)
    assert (error.field, error.code) == (field, code)


def test_proposal_answer_is_validated_text_within_max_length():
    settings = PROPOSAL.validate_settings({"max_length": 20})
    assert PROPOSAL.validate_answer(settings, "  Shared hotline  ") == "Shared hotline"
    assert refused(PROPOSAL.validate_answer, settings, "x" * 21).code == "too_long"
    assert refused(PROPOSAL.validate_answer, settings, " ").code == "empty"
    assert refused(PROPOSAL.validate_answer, settings, 5).code == "invalid_type"
    assert refused(PROPOSAL.validate_answer, settings, "a\x00b").code == "control_chars"


def test_proposal_summary_counts_texts():
    assert PROPOSAL.summarize(PROPOSAL.validate_settings({}), ["a", "b"]) == {"n": 2}
