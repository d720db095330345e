"""Admission in the console: open or seat cards, the seat capacity, and printing seat cards.

Cards are printed as a PDF sheet made at the moment they are created: their codes exist only in
that download (the server keeps keyed hashes), so a sheet cannot be printed again later.
"""

import base64
import secrets
from pathlib import Path

import segno
from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from facilitator.models import Event
from facilitator.models.event import OPEN, SEAT_CARDS
from facilitator.pdf import PdfError, html_to_pdf
from facilitator.services import ServiceError, admission, payloads, unit
from facilitator.web.dashboard import load_event
from facilitator.web.forms import ConfirmForm, sentence

bp = Blueprint("seats", __name__, url_prefix="/console/events")

URDU_FONT = (
    Path(__file__).resolve().parents[2]
    / "static"
    / "vendor"
    / "fonts"
    / "noto-nastaliq-urdu-arabic-400-normal.woff2"
)


class AdmissionForm(FlaskForm):
    """The event's admission mode and seat capacity."""

    mode = RadioField(
        _l("Admission"),
        choices=[
            SelectChoice(OPEN, _l("Open: any phone with the join code")),
            SelectChoice(SEAT_CARDS, _l("Seat cards: one phone per printed card")),
        ],
        validators=[InputRequired()],
    )
    capacity = IntegerField(
        _l("Seats in the hall"),
        validators=[Optional(), NumberRange(min=1, max=admission.MAX_CAPACITY)],
    )


class PrintCardsForm(FlaskForm):
    """How many new seat cards to print."""

    count = IntegerField(
        _l("Cards to print"),
        validators=[InputRequired(), NumberRange(min=1, max=admission.MAX_CARDS_AT_ONCE)],
    )


@bp.before_request
@login_required
def _require_login():
    """Admission settings are for logged-in organisers and the event's moderators only."""


@bp.app_context_processor
def _admission_globals():
    """Console pages show the capacity alert (templates/console/_capacity_alert.html)."""
    return {"admission_figures": admission.figures}


def seats_panel(event: Event) -> dict:
    """What the dashboard's admission panel needs: the figures and its three forms."""
    return {
        "admission": admission.figures(event),
        "admission_form": AdmissionForm(
            formdata=None, mode=event.admission_mode, capacity=event.capacity
        ),
        "print_form": PrintCardsForm(formdata=None, count=50),
        "withdraw_form": ConfirmForm(formdata=None),
    }


def _back(event: Event):
    return redirect(url_for("dashboard.show", event_id=event.id, _anchor="admission"))


def _form_errors(form: FlaskForm) -> None:
    for errors in form.errors.values():
        for error in errors:
            flash(sentence(str(error)), "error")


@bp.route("/<int:event_id>/admission", methods=["POST"])
def configure(event_id: int):
    """Set open admission or seat cards, and the seat capacity that raises an alert."""
    event = load_event(event_id)
    form = AdmissionForm()
    if not form.validate():
        _form_errors(form)
        return _back(event)
    try:
        admission.configure(event, form.mode.data, form.capacity.data, current_user)
        unit.commit()
    except ServiceError as error:
        unit.rollback()
        flash(sentence(error.message), "error")
    else:
        flash(_("Admission saved."), "success")
    return _back(event)


@bp.route("/<int:event_id>/seat-cards", methods=["POST"])
def print_cards(event_id: int):
    """Create N new seat cards and download them as a PDF sheet, the only copy of their codes."""
    event = load_event(event_id)
    form = PrintCardsForm()
    if not form.validate():
        _form_errors(form)
        return _back(event)
    if not event.rooms:
        abort(400, "The event has no room for the cards to open.")
    # The sheet first, with no transaction open while it is laid out (seconds, in a child
    # process); the cards are stored only once it exists, so no card exists that nobody holds.
    codes = admission.new_codes(form.count.data)
    html = cards_html(event, codes)
    unit.rollback()
    try:
        content = html_to_pdf(html)
        admission.store_cards(event, codes, current_user)
        unit.commit()
    except (ServiceError, PdfError) as error:
        unit.rollback()
        message = getattr(error, "message", None) or _("The PDF could not be made; try again.")
        flash(sentence(message), "error")
        return _back(event)
    response = Response(content, mimetype="application/pdf")
    filename = f"seat-cards-event-{event.id}-{len(codes)}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:event_id>/seat-cards/withdraw", methods=["POST"])
def withdraw(event_id: int):
    """Void every unused card of the event, say after a sheet was lost."""
    event = load_event(event_id)
    if not ConfirmForm().validate():
        abort(400, "The form expired; reload the page and try again.")
    voided = admission.withdraw_unused(event, current_user)
    unit.commit()
    flash(
        ngettext("%(num)d unused card withdrawn.", "%(num)d unused cards withdrawn.", voided),
        "success",
    )
    return _back(event)


def entry_room(event: Event):
    """The room a seat card's QR code opens: the plenary, else the event's first room."""
    return next((room for room in event.rooms if room.kind == "plenary"), event.rooms[0])


def card_qr(join_url: str, code: str) -> str:
    """A card's QR code (PNG data URI): the room's phone page with the card in its fragment.

    The fragment never reaches the server or a proxy's log; the phone page reads it.
    """
    return segno.make(f"{join_url}#seat={code}", error="m").png_data_uri(scale=6, border=2)


def cards_html(event: Event, codes: list[str]) -> str:
    """The printable sheet: one card per code, in shuffled order, each with its QR code."""
    room = entry_room(event)
    base = payloads.join_url(room)
    shuffled = list(codes)
    secrets.SystemRandom().shuffle(shuffled)
    cards = [{"code": code, "qr": card_qr(base, code)} for code in shuffled]
    font = base64.b64encode(URDU_FONT.read_bytes()).decode() if URDU_FONT.exists() else None
    return render_template(
        "console/seat_cards.html",
        event=event,
        room=room,
        join_url=base,
        cards=cards,
        urdu_font=font,
    )
