import json
import shutil

from exhibition import jsonld
from exhibition.loader import load
from tests.support.world import EXHIBIT_MD, LABEL

ROOM = "---\ntitle: R{n}\nsummary: Room {n}.\n---\nIntro.\n"


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
    rooms = data.pop("subEvent")
    assert [room["name"] for room in rooms] == ["Art", "Music"]
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
            {"@type": "CreativeWork", "name": "Third", "url": "https://x/music/third"},
        ],
    }


def test_the_lobby_names_its_rooms_and_a_handful_of_works(world):
    # 50 exhibits in 8 rooms: the lobby names every room and the first work of six.
    for number in range(1, 9):
        world.write(f"rooms/{number + 2:02d}-r{number}/room.md", ROOM.format(n=number))
    for number in range(47):
        room = f"{number % 8 + 3:02d}-r{number % 8 + 1}"
        world.write(
            f"rooms/{room}/{number:02d}-w{number}/exhibit.md",
            EXHIBIT_MD.format(title=f"W{number}", label=LABEL),
        )
        shutil.copy(
            world.root / "rooms/01-art/01-first/work.png",
            world.root / f"rooms/{room}/{number:02d}-w{number}",
        )
    exhibition = load(world.root).exhibition
    assert len(exhibition.tour) == 50
    data = jsonld.exhibition_event(exhibition, url)
    assert data["workFeatured"] == [
        {"@type": "CreativeWork", "name": name, "url": address}
        for name, address in [
            ("First", "https://x/art/first"),
            ("Third", "https://x/music/third"),
            ("W0", "https://x/r1/w0"),
            ("W1", "https://x/r2/w1"),
            ("W2", "https://x/r3/w2"),
            ("W3", "https://x/r4/w3"),
        ]
    ]
    assert data["subEvent"][0] == {
        "@type": "ExhibitionEvent",
        "name": "Art",
        "description": "The Art room.",
        "url": "https://x/art",
        "startDate": "2020-09-21",
        "endDate": "2021-03-18",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": "https://x/art"},
    }
    assert [room["name"] for room in data["subEvent"]] == ["Art", "Music"] + [
        f"R{n}" for n in range(1, 9)
    ]
    assert len(jsonld.dumps(data)) < 6000
