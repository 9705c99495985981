"""Write docs/benchmarks.md from the figures bench/serve.py measured."""

from __future__ import annotations

import re
from pathlib import Path

# A section another benchmark writes into the same file, kept when this one rewrites it.
KEPT = re.compile(r"<!-- (bench/\S+) -->.*?<!-- /\1 -->", re.DOTALL)

INTRO = """\
# Benchmarks: serving

Written by `make bench` (`bench/serve.py`); every figure below comes from its
latest run, on the machine described at the end. Do not edit by hand: run it
again. The image build's figures are in [media.md](media.md#benchmark), the
content check's in [development.md](development.md#benchmarks); the page
store's, at the end, come from `make bench-page-store` and are kept here.

How: a generated exhibition of {exhibits} exhibits (`bench/generate.py`), its
derivatives built first (`flask --app exhibition build`), served by gunicorn
with the shipped `gunicorn.conf.py` ({workers} workers of 4 threads, access
log on), `EXHIBITION_BASE_URL` set. Load comes from Debian's wrk on loopback,
one thread, {seconds} s per run; every line is the median of {rounds} runs,
its rounds interleaved with every other line's so that whatever else the
machine does weighs on all of them alike:
`wrk -t1 -c{{32,128}} -d{seconds}s -H 'Accept-Encoding: gzip, deflate, br'`,
as a browser asks, so pages go brotli-compressed. The baselines run in the
same run, under the same gunicorn.conf.py, and answer the very bytes and
headers the exhibition answered for the cached page (`bench/baselines.py`);
nginx ({workers} workers) serves the same bytes from a file. wrk and the server
share the machine's {cores} cores, so absolute numbers are low; the ratios are
what carries over.
"""


def ms(value: float) -> str:
    return f"{value:.2f}"


def load_table(rows: list[dict]) -> list[str]:
    """Return the load table, each row compared with the baselines at the same load."""
    flask = {r["connections"]: r["rps"] for r in rows if r["what"].startswith("baseline: min")}
    wsgi = {r["connections"]: r["rps"] for r in rows if r["what"].startswith("baseline: bare")}
    lines = [
        "| what | connections | requests/s | p50 ms | p95 ms | p99 ms | errors "
        "| × minimal Flask | × bare WSGI |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        c = r["connections"]
        versus = [f"{r['rps'] / b[c]:.2f}" if c in b else "" for b in (flask, wsgi)]
        lines.append(
            f"| {r['what']} | {c} | {r['rps']:,.0f} | {ms(r['p50'])} | {ms(r['p95'])} "
            f"| {ms(r['p99'])} | {r['errors']} | {versus[0]} | {versus[1]} |"
        )
    return lines


def find(rows, prefix: str, connections: int) -> dict | None:
    return next(
        (r for r in rows if r["what"].startswith(prefix) and r["connections"] == connections),
        None,
    )


def targets(results: dict) -> list[tuple[str, str, bool]]:
    """Return (target, measured, met) for every target of the serving issue."""
    return [*throughput_targets(results["rows"]), *startup_targets(results),
            *demo_targets(results["demo"])]  # fmt: skip


def throughput_targets(rows: list) -> list[tuple[str, str, bool]]:
    """Return the targets of requests per second and render time."""
    out = []
    for c in (32, 128):
        page, flask, wsgi = (find(rows, p, c) for p in ("(a)", "baseline: min", "baseline: bare"))
        ratio = page["rps"] / flask["rps"]
        out.append((f"cached page ≥ 1.0× minimal Flask view, {c} connections",
                    f"{ratio:.2f}×", ratio >= 1.0))  # fmt: skip
        ratio = page["rps"] / wsgi["rps"]
        out.append((f"stretch: cached page ≥ 0.8× bare WSGI callable, {c} connections",
                    f"{ratio:.2f}×", ratio >= 0.8))  # fmt: skip
        proxied = find(rows, "(f)", c)
        if proxied:
            ratio = proxied["rps"] / flask["rps"]
            out.append((f"page through nginx's page cache ≥ 8× minimal Flask view, {c} "
                        "connections", f"{ratio:.2f}×", ratio >= 8))  # fmt: skip
    alone = find(rows, "(b)", 1)
    out.append(("uncached render p95 < 25 ms (500 exhibits, one connection)",
                f"{alone['p95']:.1f} ms", alone["p95"] < 25))  # fmt: skip
    return out


def startup_targets(results: dict) -> list[tuple[str, str, bool]]:
    """Return the targets of worker memory and start-up time."""
    out = []
    for when in ("started", "warm"):
        memory = results[f"memory_{when}"]
        out.append((f"worker RSS < 120 MB at 500 exhibits ({when})",
                    f"{memory['rss_mb']:.0f} MB (PSS {memory['pss_mb']:.0f} MB)",
                    memory["rss_mb"] < 120))  # fmt: skip
    start = results["create_app"]
    out.append(("start-up < 1.5 s at 500 exhibits: import and create_app()",
                f"{start['create_app']:.2f} s", start["create_app"] < 1.5))  # fmt: skip
    out.append(("start-up < 1.5 s at 500 exhibits: gunicorn started to /readyz 200",
                f"{results['gunicorn_start']:.2f} s", results["gunicorn_start"] < 1.5))  # fmt: skip
    return out


def demo_targets(demo: dict) -> list[tuple[str, str, bool]]:
    """Return the demo's targets: Lighthouse scores and page weight."""
    out = []
    for name, scores in demo["lighthouse"].items():
        cells = ", ".join(f"{k} {round(v * 100)}" for k, v in scores.items() if v is not None)
        met = scores["performance"] >= 0.98 and all(
            scores[k] == 1 for k in ("accessibility", "best-practices", "seo")
        )
        out.append((f"Lighthouse {name}: performance ≥ 98, the rest 100", cells, met))
    weights = demo["weights"]
    first = next(iter(weights.values()))
    heaviest_text = max(w["text"] for w in weights.values())
    heaviest = max(w["total"] for w in weights.values())
    out.append(("exhibit page HTML, CSS, JS, fonts < 35 KB compressed (first; heaviest)",
                f"{kb(first['text'])}; {kb(heaviest_text)}", heaviest_text < 35_000))  # fmt: skip
    out.append(("… with its main image at 1280 px < 300 KB (first; heaviest)",
                f"{kb(first['total'])}; {kb(heaviest)}", heaviest < 300_000))  # fmt: skip
    return out


def kb(size: int) -> str:
    return f"{size / 1000:.1f} KB"


def write_report(results: dict, path: Path) -> None:
    """Write the Markdown report, keeping the sections other benchmarks wrote."""
    m = results["machine"]
    lines = [
        INTRO.format(
            exhibits=500,
            workers=m["cores"],
            seconds=results["seconds"],
            rounds=results["rounds"],
            cores=m["cores"],
        )
    ]
    lines += ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {t} | {v} | {'yes' if ok else '**no**'} |" for t, v, ok in targets(results)]
    lines += ["", "## Under load", "", *load_table(results["rows"]), ""]
    lines += [*serving_section(results), "", *demo_section(results["demo"]), ""]
    lines += machine_section(m)
    earlier = path.read_text(encoding="utf-8") if path.exists() else ""
    lines += [f"\n{match.group(0)}" for match in KEPT.finditer(earlier)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def serving_section(results: dict) -> list[str]:
    """Return what the load table measured, then start-up, memory and builds."""
    lines = [
        f"The cached page is `{results['page']}`; the image is its main image's "
        "1280 px AVIF. (b) cycles through all 500 exhibit pages with the page cache "
        "off (`EXHIBITION_CACHE_TYPE=NullCache`): each request renders; its "
        "one-connection line is the render time itself, the others add queueing "
        "for the two cores. (c) sends the ETag of the cached page in `If-None-Match`. "
        "(f) is the same page through the shipped `deploy/nginx.conf` in front of the "
        "app: nginx answers it from its page cache, so it never reaches gunicorn.",
        "",
        "## Start-up, memory and builds (500 exhibits)",
        "",
        "| measure | value |",
        "|---|---|",
        f"| `flask --app exhibition build` (cold) | {results['build_seconds']:.1f} s |",
    ]
    if results.get("freeze_seconds"):
        lines.append(f"| `flask --app exhibition freeze` | {results['freeze_seconds']:.1f} s |")
    start = results["create_app"]
    lines += [
        f"| import and `create_app()`, fresh process (median of 3) | {start['create_app']:.2f} s |",
        f"| the whole `python -c` process, interpreter included | {start['process']:.2f} s |",
        f"| gunicorn started → `/readyz` 200 (median of 3) | {results['gunicorn_start']:.2f} s |",
    ]  # fmt: skip
    for when, words in (("started", "after start"), ("warm", "every page cached")):
        memory = results[f"memory_{when}"]
        lines.append(f"| worker memory, {words}: RSS / PSS (largest of "
                     f"{memory['workers']}) | {memory['rss_mb']:.0f} MB / "
                     f"{memory['pss_mb']:.0f} MB |")  # fmt: skip
    return lines


def demo_section(demo: dict) -> list[str]:
    """Return the demo's Lighthouse scores and page weights."""
    pages = demo["lighthouse_pages"]
    lines = [
        "## The demo: Lighthouse and page weight",
        "",
        "Lighthouse (`tools/lighthouse`, desktop preset, Debian's Chromium, "
        "`CHROME_PATH=/usr/bin/chromium`) on the demo served by the same gunicorn.conf.py "
        "with its derivatives built (`make build`). Reports: `test-artifacts/lighthouse/`.",
        "",
        "| page | path | performance | accessibility | best practices | SEO |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, scores in demo["lighthouse"].items():
        cells = " | ".join(
            str(round((scores.get(k) or 0) * 100))
            for k in ("performance", "accessibility", "best-practices", "seo")
        )
        lines.append(f"| {name} | `{pages[name]}` | {cells} |")
    weights = demo["weights"]
    text = sorted(w["text"] for w in weights.values())
    lines += [
        "",
        f"Page weight of the demo's {len(weights)} exhibit pages, as sent to a browser "
        "that accepts brotli (HTML, CSS and JS compressed; fonts are WOFF2; the image "
        "is the main image's AVIF at 1280 px, or its widest copy below that):",
        "",
        "| exhibit | HTML | CSS | JS | fonts | icon | text total | main image | total |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for path, w in (
        list(weights.items())[:1] + sorted(weights.items(), key=lambda item: -item[1]["total"])[:3]
    ):
        cells = " | ".join(
            kb(w[k]) for k in ("html", "css", "js", "fonts", "icon", "text", "image", "total")
        )
        lines.append(f"| `{path}` | {cells} |")
    lines.append(f"\nText total across all exhibit pages: median {kb(text[len(text) // 2])}, "
                 f"largest {kb(text[-1])}.")  # fmt: skip
    return lines


def machine_section(m: dict) -> list[str]:
    return [
        "## Machine",
        "",
        f"{m['cores']} cores, {m['system']}, Python {m['python']}, {m['wrk']}, "
        f"nginx {m['nginx']}; run on {m['date']}.",
    ]


def write_section(path: Path, begin: str, end: str, block: str, before: str = "") -> None:
    """Put a benchmark's section, begin to end, in place of its earlier run in a Markdown file.

    A file without it gets it before the line `before` (when given and there), else at the end.
    """
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    elif before and before in text:
        text = text.replace(before, f"{block}\n\n{before}", 1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
