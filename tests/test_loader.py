import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exhibition.loader import load
from exhibition.problems import ContentError, Problem
from tests.support import DEMO
from tests.support.world import EXHIBIT_MD, EXHIBITION_YAML, LABEL, write_image

EXHIBIT = "rooms/01-art/01-first/exhibit.md"


def good_exhibit(title="First"):
    return EXHIBIT_MD.format(title=title, label=LABEL)


def errors(world):
    """Return what keeps content out, as `check` prints it: errors and things to do."""
    return [str(p) for p in load(world.root).problems if p.severity != "warning"]


def test_the_world_loads_clean(world):
    loaded = load(world.root)
    assert loaded.problems == []
    exhibition = loaded.exhibition
    assert [r.slug for r in exhibition.rooms] == ["art", "music"]
    assert [e.slug for e in exhibition.tour] == ["first", "second", "third"]
    assert exhibition.rooms[0].cover.path == "rooms/01-art/01-first/work.png"
    assert exhibition.page("about").title == "About"


def test_the_demo_exhibition_loads_clean():
    loaded = load(DEMO)
    assert loaded.problems == []
    assert len(loaded.exhibition.rooms) == 5
    assert len(loaded.exhibition.tour) >= 28


def test_a_misspelt_key_is_also_a_missing_one(world):
    world.exhibit("01-art", "01-first", text=good_exhibit().replace("    credit:", "    credits:"))
    assert errors(world) == [
        f"{EXHIBIT}:12: error: missing required key 'media[1].credit'",
        f"{EXHIBIT}:14: error: unknown key 'media[1].credits' (did you mean 'credit'?)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "year: 2018",
            "year: soon",
            "3: error: 'year' must be a year like 2018 or an ISO date like 2018-10-25, not 'soon'",
        ),
        ("title: First\n", "", "2: error: missing required key 'title'"),
        ("title: First", "title: [a, b]", "2: error: 'title' must be text, not a list"),
        (
            "    credit: Made",
            "    credits: Made",
            "14: error: unknown key 'media[1].credits' (did you mean 'credit'?)",
        ),
        (
            "  role: tool",
            "  role: helper",
            "9: error: 'ai.role' must be one of tool, collaborator, autonomous, none; not 'helper'",
        ),
        (
            "trainedAlgorithmicMedia",
            "trainedAlgorithmic",
            "10: error: 'ai.source_type' must be one of",
        ),
        (
            "  - name: Ada Example\n    role: artist\n",
            "",
            "4: to do: 'creators' is empty: fill it in",
        ),
        (
            "file: work.png",
            "file: missing.png",
            "12: error: 'file' names 'missing.png', which is not in rooms/01-art/01-first",
        ),
        (
            "file: work.png",
            "file: ../02-second/work.png",
            "12: error: 'file' '../02-second/work.png' leaves the exhibit's folder",
        ),
        (
            "file: work.png",
            "file: /etc/passwd.png",
            "12: error: 'file' '/etc/passwd.png' leaves the exhibit's folder",
        ),
        ("file: work.png", "file: work.psd", "12: error: 'work.psd' is not a known kind of media"),
        (
            "    alt: A red square on a white ground, drawn for tests\n",
            "",
            "12: error: work.png needs 'alt'",
        ),
        (
            "rights:\n  licence: CC-BY-4.0\n",
            "links:\n  - title: x\n    url: javascript:alert(1)\n",
            "17: error: 'links[1].url' must be an http(s) URL, not 'javascript:alert(1)'",
        ),
        ("---\ntitle", "---\n- title", "3: error: this line is not lined up"),
        ("ip_question: Who is the author?", "medium:\nip_question: Who?\ntags:", None),
        ("  licence: CC-BY-4.0\n", "  licence:\n  holder:\n  notice: (c) Ada\n", None),
        ("draft", "draft", None),
    ],
)
def test_exhibit_errors_name_the_line(world, old, new, expected):
    text = good_exhibit().replace(old, new, 1)
    world.exhibit("01-art", "01-first", text=text)
    found = errors(world)
    if expected is None:
        assert found == []
        return
    assert any(f.startswith(f"{EXHIBIT}:{expected}") for f in found), found


def test_an_exhibit_with_an_error_is_left_out_and_the_rest_served(world):
    world.exhibit("01-art", "01-first", text=good_exhibit().replace("year: 2018", "year: soon"))
    exhibition = load(world.root).exhibition
    assert [e.slug for e in exhibition.tour] == ["second", "third"]


def test_empty_label_is_an_error(world):
    world.exhibit(
        "01-art", "01-first", text=good_exhibit().split("---\n")[1].join(["---\n", "---\n\n"])
    )
    assert errors(world) == [
        f"{EXHIBIT}:19: error: the label text is empty: write it below the front matter"
    ]


@pytest.mark.parametrize(
    ("folder", "message"),
    [
        ("03-Bad_Name", "rooms/01-art: error: '03-Bad_Name' is not named NN-slug or slug"),
        (
            "first",
            "rooms/01-art/first: error: the slug 'first' is also used by rooms/01-art/01-first",
        ),
    ],
)
def test_bad_folders(world, folder, message):
    world.exhibit("01-art", folder)
    assert any(e.startswith(message) for e in errors(world)), errors(world)


def test_ignored_names(world):
    world.exhibit("01-art", "_ideas")
    world.exhibit("01-art", ".hidden")
    world.write("rooms/01-art/01-first/exhibit.fr.md", "not read")
    assert load(world.root).problems == []


def test_order_numbered_first_then_alphabetical(world):
    world.exhibit("01-art", "zebra")
    world.exhibit("01-art", "apple")
    world.exhibit("01-art", "10-tenth")
    room = load(world.root).exhibition.room("art")
    assert [e.slug for e in room.exhibits] == ["first", "second", "tenth", "apple", "zebra"]


def test_symlink_outside_content_is_never_followed(world, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    write_image(outside / "secret.png")
    os.symlink(outside / "secret.png", world.root / "rooms/01-art/01-first/work.png.link.png")
    text = good_exhibit().replace("file: work.png", "file: work.png.link.png")
    world.write(EXHIBIT, text)
    assert errors(world) == [
        f"{EXHIBIT}:12: error: 'file' 'work.png.link.png' is a symbolic link that leads outside "
        "the exhibit's folder; it is not followed"
    ]
    os.symlink(outside, world.root / "rooms/01-art/03-linked")
    assert (
        "rooms/01-art: error: '03-linked' is a symbolic link that leads outside the content "
        "folder; it is not followed" in errors(world)
    )


def test_drafts_show_only_in_preview(world):
    world.exhibit(
        "01-art", "01-first", text=good_exhibit().replace("ip_question", "draft: true\nip_question")
    )
    assert [e.slug for e in load(world.root).exhibition.tour] == ["second", "third"]
    assert [e.slug for e in load(world.root, drafts=True).exhibition.tour] == [
        "first",
        "second",
        "third",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: x\n", "exhibition.yaml:1: error: missing required key 'edition'"),
        ("title: [x\n", "exhibition.yaml:1: error: the '[' on this line is never closed"),
        (
            "title: x\nedition: e\nopens: 2021-03-18\ncloses: 2020-09-21\n",
            "exhibition.yaml:4: error: 'closes' is before 'opens'",
        ),
        (
            "title: x\nedition: Bad Edition\nopens: 2020-01-01\ncloses: 2020-01-02\n",
            "exhibition.yaml:2: error: 'edition' must be a slug",
        ),
    ],
)
def test_broken_exhibition_yaml_stops_start_up(world, text, expected):
    world.write("exhibition.yaml", text)
    with pytest.raises(ContentError) as raised:
        load(world.root)
    assert any(str(p).startswith(expected) for p in raised.value.problems)


def test_room_cover(world):
    world.write(
        "rooms/01-art/room.md", "---\ntitle: Art\nsummary: s\ncover: 02-second/work.png\n---\n"
    )
    assert load(world.root).exhibition.room("art").cover.path == "rooms/01-art/02-second/work.png"
    world.write(
        "rooms/01-art/room.md", "---\ntitle: Art\nsummary: s\ncover: 02-second/nope.png\n---\n"
    )
    loaded = load(world.root)
    assert [str(p) for p in loaded.errors] == [
        "rooms/01-art/room.md:4: error: 'cover' '02-second/nope.png' is not an image of one of "
        "this room's exhibits; write it as exhibit-folder/file"
    ]
    assert loaded.exhibition.room("art").cover.path == "rooms/01-art/01-first/work.png"


def test_reserved_page_names(world):
    world.write("pages/rooms.md", "---\ntitle: Rooms\n---\nText.\n")
    assert errors(world) == [
        "pages/rooms.md: error: the page name 'rooms' is taken by the site; rename the file"
    ]


def test_problem_format():
    assert str(Problem("a/exhibit.md", 3, "error", "bad")) == "a/exhibit.md:3: error: bad"
    assert str(Problem("a", None, "warning", "meh")) == "a: warning: meh"


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)


def _check_loads(world):
    try:
        problems = load(world.root).problems
    except ContentError as error:
        problems = error.problems
    for problem in problems:
        assert problem.path and not problem.path.startswith("/")
        assert problem.severity in ("error", "warning", "todo")
        assert problem.line is None or problem.line >= 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.dictionaries(
        st.sampled_from(
            ["title", "year", "creators", "ai", "media", "links", "tags", "rights", "draft", "x"]
        ),
        yaml_values,
        max_size=8,
    ),
    label=st.text(max_size=200),
)
def test_random_front_matter_never_escapes(world, fields, label):
    world.write(EXHIBIT, "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + label)
    _check_loads(world)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_random_bytes_never_escape(world, data):
    (world.root / EXHIBIT).write_bytes(data)
    (world.root / "rooms/01-art/room.md").write_bytes(data[::-1])
    _check_loads(world)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_random_exhibition_yaml_never_escapes(world, text):
    world.write("exhibition.yaml", text)
    _check_loads(world)


def test_a_broken_exhibition_yaml_hides_no_other_problem(world):
    world.write("exhibition.yaml", "title: x\nedition: e\nopens: 2026-02-30\ncloses: 2027-01-01\n")
    world.exhibit("01-art", "01-first", text=good_exhibit().replace("year: 2018", "year:"))
    with pytest.raises(ContentError) as raised:
        load(world.root)
    opens = "exhibition.yaml:3: error: 'opens' is 2026-02-30, a day that does not exist; "
    opens += "check the day and the month"
    assert [str(p) for p in raised.value.problems] == [
        opens,
        f"{EXHIBIT}:3: to do: 'year' is empty: fill it in",
    ]
    assert str(raised.value) == opens  # what stops the site from starting


def test_empty_optional_fields_count_as_absent(world):
    world.write("exhibition.yaml", EXHIBITION_YAML.replace("A test exhibition", "") + "language:\n")
    world.write("rooms/01-art/room.md", "---\ntitle: Art\nsummary: s\ncover:\n---\n")
    world.exhibit(
        "01-art",
        "01-first",
        text=good_exhibit().replace("    role: artist", "    role:\nmedium:\nrights:\nlinks:"),
    )
    loaded = load(world.root)
    assert loaded.errors == []
    assert loaded.exhibition.subtitle == "" and loaded.exhibition.language == "en"
    assert loaded.exhibition.tour[0].medium == ""


def windows(text: str) -> bytes:
    """Return text as Windows tools save it: a byte order mark and CRLF line ends."""
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()


def test_files_saved_on_windows_just_work(world):
    root = world.root
    (root / "exhibition.yaml").write_bytes(windows(EXHIBITION_YAML))
    (root / "rooms/01-art/room.md").write_bytes(
        windows("---\ntitle: Art\nsummary: s\n---\nIntro\n")
    )
    (root / "pages/about.md").write_bytes(windows("---\ntitle: About\n---\nAbout it.\n"))
    item = "  - file: work.png\n    alt: A red square on a white ground, drawn for tests\n"
    sound = "  - file: sound.mp3\n    credit: x\n    transcript: words.txt\n"
    film = "  - file: film.webm\n    credit: x\n    captions: film.vtt\n"
    text = good_exhibit().replace(item, sound + film + item)
    (root / EXHIBIT).write_bytes(windows(text))
    folder = (root / EXHIBIT).parent
    (folder / "sound.mp3").write_bytes(b"ID3")
    (folder / "film.webm").write_bytes(b"\x1aE")
    (folder / "words.txt").write_bytes(windows("First paragraph.\n\nSecond paragraph.\n"))
    (folder / "film.vtt").write_bytes(windows("WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n"))
    loaded = load(root)
    assert loaded.errors == []
    exhibition = loaded.exhibition
    assert exhibition.title == "Machines that make"
    assert exhibition.room("art").summary == "s"
    assert exhibition.page("about").title == "About"
    first = exhibition.room("art").exhibits[0]
    assert first.title == "First"
    # Two paragraphs, as with LF line ends: CRLF once made them one.
    assert first.media[0].transcript_html.startswith("<p>First paragraph.</p><p>Second")


def test_notepad_unicode_is_read(world):
    (world.root / "pages/about.md").write_bytes(
        "---\r\ntitle: À propos\r\n---\r\nText.\r\n".encode("utf-16")
    )
    assert load(world.root).exhibition.page("about").title == "À propos"
