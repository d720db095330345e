"""Anonymity by construction: after a whole scenario, neither the database nor the logs
hold a participant's token, address, user agent or payload, and keys link nothing across prompts."""

import logging

from sqlalchemy import inspect, select, text

from facilitator.extensions import db, socketio
from facilitator.models import Endorsement, Proposal, Response
from tests.conftest import flush

TOKENS = ["A" * 20 + f"{i:02d}" + "z" * 21 for i in range(6)]
USER_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) TestPhone/1.0"
SECRET_TEXT = "Release the border incident review in full"


def _phone(app, room, token):
    return socketio.test_client(
        app,
        auth={"role": "participant", "room": room.code, "token": token},
        headers={"User-Agent": USER_AGENT, "X-Forwarded-For": "203.0.113.77"},
    )


def _run_scenario(app, room, make, sockets):
    position = make.prompt(room, state="open", points=7)
    priority = make.prompt(room, kind="priority", state="open")
    proposals = make.prompt(room, kind="proposal", state="open", moderation="post")
    console = sockets.moderator(room)
    phones = [_phone(app, room, token) for token in TOKENS]
    group = room.event.constituencies[0].id
    for index, phone in enumerate(phones):
        for prompt, value in ((position, 1 + index), (priority, [2, 0, 1])):
            ack = phone.emit(
                "response:submit",
                {
                    "prompt_id": prompt.id,
                    "client_id": f"c{index}-{prompt.id}-xxxx",
                    "value": value,
                    "constituency_id": group,
                },
                callback=True,
            )
            assert ack["ok"], ack
    ack = phones[0].emit(
        "proposal:submit",
        {"prompt_id": proposals.id, "client_id": "proposal-0001", "text": SECRET_TEXT},
        callback=True,
    )
    for index, phone in enumerate(phones):
        vote = phone.emit(
            "endorsement:submit",
            {
                "proposal_id": ack["proposal"]["id"],
                "client_id": f"vote-{index:04d}",
                "vote": "agree",
                "constituency_id": group,
            },
            callback=True,
        )
        assert vote["ok"], vote
    for prompt in (position, priority, proposals):
        assert console.emit("prompt:reveal", {"prompt_id": prompt.id}, callback=True)["ok"]
    flush(app)
    for phone in phones:
        phone.disconnect()
    return position, priority, proposals


def _keys(prompt) -> set[str]:
    """The participant keys stored for one prompt's responses."""
    return set(db.session.scalars(select(Response.participant_key).filter_by(prompt_id=prompt.id)))


def _database_text() -> str:
    """Every value of every row of every table, as one searchable text."""
    chunks = []
    for table in inspect(db.engine).get_table_names():
        for row in db.session.execute(text(f'SELECT * FROM "{table}"')):
            chunks.append(" ".join(str(value) for value in row))
    return "\n".join(chunks)


def test_no_token_address_user_agent_or_payload_is_stored_or_logged(
    app, make, sockets, caplog, capsys
):
    caplog.set_level(logging.DEBUG)
    moderator = make.moderator()
    room = make.room(moderators=[moderator])
    _run_scenario(app, room, make, sockets)

    dump = _database_text()
    for secret in [*TOKENS, USER_AGENT, "203.0.113.77", "127.0.0.1", "Pixel 8"]:
        assert secret not in dump
    logs = caplog.text + "".join(capsys.readouterr())
    for secret in [*TOKENS, USER_AGENT, "203.0.113.77", SECRET_TEXT]:
        assert secret not in logs


def test_participant_tables_have_no_identifying_or_timing_columns(app):
    expected = {
        # revision counts an answer's changes (never when): live results move in steps of k.
        Response: {
            "id",
            "prompt_id",
            "participant_key",
            "sealed_group",
            "value",
            "client_id",
            "revision",
        },
        Proposal: {
            "id",
            "prompt_id",
            "author_key",
            "client_id",
            "text",
            "status",
            "highlighted",
            "merged_into_id",
        },
        Endorsement: {
            "id",
            "proposal_id",
            "participant_key",
            "sealed_group",
            "vote",
            "client_id",
            "revision",
        },
    }
    for model, columns in expected.items():
        assert {column.name for column in model.__table__.columns} == columns


def test_keys_link_nothing_across_prompts(app, make, sockets):
    moderator = make.moderator()
    room = make.room(moderators=[moderator])
    position, priority, _proposals = _run_scenario(app, room, make, sockets)
    position_keys = set(
        db.session.scalars(select(Response.participant_key).filter_by(prompt_id=position.id))
    )
    priority_keys = set(
        db.session.scalars(select(Response.participant_key).filter_by(prompt_id=priority.id))
    )
    endorsement_keys = set(db.session.scalars(select(Endorsement.participant_key)))
    author_keys = set(db.session.scalars(select(Proposal.author_key)))
    assert len(position_keys) == len(priority_keys) == len(endorsement_keys) == len(TOKENS)
    assert not position_keys & priority_keys
    assert not (position_keys | priority_keys) & endorsement_keys
    # Authorship is keyed apart from endorsements of the same prompt: the author's
    # constituency cannot be read off their own votes.
    assert not author_keys & endorsement_keys


def test_a_dump_without_the_server_secret_cannot_recompute_keys(app, make, sockets):
    from facilitator.domain.anonymity import derive_key

    moderator = make.moderator()
    room = make.room(moderators=[moderator])
    position, _, _ = _run_scenario(app, room, make, sockets)
    stored = set(
        db.session.scalars(select(Response.participant_key).filter_by(prompt_id=position.id))
    )
    guessed = derive_key(b"not-the-secret", TOKENS[0], f"prompt:{position.id}")
    assert guessed not in stored
    real = derive_key(app.config["PARTICIPANT_SECRET"].encode(), TOKENS[0], f"prompt:{position.id}")
    assert real in stored


def test_a_failing_submission_logs_no_payload(app, make, sockets, caplog, monkeypatch):
    from facilitator.services import participation

    caplog.set_level(logging.DEBUG)
    room = make.room()
    prompt = make.prompt(room, kind="proposal", state="open")

    def explode(*_args, **_kwargs):
        raise RuntimeError(f"database said no about {SECRET_TEXT}")

    monkeypatch.setattr(participation, "submit_proposal", explode)
    ack = sockets.phone(room, TOKENS[0]).emit(
        "proposal:submit",
        {"prompt_id": prompt.id, "client_id": "proposal-0001", "text": SECRET_TEXT},
        callback=True,
    )
    assert ack["error"]["code"] == "server_error"
    assert "RuntimeError" in caplog.text
    assert SECRET_TEXT not in caplog.text
    assert TOKENS[0] not in caplog.text
