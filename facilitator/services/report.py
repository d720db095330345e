"""The organisers' report of an event as plain JSON-able data (rendered to HTML and PDF elsewhere).

Everything comes from the same aggregation as the screens (services/payloads.results), so the report
obeys k with complementary suppression exactly as they do; findings come from domain/findings.py
with the thresholds in configuration (FINDINGS_*). Draft prompts and prompts without answers are
left out; only approved proposals count (pending, hidden and merged ones never appear), and a
proposal never shows its author's group.

The report is built in one language (en, fr or ur): group and room names, prompt texts and
options where the agenda translates them, notes, the findings' sentences and their definitions
are in that language, from the app's catalogues (services/wording.py); proposals stay as typed.

Shape of build_report(event, lang) (stable: renderers and exports rely on it):

    {"lang": "en" | "fr" | "ur",
     "event": {"id", "title", "subtitle", "generated_at" (ISO 8601, UTC), "rooms" (how many),
               "constituencies": [names], "prompts_answered" (how many prompts are reported)},
     "method": {"k", "thresholds": {agree_share, top_n, tau_below, proposal_high, proposal_low,
                                    min_answers},
                "definitions": {name: one plain sentence}},
     "barometer": [{"pre": {"id", "room_id", "room", "text"},
                    "post": {"id", "room_id", "room", "text", "state", "revealed"},
                    "shift": services/barometer.shift's dict (its shown groups also carry
                             "name") | None}] (pairs whose later prompt has been opened),
     "rooms": [{"id", "name", "kind", "code",
                "prompts": [{"id", "kind", "text", "state", "settings", "family",
                             "n" (answers; approved proposals for a proposal prompt),
                             "summary" (overall: the kind's summary; for proposals
                                        {"proposals", "endorsements"}),
                             "groups": [{"id", "name", "n", "summary"}] (shown groups only),
                             "suppressed_note": str | None,
                             "common_ground": [finding], "divergences": [finding],
                             "lenses": [lens finding], "proposals": [proposal]}]}],
     "common_ground": [finding], "divergences": [finding], "lenses": [lens finding]
                                                          (every prompt's, event-wide),
     "bridging_proposals": [proposal] (best bridging across the event, with at least one vote),
     "recommendations": [{"rank", "index", "text", "borda", "score", "share_first",
                          "mean_position"}] (the closing priority vote in Borda order; options
                          with the same Borda total share a rank),
     "recommendations_from": {"room_id", "room", "prompt_id", "text", "n"} | None,
     "recommendations_note": str}

A finding is domain/findings.py's dict ("kind", "basis", "prompt_id", "groups" (names), "sides",
"figures", "sentence", ...) plus "room_id", "room" (name) and "prompt_text".
A lens finding is domain/lenses.py's dict ("kind", "proposal_id", "proposal_text") with a
"sentence" in the request's language, plus "room_id", "room" and "prompt_text".
A proposal is {"id", "text", "prompt_id", "room_id", "room", "agree", "disagree", "pass", "votes",
"share_agree", "bridging", "support_across_groups", "highlighted", "merged_from" (how many
duplicates were merged into it), "groups": [{"id", "name", "votes", "agree", "disagree", "pass",
"support"}] (shown groups only: support is the share of the group's votes that agree)}.
The closing priority vote is the last closed priority prompt (in agenda order) of a plenary room
(room.kind == "plenary") that has answers.
"""

from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select

from facilitator.domain.findings import Thresholds, definitions, prompt_findings
from facilitator.domain.wording import Wording
from facilitator.extensions import db
from facilitator.i18n import DEFAULT, valid
from facilitator.models import Event, Prompt, Proposal, Room
from facilitator.services import barometer, lenses, moderation, payloads
from facilitator.services.wording import localized, wording

TOP_PROPOSALS_PER_PROMPT = 5
TOP_PROPOSALS_EVENT = 10


def build_report(event: Event, lang: str = DEFAULT) -> dict:
    """The whole report of an event as plain data (see the module docstring for its shape)."""
    lang = valid(lang) or DEFAULT
    w = wording(lang)
    k = current_app.config["ANONYMITY_K"]
    thresholds = Thresholds.from_config(current_app.config)
    names = {c.id: c.name_in(lang) for c in event.constituencies}
    rooms = [_room(room, names, lang, w) for room in event.rooms]
    prompts = [p for room in rooms for p in room["prompts"]]
    all_proposals = [item for p in prompts for item in p["proposals_all"]]
    for p in prompts:
        del p["proposals_all"]
    recommendations, source, note = _recommendations(event, lang, w)
    return {
        "lang": lang,
        "event": {
            "id": event.id,
            "title": event.title,
            "subtitle": event.subtitle or "",
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "rooms": len(event.rooms),
            "constituencies": [names[c.id] for c in event.constituencies],
            "prompts_answered": len(prompts),
        },
        "method": {
            "k": k,
            "thresholds": thresholds.as_dict(),
            "definitions": definitions(thresholds, w),
        },
        "barometer": _barometer(event, names, lang),
        "rooms": rooms,
        "common_ground": [f for p in prompts for f in p["common_ground"]],
        "divergences": [f for p in prompts for f in p["divergences"]],
        "lenses": [f for p in prompts for f in p["lenses"]],
        "bridging_proposals": sorted(
            (item for item in all_proposals if item["ranked"]),
            key=lambda item: (-item["bridging"], -item["agree"], item["id"]),
        )[:TOP_PROPOSALS_EVENT],
        "recommendations": recommendations,
        "recommendations_from": source,
        "recommendations_note": note,
    }


def _room(room: Room, names: dict, lang: str, w: Wording) -> dict:
    """A room and its reported prompts."""
    prompts = [
        _prompt(prompt, room, names, lang, w) for prompt in room.prompts if prompt.state != "draft"
    ]
    return {
        "id": room.id,
        "name": room.name_in(lang),
        "kind": room.kind,
        "code": room.code,
        "prompts": [p for p in prompts if p is not None],
    }


def _prompt(prompt: Prompt, room: Room, names: dict, lang: str, w: Wording) -> dict | None:
    """One prompt's results, groups, findings and proposals; None when it has no answers."""
    results = payloads.results(prompt)
    text, settings = localized(prompt, lang)
    # The findings again, worded in the report's language with its names and texts.
    thresholds = Thresholds.from_config(current_app.config)
    found = prompt_findings(prompt.kind, settings, results, names, thresholds, prompt.id, text, w)
    refs = {"room_id": room.id, "room": room.name_in(lang), "prompt_text": text}
    entry = {
        "id": prompt.id,
        "kind": prompt.kind,
        "text": text,
        "state": prompt.state,
        "settings": settings,
        "family": prompt.family,
        "common_ground": [{**f, **refs} for f in found["common_ground"]],
        "divergences": [{**f, **refs} for f in found["divergences"]],
        "lenses": [],
    }
    if prompt.kind == "proposal":
        entry["lenses"] = lenses.prompt_lenses(results, refs, w)
        stored = {
            p.id: p
            for p in db.session.scalars(select(Proposal).where(Proposal.prompt_id == prompt.id))
        }
        merged_from = moderation.merged_from_counts(stored.values())
        proposals = [
            _proposal(item, stored[item["id"]], merged_from.get(item["id"], 0), room, names, lang)
            for item in results["proposals"]
        ]
        if not proposals:
            return None
        held = sum(item["breakdown"]["suppressed_n"] for item in results["proposals"])
        entry.update(
            n=len(proposals),
            summary={
                "proposals": len(proposals),
                "endorsements": sum(p["votes"] for p in proposals),
            },
            groups=[],
            suppressed_note=_note(held, "vote", w),
            proposals=proposals[:TOP_PROPOSALS_PER_PROMPT],
            proposals_all=proposals,
        )
        return entry
    summary = results["summary"]
    if not summary["n"]:
        return None
    breakdown = results["breakdown"]
    entry.update(
        n=summary["n"],
        summary=summary,
        groups=[
            {"id": g["group"], "name": names[g["group"]], "n": g["n"], "summary": g["summary"]}
            for g in breakdown["groups"]
        ],
        suppressed_note=_note(breakdown["suppressed_n"], "answer", w),
        proposals=[],
        proposals_all=[],
    )
    return entry


def _proposal(
    item: dict, proposal: Proposal, merged_from: int, room: Room, names: dict, lang: str
) -> dict:
    """One approved proposal's votes, bridging and per-group support (shown groups only)."""
    return {
        "id": item["id"],
        "text": item["text"],
        "prompt_id": proposal.prompt_id,
        "room_id": room.id,
        "room": room.name_in(lang),
        "agree": item["agree"],
        "disagree": item["disagree"],
        "pass": item["pass"],
        "votes": item["votes"],
        "share_agree": item["share_agree"],
        "ranked": item["ranked"],
        "bridging": item["bridging"],
        "support_across_groups": item["support_across_groups"],
        "highlighted": bool(proposal.highlighted),
        "merged_from": merged_from,
        "groups": [
            {
                "id": g["group"],
                "name": names[g["group"]],
                "votes": g["agree"] + g["disagree"] + g["pass"],
                "agree": g["agree"],
                "disagree": g["disagree"],
                "pass": g["pass"],
                "support": g["share_agree"],
            }
            for g in item["breakdown"]["groups"]
        ],
    }


NOTES = {
    "answer": (
        "%(num)s answer from groups with fewer than %(k)s members (or from a group hidden so "
        "that no smaller group can be worked out) counts in the overall results but is not "
        "shown by group.",
        "%(num)s answers from groups with fewer than %(k)s members (or from a group hidden so "
        "that no smaller group can be worked out) count in the overall results but are not "
        "shown by group.",
    ),
    "vote": (
        "%(num)s vote from groups with fewer than %(k)s members (or from a group hidden so "
        "that no smaller group can be worked out) counts in the overall results but is not "
        "shown by group.",
        "%(num)s votes from groups with fewer than %(k)s members (or from a group hidden so "
        "that no smaller group can be worked out) count in the overall results but are not "
        "shown by group.",
    ),
}


def _note(held: int, what: str, w: Wording) -> str | None:
    """Why some answers are not broken down by group, or None when all are."""
    if not held:
        return None
    singular, plural = NOTES[what]
    return w.plural(singular, plural, held, k=current_app.config["ANONYMITY_K"])


def _recommendations(event: Event, lang: str, w: Wording) -> tuple[list, dict | None, str]:
    """The closing priority vote's options in Borda order, where it came from, and a note."""
    closing = None
    for room in event.rooms:
        if room.kind != "plenary":
            continue
        for prompt in room.prompts:
            if prompt.kind == "priority" and prompt.state == "closed":
                results = payloads.results(prompt)
                if results["summary"]["n"]:
                    closing = (room, prompt, results["summary"])
    if closing is None:
        return (
            [],
            None,
            w.text("No closing priority vote: the plenary has no closed priority prompt."),
        )
    room, prompt, summary = closing
    text, settings = localized(prompt, lang)
    options = settings["options"]
    by_index = {o["index"]: o for o in summary["options"]}
    bordas = [by_index[index]["borda"] for index in summary["order"]]
    ranked = [
        {
            # Options with the same Borda total share a place: a tie names no winner.
            "rank": 1 + sum(other > by_index[index]["borda"] for other in bordas),
            "index": index,
            "text": options[index],
            "borda": by_index[index]["borda"],
            "score": by_index[index]["score"],
            "share_first": by_index[index]["share_first"],
            "mean_position": by_index[index]["mean_position"],
        }
        for index in summary["order"]
    ]
    source = {
        "room_id": room.id,
        "room": room.name_in(lang),
        "prompt_id": prompt.id,
        "text": text,
        "n": summary["n"],
    }
    note = w.plural(
        "The options in the order the closing vote in %(room)s ranked them (%(num)s ballot).",
        "The options in the order the closing vote in %(room)s ranked them (%(num)s ballots).",
        summary["n"],
        room=room.name_in(lang),
    )
    return ranked, source, note


def _barometer(event: Event, names: dict, lang: str) -> list:
    """The trust barometer: every started pre/post pair with its shift (services/barometer.py).

    Each item is barometer.event_barometers' {"pre", "post", "shift"}, each shown group of the
    shift also carrying its "name".
    """
    pairs = []
    for pair in barometer.event_barometers(event):
        if pair["post"]["state"] == "draft":
            continue
        for side in ("pre", "post"):
            prompt = db.session.get(Prompt, pair[side]["id"])
            pair[side]["text"] = localized(prompt, lang)[0]
            pair[side]["room"] = prompt.room.name_in(lang)
        shift = pair["shift"]
        if shift is not None:
            for group in shift["breakdown"]["groups"]:
                group["name"] = names[group["group"]]
        pairs.append(pair)
    return pairs
