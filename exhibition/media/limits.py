"""How much one media file may ask of the machine: a setting of every load, without Pillow.

probe.py applies them; the store names them in its snapshot's key, and a
command that finds its snapshot imports no image library to do so.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import settings


@dataclass(frozen=True)
class Limits:
    """How much one media file may ask of the machine."""

    max_bytes: int = settings.default("MAX_FILE_MB") * 1_000_000
    max_pixels: int = settings.default("MAX_IMAGE_PIXELS")  # Pillow's own default

    @classmethod
    def from_settings(cls, config) -> Limits:
        """Return the limits an app's settings set."""
        return cls(config["MAX_FILE_MB"] * 1_000_000, config["MAX_IMAGE_PIXELS"])


DEFAULT_LIMITS = Limits()
