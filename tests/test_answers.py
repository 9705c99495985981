"""Visitors answer an exhibit's question: the form, the results, and every post refused."""

from __future__ import annotations

import re

import pytest

from exhibition.answers import AnswerStore, AnswersUnavailable
from exhibition.app import create_app
from exhibition.web import answerforms
from exhibition.web.answers import answers_store
from tests.support.world import EXHIBITION_YAML

EXHIBIT = "/rooms/art/first/"
ANSWERS = EXHIBIT + "answers/"
BROWSER = {"User-Agent": "Firefox", "Sec-Fetch-Site": "same-origin"}


@pytest.fixture
def open_world(world):
    """The test world with its run still open."""
    text = EXHIBITION_YAML.replace("closes: 2021-03-18", "closes: 2999-12-31")
    world.write("exhibition.yaml", text)
    return world


def make_app(world, tmp_path, **settings):
    folders = {"CACHE_DIR": str(tmp_path / "cache"), "ARCHIVE_DIR": str(tmp_path / "archive")}
    database = {"DATABASE_URL": f"sqlite:///{tmp_path}/answers.sqlite3"}
    config = {"TESTING": True, "CONTENT_DIR": str(world.root), **folders, **database}
    return create_app({**config, **settings})


@pytest.fixture
def live(open_world, tmp_path):
    return make_app(open_world, tmp_path)


def token_of(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def post(client, answer="yes", token=None, path=ANSWERS, headers=BROWSER, **kw):
    if token is None:
        token = token_of(client.get(EXHIBIT).get_data(as_text=True))
    return client.post(path, data={"answer": answer, "token": token}, headers=headers, **kw)


def tally(app):
    return answers_store(app).tally("art/first")


def test_the_exhibit_page_asks_with_a_form_the_same_for_everyone(live):
    client = live.test_client()
    first = client.get(EXHIBIT, headers={"User-Agent": "A"}).get_data(as_text=True)
    second = client.get(EXHIBIT, headers={"User-Agent": "B"}).get_data(as_text=True)
    form = re.search(r"<form [^>]*method=\"post\".*?</form>", first, re.S).group(0)
    assert f'action="{ANSWERS}"' in form and "<legend>" in form
    assert re.findall(r'type="radio" name="answer" value="([^"]+)"', form) == [
        "yes",
        "no",
        "it-depends",
    ]
    assert form in second


def test_an_answer_leads_to_the_results_with_the_own_answer_marked(live):
    client = live.test_client()
    answered = post(client, "no")
    assert answered.status_code == 303 and answered.location.endswith(ANSWERS)
    results = client.get(ANSWERS, headers=BROWSER)
    html = results.get_data(as_text=True)
    assert results.status_code == 200
    assert "private" in results.headers["Cache-Control"]
    assert "no-store" in results.headers["Cache-Control"]
    assert re.search(r'answer-own">\s*<span class="answer-text" dir="auto">No', html)
    assert "100% · 1" in html and "1 answer in all." in html
    assert tally(live) == {"no": 1}


def test_a_second_answer_the_same_day_replaces_the_first(live):
    client = live.test_client()
    post(client, "no")
    post(client, "it-depends")
    assert tally(live) == {"it-depends": 1}


def test_another_visitor_sees_the_count_but_not_anyone_s_answer(live):
    client = live.test_client()
    post(client, "no")
    other = client.get(ANSWERS, headers={"User-Agent": "Chromium"}).get_data(as_text=True)
    assert "answer-own" not in other and "1 answer in all." in other


def test_no_response_sets_a_cookie(live):
    client = live.test_client()
    responses = [client.get(EXHIBIT), post(client), client.get(ANSWERS), post(client, "maybe")]
    assert all("Set-Cookie" not in r.headers for r in responses)


def refused(response, status, words):
    html = response.get_data(as_text=True)
    assert response.status_code == status, html
    assert words in html and "site-footer" in html  # a page in the site's look


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://elsewhere.example"},
    ],
)
def test_cross_site_posts_are_refused(live, headers):
    client = live.test_client()
    refused(post(client, headers=headers), 403, "own pages")
    assert tally(live) == {}


def test_an_unknown_answer_or_question_and_a_missing_field_are_refused(live):
    client = live.test_client()
    refused(post(client, "maybe"), 400, "not one of this question")
    assert post(client, path="/rooms/art/nothing/answers/").status_code == 404
    missing = client.post(ANSWERS, data={"answer": "yes"}, headers=BROWSER)
    refused(missing, 400, "Choose one of the answers")
    assert tally(live) == {}


def test_a_forged_or_expired_token_is_refused_with_a_fresh_form(live):
    client = live.test_client()
    refused(post(client, token="art/first|1.forged"), 400, "form has expired")
    with live.test_request_context():
        old = answerforms.form_token("art/first", hour=1)
        other = answerforms.form_token("art/second")
    refused(post(client, token=old), 400, "form has expired")
    response = post(client, token=other)
    refused(response, 400, "form has expired")
    assert 'name="token"' in response.get_data(as_text=True)
    assert tally(live) == {}


def test_another_content_type_and_a_long_body_are_refused(live):
    client = live.test_client()
    as_json = client.post(ANSWERS, json={"answer": "yes"}, headers=BROWSER)
    refused(as_json, 415, "form on the exhibit")
    token = token_of(client.get(EXHIBIT).get_data(as_text=True))
    long = client.post(ANSWERS, data={"answer": "yes", "token": token, "x": "a" * 5000})
    refused(long, 413, "longer than any answer")
    assert tally(live) == {}


def test_too_many_answers_from_one_address_get_a_429(open_world, tmp_path):
    app = make_app(open_world, tmp_path, ANSWER_RATE_LIMIT="2 per minute")
    client = app.test_client()
    token = token_of(client.get(EXHIBIT).get_data(as_text=True))
    assert [post(client, token=token).status_code for _ in range(2)] == [303, 303]
    response = post(client, token=token)
    refused(response, 429, "Too many answers")
    assert int(response.headers["Retry-After"]) > 0


def test_a_database_that_is_down_refuses_answers_kindly_and_pages_go_on(live, monkeypatch):
    def down(self, *args):
        raise AnswersUnavailable("database is locked")

    monkeypatch.setattr(AnswerStore, "record", down)
    client = live.test_client()
    refused(post(client), 503, "try again in a few minutes")
    assert client.get(EXHIBIT).status_code == 200


def test_an_unreachable_database_at_start_takes_no_page_down(open_world, tmp_path):
    app = make_app(
        open_world, tmp_path, DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none"
    )
    client = app.test_client()
    assert client.get(EXHIBIT).status_code == 200
    refused(post(client), 503, "try again in a few minutes")


def test_a_closed_run_shows_its_results_and_keeps_no_answer(world, tmp_path):
    app = make_app(world, tmp_path)  # the test world closed on 18 March 2021
    client = app.test_client()
    html = client.get(EXHIBIT).get_data(as_text=True)
    assert (
        not re.search(r'<form [^>]*method="post"', html)
        and "Voting closed on 18 March 2021." in html
    )
    with app.test_request_context():
        token = answerforms.form_token("art/first")
    refused(post(client, token=token), 403, "Voting has closed")
    assert tally(app) == {}


def test_preview_keeps_no_answer(open_world, tmp_path):
    app = make_app(open_world, tmp_path, PREVIEW=True)
    client = app.test_client()
    refused(post(client), 403, "This is a preview")
    assert tally(app) == {}


def test_only_the_answers_address_takes_a_post(live):
    client = live.test_client()
    assert client.post(EXHIBIT, headers=BROWSER).status_code == 405
    assert client.post("/fr/rooms/art/first/answers/", headers=BROWSER).status_code != 405
    policy = client.get(EXHIBIT).headers["Content-Security-Policy"]
    assert "form-action 'self'" in policy
