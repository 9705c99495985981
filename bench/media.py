"""Benchmark the image build against libvips on a fixed set of generated 12-megapixel photos.

Both sides make the same thing from each photo in the same run, over the
same number of worker processes: the ladder of widths in AVIF, WebP and JPEG
at matched quality and encoder effort, and Deep Zoom tiles. The figures are
ms per image, cold (nothing built yet) and warm (nothing changed), the ratio
of ours to libvips, and the peak memory of one worker making one photo.

Run with `make bench-media`; it needs requirements-bench.txt (pyvips).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exhibition.media import build, copies, workers  # noqa: E402
from exhibition.media.probe import Limits, probe_image  # noqa: E402

SIZE = (4000, 3000)  # 12 megapixels
RECIPE = build.Recipe()
PROVENANCE = copies.Provenance("Benchmark photographer", "© Benchmark", "digitalCapture")
# The same encoders as exhibition/media/copies.py ENCODERS, in libvips' words: aom's speed
# is 9 - effort, so Pillow's speed 7 is effort 2.
VIPS_AVIF = {"compression": "av1", "Q": 60, "effort": 2, "subsample_mode": "on"}
VIPS_WEBP = {"Q": 78, "effort": 4}
VIPS_JPEG = {"Q": 82, "optimize_coding": True, "interlace": True}


def photo(path: Path, seed: int) -> Path:
    """Write a photo-like 12-megapixel JPEG: soft shapes, gradients and sensor noise."""
    rng = random.Random(seed)
    small = Image.new("RGB", (SIZE[0] // 8, SIZE[1] // 8))
    draw = ImageDraw.Draw(small)
    top = tuple(rng.randrange(40, 220) for _ in range(3))
    for y in range(small.height):
        t = y / small.height
        draw.line([(0, y), (small.width, y)], fill=tuple(int(c * (1 - 0.6 * t)) for c in top))
    for _ in range(80):
        x, y, r = rng.randrange(small.width), rng.randrange(small.height), rng.randrange(4, 90)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    picture = small.filter(ImageFilter.GaussianBlur(2)).resize(SIZE, Image.Resampling.BICUBIC)
    detail = Image.merge("RGB", [Image.effect_noise(SIZE, 40) for _ in range(3)])
    picture = Image.blend(picture, detail, 0.15)
    exif = picture.getexif()
    exif[0x010F] = "Benchmark camera"
    picture.save(path, quality=90, exif=exif)
    return path


def photos(folder: Path, count: int) -> list[Path]:
    """Return the fixed set of photos, made once into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        p if p.exists() else photo(p, seed)
        for seed, p in enumerate(folder / f"photo-{i:03d}.jpg" for i in range(count))
    ]


def jobs_for(sources: list[Path], out: Path) -> list[build.Job]:
    return [build.Job(f"photos/{s.name}", s, out, PROVENANCE, RECIPE, Limits()) for s in sources]


def ours(sources: list[Path], out: Path, processes: int) -> float:
    """Build the derivatives with the exhibition's own build; return the seconds taken."""
    started = time.perf_counter()
    summary = build.Summary()
    for _ in build.build(
        jobs_for(sources, out), out, processes=processes, budget=workers.Budget(), summary=summary
    ):
        pass
    assert not summary.failed, summary.failed
    return time.perf_counter() - started


def vips_one(job: tuple[str, str]) -> None:
    """Make one photo's ladder, formats and Deep Zoom tiles with libvips."""
    import pyvips

    source, out = job
    stem = Path(out) / Path(source).stem
    width = pyvips.Image.new_from_file(source).width
    for w in copies.ladder(width, RECIPE.widths):
        image = pyvips.Image.thumbnail(source, w).copy_memory()
        image.heifsave(f"{stem}-{w}.avif", **VIPS_AVIF)
        image.webpsave(f"{stem}-{w}.webp", **VIPS_WEBP)
        image.jpegsave(f"{stem}-{w}.jpg", **VIPS_JPEG)
    pyvips.Image.new_from_file(source, access="sequential").dzsave(
        str(stem), tile_size=254, overlap=1, suffix=".jpg[Q=80]"
    )


def vips(sources: list[Path], out: Path, processes: int) -> float:
    """Make the same files with libvips in a pool of processes; return the seconds taken."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with get_context("fork").Pool(processes) as pool:
        pool.map(vips_one, [(str(s), str(out)) for s in sources], chunksize=1)
    return time.perf_counter() - started


def warm(folder: Path, source: Path, count: int) -> tuple[float, float]:
    """Time a no-change rebuild of `count` images, and the probe loading them costs."""
    originals = folder / "many"
    originals.mkdir(exist_ok=True)
    sources = []
    for i in range(count):
        path = originals / f"photo-{i:03d}.jpg"
        if not path.exists():
            os.link(source, path)  # the same bytes: one set of derivatives serves them all
        sources.append(path)
    out = folder / "warm"
    ours(sources, out, 1)  # the first build records each image in the manifest
    rebuild = min(ours(sources, out, 1) for _ in range(3))
    started = time.perf_counter()
    for path in sources:
        probe_image(path)
    return rebuild, time.perf_counter() - started


def peak_memory(side: str, source: Path, out: Path) -> float:
    """Return the peak RSS, in MB, of a fresh process making one photo's derivatives."""
    result = subprocess.run(
        [sys.executable, __file__, "--one", side, str(source), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip())


def one(side: str, source: Path, out: Path) -> None:
    """Make one photo's derivatives in this process and print the peak RSS in MB."""
    out.mkdir(parents=True, exist_ok=True)
    if side == "ours":
        build.build_image(jobs_for([source], out)[0])
    else:
        vips_one((str(source), str(out)))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=8, help="How many 12-MP photos to build.")
    parser.add_argument("--warm", type=int, default=500, help="Images in the no-change rebuild.")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cache", type=Path, default=Path("instance/bench-media"))
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one[0], Path(args.one[1]), Path(args.one[2]))
        return
    sources = photos(args.cache / "photos", args.photos)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        results = measure(sources, folder, args)
    print(json.dumps(results, indent=1))
    report(results)


def measure(sources: list[Path], folder: Path, args) -> dict:
    """Run every measurement; return the figures."""
    n, p = len(sources), args.processes
    vips_cold = min(vips(sources, folder / f"vips{i}", p) for i in range(2))
    ours_cold = []
    for _ in range(2):
        shutil.rmtree(folder / "ours", ignore_errors=True)
        ours_cold.append(ours(sources, folder / "ours", p))
    ours_cold = min(ours_cold)
    ours_warm = ours(sources, folder / "ours", p)
    many, probes = warm(folder, sources[0], args.warm)
    return {
        "photos": n,
        "processes": p,
        "cores": os.cpu_count(),
        "ours_cold_ms_per_image": round(ours_cold * 1000 / n),
        "vips_cold_ms_per_image": round(vips_cold * 1000 / n),
        "cold_ratio": round(ours_cold / vips_cold, 2),
        "ours_warm_ms_per_image": round(ours_warm * 1000 / n, 2),
        "warm_images": args.warm,
        "warm_rebuild_s": round(many, 3),
        "load_probe_s": round(probes, 2),
        "ours_peak_rss_mb": round(peak_memory("ours", sources[0], folder / "rss-ours")),
        "vips_peak_rss_mb": round(peak_memory("vips", sources[0], folder / "rss-vips")),
        "load_average": round(os.getloadavg()[0], 1),
    }


def report(r: dict) -> None:
    """Print the figures as the Markdown table docs/media.md carries."""
    print(
        f"\n{r['photos']} photos of 12 MP, {r['processes']} worker processes, "
        f"{r['cores']} cores (load average {r['load_average']})\n\n"
        "| measure | exhibition (Pillow) | libvips | ratio | target |\n|---|---|---|---|---|\n"
        f"| cold build, ms per image | {r['ours_cold_ms_per_image']} | "
        f"{r['vips_cold_ms_per_image']} | {r['cold_ratio']} | at most 1.3 |\n"
        f"| no-change rebuild, {r['warm_images']} images | {r['warm_rebuild_s']} s | | | "
        "under 1 s |\n"
        f"| loading them first (probe: size, colour, soundness) | {r['load_probe_s']} s | | | |\n"
        f"| peak RSS, one worker, one photo | {r['ours_peak_rss_mb']} MB | "
        f"{r['vips_peak_rss_mb']} MB | | under 300 MB |"
    )


if __name__ == "__main__":
    main()
