"""Blueprints: auth, moderator console, participant phone, projector."""

from flask import render_template, request, session
from flask_babel import lazy_gettext

from facilitator.extensions import login_manager
from facilitator.services import accounts


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
        """The signed-in moderator, while the server-side session behind the cookie lives."""
        if not moderator_id.isdigit():
            return None
        on_socket = getattr(request, "sid", None) is not None
        return accounts.session_moderator(
            int(moderator_id), session.get(auth.SESSION_TOKEN), touch=not on_socket
        )

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.is_secure and app.config.get("HSTS_SECONDS"):
            response.headers.setdefault(
                "Strict-Transport-Security", f"max-age={app.config['HSTS_SECONDS']}"
            )
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
