"""A change of data key killed at any moment leaves exactly one complete, openable caseload.

Two ways to kill the child (tests/store/crash_child.py, `rotate`): just before each of its
file operations in turn (every rename, removal, new folder and fsync a rotation makes), and
with SIGKILL at random times across a whole rotation. After each kill the store is opened
as a worker would open it: exactly one of the two passphrases opens it, it passes both
integrity checks, it holds everyone, each backup is whole and opens with the same
passphrase, nothing staged is left, and where the new passphrase won, nothing added after
opens with the old passphrase or the old recovery key.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from caseapp.services.people import PeopleService
from caseapp.store import Store, WrongPassphrase, list_backups
from caseapp.store.backup import read_backup
from caseapp.store.engine import prove_key_read_only
from caseapp.store.keyfile import KeyFile
from tests.conftest import CHEAP, PASSPHRASE
from tests.store.old_secrets import what_old_secrets_open
from tests.store.test_crash_safety import TIMEOUT, Child, one_ahead

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX-only")

NEW = "a quite different passphrase now"
PEOPLE = 150  # enough pages that the copies take a while
RANDOM_TRIALS = 10
MAX_STOPS = 40  # stops at every operation, or at this many spread across them all


@dataclass(frozen=True)
class Template:
    folder: Path
    recovery_key: str
    names: frozenset[str]
    backups: tuple[str, ...]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """A caseload with people and three backups, copied afresh for every kill."""
    folder = tmp_path_factory.mktemp("template") / "store"
    store, recovery_key = Store.create(folder, PASSPHRASE, kdf=CHEAP)
    people = PeopleService(store)
    names = []
    for n in range(PEOPLE):
        names.append(f"p{n}")
        people.add_young_person(
            given_name=f"p{n}", family_name="Crash", date_of_birth=date(2006, 5, 4), aspirations="x" * 500
        )
    store.backup_now(store.backups_dir)
    store.close()
    store.unlock(PASSPHRASE)
    store.close()
    backups = tuple(b.path.name for b in list_backups(store.backups_dir))
    assert len(backups) == 3
    return Template(folder, recovery_key, frozenset(names), backups)


def fresh_copy(template: Template, where: Path) -> Path:
    shutil.copytree(template.folder, where)
    (where / "caseload.lock").unlink(missing_ok=True)
    return where


def opens(folder: Path, passphrase: str) -> bool:
    store = Store(folder)
    try:
        store.unlock(passphrase)
    except WrongPassphrase:
        return False
    store.close(backup=False)
    return True


def backup_opens_with(path: Path, passphrase: str) -> bool:
    info = read_backup(path, verify=True)
    try:
        data_key = KeyFile.read(info.key_path).unwrap_with_passphrase(passphrase)
    except WrongPassphrase:
        return False
    prove_key_read_only(info.db_path, data_key)
    return True


def staged(folder: Path) -> list[str]:
    patterns = (".caseload.*", "backups/.*", "*-journal")
    return sorted(str(p.relative_to(folder)) for pattern in patterns for p in folder.glob(pattern))


def check_after_kill(folder: Path, template: Template, child: Child, label: str) -> bool:
    """Every promise a killed rotation must keep; returns whether the new passphrase won."""
    old_opens, new_opens = opens(folder, PASSPHRASE), opens(folder, NEW)
    assert old_opens != new_opens, f"{label}: old {old_opens}, new {new_opens}"
    if "rotated" in child.lines():
        assert new_opens, f"{label}: reported done, yet the new passphrase fails"
    current, other = (NEW, PASSPHRASE) if new_opens else (PASSPHRASE, NEW)

    store = Store(folder)
    store.unlock(current)
    try:
        assert store.integrity_problems() == [], label
        names = {p.given_name for p in PeopleService(store).list_young_people()}
        assert names == template.names, label
        assert staged(folder) == [], label
        backups = list_backups(store.backups_dir)
        assert tuple(b.path.name for b in backups) == template.backups, label
        for backup in backups:
            assert backup_opens_with(backup.path, current), f"{label}: {backup.path.name}"
            assert not backup_opens_with(backup.path, other), f"{label}: {backup.path.name}"
        if new_opens:
            PeopleService(store).add_young_person(
                given_name="After", family_name="Change", date_of_birth=date(2006, 5, 4)
            )
    finally:
        store.close(backup=new_opens)
    if new_opens:
        opened = what_old_secrets_open(folder, [PASSPHRASE], [template.recovery_key])
        assert opened == [], f"{label}: {opened}"
    return new_opens


def rotating_child(log: Path, die_at: int) -> Child:
    return Child(log, "rotate", "-", str(die_at))


def run(child: Child, folder: Path) -> None:
    """Point the waiting child at `folder` (it reads its folder from the first line)."""
    child.start(str(folder), PASSPHRASE, NEW)


def count_operations(template: Template, tmp_path: Path) -> tuple[int, float]:
    folder = fresh_copy(template, tmp_path / "count")
    with Child(tmp_path / "count.log", "rotate", "-", "0") as child:
        run(child, folder)
        child.wait_until_ready()
        started = time.monotonic()
        deadline = started + TIMEOUT
        while not any(line.startswith("ops ") for line in child.lines()):
            assert child.proc.poll() is None, child.stderr()
            assert time.monotonic() < deadline, "the rotation never finished"
            time.sleep(0.005)
        took = time.monotonic() - started
        operations = int(next(line for line in child.lines() if line.startswith("ops ")).split()[1])
    assert opens(folder, NEW) and not opens(folder, PASSPHRASE)
    return operations, took


@pytest.mark.slow
def test_killed_before_any_file_operation_leaves_one_whole_caseload(template: Template, tmp_path: Path) -> None:
    operations, _ = count_operations(template, tmp_path)
    assert operations > 20  # the rotation really went through the counted calls
    stride = max(1, operations // MAX_STOPS)
    stops = sorted(set(range(1, operations + 1, stride)) | {operations})
    won = []
    with ExitStack() as stack:
        children = one_ahead(
            stack, len(stops), lambda i: rotating_child(tmp_path / f"stop{i}.log", stops[i])
        )
        for stop, child in zip(stops, children, strict=True):
            folder = fresh_copy(template, tmp_path / f"stop{stop}")
            run(child, folder)
            assert child.proc.wait(timeout=TIMEOUT) == 9, child.stderr()
            won.append(check_after_kill(folder, template, child, f"stopped at operation {stop}"))
            shutil.rmtree(folder)
    # Kills on both sides of the commit: some rolled back, some rolled forward.
    assert not all(won) and any(won), won


@pytest.mark.slow
def test_sigkill_at_random_times_leaves_one_whole_caseload(template: Template, tmp_path: Path) -> None:
    _, took = count_operations(template, tmp_path)
    window = 1.5 * took + 0.05
    rng = random.Random(4242)
    won = []
    with ExitStack() as stack:
        children = one_ahead(
            stack, RANDOM_TRIALS, lambda i: rotating_child(tmp_path / f"kill{i}.log", 0)
        )
        for trial, child in enumerate(children):
            folder = fresh_copy(template, tmp_path / f"kill{trial}")
            run(child, folder)
            child.wait_until_ready()
            time.sleep(rng.uniform(0, window))
            if child.proc.poll() is None:
                child.sigkill()
            won.append(check_after_kill(folder, template, child, f"trial {trial}"))
            shutil.rmtree(folder)
    assert won  # which side each lands on is chance; every one kept the promises
