"""Socket.IO: connection, thin event handlers and the one broadcaster."""

import warnings

from facilitator.extensions import socketio
from facilitator.realtime.broadcaster import Broadcaster
from facilitator.realtime.pacing import Pacer
from facilitator.realtime.packets import SafePacket
from facilitator.realtime.throttle import Throttle
from facilitator.realtime.welcome import WelcomeStates
from facilitator.services import changes, phones


def init_app(app) -> None:
    """Bind Socket.IO with the configured worker, origins, queue and size limit."""
    # eventlet announces its maintenance mode on import; docs/deployment.md covers the choice.
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    # Handlers register on import, before the server exists, so every app gets them.
    from facilitator.realtime import connection, handlers, moderator, participant  # noqa: F401

    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        cors_allowed_origins=app.config["SOCKETIO_ORIGINS"],
        message_queue=app.config["SOCKETIO_MESSAGE_QUEUE"],
        max_http_buffer_size=app.config["SOCKETIO_MAX_MESSAGE"],
        logger=False,
        engineio_logger=False,
        ping_interval=20,
        ping_timeout=20,
        serializer=SafePacket,
        # Each connection's events run one after another in its own reader: a flooding socket
        # waits on itself (and is refused and dropped by the throttle) instead of filling the
        # event loop with a task per message ahead of everyone else's.
        async_handlers=False,
    )
    app.extensions["throttle"] = Throttle(app.config)
    handlers.bind_direct(app)
    broadcaster = Broadcaster(app, socketio, app.config["BROADCAST_INTERVAL"])
    app.extensions["broadcaster"] = broadcaster
    app.extensions[phones.PHONE_COUNTER] = broadcaster.phones
    changes.subscribe(app, broadcaster.notice)
    app.extensions["welcome"] = WelcomeStates(app)
    # Countdowns that close their prompt: started with the broadcaster.
    app.extensions["pacer"] = Pacer(app, socketio)
