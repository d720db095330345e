"""What the connect handler learned about each live connection: role, room, token.

Kept per process by socket id (a connection lives on one process), so that a phone's events
need neither Flask's session nor a request context.
"""

import threading

_connections: dict[str, dict] = {}
_lock = threading.Lock()


def remember(sid: str, info: dict) -> None:
    """Keep what this connection is allowed to do until it disconnects."""
    with _lock:
        _connections[sid] = info


def get(sid: str) -> dict | None:
    """What this connection is, or None for one that never completed its connect."""
    return _connections.get(sid)


def forget(sid: str) -> dict | None:
    """Drop a connection that ended; what it was."""
    with _lock:
        return _connections.pop(sid, None)


def items() -> list[tuple[str, dict]]:
    """Every live connection of this process, as (socket id, what it is)."""
    with _lock:
        return list(_connections.items())
