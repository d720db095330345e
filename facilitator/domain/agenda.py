"""Agenda files: the JSON form of an event's constituencies, rooms and prompts (docs/agenda.md).

Pure Python. `load_agenda_text` decodes a file, `parse_agenda` checks the decoded value and builds
frozen dataclasses, `dump_agenda` turns them back into the JSON form. Every problem found is
reported at once in one `AgendaError`, each with the path of the offending value.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from facilitator.domain import kinds
from facilitator.domain.errors import ValidationError
from facilitator.domain.pacing import validate_pacing
from facilitator.domain.text import clean_text
from facilitator.domain.translations import validate_translations

FORMAT = "facilitator-agenda/1"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
PREFER_NOT_TO_SAY = "Prefer not to say"
ROOM_KINDS = ("plenary", "breakout")
DEFAULT_ROOM_KIND = "breakout"

TITLE_MAX = 200
SUBTITLE_MAX = 300
CONSTITUENCY_MAX = 60
CONSTITUENCIES_MAX = 12
ROOMS_MAX = 20
ROOM_NAME_MAX = 80
USERNAME_MAX = 80
PROMPTS_MAX = 50
PROMPT_TEXT_MAX = 500
ERRORS_SHOWN = 50  # an agenda with more errors lists the first 50 and says how many more

TOP_KEYS = ("format", "event", "rooms")
EVENT_KEYS = ("title", "subtitle", "constituencies")
ROOM_KEYS = ("name", "kind", "code", "moderators", "prompts", "translations")
CONSTITUENCY_KEYS = ("name", "translations")
NAME_LANGUAGES = ("fr", "ur")  # a name's translations: the original is the English one
PAIRING_KEYS = ("ref", "repeats")  # a trust barometer: a position prompt repeats an earlier one
PACING_KEYS = ("countdown", "auto_close")
REF_RE = re.compile(r"[A-Za-z0-9_-]{1,32}")
SCALE_KEYS = ("points", "label_low", "label_high")  # a repeated statement keeps its scale
PROMPT_KEYS = ("kind", "text", "family", "translations", *PAIRING_KEYS, *PACING_KEYS)
FAMILY_RE = re.compile(r"[A-Za-z0-9_-]{1,32}")
ROOT = "(top level)"


class AgendaError(ValueError):
    """An agenda that cannot be used; `errors` lists the first ERRORS_SHOWN (path, message)."""

    def __init__(
        self,
        errors: list[tuple[str, str]],
        line: int | None = None,
        column: int | None = None,
        more: int = 0,
    ):
        errors = list(errors)
        self.total = len(errors) + more  # every error found, listed or not
        more += max(0, len(errors) - ERRORS_SHOWN)
        errors = errors[:ERRORS_SHOWN]
        if more:
            errors.append((ROOT, f"and {more} more errors not listed: fix these first"))
        self.errors = errors
        self.line = line
        self.column = column
        super().__init__("\n".join(f"{path}: {message}" for path, message in self.errors))

    def as_list(self) -> list[dict]:
        """The errors as plain data for a JSON answer."""
        return [{"path": path, "message": message} for path, message in self.errors]


@dataclass(frozen=True)
class PromptSpec:
    """One prompt of a room's agenda, with the kind's normalised settings."""

    kind: str
    text: str
    settings: dict
    # Copies of one prompt in several rooms share a family name (the roll-up compares them).
    family: str | None = None
    # A name other prompts may use; `repeats` names an earlier position prompt (pre/post pair).
    ref: str | None = None
    repeats: str | None = None
    # Pacing: a countdown in seconds, and whether the prompt closes itself when it ends.
    countdown: int | None = None
    auto_close: bool = False
    # The text, options or scale labels in other languages: {"fr": {"text": ...}, "ur": ...}.
    translations: dict = field(default_factory=dict)
    # Where the prompt is in its file ("rooms[0].prompts[3]"), for errors found across prompts.
    source: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class RoomSpec:
    """One room of an agenda: a plenary or breakout with its moderators and prompts."""

    name: str
    kind: str
    code: str | None
    moderators: tuple[str, ...]
    prompts: tuple[PromptSpec, ...]
    # The room's name in other languages: {"fr": ..., "ur": ...}.
    translations: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Agenda:
    """A whole event as described by an agenda file."""

    title: str
    subtitle: str | None
    constituencies: tuple[str, ...]
    rooms: tuple[RoomSpec, ...]
    # Each constituency's name in other languages: {name: {"fr": ..., "ur": ...}}.
    constituency_translations: dict = field(default_factory=dict)


def load_agenda_text(text: str) -> Agenda:
    """Decode an agenda file's JSON text and parse it; bad JSON is reported with line and column."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise AgendaError([(ROOT, f"the file is not UTF-8 text ({exc.reason})")]) from None
    if not isinstance(text, str):
        raise AgendaError([(ROOT, "the agenda must be JSON text")])
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(
            text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise AgendaError([(where, f"invalid JSON: {exc.msg}")], exc.lineno, exc.colno) from None
    except _DuplicateKey as exc:
        message = f"invalid JSON: the key {_show(exc.key)} appears twice in one object"
        raise AgendaError([(ROOT, message)]) from None
    except _BadConstant as exc:
        raise AgendaError([(ROOT, f"invalid JSON: {exc.name} is not a JSON number")]) from None
    except RecursionError:
        raise AgendaError([(ROOT, "invalid JSON: nested too deeply")]) from None
    return parse_agenda(data)


def parse_agenda(data: Any) -> Agenda:
    """Check a decoded agenda and build an Agenda, or raise AgendaError listing every problem."""
    errors = _Errors()
    if not isinstance(data, dict):
        errors.add(ROOT, f"must be a JSON object, not {_type_name(data)}")
        raise AgendaError(errors.items, more=errors.more)
    errors.unknown_keys(data, TOP_KEYS, "")
    if "format" not in data:
        errors.add("format", f'is required and must be "{FORMAT}"')
    elif data["format"] != FORMAT:
        errors.add("format", f'must be "{FORMAT}", not {_show(data["format"])}')
    event = _parse_event(data, errors)
    rooms = _parse_rooms(data, errors)
    _check_families(rooms, errors)
    _check_repeats(rooms, errors, _refs_in(data))
    if errors.items:
        raise AgendaError(errors.items, more=errors.more)
    title, subtitle, constituencies, names = event
    return Agenda(title, subtitle, constituencies, rooms, names)


def dump_agenda(agenda: Agenda) -> dict:
    """The JSON form of an agenda; parse_agenda(dump_agenda(a)) == a."""
    event: dict[str, Any] = {"title": agenda.title}
    if agenda.subtitle is not None:
        event["subtitle"] = agenda.subtitle
    event["constituencies"] = [
        {"name": name, "translations": agenda.constituency_translations[name]}
        if agenda.constituency_translations.get(name)
        else name
        for name in agenda.constituencies
    ]
    rooms = []
    for room in agenda.rooms:
        item: dict[str, Any] = {"name": room.name, "kind": room.kind}
        if room.translations:
            item["translations"] = room.translations
        if room.code is not None:
            item["code"] = room.code
        item["moderators"] = list(room.moderators)
        item["prompts"] = [
            {
                "kind": prompt.kind,
                "text": prompt.text,
                **({"family": prompt.family} if prompt.family else {}),
                **_pairing_and_pacing(prompt),
                **({"translations": prompt.translations} if prompt.translations else {}),
                **_plain(prompt.settings),
            }
            for prompt in room.prompts
        ]
        rooms.append(item)
    return {"format": FORMAT, "event": event, "rooms": rooms}


# --- the event ------------------------------------------------------------------------------


def _parse_event(data: dict, errors: _Errors) -> tuple[str, str | None, tuple[str, ...], dict]:
    event = data.get("event")
    if event is None:
        errors.add("event", "is required (an object with title and constituencies)")
        return "", None, (), {}
    if not isinstance(event, dict):
        errors.add("event", f"must be an object, not {_type_name(event)}")
        return "", None, (), {}
    errors.unknown_keys(event, EVENT_KEYS, "event")
    title = errors.text(event, "title", "event", TITLE_MAX)
    subtitle = errors.text(event, "subtitle", "event", SUBTITLE_MAX, required=False, empty_ok=True)
    constituencies, translations = _parse_constituencies(event, errors)
    return title or "", subtitle or None, constituencies, translations


def _parse_name_translations(value: Any, path: str, limit: int, errors: _Errors) -> dict:
    """A name's translations {"fr": ..., "ur": ...}; blank ones dropped, each checked as a name."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.add(path, f"must be an object of languages (fr, ur), not {_type_name(value)}")
        return {}
    result = {}
    for lang, text in value.items():
        if lang not in NAME_LANGUAGES:
            message = f"is not a language; use {', '.join(NAME_LANGUAGES)}"
            errors.add(_join(path, str(lang)), message)
            continue
        clean = errors.check_text(text, _join(path, lang), limit, empty_ok=True)
        if clean:
            result[lang] = clean
    return result


def _parse_constituency(value: Any, path: str, errors: _Errors) -> tuple[str | None, dict]:
    """A constituency given as its name, or as {"name": ..., "translations": {...}}."""
    if not isinstance(value, dict):
        return errors.check_text(value, path, CONSTITUENCY_MAX), {}
    errors.unknown_keys(value, CONSTITUENCY_KEYS, path)
    name = errors.text(value, "name", path, CONSTITUENCY_MAX)
    translations = _parse_name_translations(
        value.get("translations"), f"{path}.translations", CONSTITUENCY_MAX, errors
    )
    return name, translations


def _parse_constituencies(event: dict, errors: _Errors) -> tuple[tuple[str, ...], dict]:
    items = errors.list_of(event, "constituencies", "event", 1, CONSTITUENCIES_MAX)
    names: list[str] = []
    translations: dict[str, dict] = {}
    seen: set[str] = set()
    for i, value in enumerate(items):
        path = f"event.constituencies[{i}]"
        name, names_in = _parse_constituency(value, path, errors)
        if name is None:
            continue
        folded = name.casefold()
        if folded == PREFER_NOT_TO_SAY.casefold():
            errors.add(
                path,
                f'"{PREFER_NOT_TO_SAY}" is added to every event automatically; '
                "remove it from the list",
            )
        elif folded in seen:
            errors.add(path, f"{_show(name)} is listed twice")
        else:
            seen.add(folded)
            names.append(name)
            if names_in:
                translations[name] = names_in
    return tuple(names), translations


# --- rooms ----------------------------------------------------------------------------------


def _parse_rooms(data: dict, errors: _Errors) -> tuple[RoomSpec, ...]:
    items = errors.list_of(data, "rooms", "", 1, ROOMS_MAX)
    seen = _RoomsSeen(errors)
    rooms = (_parse_room(value, f"rooms[{i}]", i, errors, seen) for i, value in enumerate(items))
    return tuple(room for room in rooms if room is not None)


class _RoomsSeen:
    """What the earlier rooms used: names, codes and the plenary must not repeat."""

    def __init__(self, errors: _Errors) -> None:
        self.errors = errors
        self.names: dict[str, int] = {}
        self.codes: dict[str, int] = {}
        self.plenary: int | None = None

    def name(self, name: str, index: int, path: str) -> None:
        folded = name.casefold()
        if folded in self.names:
            message = f"{_show(name)} is already used by rooms[{self.names[folded]}]"
            self.errors.add(f"{path}.name", message)
        else:
            self.names[folded] = index

    def code(self, code: str, index: int, path: str) -> None:
        if code in self.codes:
            self.errors.add(f"{path}.code", f"{code} is already used by rooms[{self.codes[code]}]")
        else:
            self.codes[code] = index

    def plenary_room(self, index: int, path: str) -> None:
        if self.plenary is not None:
            message = f"an event has at most one plenary; rooms[{self.plenary}] is already one"
            self.errors.add(f"{path}.kind", message)
        else:
            self.plenary = index


def _parse_room(
    value: Any, path: str, index: int, errors: _Errors, seen: _RoomsSeen
) -> RoomSpec | None:
    if not isinstance(value, dict):
        errors.add(path, f"must be an object, not {_type_name(value)}")
        return None
    errors.unknown_keys(value, ROOM_KEYS, path)
    name = errors.text(value, "name", path, ROOM_NAME_MAX) or ""
    if name:
        seen.name(name, index, path)
    kind = DEFAULT_ROOM_KIND
    if value.get("kind") is not None:
        if value["kind"] in ROOM_KINDS:
            kind = value["kind"]
        else:
            errors.add(
                f"{path}.kind", f'must be "plenary" or "breakout", not {_show(value["kind"])}'
            )
    if kind == "plenary":
        seen.plenary_room(index, path)
    code = _parse_code(value, path, errors)
    if code is not None:
        seen.code(code, index, path)
    moderators = _parse_moderators(value, path, errors)
    prompts = []
    for j, item in enumerate(
        errors.list_of(value, "prompts", path, 0, PROMPTS_MAX, required=False)
    ):
        prompt = _parse_prompt(item, f"{path}.prompts[{j}]", errors)
        if prompt is not None:
            prompts.append(prompt)
    translations = _parse_name_translations(
        value.get("translations"), f"{path}.translations", ROOM_NAME_MAX, errors
    )
    return RoomSpec(name, kind, code, moderators, tuple(prompts), translations)


def _parse_code(room: dict, path: str, errors: _Errors) -> str | None:
    if room.get("code") is None:
        return None
    value = room["code"]
    if not isinstance(value, str):
        errors.add(f"{path}.code", f"must be a string, not {_type_name(value)}")
        return None
    code = value.strip().upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        errors.add(
            f"{path}.code",
            f"must be {CODE_LENGTH} characters from {CODE_ALPHABET} "
            f"(no 0, 1, I, L or O), not {_show(value)}",
        )
        return None
    return code


def _parse_moderators(room: dict, path: str, errors: _Errors) -> tuple[str, ...]:
    usernames: list[str] = []
    for k, value in enumerate(errors.list_of(room, "moderators", path, 0, None, required=False)):
        item_path = f"{path}.moderators[{k}]"
        username = errors.check_text(value, item_path, USERNAME_MAX)
        if username is None:
            continue
        if username in usernames:
            errors.add(item_path, f"{_show(username)} is listed twice")
        else:
            usernames.append(username)
    return tuple(usernames)


# --- prompts --------------------------------------------------------------------------------


def _parse_prompt(value: Any, path: str, errors: _Errors) -> PromptSpec | None:
    if not isinstance(value, dict):
        errors.add(path, f"must be an object, not {_type_name(value)}")
        return None
    raw_kind = value.get("kind")
    kind = None
    if raw_kind is None:
        errors.add(f"{path}.kind", f"is required: one of {_choices(kinds.KINDS)}")
    elif not isinstance(raw_kind, str) or raw_kind not in kinds.KINDS:
        errors.add(f"{path}.kind", f"must be one of {_choices(kinds.KINDS)}, not {_show(raw_kind)}")
    else:
        kind = kinds.get_kind(raw_kind)
    text = errors.text(value, "text", path, PROMPT_TEXT_MAX, multiline=True)
    if kind is None:
        return None
    settings_in = {key: item for key, item in value.items() if key not in PROMPT_KEYS}
    allowed = _settings_keys(kind)
    errors.unknown_keys(settings_in, allowed, path, also=PROMPT_KEYS, kind=raw_kind)
    try:
        settings = kind.validate_settings(
            {key: item for key, item in settings_in.items() if key in allowed}
        )
    except ValidationError as exc:
        errors.add(f"{path}.{exc.field}" if exc.field else path, exc.message)
        return None
    family = _parse_family(value, path, errors)
    if text is None:
        return None
    extras = _parse_pairing_and_pacing(value, path, errors)
    try:
        extras["translations"] = validate_translations(
            raw_kind, settings, value.get("translations")
        )
    except ValidationError as exc:
        where = f"{path}.translations" + (f".{exc.field}" if exc.field else "")
        errors.add(where, exc.message)
        return None
    return PromptSpec(raw_kind, text, settings, family, **extras)


def _parse_family(prompt: dict, path: str, errors: _Errors) -> str | None:
    value = prompt.get("family")
    if value is None:
        return None
    if not isinstance(value, str) or not FAMILY_RE.fullmatch(value):
        errors.add(
            f"{path}.family",
            f"must be 1 to 32 letters, digits, '-' or '_', not {_show(value)}",
        )
        return None
    return value


def _check_families(rooms: tuple[RoomSpec, ...], errors: _Errors) -> None:
    """Copies of one prompt: one per room, at least two rooms, the same kind, text and settings."""
    first: dict[str, tuple[int, int, PromptSpec]] = {}
    used: dict[str, set[int]] = {}
    for i, room in enumerate(rooms):
        for j, prompt in enumerate(room.prompts):
            if prompt.family is None:
                continue
            path = f"rooms[{i}].prompts[{j}].family"
            if prompt.family not in first:
                first[prompt.family] = (i, j, prompt)
                used[prompt.family] = {i}
                continue
            i0, j0, model = first[prompt.family]
            where = f"rooms[{i0}].prompts[{j0}]"
            if i in used[prompt.family]:
                errors.add(path, f"{_show(prompt.family)} is already used in this room by {where}")
            elif (prompt.kind, prompt.text, prompt.settings) != (
                model.kind,
                model.text,
                model.settings,
            ):
                errors.add(
                    path,
                    f"{where} of the family {_show(prompt.family)} differs: the copies of one "
                    "prompt must have the same kind, text and settings",
                )
            used[prompt.family].add(i)
    for family, (i, j, _prompt) in first.items():
        if len(used[family]) < 2:
            errors.add(
                f"rooms[{i}].prompts[{j}].family",
                f"{_show(family)} is used by this prompt only; give the same family to its "
                "copies in other rooms",
            )


def _parse_pairing_and_pacing(prompt: dict, path: str, errors: _Errors) -> dict:
    """A prompt's ref, repeats, countdown and auto_close; a bad one is reported and left out."""
    extras: dict[str, Any] = {"countdown": None, "auto_close": False, "source": path}
    for key in PAIRING_KEYS:
        value = prompt.get(key)
        if value is not None and (not isinstance(value, str) or not REF_RE.fullmatch(value)):
            message = f"must be 1 to 32 letters, digits, '-' or '_', not {_show(value)}"
            errors.add(f"{path}.{key}", message)
            value = None
        extras[key] = value
    auto_close = False if prompt.get("auto_close") is None else prompt["auto_close"]
    try:
        countdown, auto_close = validate_pacing(prompt.get("countdown"), auto_close)
    except ValidationError as exc:
        errors.add(f"{path}.{exc.field}", exc.message)
    else:
        extras.update(countdown=countdown, auto_close=auto_close)
    return extras


def _refs_in(data: dict) -> list[tuple[str, Any]]:
    """(path, ref) of every prompt in file order, including prompts reported as invalid."""
    rooms = data.get("rooms")
    found = []
    for i, room in enumerate(rooms if isinstance(rooms, list) else []):
        prompts = room.get("prompts") if isinstance(room, dict) else None
        for j, prompt in enumerate(prompts if isinstance(prompts, list) else []):
            found.append(
                (
                    f"rooms[{i}].prompts[{j}]",
                    prompt.get("ref") if isinstance(prompt, dict) else None,
                )
            )
    return found


def _check_repeats(rooms: tuple[RoomSpec, ...], errors: _Errors, written: list) -> None:
    """Pre/post pairs: `repeats` names the ref of an earlier position prompt with the same scale,
    which repeats nothing itself and which no other prompt repeats."""
    order = {path: index for index, (path, _ref) in enumerate(written)}
    named: dict[str, tuple[str, PromptSpec]] = {}
    repeated: dict[str, str] = {}
    for room in rooms:
        for prompt in room.prompts:
            path = prompt.source
            if prompt.repeats is not None and prompt.repeats not in named:
                # An earlier prompt with this ref that is itself invalid is reported already.
                here = order.get(path, len(order))
                if not any(ref == prompt.repeats and order[p] < here for p, ref in written):
                    message = (
                        f"{_show(prompt.repeats)} names no earlier prompt "
                        f'(give that prompt "ref": {_show(prompt.repeats)})'
                    )
                    errors.add(f"{path}.repeats", message)
            elif prompt.repeats is not None:
                _check_repeat(prompt, path, named, repeated, errors)
            if prompt.ref is None:
                continue
            if prompt.ref in named:
                message = f"{_show(prompt.ref)} is already used by {named[prompt.ref][0]}"
                errors.add(f"{path}.ref", message)
            else:
                named[prompt.ref] = (path, prompt)


def _check_repeat(
    prompt: PromptSpec, path: str, named: dict, repeated: dict, errors: _Errors
) -> None:
    where, ref = f"{path}.repeats", prompt.repeats
    earlier_path, earlier = named[ref]
    if prompt.kind != "position" or earlier.kind != "position":
        errors.add(where, "only a position prompt can repeat an earlier position prompt")
    elif earlier.repeats is not None:
        errors.add(where, f"{earlier_path} repeats another prompt itself; repeat the first one")
    elif ref in repeated:
        message = (
            f"{earlier_path} is already repeated by {repeated[ref]}; ask a statement twice at most"
        )
        errors.add(where, message)
    elif any(prompt.settings[key] != earlier.settings[key] for key in SCALE_KEYS):
        message = f"needs the same scale as {earlier_path} (points, label_low and label_high)"
        errors.add(where, message)
    else:
        repeated[ref] = path


def _pairing_and_pacing(prompt: PromptSpec) -> dict:
    """The pairing and pacing keys of a prompt that sets them, for dump_agenda."""
    extras: dict[str, Any] = {key: getattr(prompt, key) for key in PAIRING_KEYS}
    extras = {key: value for key, value in extras.items() if value is not None}
    if prompt.countdown is not None:
        extras.update(countdown=prompt.countdown, auto_close=prompt.auto_close)
    return extras


def _settings_keys(kind: kinds.PromptKind) -> tuple[str, ...]:
    """The settings keys a prompt kind accepts (its defaults name every one)."""
    return tuple(kind.defaults)


# --- helpers --------------------------------------------------------------------------------


class _Errors:
    """Collects (path, message) pairs and holds the small checks every level shares."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []
        self.more = 0  # errors found beyond the first ERRORS_SHOWN: counted, not kept

    def add(self, path: str, message: str) -> None:
        if len(self.items) < ERRORS_SHOWN:
            self.items.append((path or ROOT, message))
        else:
            self.more += 1

    def unknown_keys(
        self,
        obj: dict,
        allowed: tuple[str, ...],
        path: str,
        also: tuple[str, ...] = (),
        kind: str | None = None,
    ) -> None:
        known = (*also, *allowed)
        for key in obj:
            if key not in known:
                where = f"a {kind} prompt" if kind else "here"
                self.add(
                    _join(path, key),
                    f"unknown key; allowed in {where}: {', '.join(known)}",
                )

    def text(
        self,
        obj: dict,
        key: str,
        path: str,
        limit: int,
        required: bool = True,
        empty_ok: bool = False,
        multiline: bool = False,
    ) -> str | None:
        path = _join(path, key)
        if obj.get(key) is None:
            if required:
                self.add(path, "is required")
            return None
        return self.check_text(obj[key], path, limit, empty_ok, multiline)

    def check_text(
        self, value: Any, path: str, limit: int, empty_ok: bool = False, multiline: bool = False
    ) -> str | None:
        if not isinstance(value, str):
            self.add(path, f"must be a string, not {_type_name(value)}")
            return None
        value = clean_text(value).strip()
        if not value and not empty_ok:
            self.add(path, "must not be empty")
            return None
        if len(value) > limit:
            self.add(path, f"must be at most {limit} characters (it has {len(value)})")
            return None
        allowed = "\n" if multiline else ""
        if any(unicodedata.category(c) == "Cc" and c not in allowed for c in value):
            where = "other than line breaks " if multiline else ""
            self.add(path, f"must not contain control characters {where}(such as tabs)")
            return None
        return value

    def list_of(
        self,
        obj: dict,
        key: str,
        path: str,
        least: int,
        most: int | None,
        required: bool = True,
    ) -> list:
        path = _join(path, key)
        if obj.get(key) is None:
            if required:
                self.add(path, "is required")
            return []
        value = obj[key]
        if not isinstance(value, list):
            self.add(path, f"must be a list, not {_type_name(value)}")
            return []
        if len(value) < least:
            self.add(path, f"must have at least {least} item{'s' if least != 1 else ''}")
        if most is not None and len(value) > most:
            self.add(path, f"must have at most {most} items (it has {len(value)})")
            return value[:most]  # the rest is not read: a huge list costs no more than a full one
        return value


class _DuplicateKey(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


class _BadConstant(Exception):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def _reject_constant(name: str) -> Any:
    raise _BadConstant(name)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _plain(settings: dict) -> dict:
    return {key: list(v) if isinstance(v, tuple) else v for key, v in settings.items()}


def _choices(names: Any) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _show(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
