"""The countdown's background task: about once a second, close the prompts whose time is up.

Closing goes through services (pacing.close_due → control.close_prompt) and a commit, so the
broadcaster pushes the new state like any other change; this module never sends to sockets.
"""

import logging
import threading

from facilitator.extensions import db
from facilitator.services import pacing

log = logging.getLogger(__name__)


class Pacer:
    """Runs pacing.close_due every interval in a background task (once per process)."""

    def __init__(self, app, socketio, interval: float = 1.0):
        self.app = app
        self.socketio = socketio
        self.interval = interval
        self._lock = threading.Lock()
        self._started = False

    def start(self) -> None:
        """Start the background loop (a second call does nothing)."""
        with self._lock:
            if self._started:
                return
            self._started = True
        self.socketio.start_background_task(self._run)

    def _run(self) -> None:
        while True:
            self.socketio.sleep(self.interval)
            try:
                self.tick()
            except Exception:  # keep pacing whatever one round hit
                log.exception("closing due prompts failed")

    def tick(self) -> list[int]:
        """Close the prompts whose countdown has ended; their ids."""
        with self.app.app_context():
            try:
                return pacing.close_due()
            finally:
                db.session.remove()
