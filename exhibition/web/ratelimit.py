"""How often one address may send answers: Flask-Limiter, shared through Redis when the cache is.

Only posted answers are counted; pages are never limited. Over the limit,
a visitor gets a 429 page in the site's look with Retry-After. A limiter
whose Redis is down lets answers through rather than refuse everyone.
"""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext
from flask_limiter import Limiter


def remote_address() -> str:
    """Return the address answers are counted by: the one the trusted proxy gave (ProxyFix)."""
    return request.remote_addr or "unknown"


def storage_uri(config) -> str:
    """Return where counts are kept: the cache's Redis when pages are cached there, else memory."""
    redis = config["CACHE_REDIS_URL"]
    if redis and config["CACHE_TYPE"] in ("", "RedisCache"):
        return redis
    return "memory://"


def init_app(app: Flask) -> Limiter:
    """Limit posted answers per address to EXHIBITION_ANSWER_RATE_LIMIT."""
    limiter = Limiter(
        remote_address,
        app=app,
        storage_uri=storage_uri(app.config),
        headers_enabled=True,
        swallow_errors=True,
        key_prefix="exhibition-answers",
    )
    # Blueprint-wide, posts only: the results view and every page stay unlimited.
    limiter.limit(app.config["ANSWER_RATE_LIMIT"], methods=["POST"])(app.blueprints["answers"])

    @app.errorhandler(429)
    def too_many(error):
        reason = gettext("Too many answers from your network just now: please wait a little.")
        html = render_template("answer_refused.html", exhibit=None, reason=reason, status=429)
        return html, 429, {"Cache-Control": "no-store"}

    return limiter
