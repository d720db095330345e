"""A copy of the database, taken from a real server's instance folder, links no one's answers."""

import sqlite3
import stat
from collections import Counter

import pytest

from facilitator.domain.seal import seal_key, unseal
from tests.harness import agenda_prompts, new_client_id, new_token, running

pytestmark = [pytest.mark.server, pytest.mark.timeout(120)]


def _answer(phone, prompt, value, group):
    ack = phone.call(
        "response:submit",
        {
            "prompt_id": prompt["id"],
            "client_id": new_client_id(),
            "value": value,
            "constituency_id": group,
        },
    )
    assert ack["ok"], ack


def test_a_dump_does_not_single_out_a_lone_member_and_the_files_are_private(tmp_path):
    with running(tmp_path / "hall") as server:
        console = server.moderator()
        # The plenary's two position prompts: the trust barometer asked at the opening and the
        # close, a pre/post pair whose keys are shared by design (and link nothing else).
        prompts = [p for p in agenda_prompts(console) if p["kind"] == "position"]
        assert len(prompts) == 2
        groups = {
            c["name"]: c["id"]
            for c in console.call("moderator:sync", {})["state"]["constituencies"]
        }
        media = groups["Media"]
        nato = groups["NATO official"]
        lone, crowd = new_token(), [new_token() for _ in range(6)]
        for prompt in prompts:
            assert console.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
            _answer(server.phone(token=lone), prompt, 2, media)  # the only media participant
            for token in crowd:
                _answer(server.phone(token=token), prompt, 5, nato)
        database = server.sqlite_path
        instance = server.instance
        secret = (
            (instance / "participant_secret").read_text().strip()
            if (instance / "participant_secret").exists()
            else server.env["PARTICIPANT_SECRET"]
        )
        assert stat.S_IMODE(database.stat().st_mode) == 0o600
        assert stat.S_IMODE(instance.stat().st_mode) == 0o700

    dump = sqlite3.connect(database)
    columns = [row[1] for row in dump.execute("PRAGMA table_info(response)")]
    assert "constituency_id" not in columns
    rows = dump.execute(
        "SELECT prompt_id, participant_key, sealed_group, value, client_id FROM response"
    ).fetchall()
    assert len(rows) == 2 * 7
    # Without the secret every sealed group is different: no column but the answer itself tells
    # the lone member's rows from the others' (keys link the two answers of the pair only).
    assert len({row[2] for row in rows}) == len(rows)
    assert set(Counter(row[1] for row in rows).values()) == {2}  # one key per person per pair
    assert len({row[4] for row in rows}) == len(rows)
    for column in (1, 2, 4):
        assert all(len(value) == len(rows[0][column]) for value in (r[column] for r in rows))
    # With the secret the groups open (what the running server itself knows, and no more).
    key = seal_key(secret.encode())
    opened = Counter(unseal([key], sealed, "response", prompt) for prompt, _, sealed, _, _ in rows)
    assert opened == {media: 2, nato: 12}
    dump.close()
