"""A room's 360° view as the browser tests drive it: opened, turned, and what it drew."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout

STAGE = "[data-panorama-stage]"
BACKGROUND = (0x22, 0x22, 0x22)  # the stage's own colour, before and around the picture


def enter(page, url: str) -> None:
    """Open a room page, press "Enter the room in 360°" and wait until the view has loaded."""
    page.goto(url)
    page.get_by_role("button", name="Enter the room in 360°").click()
    try:
        page.wait_for_function(
            f"() => {{ const s = document.querySelector('{STAGE}');"
            " return s.panoramaViewer && s.panoramaViewer.isLoaded(); }",
            timeout=30_000,
        )
    except PlaywrightTimeout:
        text = page.locator(STAGE).inner_text()
        raise AssertionError(f"the view did not load: {text!r} {page.watch.problems}") from None


def yaw(page) -> float:
    """Return where the view looks, in degrees."""
    return page.evaluate(f"document.querySelector('{STAGE}').panoramaViewer.getYaw()")


def assert_drawn(page) -> None:
    """Fail unless the view shows the room: no error, a canvas, and a picture in its pixels.

    The pixels are the screen's, as the visitor sees them: a canvas WebGL could not
    draw on shows only the stage's dark ground.
    """
    stage = page.locator(STAGE)
    assert page.locator(f"{STAGE} .pnlm-error-msg").is_hidden()
    size = stage.locator("canvas").evaluate("canvas => [canvas.width, canvas.height]")
    assert min(size) > 0, size
    page.wait_for_timeout(300)  # a frame or two after the load, drawn and composited
    shot = Image.open(io.BytesIO(stage.screenshot())).convert("RGB")
    pixels = np.asarray(shot).reshape(-1, 3).astype(int)
    ground = int((np.abs(pixels - BACKGROUND).max(axis=1) <= 6).sum())
    assert ground < len(pixels) * 0.05, f"{ground} of {len(pixels)} pixels are the bare stage"
    assert len(np.unique(pixels, axis=0)) > 200, "the view is almost one colour"
