"""Light pages over hall Wi-Fi: compressed responses and cacheable static files.

Flask-Compress compresses what Flask answers (pages, CSS, JS, SVG, JSON) for a browser that
accepts it. Socket.IO never passes through Flask's response hooks (Engine.IO's WSGI middleware
answers /socket.io/ itself), so neither the long-polling transport nor the websocket is touched.
Static files are streamed, and Flask-Compress streams them as deflate (or br/zstd over HTTPS):
Chromium offers "gzip, deflate" on plain HTTP, so a phone on the hall's HTTP server gets both.
"""

from flask_compress import Compress

compress = Compress()

STATIC_MAX_AGE = 3600  # seconds a phone may reuse a static file before asking again (ETag)


def init_app(app) -> None:
    """Compress responses; let browsers keep static files for an hour, then revalidate."""
    if app.config.get("SEND_FILE_MAX_AGE_DEFAULT") is None:
        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = STATIC_MAX_AGE
    compress.init_app(app)
