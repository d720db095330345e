"""Socket events a participant's phone sends."""

from facilitator.realtime.handlers import on_event
from facilitator.realtime.schema import Field
from facilitator.services import participation, unit

ANSWER = {
    "prompt_id": Field("id"),
    "client_id": Field("client_id"),
    "constituency_id": Field("id", required=False, nullable=True),
}


@on_event("response:submit", "participant", {**ANSWER, "value": Field("any", nullable=True)})
def submit_response(room, client, prompt_id, client_id, value, constituency_id):
    """Save or change this phone's answer to the open position or priority prompt."""
    stored = participation.submit_response(
        room, client["token"], prompt_id, client_id, value, constituency_id
    )
    return {"prompt_id": prompt_id, "client_id": client_id, "value": stored}


@on_event("proposal:submit", "participant", {**ANSWER, "text": Field("str", max_length=4000)})
def submit_proposal(room, client, prompt_id, client_id, text, constituency_id):
    """Add a proposal under the open proposal prompt."""
    proposal = participation.submit_proposal(
        room, client["token"], prompt_id, client_id, text, constituency_id
    )
    return {
        "prompt_id": prompt_id,
        "client_id": client_id,
        "proposal": {"id": proposal.id, "text": proposal.text, "status": proposal.status},
    }


@on_event(
    "endorsement:submit",
    "participant",
    {
        "proposal_id": Field("id"),
        "client_id": Field("client_id"),
        "vote": Field("str", max_length=16),
        "constituency_id": Field("id", required=False, nullable=True),
    },
)
def submit_endorsement(room, client, proposal_id, client_id, vote, constituency_id):
    """Save or change this phone's agree / disagree / pass on a proposal."""
    stored = participation.submit_endorsement(
        room, client["token"], proposal_id, client_id, vote, constituency_id
    )
    return {"proposal_id": proposal_id, "client_id": client_id, "vote": stored}


@on_event("participant:sync", "participant", {})
def sync(room, client):
    """This phone's own answers to the current prompt, after a prompt change or a wake-up."""
    return {"mine": participation.own_answers(unit.room(room.id), client["token"])}
