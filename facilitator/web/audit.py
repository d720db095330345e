"""The audit log page of an event: who did what, when, in which room; with a CSV export.

Only the event's moderators and organisers may read it. It names moderators (they are
accountable) and never participants.
"""

from flask import Blueprint, Response, abort, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from facilitator.models import Event
from facilitator.services import access, audit, audit_view, unit

bp = Blueprint("audit", __name__, url_prefix="/console/events")

ACTION_LABELS = {
    "prompt_open": _l("Opened prompt"),
    "prompt_close": _l("Closed prompt"),
    "results_reveal": _l("Revealed results"),
    "results_hide": _l("Hid results"),
    "present": _l("Put prompt on screen"),
    "present_join_screen": _l("Showed the join screen"),
    "approve": _l("Approved proposal"),
    "hide": _l("Hid proposal"),
    "restore": _l("Restored proposal"),
    "highlight": _l("Highlighted proposal"),
    "unhighlight": _l("Removed highlight"),
    "merge": _l("Merged duplicates into proposal"),
    "unmerge": _l("Unmerged proposal"),
    "proposal_edit": _l("Corrected proposal text"),
    "promote": _l("Promoted proposals into prompt"),
    "prompt_add": _l("Added prompt"),
    "prompt_edit": _l("Edited prompt"),
    "prompt_delete": _l("Deleted prompt"),
    "prompt_move": _l("Moved prompt"),
    "agenda_import": _l("Imported the agenda"),
    "set_language": _l("Set the projector's language"),
    "screen_rollup": _l("Showed the roll-up on the projector"),
    "screen_room": _l("Put the room back on the projector"),
    "export": _l("Downloaded the report or data"),
    "sign_in_failed": _l("Failed sign-in"),
}


@bp.before_request
@login_required
def _require_login():
    """The audit log is for logged-in moderators only."""


def load_event(event_id: int) -> Event:
    """The event if the current moderator runs one of its rooms or is an organiser; else 404/403."""
    event = unit.event(event_id)
    if event is None:
        abort(404, "No event has this number.")
    if not access.may_view_event(current_user, event):
        abort(403, "Only the event's moderators and organisers may read its audit log.")
    return event


def _targets(entries) -> dict:
    """Readable names of what the entries act on: agenda items and proposals (shown, not stored)."""
    names = {}
    for entry in entries:
        key = (entry.target_type, entry.target_id)
        if key not in names:
            names[key] = audit_view.target_label(entry.target_type, entry.target_id)
    return names


@bp.route("/<int:event_id>/audit")
def event_log(event_id: int):
    """Every moderator action of the event, newest first."""
    event = load_event(event_id)
    entries = list(reversed(audit.entries(event)))
    return render_template(
        "console/audit.html",
        event=event,
        entries=entries,
        rooms={room.id: room for room in event.rooms},
        targets=_targets(entries),
        labels=ACTION_LABELS,
        describe=audit_view.readable_detail,
    )


@bp.route("/<int:event_id>/audit.csv")
def event_log_csv(event_id: int):
    """The event's audit log as a CSV file, oldest first."""
    event = load_event(event_id)
    return Response(
        "\ufeff" + audit.csv_text(event, audit_view.readable_detail),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=audit-event-{event.id}.csv"},
    )
