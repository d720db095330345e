"""The event dashboard: every room of an event live, for organisers and the event's moderators."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from facilitator import i18n
from facilitator.models import Event
from facilitator.services import ServiceError, dashboard, families, screen, unit
from facilitator.services.wording import wording
from facilitator.web.forms import KIND_LABELS, ConfirmForm, sentence

bp = Blueprint("dashboard", __name__, url_prefix="/console/events")


@bp.before_request
@login_required
def _require_login():
    """Every dashboard page is for logged-in moderators only."""


@bp.context_processor
def _dashboard_globals():
    return {"kind_labels": KIND_LABELS}


def load_event(event_id: int) -> Event:
    """The event if the current moderator may see its dashboard; else 404 or 403."""
    event = unit.event(event_id)
    if event is None:
        abort(404, "No event has this id.")
    if not dashboard.may_view(current_user, event):
        abort(403, "Only the organisers and this event's moderators see its dashboard.")
    return event


@bp.route("/<int:event_id>")
def show(event_id: int):
    """The live overview of every room: its prompt now, participation, pending proposals."""
    from facilitator.web.seats import seats_panel  # seats builds on load_event

    event = load_event(event_id)
    summary = dashboard.event_summary(event)
    plenary = next((room for room in event.rooms if room.kind == "plenary"), None)
    return render_template(
        "console/dashboard.html",
        event=event,
        summary=summary,
        families=families.event_families(event),
        screen_code=(plenary or (event.rooms or [None])[0]).code if event.rooms else None,
        plenary=plenary if plenary is not None and current_user.can_moderate(plenary) else None,
        action_form=ConfirmForm(formdata=None),
        **seats_panel(event),
    )


@bp.route("/<int:event_id>/families/<family>/open", methods=["POST"])
def open_family(event_id: int, family: str):
    """Open a shared prompt in every room of it this moderator runs.

    When that closes a prompt open in one of those rooms, the moderator first sees which, and
    confirms (the form comes back with `confirmed=1`).
    """
    event = load_event(event_id)
    if not ConfirmForm().validate():
        abort(400, "The form expired; reload the page and try again.")
    try:
        if request.form.get("confirmed") != "1":
            closing = families.would_close(event, family, current_user)
            if closing:
                return render_template(
                    "console/confirm_open.html",
                    event=event,
                    family=family,
                    prompt_text=families.load_family(event, family)[0].text,
                    closing=closing,
                    action_form=ConfirmForm(formdata=None),
                )
        opened, already = families.open_family(event, family, current_user)
        unit.commit()
    except ServiceError as error:
        unit.rollback()
        flash(sentence(i18n.known_text(error.message)), "error")
    else:
        flash(_opened_message(opened, already), "success")
    return redirect(url_for("dashboard.show", event_id=event.id))


def _opened_message(opened: list, already: list) -> str:
    """Where a shared prompt was opened, and where it already was, in the page's language."""
    lang = i18n.current()
    separator = wording(lang).separator

    def names(rooms: list) -> str:
        return separator.join(room.name_in(lang) for room in rooms)

    message = _("Opened in %(rooms)s.", rooms=names(opened)) if opened else _("Opened in no room.")
    if already:
        message += " " + _("Already open in %(rooms)s.", rooms=names(already))
    return message


@bp.route("/<int:event_id>/screen", methods=["POST"])
def screen_rollup(event_id: int):
    """Put a shared prompt's roll-up on the plenary's projector (`family`), or the room back."""
    event = load_event(event_id)
    if not ConfirmForm().validate():
        abort(400, "The form expired; reload the page and try again.")
    room = next((r for r in event.rooms if r.code == request.form.get("room")), None)
    if room is None:
        abort(404, "No room of this event has this code.")
    if not current_user.can_moderate(room):
        abort(403, "Only this room's moderators choose what its projector shows.")
    family = request.form.get("family") or None
    try:
        screen.show_rollup(room, family, current_user)
        unit.commit()
    except ServiceError as error:
        unit.rollback()
        flash(sentence(i18n.known_text(error.message)), "error")
    else:
        name = room.name_in(i18n.current())
        flash(
            _("The roll-up is on the projector of %(room)s.", room=name)
            if family
            else _("The projector of %(room)s shows the room again.", room=name),
            "success",
        )
    return redirect(url_for("dashboard.show", event_id=event.id))
