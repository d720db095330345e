"""Fixtures that start real servers (see tests/harness.py)."""

import pytest

from tests.harness import ServerProcess


@pytest.fixture
def server_factory(tmp_path):
    """start(**ServerProcess options) → a set-up, running server; all are stopped afterwards."""
    started: list[ServerProcess] = []

    def start(*, setup: bool = True, **options) -> ServerProcess:
        server = ServerProcess(tmp_path / f"server-{len(started)}", **options)
        started.append(server)
        if setup:
            server.setup()
        return server.start()

    yield start
    for server in reversed(started):
        server.close()


@pytest.fixture
def server(request, server_factory) -> ServerProcess:
    """The demo event on a real server; parametrize indirectly with a dict of options."""
    return server_factory(**getattr(request, "param", {}))
