"""Exhibit folders read in forked workers before the walk: the same load, sooner."""

import os

import pytest

from exhibition import loader, readahead
from exhibition.media.probecache import ProbeCache
from tests.support.world import EXHIBIT_MD, LABEL, in_three_languages


@pytest.fixture
def larger(world, monkeypatch):
    """The test world in three languages with a few more exhibits, and a mistake or two."""
    monkeypatch.setattr(readahead, "SERIAL_BELOW", 4)
    in_three_languages(world)
    for number in range(2, 8):
        world.exhibit("02-music", f"0{number}-piece-{number}")
    world.write("rooms/02-music/03-piece-3/exhibit.md", "---\ntitle: [unclosed\n---\n")
    world.write("rooms/02-music/Bad Name/exhibit.md", "---\ntitle: Badly named\n---\n")
    return world


def load(root, processes: int):
    """Load a content folder fresh, the read-ahead using this many workers."""
    real = readahead.read_ahead
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(readahead, "read_ahead", lambda walker: real(walker, processes))
        return loader.load(root, drafts=True, probes=ProbeCache())


@pytest.fixture
def readers(larger, monkeypatch, tmp_path):
    """Record the process that reads each exhibit folder, in a file the workers append to."""
    record, real = tmp_path / "readers.txt", readahead.load_exhibit

    def reading(walker, entry, room_slug):
        with open(record, "a") as file:
            file.write(f"{os.getpid()} {entry.path.name}\n")
        return real(walker, entry, room_slug)

    monkeypatch.setattr(readahead, "load_exhibit", reading)
    return lambda: [line.split() for line in record.read_text().splitlines()]


def test_the_exhibition_and_its_problems_are_those_a_serial_load_finds(larger):
    parallel, serial = load(larger.root, 2), load(larger.root, 1)
    assert parallel.exhibition == serial.exhibition
    assert parallel.problems == serial.problems
    assert {p.path for p in serial.problems} >= {
        "rooms/02-music/03-piece-3/exhibit.md",
        "rooms/02-music",
    }
    assert parallel.memo.exhibits.keys() == serial.memo.exhibits.keys()


def test_every_folder_is_read_once_in_a_worker_and_none_in_the_walk(readers, larger):
    load(larger.root, 2)
    read = readers()
    assert sorted(name for _, name in read) == sorted(
        path.name for path in (larger.root / "rooms").glob("*/[0-9]*") if path.is_dir()
    )
    assert str(os.getpid()) not in {pid for pid, _ in read}
    assert len({pid for pid, _ in read}) == 2


def test_a_folder_changed_after_a_worker_read_it_is_read_again_by_the_walk(larger, monkeypatch):
    folder, real = larger.root / "rooms/01-art/02-second", readahead.load_exhibit
    parent = os.getpid()

    def reading_then_edited(walker, entry, room_slug):
        exhibit = real(walker, entry, room_slug)
        if entry.path == folder and os.getpid() != parent:
            text = EXHIBIT_MD.format(title="Edited meanwhile", label=LABEL)
            (folder / "exhibit.md").write_text(text)
        return exhibit

    monkeypatch.setattr(readahead, "load_exhibit", reading_then_edited)
    loaded = load(larger.root, 2)
    assert loaded.exhibition.room("art").exhibit("second").title == "Edited meanwhile"


def test_a_worker_that_dies_costs_only_time(larger, monkeypatch):
    real, parent = readahead.load_exhibit, os.getpid()

    def dying(walker, entry, room_slug):
        if os.getpid() != parent and entry.path.name == "05-piece-5":
            os._exit(3)  # as a worker killed by the system
        return real(walker, entry, room_slug)

    monkeypatch.setattr(readahead, "load_exhibit", dying)
    assert load(larger.root, 2).exhibition == load(larger.root, 1).exhibition


def test_a_small_exhibition_is_read_in_one_process(world):
    assert len(list((world.root / "rooms").glob("*/*/exhibit.md"))) < readahead.SERIAL_BELOW
    walker = loader.Walker(world.root)
    assert readahead.read_ahead(walker, 2).exhibits == {}
