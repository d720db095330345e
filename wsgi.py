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

from facilitator import create_app  # noqa: E402
from facilitator.extensions import socketio  # noqa: E402

app = create_app()
# Changes made over HTTP (agenda edits) reach screens even before any socket has connected.
app.extensions["broadcaster"].start()
app.extensions["pacer"].start()


def serve() -> None:
    """Serve on HOST:PORT with the configured worker; access logs (client addresses) are off."""
    host, port = app.config["HOST"], app.config["PORT"]
    if app.config["PUBLIC_URL_MISSING"]:
        raise SystemExit(
            f"HOST={host} listens on every network, but phones need the one address they reach.\n"
            f"Set PUBLIC_URL too, e.g. HOST={host} PUBLIC_URL=http://192.168.1.20:{port} make run"
        )
    options = {"log_output": False}
    if ASYNC_MODE == "eventlet":
        options["max_size"] = int(os.environ.get("MAX_CONNECTIONS", "10000"))
    gc.collect()
    gc.freeze()  # start-up objects never change: keep them out of every collection
    print(f"Facilitator serving on http://{host}:{port} ({ASYNC_MODE})", flush=True)
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, **options)


if __name__ == "__main__":
    serve()
