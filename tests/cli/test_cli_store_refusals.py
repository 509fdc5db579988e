"""What a damaged, edited or odd caseload folder gets from `caseapp`: one plain sentence,
the right exit code, and every file as it was. Run for real in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caseapp.services.demo import DEMO_PASSPHRASE
from caseapp.store import Store
from caseapp.store.keyfile import DAMAGED, _checksum
from tests.cli.test_cli import RECOVERY_KEY, assert_plain_failure, caseapp, secret_file, snapshot
from tests.conftest import CHEAP, PASSPHRASE

NEW = "violet kettle orbit marsh"


class Made:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.passphrase = secret_file(home, "passphrase.txt", PASSPHRASE)
        init = caseapp("init", "--data-dir", home / "made", "--passphrase-file", self.passphrase, home=home)
        assert init.returncode == 0, init.stderr
        [self.recovery_key] = RECOVERY_KEY.findall(init.stdout)
        self.recovery_file = secret_file(home, "recovery.txt", self.recovery_key)
        self.new = secret_file(home, "new.txt", NEW)
        # One backup in the store's own folder, as every close makes.
        store = Store(home / "made")
        store.unlock(PASSPHRASE)
        store.close()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    return Made(tmp_path_factory.mktemp("cli-refusals"))


@pytest.fixture
def folder(made: Made, tmp_path: Path) -> Path:
    """A private copy of the made caseload, backups and all."""
    copy = tmp_path / "data"
    shutil.copytree(made.home / "made", copy)
    return copy


def refused(made: Made, folder: Path, args: list[object], code: int, home: Path) -> str:
    before = snapshot(folder)
    result = caseapp(*args, home=home)
    message = assert_plain_failure(result, code)
    assert "unexpected error" not in message
    assert snapshot(folder) == before
    return message


def flip(path: Path, field: str, inner: str | None = None) -> None:
    raw = bytearray(path.read_bytes())
    at = raw.index(f'"{field}"'.encode())
    if inner:
        at = raw.index(f'"{inner}"'.encode(), at)
    raw[raw.index(b":", at) + 5] ^= 0x01
    path.write_bytes(bytes(raw))


def edit_key_file(path: Path, edit) -> None:
    """Edit the key file on purpose, making its checksum match, as a forger would."""
    doc = json.loads(path.read_bytes())
    del doc["checksum"]
    edit(doc)
    doc["checksum"] = _checksum(doc)
    path.write_text(json.dumps(doc, indent=2), encoding="ascii")


# -- point 9: damage in the key file is named as damage -----------------------------------


def test_a_flipped_byte_in_the_recovery_wrap_fails_verify_and_recover_as_damage(
    made: Made, folder: Path, tmp_path: Path
) -> None:
    flip(folder / "caseload.key", "recovery_wrap", "sealed")
    verify = ["verify", "--data-dir", folder, "--passphrase-file", made.passphrase]
    assert refused(made, folder, verify, 3, tmp_path) == DAMAGED
    recover = ["recover", "--data-dir", folder, "--recovery-key-file", made.recovery_file,
               "--new-passphrase-file", made.new]
    assert refused(made, folder, recover, 1, tmp_path) == DAMAGED


@pytest.mark.parametrize(
    ("field", "inner"), [("store_id", None), ("created", None), ("passphrase_wrap", "nonce"), ("mac", None)]
)
def test_a_flipped_byte_anywhere_is_damage_not_a_wrong_passphrase(
    made: Made, folder: Path, tmp_path: Path, field: str, inner: str | None
) -> None:
    flip(folder / "caseload.key", field, inner)
    verify = ["verify", "--data-dir", folder, "--passphrase-file", made.passphrase]
    assert refused(made, folder, verify, 3, tmp_path) == DAMAGED
    backup = ["backup", "--data-dir", folder, "--passphrase-file", made.passphrase, "--to", tmp_path / "b"]
    assert refused(made, folder, backup, 1, tmp_path) == DAMAGED


def test_verify_finds_a_recovery_wrap_replaced_on_purpose(made: Made, folder: Path, tmp_path: Path) -> None:
    other = json.loads((made.home / "made" / "caseload.key").read_bytes())
    # Another store's recovery wrap: the passphrase still opens, only the MAC can tell.
    foreign, _ = Store.create(tmp_path / "other", PASSPHRASE, kdf=CHEAP)
    foreign.close(backup=False)
    theirs = json.loads(foreign.key_path.read_bytes())["recovery_wrap"]
    assert theirs != other["recovery_wrap"]
    edit_key_file(folder / "caseload.key", lambda d: d.update(recovery_wrap=theirs))
    result = caseapp("verify", "--data-dir", folder, "--passphrase-file", made.passphrase, home=tmp_path)
    assert result.returncode == 3, result.stderr
    assert "recovery part" in result.stderr
    assert "passed" not in result.stdout


def test_verify_of_an_intact_caseload_still_passes(made: Made, folder: Path, tmp_path: Path) -> None:
    result = caseapp("verify", "--data-dir", folder, "--passphrase-file", made.passphrase, home=tmp_path)
    assert result.returncode == 0, result.stderr


# -- point 12: key files and folders that are not what they should be -----------------------


KEY_FILES = {
    "time_cost Infinity": lambda raw: raw.replace(b'"time_cost": 1', b'"time_cost": Infinity'),
    "time_cost 1e400": lambda raw: raw.replace(b'"time_cost": 1', b'"time_cost": 1e400'),
    "time_cost NaN": lambda raw: raw.replace(b'"time_cost": 1', b'"time_cost": NaN'),
    "time_cost true": lambda raw: raw.replace(b'"time_cost": 1', b'"time_cost": true'),
    "time_cost of 5000 digits": lambda raw: raw.replace(b'"time_cost": 1', b'"time_cost": ' + b"9" * 5000),
    "200,000 nested brackets": lambda raw: b"[" * 200_000,
    "60,000 nested brackets": lambda raw: b"[" * 60_000,
    "nested objects": lambda raw: b'{"a":' * 30_000,
    "a list": lambda raw: b"[1, 2, 3]",
    "empty": lambda raw: b"",
    "not text": lambda raw: bytes(range(256)),
    "20 MB of spaces": lambda raw: raw + b" " * 20_000_000,
}


@pytest.mark.parametrize("make", KEY_FILES.values(), ids=KEY_FILES.keys())
def test_a_key_file_that_is_not_one_is_damage(made: Made, folder: Path, tmp_path: Path, make) -> None:
    key = folder / "caseload.key"
    changed = make(key.read_bytes())
    assert changed != key.read_bytes()
    key.write_bytes(changed)
    for args, code in (
        (["backup", "--data-dir", folder, "--passphrase-file", made.passphrase, "--to", tmp_path / "b"], 1),
        (["change-passphrase", "--data-dir", folder, "--passphrase-file", made.passphrase,
          "--new-passphrase-file", made.new], 1),
        (["recover", "--data-dir", folder, "--recovery-key-file", made.recovery_file,
          "--new-passphrase-file", made.new], 1),
        (["verify", "--data-dir", folder, "--passphrase-file", made.passphrase], 3),
    ):
        assert refused(made, folder, args, code, tmp_path) == DAMAGED


LOCK_SENTENCE = (
    "The caseload's lock file (caseload.lock) is not an ordinary file, so caseapp cannot "
    "tell whether another window has the caseload open. Move it out of the caseload's "
    "folder, then try again."
)


def test_a_lock_file_that_is_a_folder_gets_a_sentence(made: Made, folder: Path, tmp_path: Path) -> None:
    (folder / "caseload.lock").unlink(missing_ok=True)
    (folder / "caseload.lock").mkdir()
    for args in (
        ["verify", "--data-dir", folder, "--passphrase-file", made.passphrase],
        ["backup", "--data-dir", folder, "--passphrase-file", made.passphrase, "--to", tmp_path / "b"],
        ["demo", "--no-gui", "--people", "1", "--data-dir", folder],
    ):
        message = refused(made, folder, args, 1, tmp_path)
        if args[0] != "demo":
            assert message == LOCK_SENTENCE
    assert (folder / "caseload.lock").is_dir()


def test_init_where_the_lock_file_is_a_folder_makes_nothing(made: Made, tmp_path: Path) -> None:
    folder = tmp_path / "new"
    (folder / "caseload.lock").mkdir(parents=True)
    args = ["init", "--data-dir", folder, "--passphrase-file", made.passphrase]
    assert refused(made, folder, args, 1, tmp_path) == LOCK_SENTENCE
    assert [p.name for p in folder.iterdir()] == ["caseload.lock"]


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe" + PASSPHRASE.encode("utf-16-le"), PASSPHRASE.encode("latin-1") + b"\xe9\n", b"\x80\x81\x82"],
    ids=["UTF-16", "Latin-1", "random bytes"],
)
def test_a_passphrase_file_that_is_not_utf8_gets_a_sentence(
    made: Made, folder: Path, tmp_path: Path, content: bytes
) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_bytes(content)
    for args in (
        ["verify", "--data-dir", folder, "--passphrase-file", odd],
        ["change-passphrase", "--data-dir", folder, "--passphrase-file", made.passphrase,
         "--new-passphrase-file", odd],
        ["recover", "--data-dir", folder, "--recovery-key-file", odd, "--new-passphrase-file", made.new],
        ["init", "--data-dir", tmp_path / "fresh", "--passphrase-file", odd],
    ):
        message = refused(made, folder, args, 1, tmp_path)
        assert message == (
            "The passphrase file is not plain text in UTF-8. Save it as UTF-8 text and try again."
        )
    assert not (tmp_path / "fresh").exists()


def test_the_passphrase_file_is_read_only_as_far_as_its_first_line(made: Made, folder: Path, tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_bytes(PASSPHRASE.encode() + b"\n" + b"\xff" * 3_000_000)
    result = caseapp("verify", "--data-dir", folder, "--passphrase-file", long, home=tmp_path)
    assert result.returncode == 0, result.stderr


# -- point 12: a backup onto a full disk ----------------------------------------------------

FULL = "There is not enough space on that disk for the backup. Nothing was written there."


def test_a_backup_onto_a_full_disk_gets_a_sentence(made: Made, folder: Path, tmp_path: Path) -> None:
    """A real full file system: a small tmpfs, where this test may mount one (as root)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.name == "nt" or not shutil.which("mount") or os.geteuid() != 0:
        pytest.skip("needs root to mount a small file system")
    made_it = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if made_it.returncode != 0:
        pytest.skip("this machine does not allow mounting a file system")
    try:
        args = ["backup", "--data-dir", folder, "--passphrase-file", made.passphrase, "--to", mount]
        assert refused(made, folder, args, 1, tmp_path) == FULL
        assert list(mount.iterdir()) == []  # no half-made backup left taking the space
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.skipif(os.name == "nt", reason="POSIX resource limits")
def test_a_backup_the_disk_refuses_to_grow_gets_a_sentence(made: Made, folder: Path, tmp_path: Path) -> None:
    """The OS refuses to write past a size (RLIMIT_FSIZE), as a quota or a full disk does."""
    script = (
        "import resource, runpy, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"  # a refused write, not a killed process
        "resource.setrlimit(resource.RLIMIT_FSIZE, (32768, 32768))\n"
        f"sys.argv = [{str(Path(__file__).resolve().parents[1] / 'run_caseapp.py')!r}, *sys.argv[1:]]\n"
        "runpy.run_path(sys.argv[0], run_name='__main__')\n"
    )
    before = snapshot(folder)
    result = subprocess.run(
        [sys.executable, "-c", script, "backup", "--data-dir", str(folder),
         "--passphrase-file", str(made.passphrase), "--to", str(tmp_path / "b")],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    message = assert_plain_failure(result, 1)
    assert message == (
        "The backup could not be written: the disk refused it (it may be full or over a quota). "
        "Nothing was written there."
    )
    assert snapshot(folder) == before
    assert list((tmp_path / "b").iterdir()) == []


# -- point 5 and 12: demo folders -------------------------------------------------------------


def test_demo_refuses_a_passphrase_file(made: Made, tmp_path: Path) -> None:
    for args in (
        ["demo", "--no-gui", "--people", "1", "--passphrase-file", made.passphrase],
        ["--passphrase-file", made.passphrase, "demo", "--no-gui", "--people", "1"],
    ):
        result = caseapp(*args, home=tmp_path)
        assert assert_plain_failure(result, 2) == (
            "A demo caseload always opens with its published passphrase, so caseapp demo takes "
            "no --passphrase-file."
        )
        assert not (tmp_path / "demo").exists()


REAL = "That folder holds a real caseload; a demo is never made there."


def test_demo_never_deletes_a_real_caseload_whose_flag_was_set(made: Made, folder: Path, tmp_path: Path) -> None:
    # The checksum made to match: only the flag's authentication stands in the way.
    edit_key_file(folder / "caseload.key", lambda d: d.update(demo=True))
    args = ["demo", "--no-gui", "--people", "1", "--data-dir", folder]
    assert refused(made, folder, args, 1, tmp_path) == REAL
    assert (folder / "backups").is_dir()


def test_demo_never_deletes_a_real_caseload_whose_flag_was_typed_in(made: Made, folder: Path, tmp_path: Path) -> None:
    key = folder / "caseload.key"
    key.write_bytes(key.read_bytes().replace(b'"demo": false', b'"demo": true'))
    args = ["demo", "--no-gui", "--people", "1", "--data-dir", folder]
    message = refused(made, folder, args, 1, tmp_path)
    assert "a demo is never made there" in message


def test_demo_rebuilds_its_own_folder(tmp_path: Path) -> None:
    first = caseapp("demo", "--no-gui", "--people", "2", home=tmp_path)
    assert first.returncode == 0, first.stderr
    again = caseapp("demo", "--no-gui", "--people", "1", home=tmp_path)
    assert again.returncode == 0, again.stderr
    store = Store(tmp_path / "demo")
    store.unlock(DEMO_PASSPHRASE)
    store.close(backup=False)
