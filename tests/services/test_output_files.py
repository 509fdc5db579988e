"""Every output (PDFs, caseload exports, the statutory return) goes only to a new name or an ordinary file.

One table of every kind of output, and one of everything that can sit at a name: each kind
writes a new name and replaces an ordinary file whole, and refuses a link, a folder, a pipe,
a socket or a device with a sentence, leaving it (and whatever a link points at) untouched,
recording nothing and leaving no part-file behind.
"""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from caseapp.reports import api
from caseapp.services import output_files
from caseapp.services.errors import ValidationError
from caseapp.services.exports import ExportService
from caseapp.services.oc3 import Oc3Service, file_names
from tests.reports.conftest import make_case
from tests.services.helpers import TODAY, audit_max_id

YEAR = 2026  # the collection year ending 31 March 2026, over by TODAY


@dataclass(frozen=True)
class Kind:
    """One kind of output: the name it is written under, and how the app writes it there."""

    name: str
    write: Callable  # (svc, case, destination) -> None
    magic: bytes  # how the written file starts


def _pack(svc, case, path: Path) -> None:  # type: ignore[no-untyped-def]
    api.print_hand_off_pack(svc.store, hand_off_id=case.hand_off.id, out=path, actor_id=svc.worker_id, today=TODAY)


def _summary(svc, case, path: Path) -> None:  # type: ignore[no-untyped-def]
    api.print_case_summary(svc.store, person_id=case.person.id, out=path, actor_id=svc.worker_id, today=TODAY)


def _caseload_report(svc, case, path: Path) -> None:  # type: ignore[no-untyped-def]
    api.print_caseload_report(svc.store, out=path, actor_id=svc.worker_id, today=TODAY)


def _export(format: str) -> Callable:
    def write(svc, case, path: Path) -> None:  # type: ignore[no-untyped-def]
        ExportService(svc.store, actor_id=svc.worker_id, today=lambda: TODAY).export_caseload(path=path, format=format)

    return write


def _oc3(svc, case, path: Path) -> None:  # type: ignore[no-untyped-def]
    # The return's names are fixed; the test puts the obstacle under one of them.
    Oc3Service(svc.store, actor_id=svc.worker_id, today=lambda: TODAY).export(
        year=YEAR, folder=path.parent, allow_problems=True
    )


HEADER_NAME, OC3_NAME = file_names(YEAR)
KINDS = {
    "hand-off pack": Kind("pack.pdf", _pack, b"%PDF"),
    "case summary": Kind("summary.pdf", _summary, b"%PDF"),
    "caseload report": Kind("caseload.pdf", _caseload_report, b"%PDF"),
    "caseload csv": Kind("caseload.csv", _export("csv"), b"\xef\xbb\xbfName"),
    "caseload xlsx": Kind("caseload.xlsx", _export("xlsx"), b"PK"),
    "oc3 header": Kind(HEADER_NAME, _oc3, b"CHILD"),
    "oc3 file": Kind(OC3_NAME, _oc3, b"CHILD"),
}


def _symlink_to_file(path: Path, elsewhere: Path) -> None:
    path.symlink_to(elsewhere / "other.txt")


def _dangling_symlink(path: Path, elsewhere: Path) -> None:
    path.symlink_to(elsewhere / "not-there-yet.txt")


def _symlink_to_folder(path: Path, elsewhere: Path) -> None:
    path.symlink_to(elsewhere)


def _folder(path: Path, elsewhere: Path) -> None:
    path.mkdir()


def _fifo(path: Path, elsewhere: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(path)


def _socket(path: Path, elsewhere: Path) -> None:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets here")
    # A socket's path is limited to about 100 bytes: bind by a short relative name.
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        server = socket.socket(socket.AF_UNIX)
        server.bind(path.name)
        server.close()  # the name stays on disk
    finally:
        os.chdir(here)


def _device(path: Path, elsewhere: Path) -> None:
    # /dev/full's numbers; only an administrator can make a device node.
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 7))
    except (AttributeError, PermissionError, OSError):
        pytest.skip("making a device node needs an administrator")


OBSTACLES = {
    "link to another file": _symlink_to_file,
    "link to nothing yet": _dangling_symlink,
    "link to a folder": _symlink_to_folder,
    "folder": _folder,
    "named pipe": _fifo,
    "socket": _socket,
    "device": _device,
}
OTHER_FILE = b"another program's file, which must stay as it is"


def what(path: Path) -> tuple:
    """What sits at `path`, without following it: kind, and a link's target."""
    mode = os.lstat(path).st_mode
    return (stat.S_IFMT(mode), os.readlink(path) if stat.S_ISLNK(mode) else None)


def part_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


@pytest.fixture
def case(svc):  # type: ignore[no-untyped-def]
    return make_case(svc)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (elsewhere / "other.txt").write_bytes(OTHER_FILE)
    return out, elsewhere


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("obstacle", list(OBSTACLES))
def test_only_a_new_name_or_an_ordinary_file_is_written(svc, case, folders, kind, obstacle) -> None:  # type: ignore[no-untyped-def]
    out, elsewhere = folders
    chosen = KINDS[kind]
    destination = out / chosen.name
    OBSTACLES[obstacle](destination, elsewhere)
    before, audited = what(destination), audit_max_id(svc.store)
    with pytest.raises(ValidationError) as refused:
        chosen.write(svc, case, destination)
    sentence = " ".join(refused.value.problems.values())
    if chosen.write is _oc3:  # the DfE's names, never personal: the sentence says which
        assert chosen.name in sentence and "choose another folder" in sentence
    else:  # the worker's name may hold a young person's: never repeated
        assert "choose another name" in sentence or "not a folder" in sentence
        assert chosen.name not in sentence
    assert what(destination) == before
    assert (elsewhere / "other.txt").read_bytes() == OTHER_FILE
    assert sorted(p.name for p in elsewhere.iterdir()) == ["other.txt"]
    assert part_files(out) == []
    assert audit_max_id(svc.store) == audited  # nothing was disclosed or exported


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_new_name_and_an_ordinary_file_are_written_whole(svc, case, folders, kind) -> None:  # type: ignore[no-untyped-def]
    out, _elsewhere = folders
    chosen = KINDS[kind]
    destination = out / chosen.name
    chosen.write(svc, case, destination)
    assert destination.read_bytes().startswith(chosen.magic)
    destination.write_bytes(b"yesterday's file")
    chosen.write(svc, case, destination)
    assert destination.read_bytes().startswith(chosen.magic)
    assert stat.S_IMODE(os.stat(destination).st_mode) == 0o600
    assert part_files(out) == []


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_name_too_long_for_the_disk_is_refused_with_a_sentence(svc, case, folders, kind) -> None:  # type: ignore[no-untyped-def]
    out, _elsewhere = folders
    chosen = KINDS[kind]
    if chosen.write is _oc3:
        pytest.skip("the return's file names are caseapp's own")
    with pytest.raises(ValidationError) as refused:
        chosen.write(svc, case, out / ("c" * 300 + Path(chosen.name).suffix))
    assert " ".join(refused.value.problems.values()) == output_files.TOO_LONG
    assert list(out.iterdir()) == []


def test_a_link_put_in_place_after_the_check_is_still_refused(svc, folders) -> None:  # type: ignore[no-untyped-def]
    out, elsewhere = folders
    destination = out / "c.csv"

    def swap_in_a_link() -> None:  # what another program could do while the audit is written
        destination.symlink_to(elsewhere / "other.txt")

    with pytest.raises(ValidationError) as refused:
        output_files.write_outputs(
            svc.store, [output_files.Output(destination, b"personal data")], failed=RuntimeError,
            before_naming=swap_in_a_link,
        )
    assert refused.value.problems["out"] == output_files.LINK
    assert destination.is_symlink() and (elsewhere / "other.txt").read_bytes() == OTHER_FILE
    assert part_files(out) == []


def test_a_part_file_is_never_opened_through_a_link(svc, folders, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out, elsewhere = folders
    monkeypatch.setattr(output_files.secrets, "token_hex", lambda n: "0" * (2 * n))
    (out / f".caseapp-{'0' * 16}.part").symlink_to(elsewhere / "other.txt")
    with pytest.raises(RuntimeError):
        output_files.write_outputs(
            svc.store, [output_files.Output(out / "c.csv", b"personal data")], failed=RuntimeError
        )
    assert (elsewhere / "other.txt").read_bytes() == OTHER_FILE
    assert not (out / "c.csv").exists()
