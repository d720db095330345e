"""The ceiling E: a bare Flask-SocketIO server of the same async mode that only acknowledges.

It speaks the same protocol as Facilitator for what the load harness sends (a participant or
screen connect with an `auth` object, `response:submit` acked with the answer, `bench:reveal`
that emits one `state` to every connection), but keeps nothing and checks nothing. What
Facilitator does beyond it (validation, the database, broadcasting) is the difference the
harness measures.

    .venv/bin/python benchmarks/ceiling.py --port 5900 --mode eventlet
"""

import argparse
import os
import warnings

MODE = os.environ.get("ASYNC_MODE", "eventlet")
if MODE == "eventlet":
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    import eventlet

    eventlet.monkey_patch()
else:
    from gevent import monkey

    monkey.patch_all()

import logging  # noqa: E402

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode=MODE, cors_allowed_origins="*", logger=False)
# A revealed prompt's state, about the size of Facilitator's.
REVEALED_STATE = {
    "current_prompt_id": 1,
    "prompt": {
        "id": 1,
        "kind": "position",
        "text": "I trust that the other side's stated intentions match its actions." * 2,
        "state": "open",
        "revealed": True,
        "counts": {"responses": 2000},
        "results": {"summary": {"n": 2000, "counts": [280, 290, 300, 260, 300, 290, 280]}},
    },
}


@socketio.on("connect")
def connect(auth=None):
    """Accept every connection."""
    return True


@socketio.on("response:submit")
def submit(data):
    """Acknowledge the answer as Facilitator does, keeping nothing."""
    return {
        "ok": True,
        "prompt_id": data.get("prompt_id"),
        "client_id": data.get("client_id"),
        "value": data.get("value"),
    }


@socketio.on("bench:reveal")
def reveal(data=None):
    """Emit one revealed state to every connection: the bare fan-out."""
    socketio.emit("state", REVEALED_STATE)
    return {"ok": True}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    quiet = logging.getLogger("ceiling.transport")
    quiet.setLevel(logging.CRITICAL + 1)
    options = {"log_output": False}
    if MODE == "eventlet":
        options.update(max_size=10000, log=quiet)
    else:
        options.update(error_log=quiet)
    print(f"ceiling serving on http://127.0.0.1:{args.port} ({MODE})", flush=True)
    socketio.run(app, host="127.0.0.1", port=args.port, allow_unsafe_werkzeug=True, **options)


if __name__ == "__main__":
    main()
