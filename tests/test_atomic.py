import os
import signal
import subprocess
import sys

import pytest

from exhibition import atomic


def test_a_file_is_written_whole_and_nothing_else_is_left(tmp_path):
    path = tmp_path / "cache" / "probes.json"
    atomic.replace(path, lambda file: file.write(b"{}"))
    atomic.replace(path, lambda file: file.write(b'{"probes": {}}'))
    assert path.read_bytes() == b'{"probes": {}}'
    assert os.listdir(path.parent) == ["probes.json"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "content.pickle"
    path.write_bytes(b"old")

    def fail(file):
        file.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomic.replace(path, fail)
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["content.pickle"]


WRITER = """
import sys, time
from pathlib import Path
from exhibition import atomic

def write(file):
    file.write(b"x" * 1000)
    file.flush()
    print("writing", flush=True)
    time.sleep(60)

atomic.replace(Path(sys.argv[1]), write)
"""


def test_what_a_killed_writer_left_goes_with_the_next_write(tmp_path):
    path = tmp_path / "content.pickle"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline() == "writing\n"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
    leftovers = [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]
    assert len(leftovers) == 1 and not path.exists()
    (tmp_path / "other.tmp").write_bytes(b"not ours")
    atomic.replace(path, lambda file: file.write(b"whole"))
    assert sorted(os.listdir(tmp_path)) == ["content.pickle", "other.tmp"]


def test_a_writer_at_work_keeps_its_file_while_another_writes_the_same_one(tmp_path):
    path = tmp_path / "manifest.json"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline() == "writing\n"
        working = [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]
        atomic.replace(path, lambda file: file.write(b"whole"))
        assert path.read_bytes() == b"whole"
        assert [name for name in os.listdir(tmp_path) if name.endswith(".tmp")] == working
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()


def test_a_temporary_file_swept_before_it_is_opened_is_made_again(tmp_path):
    made = []

    def make_then_lose_the_first():
        name = str(tmp_path / f"write-{len(made)}.tmp")
        open(name, "w").close()
        made.append(name)
        if len(made) == 1:
            os.unlink(name)  # as another writer's sweep takes a file not yet locked
        return name

    fd, name = atomic.held(make_then_lose_the_first)
    os.close(fd)
    assert name == made[1] and os.path.exists(name)


def test_an_unwritable_folder_raises(tmp_path):
    (tmp_path / "cache").write_text("a file where the folder should be")
    with pytest.raises(OSError):
        atomic.replace(tmp_path / "cache" / "probes.json", lambda file: file.write(b"{}"))


def test_the_file_gets_the_mode_open_would_give_it_not_mkstemps(tmp_path):
    path = tmp_path / "probes.json"
    atomic.replace(path, lambda file: file.write(b"{}"))
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_equal_bytes_are_not_written_again(tmp_path):
    path = tmp_path / "a.bin"
    atomic.write(path, b"one")
    before = path.stat().st_mtime_ns
    atomic.write(path, b"one")
    assert path.stat().st_mtime_ns == before
    atomic.write(path, b"two")
    assert path.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]
