"""Find ffmpeg and espeak-ng, check ffmpeg's encoders, and encode MP3s."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .synth import RATE


@dataclass(frozen=True)
class Tools:
    """Paths to the external programs the media need."""

    ffmpeg: str | None
    espeak: str | None


def find_tool(name: str, debian_package: str, needed: bool) -> str | None:
    """Return a program's path, or exit with a clear message if it is needed and missing."""
    path = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
    if needed and not path:
        sys.exit(
            f"demo_media: {name} is missing; install it with: apt-get install -y {debian_package}"
        )
    return path


def check_encoders(ffmpeg: str) -> None:
    """Exit with a clear message unless ffmpeg has the MP3, VP9 and Opus encoders."""
    listing = subprocess.run(
        [ffmpeg, "-hide_banner", "-encoders"], capture_output=True, text=True, check=True
    ).stdout
    missing = [e for e in ("libmp3lame", "libvpx-vp9", "libopus") if e not in listing]
    if missing:
        sys.exit(
            f"demo_media: this ffmpeg lacks the encoders {', '.join(missing)}; "
            "use Debian's ffmpeg (apt-get install -y ffmpeg)"
        )


FFMPEG_QUIET = "-hide_banner -loglevel error -nostdin -y".split()
BITEXACT = "-map_metadata -1 -map_chapters -1 -fflags +bitexact -flags +bitexact".split()
MP3_CODEC = f"-c:a libmp3lame -b:a 96k -ac 1 -ar {RATE} -id3v2_version 0 -f mp3".split()


def encode_mp3(ffmpeg: str, wav: bytes, workdir: Path) -> bytes:
    """Encode WAV bytes as a reproducible 96 kbps mono MP3."""
    target = workdir / "excerpt.mp3"
    command = [ffmpeg, *FFMPEG_QUIET, "-f", "wav", "-i", "pipe:0", *BITEXACT, *MP3_CODEC]
    subprocess.run([*command, str(target)], input=wav, check=True)
    return target.read_bytes()
