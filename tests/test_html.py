"""Every page of the demo, and the 404 page, is valid HTML to the Nu Html Checker."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.support.live import MISSING_PAGES, exhibit_paths, sitemap_paths
from tests.support.pages import check_html

# The 404 page in each of the demo's languages: the others' come from an address under theirs.
MISSING = (*MISSING_PAGES, "/fr/no-such-page/", "/ar/no-such-page/")
# Pages no sitemap lists: what a search and the facets find, in each language.
FOUND = ("/search/?q=monkey", "/fr/search/?q=singe", "/ar/search/?q=القرد", "/browse/?room=art")


def save_pages(client, folder: Path) -> dict[Path, str]:
    """Write every page of the sitemap, each question's results and the 404 pages into folder.

    Return a map of files to paths.
    """
    files = {}
    pages = sitemap_paths(client.get("/sitemap.xml").data)
    results = [path + "answers/" for path in exhibit_paths(pages)]
    for path in pages + results + list(FOUND + MISSING):
        response = client.get(path)
        expected = 404 if path in MISSING else 200
        assert response.status_code == expected, f"{path} answered {response.status_code}"
        target = folder.resolve() / path.strip("/").replace("?", "/") / "index.html"  # "/" too
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(response.data)
        files[target] = path
    return files


def test_every_page_is_valid_html(demo_app, tmp_path):
    files = save_pages(demo_app.test_client(), tmp_path / "pages")
    languages = {path.split("/")[1] for path in files.values() if path.startswith(("/fr/", "/ar/"))}
    assert languages == {"fr", "ar"}, "the French and Arabic pages are checked too"
    errors = [
        f"{files.get(Path(unquote(urlsplit(m.get('url', '')).path)), m.get('url'))} "
        f"line {m.get('lastLine', '?')}: {m['message']}"
        for m in check_html(tmp_path / "pages")
    ]
    assert not errors, "the Nu Html Checker found errors:\n" + "\n".join(errors)
