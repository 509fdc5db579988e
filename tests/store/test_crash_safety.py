"""Crash safety: real child processes, killed with SIGKILL, then the store is reopened.

A killed writer must leave a store that opens, passes both integrity checks and holds every
commit it reported. A process killed while changing the passphrase must leave exactly one of
the two passphrases working. The child is tests/store/crash_child.py.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import select

from caseapp.models import YoungPerson
from caseapp.store import Store, WrongPassphrase, list_backups
from caseapp.store.backup import read_backup
from caseapp.store.keyfile import derive
from tests.conftest import CHEAP, PASSPHRASE
from tests.store.crash_child import REKEY_KDF

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX-only")

ROOT = Path(__file__).resolve().parents[2]
CHAINS = 6
KILLS_PER_CHAIN = 5  # CHAINS * KILLS_PER_CHAIN >= 30 kills of a writer
REKEY_TRIALS = 8
NEW_PASSPHRASE = "a quite different passphrase"
TIMEOUT = 60  # seconds; only ever reached when something is broken


class Child:
    """A crash_child process. Its stdout goes to a file, which keeps every flushed line
    after a SIGKILL, without a pipe's buffering to reason about."""

    def __init__(self, log: Path, *args: str) -> None:
        self.log = log
        with open(log, "wb") as out, open(log.with_suffix(".err"), "wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.store.crash_child", *args],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=out,
                stderr=err,
            )

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=TIMEOUT)
        assert self.proc.stdin is not None
        self.proc.stdin.close()

    def start(self, *passphrases: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("".join(p + "\n" for p in passphrases).encode())
        self.proc.stdin.flush()

    def lines(self) -> list[str]:
        return self.log.read_text().splitlines()

    def stderr(self) -> str:
        return self.log.with_suffix(".err").read_text()

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + TIMEOUT
        while "ready" not in self.lines():
            if self.proc.poll() is not None:
                pytest.fail(f"child exited early:\n{self.stderr()}")
            if time.monotonic() > deadline:
                pytest.fail("child never became ready")
            time.sleep(0.005)

    def sigkill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        # Killed means killed: a child that died of something else would prove nothing.
        assert self.proc.wait(timeout=TIMEOUT) == -signal.SIGKILL, self.stderr()


def one_ahead(stack: ExitStack, count: int, make: Callable[[int], Child]) -> Iterator[Child]:
    """`count` children in turn, each next one already importing while the current one runs:
    start-up is mostly imports, and would otherwise add up to much of the suite's time."""
    upcoming = stack.enter_context(make(0))
    for i in range(1, count + 1):
        current = upcoming
        if i < count:
            upcoming = stack.enter_context(make(i))
        yield current


def new_store(folder: Path) -> None:
    Store.create(folder, PASSPHRASE, kdf=CHEAP)[0].close(backup=False)


def opens(folder: Path, passphrase: str) -> bool:
    """Whether `passphrase` opens the store; a fresh Store, closed again, each time."""
    store = Store(folder)
    try:
        store.unlock(passphrase)
    except WrongPassphrase:
        return False
    try:
        assert store.integrity_problems() == []
    finally:
        store.close(backup=False)
    return True


def check_writer_survivors(folder: Path, committed: dict[int, str]) -> None:
    store = Store(folder)
    store.unlock(PASSPHRASE)  # the dead writer's OS lock is gone: no StoreInUse
    try:
        assert store.integrity_problems() == []
        with store.read_session() as s:
            present = dict(s.execute(select(YoungPerson.id, YoungPerson.given_name)).all())
        lost = {i: name for i, name in committed.items() if present.get(i) != name}
        assert not lost, f"{len(lost)} reported commits missing, e.g. {list(lost.items())[:5]}"
        # A backup the writer finished is whole; one it was making when killed is not listed.
        for backup in list_backups(store.backups_dir):
            read_backup(backup.path, verify=True)
    finally:
        store.close(backup=False)


@pytest.mark.slow
@pytest.mark.parametrize("chain", range(CHAINS))
def test_sigkill_writer_keeps_every_reported_commit(tmp_path: Path, chain: int) -> None:
    folder = tmp_path / "store"
    new_store(folder)
    rng = random.Random(1000 + chain)
    committed: dict[int, str] = {}
    with ExitStack() as stack:
        children = one_ahead(
            stack,
            KILLS_PER_CHAIN,
            lambda kill: Child(
                tmp_path / f"kill{kill}.log", "write", str(folder), str(chain * 100 + kill)
            ),
        )
        # The same store through every kill: each child starts from what the last one left.
        for child in children:
            child.start(PASSPHRASE)
            child.wait_until_ready()
            time.sleep(rng.uniform(0.05, 1.0))
            child.sigkill()
            for line in child.lines():
                if line.startswith("committed "):
                    _, row_id, given_name = line.split()
                    committed[int(row_id)] = given_name
            check_writer_survivors(folder, committed)
    assert committed, "no child ever reported a commit: the kills proved nothing"


def rekey_window() -> float:
    """Long enough to cover a whole passphrase change on this machine, and a little after."""
    start = time.perf_counter()
    derive("timing", bytes(16), REKEY_KDF)
    return 3 * (time.perf_counter() - start) + 0.05


@pytest.mark.slow
def test_sigkill_during_passphrase_change_leaves_exactly_one_working(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    new_store(folder)
    rng = random.Random(2024)
    window = rekey_window()
    current, other = PASSPHRASE, NEW_PASSPHRASE
    with ExitStack() as stack:
        children = one_ahead(
            stack,
            REKEY_TRIALS,
            lambda trial: Child(tmp_path / f"rekey{trial}.log", "rekey", str(folder)),
        )
        for trial, child in enumerate(children):
            child.start(current, other)
            child.wait_until_ready()
            time.sleep(rng.uniform(0, window))
            child.sigkill()
            old_opens, new_opens = opens(folder, current), opens(folder, other)
            assert old_opens != new_opens, f"trial {trial}: old {old_opens}, new {new_opens}"
            if "changed" in child.lines():
                assert new_opens, f"trial {trial}: reported changed, yet the new one fails"
            assert not list(folder.glob(".*.tmp-*"))
            if new_opens:
                current, other = other, current


@pytest.mark.parametrize("die", ["before", "after"])
def test_crash_at_key_file_rename(tmp_path: Path, die: str) -> None:
    folder = tmp_path / "store"
    new_store(folder)
    with Child(tmp_path / "rekey.log", "rekey", str(folder), die) as child:
        child.start(PASSPHRASE, NEW_PASSPHRASE)
        assert child.proc.wait(timeout=TIMEOUT) == 9, child.stderr()
        assert "changed" not in child.lines()
    stale = list(folder.glob(".caseload.key.tmp-*"))
    if die == "before":
        assert len(stale) == 1  # the new key file, written and synced but never renamed
        assert not opens(folder, NEW_PASSPHRASE)
        assert opens(folder, PASSPHRASE)
    else:
        assert stale == []
        assert not opens(folder, PASSPHRASE)
        assert opens(folder, NEW_PASSPHRASE)
    # The successful unlock swept the stale temporary away.
    assert not list(folder.glob(".caseload.key.tmp-*"))
