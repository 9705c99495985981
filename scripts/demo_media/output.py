"""Write media files whole, only when their bytes change, and weigh what the rooms hold."""

from __future__ import annotations

from pathlib import Path

from exhibition import atomic

from .registry import ROOT

MEDIA_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".mp3", ".webm", ".vtt"}
BUDGET_BYTES = 12 * 1024 * 1024


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write bytes to a file atomically unless it already holds them; say whether it wrote."""
    if path.is_file() and path.read_bytes() == data:
        return False
    atomic.replace(path, lambda file: file.write(data))
    return True


def report(path: Path, data: bytes) -> None:
    """Write a media file if it changed and print one line about it."""
    status = "written" if write_if_changed(path, data) else "unchanged"
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"{status:9}  {shown}  ({len(data) / 1024:.0f} KB)", flush=True)


def media_total(rooms: Path) -> tuple[int, int]:
    """Return the number and total size of media files under the rooms folder."""
    sizes = [p.stat().st_size for p in rooms.rglob("*") if p.suffix.lower() in MEDIA_SUFFIXES]
    return len(sizes), sum(sizes)
