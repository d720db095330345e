"""Who may see, run and export what: one answer for the web pages, sockets and services."""

from facilitator.models import Event, Moderator, Room


def may_run(moderator: Moderator, room: Room) -> bool:
    """Whether the moderator may control the room: an organiser, or one of its moderators."""
    return bool(getattr(moderator, "is_admin", False)) or moderator in room.moderators


def may_view_event(moderator: Moderator, event: Event) -> bool:
    """Whether the moderator may see the event: an organiser, or a moderator of one of its rooms."""
    return any(may_run(moderator, room) for room in event.rooms)


def rooms_run_by(moderator: Moderator, event: Event) -> list[Room]:
    """The event's rooms this moderator runs (every room for an organiser), in event order."""
    return [room for room in event.rooms if may_run(moderator, room)]


class EventScope:
    """An event seen through the rooms one moderator may export; everything else is the event's.

    Reports and data files read `event.rooms`: a moderator of one breakout gets that breakout
    only, never another room's unrevealed results or answer rows; an organiser gets them all.
    """

    def __init__(self, event: Event, rooms: list[Room]):
        self._event = event
        self.rooms = rooms
        self.is_whole_event = len(rooms) == len(event.rooms)

    def __getattr__(self, name):
        return getattr(self._event, name)


def export_scope(moderator: Moderator, event: Event) -> EventScope:
    """The part of the event this moderator may export."""
    return EventScope(event, rooms_run_by(moderator, event))
