"""`caseapp server ...` run as IT would, against a real PostgreSQL: set up an empty database as
its owner, add and manage accounts, upgrade, and verify the access rules and the audit chain."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from caseapp.cli.server_commands import NOT_EMPTY, NOT_OWNER, ROLE_NAMES
from caseapp.store import team_security
from tests.cli.test_cli import assert_plain_failure, caseapp, secret_file
from tests.pg_server import SUPERUSER, Cluster, pg_cluster  # noqa: F401 - fixture

FIRST_PASSWORD = "granite harbour lantern sixty"


@dataclass
class Empty:
    cluster: Cluster
    database: str
    owner: str
    home: Path

    def url(self, user: str | None = None) -> str:
        return f"postgresql://{user or self.owner}@/{self.database}?host={self.cluster.socket_dir}" \
               f"&port={self.cluster.port}"

    def run(self, *args: object, user: str | None = None):  # type: ignore[no-untyped-def]
        return caseapp("server", *args, "--server", self.url(user), home=self.home)

    def superuser(self) -> psycopg.Connection:
        return psycopg.connect(host=str(self.cluster.socket_dir), port=self.cluster.port, user=SUPERUSER,
                               dbname=self.database, autocommit=True)


@pytest.fixture
def empty(pg_cluster: Cluster, tmp_path: Path) -> Empty:  # noqa: F811
    tag = uuid.uuid4().hex[:8]
    owner, database = f"it_{tag}", f"caseapp_cli_{tag}"
    with psycopg.connect(host=str(pg_cluster.socket_dir), port=pg_cluster.port, user=SUPERUSER, dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
        conn.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    (tmp_path / "data").mkdir()
    return Empty(pg_cluster, database, owner, tmp_path)


def test_the_role_names_are_the_servers() -> None:
    assert list(ROLE_NAMES) == list(team_security.ROLES)


def test_init_sets_up_an_empty_database_once_and_verify_passes(empty: Empty) -> None:
    made = empty.run("init")
    assert made.returncode == 0, made.stderr
    checked = empty.run("verify")
    assert checked.returncode == 0, checked.stderr
    assert "row-level security on and forced" in checked.stdout
    assert assert_plain_failure(empty.run("init"), 1) == NOT_EMPTY


def test_init_is_for_the_databases_owner(empty: Empty) -> None:
    with empty.superuser() as conn:
        conn.execute(f'CREATE ROLE "{empty.owner}_x" LOGIN')
    assert assert_plain_failure(empty.run("init", user=f"{empty.owner}_x"), 1) == NOT_OWNER


def test_accounts_are_added_given_roles_listed_and_disabled(empty: Empty) -> None:
    assert empty.run("init").returncode == 0
    secret_file(empty.home, "first.txt", FIRST_PASSWORD)
    name = f"{empty.owner}_alice"
    added = empty.run("add-account", name, "--role", "personal_adviser", "--full-name", "Alice Adeyemi",
                      "--new-passphrase-file", empty.home / "first.txt")
    assert added.returncode == 0, added.stderr
    assert FIRST_PASSWORD not in added.stdout + added.stderr
    with empty.superuser() as conn:
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (name,)).fetchone()
        assert stored is not None and stored[0].startswith("SCRAM-SHA-256$")
        assert conn.execute("SELECT role, password_change_due FROM worker WHERE account = %s",
                            (name,)).fetchone() == ("personal_adviser", True)
    with empty.superuser() as conn:
        assert conn.execute("SELECT pg_has_role(%s, 'caseapp_pa', 'MEMBER')", (name,)).fetchone() == (True,)
    listed = empty.run("list-accounts")
    assert listed.returncode == 0, listed.stderr
    assert f"{name}\tpersonal_adviser\tenabled, first password not yet changed" in listed.stdout

    assert empty.run("set-role", name, "team_lead").returncode == 0
    with empty.superuser() as conn:
        assert conn.execute("SELECT pg_has_role(%s, 'caseapp_pa', 'MEMBER'), pg_has_role(%s, 'caseapp_lead',"
                            " 'MEMBER')", (name, name)).fetchone() == (False, True)
        assert conn.execute("SELECT role FROM worker WHERE account = %s", (name,)).fetchone() == ("team_lead",)

    # Signed in at the time: the owner (without pg_signal_backend) cannot end that session,
    # and the account is disabled all the same.
    with psycopg.connect(host=str(empty.cluster.socket_dir), port=empty.cluster.port, user=name,
                         dbname=empty.database):
        disabled = empty.run("disable-account", name)
    assert disabled.returncode == 0, disabled.stderr
    with empty.superuser() as conn:
        assert conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (name,)).fetchone() == (False,)
    assert f"{name}\tteam_lead\tdisabled" in empty.run("list-accounts").stdout
    assert_plain_failure(empty.run("set-role", f"{empty.owner}_nobody", "team_lead"), 1)


def test_verify_names_an_unforced_table_and_a_broken_event_and_upgrade_mends_the_rules(empty: Empty) -> None:
    assert empty.run("init").returncode == 0
    with empty.superuser() as conn:
        for n in range(3):
            conn.execute("INSERT INTO audit_event (at, entity, entity_id, action, changes, prev_hash, hash)"
                         " VALUES (now(), 'worker', %s, 'updated', '{}', '', '')", (n,))
        conn.execute("ALTER TABLE employer NO FORCE ROW LEVEL SECURITY")
    unforced = assert_plain_failure(empty.run("verify"), 3)
    assert "employer" in unforced
    assert empty.run("upgrade").returncode == 0
    assert empty.run("verify").returncode == 0
    with empty.superuser() as conn:
        second = conn.execute("SELECT id FROM audit_event ORDER BY id OFFSET 1 LIMIT 1").fetchone()
        assert second is not None
        conn.execute("ALTER TABLE audit_event DISABLE TRIGGER caseapp_audit_refuse")
        conn.execute("UPDATE audit_event SET entity = 'employer' WHERE id = %s", second)
    broken = assert_plain_failure(empty.run("verify"), 3)
    assert f"event {second[0]} does not match" in broken


def test_a_database_that_is_not_a_team_server_is_named(empty: Empty) -> None:
    assert "not a caseapp team server" in assert_plain_failure(empty.run("list-accounts"), 1)
