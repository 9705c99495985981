"""A room's 360° picture carried as a script beside it, for an edition read from its folder."""

import base64

from exhibition.archive import offline
from exhibition.archive.freeze import Answer

NAME = "0123456789abcdef0123-4096"
PICTURE = b"\xff\xd8\xff\xe0 a JPEG's bytes \xff\xd9"


def site(path: str) -> Answer:
    """Answer as the site does: the room's picture, and 404 for anything else."""
    if path == f"/panoramas/{NAME}.jpg":
        return Answer(200, "image/jpeg", PICTURE)
    return Answer(404, "text/html", b"<h1>Not found</h1>")


def test_a_rooms_picture_has_a_script_beside_it_and_nothing_else_has():
    assert offline.scripts_of(f"/panoramas/{NAME}.jpg") == [f"/panoramas/{NAME}.js"]
    assert offline.scripts_of(f"/panoramas/{NAME}.webp") == []
    assert offline.scripts_of("/derivatives/0123456789abcdef0123-640.jpg") == []
    assert offline.scripts_of(f"/panoramas/{NAME}.jpg/x") == []


def test_the_script_carries_the_picture_as_a_data_url_under_its_name():
    answer = offline.with_scripts(site)(f"/panoramas/{NAME}.js")
    assert (answer.status, answer.mimetype) == (200, "text/javascript")
    text = answer.body.decode()
    url = "data:image/jpeg;base64," + base64.b64encode(PICTURE).decode()
    assert f'(window.roomPanoramas = window.roomPanoramas || {{}})["{NAME}.jpg"] = "{url}";' in text


def test_other_addresses_are_answered_as_the_site_answers_them():
    fetch = offline.with_scripts(site)
    assert fetch(f"/panoramas/{NAME}.jpg") == site(f"/panoramas/{NAME}.jpg")
    assert fetch("/rooms/art/").status == 404
    missing = fetch("/panoramas/ffffffffffffffffffff-4096.js")
    assert missing.status == 404  # no picture, no script: the freeze reports the broken link
