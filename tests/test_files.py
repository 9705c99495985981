import pytest
from PIL import Image


def test_media_is_served_with_caching(client):
    response = client.get("/media/rooms/01-art/01-first/work.png?v=1")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert "immutable" in response.headers["Cache-Control"]
    again = client.get(
        "/media/rooms/01-art/01-first/work.png?v=1",
        headers={"If-None-Match": response.headers["ETag"]},
    )
    assert again.status_code == 304


def test_ranges_are_honoured(client):
    response = client.get("/media/rooms/01-art/01-first/work.png", headers={"Range": "bytes=0-9"})
    assert response.status_code == 206
    assert len(response.data) == 10


@pytest.mark.parametrize(
    "path",
    [
        "/media/exhibition.yaml",
        "/media/rooms/01-art/01-first/exhibit.md",
        "/media/rooms/01-art/01-first/../../../exhibition.yaml",
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/media//etc/passwd",
        "/media/rooms/01-art/01-first/WORK.png",
        "/images/960/rooms/01-art/01-first/exhibit.md",
        "/images/123/rooms/01-art/01-first/work.png",
    ],
)
def test_only_files_pages_use_are_served(client, path):
    assert client.get(path, follow_redirects=True).status_code == 404


def test_resized_copies(client, tmp_path):
    response = client.get("/images/480/rooms/01-art/01-first/work.png")
    assert response.status_code == 200
    assert response.mimetype == "image/webp"
    copy = tmp_path / "copy.webp"
    copy.write_bytes(response.data)
    with Image.open(copy) as image:
        assert image.size == (480, 360)
