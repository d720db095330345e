"""The audit log as a person reads it: agenda items and proposal texts, not database ids.

The log stores ids (they stay true when a text is edited later); this module names them the
way the console does: "agenda item 4 “Which regional risks…”" for a prompt, the proposal's text
for a proposal. A prompt or proposal deleted since keeps its number, marked as deleted.
"""

from flask_babel import gettext

from facilitator.extensions import db
from facilitator.models import Event, Prompt, Proposal
from facilitator.services.audit import describe_detail, excerpt

# Detail keys that hold the id of one prompt, or lists of prompt or proposal ids.
PROMPT_KEYS = frozenset({"prompt_id"})
PROMPT_LIST_KEYS = frozenset({"from_prompts"})
PROPOSAL_LIST_KEYS = frozenset({"merged_proposals", "proposals"})
SHORT = 50  # characters of a text quoted in a detail


def prompt_label(prompt_id: int, limit: int = SHORT) -> str:
    """'agenda item 4 “Which regional risks…”' (with its room when asked from elsewhere)."""
    prompt = db.session.get(Prompt, prompt_id)
    if prompt is None:
        return gettext("prompt %(id)s (deleted)", id=prompt_id)
    return gettext(
        "agenda item %(number)s “%(text)s”",
        number=prompt.position + 1,
        text=excerpt(prompt.text, limit),
    )


def proposal_label(proposal_id: int, limit: int = SHORT) -> str:
    """'“A hotline between commanders”', the proposal's text as it reads now."""
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None:
        return gettext("proposal %(id)s (deleted)", id=proposal_id)
    return f"“{excerpt(proposal.text, limit)}”"


def target_label(target_type: str | None, target_id: int | None) -> str:
    """What an entry acted on, as a person recognises it ('' for none)."""
    if target_id is None:
        return ""
    if target_type == "prompt":
        return prompt_label(target_id, 80)
    if target_type == "proposal":
        return gettext("proposal %(text)s", text=proposal_label(target_id, 80))
    if target_type == "event":
        event = db.session.get(Event, target_id)
        return event.title if event is not None else ""
    return f"{target_type} {target_id}"


def readable_detail(detail: dict | None) -> str:
    """A detail as one line with prompts and proposals named: 'merged proposals=“A”; “B”'."""
    named = {}
    for key, value in (detail or {}).items():
        if key in PROMPT_KEYS and isinstance(value, int):
            value = prompt_label(value)
        elif key in PROMPT_LIST_KEYS and isinstance(value, list | tuple):
            value = "; ".join(prompt_label(item) for item in value if isinstance(item, int))
        elif key in PROPOSAL_LIST_KEYS and isinstance(value, list | tuple):
            value = "; ".join(proposal_label(item) for item in value if isinstance(item, int))
        named[key.replace("_", " ")] = value
    return describe_detail(named)
