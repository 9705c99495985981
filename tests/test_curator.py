import pytest

from exhibition import create_app
from tests.support.world import EXHIBIT_MD, LABEL


@pytest.fixture
def preview(world, tmp_path):
    world.exhibit("01-art", "03-draft", text=EXHIBIT_MD.format(title="Draft", label=LABEL) + "")
    path = world.root / "rooms/01-art/03-draft/exhibit.md"
    path.write_text(path.read_text().replace("ip_question:", "draft: true\nip_question:"))
    world.write("rooms/01-art/04-broken/exhibit.md", "---\ntitle: [\n---\n")
    return world


@pytest.fixture
def unanswered(preview):
    """Return the preview world with a problem on a shown exhibit: 02-second lacks a key."""
    second = preview.root / "rooms/01-art/02-second/exhibit.md"
    second.write_text(second.read_text().replace("ip_question: Who is the author?\n", ""))
    return preview


def client_of(world, **config):
    """Return a test client of an app serving the world, with config such as PREVIEW."""
    return create_app({"TESTING": True, "CONTENT_DIR": str(world.root), **config}).test_client()


def test_preview_shows_drafts_and_problems(unanswered):
    client = client_of(unanswered, PREVIEW=True)
    page = client.get("/rooms/art/draft/").get_data(as_text=True)
    assert '<p class="badge">Draft</p>' in page
    assert '<p class="badge">Draft</p>' not in client.get("/rooms/art/first/").get_data(
        as_text=True
    )
    report = client.get("/_curator/").get_data(as_text=True)
    assert "rooms/01-art/04-broken/exhibit.md:3: error: YAML syntax error" in report
    # A problem of an exhibit that is shown links to it.
    assert (
        '<code>rooms/01-art/02-second/exhibit.md</code> · <a href="/rooms/art/second/">' in report
    )


def test_without_preview_drafts_and_the_report_are_404(preview):
    client = client_of(preview)
    assert client.get("/rooms/art/draft/").status_code == 404
    assert client.get("/_curator/").status_code == 404


def test_an_exhibits_problems_show_on_its_own_page_and_its_rooms(unanswered):
    client = client_of(unanswered, PREVIEW=True)
    page = client.get("/rooms/art/second/").get_data(as_text=True)
    assert '<section class="page-problems"' in page
    assert "<code>rooms/01-art/02-second/exhibit.md:" in page
    assert "rooms/01-art/04-broken" not in page  # another exhibit's problem
    assert '<section class="page-problems"' not in client.get("/rooms/art/first/").get_data(
        as_text=True
    )
    # An exhibit an error left out has no page: its room shows the problem.
    room = client.get("/rooms/art/").get_data(as_text=True)
    assert "rooms/01-art/04-broken/exhibit.md:3: error: YAML syntax error" in room
    assert "page-problems" not in client.get("/rooms/music/").get_data(as_text=True)


def test_the_version_changes_when_a_file_is_saved(preview):
    client = client_of(preview, PREVIEW=True)
    page = client.get("/rooms/art/first/").get_data(as_text=True)
    before = client.get("/_curator/version")
    assert before.headers["Cache-Control"] == "no-store"
    assert f'<meta name="exhibition-preview" content="{before.get_data(as_text=True)}"' in page
    assert "/static/preview." in page
    label = preview.root / "rooms/01-art/01-first/exhibit.md"
    label.write_text(label.read_text().replace("title: First", "title: First, revised"))
    after = client.get("/_curator/version").get_data(as_text=True)
    assert after != before.get_data(as_text=True)
    assert "First, revised" in client.get("/rooms/art/first/").get_data(as_text=True)


def test_public_pages_carry_no_trace_of_preview(unanswered):
    client = client_of(unanswered)
    for path in ("/", "/rooms/art/", "/rooms/art/second/", "/pages/about/", "/nothing/"):
        page = client.get(path).get_data(as_text=True)
        assert "<html" in page
        for trace in ("preview.", "exhibition-preview", "_curator", "page-problems"):
            assert trace not in page, (path, trace)
    assert client.get("/_curator/version").status_code == 404


def test_the_answers_page_shows_each_questions_results_in_total_and_by_day(world, tmp_path):
    import datetime as dt

    from exhibition.answers import AnswerStore

    url = f"sqlite:///{tmp_path / 'answers.sqlite3'}"
    answers = AnswerStore.from_settings({"DATABASE_URL": url})
    answers.migrate()
    for voter, answer in (("a", "yes"), ("b", "yes"), ("c", "no")):
        answers.record("art/first", answer, voter, dt.date(2026, 12, 3))
    page = client_of(world, PREVIEW=True, DATABASE_URL=url).get("/_curator/answers/")
    assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
    text = page.get_data(as_text=True)
    assert "3 answers in all" in text
    assert '<progress max="3" value="2" aria-label="Yes: 67 %"></progress> 67 %' in text
    assert '<time datetime="2026-12-03">' in text
    assert client_of(world, DATABASE_URL=url).get("/_curator/answers/").status_code == 404
