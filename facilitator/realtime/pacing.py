"""The countdown's background task: about once a second, close the prompts whose time is up.

Closing goes through services (pacing.close_due → control.close_prompt) and a commit, so the
broadcaster pushes the new state like any other change; this module never sends to sockets.
"""

from facilitator.realtime.periodic import Periodic
from facilitator.services import pacing, unit


class Pacer:
    """Runs pacing.close_due every interval in a background task (once per process)."""

    def __init__(self, app, socketio, interval: float = 1.0):
        self.app = app
        self.socketio = socketio
        self.interval = interval
        self._loop = Periodic(socketio, interval, self.tick, "closing due prompts")

    def start(self) -> None:
        """Start the background loop (a second call does nothing)."""
        self._loop.start()

    def tick(self) -> list[int]:
        """Close the prompts whose countdown has ended; their ids."""
        with self.app.app_context():
            try:
                return pacing.close_due()
            finally:
                unit.release()
