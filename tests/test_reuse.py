import os
import pickle
import shutil

import pytest

from exhibition import exhibits
from exhibition.loader import load
from exhibition.reuse import digest, signature_of
from exhibition.store import fingerprint_of
from tests.support.world import EXHIBIT_MD, EXHIBITION_YAML, LABEL


def reload(world, before):
    """Return the load that reuses `before` and a full one, both after the same edits."""
    incremental = load(world.root, drafts=True, previous=before.exhibition, memo=before.memo)
    full = load(world.root, drafts=True, previous=before.exhibition)
    return incremental, full


@pytest.fixture
def reads(monkeypatch):
    """Record every exhibit.md the loader reads."""
    paths = []
    real = exhibits.read_text
    monkeypatch.setattr(exhibits, "read_text", lambda path: paths.append(path) or real(path))
    return paths


def test_one_edit_reads_only_that_exhibit(world, reads):
    before = load(world.root)
    assert len([p for p in reads if p.name == "exhibit.md"]) == 3
    reads.clear()
    world.write("rooms/01-art/02-second/exhibit.md", EXHIBIT_MD.format(title="Again", label=LABEL))
    after = load(world.root, previous=before.exhibition, memo=before.memo)
    assert [p.relative_to(world.root).as_posix() for p in reads if p.name == "exhibit.md"] == [
        "rooms/01-art/02-second/exhibit.md"
    ]
    assert after.memo.reads == 1
    old, new = before.exhibition.tour, after.exhibition.tour
    assert new[1].title == "Again"
    assert new[0] is old[0] and new[2] is old[2]


def test_nothing_changed_reads_no_exhibit(world, reads):
    before = load(world.root)
    reads.clear()
    after = load(world.root, previous=before.exhibition, memo=before.memo)
    assert not [p for p in reads if p.name == "exhibit.md"]
    assert after.exhibition == before.exhibition
    assert after.exhibition.version == before.exhibition.version


def test_incremental_loads_match_full_loads_through_a_series_of_edits(world):
    broken = EXHIBIT_MD.format(title="First", label=LABEL).replace("2018", "soon")
    edits = [
        lambda: world.write("rooms/01-art/01-first/exhibit.md", broken),  # invalid: last good
        lambda: world.exhibit("02-music", "02-added"),
        lambda: world.exhibit("01-art", "01-first"),  # valid again
        lambda: shutil.rmtree(world.root / "rooms/01-art/02-second"),
        lambda: os.rename(world.root / "rooms/02-music", world.root / "rooms/03-sound"),
        lambda: (world.root / "rooms/03-sound/01-third/work.png").unlink(),  # a file gone
        lambda: os.rename(
            world.root / "rooms/01-art/01-first", world.root / "rooms/01-art/05-renamed"
        ),
        lambda: world.write("rooms/01-art/room.md", "---\ntitle: Art\n---\nNo summary.\n"),
        lambda: world.write("exhibition.yaml", (world.root / "exhibition.yaml").read_text()),
        lambda: world.write("pages/more.md", "---\ntitle: More\n---\nMore about it.\n"),
        lambda: world.write("exhibition.yaml", EXHIBITION_YAML + "languages: [en, fr]\n"),
        lambda: world.write("rooms/01-art/05-renamed/exhibit.fr.md", "---\ntitle: Premier\n---\n"),
        lambda: world.write("rooms/01-art/05-renamed/exhibit.fr.md", "---\ntitle: Autre\n---\n"),
        lambda: world.write("rooms/01-art/05-renamed/exhibit.ar.md", "---\ntitle: أول\n---\n"),
        lambda: world.write("exhibition.yaml", EXHIBITION_YAML + "languages: [en, fr, ar]\n"),
    ]
    loaded = load(world.root, drafts=True)
    for number, edit in enumerate(edits):
        edit()
        incremental, full = reload(world, loaded)
        assert incremental.exhibition == full.exhibition, number
        assert incremental.problems == full.problems, number
        assert incremental.exhibition.version == full.exhibition.version, number
        loaded = incremental
    assert any(p.severity == "error" for p in loaded.problems)


def test_the_version_follows_what_visitors_see(world):
    first = load(world.root)
    assert load(world.root).exhibition.version == first.exhibition.version
    world.write("rooms/01-art/01-first/notes.txt", "not named by the exhibit")
    assert load(world.root).exhibition.version == first.exhibition.version
    world.exhibit("01-art", "01-first", title="Renamed")
    assert load(world.root).exhibition.version != first.exhibition.version


def test_a_signature_changes_with_any_file_under_the_folder(world):
    folder = world.root / "rooms/01-art/01-first"
    before = signature_of(folder)
    assert signature_of(folder) == before
    world.write("rooms/01-art/01-first/sub/captions.vtt", "WEBVTT\n")
    after = signature_of(folder)
    assert after != before
    (folder / "sub/captions.vtt").write_text("WEBVTT\n\n")
    assert signature_of(folder) != after


def test_a_kept_folder_s_digest_follows_its_files_and_travels_with_it(world):
    # The snapshot names a room's file by these digests: made once, then pickled along.
    kept = {k.exhibit.slug: k for k in load(world.root).memo.exhibits.values()}
    first = kept["first"]
    assert first.files == digest(first.signature) and first.files != kept["second"].files
    assert "files" in pickle.loads(pickle.dumps(first)).__dict__  # not made again once read
    world.write("rooms/01-art/01-first/notes.txt", "A note\n")
    again = {k.exhibit.slug: k for k in load(world.root).memo.exhibits.values()}
    assert again["first"].files != first.files and again["second"].files == kept["second"].files


def test_a_signature_from_the_content_s_walk_is_the_one_read_afresh(world, monkeypatch):
    # A load after the walk compares the memo with the times the walk found: the same
    # signature, dot files and subfolders and links in it, without listing a folder again.
    folder = world.root / "rooms/01-art/01-first"
    world.write("rooms/01-art/01-first/sub/captions.vtt", "WEBVTT\n")
    world.write("rooms/01-art/01-first/.DS_Store", "")
    (folder / "linked.png").symlink_to(folder / "work.png")
    listings = {}
    fingerprint_of(world.root, listings)
    afresh = signature_of(folder)
    monkeypatch.setattr(os, "scandir", lambda path: pytest.fail(f"{path} listed again"))
    assert signature_of(folder, listings) == afresh
    assert {name for name, *_ in afresh} >= {".DS_Store", "sub/captions.vtt", "linked.png"}


def test_a_signature_walks_each_folder_once_whatever_links_loop(world):
    folder = world.root / "rooms/01-art/01-first"
    (folder / "up").symlink_to("..")
    (folder / "self").symlink_to(".")
    assert signature_of(folder)  # returns: a walk that looped would never end


def test_an_edited_translation_alone_is_read_again(world):
    world.write("exhibition.yaml", EXHIBITION_YAML + "languages: [en, fr]\n")
    world.write("rooms/01-art/01-first/exhibit.fr.md", "---\ntitle: Premier\n---\n")
    before = load(world.root)
    world.write("rooms/01-art/01-first/exhibit.fr.md", "---\ntitle: Le premier\n---\n")
    incremental, full = reload(world, before)
    assert incremental.memo.reads == 1
    assert incremental.exhibition == full.exhibition
    assert incremental.exhibition.in_language("fr").tour[0].title == "Le premier"
    assert incremental.exhibition.version != before.exhibition.version


def test_the_version_follows_the_translations_of_rooms_and_of_the_exhibition(world):
    world.write("exhibition.yaml", EXHIBITION_YAML + "languages: [en, fr]\n")
    first = load(world.root).exhibition.version
    world.write("rooms/01-art/room.fr.md", "---\ntitle: Art (fr)\n---\nIntro.\n")
    second = load(world.root).exhibition.version
    world.write("exhibition.fr.yaml", "title: Des machines qui créent\n")
    assert len({first, second, load(world.root).exhibition.version}) == 3


def test_the_version_follows_a_room_s_page_size(world):
    first = load(world.root).exhibition.version
    world.write("rooms/01-art/room.md", "---\ntitle: Art\nsummary: s\npage_size: 1\n---\nIn.\n")
    second = load(world.root).exhibition.version
    world.write("rooms/01-art/room.md", "---\ntitle: Art\nsummary: s\npage_size: 2\n---\nIn.\n")
    assert len({first, second, load(world.root).exhibition.version}) == 3


def test_a_translation_edited_in_a_three_language_exhibition_reads_only_its_folder(tmp_path):
    from bench.generate import generate

    root = generate(tmp_path / "content", 6, 2, languages=("fr", "ar"))
    before = load(root)
    assert before.problems == []  # the translations carry the digests check wants
    path = next(root.glob("rooms/01-*/002-*/exhibit.fr.md"))
    path.write_text(path.read_text().replace("[fr] Generated work", "[fr] Edited work"))
    after = load(root, previous=before.exhibition, memo=before.memo)
    assert after.memo.reads == 1
    assert after.exhibition.version != before.exhibition.version
    old, new = before.exhibition.rooms[0].exhibits, after.exhibition.rooms[0].exhibits
    assert new[0] is old[0] and new[2] is old[2]
    assert new[1] is not old[1]
