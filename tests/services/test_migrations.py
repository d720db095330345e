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
