"""A phone over wss through the TLS recipe's real proxy (Caddy, its local CA), on loopback only."""

import os
import shutil
import ssl
import subprocess
import time

import pytest
import requests
import socketio

from tests.harness import (
    DEMO_PASSWORD,
    DEMO_ROOM,
    DEMO_USER,
    ROOT,
    TIMEOUT,
    SocketClient,
    agenda_prompts,
    free_port,
    new_client_id,
    new_token,
    running,
)

pytestmark = [pytest.mark.server, pytest.mark.timeout(120)]
CADDYFILE = ROOT / "docs" / "deploy" / "Caddyfile"


@pytest.fixture
def hall_over_tls(tmp_path):
    """The app on 127.0.0.1 behind Caddy serving https on another loopback port."""
    caddy = shutil.which("caddy")
    if caddy is None:
        pytest.fail("Caddy is not installed (apt-get install caddy): the TLS recipe needs it")
    port = free_port()
    public = f"https://127.0.0.1:{port}"
    env = {"TRUSTED_PROXIES": "1", "PUBLIC_URL": public}
    with running(tmp_path / "app", env=env) as server:
        app_address = server.base_url.split("://")[1]
        caddy_env = os.environ | {
            "HALL_ADDRESS": public,
            "BIND_ADDRESS": "127.0.0.1",
            "APP_ADDRESS": app_address,
            "XDG_DATA_HOME": str(tmp_path / "caddy-data"),
            "XDG_CONFIG_HOME": str(tmp_path / "caddy-config"),
        }
        log = open(tmp_path / "caddy.log", "w")  # noqa: SIM115 (closed below)
        proxy = subprocess.Popen(
            [caddy, "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
            env=caddy_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        root = tmp_path / "caddy-data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                if root.exists():
                    try:
                        requests.get(public, verify=str(root), timeout=2)
                        break
                    except requests.RequestException:
                        pass
                assert proxy.poll() is None, (tmp_path / "caddy.log").read_text()
                time.sleep(0.2)
            else:
                pytest.fail(
                    "Caddy did not serve https in 30 s: " + (tmp_path / "caddy.log").read_text()
                )
            yield server, public, root
        finally:
            proxy.terminate()
            proxy.wait(10)
            log.close()


def _trusting(root) -> requests.Session:
    """A session that trusts the hall's local CA alone (no CA bundle from the environment)."""
    http = requests.Session()
    http.trust_env = False
    http.verify = str(root)
    return http


def _console_over_tls(public: str, root) -> SocketClient:
    """A moderator signed in through the proxy (the session cookie is Secure: https only)."""
    http = _trusting(root)
    page = http.get(f"{public}/login", timeout=TIMEOUT).text
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    signed_in = http.post(
        f"{public}/login",
        data={"username": DEMO_USER, "password": DEMO_PASSWORD, "csrf_token": token},
        headers={"Referer": f"{public}/login"},  # as a browser sends it: CSRF checks it on https
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert signed_in.status_code == 302
    return SocketClient(public, {"role": "moderator", "room": DEMO_ROOM}, http_session=http)


def test_a_phone_answers_over_wss_through_the_proxy(hall_over_tls):
    server, public, root = hall_over_tls
    console = _console_over_tls(public, root).connect()
    prompt = agenda_prompts(console)[0]
    assert console.call("prompt:open", {"prompt_id": prompt["id"]})["ok"]
    console.close()

    http = _trusting(root)
    phone = socketio.SimpleClient(http_session=http)
    try:
        phone.connect(
            public,
            transports=["websocket"],
            auth={"role": "participant", "room": DEMO_ROOM, "token": new_token()},
        )
        assert phone.client.transport() == "websocket"
        client_id = new_client_id()
        ack = phone.call(
            "response:submit",
            {"prompt_id": prompt["id"], "client_id": client_id, "value": 6},
            timeout=TIMEOUT,
        )
    finally:
        phone.disconnect()
    assert ack["ok"], ack
    assert (6, client_id) in server.responses(prompt["id"])


def test_https_pages_carry_hsts_and_secure_cookies_and_plain_http_is_not_served(hall_over_tls):
    _server, public, root = hall_over_tls
    page = requests.get(f"{public}/login", verify=str(root), timeout=TIMEOUT)
    assert page.status_code == 200
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    cookie = page.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(f"{public}/login", timeout=TIMEOUT)  # no trust in the hall's CA: refused
    plain = public.replace("https://", "http://")
    response = requests.get(f"{plain}/login", timeout=TIMEOUT)
    assert response.status_code == 400 and "Strict-Transport-Security" not in response.headers
    assert ssl.OPENSSL_VERSION
