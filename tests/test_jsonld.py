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
    assert data == {
        "@context": "https://schema.org",
        "@type": "VisualArtwork",
        "name": "First",
        "url": "https://x/art/first",
        "dateCreated": "2018",
        "creator": [{"@type": "Thing", "name": "Ada Example", "description": "artist"}],
        "digitalSourceType": "https://schema.org/TrainedAlgorithmicMediaDigitalSource",
        "creditText": "Made for the tests",
        "description": (
            "This label says enough about the work to satisfy every curator. This label says "
            "enough about the work to satisfy every curator. This label says enough about…"
        ),
        "keywords": [],
        "inLanguage": "en",
        "license": "https://spdx.org/licenses/CC-BY-4.0.html",
        "image": {
            "@type": "ImageObject",
            "contentUrl": "https://x/rooms/01-art/01-first/work.png",
            "width": 1600,
            "height": 1200,
            "caption": "A red square on a white ground, drawn for tests",
            "creditText": "Made for the tests",
        },
    }


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
    assert data == {
        "@context": "https://schema.org",
        "@type": "ExhibitionEvent",
        "name": "Machines that make",
        "description": "A test exhibition",
        "url": "https://x/",
        "startDate": "2020-09-21",
        "endDate": "2021-03-18",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": {"@type": "VirtualLocation", "url": "https://x/"},
        "inLanguage": "en",
        "organizer": {"@type": "Organization", "name": "Test Museum"},
        "workFeatured": [
            {"@type": "CreativeWork", "name": "First", "url": "https://x/art/first"},
            {"@type": "CreativeWork", "name": "Second", "url": "https://x/art/second"},
            {"@type": "CreativeWork", "name": "Third", "url": "https://x/music/third"},
        ],
    }
