"""A moderator runs the room: open, close, reveal, hide and present prompts."""

from facilitator.extensions import db
from facilitator.models import Prompt, Room, StateError
from facilitator.services import ServiceError, changes


def room_prompt(room: Room, prompt_id: int) -> Prompt:
    """The prompt of this room with this id, or a prompt_not_found error."""
    prompt = db.session.get(Prompt, prompt_id)
    if prompt is None or prompt.room_id != room.id:
        raise ServiceError("prompt_not_found", "This prompt is not in this room.")
    return prompt


def _transition(room: Room, prompt: Prompt, step) -> Prompt:
    try:
        step()
    except StateError as error:
        raise ServiceError(error.code, error.message) from None
    db.session.flush()
    changes.record(db.session, changes.ROOM, room.id, prompt.id)
    return prompt


def open_prompt(room: Room, prompt_id: int) -> Prompt:
    """Open a prompt for answers, close the one open before, and put it on the screens."""
    prompt = room_prompt(room, prompt_id)
    for other in room.prompts:
        if other.is_open and other.id != prompt.id:
            other.close()
    room.current_prompt_id = prompt.id
    return _transition(room, prompt, prompt.open)


def close_prompt(room: Room, prompt_id: int) -> Prompt:
    """Stop taking answers to a prompt."""
    prompt = room_prompt(room, prompt_id)
    return _transition(room, prompt, prompt.close)


def reveal_results(room: Room, prompt_id: int) -> Prompt:
    """Show a prompt's results to the room and put it on the screens."""
    prompt = room_prompt(room, prompt_id)
    if prompt.state == "draft":
        raise ServiceError("not_started", "Open this prompt before revealing its results.")
    room.current_prompt_id = prompt.id
    return _transition(room, prompt, prompt.reveal)


def hide_results(room: Room, prompt_id: int) -> Prompt:
    """Hide a prompt's results from the room and the projector again."""
    prompt = room_prompt(room, prompt_id)
    return _transition(room, prompt, prompt.hide)


def present(room: Room, prompt_id: int | None) -> Room:
    """Choose what the phones and the projector show: a prompt, or the join screen (None)."""
    if prompt_id is not None:
        prompt = room_prompt(room, prompt_id)
        if prompt.state == "draft":
            raise ServiceError("not_started", "Open this prompt before presenting it.")
    room.current_prompt_id = prompt_id
    db.session.flush()
    changes.record(db.session, changes.ROOM, room.id, prompt_id)
    return room
