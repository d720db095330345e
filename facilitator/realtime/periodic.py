"""A background task that repeats one step every interval, started once per process."""

import logging
import threading

log = logging.getLogger(__name__)


class Periodic:
    """Runs `step` every `interval` seconds in a Socket.IO background task; errors are logged."""

    def __init__(self, socketio, interval: float, step, what: str):
        self.socketio = socketio
        self.interval = interval
        self.step = step
        self.what = what
        self._lock = threading.Lock()
        self._started = False
        self._wake = threading.Event()

    def start(self) -> None:
        """Start the loop (a second call does nothing)."""
        with self._lock:
            if self._started:
                return
            self._started = True
        self.socketio.start_background_task(self._run)

    def wake(self) -> None:
        """Run the next step now rather than at the end of the interval."""
        self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait(self.interval)
            self._wake.clear()
            try:
                self.step()
            except Exception:  # keep going whatever one round hit
                log.exception("%s failed", self.what)
