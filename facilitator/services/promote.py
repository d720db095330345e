"""Diverge, then converge: promote the best-bridging proposals into a new priority prompt.

The sources are one or several proposal prompts of one event (a breakout, or every breakout).
Their approved proposals are ranked together by bridging score (DESIGN.md), the top N become the
options of a new draft priority prompt in the chosen room (typically the plenary), and the prompt
remembers them in settings["promoted_from"] (proposal ids) and settings["promoted_prompts"].

As the issue says, an empty or a closed prompt cannot be promoted from: a source must be open
(still collecting proposals and endorsements) and hold approved proposals. Promote just before
closing the breakout's proposal prompt.
"""

from sqlalchemy import select

from facilitator.domain.kinds import OPTION_MAX_LENGTH, get_kind
from facilitator.domain.priority import MAX_OPTIONS, MIN_OPTIONS
from facilitator.extensions import db
from facilitator.i18n import LANGUAGES, translated
from facilitator.models import Moderator, Prompt, Proposal, ProposalStatus, Room
from facilitator.services import ServiceError, audit, changes, payloads

DEFAULT_TEXT = "Which of these steps should we take first? Rank them."
PROMPT_TEXT_MAX = 500
MAX_SOURCES = 20


def _check_n(n) -> int:
    if type(n) is not int or not MIN_OPTIONS <= n <= MAX_OPTIONS:
        raise ServiceError(
            "invalid_n",
            f"Promote between {MIN_OPTIONS} and {MAX_OPTIONS} proposals: a priority prompt "
            f"has {MIN_OPTIONS} to {MAX_OPTIONS} options.",
            field="n",
        )
    return n


def _check_text(text) -> str:
    if text is None:
        return DEFAULT_TEXT
    if not isinstance(text, str):
        raise ServiceError("invalid_type", "The question must be text.", field="text")
    text = text.strip() or DEFAULT_TEXT
    if len(text) > PROMPT_TEXT_MAX:
        raise ServiceError(
            "too_long", f"Keep the question under {PROMPT_TEXT_MAX} characters.", field="text"
        )
    return text


def _sources(moderator, target_room: Room, prompt_ids) -> list[Prompt]:
    if not isinstance(prompt_ids, list | tuple) or not prompt_ids:
        raise ServiceError(
            "no_sources", "Choose at least one proposal prompt to promote from.", "prompt_ids"
        )
    if any(type(i) is not int or i <= 0 for i in prompt_ids) or len(prompt_ids) > MAX_SOURCES:
        raise ServiceError(
            "invalid_type", "Source prompts are given by their ids (at most 20).", "prompt_ids"
        )
    if len(set(prompt_ids)) != len(prompt_ids):
        raise ServiceError("duplicate_source", "A prompt is listed twice.", "prompt_ids")
    prompts = []
    for prompt_id in prompt_ids:
        prompt = db.session.get(Prompt, prompt_id)
        if prompt is None or prompt.room.event_id != target_room.event_id:
            raise ServiceError(
                "prompt_not_found", f"Prompt {prompt_id} is not a prompt of this event."
            )
        if moderator is not None and not moderator.can_moderate(prompt.room):
            raise ServiceError(
                "forbidden", f"You are not a moderator of {prompt.room.name}.", "prompt_ids"
            )
        if prompt.kind != "proposal":
            raise ServiceError(
                "wrong_kind", f"“{_short(prompt.text)}” is not a proposal prompt.", "prompt_ids"
            )
        if prompt.state == "closed":
            raise ServiceError(
                "prompt_closed",
                f"“{_short(prompt.text)}” in {prompt.room.name} is closed; promote from an "
                "open proposal prompt.",
                "prompt_ids",
            )
        if prompt.state != "open":
            raise ServiceError(
                "not_open",
                f"“{_short(prompt.text)}” in {prompt.room.name} has not been opened yet.",
                "prompt_ids",
            )
        prompts.append(prompt)
    return prompts


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ranked_proposals(prompts: list[Prompt]) -> list[dict]:
    """The approved proposals of these prompts, best bridging first (ties: more agree, older)."""
    ranked = []
    for prompt in prompts:
        items = payloads.results(prompt)["proposals"]
        if not items:
            raise ServiceError(
                "empty_prompt",
                f"“{_short(prompt.text)}” in {prompt.room.name} has no approved proposals "
                "to promote.",
                "prompt_ids",
            )
        # Only proposals with enough votes to be ranked may be promoted.
        ranked.extend({**item, "prompt_id": prompt.id} for item in items if item["ranked"])
    ranked.sort(key=lambda item: item["id"])
    ranked.sort(key=lambda item: (item["bridging"], item["agree"]), reverse=True)
    return ranked


def _options(chosen: list[dict]) -> list[str]:
    """Proposal texts as priority options: one line, within the option limit, all different."""
    options, seen = [], set()
    for item in chosen:
        line = " ".join(item["text"].split())
        if len(line) > OPTION_MAX_LENGTH:
            line = line[: OPTION_MAX_LENGTH - 1].rstrip() + "…"
        if line.casefold() in seen:
            continue  # the same idea written alike in two rooms becomes one option
        seen.add(line.casefold())
        options.append(line)
    return options


def _default_in_every_language(text: str) -> tuple[str, dict]:
    """The question and its translations: the default question (as the console offers it in
    any of our languages) is stored in English with French and Urdu from the catalogues; a
    question of the moderator's own is kept as written, for them to translate in the console."""
    defaults = {lang: translated(DEFAULT_TEXT, lang) for lang in LANGUAGES}
    if text not in defaults.values():
        return text, {}
    return DEFAULT_TEXT, {lang: {"text": defaults[lang]} for lang in LANGUAGES if lang != "en"}


def promote(
    moderator: Moderator | None,
    target_room: Room,
    prompt_ids,
    n,
    text: str | None = None,
) -> Prompt:
    """Add a draft priority prompt to target_room whose options are the top N proposals."""
    if moderator is not None and not moderator.can_moderate(target_room):
        raise ServiceError("forbidden", f"You are not a moderator of {target_room.name}.")
    n = _check_n(n)
    text = _check_text(text)
    sources = _sources(moderator, target_room, prompt_ids)
    ranked = ranked_proposals(sources)
    if len(ranked) < n:
        raise ServiceError(
            "not_enough_proposals",
            f"Only {len(ranked)} approved proposal{'s' if len(ranked) != 1 else ''} with enough "
            f"votes to be ranked; choose at most {len(ranked)} (a priority prompt needs at least "
            f"{MIN_OPTIONS}).",
            field="n",
        )
    chosen = ranked[:n]
    options = _options(chosen)
    if len(options) < MIN_OPTIONS:
        raise ServiceError(
            "not_enough_proposals", "The chosen proposals all read the same.", field="n"
        )
    settings = get_kind("priority").validate_settings({"options": options, "rank_top": None})
    settings["promoted_from"] = [item["id"] for item in chosen]
    settings["promoted_prompts"] = [p.id for p in sources]
    text, translations = _default_in_every_language(text)
    prompt = Prompt(
        kind="priority",
        text=text,
        settings=settings,
        position=max((p.position for p in target_room.prompts), default=-1) + 1,
        translations=translations,
    )
    target_room.prompts.append(prompt)
    db.session.flush()
    audit.record(
        moderator,
        "promote",
        target_room,
        "prompt",
        prompt.id,
        {
            "prompt": audit.excerpt(text),
            "from_prompts": settings["promoted_prompts"],
            "proposals": settings["promoted_from"],
            "n": n,
        },
    )
    changes.record(db.session, changes.ROOM, target_room.id, prompt.id)
    return prompt


def promotable(moderator: Moderator, room: Room) -> list[dict]:
    """The event's rooms this moderator runs, with their proposal prompts, for the promote form."""
    rooms = []
    for other in room.event.rooms:
        if not moderator.can_moderate(other):
            continue
        prompts = []
        for prompt in other.prompts:
            if prompt.kind != "proposal":
                continue
            approved = db.session.scalar(
                select(db.func.count(Proposal.id)).where(
                    Proposal.prompt_id == prompt.id, Proposal.status == ProposalStatus.APPROVED
                )
            )
            prompts.append(
                {"id": prompt.id, "text": prompt.text, "state": prompt.state, "approved": approved}
            )
        rooms.append(
            {
                "id": other.id,
                "name": other.name,
                "translations": other.translations or {},
                "kind": other.kind,
                "code": other.code,
                "prompts": prompts,
            }
        )
    return rooms
