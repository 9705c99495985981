"""What an edition adds so that it works from its folder (file://), where no server answers.

A page opened from a file is an origin of its own: the 360° viewer may not
read the room's picture from the file beside it (Chromium refuses the request
and would refuse the picture's pixels to WebGL). So beside each room's
picture, `panoramas/<name>.jpg`, the edition holds `panoramas/<name>.js`, a
script carrying the same picture as a data: URL, which `static/panorama.js`
loads only when the page is a file. Served over HTTP, pages use the picture.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
from collections.abc import Callable
from typing import TypeVar

PICTURE = re.compile(r"(/panoramas/[0-9a-f]{20}-\d+)\.jpg")
SCRIPT = re.compile(r"(/panoramas/[0-9a-f]{20}-\d+)\.js")
PICTURE_TYPE = "image/jpeg"
SCRIPT_TYPE = "text/javascript"
A = TypeVar("A")  # freeze's Answer: status, mimetype and body


def scripts_of(path: str) -> list[str]:
    """Return the script an edition holds beside a file: a room's picture has one."""
    found = PICTURE.fullmatch(path)
    return [f"{found[1]}.js"] if found else []


def script(name: str, picture: bytes) -> bytes:
    """Return the script that gives panorama.js the picture `name` as a data: URL."""
    url = f"data:{PICTURE_TYPE};base64,{base64.b64encode(picture).decode('ascii')}"
    return (
        "// A room's 360° picture, for this edition read from its folder.\n"
        f"(window.roomPanoramas = window.roomPanoramas || {{}})[{json.dumps(name)}] = "
        f'"{url}";\n'
    ).encode()


def with_scripts(fetch: Callable[[str], A]) -> Callable[[str], A]:
    """Return fetch, answering a room picture's script from the picture the site sends."""

    def fetched(path: str) -> A:
        found = SCRIPT.fullmatch(path)
        if not found:
            return fetch(path)
        answer = fetch(f"{found[1]}.jpg")
        if answer.status != 200 or answer.mimetype != PICTURE_TYPE:
            return answer
        name = found[1].rpartition("/")[2] + ".jpg"
        return dataclasses.replace(answer, mimetype=SCRIPT_TYPE, body=script(name, answer.body))

    return fetched
