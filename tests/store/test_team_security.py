"""Who may see what on a team server, proved from plain psycopg connections signed in as each
role (never through the services): every cell of the role table, the refusals included."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from caseapp.store import team_security
from caseapp.store.team_security import ADMIN, DELETE, INSERT, LEAD, MATRIX, PA, READ, UPDATE, WORKER
from tests.pg_server import SUPERUSER, Cluster, pg_cluster  # noqa: F401 - fixtures

README = Path(__file__).resolve().parents[2] / "README.md"
NOW = "2026-11-21 10:00:00+00"


@dataclass
class Server:
    cluster: Cluster
    database: str
    owner: str
    accounts: dict[str, str]  # group role -> login role
    own_person: int  # allocated to the PA
    other_person: int  # not

    def connect(self, user: str) -> psycopg.Connection:
        return psycopg.connect(host=str(self.cluster.socket_dir), port=self.cluster.port, user=user,
                               dbname=self.database)


def _young_person(conn: psycopg.Connection, worker: int, pa: int | None) -> int:
    row = conn.execute(
        "INSERT INTO young_person (given_name, family_name, date_of_birth, uasc, right_to_work,"
        " no_recourse_to_public_funds, esol_need, sectors_of_interest, areas_can_reach, places_not_safe,"
        " created_at, updated_at, worker_id, pa_id) VALUES ('Test', 'Person', '2006-01-01', false, 'yes',"
        " false, false, '[]', '[]', '[]', %s, %s, %s, %s) RETURNING id", (NOW, NOW, worker, pa)).fetchone()
    assert row is not None
    return int(row[0])


@pytest.fixture(scope="module")
def server(pg_cluster: Cluster) -> Iterator[Server]:  # noqa: F811
    database, owner = pg_cluster.new_team_server()
    tag = database.rsplit("_", 1)[1]
    accounts = {group: f"{group}_{tag}" for group in (WORKER, PA, LEAD, ADMIN)}
    workers: dict[str, int] = {}
    with psycopg.connect(host=str(pg_cluster.socket_dir), port=pg_cluster.port, user=owner, dbname=database,
                         autocommit=True) as conn:
        for group, account in accounts.items():
            conn.execute(f'CREATE ROLE "{account}" LOGIN IN ROLE {group}')
            row = conn.execute("INSERT INTO worker (name, role, account, created_at, updated_at) "
                               "VALUES (%s, 'team_lead', %s, %s, %s) RETURNING id",
                               (group, account, NOW, NOW)).fetchone()
            assert row is not None
            workers[group] = int(row[0])
        with conn.transaction():
            conn.execute("SET LOCAL caseapp.maintenance = 'on'")
            own = _young_person(conn, workers[WORKER], workers[PA])
            other = _young_person(conn, workers[WORKER], None)
            for person in (own, other):
                conn.execute("INSERT INTO check_in (person_id, happened_at, method, outcome, created_at,"
                             " updated_at) VALUES (%s, %s, 'phone', 'spoke', %s, %s)", (person, NOW, NOW, NOW))
                conn.execute("INSERT INTO support_need (person_id, category, description, created_at,"
                             " updated_at) VALUES (%s, 'housing', 'x', %s, %s)", (person, NOW, NOW))
            conn.execute("INSERT INTO employer (name, created_at, updated_at) VALUES ('Acme', %s, %s)", (NOW, NOW))
        for person in (own, other):
            conn.execute("INSERT INTO audit_event (at, entity, entity_id, person_id, action, changes, prev_hash,"
                         " hash) VALUES (%s, 'young_person', %s, %s, 'create', '{}', '', '')", (NOW, person, person))
    yield Server(pg_cluster, database, owner, accounts, own, other)


def _probe(server: Server, area: str, action: str, person: int) -> dict[str, tuple[str, tuple]]:
    """The statement that tries `action` on `area` for `person` (for person-linked areas)."""
    p = (person,)
    statements: dict[tuple[str, str], tuple[str, tuple]] = {
        ("young_person", READ): ("SELECT id FROM young_person WHERE id = %s", p),
        ("young_person", INSERT): ("INSERT INTO young_person (given_name, family_name, date_of_birth, uasc,"
                                   " right_to_work, no_recourse_to_public_funds, esol_need, sectors_of_interest,"
                                   " areas_can_reach, places_not_safe, created_at, updated_at) VALUES ('N', 'P',"
                                   " '2006-01-01', false, 'yes', false, false, '[]', '[]', '[]', now(), now())"
                                   " RETURNING id", ()),
        ("young_person", UPDATE): ("UPDATE young_person SET aspirations = 'x' WHERE id = %s RETURNING id", p),
        ("young_person", DELETE): ("DELETE FROM young_person WHERE id = %s RETURNING id", p),
        ("allocation", READ): ("SELECT pa_id FROM young_person WHERE id = %s", p),
        ("allocation", UPDATE): ("UPDATE young_person SET worker_id = pa_id, pa_id = worker_id WHERE id = %s"
                                 " RETURNING id", p),
        ("check_in", READ): ("SELECT id FROM check_in WHERE person_id = %s", p),
        ("check_in", INSERT): ("INSERT INTO check_in (person_id, worker_id, happened_at, method, outcome,"
                               " created_at, updated_at) VALUES (%s, caseapp_my_worker(), now(), 'phone', 'spoke',"
                               " now(), now()) RETURNING id", p),
        ("check_in", UPDATE): ("UPDATE check_in SET outcome = 'x' WHERE person_id = %s RETURNING id", p),
        ("check_in", DELETE): ("DELETE FROM check_in WHERE person_id = %s RETURNING id", p),
        ("records", READ): ("SELECT id FROM support_need WHERE person_id = %s", p),
        ("records", INSERT): ("INSERT INTO support_need (person_id, category, description, created_at,"
                              " updated_at) VALUES (%s, 'housing', 'y', now(), now()) RETURNING id", p),
        ("records", UPDATE): ("UPDATE support_need SET description = 'z' WHERE person_id = %s RETURNING id", p),
        ("records", DELETE): ("DELETE FROM support_need WHERE person_id = %s RETURNING id", p),
        ("employer", READ): ("SELECT id FROM employer", ()),
        ("employer", INSERT): ("INSERT INTO employer (name, created_at, updated_at) VALUES ('B', now(), now())"
                               " RETURNING id", ()),
        ("employer", UPDATE): ("UPDATE employer SET name = 'C' RETURNING id", ()),
        ("employer", DELETE): ("DELETE FROM employer RETURNING id", ()),
        ("worker", READ): ("SELECT id FROM worker", ()),
        ("worker", INSERT): ("INSERT INTO worker (name, role, created_at, updated_at) VALUES ('W', 'team_lead',"
                             " now(), now()) RETURNING id", ()),
        ("worker", UPDATE): ("UPDATE worker SET hours = 'x' RETURNING id", ()),
        ("worker", DELETE): ("DELETE FROM worker WHERE account IS NULL RETURNING id", ()),
        ("audit_event", READ): ("SELECT id FROM audit_event WHERE person_id = %s", p),
        ("audit_event", INSERT): ("INSERT INTO audit_event (at, entity, entity_id, person_id, action, changes,"
                                  " prev_hash, hash) VALUES (now(), 'check_in', 1, %s, 'create', '{}', '', '')"
                                  " RETURNING id", p),
        ("audit_event", UPDATE): ("UPDATE audit_event SET entity = 'x' WHERE person_id = %s RETURNING id", p),
        ("audit_event", DELETE): ("DELETE FROM audit_event WHERE person_id = %s RETURNING id", p),
    }
    return {"sql": statements[(area, action)]}


def _allowed(server: Server, user: str, area: str, action: str, person: int) -> bool:
    """Whether the statement did its work (rows back); rolled back whatever happened."""
    sql, params = _probe(server, area, action, person)["sql"]
    with server.connect(user) as conn:
        try:
            rows = conn.execute(sql, params).fetchall()
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.RaiseException):
            return False
        finally:
            conn.rollback()
    return bool(rows)


CELLS = [(role, area, action) for role, areas in MATRIX.items() for area, _ in team_security.AREAS
         for action in (READ, INSERT, UPDATE, DELETE)
         if not (area == "allocation" and action in (INSERT, DELETE))]


@pytest.mark.parametrize(("role", "area", "action"), CELLS)
def test_each_role_does_what_its_row_says_and_nothing_more(server: Server, role: str, area: str,
                                                           action: str) -> None:
    expected = action in MATRIX[role][area]
    user = server.accounts[role]
    assert _allowed(server, user, area, action, server.own_person) == expected
    if role == PA and area in team_security.PA_OWN_ONLY:
        # Someone else's young person: nothing at all.
        assert not _allowed(server, user, area, action, server.other_person)


def test_the_owner_is_bound_too_and_cannot_change_the_audit_trail(server: Server) -> None:
    assert not _allowed(server, server.owner, "young_person", READ, server.own_person)
    assert not _allowed(server, server.owner, "audit_event", UPDATE, server.own_person)
    assert not _allowed(server, server.owner, "audit_event", DELETE, server.own_person)
    with server.connect(server.owner) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("TRUNCATE audit_event CASCADE")


def test_every_table_has_row_level_security_on_and_forced(server: Server) -> None:
    with server.connect(server.owner) as conn:
        assert team_security.unprotected_tables(conn) == []
        conn.execute("ALTER TABLE employer NO FORCE ROW LEVEL SECURITY")
        assert team_security.unprotected_tables(conn) == ["employer"]
        conn.rollback()


def test_the_readme_shows_the_same_table() -> None:
    text = README.read_text(encoding="utf-8")
    section = re.search(r"## Team server: roles\n(.*?)(?=\n## |\Z)", text, re.S)
    assert section is not None, "README has no 'Team server: roles' section"
    assert team_security.readme_table() in section.group(1)
