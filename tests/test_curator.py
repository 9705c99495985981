import pytest

from exhibition import create_app
from tests.conftest import EXHIBIT_MD, LABEL


@pytest.fixture
def preview(world, tmp_path):
    world.exhibit("01-art", "03-draft", text=EXHIBIT_MD.format(title="Draft", label=LABEL) + "")
    path = world.root / "rooms/01-art/03-draft/exhibit.md"
    path.write_text(path.read_text().replace("ip_question:", "draft: true\nip_question:"))
    world.write("rooms/01-art/04-broken/exhibit.md", "---\ntitle: [\n---\n")
    return world


def test_preview_shows_drafts_and_problems(preview):
    second = preview.root / "rooms/01-art/02-second/exhibit.md"
    second.write_text(second.read_text().replace("ip_question: Who is the author?\n", ""))
    client = create_app({"CONTENT_DIR": str(preview.root), "PREVIEW": True}).test_client()
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
    client = create_app({"CONTENT_DIR": str(preview.root)}).test_client()
    assert client.get("/rooms/art/draft/").status_code == 404
    assert client.get("/_curator/").status_code == 404
