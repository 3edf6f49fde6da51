"""The one atomic writer (actorgraph.output): devices and pipes written into, links kept, modes kept."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from actorgraph.output import OutputError, resolve_target, write_files, write_text


def test_dev_stdout_is_written_into_not_replaced():
    """Under pytest's capture fd 1 is a regular file: /dev/stdout must still be written through.

    (Writing to /dev/stdout itself here would, if it regressed, replace the machine's
    /dev/stdout; the symlink test below exercises the same path on a link of our own.)
    """
    assert resolve_target(Path("/dev/stdout")) == (Path("/dev/stdout"), True)
    assert resolve_target(Path("/proc/self/fd/1")) == (Path("/proc/self/fd/1"), True)


def test_a_link_to_stdout_redirected_to_a_file_writes_into_that_file(tmp_path):
    """`-o link` where link -> /proc/self/fd/1 and stdout is `> out.txt`: the text lands in
    out.txt, after what the shell wrote before, and the link stays a link."""
    link = tmp_path / "link"
    link.symlink_to("/proc/self/fd/1")
    out = tmp_path / "out.txt"
    script = ("import sys; print('before', flush=True); from actorgraph.output import write_text; "
              f"write_text({str(link)!r}, 'written\\n'); print('after')")
    with open(out, "w") as handle:
        subprocess.run([sys.executable, "-c", script], stdout=handle, check=True)
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    assert out.read_text() == "before\nwritten\nafter\n"


def test_cli_export_to_dev_stdout(tmp_path):
    graph = tmp_path / "g.json"
    graph.write_text(json.dumps({"nodes": [{"id": "a", "name": "A", "label": "Person", "aliases": []}],
                                 "edges": [], "articles": []}))
    out = tmp_path / "out.json"
    with open(out, "w") as handle:
        subprocess.run([sys.executable, "-m", "actorgraph", "export", "--graph", str(graph), "-f", "json",
                        "-o", "/dev/stdout"], stdout=handle, stderr=subprocess.PIPE, check=True, cwd=tmp_path)
    assert [n["id"] for n in json.loads(out.read_text())["nodes"]] == ["a"]
    assert Path("/dev/stdout").is_symlink() or Path("/dev/stdout").is_char_device()


def test_a_symlink_to_a_file_replaces_the_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real" / "graph.json"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "graph.json"
    link.symlink_to(Path("real") / "graph.json")
    write_text(link, "new")
    assert link.is_symlink()
    assert target.read_text() == "new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.json"], "no temporary file left"


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "graph.json"
    link.symlink_to("made.json")
    write_text(link, "new")
    assert link.is_symlink() and (tmp_path / "made.json").read_text() == "new"


def test_a_fifo_is_written_into(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    write_text(fifo, "through the pipe")
    reader.join(timeout=10)
    assert received == ["through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_an_existing_files_mode_is_kept(tmp_path):
    private = tmp_path / "private.json"
    private.write_text("old")
    private.chmod(0o600)
    write_text(private, "new")
    assert private.read_text() == "new"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    shared = tmp_path / "shared.json"
    shared.write_text("old")
    shared.chmod(0o644)
    write_text(shared, "new")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644


def test_a_new_file_gets_the_usual_mode(tmp_path):
    mask = os.umask(0)
    os.umask(mask)
    write_text(tmp_path / "new.json", "{}")
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o666 & ~mask
    write_text(tmp_path / "run.sh", "true", executable=True)
    assert stat.S_IMODE((tmp_path / "run.sh").stat().st_mode) == 0o777 & ~mask


def test_failure_is_reported_and_nothing_is_written(tmp_path):
    (tmp_path / "taken").write_text("a file where a folder should be")
    first = tmp_path / "first.csv"
    with pytest.raises(OutputError, match=r"second.csv: cannot write \(.*taken is a file, not a folder\)"):
        write_files({first: "one", tmp_path / "taken" / "second.csv": "two"})
    assert not first.exists(), "all files or none"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_a_folder_is_not_replaced(tmp_path):
    with pytest.raises(OutputError, match="is a folder"):
        write_text(tmp_path, "text")
    assert tmp_path.is_dir()
