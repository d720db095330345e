"""Moderator sign-in, logout and "sign out everywhere" (services/accounts.py does the work)."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from facilitator.realtime import signout
from facilitator.services import ServiceError, accounts, unit

bp = Blueprint("auth", __name__)
SESSION_TOKEN = "moderator_session"


class LoginForm(FlaskForm):
    """Username and password of a moderator."""

    username = StringField("Username", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)])


def _safe_next(target: str | None) -> str:
    if target and not urlsplit(target).netloc and target.startswith("/"):
        return target
    return url_for("console.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form and sign a moderator in."""
    form = LoginForm()
    status = 200 if request.method == "GET" else 400
    if form.validate_on_submit():
        try:
            moderator, token = accounts.sign_in(
                form.username.data, form.password.data, request.remote_addr
            )
        except ServiceError as error:
            unit.commit()  # the failed attempt stays in the audit log
            status = 429 if error.code == "throttled" else 400
            message = (
                _("Too many failed sign-ins. Wait a few minutes and try again.")
                if error.code == "throttled"
                else _("Unknown username or wrong password.")
            )
            flash(message, "error")
        else:
            unit.commit()
            session[SESSION_TOKEN] = token
            login_user(moderator)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """End this browser's session (its cookie no longer works) and its open consoles."""
    token = session.get(SESSION_TOKEN)
    accounts.end_session(token)
    unit.commit()
    signout.disconnect_session(token)
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/logout/everywhere", methods=["POST"])
@login_required
def logout_everywhere():
    """End every session of this moderator, on every device, and their open consoles."""
    moderator = current_user._get_current_object()
    accounts.end_all_sessions(moderator)
    unit.commit()
    signout.disconnect_moderator(moderator.id)
    logout_user()
    session.clear()
    flash(_("You are signed out on every device."), "info")
    return redirect(url_for("auth.login"))
