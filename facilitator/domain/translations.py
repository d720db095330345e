"""A prompt's translations: its text, options and scale labels in other languages.

Stored as Prompt.translations = {"fr": {"text": ..., "options": [...], "labels": [low, high]}}.
Every field is optional; a phone or projector falls back to the original per field. A list
must match the original: as many options as the prompt has, and exactly two labels.
"""

import unicodedata

from facilitator.domain.errors import ValidationError
from facilitator.domain.kinds import LABEL_MAX_LENGTH, OPTION_MAX_LENGTH
from facilitator.domain.text import clean_text

LANGUAGES = ("en", "fr", "ur")
TEXT_MAX_LENGTH = 500
FIELDS = {"position": ("text", "labels"), "priority": ("text", "options"), "proposal": ("text",)}


def validate_translations(kind: str, settings: dict, value) -> dict:
    """The normalised translations of a prompt of this kind and settings; raises ValidationError.

    The error's field is a dotted path inside the translations, e.g. "fr.options".
    Empty texts and empty languages are dropped.
    """
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValidationError("", "must be an object of languages", code="invalid_type")
    result = {}
    for lang, entry in value.items():
        if lang not in LANGUAGES:
            raise ValidationError(
                str(lang), f"is not a language; use {', '.join(LANGUAGES)}", code="unknown_language"
            )
        clean = _entry(kind, settings, lang, entry)
        if clean:
            result[lang] = clean
    return result


def _entry(kind: str, settings: dict, lang: str, entry) -> dict:
    if not isinstance(entry, dict):
        raise ValidationError(
            lang, "must be an object with text, options or labels", "invalid_type"
        )
    allowed = FIELDS.get(kind, ("text",))
    for key in entry:
        if key not in allowed:
            raise ValidationError(
                f"{lang}.{key}",
                f"is not translatable in a {kind} prompt; use {', '.join(allowed)}",
                code="unknown_field",
            )
    clean: dict = {}
    text = entry.get("text")
    if text is not None:
        text = _text(f"{lang}.text", text, TEXT_MAX_LENGTH, multiline=True)
        if text:
            clean["text"] = text
    if entry.get("options") is not None:
        options = _list(f"{lang}.options", entry["options"], len(settings.get("options") or []))
        options = [_text(f"{lang}.options", item, OPTION_MAX_LENGTH) for item in options]
        if any(options):
            if not all(options):
                raise ValidationError(
                    f"{lang}.options", "must translate every option, or none", code="empty"
                )
            clean["options"] = options
    if entry.get("labels") is not None:
        labels = _list(f"{lang}.labels", entry["labels"], 2)
        labels = [_text(f"{lang}.labels", item, LABEL_MAX_LENGTH) for item in labels]
        if any(labels):
            if not all(labels):
                raise ValidationError(
                    f"{lang}.labels", "must translate both ends of the scale, or neither", "empty"
                )
            clean["labels"] = labels
    return clean


def _list(field: str, value, expected: int) -> list:
    if not isinstance(value, list | tuple):
        raise ValidationError(field, "must be a list of texts", code="invalid_type")
    if len(value) != expected:
        raise ValidationError(
            field,
            f"must have {expected} entries, like the original, not {len(value)}",
            "wrong_count",
        )
    return list(value)


def _text(field: str, value, max_length: int, multiline: bool = False) -> str:
    """value stripped ('' when blank), at most max_length characters, no control characters."""
    if not isinstance(value, str):
        raise ValidationError(field, "must be a text", code="invalid_type")
    value = clean_text(value).strip()
    if len(value) > max_length:
        raise ValidationError(field, f"must be at most {max_length} characters", code="too_long")
    allowed = {"\n"} if multiline else set()
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value):
        raise ValidationError(field, "must not contain control characters", code="control_chars")
    return value
