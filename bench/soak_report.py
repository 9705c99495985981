"""Judge and write up what bench/soak.py measured: the criteria, and a section of resilience.md.

Memory is compared within each generation of workers (the workers one HUP
starts and the next HUP retires): a worker's reading once it has served for
a while against its last reading before the next HUP. The first generation
is compared with the last at the same age too, for growth a HUP would hide.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

GROWTH = 0.10  # the most a worker may grow
BEGIN = "<!-- soak:begin -->"
END = "<!-- soak:end -->"


def memory_figures(samples: dict, generation: dict, hups: list[float], warm: float) -> dict:
    """Return each generation's workers: their memory when warm, at the end, and the growth."""
    generations = []
    for number, started in enumerate(hups):
        ends = hups[number + 1] if number + 1 < len(hups) else math.inf
        warm_at = started + (warm if number else 0)  # the first warmed up before the soak
        workers = []
        for pid, readings in sorted(samples.items()):
            inside = [r for r in readings if warm_at <= r[0] < ends]
            if generation[pid] == number and len(inside) >= 2:
                workers.append(_growth(pid, inside[0], inside[-1]))
        generations.append({"generation": number, "workers": workers})
    return {"generations": generations, "across": _across(generations)}


def _growth(pid: int, first: tuple, last: tuple) -> dict:
    """Return one worker's memory at two readings, and how much it grew between them."""
    return {
        "pid": pid,
        "seconds": last[0] - first[0],
        "rss": (first[1], last[1]),
        "pss": (first[2], last[2]),
        "rss_growth": last[1] / first[1] - 1,
        "pss_growth": last[2] / first[2] - 1,
    }


def _across(generations: list[dict]) -> dict | None:
    """Compare the last generation's workers, once warm, with the first's."""
    measured = [g for g in generations if g["workers"]]
    if len(measured) < 2:
        return None

    def warm_rss(g):
        return sum(w["rss"][0] for w in g["workers"]) / len(g["workers"])

    first, last = warm_rss(measured[0]), warm_rss(measured[-1])
    number = measured[-1]["generation"]
    return {"first": first, "last": last, "growth": last / first - 1, "number": number}


def criteria(results: dict) -> list[tuple[str, str, bool]]:
    """Return (criterion, measured, met) for every criterion of the soak."""
    load, statuses = results["load"], results["statuses"]
    server_errors = sum(
        n for counts in statuses.values() for status, n in counts.items() if status[0] == "5"
    )
    failed = sum(load[k] for k in ("connect", "read", "write", "timeout"))
    workers = [w for g in results["memory"]["generations"] for w in g["workers"]]
    growth = max((w["rss_growth"] for w in workers), default=math.nan)
    across = results["memory"]["across"]
    edits = results["edits"]
    out = [
        ("no 5xx response (gunicorn's access log)", f"{server_errors}", server_errors == 0),
        ("no 4xx or 5xx response (wrk)", f"{load['status']}", load["status"] == 0),
        (
            "no failed connection (wrk: connect, read, write errors and timeouts)",
            f"{failed}",
            failed == 0,
        ),  # fmt: skip
        (
            f"every content change seen on the site ({edits['made']} changes)",
            f"{len(edits['seen'])} seen",
            not edits["unseen"],
        ),  # fmt: skip
        (
            "worker memory growth < 10 % within each generation (RSS, largest of any worker)",
            _percent(growth),
            growth < GROWTH,
        ),  # fmt: skip
        (
            "no worker timeout, no traceback in gunicorn's log",
            f"{results['worker_timeouts']} timeouts, {len(results['troubles'])} troubles",
            not results["worker_timeouts"] and not results["troubles"],
        ),  # fmt: skip
    ]
    if across:
        out.append(("worker memory growth < 10 % from the first generation to the last (RSS)",
                    _percent(across["growth"]), across["growth"] < GROWTH))  # fmt: skip
    return out


def _statuses(counts: dict[str, int]) -> str:
    return ", ".join(f"{status}: {n:,}" for status, n in sorted(counts.items())) or "none"


def _percent(value: float) -> str:
    return "n/a (too short to measure)" if math.isnan(value) else f"{value:+.1%}"


def section(results: dict, checks: list) -> list[str]:
    """Return the Markdown of the soak's section."""
    m, load = results["machine"], results["load"]
    lines = [
        BEGIN,
        "## Soak (generated)",
        "",
        f"Written by `make soak SOAK_SECONDS={results['seconds']} "
        f"SOAK_CONNECTIONS={results['connections']}` (`bench/soak.py`) on {m['date']}: "
        f"{m['cores']} cores shared with other work (load average "
        f"{results['load_average'][0]:.1f} at the end), {m['system']}, Python {m['python']}, "
        f"{m['wrk']}. Do not edit this section by hand: run it again.",
        "",
        "| criterion | measured | met |",
        "|---|---|---|",
        *[f"| {what} | {value} | {'yes' if ok else '**no**'} |" for what, value, ok in checks],
        "",
        "### Load",
        "",
        f"wrk, one thread, {results['connections']} connections, {results['seconds']} s, "
        f"cycling through {results['requests_mixed']} requests; {results['hups']} HUPs sent "
        f"and {results['edits']['made']} content changes made meanwhile.",
        "",
        "| requests | requests/s | p50 ms | p90 ms | p95 ms | p99 ms | p99.9 ms | max ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {load['requests']:,} | {load['requests'] / load['seconds']:,.0f} | "
        + " | ".join(f"{load[k]:.1f}" for k in ("p50", "p90", "p95", "p99", "p999", "max"))
        + " |",
        "",
        "Responses by status, from gunicorn's access log: to wrk, "
        + _statuses(results["statuses"]["load"])
        + "; to the checks that each content change reached the site, "
        + _statuses(results["statuses"]["checks"])
        + " (a 404 while an added exhibit is on its way, and once it is removed).",
        "",
        *_memory_lines(results["memory"]),
        *_edit_lines(results["edits"]),
        END,
    ]
    return lines


def _memory_lines(memory: dict) -> list[str]:
    lines = [
        "### Worker memory, by generation",
        "",
        "| generation | worker | over | RSS MB, warm → end | growth "
        "| PSS MB, warm → end | growth |",
        "|---:|---:|---:|---|---:|---|---:|",
    ]
    for g in memory["generations"]:
        for w in g["workers"]:
            lines.append(
                f"| {g['generation']} | {w['pid']} | {w['seconds']:.0f} s "
                f"| {w['rss'][0]:.1f} → {w['rss'][1]:.1f} | {w['rss_growth']:+.1%} "
                f"| {w['pss'][0]:.1f} → {w['pss'][1]:.1f} | {w['pss_growth']:+.1%} |"
            )
    across = memory["across"]
    if across:
        lines += ["", f"Warm RSS, mean of the workers: first generation {across['first']:.1f} MB, "
                  f"last (generation {across['number']}) {across['last']:.1f} MB."]  # fmt: skip
    return [*lines, ""]


def _edit_lines(edits: dict) -> list[str]:
    seen = sorted(edits["seen"])
    if not seen:
        return ["No content change was seen on the site.", *edits["unseen"], ""]
    return [
        f"Content changes: {edits['made']} made; each was on the site (four requests in a "
        f"row showing it) after {seen[len(seen) // 2]:.1f} s at the median and "
        f"{seen[-1]:.1f} s at the most.",
        *[f"- {line}" for line in edits["unseen"]],
        "",
    ]


def write_section(results: dict, checks: list, path: Path) -> None:
    """Put the soak's section into the document, in place of the last one."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Resilience\n\n"
    new = "\n".join(section(results, checks))
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    text = pattern.sub(lambda _: new, text) if pattern.search(text) else text + "\n" + new + "\n"
    path.write_text(text, encoding="utf-8")
