"""Make the Sunspring clip: its poster, narrated frames as WebM, and captions."""

from __future__ import annotations

import array
import subprocess
import sys
import textwrap
import wave
from collections.abc import Iterator, Sequence
from pathlib import Path

from PIL import Image

from .output import report
from .painting import LANCZOS, SCALE, jpeg_bytes
from .rooms.entertainment_1 import sunspring_scene
from .tools import BITEXACT, FFMPEG_QUIET, Tools

CLIP_SIZE = (640, 360)
CLIP_FPS = 24
CLIP_MIN_SECONDS = 20.0
NARRATION = (
    "Sunspring is a 2016 short film, directed by Oscar Sharp.",
    "Its screenplay was written by a neural network: an LSTM built by Ross Goodwin.",
    "The network named itself Benjamin.",
    "This clip is an illustration made for this exhibition.",
    "It quotes nothing from the film.",
)
NARRATION_LEAD, NARRATION_GAP = 0.8, 0.55
CLIP_VIDEO_CODEC = (
    "-c:v libvpx-vp9 -pix_fmt yuv420p -b:v 0 -crf 40 -deadline good -cpu-used 2"
    " -row-mt 0 -threads 1 -g 96"
).split()
CLIP_AUDIO_CODEC = "-c:a libopus -b:a 40k -ac 1 -ar 48000".split()


def speak(espeak: str, text: str, workdir: Path) -> tuple[int, array.array]:
    """Speak a sentence with espeak-ng; return its sample rate and 16-bit samples."""
    target = workdir / "sentence.wav"
    subprocess.run(
        [espeak, "-v", "en-gb", "-s", "150", "-p", "42", "-w", str(target), text], check=True
    )
    with wave.open(str(target), "rb") as wav:
        rate, frames = wav.getframerate(), wav.readframes(wav.getnframes())
    samples = array.array("h")
    samples.frombytes(frames)
    return rate, samples


def voiced_span(samples: array.array, threshold: int = 400) -> tuple[int, int]:
    """Return the first and last sample indexes louder than a threshold."""
    loud = [i for i in range(0, len(samples), 32) if abs(samples[i]) > threshold]
    if not loud:
        return 0, len(samples)
    return loud[0], loud[-1]


def narrate(
    espeak: str,
    workdir: Path,
    sentences: Sequence[str] = NARRATION,
    shortest: float = CLIP_MIN_SECONDS,
) -> tuple[Path, list[tuple[float, float, str]], float]:
    """Speak sentences into one WAV; return it, its cues and the clip's length in seconds."""
    rate, track = 22050, array.array("h")
    cues = []
    for text in sentences:
        rate, samples = speak(espeak, text, workdir)
        first, last = voiced_span(samples)
        if not track:
            track.extend([0] * round(NARRATION_LEAD * rate))
        else:
            track.extend([0] * round(NARRATION_GAP * rate))
        offset = len(track)
        track.extend(samples[first : last + 1])
        cues.append((offset / rate, (offset + last - first) / rate, text))
    seconds = max(shortest, len(track) / rate + 1.5)
    track.extend([0] * (round(seconds * rate) - len(track)))
    target = workdir / "narration.wav"
    with wave.open(str(target), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(track.tobytes())
    return target, cues, seconds


def timestamp(seconds: float) -> str:
    """Format seconds as a WebVTT timestamp."""
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def webvtt(cues: Sequence[tuple[float, float, str]]) -> bytes:
    """Write the narration's cues as WebVTT captions."""
    lines = [
        "WEBVTT",
        "",
        "NOTE",
        "Synthetic narration written for this exhibition; it quotes nothing from the film.",
        "",
    ]
    for k, (start, end, text) in enumerate(cues, 1):
        lines += [
            str(k),
            f"{timestamp(max(0.0, start - 0.1))} --> {timestamp(end + 0.3)}",
            *textwrap.wrap(text, 42),
            "",
        ]
    return "\n".join(lines).encode("utf-8")


def clip_frames(seconds: float, slug: str, size: tuple[int, int] = CLIP_SIZE) -> Iterator[bytes]:
    """Yield the clip's frames as raw RGB bytes, drawn at twice the size and scaled down."""
    big = (size[0] * SCALE, size[1] * SCALE)
    count = round(seconds * CLIP_FPS)
    for index in range(count):
        frame = sunspring_scene(big, index / CLIP_FPS, slug)
        fade = min(1.0, index / 12, (count - 1 - index) / 18)
        frame = frame.resize(size, LANCZOS)
        if fade < 1:
            frame = Image.blend(Image.new("RGB", size), frame, max(0.0, fade))
        yield frame.tobytes()


def encode_clip(
    ffmpeg: str,
    seconds: float,
    narration: Path,
    slug: str,
    workdir: Path,
    size: tuple[int, int] = CLIP_SIZE,
) -> bytes:
    """Render the frames, pipe them into ffmpeg with the narration, and return the WebM."""
    target = workdir / "clip.webm"
    frames = f"-f rawvideo -pix_fmt rgb24 -s {size[0]}x{size[1]} -r {CLIP_FPS}".split()
    command = [
        ffmpeg, *FFMPEG_QUIET, *frames, "-i", "pipe:0", "-i", str(narration),
        "-map", "0:v", "-map", "1:a", *BITEXACT, *CLIP_VIDEO_CODEC, *CLIP_AUDIO_CODEC,
        "-f", "webm", str(target),
    ]  # fmt: skip
    with subprocess.Popen(command, stdin=subprocess.PIPE) as process:
        assert process.stdin is not None
        try:
            for frame in clip_frames(seconds, slug, size):
                process.stdin.write(frame)
        finally:
            process.stdin.close()
        if process.wait() != 0:
            sys.exit("demo_media: ffmpeg failed to encode the Sunspring clip")
    return target.read_bytes()


def make_sunspring_clip(tools: Tools, folder: Path, workdir: Path) -> None:
    """Write the Sunspring poster, narrated clip and captions."""
    assert tools.ffmpeg and tools.espeak
    slug = folder.name
    poster = sunspring_scene((CLIP_SIZE[0] * SCALE, CLIP_SIZE[1] * SCALE), None, slug)
    report(folder / "poster.jpg", jpeg_bytes(poster.resize(CLIP_SIZE, LANCZOS)))
    narration, cues, seconds = narrate(tools.espeak, workdir)
    report(folder / "clip.webm", encode_clip(tools.ffmpeg, seconds, narration, slug, workdir))
    report(folder / "clip.vtt", webvtt(cues))
