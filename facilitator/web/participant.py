"""The participant's phone: join by code or QR link, then one live page per room."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from facilitator.extensions import csrf
from facilitator.i18n import translate_error
from facilitator.services import ServiceError, admission, participation

bp = Blueprint("participant", __name__)


@bp.route("/", methods=["GET", "POST"])
@csrf.exempt  # only looks a code up and redirects: nothing to forge, and phones may block cookies
def join():
    """Ask for a room's join code and go to its phone page."""
    error = seat_error = None
    code = ""
    seat = (request.form.get("seat") or "").strip()[:40]
    if request.method == "POST":
        code = (request.form.get("code") or "").strip().upper().replace(" ", "").replace("-", "")
        card = admission.normalise_card(seat) if seat else None
        if seat and card is None:
            seat_error = _(
                "A seat card code has 12 letters and digits, for example %(code)s.",
                code="K7QM-3XWD-9PHT",
            )
        if not code:
            error = _("Type the code shown on the screen.")
        elif len(code) != 6:
            error = _("A room code has 6 characters.")
        elif not seat_error:
            try:
                room = participation.find_room(code)
                # The card travels in the fragment: the phone page presents it, no log sees it.
                anchor = f"seat={card}" if card else None
                return redirect(url_for("participant.room", code=room.code, _anchor=anchor))
            except ServiceError as failure:
                error = translate_error(failure.code, failure.message)
    status = 400 if error or seat_error else 200
    page = render_template(
        "phone/join.html", error=error, code=code, seat=seat, seat_error=seat_error
    )
    return page, status


@bp.route("/j/<code>")
def room(code: str):
    """The live phone page of one room (the QR code points here)."""
    try:
        room = participation.find_room(code)
    except ServiceError as failure:
        error = translate_error(failure.code, failure.message)
        return render_template("phone/join.html", error=error, code=code[:16]), 404
    return render_template("phone/room.html", room=room)
