"""Database engine set-up: SQLite pragmas for a busy single-process server, private files."""

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _private(path: str | None):
    """A connect hook that keeps the database file and its WAL files readable by us alone."""
    files = [Path(path + suffix) for suffix in ("", "-wal", "-shm")] if path else []

    def hook(dbapi_connection, record) -> None:
        _sqlite_pragmas(dbapi_connection, record)
        for file in files:
            if file.exists() and file.stat().st_mode & 0o077:
                os.chmod(file, 0o600)

    return hook


def init_app(app) -> None:
    """Turn on WAL, a busy timeout and foreign keys for every SQLite connection; files 0600."""
    from facilitator.extensions import db

    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite":
            database = engine.url.database
            on_disk = database and database != ":memory:" and not database.startswith("file:")
            event.listen(engine, "connect", _private(database if on_disk else None))
