"""`--server URL` and CASEAPP_SERVER: verify, report and export run on a team server (a real
PostgreSQL) as they do on a local store, with the password from --passphrase-file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import text

from caseapp.store import TeamServer
from tests.cli.test_cli import assert_plain_failure, caseapp, secret_file
from tests.pg_server import pg_cluster  # noqa: F401 - fixture
from tests.reports.conftest import Case, all_text, make_case
from tests.store.test_team_server import schema_template, server_url, services_on  # noqa: F401 - fixtures


@pytest.fixture
def filled(server_url: str, tmp_path: Path) -> tuple[str, Case, Path]:  # noqa: F811
    server = TeamServer(server_url)
    server.unlock()
    try:
        case = make_case(services_on(server))
    finally:
        server.close()
    (tmp_path / "data").mkdir()
    secret_file(tmp_path, "pass.txt", "the team server password")
    return server_url, case, tmp_path


def run(home: Path, *args: object, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        return caseapp(*args, "--passphrase-file", home / "pass.txt", home=home)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_verify_checks_the_team_servers_audit_chain(filled: tuple[str, Case, Path]) -> None:
    url, _case, home = filled
    result = run(home, "verify", "--server", url)
    assert result.returncode == 0, result.stderr
    assert "audit chain passed" in result.stdout
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        first = conn.execute(text("SELECT min(id) FROM audit_event WHERE person_id IS NOT NULL")).scalar_one()
        conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        conn.execute(text("UPDATE audit_event SET changes = '{}' WHERE id = :id"), {"id": first})
    engine.dispose()
    broken = run(home, "verify", "--server", url)
    message = assert_plain_failure(broken, 3)
    assert f"event {first} does not match" in message


def test_reports_print_from_the_team_server(filled: tuple[str, Case, Path]) -> None:
    url, case, home = filled
    out = home / "caseload.pdf"
    result = run(home, "report", "caseload", "--server", url, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "Caseload report" in all_text(out)
    person = home / "person.pdf"
    result = run(home, "report", "person", case.person.id, "--out", person, env={"CASEAPP_SERVER": url})
    assert result.returncode == 0, result.stderr
    assert "Walker" in all_text(person)
    # The print went into the team server's disclosure log, not a local store's.
    assert not (home / "data" / "caseload.db").exists()


def test_the_caseload_exports_from_the_team_server(filled: tuple[str, Case, Path]) -> None:
    url, case, home = filled
    out = home / "caseload.csv"
    result = run(home, "export", "caseload", "--format", "csv", "--out", out, "--server", url)
    assert result.returncode == 0, result.stderr
    assert str(case.person.id) in out.read_text(encoding="utf-8-sig")


def test_an_unsafe_or_unreachable_server_is_one_sentence(filled: tuple[str, Case, Path]) -> None:
    _url, _case, home = filled
    plain = run(home, "verify", "--server", "postgresql://sam@db.council.example/caseapp?sslmode=disable")
    assert "only over TLS" in assert_plain_failure(plain, 1)
    with_password = run(home, "verify", "--server", "postgresql://sam:hunter2@db.council.example/caseapp")
    assert "never holds a password" in assert_plain_failure(with_password, 1)
    assert "hunter2" not in with_password.stderr
    gone = run(home, "report", "caseload", "--out", home / "x.pdf", "--server",
               f"postgresql://sam@/caseapp?host={home}&port=1")
    assert assert_plain_failure(gone, 1).startswith("caseapp cannot reach the team server")
    assert not (home / "x.pdf").exists()


def test_server_and_a_folder_of_ones_own_are_not_both_given(filled: tuple[str, Case, Path]) -> None:
    url, _case, home = filled
    both = run(home, "verify", "--server", url, "--data-dir", home / "elsewhere")
    assert "not both" in assert_plain_failure(both, 2)
