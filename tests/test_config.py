"""Configuration from the environment, with safe defaults."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config(tmp_path, **env) -> dict:
    """Config values as a fresh interpreter sees them with this environment."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "PARTICIPANT_SECRET",
            "DATABASE_URL",
            "PUBLIC_URL",
            "ALLOWED_HOSTS",
            "ALLOWED_ORIGINS",
            "REDIS_URL",
            "HOST",
            "PORT",
        }
    }
    clean.update(FACILITATOR_INSTANCE=str(tmp_path), **env)
    code = (
        "import json, config; c = config.Config; print(json.dumps({k: getattr(c, k) for k in "
        "('SECRET_KEY', 'PARTICIPANT_SECRET', 'SQLALCHEMY_DATABASE_URI', 'TRUSTED_HOSTS', "
        "'SOCKETIO_ORIGINS', 'PUBLIC_URL', "
        "'SESSION_COOKIE_SECURE', 'SOCKETIO_MESSAGE_QUEUE', 'ASYNC_MODE')}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    import json

    return json.loads(output)


def test_a_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = _config(tmp_path)
    key_file = tmp_path / "secret_key"
    assert len(first["SECRET_KEY"]) == 64
    assert key_file.stat().st_mode & 0o077 == 0
    assert _config(tmp_path)["SECRET_KEY"] == first["SECRET_KEY"]
    assert tmp_path.stat().st_mode & 0o077 == 0


def test_sessions_and_participant_keys_have_separate_secrets(tmp_path):
    first = _config(tmp_path)
    assert first["PARTICIPANT_SECRET"] != first["SECRET_KEY"]
    assert (tmp_path / "participant_secret").stat().st_mode & 0o077 == 0
    # Rotating the session key leaves participants' keys, and so their answers, where they were.
    rotated = _config(tmp_path, SECRET_KEY="r" * 32)
    assert rotated["SECRET_KEY"] == "r" * 32
    assert rotated["PARTICIPANT_SECRET"] == first["PARTICIPANT_SECRET"]


def test_defaults_are_sqlite_in_the_instance_folder_and_eventlet(tmp_path):
    config = _config(tmp_path)
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'facilitator.db'}"
    assert config["ASYNC_MODE"] == "eventlet"
    assert config["SOCKETIO_MESSAGE_QUEUE"] is None


def test_the_public_url_sets_hosts_and_origins_never_a_wildcard(tmp_path):
    config = _config(tmp_path, PUBLIC_URL="https://hall.example.org", SECRET_KEY="k" * 32)
    assert config["SECRET_KEY"] == "k" * 32
    assert not (tmp_path / "secret_key").exists()
    assert config["TRUSTED_HOSTS"] == ["hall.example.org", "127.0.0.1", "localhost"]
    assert "https://hall.example.org" in config["SOCKETIO_ORIGINS"]
    assert "*" not in config["SOCKETIO_ORIGINS"]
    assert config["SESSION_COOKIE_SECURE"] is True


def test_explicit_hosts_and_origins_win(tmp_path):
    config = _config(
        tmp_path, ALLOWED_HOSTS="a.example, b.example", ALLOWED_ORIGINS="https://a.example"
    )
    assert config["TRUSTED_HOSTS"] == ["a.example", "b.example"]
    assert config["SOCKETIO_ORIGINS"] == ["https://a.example"]


def _findings_config(tmp_path, **env) -> subprocess.CompletedProcess:
    """The FINDINGS_* thresholds a fresh interpreter reads with this environment."""
    code = (
        "import json, config; c = config.Config; print(json.dumps({k: getattr(c, k) for k in "
        "dir(c) if k.startswith('FINDINGS_')}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FINDINGS_")}
    clean.update(FACILITATOR_INSTANCE=str(tmp_path), SECRET_KEY="k" * 32, **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_findings_thresholds_default_and_come_from_the_environment(tmp_path):
    import json

    defaults = json.loads(_findings_config(tmp_path).stdout)
    assert defaults == {
        "FINDINGS_AGREE_SHARE": 0.6,
        "FINDINGS_MIN_ANSWERS": 5,
        "FINDINGS_PROPOSAL_HIGH": 0.6,
        "FINDINGS_PROPOSAL_LOW": 0.3,
        "FINDINGS_TAU_BELOW": 0.0,
        "FINDINGS_TOP_N": 3,
    }
    custom = _findings_config(
        tmp_path, FINDINGS_AGREE_SHARE="0.7", FINDINGS_TOP_N="2", FINDINGS_TAU_BELOW="-0.2"
    )
    values = json.loads(custom.stdout)
    assert values["FINDINGS_AGREE_SHARE"] == 0.7
    assert values["FINDINGS_TOP_N"] == 2
    assert values["FINDINGS_TAU_BELOW"] == -0.2


def test_nonsense_findings_thresholds_stop_the_start_with_a_clear_message(tmp_path):
    cases = {
        "FINDINGS_AGREE_SHARE": "sixty",
        "FINDINGS_TOP_N": "2.5",
        "FINDINGS_TAU_BELOW": "3",
        "FINDINGS_MIN_ANSWERS": "0",
        "FINDINGS_PROPOSAL_HIGH": "nan",
    }
    for name, raw in cases.items():
        result = _findings_config(tmp_path, **{name: raw})
        assert result.returncode != 0
        assert f"{name} must be" in result.stderr
        assert repr(raw) in result.stderr
    crossed = _findings_config(tmp_path, FINDINGS_PROPOSAL_LOW="0.7", FINDINGS_PROPOSAL_HIGH="0.6")
    assert crossed.returncode != 0
    assert "FINDINGS_PROPOSAL_LOW must be below FINDINGS_PROPOSAL_HIGH" in crossed.stderr


def test_another_port_moves_the_public_url_and_origins_with_it(tmp_path):
    config = _config(tmp_path, PORT="5102")
    assert config["PUBLIC_URL"] == "http://127.0.0.1:5102"
    assert "http://127.0.0.1:5102" in config["SOCKETIO_ORIGINS"]
    assert "http://127.0.0.1:5000" not in config["SOCKETIO_ORIGINS"]


def test_a_port_that_is_not_a_port_is_refused_with_the_reason(tmp_path):
    code = "import config"
    env = {k: v for k, v in os.environ.items() if k != "PUBLIC_URL"}
    env.update(FACILITATOR_INSTANCE=str(tmp_path), PORT="50o0")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "PORT must be a whole number from 1 to 65535, got '50o0'" in result.stderr
