import dataclasses

from exhibition.media import prefetch as prefetching
from exhibition.media.prefetch import prefetch
from exhibition.media.probe import Limits, probe_image
from exhibition.media.probecache import ProbeCache
from tests.support.world import write_image


def images(root, count):
    """Write `count` small images into exhibit folders under root/rooms; return their paths."""
    colours = ("crimson", "navy", "olive", "gold")
    return [
        write_image(
            root / "rooms" / "01-art" / f"{n:03d}-work" / "work.png", (64, 48), colours[n % 4]
        )
        for n in range(count)
    ]


def test_new_images_are_probed_in_workers_as_the_loader_would(tmp_path):
    paths = images(tmp_path, prefetching.SERIAL_BELOW)
    (tmp_path / "rooms/01-art/000-work/broken.jpg").write_bytes(b"\xff\xd8\xff not a JPEG")
    probes = ProbeCache()
    assert prefetch(probes, tmp_path, Limits(), processes=2) == len(paths)
    for path in paths:
        assert probes.knows("image", path)
        cached = probes.get("image", path, None, dataclasses.asdict, lambda v: v)
        assert cached == dataclasses.asdict(probe_image(path))
    # A file no worker could probe is left to the loader, which says why.
    assert not probes.knows("image", tmp_path / "rooms/01-art/000-work/broken.jpg")


def test_a_few_new_images_or_one_processor_are_probed_as_the_loader_goes(tmp_path):
    images(tmp_path, prefetching.SERIAL_BELOW - 1)
    assert prefetch(ProbeCache(), tmp_path, Limits(), processes=2) == 0
    images(tmp_path, prefetching.SERIAL_BELOW)
    assert prefetch(ProbeCache(), tmp_path, Limits(), processes=1) == 0


def test_a_changed_image_is_probed_again(tmp_path):
    paths = images(tmp_path, prefetching.SERIAL_BELOW)
    probes = ProbeCache()
    prefetch(probes, tmp_path, Limits(), processes=2)
    write_image(paths[0], (32, 32), "gold")
    assert not probes.knows("image", paths[0])
    assert prefetch(probes, tmp_path, Limits(), processes=2) == 0  # one: probed as loaded
