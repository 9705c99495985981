"""Know where the demo rooms are and which function draws each exhibit's illustration."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
ROOMS = CONTENT / "rooms"


@dataclass(frozen=True)
class Exhibit:
    """An exhibit folder and the function that draws its illustration."""

    room: str
    slug: str
    draw: Callable[[random.Random], Image.Image]

    def folder(self, rooms: Path = ROOMS) -> Path:
        """Return the exhibit's folder in a rooms folder, the demo's by default."""
        return rooms / self.room / self.slug


EXHIBITS: list[Exhibit] = []


def illustration(room: str, slug: str) -> Callable:
    """Register a drawing function as the illustration of an exhibit."""

    def register(func: Callable[[random.Random], Image.Image]) -> Callable:
        """Add the function to the registry and return it unchanged."""
        EXHIBITS.append(Exhibit(room, slug, func))
        return func

    return register
