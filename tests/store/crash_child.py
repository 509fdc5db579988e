"""The process tests/store/test_crash_safety.py kills: it writes to a store until it dies.

    python -m tests.store.crash_child write FOLDER SEED            (stdin: passphrase)
    python -m tests.store.crash_child rekey FOLDER [before|after]  (stdin: old, new)
    python -m tests.store.crash_child rotate - DIE_AT              (stdin: folder, old, new)

`rotate` changes the data key (Store.rotate_key). With DIE_AT > 0 it exits at once, as a
kill would, just before its DIE_AT-th file operation (rename, removal, new folder or fsync);
with 0 it finishes and reports how many it made (`ops N`).

The child imports everything, then waits for its passphrases on stdin, so the parent can
start it early (imports are most of its start-up) and let it go when it chooses. Every line
on stdout is flushed at once, so what the parent reads after a SIGKILL is exactly what the
child had reported: `committed ID GIVEN_NAME` only after that row's transaction committed.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import date
from pathlib import Path

from caseapp.models import YoungPerson
from caseapp.services.people import PeopleService
from caseapp.store import KdfParams, Store, fsutil
from caseapp.store.keyfile import allow_cheap_costs_for_tests

# The parent's stores and REKEY_KDF are below the floor: allowed in the test suite only.
allow_cheap_costs_for_tests()

BORN = date(2006, 5, 4)
# Costly enough that a random kill often lands inside the derivation, not only around it.
REKEY_KDF = KdfParams(time_cost=2, memory_cost=32 * 1024, parallelism=1)
# An orphaned writer (parent gone) must not run for ever.
MAX_SECONDS = 60


def say(line: str) -> None:
    print(line, flush=True)


def read_line() -> str:
    return sys.stdin.readline().rstrip("\n")


def write(folder: Path, seed: int) -> None:
    passphrase = read_line()
    store = Store(folder)
    store.unlock(passphrase)
    people = PeopleService(store)
    rng = random.Random(seed)
    say("ready")
    deadline = time.monotonic() + MAX_SECONDS
    n = 0
    while time.monotonic() < deadline:
        n += 1
        name = f"s{seed}n{n}"
        roll = rng.random()
        if roll < 0.2:
            # One bigger transaction: many rows become durable in the same commit.
            with store.session() as s:
                rows = [
                    YoungPerson(given_name=f"{name}b{k}", family_name="Batch", date_of_birth=BORN)
                    for k in range(rng.randint(5, 60))
                ]
                s.add_all(rows)
                s.flush()
                done = [(row.id, row.given_name) for row in rows]
        else:
            person = people.add_young_person(
                given_name=name,
                family_name="Crash",
                date_of_birth=BORN,
                aspirations="x" * rng.randint(0, 2_000),
            )
            done = [(person.id, person.given_name)]
        for row_id, given_name in done:
            say(f"committed {row_id} {given_name}")
        if roll > 0.75:
            people.edit_young_person(
                person_id=done[0][0], phone=f"0770 {n:06d}", strengths="y" * rng.randint(0, 2_000)
            )
        if roll > 0.93:
            store.backup_now(store.backups_dir)


def rekey(folder: Path, die: str | None) -> None:
    old, new = read_line(), read_line()
    store = Store(folder)
    store.unlock(old)
    if die is not None:
        # fsutil.os is the os module, so this patches every rename in the child; the key
        # file's is the first change_passphrase makes, and the child never outlives it.
        real_replace = fsutil.os.replace

        def replace_then_die(src: Path, dst: Path) -> None:
            if die == "before":
                os._exit(9)
            real_replace(src, dst)
            os._exit(9)

        fsutil.os.replace = replace_then_die
    say("ready")
    store.change_passphrase(old, new, kdf=REKEY_KDF)
    say("changed")
    # Wait to be killed; EOF (the parent went away) ends the wait.
    sys.stdin.read()


# What a crash can interrupt: every call through these names in the child is counted.
FILE_OPERATIONS = ("replace", "rename", "unlink", "rmdir", "mkdir", "fsync")


def rotate(die_at: int) -> None:
    # The folder comes on stdin too: the parent makes it only once the child is waiting.
    folder, old, new = Path(read_line()), read_line(), read_line()
    store = Store(folder)
    store.unlock(old)
    made = 0

    def counted(real):  # type: ignore[no-untyped-def]
        def operation(*args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal made
            made += 1
            if made == die_at:
                os._exit(9)
            return real(*args, **kwargs)

        return operation

    # Patched on the os module itself, so pathlib, shutil and the store all go through them.
    for name in FILE_OPERATIONS:
        setattr(os, name, counted(getattr(os, name)))
    say("ready")
    result = store.rotate_key(old, new)
    say("rotated")
    say(f"recovery {result.recovery_key}")
    say(f"ops {made}")
    sys.stdin.read()


def main(argv: list[str]) -> None:
    mode, folder, *rest = argv
    if mode == "write":
        write(Path(folder), int(rest[0]))
    elif mode == "rekey":
        rekey(Path(folder), rest[0] if rest else None)
    elif mode == "rotate":
        rotate(int(rest[0]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
