"""Synthesise notes into a WAV: voices, wavetables, envelopes and a small room."""

from __future__ import annotations

import array
import io
import math
import wave
from collections.abc import Sequence
from dataclasses import dataclass

RATE = 44100
TABLE_SIZE = 1 << 15
TARGET_RMS = 10 ** (-18 / 20)
AUDIO_SECONDS = 20.6


@dataclass(frozen=True)
class Voice:
    """A synthesised timbre: harmonic amplitudes, an envelope and detuned copies."""

    harmonics: tuple[float, ...]
    attack: float
    decay: float
    sustain: float
    release: float
    mellow: tuple[float, ...] | None = None
    brightness: float = 1.0
    detune: tuple[float, ...] = (0.0,)


@dataclass(frozen=True)
class Note:
    """One note: when it starts, how long it is held, its MIDI pitch, gain and voice."""

    start: float
    length: float
    pitch: float
    gain: float
    voice: Voice


SINE = Voice((1.0,), attack=0.012, decay=0.3, sustain=0.55, release=0.09)
ORGAN = Voice(
    (1.0, 0.55, 0.22, 0.2, 0.0, 0.08, 0.0, 0.05),
    attack=0.07,
    decay=0.5,
    sustain=0.9,
    release=0.35,
    detune=(0.0, 2.5),
)
STRINGS = Voice(
    tuple(math.exp(-k / 5) / k for k in range(1, 15)),
    attack=1.6,
    decay=2.0,
    sustain=0.9,
    release=1.8,
    detune=(-6.0, 5.0),
)
PIANO = Voice(
    (1.0, 0.62, 0.36, 0.26, 0.16, 0.1, 0.06, 0.04),
    attack=0.004,
    decay=1.5,
    sustain=0.0,
    release=0.35,
    mellow=(1.0, 0.22, 0.07, 0.02),
    brightness=0.3,
)


def wavetable(
    harmonics: tuple[float, ...], cache: dict[tuple[float, ...], list[float]]
) -> list[float]:
    """Return one normalised cycle of a waveform built from harmonic amplitudes."""
    if harmonics not in cache:
        table = [
            sum(
                a * math.sin(2 * math.pi * (k + 1) * i / TABLE_SIZE)
                for k, a in enumerate(harmonics)
            )
            for i in range(TABLE_SIZE)
        ]
        peak = max(abs(v) for v in table)
        cache[harmonics] = [v / peak for v in table]
    return cache[harmonics]


def envelope(voice: Voice, held: int, total: int) -> list[float]:
    """Return a note's per-sample loudness: smooth attack, decay to sustain, then release."""
    attack = min(held, max(1, round(voice.attack * RATE)))
    curve = [0.5 - 0.5 * math.cos(math.pi * i / attack) for i in range(attack)]
    tau = voice.decay * RATE
    s = voice.sustain
    curve += [s + (1 - s) * math.exp(-i / tau) for i in range(held - attack)]
    last = curve[-1] if curve else 0.0
    release = max(1, round(voice.release * RATE))
    curve += [last * math.exp(-4.6 * i / release) for i in range(total - held)]
    taper = min(len(curve), round(0.006 * RATE))
    for i in range(taper):
        curve[-1 - i] *= i / taper
    return curve[:total]


def add_note(out: list[float], note: Note, cache: dict[tuple[float, ...], list[float]]) -> None:
    """Mix one note into a sample buffer."""
    voice = note.voice
    start = round(note.start * RATE)
    held = round(note.length * RATE)
    total = min(held + round(voice.release * RATE), len(out) - start)
    if total <= 0:
        return
    env = envelope(voice, held, total)
    bright = wavetable(voice.harmonics, cache)
    mellow = wavetable(voice.mellow, cache) if voice.mellow else None
    freq = 440.0 * 2 ** ((note.pitch - 69) / 12)
    mask = TABLE_SIZE - 1
    gain = note.gain / len(voice.detune)
    if mellow:
        tau = voice.brightness * RATE
        mixes = [math.exp(-i / tau) for i in range(total)]
    for k, cents in enumerate(voice.detune):
        inc = freq * 2 ** (cents / 1200) * TABLE_SIZE / RATE
        phase = k * TABLE_SIZE / 3
        segment = out[start : start + total]
        if mellow:
            wave_ = [
                (
                    mellow[int(phase + i * inc) & mask] * (1 - m)
                    + bright[int(phase + i * inc) & mask] * m
                )
                * e
                for i, (e, m) in enumerate(zip(env, mixes, strict=True))
            ]
        else:
            wave_ = [bright[int(phase + i * inc) & mask] * e for i, e in enumerate(env)]
        out[start : start + total] = [o + w * gain for o, w in zip(segment, wave_, strict=True)]


def reverb(
    dry: list[float], wet: float = 0.25, feedback: float = 0.8, damp: float = 0.3
) -> list[float]:
    """Add a small room to a signal with four damped combs and two all-pass filters."""
    n = len(dry)
    acc = [0.0] * n
    for delay in (1557, 1617, 1491, 1422):
        buf, idx, store = [0.0] * delay, 0, 0.0
        for i in range(n):
            y = buf[idx]
            store = y * (1 - damp) + store * damp
            buf[idx] = dry[i] + store * feedback
            acc[i] += y
            idx = idx + 1 if idx + 1 < delay else 0
    for delay in (556, 441):
        buf, idx = [0.0] * delay, 0
        for i in range(n):
            b = buf[idx]
            x = acc[i]
            buf[idx] = x + b * 0.5
            acc[i] = b - x
            idx = idx + 1 if idx + 1 < delay else 0
    return [d + wet * a / 4 for d, a in zip(dry, acc, strict=True)]


def render(notes: Sequence[Note], seconds: float = AUDIO_SECONDS, room: float = 0.25) -> bytes:
    """Synthesise notes into a normalised, gently faded 16-bit mono WAV."""
    out = [0.0] * round(seconds * RATE)
    cache: dict[tuple[float, ...], list[float]] = {}
    for note in notes:
        add_note(out, note, cache)
    out = reverb(out, wet=room)
    peak = max(abs(v) for v in out) or 1.0
    rms = math.sqrt(sum(v * v for v in out) / len(out)) or 1.0
    gain = min(0.89 / peak, TARGET_RMS / rms)
    fade = round(0.5 * RATE)
    samples = array.array("h")
    n = len(out)
    for i, v in enumerate(out):
        level = min(1.0, i / 441, (n - 1 - i) / fade)
        samples.append(round(max(-1.0, min(1.0, v * gain * level)) * 32767))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(samples.tobytes())
    return buffer.getvalue()
