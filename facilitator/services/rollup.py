"""The roll-up: one prompt family's results, room by room, for the plenary projector.

Only what a room's own projector may show goes in: a room's results appear once revealed in
that room, and only when the room has at least k answers; its breakdown by constituency obeys
k with complementary suppression inside the room (services/payloads.py, domain/anonymity.py).
Nothing is added up across rooms, so no room can be recovered by subtraction.
"""

from flask import current_app

from facilitator.models import Event, Prompt
from facilitator.services import families, payloads, release

HIDDEN, FEW, SHOWN = "hidden", "few", "shown"
TOP_PROPOSALS = 3


def rollup(event: Event, family: str) -> dict:
    """The family's question and, per room, its participation and (when allowed) its results."""
    prompts = families.load_family(event, family)
    k = current_app.config["ANONYMITY_K"]
    first = prompts[0]
    return {
        "family": family,
        "event": {"id": event.id, "title": event.title},
        "kind": first.kind,
        "text": first.text,
        "settings": first.settings,
        "translations": first.translations or {},
        "k": k,
        "constituencies": [
            {
                "id": c.id,
                "name": c.name,
                "undisclosed": c.is_undisclosed,
                "translations": c.translations or {},
            }
            for c in event.constituencies
        ],
        "rooms": [room_results(prompt, k) for prompt in prompts],
    }


def room_results(prompt: Prompt, k: int) -> dict:
    """One room's column: always its counts; its results only when revealed and n >= k."""
    room = prompt.room
    part = {
        # No join code: the roll-up is on the plenary's screen, and a breakout's code is its own.
        "room": {
            "id": room.id,
            "name": room.name,
            "translations": room.translations or {},
            "kind": room.kind,
        },
        "prompt_id": prompt.id,
        "state": prompt.state,
        "revealed": prompt.results_revealed,
        "counts": payloads.counts(prompt),
        "status": HIDDEN,
    }
    if not prompt.results_revealed:
        return part
    results = release.public_results(prompt, payloads.results(prompt))
    if results is None:  # open, and fewer than k answers to show yet
        part["status"] = FEW
        return part
    if prompt.kind == "proposal":
        shown = [item for item in results["proposals"] if item["votes"] >= k]
        if not shown:
            part["status"] = FEW
            return part
        part["proposals"] = [
            {
                "text": item["text"],
                "votes": item["votes"],
                "share_agree": item["agree"] / item["votes"],
                "support_across_groups": item["support_across_groups"],
                "breakdown": item["breakdown"],
            }
            for item in shown[:TOP_PROPOSALS]
        ]
    else:
        if results["summary"]["n"] < k:
            part["status"] = FEW
            return part
        part["summary"] = results["summary"]
        part["breakdown"] = results["breakdown"]
    part["status"] = SHOWN
    return part
