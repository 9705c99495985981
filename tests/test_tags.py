import datetime as dt

from exhibition import tags
from exhibition.model import AI, Exhibit, Exhibition, Media, Room


def _exhibit(slug: str, *names: str) -> Exhibit:
    media = (Media("image", f"{slug}.jpg", "credit"),)
    return Exhibit(
        slug,
        "art",
        f"rooms/art/{slug}",
        slug.title(),
        "2018",
        (),
        AI("x", "tool", ""),
        media,
        "",
        tags=names,
    )


def _exhibition(*exhibits: Exhibit) -> Exhibition:
    room = Room("art", "rooms/art", "Art", "", "", exhibits)
    return Exhibition("T", "1", dt.date(2020, 1, 1), dt.date(2021, 1, 1), (room,))


def test_slug_keeps_letters_of_every_script_and_joins_the_rest():
    assert tags.slug("Fair use") == "fair-use"
    assert tags.slug("fair-use") == "fair-use"
    assert tags.slug("Propriété") == "propriété"
    assert tags.slug("حقوق المؤلف") == "حقوق-المؤلف"
    assert tags.slug("  ../ *!") == ""


def test_every_tag_counts_each_exhibit_once_in_tour_order():
    found = tags.every_tag(
        _exhibition(_exhibit("b", "Courts", "style"), _exhibit("a", "courts", "courts"))
    )
    assert [(t.name, t.slug, [e.slug for e in t.exhibits]) for t in found] == [
        ("Courts", "courts", ["b", "a"]),
        ("style", "style", ["b"]),
    ]


def test_find_knows_only_the_tags_there_are():
    exhibition = _exhibition(_exhibit("a", "style", "!!"))
    assert tags.find(exhibition, "style").exhibits[0].slug == "a"
    assert tags.find(exhibition, "") is None
    assert tags.find(exhibition, "Style") is None
    assert tags.find(exhibition, "style" * 1000) is None
