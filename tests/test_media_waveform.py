import re
from pathlib import Path

import pytest
from PIL import Image

from exhibition.media import copies, waveform
from exhibition.media.probe import MediaProblem
from tests.support import ROOT, media_files

ROOT_CSS = ROOT / "static/exhibition.css"


def test_the_envelope_follows_the_sound(tmp_path):
    peaks = waveform.envelope(media_files.quiet_then_loud_wav(tmp_path / "a.wav"))
    assert len(peaks) == pytest.approx(200, abs=2)  # a peak every 10 ms of 2 s
    bars = waveform.levels(peaks, 10)
    assert max(bars[:5]) < 0.1 and min(bars[5:]) > 0.9


def test_the_demos_mp3_is_read():
    peaks = waveform.envelope(ROOT / "content/rooms/02-music/01-illiac-suite/excerpt.mp3")
    assert len(peaks) > 1000 and max(peaks) > 1000


@pytest.mark.parametrize("data", [b"ID3", b"", b"RIFF0000WAVEfmt "])
def test_a_file_with_no_sound_is_a_problem(tmp_path, data):
    path = tmp_path / "a.mp3"
    path.write_bytes(data)
    with pytest.raises(MediaProblem):
        waveform.envelope(path)


def test_the_waveform_is_drawn_in_the_rooms_colour_on_its_tint(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    made = waveform.write_copies(
        media_files.quiet_then_loud_wav(tmp_path / "a.wav"),
        out,
        "0123456789abcdef0123",
        widths=(400, 800),
        colour=waveform.room_colour(1),
        background="#ffffff",
        provenance=copies.Provenance("Sound", "", "dataDrivenMedia"),
    )
    assert (made.width, made.height, made.widths) == (1600, 1000, (400, 800))
    with Image.open(out / "0123456789abcdef0123-800.jpg") as image:
        image = image.convert("RGB")
    middle = [image.getpixel((x, 250)) for x in range(800)]  # across every bar
    ink = [p for p in middle if sum(p) < 400]
    mean = [sum(p[i] for p in ink) / len(ink) for i in range(3)]
    assert all(abs(a - b) < 16 for a, b in zip(mean, (0x2C, 0x4E, 0xA6), strict=True)), mean
    assert image.getpixel((5, 5))[2] > image.getpixel((5, 5))[0]  # a tint of ultramarine
    high = [image.getpixel((x, 170)) for x in range(800)]  # above the quiet bars' tops
    assert not [p for p in high[:380] if sum(p) < 400], "the quiet half reaches too high"
    assert len([p for p in high[420:] if sum(p) < 400]) > 100, "the loud half is not tall"


def test_room_colours_are_the_style_sheets():
    css = Path(ROOT_CSS).read_text(encoding="utf-8").split("prefers-color-scheme: dark")[0]
    found = tuple(re.findall(r"--accent-\d: (#[0-9a-f]{6});", css))
    assert found == waveform.ROOM_COLOURS
    assert waveform.room_colour(7) == waveform.ROOM_COLOURS[1]


def test_alt_text_says_what_it_is():
    assert waveform.alt_text("Illiac Suite") == "Waveform of the recording 'Illiac Suite'"
