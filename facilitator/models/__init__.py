"""SQLAlchemy tables of Facilitator."""

from facilitator.models.admission import Admission, SeatCard
from facilitator.models.archive import EventArchive
from facilitator.models.audit import AuditEntry
from facilitator.models.event import Constituency, Event, Room, room_moderators
from facilitator.models.moderator import Moderator, ModeratorSession
from facilitator.models.prompt import Prompt, PromptState
from facilitator.models.response import Endorsement, Proposal, ProposalStatus, Response

__all__ = [
    "Admission",
    "AuditEntry",
    "Constituency",
    "Endorsement",
    "Event",
    "EventArchive",
    "Moderator",
    "ModeratorSession",
    "Prompt",
    "PromptState",
    "Proposal",
    "ProposalStatus",
    "Response",
    "Room",
    "SeatCard",
    "room_moderators",
]
