"""Results revealed while open: a projector recording every update learns no one's vote."""

import itertools
import time

import pytest

from tests.harness import agenda_prompts, new_client_id, running

pytestmark = [pytest.mark.server, pytest.mark.timeout(120)]


def test_consecutive_projector_updates_never_differ_by_a_single_answer(tmp_path):
    with running(tmp_path / "hall", env={"BROADCAST_INTERVAL": "0.05"}) as server:
        console = server.moderator()
        prompt = agenda_prompts(console)[0]
        assert console.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
        assert console.call("prompt:reveal", {"prompt_id": prompt["id"]})["ok"]
        screen = server.screen()
        groups = console.call("moderator:sync", {})["state"]["constituencies"]
        for n in range(13):  # one at a time, slower than the broadcasts: the reported attack
            phone = server.phone()
            ack = phone.call(
                "response:submit",
                {
                    "prompt_id": prompt["id"],
                    "client_id": new_client_id(),
                    "value": 1 + n % 7,
                    "constituency_id": groups[n % 2]["id"],
                },
            )
            assert ack["ok"], ack
            time.sleep(0.15)
        screen.wait_for("prompt", lambda p: p["counts"]["responses"] == 13)
        published = [
            tuple(update["results"]["summary"]["counts"])
            for update in screen.received("prompt") + screen.received("state")
            if update.get("results") or update.get("prompt", {}).get("results")
        ]
        histograms = sorted({h for h in published}, key=sum)
        # The attacker's differences between successive screens: never a single answer.
        for before, after in itertools.pairwise(histograms):
            assert sum(after) - sum(before) >= 5, (before, after)
        # Five answers make the first snapshot. The next eight split 4 and 4 between the two
        # groups: neither group moved by five, so nothing newer is published.
        assert histograms == [published[0]] and sum(published[0]) == 5, histograms
        last = screen.received("prompt")[-1]["results"]
        assert (last["as_of"], last["final"]) == (5, False)
        # The moderator's console still sees every answer live.
        assert console.call("moderator:sync", {})["ok"]
        # Closing with 3 answers since the last snapshot: the screen keeps that snapshot.
        mark = screen.mark()
        assert console.call("prompt:close", {"prompt_id": prompt["id"]})["ok"]
        closed = screen.wait_for("prompt", lambda p: p["state"] == "closed", after=mark)
        assert closed["results"]["as_of"] == 5 and closed["results"]["final"] is False
