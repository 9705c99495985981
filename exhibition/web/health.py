"""Probes for load balancers and orchestrators: /healthz (alive) and /readyz (ready)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from .pagestore import own_pages

bp = Blueprint("health", __name__)

NEVER_CACHED = {"Cache-Control": "no-store"}


@bp.get("/healthz")
def healthz():
    """Say the worker answers; touch nothing else, so it stays cheap."""
    return "ok\n", 200, {**NEVER_CACHED, "Content-Type": "text/plain; charset=utf-8"}


@bp.get("/readyz")
def readyz():
    """Say whether the content is loaded and pages can be served; 503 until it is."""
    content = current_app.extensions.get("exhibition")
    loaded = content is not None and content.loaded is not None
    report = {
        "ready": loaded,
        "content": "loaded" if loaded else "not loaded",
        "content_version": content.version if content else 0,
        "exhibits": len(content.exhibition.tour) if loaded else 0,
        "content_error": bool(content and content.error),  # the last good one is served
    }
    pages = current_app.extensions.get("page_cache")
    if pages is not None:
        report["page_cache"] = pages.state()
        own = own_pages(pages.backend)
        if own is not None:  # this worker's own pages, in its memory
            report.update({f"page_cache_{k}": v for k, v in own.stats().items()})
    return jsonify(report), 200 if loaded else 503, NEVER_CACHED
