"""Draw a sound's waveform: the picture of an audio exhibit that has no image.

Pure Python: no Flask here. The sound is decoded with PyAV, whose wheel
carries FFmpeg's decoders, so every audio format the content format accepts
(MP3, AAC in .m4a, Vorbis, Opus, FLAC, WAV) is read without a system package.
The picture goes down the same ladder as a photo: AVIF, WebP and JPEG.
"""

from __future__ import annotations

from array import array
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw

from ..messages import files
from . import copies
from .probe import DEFAULT_LIMITS, Limits, MediaProblem

SIZE = (1600, 1000)  # wide like a sound, near the 4:3 of a card's frame
BARS = 80
RATE = 8000  # samples a second, in one channel: enough for the outline of a sound
BLOCK = RATE // 100  # a peak every 10 ms
PAPER = "#f6f3ee"
# The rooms' colours, in the order rooms take them: static/exhibition.css's --accent-0 to 5.
ROOM_COLOURS = ("#a8371b", "#2c4ea6", "#8e2d6c", "#176d67", "#855a0a", "#3d6b20")
RECIPE = 1  # raise when the drawing changes, so every waveform is drawn again


def room_colour(index: int) -> str:
    """Return the colour of the room at a position among the rooms, from 0."""
    return ROOM_COLOURS[index % len(ROOM_COLOURS)]


def alt_text(title: str) -> str:
    """Return what a waveform shows, in words."""
    return f"Waveform of the recording '{title}'"


def envelope(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[int]:
    """Return the loudest sample of every 10 ms of a sound, mixed to one channel.

    Raise MediaProblem if the file is too large or holds no sound that can be decoded.
    """
    import av  # only when a sound is to be drawn: FFmpeg's libraries are large

    if path.stat().st_size > limits.max_bytes:
        raise MediaProblem(files.sound_too_large(limits.max_bytes))
    peaks: list[int] = []
    rest = array("h")
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise MediaProblem(files.NO_SOUND)
            resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
            for frame in container.decode(container.streams.audio[0]):
                for chunk in resampler.resample(frame):
                    rest = _peaks(rest + _samples(chunk), peaks)
            for chunk in resampler.resample(None):
                rest = _peaks(rest + _samples(chunk), peaks)
    except av.FFmpegError as error:
        raise MediaProblem(files.sound_unreadable(error)) from None
    if rest:
        peaks.append(max(max(rest), -min(rest)))
    if not peaks:
        raise MediaProblem(files.NO_SOUND)
    return peaks


def _samples(chunk) -> array:
    samples = array("h", bytes(chunk.planes[0]))
    return samples[: chunk.samples]  # a plane may be padded past its samples


def _peaks(samples: array, peaks: list[int]) -> array:
    """Append the peak of every whole block of samples; return the samples left over."""
    whole = len(samples) - len(samples) % BLOCK
    for start in range(0, whole, BLOCK):
        block = samples[start : start + BLOCK]
        peaks.append(max(max(block), -min(block)))
    return samples[whole:]


def levels(peaks: list[int], count: int = BARS) -> list[float]:
    """Return `count` bar heights from 0 to 1: each the loudest moment of its part, scaled."""
    loudest = max(peaks) or 1
    bars = []
    for i in range(count):
        start = i * len(peaks) // count
        end = max(start + 1, (i + 1) * len(peaks) // count)
        bars.append(max(peaks[start:end]) / loudest)
    return bars


def draw(bars: list[float], colour: str, size: tuple[int, int] = SIZE) -> PILImage.Image:
    """Return the waveform: bars mirrored about a middle line, in `colour` on its pale tint."""
    scale = 2  # drawn twice as large and shrunk, for smooth edges
    width, height = size[0] * scale, size[1] * scale
    ground = PILImage.blend(
        PILImage.new("RGB", (1, 1), PAPER), PILImage.new("RGB", (1, 1), colour), 0.12
    ).getpixel((0, 0))
    picture = PILImage.new("RGB", (width, height), ground)
    pen = ImageDraw.Draw(picture)
    margin, middle, reach = width * 0.07, height / 2, height * 0.36
    step = (width - 2 * margin) / len(bars)
    bar = step * 0.62
    for i, level in enumerate(bars):
        half = max(bar / 2, level * reach)
        left = margin + i * step + (step - bar) / 2
        box = (left, middle - half, left + bar, middle + half)
        pen.rounded_rectangle(box, radius=bar / 2, fill=colour)
    return picture.resize(size, copies.LANCZOS)


def write_copies(
    source: Path,
    out: Path,
    key: str,
    *,
    widths: tuple[int, ...],
    colour: str,
    background: str,
    provenance: copies.Provenance,
    limits: Limits = DEFAULT_LIMITS,
) -> copies.Made:
    """Write the waveform of a sound, down the ladder of widths, into `out` under `key`."""
    picture = draw(levels(envelope(source, limits)), colour)
    made = copies.write_ladder(picture, out, key, widths, background, provenance)
    return copies.Made(picture.width, picture.height, made, False, False)
