"""Command line: create-moderator, import-agenda and demo; bad input changes nothing."""

import json
from importlib import resources

import pytest
from sqlalchemy import func, select

from facilitator.extensions import db
from facilitator.models import Event, Moderator, Room

DEMO = resources.files("facilitator.demo").joinpath("islamabad-workshop.json").read_text()


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()
    return lambda *args, **kw: runner.invoke(args=list(args), **kw)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_create_moderator_stores_a_hash_not_the_password(cli):
    result = cli("create-moderator", "alice", "--name", "Alice", "--password", "a long password")
    assert result.exit_code == 0, result.output
    alice = db.session.scalar(select(Moderator).filter_by(username="alice"))
    assert alice.display_name == "Alice"
    assert "a long password" not in alice.password_hash
    assert alice.check_password("a long password")
    assert not alice.check_password("a long passwor")


def test_create_moderator_refuses_bad_input_and_duplicates(cli):
    assert cli("create-moderator", "alice", "--password", "a long password").exit_code == 0
    duplicate = cli("create-moderator", "alice", "--password", "another long one")
    assert duplicate.exit_code != 0
    assert "exists already" in duplicate.output
    short = cli("create-moderator", "bob", "--password", "short")
    assert "at least 10 characters" in short.output
    bad_name = cli("create-moderator", "bob smith!", "--password", "a long password")
    assert bad_name.exit_code != 0
    assert _count(Moderator) == 1


def test_import_agenda_creates_rooms_and_prints_their_codes(cli, tmp_path):
    cli("create-moderator", "demo", "--password", "a long password")
    path = tmp_path / "event.json"
    path.write_text(DEMO, encoding="utf-8")
    result = cli("import-agenda", str(path))
    assert result.exit_code == 0, result.output
    for room in json.loads(DEMO)["rooms"]:
        assert room["name"] in result.output
        assert room["code"] in result.output
    assert _count(Room) == 4


def test_import_agenda_refuses_an_invalid_file_and_creates_nothing(cli, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "facilitator-agenda/1",\n "event": }', encoding="utf-8")
    result = cli("import-agenda", str(broken))
    assert result.exit_code != 0
    assert "line 2" in result.output
    assert "nothing was imported" in result.output

    wrong = json.loads(DEMO)
    wrong["rooms"][0]["prompts"][0]["points"] = 6
    invalid = tmp_path / "invalid.json"
    invalid.write_text(json.dumps(wrong), encoding="utf-8")
    result = cli("import-agenda", str(invalid))
    assert "rooms[0].prompts[0].points" in result.output

    latin = tmp_path / "latin.json"
    latin.write_bytes('{"é": 1}'.encode("latin-1"))
    assert "not UTF-8" in cli("import-agenda", str(latin)).output
    assert _count(Event) == 0


def test_import_agenda_names_missing_moderators(cli, tmp_path):
    path = tmp_path / "event.json"
    path.write_text(DEMO, encoding="utf-8")
    result = cli("import-agenda", str(path))
    assert result.exit_code != 0
    assert "demo" in result.output
    assert _count(Event) == 0


def test_demo_loads_once_and_prints_urls_and_login(cli, app):
    first = cli("demo")
    assert first.exit_code == 0, first.output
    public = app.config["PUBLIC_URL"]
    assert f"{public}/j/PNRY27" in first.output
    assert f"{public}/screen/PNRY27" in first.output
    assert "login demo / demo-facilitator" in first.output
    second = cli("demo")
    assert second.exit_code == 0
    assert _count(Event) == 1
    assert _count(Moderator) == 1
