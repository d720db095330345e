"""Registry of prompt kinds: settings validation, answer validation and summaries per kind.

Validation is strict: a bool is not an int, 3.0 is not an int, strings are stripped, unknown
settings keys are rejected. Every error is a ValidationError naming the settings key (or "value"
for an answer) and a stable code.
"""

import unicodedata

from facilitator.domain.errors import ValidationError
from facilitator.domain.position import ALLOWED_POINTS, summarize_position
from facilitator.domain.priority import MAX_OPTIONS, MIN_OPTIONS, summarize_priority
from facilitator.domain.proposal import validate_text
from facilitator.domain.text import clean_text

LABEL_MAX_LENGTH = 60
OPTION_MAX_LENGTH = 200


class PromptKind:
    """Base of the prompt kinds; subclasses fill in defaults and the three operations."""

    name: str = ""
    defaults: dict = {}

    def validate_settings(self, settings: dict) -> dict:
        """Normalised settings with every key present; raises ValidationError."""
        raise NotImplementedError

    def validate_answer(self, settings: dict, value) -> object:
        """The normalised answer value under normalised settings; raises ValidationError."""
        raise NotImplementedError

    def summarize(self, settings: dict, values: list) -> dict:
        """Plain JSON-able aggregate of validated answer values."""
        raise NotImplementedError

    def _merge(self, settings: dict) -> dict:
        """Defaults overlaid with the given settings, after rejecting non-dicts and unknown keys."""
        if not isinstance(settings, dict):
            raise ValidationError("settings", "must be an object", code="invalid_type")
        for key in settings:
            if key not in self.defaults:
                raise ValidationError(str(key), "is not a setting of this kind", "unknown_setting")
        return {**self.defaults, **settings}


class Position(PromptKind):
    """A statement answered on a 5- or 7-point scale, optionally with "no opinion" (None)."""

    name = "position"
    defaults = {
        "points": 5,
        "label_low": "Strongly disagree",
        "label_high": "Strongly agree",
        "allow_no_opinion": True,
    }

    def validate_settings(self, settings: dict) -> dict:
        """Normalised position settings: points, label_low, label_high, allow_no_opinion."""
        merged = self._merge(settings)
        points = _int("points", merged["points"])
        if points not in ALLOWED_POINTS:
            raise ValidationError("points", "must be 5 or 7", code="invalid_choice")
        return {
            "points": points,
            "label_low": _line("label_low", merged["label_low"], LABEL_MAX_LENGTH),
            "label_high": _line("label_high", merged["label_high"], LABEL_MAX_LENGTH),
            "allow_no_opinion": _bool("allow_no_opinion", merged["allow_no_opinion"]),
        }

    def validate_answer(self, settings: dict, value) -> int | None:
        """An int in 1..points, or None for "no opinion" when the prompt allows it."""
        if value is None:
            if not settings["allow_no_opinion"]:
                raise ValidationError(
                    "value", "this prompt needs a position", code="no_opinion_not_allowed"
                )
            return None
        return _int("value", value, 1, settings["points"])

    def summarize(self, settings: dict, values: list) -> dict:
        """See position.summarize_position."""
        return summarize_position(settings["points"], values)


class Priority(PromptKind):
    """Options ranked: all of them (rank_top None) or exactly the top rank_top."""

    name = "priority"
    defaults = {"options": None, "rank_top": None}

    def validate_settings(self, settings: dict) -> dict:
        """Normalised priority settings: options (2..12 distinct texts) and rank_top."""
        merged = self._merge(settings)
        options = merged["options"]
        if options is None:
            raise ValidationError("options", "is required", code="required")
        if not isinstance(options, list | tuple):
            raise ValidationError("options", "must be a list of texts", code="invalid_type")
        if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            raise ValidationError(
                "options", f"must have {MIN_OPTIONS} to {MAX_OPTIONS} options", code="wrong_count"
            )
        options = [_line("options", option, OPTION_MAX_LENGTH) for option in options]
        if len({option.casefold() for option in options}) != len(options):
            raise ValidationError("options", "must all differ", code="duplicate_option")
        rank_top = merged["rank_top"]
        if rank_top is not None:
            rank_top = _int("rank_top", rank_top, 1, len(options) - 1)
        return {"options": options, "rank_top": rank_top}

    def validate_answer(self, settings: dict, value) -> list[int]:
        """A list of distinct 0-based option indices, of length rank_top or all options."""
        count = len(settings["options"])
        if not isinstance(value, list | tuple):
            raise ValidationError("value", "must be a list of option indices", code="invalid_type")
        for option in value:
            if type(option) is not int:
                raise ValidationError("value", "option indices must be ints", code="invalid_type")
            if not 0 <= option < count:
                raise ValidationError("value", f"no option {option}", code="unknown_option")
        if len(set(value)) != len(value):
            raise ValidationError("value", "ranks an option twice", code="duplicate_option")
        expected = count if settings["rank_top"] is None else settings["rank_top"]
        if len(value) != expected:
            raise ValidationError(
                "value", f"must rank exactly {expected} options", code="wrong_length"
            )
        return list(value)

    def summarize(self, settings: dict, values: list) -> dict:
        """See priority.summarize_priority."""
        return summarize_priority(len(settings["options"]), values)


class Proposal(PromptKind):
    """Participants submit short texts and endorse each other's (see proposal.py)."""

    name = "proposal"
    defaults = {"moderation": "pre", "max_per_participant": 3, "max_length": 280}

    def validate_settings(self, settings: dict) -> dict:
        """Normalised proposal settings: moderation, max_per_participant, max_length."""
        merged = self._merge(settings)
        moderation = merged["moderation"]
        if not isinstance(moderation, str):
            raise ValidationError("moderation", "must be pre or post", code="invalid_type")
        moderation = moderation.strip()
        if moderation not in ("pre", "post"):
            raise ValidationError("moderation", "must be pre or post", code="invalid_choice")
        return {
            "moderation": moderation,
            "max_per_participant": _int(
                "max_per_participant", merged["max_per_participant"], 1, 10
            ),
            "max_length": _int("max_length", merged["max_length"], 20, 1000),
        }

    def validate_answer(self, settings: dict, value) -> str:
        """A proposal text: stripped, non-empty, at most max_length chars, no control chars."""
        return validate_text(value, settings["max_length"])

    def summarize(self, settings: dict, values: list) -> dict:
        """Only the number of proposal texts; ranking is proposal.summarize_proposals."""
        return {"n": len(values)}


KINDS: dict[str, PromptKind] = {kind.name: kind for kind in (Position(), Priority(), Proposal())}


def get_kind(name: str) -> PromptKind:
    """The prompt kind called name; ValidationError(code="invalid_kind") otherwise."""
    if not isinstance(name, str) or name not in KINDS:
        raise ValidationError(
            "kind", "must be one of position, priority, proposal", code="invalid_kind"
        )
    return KINDS[name]


def _int(field: str, value, low: int | None = None, high: int | None = None) -> int:
    """value if it is an int (not a bool, not a float) within low..high."""
    if type(value) is not int:
        raise ValidationError(field, "must be a whole number", code="invalid_type")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValidationError(field, f"must be between {low} and {high}", code="out_of_range")
    return value


def _bool(field: str, value) -> bool:
    """value if it is a bool."""
    if type(value) is not bool:
        raise ValidationError(field, "must be true or false", code="invalid_type")
    return value


def _line(field: str, value, max_length: int) -> str:
    """value stripped: a non-empty one-line text of at most max_length chars."""
    if not isinstance(value, str):
        raise ValidationError(field, "must be a text", code="invalid_type")
    value = clean_text(value).strip()
    if not value:
        raise ValidationError(field, "must not be empty", code="empty")
    if len(value) > max_length:
        raise ValidationError(field, f"must be at most {max_length} characters", code="too_long")
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValidationError(field, "must not contain control characters", code="control_chars")
    return value
