"""Sign-in work on a real server, measured rather than trusted: phones' acks are not held behind
password hashes, and an unknown user name costs the server the same hashing as a known one."""

import os
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.harness import DEMO_USER, TIMEOUT, agenda_prompts, new_client_id, running

pytestmark = [pytest.mark.server, pytest.mark.timeout(180)]

WRONG = "not-the-password"


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    """The demo on eventlet, its first prompt open; sign-in limits out of the way, so that
    every wrong attempt below is really checked (hashed) rather than refused unhashed."""
    env = {
        "SIGN_IN_LIMIT_PER_NAME_AND_ADDRESS": "1000/minute",
        "SIGN_IN_LIMIT_PER_ADDRESS": "1000/minute",
        "SIGN_IN_LIMIT_PER_NAME": "1000/minute",
    }
    with running(tmp_path_factory.mktemp("sign-in-work"), env=env) as server:
        console = server.moderator()
        server.prompt = agenda_prompts(console)[0]
        assert console.call("prompt:open", {"prompt_id": server.prompt["id"]})["ok"]
        console.close()
        yield server


def _login_form(server) -> tuple[requests.Session, str]:
    session = requests.Session()
    page = session.get(f"{server.base_url}/login", timeout=TIMEOUT)
    token = page.text.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    return session, token


def _post_login(server, session, token, username: str) -> requests.Response:
    return session.post(
        f"{server.base_url}/login",
        data={"username": username, "password": WRONG, "csrf_token": token},
        allow_redirects=False,
        timeout=TIMEOUT,
    )


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads included (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_phone_acks_are_not_held_behind_the_hashes_of_concurrent_wrong_sign_ins(hall):
    phone = hall.phone()
    forms = [_login_form(hall) for _ in range(8)]
    took, statuses = [], []

    def wrong_login(session, token) -> None:
        started = time.monotonic()
        statuses.append(_post_login(hall, session, token, DEMO_USER).status_code)
        took.append(time.monotonic() - started)

    threads = [threading.Thread(target=wrong_login, args=form) for form in forms]
    for thread in threads:
        thread.start()
    acks, waits = [], []
    while any(thread.is_alive() for thread in threads):
        sent = time.monotonic()
        acks.append(
            phone.call(
                "response:submit",
                {"prompt_id": hall.prompt["id"], "client_id": new_client_id(), "value": 5},
            )
        )
        waits.append(time.monotonic() - sent)
        time.sleep(0.25)  # a person's pace, well within a phone's rate limit
    for thread in threads:
        thread.join()
    assert statuses == [400] * 8
    # Every answer sent while the eight hashes ran was acknowledged. How fast is measured by
    # tests/test_offload.py's mechanism (hashes run in another OS thread), not by timing here.
    assert acks and all(ack["ok"] for ack in acks), acks
    assert len(waits) == len(acks) and len(took) == 8


def test_an_unknown_name_costs_the_server_as_much_hashing_as_a_known_one(hall):
    pid = hall.process.pid
    forms = [_login_form(hall) for _ in range(8)]
    before = _cpu_seconds(pid)
    for index, (session, token) in enumerate(forms[:4]):
        assert _post_login(hall, session, token, f"stranger-{index}").status_code == 400
    unknown = _cpu_seconds(pid) - before
    before = _cpu_seconds(pid)
    for session, token in forms[4:]:
        assert _post_login(hall, session, token, DEMO_USER).status_code == 400
    known = _cpu_seconds(pid) - before
    # CPU time is the server's own work, whatever else the machine runs: a dummy hash is
    # checked for an unknown name, so both cost about four password hashes.
    assert known > 0.1, known
    assert unknown > known / 2, (unknown, known)
