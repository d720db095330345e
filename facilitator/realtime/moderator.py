"""Socket events a moderator's console sends; the connection was checked at connect."""

from facilitator.realtime.events import on_event
from facilitator.realtime.schema import Field
from facilitator.services import control, moderation, views

PROMPT = {"prompt_id": Field("id")}


def _prompt_ack(prompt) -> dict:
    return {
        "prompt": views.prompt_view(prompt, views.MODERATOR),
        "current_prompt_id": prompt.room.current_prompt_id,
    }


@on_event("prompt:open", "moderator", PROMPT)
def open_prompt(room, _client, prompt_id):
    """Open a prompt for answers (closing the one open before) and show it."""
    return _prompt_ack(control.open_prompt(room, prompt_id))


@on_event("prompt:close", "moderator", PROMPT)
def close_prompt(room, _client, prompt_id):
    """Stop taking answers to a prompt."""
    return _prompt_ack(control.close_prompt(room, prompt_id))


@on_event("prompt:reveal", "moderator", PROMPT)
def reveal(room, _client, prompt_id):
    """Show a prompt's results on the projector and the phones."""
    return _prompt_ack(control.reveal_results(room, prompt_id))


@on_event("prompt:hide", "moderator", PROMPT)
def hide(room, _client, prompt_id):
    """Hide a prompt's results again."""
    return _prompt_ack(control.hide_results(room, prompt_id))


@on_event("prompt:present", "moderator", {"prompt_id": Field("id", nullable=True)})
def present(room, _client, prompt_id):
    """Choose the prompt the phones and projector show, or null for the join screen."""
    control.present(room, prompt_id)
    return {"current_prompt_id": prompt_id}


@on_event(
    "proposal:moderate",
    "moderator",
    {"proposal_id": Field("id"), "action": Field("str", max_length=16)},
)
def moderate(room, _client, proposal_id, action):
    """Approve, hide or restore a proposal."""
    proposal = moderation.moderate_proposal(room, proposal_id, action)
    return {"proposal": {"id": proposal.id, "text": proposal.text, "status": proposal.status}}


@on_event("moderator:sync", "moderator", {})
def sync(room, _client):
    """The full moderator state of the room."""
    return {"state": views.room_view(room, views.MODERATOR)}
