"""Entry point: `python wsgi.py` serves the app; `wsgi:app` is the app for other servers.

The async worker (eventlet or gevent) is chosen by ASYNC_MODE and patched in before anything
else is imported.
"""

import os
import warnings

ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    # eventlet is in maintenance mode and says so on import; docs/deployment.md covers the choice.
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    import eventlet

    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

import gc  # noqa: E402
import logging  # noqa: E402

from facilitator import create_app  # noqa: E402
from facilitator.extensions import socketio  # noqa: E402

app = create_app()
# Changes made over HTTP (agenda edits) reach screens even before any socket has connected.
app.extensions["broadcaster"].start()
app.extensions["pacer"].start()


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _refuse_published_password(host: str) -> None:
    """Serving beyond this machine while an account has the demo's published password: stop."""
    if host in LOOPBACK or host.startswith("127."):
        return
    from facilitator.cli import DEMO_PASSWORD
    from facilitator.services.accounts import accounts_with_password

    with app.app_context():
        exposed = accounts_with_password(DEMO_PASSWORD)
    if exposed:
        names = ", ".join(exposed)
        raise SystemExit(
            f"HOST={host} serves the hall's network, but {names} still has the demo's published "
            f"password.\nChange it first: .venv/bin/facilitator set-password {exposed[0]}"
        )


def _quiet_protocol():
    """eventlet's HTTP protocol without the error lines that name the client."""
    import eventlet.wsgi

    class QuietProtocol(eventlet.wsgi.HttpProtocol):
        def log_message(self, format, *args):
            """Nothing: a bad request line is refused with 400 and not logged with its address."""

    return QuietProtocol


def serve() -> None:
    """Serve on HOST:PORT with the configured worker; access logs (client addresses) are off."""
    host, port = app.config["HOST"], app.config["PORT"]
    if app.config["PUBLIC_URL_MISSING"]:
        raise SystemExit(
            f"HOST={host} listens on every network, but phones need the one address they reach.\n"
            f"Set PUBLIC_URL too, e.g. HOST={host} PUBLIC_URL=http://192.168.1.20:{port} make run"
        )
    _refuse_published_password(host)
    options = {"log_output": False}
    # The web servers' own error lines name the client's address (a malformed request, a reset
    # connection): they go to a logger that keeps nothing. The app logs its own errors without it.
    quiet = logging.getLogger("facilitator.transport")
    quiet.setLevel(logging.CRITICAL + 1)
    quiet.propagate = False
    if ASYNC_MODE == "eventlet":
        options["max_size"] = int(os.environ.get("MAX_CONNECTIONS", "10000"))
        options["log"] = quiet
        options["protocol"] = _quiet_protocol()
    elif ASYNC_MODE == "gevent":
        options["error_log"] = quiet
    gc.collect()
    gc.freeze()  # start-up objects never change: keep them out of every collection
    print(f"Facilitator serving on http://{host}:{port} ({ASYNC_MODE})", flush=True)
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, **options)


if __name__ == "__main__":
    serve()
