"""Probe a content folder's new images on every core before the loader asks for them.

Pure Python: no Flask here. A first `check` of a large exhibition spends
most of its time decoding images one after the other; `prefetch()` finds
the images the probe cache does not know yet and probes them in worker
processes (workers.py: each held to the build's time and memory limit), so
the loader finds them cached. A file a worker cannot probe is left out:
the loader probes it again and reports it in the curator's words.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from .. import forked
from . import workers
from .probe import FORMATS, Limits, MediaProblem, probe_image
from .probecache import ProbeCache

ENDINGS = frozenset(ending for endings in FORMATS.values() for ending in endings)
SERIAL_BELOW = 48  # fewer new images than this: starting workers costs more than it saves


def prefetch(probes: ProbeCache, root: Path, limits: Limits, *, processes: int = 0) -> int:
    """Probe the images under `root`'s rooms the cache lacks, in parallel; return how many.

    `processes`: how many workers; 0 for one a processor. Nothing is done
    with one processor or with fewer than SERIAL_BELOW new images.
    """
    processes = processes or forked.cores()
    new = [path for path in images_under(root / "rooms") if not probes.knows("image", path)]
    if processes < 2 or len(new) < SERIAL_BELOW:
        return 0
    jobs = [(path, limits) for path in new]
    found = 0
    for outcome in workers.run(_probe, jobs, workers=min(processes, len(jobs))):
        if outcome.result is not None:
            path, version, value = outcome.result
            found += probes.put("image", path, version, value)
    return found


def images_under(folder: Path) -> list[Path]:
    """Return every file under a folder whose name ends as an image's may; links not followed."""
    found = []
    for parent, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith((".", "_"))]
        for name in names:
            if os.path.splitext(name)[1].lower() in ENDINGS:
                found.append(Path(parent, name))
    return found


def _probe(job: tuple[Path, Limits]) -> tuple[Path, str, dict] | None:
    """Return a file's path, version and probe as the cache keeps it; None if unsound.

    Runs in a worker process. The version is read before the probe, so a file
    changed while it was probed is probed again by the loader.
    """
    path, limits = job
    try:
        version = ProbeCache.version_of(path.stat())
        return path, version, dataclasses.asdict(probe_image(path, limits))
    except (MediaProblem, OSError):
        return None
