"""The live loop on the real server: join, open, answer, reveal, and the projector shows it."""

import pytest

from tests.harness import ASYNC_MODES, agenda_prompts, new_client_id

pytestmark = [pytest.mark.server, pytest.mark.timeout(90)]


@pytest.mark.parametrize(
    "server", [{"async_mode": mode} for mode in ASYNC_MODES], ids=ASYNC_MODES, indirect=True
)
def test_an_answer_reaches_the_projector_once_revealed(server):
    assert f"({server.async_mode})" in server.log_text()  # the worker we asked for serves
    console = server.moderator()
    screen = server.screen()
    phone = server.phone()
    joined = phone.wait_for("state")
    assert joined["prompt"] is None
    assert joined["mine"] == {"prompt_id": None}

    first = agenda_prompts(console)[0]
    assert (first["kind"], first["state"]) == ("position", "draft")
    ack = console.call("prompt:open", {"prompt_id": first["id"]})
    assert ack["ok"], ack
    assert ack["prompt"]["state"] == "open"

    # The phone and the projector follow by themselves, without the hidden results.
    opened = phone.wait_for("state", lambda s: s["current_prompt_id"] == first["id"])
    assert opened["prompt"]["state"] == "open"
    assert "results" not in opened["prompt"]
    shown = screen.wait_for("state", lambda s: s["current_prompt_id"] == first["id"])
    assert "results" not in shown["prompt"]

    client_id = new_client_id()
    ack = phone.call(
        "response:submit", {"prompt_id": first["id"], "client_id": client_id, "value": 6}
    )
    assert ack == {"ok": True, "prompt_id": first["id"], "client_id": client_id, "value": 6}
    # Committed before the ack: another process reading the file sees the answer now.
    assert server.responses(first["id"]) == [(6, client_id)]

    # Counts may be shown before the reveal, the aggregate may not.
    counted = screen.wait_for("prompt", lambda p: p["counts"]["responses"] == 1)
    assert "results" not in counted

    # One answer is too few to show while the prompt is open (docs/anonymity.md): close it first.
    assert console.call("prompt:close", {"prompt_id": first["id"]})["ok"]
    mark = screen.mark()
    ack = console.call("prompt:reveal", {"prompt_id": first["id"]})
    assert ack["ok"], ack
    revealed = screen.wait_for("prompt", lambda p: p["revealed"], after=mark)
    assert revealed["id"] == first["id"]
    summary = revealed["results"]["summary"]
    assert (summary["n"], summary["mean"]) == (1, 6.0)
    assert summary["counts"] == [0, 0, 0, 0, 0, 1, 0]

    # The phone sees the revealed aggregate too, and the process is still serving.
    on_phone = phone.wait_for("prompt", lambda p: p["revealed"])
    assert on_phone["results"]["summary"]["n"] == 1
    assert server.alive

    # Nothing about the participant reached the server's log (DESIGN.md, anonymity).
    log = server.log_text()
    assert phone.token not in log
    assert client_id not in log
    assert "socket event" not in log
    assert "broadcast failed" not in log
