"""Compose the music room's audio excerpts, and know which exhibit each belongs to."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .registry import ROOMS
from .synth import ORGAN, PIANO, SINE, STRINGS, Note


@dataclass(frozen=True)
class Excerpt:
    """An exhibit folder and the function that composes its audio excerpt."""

    room: str
    slug: str
    compose: Callable[[random.Random], list[Note]]
    room_size: float = 0.25

    def folder(self, rooms: Path = ROOMS) -> Path:
        """Return the exhibit's folder in a rooms folder, the demo's by default."""
        return rooms / self.room / self.slug


EXCERPTS: list[Excerpt] = []


def excerpt(room: str, slug: str, room_size: float = 0.25) -> Callable:
    """Register a composing function as the audio excerpt of an exhibit."""

    def register(func: Callable[[random.Random], list[Note]]) -> Callable:
        """Add the function to the registry and return it unchanged."""
        EXCERPTS.append(Excerpt(room, slug, func, room_size))
        return func

    return register


C_MAJOR = (0, 2, 4, 5, 7, 9, 11)


def degree_pitch(degree: int, tonic: int = 60) -> int:
    """Return the MIDI pitch of a C-major scale degree counted from a tonic."""
    return tonic + 12 * (degree // 7) + C_MAJOR[degree % 7]


@excerpt("02-music", "01-illiac-suite", room_size=0.18)
def compose_illiac_suite(rng: random.Random) -> list[Note]:
    """Compose a sine-tone line by dice rules in strict rhythm, joined by a second voice at 10 s."""
    beat, notes = 0.5, []
    upper, lower = 4, -3
    consonant = {0, 3, 4, 7, 8, 9, 12, 15, 16}
    last_leap = 0
    for step in range(40):
        t = 0.25 + step * beat
        roll = rng.randint(1, 6)
        move = {1: -2, 2: -1, 3: 1, 4: 2, 5: 3, 6: -3}[roll]
        if last_leap and abs(move) > 1:
            move = -1 if last_leap > 0 else 1
        upper = max(0, min(11, upper + move))
        last_leap = move if abs(move) > 1 else 0
        high = degree_pitch(upper)
        notes.append(Note(t, beat * 0.82, high, 0.32, SINE))
        if step >= 20:
            for _ in range(12):
                candidate = max(-7, min(3, lower + rng.choice((-2, -1, 1, 2))))
                if (high - degree_pitch(candidate)) % 24 in consonant:
                    lower = candidate
                    break
            notes.append(Note(t, beat * 0.82, degree_pitch(lower), 0.26, SINE))
    return notes


CHORALE = (
    (43, 59, 62, 67),
    (48, 60, 64, 67),
    (50, 57, 62, 66),
    (52, 59, 64, 67),
    (48, 60, 64, 72),
    (47, 62, 67, 71),
    (45, 60, 64, 72),
    (50, 62, 66, 69),
    (43, 59, 62, 67),
    (52, 55, 64, 71),
    (48, 60, 64, 72),
    (50, 60, 66, 69),
    (43, 59, 62, 67),
)


@excerpt("02-music", "02-experiments-in-musical-intelligence", room_size=0.35)
def compose_experiments_in_musical_intelligence(rng: random.Random) -> list[Note]:
    """Compose a four-voice chorale-like progression in soft organ tones."""
    chord_len = 1.35
    lengths = [chord_len] * (len(CHORALE) - 1) + [3.4]
    notes = []
    gains = (0.27, 0.2, 0.2, 0.25)
    for voice in range(4):
        t, i = 0.2, 0
        while i < len(CHORALE):
            pitch, held = CHORALE[i][voice], lengths[i]
            while i + 1 < len(CHORALE) and CHORALE[i + 1][voice] == pitch:
                i += 1
                held += lengths[i]
            notes.append(Note(t, held - 0.04, pitch, gains[voice] * rng.uniform(0.97, 1.03), ORGAN))
            t += held
            i += 1
    return notes


@excerpt("02-music", "04-aiva", room_size=0.4)
def compose_aiva(rng: random.Random) -> list[Note]:
    """Compose slow sustained string-like chords climbing in A minor."""
    chords = (
        (45, 52, 57, 60, 64),
        (50, 57, 62, 65, 69),
        (53, 60, 65, 69, 72),
        (55, 62, 67, 71, 74),
        (57, 64, 69, 72, 76),
    )
    notes = []
    for k, chord in enumerate(chords):
        start = 0.1 + k * 3.8
        length = 4.5 if k < len(chords) - 1 else 3.3
        for pitch in chord:
            notes.append(Note(start + rng.uniform(0, 0.12), length, pitch, 0.17, STRINGS))
    return notes


MOTIF = [  # (start, length, pitch): the statement, then its variation
    (0.5, 0.6, 67),
    (1.1, 0.6, 72),
    (1.7, 0.6, 75),
    (2.3, 0.3, 74),
    (2.6, 0.3, 72),
    (2.9, 1.2, 71),
    (4.1, 0.6, 74),
    (4.7, 1.8, 67),
    (8.0, 0.45, 67),
    (8.45, 0.15, 68),
    (8.6, 0.6, 72),
    (9.2, 0.6, 77),
    (9.8, 0.3, 75),
    (10.1, 0.3, 74),
    (10.4, 0.3, 72),
    (10.7, 0.3, 71),
    (11.0, 0.6, 72),
    (11.6, 0.9, 75),
    (12.5, 0.3, 74),
    (12.8, 0.3, 72),
    (13.1, 0.3, 68),
    (13.4, 0.6, 67),
    (14.0, 0.3, 65),
    (14.3, 0.3, 63),
    (14.6, 0.6, 62),
    (15.2, 0.6, 59),
    (15.8, 1.2, 60),
]

MOTIF_CHORDS = [  # (start, length, pitches) in the left hand
    (0.5, 1.2, (48, 55)),
    (1.7, 1.2, (44, 51)),
    (2.9, 1.2, (43, 50, 53)),
    (4.1, 2.4, (43, 47, 50)),
    (8.0, 1.2, (48, 55)),
    (9.2, 1.2, (41, 48, 56)),
    (10.4, 0.6, (43, 50, 53)),
    (11.0, 1.2, (44, 51, 60)),
    (12.2, 1.2, (41, 48, 56)),
    (13.4, 1.2, (43, 48, 51)),
    (14.6, 1.2, (43, 50, 53, 59)),
    (15.8, 1.2, (48, 55)),
]


@excerpt("02-music", "08-beethoven-x", room_size=0.3)
def compose_beethoven_x(rng: random.Random) -> list[Note]:
    """Compose a short piano motif, then a variation answering it, then a closing chord."""
    notes = [Note(s, length, p, 0.34 * rng.uniform(0.9, 1.05), PIANO) for s, length, p in MOTIF]
    for s, length, chord in MOTIF_CHORDS:
        notes += [Note(s + 0.01 * i, length, p, 0.19, PIANO) for i, p in enumerate(chord)]
    closing = (36, 48, 55, 60, 63, 67, 72)
    notes += [Note(17.2 + 0.018 * i, 2.6, p, 0.2, PIANO) for i, p in enumerate(closing)]
    return notes
