"""Blueprints: auth, moderator console, participant phone, projector."""

from flask import render_template
from flask_babel import lazy_gettext

from facilitator.extensions import db, login_manager
from facilitator.models import Moderator


def init_app(app) -> None:
    """Register every blueprint, the login loader and the error pages."""
    from facilitator.web import (
        audit,
        auth,
        console,
        dashboard,
        delivery,
        exports,
        participant,
        projector,
        seats,
    )

    for module in (auth, console, participant, projector, audit, exports, dashboard, seats):
        app.register_blueprint(module.bp)
    delivery.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = lazy_gettext("Log in to moderate.")

    @login_manager.user_loader
    def load_moderator(moderator_id: str):
        return db.session.get(Moderator, int(moderator_id)) if moderator_id.isdigit() else None

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            "connect-src 'self' ws: wss:; frame-ancestors 'none'",
        )
        return response

    @app.errorhandler(429)
    def too_many_requests(error):
        """A client over its per-address limit: say to wait; Retry-After says how long."""
        error.description = lazy_gettext(
            "Too many requests from your network just now. Wait a few seconds and try again."
        )
        page = render_template("error.html", status=429, title="Too many requests", error=error)
        return page, 429

    for status, title in (
        (400, "Bad request"),
        (403, "Not allowed"),
        (404, "Not found"),
        (413, "Too large"),
        (500, "Something went wrong"),
    ):
        app.register_error_handler(
            status,
            lambda error, status=status, title=title: (
                render_template("error.html", status=status, title=title, error=error),
                status,
            ),
        )
