"""Moderator login, logout and "sign out everywhere"; revoked sessions lose their sockets."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from facilitator.extensions import db, socketio
from facilitator.models import Moderator
from facilitator.services import ServiceError, accounts

bp = Blueprint("auth", __name__)
# The Flask session key holding the moderator session's token.
SESSION_TOKEN = "moderator_session"


class LoginForm(FlaskForm):
    """Username and password of a moderator."""

    username = StringField("Username", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)])


def session_room(session_id: int) -> str:
    """The Socket.IO room of one signed-in browser's sockets."""
    return f"moderator-session:{session_id}"


def moderator_room(moderator_id: int) -> str:
    """The Socket.IO room of every socket of one moderator."""
    return f"moderator:{moderator_id}"


def current_session():
    """The live ModeratorSession of this request's cookie, or None."""
    return accounts.find_session(session.get(SESSION_TOKEN))


def load_moderator(moderator_id: str) -> Moderator | None:
    """Flask-Login's loader: the moderator only while the cookie's session record lives."""
    record = current_session()
    if record is None or str(record.moderator_id) != moderator_id:
        return None
    return db.session.get(Moderator, record.moderator_id)


def disconnect_sockets(room: str) -> None:
    """Tell a revoked session's sockets, then disconnect those this process holds."""
    from facilitator.realtime.events import _close

    socketio.emit("session:ended", {"reason": "signed_out"}, to=room)
    for sid, _eio in list(socketio.server.manager.get_participants("/", room)):
        _close(sid)


def _safe_next(target: str | None) -> str:
    if target and not urlsplit(target).netloc and target.startswith("/"):
        return target
    return url_for("console.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form and log a moderator in."""
    form = LoginForm()
    status = 200 if request.method == "GET" else 400
    if form.validate_on_submit():
        try:
            moderator = accounts.authenticate(
                form.username.data, form.password.data, request.remote_addr
            )
        except ServiceError as error:
            throttled = error.code == "rate_limited"
            flash(
                _("Too many failed sign-ins; wait a few minutes and try again.")
                if throttled
                else _("Unknown username or wrong password."),
                "error",
            )
            status = 429 if throttled else 400
        else:
            started = accounts.start_session(moderator)
            session[SESSION_TOKEN] = started.token
            login_user(moderator, remember=False)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Log the moderator out: the session record goes, with this browser's sockets."""
    record = accounts.end_session(session.get(SESSION_TOKEN))
    logout_user()
    session.pop(SESSION_TOKEN, None)
    if record is not None:
        disconnect_sockets(session_room(record.id))
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/logout/everywhere", methods=["POST"])
@login_required
def logout_everywhere():
    """End every session of this moderator, on every browser, and disconnect their sockets."""
    moderator_id = current_user.id
    accounts.end_all_sessions(current_user)
    logout_user()
    session.pop(SESSION_TOKEN, None)
    disconnect_sockets(moderator_room(moderator_id))
    flash(_("You are signed out on every device."), "info")
    return redirect(url_for("auth.login"))
