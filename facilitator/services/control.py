"""A moderator runs the room: open, close, reveal, hide and present prompts.

Each step is written to the audit log. `moderator=None` means no person acted: the countdown
closing a prompt by itself, recorded as audit.COUNTDOWN.
"""

from facilitator.extensions import db
from facilitator.models import Moderator, Prompt, Room
from facilitator.services import ServiceError, audit, changes


def room_prompt(room: Room, prompt_id: int) -> Prompt:
    """The prompt of this room with this id, or a prompt_not_found error."""
    prompt = db.session.get(Prompt, prompt_id)
    if prompt is None or prompt.room_id != room.id:
        raise ServiceError("prompt_not_found", "This prompt is not in this room.")
    return prompt


def _audit(moderator, action: str, room: Room, prompt: Prompt | None, **detail) -> None:
    audit.record(
        moderator or audit.COUNTDOWN,
        action,
        room,
        "prompt" if prompt else "room",
        prompt.id if prompt else room.id,
        {"prompt": audit.excerpt(prompt.text), **detail} if prompt else detail,
    )


def _transition(room: Room, prompt: Prompt, step, action: str, moderator) -> Prompt:
    step()
    _audit(moderator, action, room, prompt)
    db.session.flush()
    changes.record(db.session, changes.ROOM, room.id, prompt.id)
    return prompt


def open_prompt(room: Room, prompt_id: int, moderator: Moderator | None = None) -> Prompt:
    """Open a prompt for answers, close the one open before, and put it on the screens."""
    prompt = room_prompt(room, prompt_id)
    for other in room.prompts:
        if other.is_open and other.id != prompt.id:
            other.close()
            _audit(moderator, "prompt_close", room, other, reason="another prompt opened")
    room.current_prompt_id = prompt.id
    return _transition(room, prompt, prompt.open, "prompt_open", moderator)


def close_prompt(room: Room, prompt_id: int, moderator: Moderator | None = None) -> Prompt:
    """Stop taking answers to a prompt (moderator None: the countdown closed it)."""
    prompt = room_prompt(room, prompt_id)
    return _transition(room, prompt, prompt.close, "prompt_close", moderator)


def reveal_results(room: Room, prompt_id: int, moderator: Moderator | None = None) -> Prompt:
    """Show a prompt's results to the room and put it on the screens."""
    prompt = room_prompt(room, prompt_id)
    if prompt.state == "draft":
        raise ServiceError("not_started", "Open this prompt before revealing its results.")
    room.current_prompt_id = prompt.id
    return _transition(room, prompt, prompt.reveal, "results_reveal", moderator)


def hide_results(room: Room, prompt_id: int, moderator: Moderator | None = None) -> Prompt:
    """Hide a prompt's results from the room and the projector again."""
    prompt = room_prompt(room, prompt_id)
    return _transition(room, prompt, prompt.hide, "results_hide", moderator)


def present(room: Room, prompt_id: int | None, moderator: Moderator | None = None) -> Room:
    """Choose what the phones and the projector show: a prompt, or the join screen (None)."""
    prompt = None
    if prompt_id is not None:
        prompt = room_prompt(room, prompt_id)
        if prompt.state == "draft":
            raise ServiceError("not_started", "Open this prompt before presenting it.")
    room.current_prompt_id = prompt_id
    _audit(moderator, "present" if prompt else "present_join_screen", room, prompt)
    db.session.flush()
    changes.record(db.session, changes.ROOM, room.id, prompt_id)
    return room


PROJECTOR_LANGUAGES = ("en", "fr", "ur")


def set_language(room: Room, language, moderator: Moderator | None = None) -> Room:
    """Choose the language of the room's projector: en, fr or ur."""
    if language not in PROJECTOR_LANGUAGES:
        raise ServiceError("invalid_language", "Choose en, fr or ur.", "language")
    if room.language != language:
        room.language = language
        _audit(moderator, "set_language", room, None, language=language)
        db.session.flush()
        changes.record(db.session, changes.ROOM, room.id)
    return room
