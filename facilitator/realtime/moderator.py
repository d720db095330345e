"""Socket events a moderator's console sends; the connection was checked at connect."""

from flask_login import current_user

from facilitator.domain.errors import ValidationError
from facilitator.realtime.handlers import AfterCommit, on_event
from facilitator.realtime.schema import Field
from facilitator.services import (
    ServiceError,
    control,
    moderation,
    pacing,
    payloads,
    promote,
    screen,
    unit,
)

PROMPT = {"prompt_id": Field("id")}


def _moderator():
    """The logged-in moderator behind this connection (for the audit log)."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def _ids(name: str, value) -> list[int]:
    """A list of positive integer ids, or a ValidationError naming the field."""
    if not isinstance(value, list) or not value:
        raise ValidationError(name, "must be a non-empty list of ids", "invalid_type")
    if len(value) > 50 or any(type(i) is not int or not 0 < i < 2**31 for i in value):
        raise ValidationError(name, "must be at most 50 positive integer ids", "invalid_type")
    return value


def _prompt_ack(prompt) -> AfterCommit:
    prompt_id = prompt.id

    def build() -> dict:
        fresh = unit.prompt(prompt_id)
        return {
            "prompt": payloads.prompt_view(fresh, payloads.MODERATOR),
            "current_prompt_id": fresh.room.current_prompt_id,
        }

    return AfterCommit(build)


@on_event("prompt:open", "moderator", PROMPT)
def open_prompt(room, _client, prompt_id):
    """Open a prompt for answers (closing the one open before) and show it."""
    return _prompt_ack(control.open_prompt(room, prompt_id, _moderator()))


@on_event("prompt:close", "moderator", PROMPT)
def close_prompt(room, _client, prompt_id):
    """Stop taking answers to a prompt."""
    return _prompt_ack(control.close_prompt(room, prompt_id, _moderator()))


@on_event("prompt:reveal", "moderator", PROMPT)
def reveal(room, _client, prompt_id):
    """Show a prompt's results on the projector and the phones."""
    return _prompt_ack(control.reveal_results(room, prompt_id, _moderator()))


@on_event("prompt:hide", "moderator", PROMPT)
def hide(room, _client, prompt_id):
    """Hide a prompt's results again."""
    return _prompt_ack(control.hide_results(room, prompt_id, _moderator()))


@on_event("prompt:present", "moderator", {"prompt_id": Field("id", nullable=True)})
def present(room, _client, prompt_id):
    """Choose the prompt the phones and projector show, or null for the join screen."""
    control.present(room, prompt_id, _moderator())
    return {"current_prompt_id": prompt_id}


@on_event("room:language", "moderator", {"language": Field("str", max_length=8)})
def room_language(room, _client, language):
    """Choose the language the room's projector shows (en, fr or ur)."""
    control.set_language(room, language, _moderator())
    return {"language": room.language}


@on_event(
    "room:screen",
    "moderator",
    {"room_id": Field("id"), "rollup": Field("str", nullable=True, max_length=32)},
)
def room_screen(room, _client, room_id, rollup):
    """Show a prompt family's roll-up on the room's projector, or (null) the room again."""
    if room_id != room.id:
        raise ServiceError("forbidden", "This console controls its own room's projector only.")
    screen.show_rollup(room, rollup, _moderator())
    return {"room_id": room.id, "screen": screen.screen_view(room)}


@on_event(
    "proposal:moderate",
    "moderator",
    {
        "proposal_id": Field("id"),
        "action": Field("str", max_length=16),
        "expected": Field("str", required=False, max_length=16),
    },
)
def moderate(room, _client, proposal_id, action, expected=None):
    """Approve, hide or restore a proposal, if it still has the status this console saw."""
    proposal = moderation.moderate_proposal(room, proposal_id, action, expected, _moderator())
    return {"proposal": moderation.proposal_data(proposal)}


@on_event(
    "proposal:highlight",
    "moderator",
    {"proposal_id": Field("id"), "highlighted": Field("any")},
)
def highlight(room, _client, proposal_id, highlighted):
    """Put an approved proposal in the spotlight on the projector (or take it out)."""
    if not isinstance(highlighted, bool):
        raise ValidationError("highlighted", "must be true or false", "invalid_type")
    proposal = moderation.highlight(room, proposal_id, highlighted, _moderator())
    return {"proposal": moderation.proposal_data(proposal)}


@on_event(
    "proposal:merge",
    "moderator",
    {"target_id": Field("id"), "source_ids": Field("any")},
)
def merge(room, _client, target_id, source_ids):
    """Merge duplicate proposals into one; their endorsements carry over, one per participant."""
    target, carried = moderation.merge(
        room, target_id, _ids("source_ids", source_ids), _moderator()
    )
    return {"proposal": moderation.proposal_data(target), "carried": carried}


@on_event(
    "proposal:edit",
    "moderator",
    {
        "proposal_id": Field("id"),
        "text": Field("any"),
        "expected": Field("str", required=False, max_length=2000),
    },
)
def edit(room, _client, proposal_id, text, expected=None):
    """Correct a proposal's text; the audit log keeps the original."""
    proposal = moderation.edit_text(room, proposal_id, text, expected, _moderator())
    return {"proposal": moderation.proposal_data(proposal)}


@on_event("proposal:unmerge", "moderator", {"proposal_id": Field("id")})
def unmerge(room, _client, proposal_id):
    """Give a merged proposal back its place; the endorsements it carried leave the target."""
    proposal = moderation.unmerge(room, proposal_id, _moderator())
    return {"proposal": moderation.proposal_data(proposal)}


@on_event(
    "prompt:promote",
    "moderator",
    {
        "prompt_ids": Field("any"),
        "n": Field("any"),
        "room_id": Field("id", required=False),
        "text": Field("str", required=False, max_length=500),
    },
)
def promote_prompt(room, _client, prompt_ids, n, room_id=None, text=None):
    """Promote the top N proposals of these prompts into a new draft priority prompt."""
    if type(n) is not int:
        raise ValidationError("n", "must be a whole number", "invalid_type")
    target = room if room_id is None else unit.room(room_id)
    if target is None or target.event_id != room.event_id:
        raise ServiceError("room_not_found", "That room is not part of this event.", "room_id")
    prompt = promote.promote(_moderator(), target, _ids("prompt_ids", prompt_ids), n, text)
    return {"prompt": payloads.prompt_view(prompt, payloads.MODERATOR), "room_id": target.id}


@on_event("promote:sources", "moderator", {})
def promote_sources(room, _client):
    """The event's rooms this moderator runs, with their proposal prompts."""
    return {"rooms": promote.promotable(_moderator(), room)}


@on_event("moderator:sync", "moderator", {})
def sync(room, _client):
    """The full moderator state of the room."""
    return {"state": payloads.room_view(room, payloads.MODERATOR)}


@on_event(
    "prompt:add_time", "moderator", {"prompt_id": Field("id"), "seconds": Field("any", False)}
)
def add_time(room, _client, prompt_id, seconds=30):
    """Give a running countdown more time (30 seconds unless told)."""
    return _prompt_ack(pacing.add_time(room, prompt_id, seconds, _moderator()))


@on_event("prompt:stop_countdown", "moderator", PROMPT)
def stop_countdown(room, _client, prompt_id):
    """Stop a running countdown; the prompt stays open until a moderator closes it."""
    return _prompt_ack(pacing.stop_countdown(room, prompt_id, _moderator()))
