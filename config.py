"""Configuration from environment variables, with safe defaults for one machine."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("FACILITATOR_INSTANCE", BASE_DIR / "instance"))


def _env_list(name: str) -> list[str] | None:
    raw = os.environ.get(name)
    if raw is None:
        return None
    return [item.strip() for item in raw.split(",") if item.strip()]


def _env_number(name: str, default, low: float, high: float, whole: bool = False):
    """A number from the environment within low..high; a clear error on anything else."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    kind = "a whole number" if whole else "a number"
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        raise ValueError(f"{name} must be {kind} from {low} to {high}, got {raw!r}") from None
    if not low <= value <= high:
        raise ValueError(f"{name} must be {kind} from {low} to {high}, got {raw!r}")
    return value


def _secret(name: str, filename: str) -> str:
    """A secret from the environment, else one generated once and kept in instance/ (0600)."""
    if os.environ.get(name):
        return os.environ[name]
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    INSTANCE_DIR.chmod(0o700)
    path = INSTANCE_DIR / filename
    if not path.exists():
        path.write_text(secrets.token_hex(32))
    path.chmod(0o600)
    return path.read_text().strip()


WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def default_public_url(host: str, port: int) -> str | None:
    """The address phones use when PUBLIC_URL is unset: where the server listens.

    None for a wildcard HOST (0.0.0.0): the server cannot tell which of its addresses the
    phones reach, so PUBLIC_URL must say it.
    """
    if host in WILDCARD_HOSTS:
        return None
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def default_origins(public_url: str, hosts: list[str]) -> list[str]:
    """Browser origins allowed by default: the public URL and each trusted host on its port."""
    parts = urlsplit(public_url)
    port = f":{parts.port}" if parts.port else ""
    origins = [f"{parts.scheme}://{parts.netloc}"]
    origins += [f"{parts.scheme}://{host}{port}" for host in hosts]
    return list(dict.fromkeys(origins))


class Config:
    """Settings read once at start-up; every one can be set by an environment variable."""

    # Signs session cookies and CSRF tokens; rotate it freely (old sessions then end).
    SECRET_KEY = _secret("SECRET_KEY", "secret_key")
    # Derives participants' per-prompt keys (docs/anonymity.md): keep it stable during an event.
    PARTICIPANT_SECRET = _secret("PARTICIPANT_SECRET", "participant_secret")
    # Earlier participant secrets, still used to open the groups sealed with them (comma list).
    PARTICIPANT_SECRET_FALLBACKS = _env_list("PARTICIPANT_SECRET_FALLBACKS") or []
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'facilitator.db'}"
    )
    # Where `python wsgi.py` listens.
    HOST = os.environ.get("HOST", "127.0.0.1").strip()
    PORT = _env_number("PORT", 5000, 1, 65535, whole=True)
    # Address phones and the projector use; it goes into QR codes and short URLs. Unset, it is
    # where the server listens; with a wildcard HOST it must be given (wsgi.py says so).
    PUBLIC_URL_MISSING = not os.environ.get("PUBLIC_URL") and HOST in WILDCARD_HOSTS
    PUBLIC_URL = (
        os.environ.get("PUBLIC_URL") or default_public_url(HOST, PORT) or f"http://127.0.0.1:{PORT}"
    ).rstrip("/")
    TRUSTED_HOSTS = _env_list("ALLOWED_HOSTS") or list(
        dict.fromkeys([urlsplit(PUBLIC_URL).hostname, "127.0.0.1", "localhost"])
    )
    SOCKETIO_ORIGINS = _env_list("ALLOWED_ORIGINS") or default_origins(PUBLIC_URL, TRUSTED_HOSTS)
    SOCKETIO_MESSAGE_QUEUE = os.environ.get("REDIS_URL") or None
    ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")
    # Largest Socket.IO message accepted from a client, in bytes.
    SOCKETIO_MAX_MESSAGE = int(os.environ.get("SOCKETIO_MAX_MESSAGE", 16 * 1024))
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 1024 * 1024))
    # Smallest constituency whose results may be shown (DESIGN.md, anonymity).
    ANONYMITY_K = int(os.environ.get("ANONYMITY_K", 5))
    # Interests and differences (docs/method.md): what counts as common ground or a divergence.
    FINDINGS_AGREE_SHARE = _env_number("FINDINGS_AGREE_SHARE", 0.6, 0.51, 1.0)
    FINDINGS_TOP_N = _env_number("FINDINGS_TOP_N", 3, 1, 12, whole=True)
    FINDINGS_TAU_BELOW = _env_number("FINDINGS_TAU_BELOW", 0.0, -1.0, 1.0)
    FINDINGS_PROPOSAL_HIGH = _env_number("FINDINGS_PROPOSAL_HIGH", 0.6, 0.01, 1.0)
    FINDINGS_PROPOSAL_LOW = _env_number("FINDINGS_PROPOSAL_LOW", 0.3, 0.0, 0.99)
    # Votes a proposal needs before it is ranked or promoted (0: ANONYMITY_K).
    PROPOSAL_MIN_VOTES = _env_number("PROPOSAL_MIN_VOTES", 0, 0, 10_000, whole=True)
    FINDINGS_MIN_ANSWERS = _env_number("FINDINGS_MIN_ANSWERS", 5, 1, 10_000, whole=True)
    if FINDINGS_PROPOSAL_LOW >= FINDINGS_PROPOSAL_HIGH:
        raise ValueError("FINDINGS_PROPOSAL_LOW must be below FINDINGS_PROPOSAL_HIGH")
    # Answers arriving together are committed in one transaction (services/writer.py).
    GROUP_COMMIT = os.environ.get("GROUP_COMMIT", "on") != "off"
    # Seconds between aggregate broadcasts of one prompt.
    BROADCAST_INTERVAL = float(os.environ.get("BROADCAST_INTERVAL", 0.25))
    # Phones show a count of answers only: an update that changes nothing else reaches them at
    # most this often (seconds); projectors and consoles follow every BROADCAST_INTERVAL.
    PHONE_COUNTS_INTERVAL = _env_number("PHONE_COUNTS_INTERVAL", 2.0, 0, 60)
    # Limits that keep the hall responsive (realtime/throttle.py, limits.py).
    # Per connection: events a second after a burst; a flooding socket is disconnected.
    PHONE_EVENTS_PER_SECOND = _env_number("PHONE_EVENTS_PER_SECOND", 5.0, 0.1, 10_000)
    PHONE_EVENTS_BURST = _env_number("PHONE_EVENTS_BURST", 40, 1, 100_000, whole=True)
    CONSOLE_EVENTS_PER_SECOND = _env_number("CONSOLE_EVENTS_PER_SECOND", 20.0, 0.1, 10_000)
    CONSOLE_EVENTS_BURST = _env_number("CONSOLE_EVENTS_BURST", 100, 1, 100_000, whole=True)
    # Per client address (a whole hall may share one NAT address): socket connects, HTTP
    # requests other than static files, and sign-in attempts. Empty turns a limit off.
    CONNECT_RATE_LIMIT = os.environ.get("CONNECT_RATE_LIMIT", "300/second;6000/minute")
    HTTP_RATE_LIMIT = os.environ.get("HTTP_RATE_LIMIT", "200/second;6000/minute")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or (
        os.environ.get("REDIS_URL") or "memory://"
    )
    # Moderators' sign-in (services/accounts.py): failed attempts allowed, and session life.
    SIGN_IN_LIMIT_PER_NAME = os.environ.get("SIGN_IN_LIMIT_PER_NAME", "30/15minutes")
    SIGN_IN_LIMIT_PER_NAME_AND_ADDRESS = os.environ.get(
        "SIGN_IN_LIMIT_PER_NAME_AND_ADDRESS", "5/minute"
    )
    SIGN_IN_LIMIT_PER_ADDRESS = os.environ.get("SIGN_IN_LIMIT_PER_ADDRESS", "30/minute")
    MODERATOR_IDLE_MINUTES = _env_number("MODERATOR_IDLE_MINUTES", 240, 1, 100_000, whole=True)
    MODERATOR_SESSION_HOURS = _env_number("MODERATOR_SESSION_HOURS", 24, 1, 10_000, whole=True)
    # Old session keys still accepted after a rotation (comma list); new cookies use SECRET_KEY.
    SECRET_KEY_FALLBACKS = _env_list("SECRET_KEY_FALLBACKS") or []
    # Behind a reverse proxy (docs/deployment.md, TLS): how many proxies set X-Forwarded-*.
    TRUSTED_PROXIES = _env_number("TRUSTED_PROXIES", 0, 0, 5, whole=True)
    # Strict-Transport-Security on HTTPS responses, in seconds (0 sends none).
    HSTS_SECONDS = _env_number("HSTS_SECONDS", 31_536_000, 0, 63_072_000, whole=True)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = PUBLIC_URL.startswith("https://")
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    # Database errors must not quote statement parameters (participants' answers) in logs.
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"hide_parameters": True}


class TestConfig(Config):
    """In-memory database, threading worker, no real secrets: for the test client."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    PARTICIPANT_SECRET = "test-participant-secret"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    ASYNC_MODE = "threading"
    SOCKETIO_MESSAGE_QUEUE = None
    TRUSTED_HOSTS = ["localhost", "127.0.0.1"]
    SOCKETIO_ORIGINS = ["http://localhost", "http://127.0.0.1:5000"]
    BROADCAST_INTERVAL = 0.05
    PHONE_COUNTS_INTERVAL = 0.0  # tests flush by hand; tests/realtime/test_broadcaster.py sets it
    ANONYMITY_K = 5
    GROUP_COMMIT = False  # each write commits at once in the caller (tests/services/test_writer.py)
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast fixtures; real servers use scrypt
