"""The demo media maker makes a real illustration, excerpt and clip through its own functions.

Each is made small (one illustration, a second of sound, a second of film at a
small size) so the test is quick; ffmpeg and espeak-ng are real, and the files
are read back with Pillow and PyAV as a browser would decode them.
"""

from __future__ import annotations

import random
import shutil
import wave
from pathlib import Path

import av
import pytest
from PIL import Image

from scripts.demo_media import cli, film, output, synth, tools
from scripts.demo_media.excerpts import EXCERPTS
from scripts.demo_media.registry import EXHIBITS
from tests.support.live import require


def program(name: str) -> str:
    """Return the path of a program the media need; fail in CI and skip elsewhere without it."""
    found = shutil.which(name)
    return str(require(Path(found or f"/usr/bin/{name}"), f"apt-get install -y {name}"))


def exhibit(slug: str):
    """Return the registered illustration of an exhibit folder."""
    return next(e for e in EXHIBITS if e.slug == slug)


def test_illustration_is_a_1600_by_1200_rgb_jpeg(tmp_path: Path) -> None:
    cli.make_illustration(exhibit("03-quick-draw"), tmp_path)
    path = tmp_path / "03-entertainment" / "03-quick-draw" / "illustration.jpg"
    with Image.open(path) as image:
        assert (image.format, image.size, image.mode) == ("JPEG", (1600, 1200), "RGB")
    assert not list(path.parent.glob(".*.tmp")), "the atomic writer left a temporary file"


def test_media_file_is_rewritten_only_when_its_bytes_change(tmp_path: Path, capsys) -> None:
    path = tmp_path / "01-art" / "01-aaron" / "illustration.jpg"
    for data in (b"first", b"first", b"second"):
        output.report(path, data)
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == [
        "written",
        "unchanged",
        "written",
    ]
    assert path.read_bytes() == b"second"


def test_excerpt_is_a_mono_mp3_of_the_synthesised_length(tmp_path: Path) -> None:
    item = next(e for e in EXCERPTS if e.slug == "01-illiac-suite")
    wav = synth.render(item.compose(random.Random(item.slug)), seconds=1.0, room=item.room_size)
    path = tmp_path / "excerpt.mp3"
    path.write_bytes(tools.encode_mp3(program("ffmpeg"), wav, tmp_path))
    with av.open(str(path)) as container:
        (stream,) = container.streams.audio
        assert container.format.name == "mp3" and stream.codec_context.name.startswith("mp3")
        assert (stream.rate, stream.channels) == (synth.RATE, 1)
        samples = sum(frame.samples for frame in container.decode(stream))
    assert samples / synth.RATE == pytest.approx(1.0, abs=0.08)


def test_narration_is_spoken_with_a_caption_per_sentence(tmp_path: Path) -> None:
    sentences = ("Sunspring.", "Benjamin.")
    narration, cues, seconds = film.narrate(program("espeak-ng"), tmp_path, sentences, 0.0)
    with wave.open(str(narration)) as wav:
        assert wav.getnframes() / wav.getframerate() == pytest.approx(seconds, abs=0.01)
    assert [text for _, _, text in cues] == list(sentences)
    assert 0 < cues[0][0] < cues[0][1] < cues[1][0] < cues[1][1] < seconds
    captions = film.webvtt(cues).decode()
    assert captions.startswith("WEBVTT") and "00:00:00." in captions


def test_clip_is_a_webm_of_vp9_and_opus(tmp_path: Path) -> None:
    seconds, rate = 0.5, 22050
    narration = tmp_path / "narration.wav"
    with wave.open(str(narration), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(bytes(2 * round(seconds * rate)))
    webm = film.encode_clip(
        program("ffmpeg"), seconds, narration, "01-sunspring", tmp_path, (96, 54)
    )
    path = tmp_path / "clip.webm"
    path.write_bytes(webm)
    with av.open(str(path)) as container:
        assert "webm" in container.format.name
        assert container.duration / av.time_base == pytest.approx(seconds, abs=0.1)
        video, audio = container.streams.video[0], container.streams.audio[0]
        assert (video.codec_context.name, video.width, video.height) == ("vp9", 96, 54)
        assert audio.codec_context.name == "opus"
        frames = sum(1 for _ in container.decode(video))
    assert frames == round(seconds * film.CLIP_FPS)
