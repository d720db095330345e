"""Shared fixtures: an app on a real SQLite file, builders for test data, socket clients."""

import os
import shutil

import pytest
from hypothesis import settings
from sqlalchemy import text

from config import TestConfig
from facilitator import create_app
from facilitator.domain.anonymity import new_token
from facilitator.extensions import db, socketio
from facilitator.models import Event, Moderator, Prompt, Room
from facilitator.services.agenda import new_code

# Property tests judge results, not speed; in CI they run the same examples every time.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PASSWORD = "correct horse battery"


def _build_app(uri: str, **overrides):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=uri, WTF_CSRF_ENABLED=False, **overrides)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        db.create_all()
    return app


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory):
    """A SQLite file with the schema made once per test process, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    app = _build_app(f"sqlite:///{path}")
    with app.app_context():
        db.engine.dispose()
    return path


@pytest.fixture
def app(tmp_path, _template_db):
    """An app on a fresh SQLite file; the test runs inside its app context."""
    path = tmp_path / "test.db"
    shutil.copyfile(_template_db, path)
    app = create_app(
        TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}", WTF_CSRF_ENABLED=False
    )
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def pg_app():
    """An app on the real PostgreSQL server, its schema emptied first."""
    app = _build_app(POSTGRES_URL)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


class Builder:
    """Makes and commits test data: moderators, events, rooms, prompts."""

    def moderator(self, username="moderator", admin=False) -> Moderator:
        """A moderator account with the test password."""
        moderator = Moderator(username=username, display_name=username.title(), is_admin=admin)
        moderator.set_password(PASSWORD)
        db.session.add(moderator)
        db.session.commit()
        return moderator

    def event(self, constituencies=("NATO official", "Pakistani government")) -> Event:
        """An event with these constituencies plus 'Prefer not to say'."""
        event = Event(title="Test workshop")
        event.add_constituencies(constituencies)
        db.session.add(event)
        db.session.commit()
        return event

    def room(self, event=None, moderators=(), name="Plenary") -> Room:
        """A room with a fresh join code."""
        event = event or self.event()
        room = Room(name=name, code=new_code(), moderators=list(moderators))
        event.rooms.append(room)
        db.session.commit()
        return room

    def prompt(self, room, kind="position", text="A statement", state="draft", **settings):
        """A prompt of the given kind with validated settings, in the given state."""
        from facilitator.domain.kinds import get_kind

        if kind == "priority":
            settings.setdefault("options", ["Alpha", "Beta", "Gamma"])
        prompt = Prompt(
            kind=kind,
            text=text,
            settings=get_kind(kind).validate_settings(settings),
            position=len(room.prompts),
            state=state,
        )
        room.prompts.append(prompt)
        if state != "draft":
            room.current_prompt_id = None
        db.session.commit()
        if state == "open":
            room.current_prompt_id = prompt.id
            db.session.commit()
        return prompt


@pytest.fixture
def make(app):
    """The test-data builder."""
    return Builder()


def login(client, username="moderator", password=PASSWORD):
    """Log a Flask test client in as a moderator."""
    return client.post("/login", data={"username": username, "password": password})


@pytest.fixture
def sockets(app):
    """Factories for socket test clients in each role; all are disconnected afterwards."""
    clients = []

    class Sockets:
        def phone(self, room, token=None, **auth):
            """A participant's phone connected to the room."""
            auth = {"role": "participant", "room": room.code, "token": token or new_token(), **auth}
            client = socketio.test_client(app, auth=auth)
            clients.append(client)
            return client

        def screen(self, room):
            """A projector connected to the room."""
            client = socketio.test_client(app, auth={"role": "screen", "room": room.code})
            clients.append(client)
            return client

        def moderator(self, room, username="moderator"):
            """A moderator's console, logged in through the HTTP client's cookies."""
            http = app.test_client()
            login(http, username)
            client = socketio.test_client(
                app, flask_test_client=http, auth={"role": "moderator", "room": room.code}
            )
            clients.append(client)
            return client

    yield Sockets()
    for client in clients:
        if client.is_connected():
            client.disconnect()


def flush(app):
    """Send what the broadcaster has collected, as its background loop would."""
    app.extensions["broadcaster"].flush()


def events(client, name):
    """The payloads of the events of this name the client received since the last call."""
    return [item["args"][0] for item in client.get_received() if item["name"] == name]
