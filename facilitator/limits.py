"""Per-address limits on HTTP requests (Flask-Limiter), sized for a hall behind one NAT address.

Static files are not counted. A client over the limit gets 429 with Retry-After and a short page
saying to wait. The key is a keyed hash of the address (facilitator.realtime.throttle), so no
storage, in memory or Redis, ever holds a client's address.
"""

from flask import request
from flask_limiter import Limiter

from facilitator.limit_storage import pool_options
from facilitator.realtime.throttle import address_key

limiter = Limiter(key_func=lambda: address_key(request.remote_addr), headers_enabled=True)


def init_app(app) -> None:
    """Bind the limiter with the configured per-address limit and storage."""
    app.config.setdefault("RATELIMIT_DEFAULT", app.config.get("HTTP_RATE_LIMIT") or "")
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    options = pool_options(app.config["RATELIMIT_STORAGE_URI"])
    app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", options)
    # Counters out of reach (Redis down): serve the request rather than fail it.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_ENABLED", bool(app.config.get("HTTP_RATE_LIMIT")))
    limiter.init_app(app)

    @limiter.request_filter
    def _static_files() -> bool:
        return request.endpoint == "static" or request.path.startswith("/socket.io")
