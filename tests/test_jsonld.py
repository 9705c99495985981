import json

from exhibition import jsonld
from exhibition.loader import load


def url(endpoint, **values):
    return "https://x/" + "/".join(str(v) for v in values.values())


def test_dumps_cannot_close_the_script_element():
    text = jsonld.dumps({"name": "</script><script>alert(1)</script>"})
    assert "</script>" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script>"


def test_licence_urls():
    assert jsonld.licence_url("CC-BY-4.0") == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert jsonld.licence_url("https://example.org/l") == "https://example.org/l"


def test_work(world):
    exhibit = load(world.root).exhibition.tour[0]
    data = jsonld.work(exhibit, url, lambda image: "https://x/" + image.path)
    assert data["@type"] == "VisualArtwork"
    assert data["creator"] == [{"@type": "Thing", "name": "Ada Example", "description": "artist"}]
    assert data["dateCreated"] == "2018"
    assert data["image"]["width"] == 1600


VERSIONS = [("en", "https://x/rooms/art/first/"), ("fr", "https://x/fr/rooms/art/first/")]


def test_work_names_its_translations_in_the_primary_language(world):
    exhibit = load(world.root).exhibition.tour[0]
    data = jsonld.work(exhibit, url, lambda image: "", VERSIONS, "en")
    assert data["inLanguage"] == "en" and "translationOfWork" not in data
    assert data["workTranslation"] == [
        {"@type": "VisualArtwork", "url": "https://x/fr/rooms/art/first/", "inLanguage": "fr"}
    ]


def test_work_in_another_language_names_its_source(world):
    exhibit = load(world.root).exhibition.tour[0].in_language("fr")
    data = jsonld.work(exhibit, url, lambda image: "", VERSIONS, "en")
    assert data["inLanguage"] == "fr" and "workTranslation" not in data
    assert data["translationOfWork"] == {
        "@type": "VisualArtwork",
        "url": "https://x/rooms/art/first/",
        "inLanguage": "en",
    }


def test_exhibition_event(world):
    data = jsonld.exhibition_event(load(world.root).exhibition, url)
    assert data["organizer"] == {"@type": "Organization", "name": "Test Museum"}
    assert len(data["workFeatured"]) == 3
