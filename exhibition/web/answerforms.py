"""What a posted answer must be: from the site itself, small, a form, with a fresh token.

The form's token is the question's key signed with the hour it was made:
the same for every visitor of a page (so pages stay in every cache) and
refused once it is older than TOKEN_HOURS. Cross-site posts are refused by
the browser's own word (Sec-Fetch-Site, then Origin) before anything is read.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, request
from itsdangerous import BadSignature, Signer

FORM_TYPE = "application/x-www-form-urlencoded"
MAX_BODY = 2048  # bytes: a question key, an answer key and a token fit many times over
TOKEN_HOURS = 48
SAME_SITE = {"same-origin", "none"}
KEY_FILE = "instance/form-key"


class Refused(Exception):
    """A post that is not kept: its status and what the visitor is told."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def form_key(config) -> bytes:
    """Return the key tokens are signed with: EXHIBITION_SECRET_KEY, else the instance's own."""
    if config.get("SECRET_KEY"):
        return str(config["SECRET_KEY"]).encode()
    path = Path(KEY_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:  # several workers may start at once: the first file written wins
            with open(path, "x") as file:
                file.write(secrets.token_hex(32))
            os.chmod(path, 0o600)
        except FileExistsError:
            pass
    return path.read_text().strip().encode()


def _signer() -> Signer:
    """Return the signer of form tokens, its key read (or made) the first time a form needs it."""
    key = current_app.extensions.get("answers.form_key")
    if key is None:
        key = current_app.extensions["answers.form_key"] = form_key(current_app.config)
    return Signer(key, salt="answers.form")


def form_token(question: str, hour: int | None = None) -> str:
    """Return the token of a question's form for this hour, the same for everyone."""
    hour = int(time.time() // 3600) if hour is None else hour
    return _signer().sign(f"{question}|{hour}").decode()


def token_fits(token: str, question: str) -> bool:
    """Tell whether a token was made by this site, for this question, in the last hours."""
    try:
        signed = _signer().unsign(token).decode()
    except BadSignature:
        return False
    key, _, hour = signed.rpartition("|")
    now = int(time.time() // 3600)
    return key == question and hour.isdigit() and 0 <= now - int(hour) < TOKEN_HOURS


def check_request() -> None:
    """Refuse a post from another site, of another kind, or too long, before reading it."""
    site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if site is not None and site not in SAME_SITE:
        raise Refused(403, "cross-site")
    if origin is not None and urlsplit(origin).netloc != request.host:
        raise Refused(403, "cross-site")
    if request.mimetype != FORM_TYPE:
        raise Refused(415, "type")
    if request.content_length is None:
        raise Refused(411, "length")
    if request.content_length > MAX_BODY:
        raise Refused(413, "size")


def posted(question: str, answers: set[str]) -> str:
    """Return the answer's key a checked post carries, or refuse it."""
    form = request.form
    if not {"answer", "token"} <= set(form):
        raise Refused(400, "missing")
    if not token_fits(form["token"], question):
        raise Refused(400, "token")
    if form["answer"] not in answers:
        raise Refused(400, "answer")
    return form["answer"]
