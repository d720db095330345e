"""The projector screen of a room and its QR code."""

import io

import segno
from flask import Blueprint, Response, abort, render_template

from facilitator import i18n
from facilitator.models import Room
from facilitator.services import families, payloads, unit

bp = Blueprint("projector", __name__)


def _room_or_404(code: str) -> Room:
    room = unit.room_by_code(code)
    if room is None:
        abort(404, "No room has this code.")
    return room


@bp.route("/screen/<code>")
def screen(code: str):
    """The live projector page: join code, QR, the current prompt and revealed results."""
    room = _room_or_404(code)
    i18n.use_language(room.language)
    return render_template("projector/screen.html", room=room, join_url=payloads.join_url(room))


@bp.route("/screen/<code>/rollup/<family>")
def rollup(code: str, family: str):
    """The roll-up of a shared prompt: the event's rooms side by side, each once revealed."""
    room = _room_or_404(code)
    if not families.family_prompts(room.event, family[:32]):
        abort(404, "No prompt of this event has this family.")
    i18n.use_language(room.language)
    return render_template("projector/rollup.html", room=room, family=family)


@bp.route("/qr/<code>.svg")
def qr(code: str):
    """An SVG QR code of the room's phone URL."""
    room = _room_or_404(code)
    buffer = io.BytesIO()
    segno.make(payloads.join_url(room), error="m").save(
        buffer, kind="svg", scale=10, border=2, dark="#000", light="#fff", xmldecl=False
    )
    response = Response(buffer.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
