"""Group commit: answers that arrive together are written in one transaction.

Each answer's write waits in a queue; one writer takes everything waiting, runs the writes in one
transaction and commits, and only then releases each caller, so an answer is acknowledged only
once it is committed. While one batch commits the next one gathers, so a quiet hall gets a
transaction per answer and a busy one a transaction per hundreds. If a batch fails, each of its
writes is tried again alone: one bad write costs only its own answer, which is refused.

Under eventlet or gevent the queue, events and thread below are green (wsgi.py patches them).
With GROUP_COMMIT off (the in-process tests) each write commits on its own, at once.
"""

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

from facilitator.extensions import db
from facilitator.services import ServiceError

log = logging.getLogger(__name__)
BATCH_MAX = 500
WAIT_SECONDS = 30.0  # a write not committed by then is refused, never acknowledged


class WriteFailed(Exception):
    """The write was rolled back: nothing of it was stored."""


class _Write:
    __slots__ = ("done", "error", "result", "work")

    def __init__(self, work: Callable[[], Any]):
        self.work = work
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class Writer:
    """One writer per process: runs queued writes in shared transactions."""

    def __init__(self, app: Flask):
        self.app = app
        self._queue: queue.Queue[_Write] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.batches = 0  # transactions committed, for the benchmark and the tests
        self.writes = 0

    def run(self, work: Callable[[], Any]) -> Any:
        """Run work (statements on db.session) in the next batch; its result once committed."""
        if not self.app.config.get("GROUP_COMMIT", True):
            return self._alone(work)
        self._start()
        write = _Write(work)
        self._queue.put(write)
        if not write.done.wait(WAIT_SECONDS):
            raise WriteFailed("the database did not answer in time")
        if write.error is not None:
            raise write.error
        return write.result

    def _alone(self, work: Callable[[], Any]) -> Any:
        try:
            result = work()
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        return result

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="writer", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        with self.app.app_context():
            while True:
                batch = [self._queue.get()]
                while len(batch) < BATCH_MAX:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                self._commit(batch)

    def _commit(self, batch: list[_Write]) -> None:
        """Run and commit a batch; on failure, each write again on its own."""
        try:
            for write in batch:
                write.result = write.work()
            db.session.commit()
        except Exception as error:
            db.session.rollback()
            if len(batch) > 1:
                for write in batch:
                    self._commit([write])
                return
            if isinstance(error, ServiceError):
                batch[0].error = error
            else:
                # Only the error's type: its message may quote a participant's answer.
                log.error("a write failed and was rolled back: %s", type(error).__name__)
                batch[0].error = WriteFailed(type(error).__name__)
        else:
            self.batches += 1
            self.writes += len(batch)
        for write in batch:
            write.done.set()


def writer() -> Writer:
    """This app's writer."""
    app = current_app._get_current_object()
    found = app.extensions.get("writer")
    if found is None:
        found = app.extensions.setdefault("writer", Writer(app))
    return found
