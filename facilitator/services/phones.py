"""Phones connected to a room now, counted by the real-time server over every worker.

Only a count of open connections: nothing is stored or logged per phone.
"""

from flask import current_app

PHONE_COUNTER = "count_phones"  # app.extensions: room id -> phones connected, every worker


def connected_phones(room_id: int) -> int | None:
    """Phones connected to a room now, over every worker; None where nothing counts them (a
    process without the real-time server, such as the CLI)."""
    count = current_app.extensions.get(PHONE_COUNTER)
    return count(room_id) if count is not None else None
