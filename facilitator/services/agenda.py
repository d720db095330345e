"""Prepare an event: import an agenda file, create rooms, add and edit prompts."""

import secrets

from sqlalchemy import select

from facilitator.domain.agenda import CODE_ALPHABET, CODE_LENGTH, Agenda
from facilitator.domain.errors import ValidationError
from facilitator.domain.kinds import get_kind
from facilitator.domain.text import clean_text
from facilitator.domain.translations import validate_translations
from facilitator.extensions import db
from facilitator.models import Event, Moderator, Prompt, Room
from facilitator.services import ServiceError, audit, barometer, changes, pacing

PROMPT_TEXT_MAX = 500


def new_code() -> str:
    """A join code not used by any room: 6 characters without look-alikes."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.scalar(select(Room.id).where(Room.code == code)) is None:
            return code


def import_agenda(agenda: Agenda, moderator: Moderator | None = None) -> Event:
    """Create an event with its constituencies, rooms and prompts; all or nothing."""
    usernames = {name for room in agenda.rooms for name in room.moderators}
    moderators = {
        m.username: m
        for m in db.session.scalars(select(Moderator).where(Moderator.username.in_(usernames)))
    }
    missing = sorted(usernames - set(moderators))
    if missing:
        raise ServiceError(
            "unknown_moderator",
            f"No moderator account named {', '.join(missing)}; create it first.",
            "moderators",
        )
    codes = [room.code for room in agenda.rooms if room.code]
    taken = db.session.scalars(select(Room.code).where(Room.code.in_(codes))).all()
    if taken:
        raise ServiceError(
            "code_taken", f"Room code {', '.join(taken)} is already used by another room.", "code"
        )
    event = Event(title=agenda.title, subtitle=agenda.subtitle or "")
    event.add_constituencies(agenda.constituencies, agenda.constituency_translations)
    db.session.add(event)
    for index, spec in enumerate(agenda.rooms):
        room = Room(
            name=spec.name,
            kind=spec.kind,
            code=spec.code or new_code(),
            position=index,
            moderators=[moderators[name] for name in spec.moderators],
            translations=dict(spec.translations),
        )
        event.rooms.append(room)
        db.session.flush()
        for position, prompt in enumerate(spec.prompts):
            room.prompts.append(
                Prompt(
                    kind=prompt.kind,
                    text=prompt.text,
                    settings=prompt.settings,
                    position=position,
                    family=prompt.family,
                    translations=prompt.translations,
                )
            )
    db.session.flush()
    barometer.link_repeats(agenda, event)
    pacing.apply_agenda(agenda, event)
    audit.record(
        moderator, "agenda_import", None, "event", event.id, {"rooms": len(event.rooms)}, event
    )
    return event


def _clean_text(text) -> str:
    text = clean_text(text).strip() if isinstance(text, str) else ""
    if not text:
        raise ServiceError("empty", "Write the question.", "text")
    if len(text) > PROMPT_TEXT_MAX:
        raise ServiceError(
            "too_long", f"Keep the question under {PROMPT_TEXT_MAX} characters.", "text"
        )
    return text


def _settings(kind: str, settings: dict) -> dict:
    return get_kind(kind).validate_settings(settings)


def _translations(prompt: Prompt, translations) -> dict:
    """The prompt's translations checked against its kind and settings (field: "fr.options")."""
    try:
        return validate_translations(prompt.kind, prompt.settings, translations)
    except ValidationError as error:
        field = f"translations.{error.field}" if error.field else "translations"
        raise ServiceError(error.code, error.message, field) from None


def add_prompt(
    room: Room, kind: str, text: str, settings: dict, moderator=None, translations=None
) -> Prompt:
    """Append a draft prompt to the room's agenda."""
    prompt = Prompt(
        kind=kind,
        text=_clean_text(text),
        settings=_settings(kind, settings),
        position=max((p.position for p in room.prompts), default=-1) + 1,
    )
    prompt.translations = _translations(prompt, translations)
    room.prompts.append(prompt)
    db.session.flush()
    _audit(moderator, "prompt_add", prompt)
    changes.record(db.session, changes.ROOM, room.id, prompt.id)
    return prompt


def add_shared_prompt(
    rooms: list[Room], kind: str, text: str, settings: dict, moderator=None, **options
) -> list[Prompt]:
    """Append one draft prompt to several rooms of an event; the copies share a new family."""
    rooms = list({room.id: room for room in rooms}.values())
    if len(rooms) < 2:
        raise ServiceError("too_few_rooms", "Choose at least one other room.", "rooms")
    if len({room.event_id for room in rooms}) != 1:
        raise ServiceError("other_event", "All the rooms must belong to one event.", "rooms")
    if moderator is not None and not all(moderator.can_moderate(room) for room in rooms):
        raise ServiceError("forbidden", "You may only add prompts to rooms you moderate.", "rooms")
    family = secrets.token_hex(6)
    prompts = [add_prompt(room, kind, text, settings, moderator, **options) for room in rooms]
    for prompt in prompts:
        prompt.family = family
    db.session.flush()
    return prompts


def edit_prompt(
    prompt: Prompt, text: str, settings: dict, moderator=None, translations=None
) -> Prompt:
    """Change a draft prompt's text and settings (and its translations, when given)."""
    _ensure_draft(prompt)
    prompt.text = _clean_text(text)
    prompt.settings = _settings(prompt.kind, settings)
    if translations is not None:
        prompt.translations = _translations(prompt, translations)
    db.session.flush()
    _audit(moderator, "prompt_edit", prompt)
    changes.record(db.session, changes.ROOM, prompt.room_id, prompt.id)
    return prompt


def delete_prompt(prompt: Prompt, moderator=None) -> None:
    """Remove a draft prompt from the agenda."""
    _ensure_draft(prompt)
    barometer.release(prompt)
    room = prompt.room
    _audit(moderator, "prompt_delete", prompt)
    room.prompts.remove(prompt)
    db.session.delete(prompt)
    for position, other in enumerate(room.prompts):
        other.position = position
    db.session.flush()
    changes.record(db.session, changes.ROOM, room.id)


def move_prompt(prompt: Prompt, offset: int, moderator=None) -> None:
    """Move a prompt up (-1) or down (+1) in the agenda."""
    room = prompt.room
    ordered = list(room.prompts)
    index = ordered.index(prompt)
    target = index + offset
    if offset not in (-1, 1) or not 0 <= target < len(ordered):
        raise ServiceError("cannot_move", "This prompt cannot move further.")
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, other in enumerate(ordered):
        other.position = position
    _audit(moderator, "prompt_move", prompt, offset=offset)
    db.session.flush()
    db.session.expire(room, ["prompts"])  # reload in the new order
    changes.record(db.session, changes.ROOM, room.id)


def _audit(moderator, action: str, prompt: Prompt, **detail) -> None:
    """Write an agenda change to the audit log (moderator None: the command line)."""
    audit.record(
        moderator,
        action,
        prompt.room,
        "prompt",
        prompt.id,
        {"prompt": audit.excerpt(prompt.text), **detail},
    )


def _ensure_draft(prompt: Prompt) -> None:
    if prompt.state != "draft":
        raise ServiceError(
            "not_draft", "Only a draft prompt can be changed: answers would lose their meaning."
        )
