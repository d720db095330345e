"""Moderator login and logout."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from facilitator.extensions import db
from facilitator.models import Moderator

bp = Blueprint("auth", __name__)


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
    """Show the login form and log a moderator in."""
    form = LoginForm()
    if form.validate_on_submit():
        moderator = db.session.scalar(
            select(Moderator).where(Moderator.username == form.username.data.strip())
        )
        if moderator and moderator.check_password(form.password.data):
            login_user(moderator)
            return redirect(_safe_next(request.args.get("next")))
        flash(_("Unknown username or wrong password."), "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 400


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Log the moderator out."""
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))
