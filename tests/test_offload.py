"""Password hashing leaves the event loop: under eventlet and gevent it runs in a real thread."""

import subprocess
import sys

import pytest

from tests.harness import ROOT

PROBE = """
import sys, threading
mode = sys.argv[1]
if mode == "eventlet":
    import eventlet; eventlet.monkey_patch()
else:
    from gevent import monkey; monkey.patch_all()
from config import TestConfig
from facilitator import create_app
from facilitator.services.accounts import offload
app = create_app(TestConfig, ASYNC_MODE=mode, SQLALCHEMY_DATABASE_URI="sqlite://")
with app.app_context():
    here = threading.get_native_id()
    there = offload(threading.get_native_id)
print("offloaded" if there != here else "same thread")
"""


@pytest.mark.parametrize("mode", ["eventlet", "gevent"])
def test_hashing_runs_in_a_real_thread_not_on_the_event_loop(mode):
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", PROBE, mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().endswith("offloaded"), result.stderr[-2000:]
