"""`caseapp init` makes the caseload's own worker its owner, as the set-up wizard does, so
that every audit event names a worker: from --name and --role, asked at a terminal, or, for a
script that gives neither, this computer's account name and Employability worker."""

from __future__ import annotations

import getpass
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select as sql_select

from caseapp.cli.store_commands import ROLES, UNNAMED_OWNER
from caseapp.models import AuditEvent
from caseapp.models.codes import WorkerRole
from caseapp.services.workers import WorkerRecord, WorkersService
from caseapp.store import Store
from tests.cli.test_cli import LAUNCHER, assert_plain_failure, caseapp, secret_file
from tests.conftest import PASSPHRASE


def owner_and_events(folder: Path) -> tuple[WorkerRecord | None, list[AuditEvent]]:
    store = Store(folder)
    store.unlock(PASSPHRASE)
    try:
        workers = WorkersService(store)
        owner_id = workers.owner_id()
        owner = workers.get_worker(worker_id=owner_id) if owner_id is not None else None
        with store.read_session() as s:
            return owner, list(s.scalars(sql_select(AuditEvent).order_by(AuditEvent.id)))
    finally:
        store.close(backup=False)


def test_the_roles_are_the_worker_roles() -> None:
    assert ROLES == [role.value for role in WorkerRole]


def test_init_with_name_and_role_makes_them_the_owner(tmp_path: Path) -> None:
    passphrase = secret_file(tmp_path, "p.txt", PASSPHRASE)
    result = caseapp(
        "init", "--passphrase-file", passphrase, "--name", "  Ada   Okoro ", "--role", "team_lead", home=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "Its own worker" not in result.stdout  # they said who they are: nothing to explain
    owner, events = owner_and_events(tmp_path / "data")
    assert owner is not None
    assert (owner.name, owner.role) == ("Ada Okoro", WorkerRole.TEAM_LEAD)
    assert events and events[0].entity == "worker" and events[0].entity_id == owner.id
    assert {event.worker_id for event in events} == {owner.id}


def test_what_the_caseload_does_next_is_recorded_as_the_owners(tmp_path: Path) -> None:
    passphrase = secret_file(tmp_path, "p.txt", PASSPHRASE)
    assert caseapp("init", "--passphrase-file", passphrase, "--name", "Ada Okoro", home=tmp_path).returncode == 0
    exported = caseapp(
        "export", "caseload", "--format", "csv", "--out", tmp_path / "caseload.csv", "--passphrase-file", passphrase,
        home=tmp_path,
    )
    assert exported.returncode == 0, exported.stderr
    owner, events = owner_and_events(tmp_path / "data")
    assert owner is not None and len(events) >= 2
    assert [event.worker_id for event in events] == [owner.id] * len(events)
    verified = caseapp("verify", "--passphrase-file", passphrase, home=tmp_path)
    assert verified.returncode == 0, verified.stderr


def test_a_script_that_names_nobody_gets_the_account_name(tmp_path: Path) -> None:
    passphrase = secret_file(tmp_path, "p.txt", PASSPHRASE)
    result = caseapp("init", "--passphrase-file", passphrase, home=tmp_path)
    assert result.returncode == 0, result.stderr
    owner, events = owner_and_events(tmp_path / "data")
    assert owner is not None
    # The same environment as this process: the subprocess sees the same account.
    assert owner.name == (getpass.getuser().strip() or UNNAMED_OWNER)
    assert owner.role is WorkerRole.EMPLOYABILITY_WORKER
    assert f'Its own worker is recorded as "{owner.name}", Employability worker' in result.stdout
    assert "File, My details" in result.stdout
    assert events[0].worker_id == owner.id


@pytest.mark.parametrize(
    "args, words",
    [
        (["--name", ""], "Name is required."),
        (["--name", "x" * 121], "Name"),
    ],
)
def test_a_refused_name_makes_nothing(tmp_path: Path, args: list[str], words: str) -> None:
    passphrase = secret_file(tmp_path, "p.txt", PASSPHRASE)
    result = caseapp("init", "--data-dir", tmp_path / "new", "--passphrase-file", passphrase, *args, home=tmp_path)
    assert words in assert_plain_failure(result, 1)
    assert not (tmp_path / "new").exists()


def test_an_unknown_role_is_a_usage_error(tmp_path: Path) -> None:
    passphrase = secret_file(tmp_path, "p.txt", PASSPHRASE)
    result = caseapp(
        "init", "--data-dir", tmp_path / "new", "--passphrase-file", passphrase, "--role", "boss", home=tmp_path
    )
    assert "invalid choice" in assert_plain_failure(result, 2)
    assert not (tmp_path / "new").exists()


# -- at a terminal ------------------------------------------------------------------------


def at_a_terminal(args: list[object], answers: list[str], home: Path) -> tuple[int, str]:
    """Run `caseapp` with a terminal as its input, typing each answer after its question."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    env = {**os.environ, "CASEAPP_DATA_DIR": str(home / "data"), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, str(LAUNCHER), *map(str, args)],
        stdin=follower, stdout=follower, stderr=follower, env=env, cwd=home,
    )
    os.close(follower)
    seen = b""
    pending = list(answers)
    answered_at = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:  # the terminal closed: the process has ended
                    break
                if not chunk:
                    break
                seen += chunk
                # Answer a question once it has been asked (it ends in ": "), and only once.
                if pending and len(seen) > answered_at and seen.endswith(b": "):
                    os.write(leader, pending.pop(0).encode() + b"\n")
                    answered_at = len(seen)
            elif process.poll() is not None:
                break
        code = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    return code, seen.decode("utf-8", "replace")


def test_at_a_terminal_the_name_and_role_are_asked(tmp_path: Path) -> None:
    passphrase = secret_file(tmp_path, "p.txt", PASSPHRASE)
    code, said = at_a_terminal(["init", "--passphrase-file", passphrase], ["", "Ada Okoro", "x", "2"], tmp_path)
    assert code == 0, said
    assert "Your name, as the records you write will show it:" in said
    assert "A name is needed" in said  # asked again after an empty answer
    assert "1 Employability worker, 2 Personal Adviser, 3 Team lead" in said
    assert "Type a number from 1 to 3." in said
    assert "Its own worker" not in said
    owner, events = owner_and_events(tmp_path / "data")
    assert owner is not None and (owner.name, owner.role) == ("Ada Okoro", WorkerRole.PERSONAL_ADVISER)
    assert events[0].worker_id == owner.id


def test_at_a_terminal_only_what_was_not_given_is_asked(tmp_path: Path) -> None:
    passphrase = secret_file(tmp_path, "p.txt", PASSPHRASE)
    code, said = at_a_terminal(["init", "--passphrase-file", passphrase, "--name", "Ada Okoro"], [""], tmp_path)
    assert code == 0, said
    assert "Your name" not in said
    owner, _events = owner_and_events(tmp_path / "data")
    assert owner is not None and (owner.name, owner.role) == ("Ada Okoro", WorkerRole.EMPLOYABILITY_WORKER)
