"""Moderator console."""

from flask import Blueprint

bp = Blueprint("console", __name__, url_prefix="/console")


@bp.route("/")
def index():
    """List the rooms this moderator runs."""
    return "console"
