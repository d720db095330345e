"""The Alembic migrations build exactly the schema the models describe."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine

from config import TestConfig
from facilitator import create_app
from facilitator.extensions import db
from tests.conftest import POSTGRES_URL


def _differences(uri: str) -> list:
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=uri)
    with app.app_context():
        upgrade()
        engine = create_engine(uri)
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        engine.dispose()
        downgrade(revision="base")
        db.engine.dispose()
    return diff


def test_migrations_match_the_models_on_sqlite(tmp_path):
    assert _differences(f"sqlite:///{tmp_path / 'migrated.db'}") == []


@pytest.mark.postgres
def test_migrations_match_the_models_on_postgresql(pg_app):
    with pg_app.app_context():
        db.drop_all()
    assert _differences(POSTGRES_URL) == []


def test_no_opinion_stored_as_json_null_becomes_sql_null(tmp_path):
    uri = f"sqlite:///{tmp_path / 'old.db'}"
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=uri)
    with app.app_context():
        upgrade(revision="613a2c87609d")
        engine = create_engine(uri)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO event (id, title, subtitle) VALUES (1, 'E', '')"
            )
            connection.exec_driver_sql(
                "INSERT INTO constituency (id, event_id, name, position, is_undisclosed) "
                "VALUES (1, 1, 'Prefer not to say', 0, 1)"
            )
            connection.exec_driver_sql(
                "INSERT INTO room (id, event_id, name, code, position, kind) "
                "VALUES (1, 1, 'Plenary', 'ABCDEF', 0, 'plenary')"
            )
            connection.exec_driver_sql(
                "INSERT INTO prompt (id, room_id, position, kind, text, settings, state, "
                "results_revealed, translations, auto_close) "
                "VALUES (1, 1, 0, 'position', 'S', '{}', 'open', 0, '{}', 0)"
            )
            for key, value in (("a" * 64, "null"), ("b" * 64, "4")):
                connection.exec_driver_sql(
                    "INSERT INTO response (prompt_id, participant_key, constituency_id, value, "
                    f"client_id) VALUES (1, '{key}', 1, '{value}', 'c-{key[:6]}')"
                )
        upgrade()
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT value IS NULL, value FROM response ORDER BY participant_key"
            ).all()
        engine.dispose()
        db.engine.dispose()
    assert rows == [(1, None), (0, 4)]
