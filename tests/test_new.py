"""`new room` and `new exhibit`: scaffolds that `check` lists as "to do" until filled in."""

import json
import re
import wave
from collections import Counter

from exhibition.loader import load
from tests.support.world import LABEL, write_image

WEBM = b"\x1aE\xdf\xa3"  # the site reads no more of a film than its length, if it can
CAPTIONS = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nThe words heard.\n"
FILLED = {
    "year:\n": "year: 2021\n",
    "  - name:\n": "  - name: Ada Example\n",
    "  system:\n": "  system: GAN\n",
    "  role:\n": "  role: tool\n",
    "  source_type:\n": "  source_type: trainedAlgorithmicMedia\n",
    "    alt:\n": "    alt: A red field seen from above at dusk\n",
    "    credit:\n": "    credit: Made for the tests\n",
    "ip_question:\n": "ip_question: Who is the author?\n",
    "  licence:\n": "  licence: CC-BY-4.0\n",
}


def new(runner, *args):
    """Run `new` and return its output, failing the test if it fails."""
    result = runner.invoke(args=["new", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output


def check(runner, folder):
    """Run `check`: its exit code and the problems it lists in `folder`, as printed."""
    result = runner.invoke(args=["check"])
    return result.exit_code, [line for line in result.output.splitlines() if folder in line]


def fill(path, text=LABEL):
    """Fill in every blank and the label of a scaffolded exhibit.md."""
    written = path.read_text()
    for blank, value in FILLED.items():
        written = written.replace(blank, value)
    path.write_text(re.sub(r"(?m)^To do:.*$", text, written))


def sound(path):
    """Write a second of silence as a real WAV file."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1), out.setsampwidth(2), out.setframerate(8000)
        out.writeframes(b"\0\0" * 8000)
    return path


def test_a_video_finds_its_poster_and_gets_starter_captions(world, runner, tmp_path):
    (tmp_path / "clip.webm").write_bytes(WEBM)
    write_image(tmp_path / "clip.jpg")  # beside the film, named like it
    new(runner, "exhibit", "art", "a-clip", "--media", tmp_path / "clip.webm")
    folder = world.root / "rooms/01-art/03-a-clip"
    assert sorted(p.name for p in folder.iterdir()) == [
        "clip.jpg", "clip.vtt", "clip.webm", "exhibit.md",
    ]  # fmt: skip
    md = folder / "exhibit.md"
    assert "    captions: clip.vtt\n" in md.read_text()
    assert "    poster: clip.jpg\n" in md.read_text()
    assert (folder / "clip.vtt").read_text().startswith("WEBVTT\n\nNOTE To do: write the captions")
    code, said = check(runner, "03-a-clip")
    where = "rooms/01-art/03-a-clip"
    assert code == 1
    assert said == [
        f"{where}/clip.vtt:3: to do: replace the 'To do:' line with your text",
        f"{where}/exhibit.md:5: to do: 'year' is empty: fill it in",
        f"{where}/exhibit.md:8: to do: 'creators[1].name' is empty: fill it in",
        f"{where}/exhibit.md:14: to do: 'ai.system' is empty: fill it in",
        f"{where}/exhibit.md:16: to do: 'ai.role' is empty: fill it in",
        f"{where}/exhibit.md:19: to do: 'ai.source_type' is empty: fill it in",
        f"{where}/exhibit.md:28: to do: 'media[1].alt' is empty: fill it in",
        f"{where}/exhibit.md:30: to do: 'media[1].credit' is empty: fill it in",
        f"{where}/exhibit.md:48: to do: replace the 'To do:' line with your text",
    ]
    fill(md)
    (folder / "clip.vtt").write_text(CAPTIONS)
    assert check(runner, "03-a-clip") == (0, [])
    (clip,) = load(world.root, drafts=True).exhibition.room("art").exhibit("a-clip").media
    assert (clip.kind, clip.captions, clip.image.path) == (
        "video", f"{where}/clip.vtt", f"{where}/clip.jpg",
    )  # fmt: skip


def test_a_videos_captions_and_poster_can_be_given_with_media(world, runner, tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"\0\0\0\x18ftypmp42")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/clip.vtt").write_text(CAPTIONS)
    write_image(tmp_path / "elsewhere/clip.png")
    files = ("clip.mp4", "elsewhere/clip.vtt", "elsewhere/clip.png")
    new(runner, "exhibit", "art", "a-clip", *(f"--media={tmp_path / name}" for name in files))
    folder = world.root / "rooms/01-art/03-a-clip"
    text = (folder / "exhibit.md").read_text()
    assert text.count("  - file:") == 1  # the poster is no item of its own
    assert "captions: clip.vtt\n" in text and "poster: clip.png\n" in text
    assert (folder / "clip.vtt").read_text() == CAPTIONS
    assert (folder / "clip.png").is_file()


def test_a_sound_gets_its_transcript(world, runner, tmp_path):
    new(runner, "exhibit", "music", "a-song", "--media", sound(tmp_path / "song.wav"))
    folder = world.root / "rooms/02-music/02-a-song"
    assert "    transcript: song.md\n" in (folder / "exhibit.md").read_text()
    assert (folder / "song.md").read_text().startswith("# song.wav\n\nTo do: write down")
    code, said = check(runner, "02-a-song")
    assert code == 1
    assert said[-1] == (
        "rooms/02-music/02-a-song/song.md:3: to do: replace the 'To do:' line with your text"
    )
    fill(folder / "exhibit.md")
    fill(folder / "song.md", "Rain on a tin roof, then a voice: hello.")
    assert check(runner, "02-a-song") == (0, [])


def test_a_transcript_beside_the_sound_is_copied_in(world, runner, tmp_path):
    (tmp_path / "song.txt").write_text("Words.\n")
    new(runner, "exhibit", "music", "a-song", "--media", sound(tmp_path / "song.wav"))
    folder = world.root / "rooms/02-music/02-a-song"
    assert "    transcript: song.txt\n" in (folder / "exhibit.md").read_text()
    assert (folder / "song.txt").read_text() == "Words.\n"


def test_several_images_are_several_items(world, runner, tmp_path):
    names = ("one.png", "two.jpg", "three.webp")
    paths = [write_image(tmp_path / name) for name in names]
    new(runner, "exhibit", "art", "three", *(f"--media={path}" for path in paths))
    md = world.root / "rooms/01-art/03-three/exhibit.md"
    assert re.findall(r"(?m)^  - file: (.+)$", md.read_text()) == list(names)
    code, said = check(runner, "03-three")
    assert [line.split(": ", 2)[2] for line in said if "media[" in line] == [
        f"'media[{n}].{key}' is empty: fill it in" for n in (1, 2, 3) for key in ("alt", "credit")
    ]
    fill(md)
    assert check(runner, "03-three") == (0, [])
    exhibit = load(world.root, drafts=True).exhibition.room("art").exhibit("three")
    assert [m.path.rsplit("/", 1)[1] for m in exhibit.media] == list(names)


def test_each_to_do_is_reported_once(world, runner, tmp_path):
    new(runner, "exhibit", "art", "bare")
    result = runner.invoke(args=["check", "--format", "json"])
    told = [(p["path"], p["line"], p["message"]) for p in json.loads(result.output)["problems"]]
    assert told and Counter(told).most_common(1)[0][1] == 1
    text = runner.invoke(args=["check"]).output
    assert text.endswith("0 errors, 0 warnings and 8 things to do.\n")


def test_a_new_room_is_to_do_until_filled(world, runner):
    assert "06-film" not in new(runner, "room", "film", "--title", "Film")
    room = world.root / "rooms/03-film/room.md"
    assert check(runner, "03-film") == (
        1,
        [
            "rooms/03-film/room.md:5: to do: 'summary' is empty: fill it in",
            "rooms/03-film/room.md:10: to do: replace the 'To do:' line with your text",
        ],
    )
    text = room.read_text().replace("summary:\n", "summary: Films made with machines.\n")
    room.write_text(text.replace("To do: write", "We"))
    assert check(runner, "03-film") == (0, [])
    assert runner.invoke(args=["check", "--strict"]).exit_code == 0


def test_new_refuses_bad_slugs_and_duplicates(runner, tmp_path):
    assert "is not a slug" in runner.invoke(args=["new", "room", "Bad Slug"]).output
    assert "already uses the slug 'art'" in runner.invoke(args=["new", "room", "art"]).output
    assert "there is no room 'nope'" in runner.invoke(args=["new", "exhibit", "nope", "x"]).output
    (tmp_path / "notes.doc").write_bytes(b"x")
    result = runner.invoke(args=["new", "exhibit", "art", "x", "--media", tmp_path / "notes.doc"])
    assert "notes.doc is not an image, audio or video file" in result.output
