"""The participant's phone: join by code or QR link, then one live page per room."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from facilitator.extensions import csrf
from facilitator.i18n import translate_error
from facilitator.services import ServiceError, participation

bp = Blueprint("participant", __name__)


@bp.route("/", methods=["GET", "POST"])
@csrf.exempt  # only looks a code up and redirects: nothing to forge, and phones may block cookies
def join():
    """Ask for a room's join code and go to its phone page."""
    error = None
    code = ""
    if request.method == "POST":
        code = (request.form.get("code") or "").strip().upper().replace(" ", "").replace("-", "")
        if not code:
            error = _("Type the code shown on the screen.")
        elif len(code) != 6:
            error = _("A room code has 6 characters.")
        else:
            try:
                room = participation.find_room(code)
                return redirect(url_for("participant.room", code=room.code))
            except ServiceError as failure:
                error = translate_error(failure.code, failure.message)
    status = 400 if error else 200
    return render_template("phone/join.html", error=error, code=code), status


@bp.route("/j/<code>")
def room(code: str):
    """The live phone page of one room (the QR code points here)."""
    try:
        room = participation.find_room(code[:16])
    except ServiceError as failure:
        error = translate_error(failure.code, failure.message)
        return render_template("phone/join.html", error=error, code=code[:16]), 404
    return render_template("phone/room.html", room=room)
