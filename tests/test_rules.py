"""Every rule of the content format: one case each, its exact report, and its place in the guide."""

import os
import re
import struct
import zlib
from pathlib import Path

import pytest

from exhibition import sourcetext
from exhibition.loader import load
from exhibition.problems import ContentError
from tests.support.world import EXHIBIT_MD, EXHIBITION_YAML, LABEL, write_image

ROOT = Path(__file__).resolve().parent.parent
EXHIBIT = "rooms/01-art/01-first"
MD = f"{EXHIBIT}/exhibit.md"


def edit(old, new, title="First"):
    """Return a case that changes the first exhibit's exhibit.md (titled `title`)."""

    def change(world):
        text = EXHIBIT_MD.format(title=title, label=LABEL)
        assert old in text
        world.write(MD, text.replace(old, new, 1))

    return change


def media(lines, files=()):
    """Return a case that replaces the first exhibit's media list."""

    def change(world):
        for name, data in files:
            path = world.root / EXHIBIT / name
            if callable(data):
                data(path)
            else:
                path.write_bytes(data)
        edit(
            "  - file: work.png\n    alt: A red square on a white ground, drawn for tests\n    credit: Made for the tests\n",
            lines,
        )(world)

    return change


def png_header(width, height):
    """Return a PNG that claims a size but holds almost no data."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


def truncated(path):
    write_image(path, fmt="JPEG")
    path.write_bytes(path.read_bytes()[:3000])


def outside_link(path):
    target = path.parent.parent.parent.parent.parent / "secret.png"
    write_image(target)
    os.symlink(target, path)


def folder(name):
    def change(world):
        world.exhibit("01-art", name)

    return change


def room_md(text):
    def change(world):
        world.write("rooms/01-art/room.md", text)

    return change


def panorama(lines, size=(400, 200), name="gallery.jpg"):
    """Return a case that gives the room its own 360° picture, then `lines` of room.md."""

    def change(world):
        if name.endswith(".jpg"):
            write_image(world.root / "rooms/01-art" / name, size)
        else:
            world.write(f"rooms/01-art/{name}", "not a picture")
        world.write(
            "rooms/01-art/room.md", f"---\ntitle: Art\nsummary: s\npanorama: {name}\n{lines}\n---\n"
        )

    return change


def exhibition_yaml(old, new):
    def change(world):
        text = (world.root / "exhibition.yaml").read_text()
        assert old in text
        world.write("exhibition.yaml", text.replace(old, new, 1))

    return change


FR = f"{EXHIBIT}/exhibit.fr.md"
TRANSLATED = "media:\n  - file: work.png\n    alt: Un carré rouge sur fond blanc, pour les tests\n"


def translation(text, path=FR, source_title=None):
    """Return a case that declares French and writes a translation (front matter `text`).

    With `source_title`, the translation is made from the exhibit as it is,
    then the exhibit's title changes to that.
    """

    def change(world):
        exhibition_yaml("licence:", "languages: [en, fr]\nlicence:")(world)
        texts = sourcetext.exhibit_texts(load(world.root).exhibition.tour[0])
        world.write(path, "---\n" + text.format(digest=sourcetext.digest(texts)) + "---\nTexte.\n")
        if source_title:
            edit("title: First", f"title: {source_title}")(world)

    return change


def raw_bytes(data):
    def change(world):
        (world.root / MD).write_bytes(data)

    return change


VIDEO = "  - file: film.webm\n    credit: Film\n"
AUDIO = "  - file: sound.mp3\n    credit: Sound\n"
ALIASES = "---\ntitle: &a x\nyear: *a\n---\nLabel\n"

CASES = {
    "yaml-syntax": (
        raw_bytes(b"---\n? [a, b]\n: c\n---\nLabel\n"),
        f"{MD}:2: error: YAML syntax error: found unhashable key",
    ),
    "tab-indentation": (
        edit("  system: GAN", "\tsystem: GAN"),
        f"{MD}:8: error: this line is indented with a tab; use spaces instead",
    ),
    "misaligned": (
        edit("  role: tool", "   role: tool"),
        f"{MD}:9: error: this line is not lined up with the lines above it; "
        "indent keys of the same level by the same number of spaces",
    ),
    "colon-in-value": (
        edit("title: First", "title: Portrait: a study"),
        f"{MD}:2: error: the value of 'title' holds ': '; put the whole value in double quotes (\"…\")",
    ),
    "apostrophe-in-single-quotes": (
        edit("title: First", "title: 'Ada's portrait'"),
        f"{MD}:2: error: the apostrophe in 'title' ends its single quotes early; "
        'put the value in double quotes ("…") instead',
    ),
    "text-after-quote": (
        edit("title: First", 'title: "Le Rêve" by Picasso'),
        f"{MD}:2: error: the value of 'title' goes on after its closing quote; put the whole value in quotes",
    ),
    "unclosed-quote": (
        edit("title: First", 'title: "First'),
        f"{MD}:2: error: the quote that opens the value on this line is never closed; add the closing quote",
    ),
    "no-colon": (
        edit("year: 2018", "year 2018"),
        f"{MD}:3: error: this line has no ':' after its key; write 'key: value', or join it to the line above",
    ),
    "list-on-key-line": (
        edit("media:\n  - file: work.png", "media: - file: work.png"),
        f"{MD}:11: error: a list cannot start on the line of its key; put each '- ' item on a line below",
    ),
    "unclosed-bracket": (
        edit("title: First", "title: [First"),
        f"{MD}:2: error: the '[' on this line is never closed; add ']', "
        "or put the value in quotes if the brackets belong to the text",
    ),
    "reserved-start": (
        edit("title: First", "title: *First*"),
        f"{MD}:2: error: the value of 'title' starts with '*', which YAML reserves; put it in quotes",
    ),
    "backslash": (
        edit("title: First", 'title: "C:\\scans"'),
        f"{MD}:2: error: 'title' holds a backslash (\\) inside double quotes; use single quotes instead",
    ),
    "curly-quotes": (
        edit("title: First", "title: “First”"),
        f"{MD}:2: error: 'title' is in curly quotes (“…”), as a word processor types them; "
        'write straight quotes ("…") or none',
    ),
    "curly-quotes-around-a-colon": (
        edit("title: First", "title: “Portrait: a study”"),
        f"{MD}:2: error: 'title' is in curly quotes (“…”), as a word processor types them; "
        'write straight quotes ("…") or none',
    ),
    "impossible-date": (
        exhibition_yaml("opens: 2020-09-21", "opens: 2026-02-30"),
        "exhibition.yaml:4: error: 'opens' is 2026-02-30, a day that does not exist; "
        "check the day and the month",
    ),
    "empty-list-item": (
        edit("creators:\n", "creators:\n  -\n"),
        f"{MD}:4: error: 'creators[1]' is empty: fill it in or delete the line",
    ),
    "name-differs-in-case": (
        edit("file: work.png", "file: Work.PNG"),
        f"{MD}:12: error: 'file' names 'Work.PNG', which is not in {EXHIBIT} (did you mean 'work.png'?)",
    ),
    "licence-as-people-write-it": (
        edit("licence: CC-BY-4.0", "licence: CC BY 4.0"),
        f"{MD}:16: error: 'rights.licence' must be an SPDX licence id like CC-BY-4.0 or an http(s) URL, "
        "not 'CC BY 4.0' (did you mean 'CC-BY-4.0'?)",
    ),
    "folder-with-accents-and-spaces": (
        folder("03-Café Müller"),
        "rooms/01-art: error: '03-Café Müller' is not named NN-slug or slug (lower-case letters, "
        "digits and single hyphens); rename it to '03-cafe-muller'",
    ),
    "not-a-mapping": (
        raw_bytes(b"---\n- a list\n---\nLabel\n"),
        f"{MD}:1: error: 'the fields' must be a mapping of keys, not a list",
    ),
    "missing-key": (edit("year: 2018\n", ""), f"{MD}:2: error: missing required key 'year'"),
    "wrong-type": (
        edit("year: 2018", "year: soon"),
        f"{MD}:3: error: 'year' must be a year like 2018 or an ISO date like 2018-10-25, not 'soon'",
    ),
    "unknown-key": (
        edit("    role: artist", "    roles: artist"),
        f"{MD}:6: error: unknown key 'creators[1].roles' (did you mean 'role'?)",
    ),
    "bad-slug": (
        folder("03-Third_One"),
        "rooms/01-art: error: '03-Third_One' is not named NN-slug or slug (lower-case letters, digits and single hyphens); rename it to '03-third-one'",
    ),
    "duplicate-slug": (
        folder("first"),
        "rooms/01-art/first: error: the slug 'first' is also used by rooms/01-art/01-first; rename one of them",
    ),
    "missing-media": (
        edit("file: work.png", "file: gone.png"),
        f"{MD}:12: error: 'file' names 'gone.png', which is not in {EXHIBIT}",
    ),
    "leaves-folder": (
        edit("file: work.png", "file: ../02-second/work.png"),
        f"{MD}:12: error: 'file' '../02-second/work.png' leaves the exhibit's folder; name a file inside it",
    ),
    "link-outside": (
        media(
            "  - file: link.png\n    alt: A linked picture of a square\n    credit: x\n",
            [("link.png", outside_link)],
        ),
        f"{MD}:12: error: 'file' 'link.png' is a symbolic link that leads outside the exhibit's folder; it is not followed",
    ),
    "unknown-extension": (
        edit("file: work.png", "file: work.psd"),
        f"{MD}:12: error: 'work.psd' is not a known kind of media; use an image, audio or video file (see the content format)",
    ),
    "not-an-image": (
        media(
            "  - file: fake.jpg\n    alt: A fake picture of a square\n    credit: x\n",
            [("fake.jpg", b"not an image at all")],
        ),
        f"{MD}:12: error: fake.jpg: the file is not an image that can be read",
    ),
    "truncated-image": (
        media(
            "  - file: cut.jpg\n    alt: A cut picture of a square\n    credit: x\n",
            [("cut.jpg", truncated)],
        ),
        f"{MD}:12: error: cut.jpg: the image cannot be read (image file is truncated",
    ),
    "pixel-bomb": (
        media(
            "  - file: bomb.png\n    alt: A huge picture of nothing\n    credit: x\n",
            [("bomb.png", png_header(40000, 40000))],
        ),
        f"{MD}:12: error: bomb.png: the image is over the limit of 89,478,485 pixels; make it smaller",
    ),
    "extension-lies": (
        media(
            "  - file: fake.jpg\n    alt: A picture of a square, saved as PNG\n    credit: x\n",
            [("fake.jpg", lambda p: write_image(p, fmt="PNG"))],
        ),
        f"{MD}:12: error: fake.jpg: the file is a PNG image but its name ends in .jpg; rename it to end in .png",
    ),
    "video-without-captions": (
        media(VIDEO, [("film.webm", b"\x1aE")]),
        f"{MD}:12: error: video needs 'captions': a WebVTT (.vtt) file",
    ),
    "captions-not-webvtt": (
        media(
            VIDEO + "    captions: film.vtt\n",
            [("film.webm", b"\x1aE"), ("film.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nHi\n")],
        ),
        f"{MD}:14: error: film.vtt: the captions file is not WebVTT: its first line must be 'WEBVTT'",
    ),
    "captions-not-vtt": (
        media(
            VIDEO + "    captions: clip.html\n",
            [("film.webm", b"\x1aE"), ("clip.html", b"WEBVTT\n<script src=clip.js></script>\n")],
        ),
        f"{MD}:14: error: the captions 'clip.html' must be a WebVTT file ending in .vtt",
    ),
    "audio-without-transcript": (
        media(AUDIO, [("sound.mp3", b"ID3")]),
        f"{MD}:12: error: audio needs a 'transcript': a Markdown or text file",
    ),
    "transcript-not-md-or-txt": (
        media(
            AUDIO + "    transcript: words.html\n",
            [("sound.mp3", b"ID3"), ("words.html", b"<script>alert(1)</script>\n")],
        ),
        f"{MD}:14: error: the transcript 'words.html' must be a .md or .txt file",
    ),
    "transcript-not-text": (
        media(
            AUDIO + "    transcript: words.txt\n",
            [("sound.mp3", b"ID3"), ("words.txt", "Spoken words".encode("utf-16-le"))],
        ),
        f"{MD}:14: error: words.txt: the file holds NUL bytes, not text; save it as UTF-8",
    ),
    "unknown-source-type": (
        edit("source_type: trainedAlgorithmicMedia", "source_type: aiGenerated"),
        f"{MD}:10: error: 'ai.source_type' must be one of digitalCapture",
    ),
    "unknown-ai-role": (
        edit("role: tool", "role: author"),
        f"{MD}:9: error: 'ai.role' must be one of tool, collaborator, autonomous, none; not 'author'",
    ),
    "not-utf8": (
        raw_bytes("---\ntitle: Caf\xe9\n".encode("latin-1")),
        f"{MD}:2: error: the file is not UTF-8 text; save it as UTF-8",
    ),
    "empty-label": (
        edit(LABEL, "   "),
        f"{MD}:19: error: the label text is empty: write it below the front matter",
    ),
    "missing-cover": (
        room_md("---\ntitle: Art\nsummary: s\ncover: 01-first/none.png\n---\n"),
        "rooms/01-art/room.md:4: error: 'cover' '01-first/none.png' is not an image of one of this room's exhibits; write it as exhibit-folder/file",
    ),
    "panorama-not-two-to-one": (
        panorama("hotspots: [{exhibit: first, yaw: 10, pitch: 0}]", (300, 200)),
        "rooms/01-art/room.md:4: error: the panorama 'gallery.jpg' is 300×200 pixels, not twice as wide as it is tall; use an equirectangular 360° picture (2:1), e.g. 8000×4000",
    ),
    "panorama-missing": (
        room_md("---\ntitle: Art\nsummary: s\npanorama: none.jpg\n---\n"),
        "rooms/01-art/room.md:4: error: 'panorama' names 'none.jpg', which is not in rooms/01-art",
    ),
    "panorama-not-an-image": (
        panorama("", name="gallery.txt"),
        "rooms/01-art/room.md:4: error: gallery.txt is not an image",
    ),
    "hotspot-yaw-out-of-range": (
        panorama("hotspots:\n  - {exhibit: first, yaw: 200, pitch: 0}"),
        "rooms/01-art/room.md:6: error: 'hotspots[1].yaw' must be a number from -180 to 180, not the number 200",
    ),
    "hotspot-pitch-out-of-range": (
        panorama("hotspots:\n  - exhibit: first\n    yaw: 0\n    pitch: -91.5"),
        "rooms/01-art/room.md:8: error: 'hotspots[1].pitch' must be a number from -90 to 90, not the number -91.5",
    ),
    "hotspot-not-in-room": (
        panorama("hotspots:\n  - {exhibit: frist, yaw: 0, pitch: 0}"),
        "rooms/01-art/room.md:6: error: 'hotspots' names the exhibit 'frist', which is not in this room (did you mean 'first'?); name it by its folder without the number, e.g. ai-da",
    ),
    "hotspot-twice": (
        panorama(
            "hotspots:\n  - {exhibit: first, yaw: 0, pitch: 0}\n  - {exhibit: first, yaw: 9, pitch: 0}"
        ),
        "rooms/01-art/room.md:7: error: 'hotspots' names the exhibit 'first' twice; keep one hotspot for each exhibit",
    ),
    "hotspots-without-panorama": (
        room_md(
            "---\ntitle: Art\nsummary: s\nhotspots: [{exhibit: first, yaw: 0, pitch: 0}]\n---\n"
        ),
        "rooms/01-art/room.md:4: error: 'hotspots' needs 'panorama': name the 360° picture they are on",
    ),
    "page-size-not-a-number": (
        room_md("---\ntitle: Art\nsummary: s\npage_size: many\n---\n"),
        "rooms/01-art/room.md:4: error: 'page_size' must be a whole number from 1 to 200, not 'many'",
    ),
    "missing-poster": (
        media(
            VIDEO + "    captions: film.vtt\n    poster: none.jpg\n    alt: A poster of a film\n",
            [("film.webm", b"\x1aE"), ("film.vtt", b"WEBVTT\n")],
        ),
        f"{MD}:15: error: 'poster' names 'none.jpg', which is not in {EXHIBIT}",
    ),
    "link-not-http": (
        edit("ip_question:", "links:\n  - title: x\n    url: ftp://example.org/x\nip_question:"),
        f"{MD}:19: error: 'links[1].url' must be an http(s) URL, not 'ftp://example.org/x'",
    ),
    "yaml-aliases": (
        raw_bytes(ALIASES.encode()),
        f"{MD}:3: error: YAML aliases (*name) are not allowed in content files; write the value out",
    ),
    "yaml-too-deep": (
        raw_bytes(b"---\ntitle: x\ntags: " + b"[" * 40 + b"]" * 40 + b"\n---\nLabel\n"),
        f"{MD}:3: error: YAML nested more than 32 levels deep; content files need a few",
    ),
    "file-too-large": (
        raw_bytes(b"---\ntitle: x\n---\n" + b"A label that never ends. " * 50_000),
        f"{MD}: error: the file is larger than 1,000,000 bytes",
    ),
    "blank-required": (edit("year: 2018", "year:"), f"{MD}:3: to do: 'year' is empty: fill it in"),
    "blank-alt": (
        edit("alt: A red square on a white ground, drawn for tests", "alt:"),
        f"{MD}:13: to do: 'media[1].alt' is empty: fill it in",
    ),
    "to-do-line": (
        edit(LABEL, "To do: write the label text here."),
        f"{MD}:19: to do: replace the 'To do:' line with your text",
    ),
    "question-one-answer": (
        edit(
            "ip_question: Who is the author?",
            "ip_question:\n  text: Who is the author?\n  answers: [The painter]",
        ),
        f"{MD}:19: error: 'ip_question.answers' needs from 2 to 5 short answers visitors choose "
        "from, not 1",
    ),
    "question-answer-twice": (
        edit(
            "ip_question: Who is the author?",
            "ip_question:\n  text: Who is the author?\n  answers: [The painter, the Painter]",
        ),
        f"{MD}:19: error: 'ip_question.answers' offers 'the Painter' twice (capitals aside)",
    ),
    "question-answer-too-long": (
        edit(
            "ip_question: Who is the author?",
            "ip_question:\n  text: Who is the author?\n  answers:\n    - No one\n    - " + "x" * 81,
        ),
        f"{MD}:19: error: 'ip_question.answers[2]' is 81 characters long; keep it to 80",
    ),
    "no-ip-question": (
        edit("ip_question: Who is the author?\n", ""),
        f"{MD}:2: warning: no 'ip_question': add the question this exhibit puts to visitors",
    ),
    "short-alt": (
        edit("alt: A red square on a white ground, drawn for tests", "alt: A square"),
        f"{MD}:13: warning: the alt text of work.png says too little: describe what it shows",
    ),
    "alt-is-title": (
        # Four words, so only its being the title can make it say too little.
        edit(
            "alt: A red square on a white ground, drawn for tests",
            "alt: The First Red Square",
            title="The First Red Square",
        ),
        f"{MD}:13: warning: the alt text of work.png says too little: describe what it shows",
    ),
    "small-image": (
        media(
            "  - file: small.png\n    alt: A small red square on white\n    credit: x\n",
            [("small.png", lambda p: write_image(p, size=(800, 600)))],
        ),
        f"{MD}:12: warning: small.png is 800 x 600 pixels; give at least 1200 px on its long side for large screens",
    ),
    "short-label": (
        edit(LABEL, "Too short."),
        f"{MD}: warning: the label text has 2 words; write at least 40",
    ),
    "unknown-language": (
        exhibition_yaml("licence:", "languages: [en, fz]\nlicence:"),
        "exhibition.yaml:7: error: 'languages[2]' is 'fz', which is not a known language; "
        "write a BCP 47 tag like fr or pt-BR",
    ),
    "translation-not-declared": (
        translation("title: Erste\n", path=f"{EXHIBIT}/exhibit.de.md"),
        f"{EXHIBIT}/exhibit.de.md: error: exhibit.de.md is a translation into 'de', which "
        "'languages' in exhibition.yaml does not list; add 'de' there, or rename the file",
    ),
    "translation-gives-a-fact": (
        translation("title: Premier\nyear: 2019\n"),
        f"{FR}:3: error: 'year' comes from exhibit.md, not from its translations; remove it here",
    ),
    "translation-names-another-file": (
        translation(TRANSLATED.replace("work.png", "wrok.png")),
        f"{FR}:3: error: 'media[1].file' names 'wrok.png', which exhibit.md does not have; "
        "name the item as exhibit.md does (did you mean 'work.png'?)",
    ),
    "missing-translation": (
        translation("title: Premier\n", path=f"{EXHIBIT}/../02-second/exhibit.fr.md"),
        f"{MD}: warning: no 'fr' translation yet: write exhibit.fr.md beside it, or start it "
        f"with 'exhibition new translation fr {MD}'",
    ),
    "to-translate": (
        translation("translated_from: {digest}\ntitle: Premier\n"),
        f"{FR}: warning: 'ai.system' is still to translate; until then visitors read it "
        "from exhibit.md",
    ),
    "stale-translation": (
        translation("translated_from: {digest}\ntitle: Premier\n", source_title="Earliest"),
        f"{FR}:2: warning: exhibit.md has changed since this was translated ('title'); "
        "bring the translation up to date, then write translated_from: ",
    ),
    "no-translated-from": (
        translation("title: Premier\n"),
        f"{FR}:1: warning: no 'translated_from': once this matches exhibit.md, add "
        "translated_from: ",
    ),
    "plan-columns": (
        lambda world: world.write("exhibition.yaml", EXHIBITION_YAML + "plan:\n  columns: 20\n"),
        "exhibition.yaml:10: error: 'plan.columns' must be a whole number from 1 to 12, not the number 20",
    ),
    "no-licence": (
        edit("rights:\n  licence: CC-BY-4.0\n", ""),
        f"{MD}:2: warning: no licence: add 'rights.licence' or 'rights.notice' so visitors know what they may reuse",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_rule(world, case):
    change, expected = CASES[case]
    change(world)
    try:
        problems = load(world.root).problems
    except ContentError as error:
        problems = error.problems
    found = [str(p) for p in problems]
    assert any(p.startswith(expected) for p in found), "\n".join(found)
    full = next(p for p in found if p.startswith(expected))
    assert documented(full.split(": ", 2)[2]), f"not in docs/curators.md: {full}"
    blocking = ": error:" in expected or ": to do:" in expected
    if expected.startswith("exhibition.yaml:") and blocking:
        with pytest.raises(ContentError):  # the site does not start on it
            load(world.root)
    elif blocking:
        exhibits = [e.folder for e in load(world.root).exhibition.tour]
        if expected.startswith(MD):  # that exhibit is left out, and it alone
            assert exhibits == ["rooms/01-art/02-second", "rooms/02-music/01-third"]
        elif expected.startswith("rooms/01-art/room.md"):  # that room may be left out, no other
            assert "rooms/02-music/01-third" in exhibits
        else:  # a folder's problem leaves the other exhibits in
            assert {"rooms/01-art/02-second", "rooms/02-music/01-third"} <= set(exhibits)


def test_closes_before_opens(world):
    world.write("exhibition.yaml", "title: x\nedition: e\nopens: 2021-03-18\ncloses: 2020-09-21\n")
    with pytest.raises(ContentError) as raised:
        load(world.root)
    assert str(raised.value.problems[0]) == "exhibition.yaml:4: error: 'closes' is before 'opens'"


def documented(message: str) -> bool:
    """Return True if the curators' guide lists the message, with … for the variable parts."""
    text = (ROOT / "docs/curators.md").read_text()
    section = text.split("## Every check", 1)[1]
    rows = re.findall(r"^\| `([^`]+)` \|", section, re.M)
    patterns = [".*".join(re.escape(part) for part in row.split("…")) for row in rows]
    return any(re.fullmatch(pattern, message) for pattern in patterns)


def test_closes_before_opens_is_documented():
    assert documented("'closes' is before 'opens'")
