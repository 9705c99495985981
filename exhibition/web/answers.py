"""Visitors answer each exhibit's question and see where they stand among the others.

The form is the same for everyone, so the exhibit page stays in every cache;
the results view carries the visitor's own answer and is never kept by a
cache. No cookie is set: a visitor is known, for one day, by a keyed hash of
the question, their network and their browser (exhibition/answers/voters.py).
Voting closes with the run, and in preview answers are not kept at all.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
)
from flask_babel import gettext

from .. import answers as stored_answers
from ..answers import AnswersUnavailable, question_key
from ..answers.voters import voter
from ..archive.stamp import STAMP
from . import answerforms, ratelimit
from .answerforms import Refused
from .current import current_exhibition

bp = Blueprint("answers", __name__)


def N_(text: str) -> str:  # noqa: N802 - the name pybabel looks for
    """Mark a text for translation; it is translated where it is shown."""
    return text


log = logging.getLogger(__name__)
ANSWERS = "/rooms/<room>/<exhibit>/answers/"
RESULTS_CACHE = "private, no-store"
# The answers a question written as plain text offers.
DEFAULT_ANSWERS = (
    ("yes", N_("Yes")),
    ("no", N_("No")),
    ("it-depends", N_("It depends")),
)
REASONS = {
    "cross-site": N_("Answers can only be sent from this site's own pages."),
    "type": N_("Answers can only be sent with the form on the exhibit's page."),
    "length": N_("Answers can only be sent with the form on the exhibit's page."),
    "size": N_("What was sent is longer than any answer: it was not kept."),
    "missing": N_("Choose one of the answers before sending."),
    "answer": N_("That is not one of this question's answers."),
    "token": N_(
        "The page was open for too long and its form has expired. Please answer again below."
    ),
    "closed": N_("Voting has closed: answers are no longer kept."),
    "preview": N_("This is a preview: answers are not kept here."),
    "unavailable": N_(
        "Answers cannot be kept just now. The exhibition is still open: "
        "please try again in a few minutes."
    ),
}


def choices(exhibit) -> tuple[tuple[str, str], ...]:
    """Return a question's answers as (key, text): the curator's, or Yes, No, It depends."""
    question = getattr(exhibit, "question", None)
    if question is not None and question.answers:
        answers = question.answers
        return tuple((a.key, gettext(a.text) if a.key in KEYS else a.text) for a in answers)
    return tuple((key, gettext(text)) for key, text in DEFAULT_ANSWERS)


KEYS = {key for key, _ in DEFAULT_ANSWERS}
_making = threading.Lock()  # one store per app, however many threads ask first


def answers_store(app: Flask | None = None) -> stored_answers.AnswerStore:
    """Return the app's answer store, made when first asked for; it opens its database when
    first used: a command that reads no answer (`check`, `new`, `build`) makes none."""
    app = app or current_app._get_current_object()
    store = app.extensions.get("answers")
    if store is None:
        with _making:
            store = app.extensions.get("answers")
            if store is None:
                store = stored_answers.AnswerStore.from_settings(app.config)
                app.extensions["answers"] = store
    return store


def voting_open(exhibition) -> bool:
    """Tell whether answers are kept today: the run has not closed, and this is no preview."""
    return not current_app.config["PREVIEW"] and dt.date.today() <= exhibition.closes


def exhibition_closed(exhibition) -> bool:
    """Tell whether the form gives way to the final results: the run is over, or frozen."""
    return STAMP in request.environ or dt.date.today() > exhibition.closes


def final_results(room, exhibit) -> dict | None:
    """Return a question's final results for a closed exhibition's page, None if unreadable."""
    try:
        counts = answers_store().tally(question_key(room.slug, exhibit.slug))
    except AnswersUnavailable as error:
        log.warning("final results were not read: %s", error)
        return None
    return shares(choices(exhibit), counts, None)


def _found(room: str, exhibit: str):
    """Return the exhibition, the room and the exhibit of an address, or a 404."""
    exhibition = current_exhibition()
    found_room = exhibition.room(room)
    found = found_room.exhibit(exhibit) if found_room else None
    if found is None or not found.ip_question:
        abort(404)
    return exhibition, found_room, found


def visitor(question: str, day: dt.date) -> str:
    """Return today's key of the visitor asking: nothing of theirs is kept but this hash."""
    salt = answers_store().salt(day)
    agent = request.headers.get("User-Agent", "")
    return voter(question, request.remote_addr or "", agent, salt)


@bp.post(ANSWERS)
@bp.post("/<lang:lang>" + ANSWERS)
def answer(room: str, exhibit: str):
    """Keep a visitor's answer (the day's second replaces the first), then show the results."""
    try:
        answerforms.check_request()
        exhibition, found_room, found = _found(room, exhibit)
        key = question_key(found_room.slug, found.slug)
        chosen = answerforms.posted(key, {k for k, _ in choices(found)})
        if current_app.config["PREVIEW"]:
            raise Refused(403, "preview")
        if not voting_open(exhibition):
            raise Refused(403, "closed")
        day = dt.date.today()
        answers_store().record(key, chosen, visitor(key, day), day)
    except Refused as refused:
        return _refused(refused, locals().get("found_room"), locals().get("found"))
    except AnswersUnavailable as error:
        log.warning("an answer was not kept: %s", error)
        return _refused(Refused(503, "unavailable"), found_room, found)
    return redirect(request.path, 303)


@bp.get(ANSWERS)
@bp.get("/<lang:lang>" + ANSWERS)
def results(room: str, exhibit: str):
    """Show each answer's share, the count, and the visitor's own answer today."""
    exhibition, found_room, found = _found(room, exhibit)
    key = question_key(found_room.slug, found.slug)
    try:
        counts = answers_store().tally(key)
        day = dt.date.today()
        own = answers_store().answer_of(key, visitor(key, day), day)
    except AnswersUnavailable as error:
        log.warning("results were not read: %s", error)
        return _refused(Refused(503, "unavailable"), found_room, found)
    html = render_template(
        "answers.html",
        room=found_room,
        exhibit=found,
        results=shares(choices(found), counts, own),
        voting_open=voting_open(exhibition),
    )
    return html, 200, {"Cache-Control": RESULTS_CACHE}


@bp.get("/answers.json")
def export():
    """Give every question's results, counts only, for the archive: `freeze` keeps this file."""
    exhibition = current_exhibition()
    try:
        counts = answers_store().tallies()
    except AnswersUnavailable as error:
        log.warning("results were not read: %s", error)
        abort(503)
    questions = {}
    for room in exhibition.rooms:
        for exhibit in (e for e in room.exhibits if e.ip_question):
            key = question_key(room.slug, exhibit.slug)
            found = shares(choices(exhibit), counts.get(key, {}), None)
            rows = [
                {k: row[k] for k in ("key", "text", "count", "percent")} for row in found["rows"]
            ]
            questions[key] = {
                "question": exhibit.ip_question,
                "answers": rows,
                "total": found["total"],
            }
    data = {"edition": exhibition.edition, "closes": exhibition.closes.isoformat()}
    response = jsonify({**data, "questions": questions})
    response.headers["Cache-Control"] = "no-store"
    return response


def shares(answers, counts: dict[str, int], own: str | None) -> dict:
    """Return the results to draw: each answer's count and whole percentage, the total."""
    total = sum(counts.get(key, 0) for key, _ in answers)
    rows = [
        {
            "key": key,
            "text": text,
            "count": counts.get(key, 0),
            "percent": round(100 * counts.get(key, 0) / total) if total else 0,
            "own": key == own,
        }
        for key, text in answers
    ]
    return {"rows": rows, "total": total, "own": own}


def _refused(refused: Refused, room, exhibit):
    """Say in the site's look why an answer was not kept; nothing was written."""
    html = render_template(
        "answer_refused.html",
        room=room,
        exhibit=exhibit,
        reason=gettext(REASONS[refused.reason]),
        status=refused.status,
    )
    headers = {"Cache-Control": "no-store"}
    if refused.status == 503:
        headers["Retry-After"] = "60"
    return html, refused.status, headers


def init_app(app: Flask) -> None:
    """Serve the routes; the answers' database is opened when first used (answers_store):
    one that is down takes no page down."""
    app.register_blueprint(bp)
    ratelimit.init_app(app)
    app.jinja_env.globals.update(answer_choices=choices, form_token=answerforms.form_token)
    app.jinja_env.globals.update(
        question_key=question_key,
        exhibition_closed=exhibition_closed,
        final_results=final_results,
    )
