"""Facilitator: live structured dialogue for workshops where trust is scarce."""

import logging
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config_object=None, **overrides) -> Flask:
    """Build the app: configuration, extensions, blueprints and real-time handlers."""
    from config import INSTANCE_DIR, Config

    app = Flask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        static_folder=str(ROOT / "static"),
        template_folder=str(ROOT / "templates"),
    )
    app.config.from_object(config_object or Config)
    app.config.update(overrides)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    instance.chmod(0o700)  # the database, secrets and keys inside are ours alone
    _quiet_request_logs()

    from facilitator import cli, database, i18n, i18n_js, limits, realtime, web
    from facilitator.extensions import csrf, db, login_manager, migrate

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    limits.init_app(app)
    i18n.init_app(app)
    i18n_js.init_app(app)
    web.init_app(app)
    realtime.init_app(app)
    cli.init_app(app)
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies:  # outermost, so that sockets see the scheme, host and address the proxy saw
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
    return app


def _quiet_request_logs() -> None:
    """Access logs carry client addresses: participants' IPs are never logged."""
    for name in ("werkzeug", "engineio.server", "socketio.server", "geventwebsocket.handler"):
        logging.getLogger(name).setLevel(logging.ERROR)
