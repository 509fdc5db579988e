"""Each way of failing to reach or sign in to a team server has its own sentence, changes
nothing, and quotes nothing: against a real PostgreSQL, and one speaking TLS on 127.0.0.1."""

from __future__ import annotations

import logging
import socket
import traceback
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy import func, select, text

from caseapp.models import Worker
from caseapp.store import TeamServer, TeamServerError, migrate
from caseapp.store.team_server import DISABLED, NO_DATABASE, NO_ROLE, WRONG_SIGN_IN
from tests.pg_server import SUPERUSER, Cluster, TlsCluster, pg_cluster, pg_tls_cluster  # noqa: F401 - fixtures

PASSWORD = "Quillfeather-7-Harbour"


def superuser(cluster: Cluster, dbname: str = "postgres") -> psycopg.Connection:
    return psycopg.connect(host=str(cluster.socket_dir), port=cluster.port, user=SUPERUSER, dbname=dbname,
                           autocommit=True)


def at_head(cluster: Cluster) -> str:
    name = cluster.new_database()
    engine = sa.create_engine(cluster.url(name))
    migrate.upgrade(engine)
    engine.dispose()
    return name


@pytest.fixture(scope="module")
def tls_database(pg_tls_cluster: TlsCluster) -> str:  # noqa: F811
    return at_head(pg_tls_cluster)


@pytest.fixture
def account(pg_tls_cluster: TlsCluster, tls_database: str) -> Iterator[str]:  # noqa: F811
    """A login role with a password and every right on the caseload's tables."""
    name = f"worker_{uuid.uuid4().hex[:8]}"
    with superuser(pg_tls_cluster) as conn:
        conn.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{PASSWORD}'")
    with superuser(pg_tls_cluster, tls_database) as conn:
        conn.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {name}")
        conn.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {name}")
    return name


def refused(url: str, password: str | None, caplog: pytest.LogCaptureFixture, **kwargs: object) -> TeamServerError:
    server = TeamServer(url, **kwargs)  # type: ignore[arg-type]
    with caplog.at_level(logging.DEBUG), pytest.raises(TeamServerError) as info:
        server.unlock(password)
    assert not server.is_unlocked
    error = info.value
    told = "".join(traceback.format_exception(error)) + caplog.text
    for secret in (PASSWORD, "db.council.example", "127.0.0.1", "pem", "FATAL", "caseapp_test_"):
        assert secret not in told
    assert error.__cause__ is None and error.__context__ is None
    return error


# -- over TLS, on 127.0.0.1 -------------------------------------------------------------------


def test_the_right_certificate_and_password_sign_in(pg_tls_cluster: TlsCluster, tls_database: str,  # noqa: F811
                                                    account: str) -> None:
    server = TeamServer(pg_tls_cluster.tcp_url(tls_database, account))
    server.unlock(PASSWORD)
    with server.session() as s:
        s.add(Worker(name="Priya Shah", role="personal_adviser"))
    with server.read_session() as s:
        assert s.connection().connection.dbapi_connection.info.pgconn.ssl_in_use
        assert s.scalar(select(func.count()).select_from(Worker)) == 1
    server.close()


def test_a_wrong_password_is_its_own_sentence(pg_tls_cluster: TlsCluster, tls_database: str,  # noqa: F811
                                              account: str, caplog: pytest.LogCaptureFixture) -> None:
    error = refused(pg_tls_cluster.tcp_url(tls_database, account), "not the password", caplog)
    assert str(error) == WRONG_SIGN_IN and error.code == "28P01"
    missing = refused(pg_tls_cluster.tcp_url(tls_database, account), None, caplog)
    assert str(missing) == "The team server asks for a password. Type it when signing in."


def test_a_certificate_not_signed_by_the_councils_ca_is_refused(
    pg_tls_cluster: TlsCluster, tls_database: str, account: str, caplog: pytest.LogCaptureFixture  # noqa: F811
) -> None:
    url = pg_tls_cluster.tcp_url(tls_database, account, ca=pg_tls_cluster.tls.other_ca_file)
    error = refused(url, PASSWORD, caplog)
    assert error.code == "TLS-CA"
    assert str(error).startswith("The team server's certificate is not signed by the council's CA certificate")


def test_a_certificate_for_another_host_is_refused(
    pg_tls_cluster: TlsCluster, tls_database: str, account: str, caplog: pytest.LogCaptureFixture  # noqa: F811
) -> None:
    error = refused(pg_tls_cluster.tcp_url(tls_database, account, host="caseapp.other.example"), PASSWORD, caplog)
    assert error.code == "TLS-HOST"
    assert str(error).startswith("The team server's certificate is for a different server name")


def test_a_missing_ca_file_is_its_own_sentence(pg_tls_cluster: TlsCluster, tls_database: str,  # noqa: F811
                                               account: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    error = refused(pg_tls_cluster.tcp_url(tls_database, account, ca=tmp_path / "gone.pem"), PASSWORD, caplog)
    assert error.code == "TLS-CA-FILE"


def test_a_server_without_tls_on_the_wire_is_refused_by_the_server_too(
    pg_tls_cluster: TlsCluster, tls_database: str, account: str, caplog: pytest.LogCaptureFixture  # noqa: F811
) -> None:
    # Loopback may go without TLS as far as caseapp is concerned; this server's rules refuse it.
    url = f"postgresql://{account}@127.0.0.1:{pg_tls_cluster.port}/{tls_database}?sslmode=disable"
    error = refused(url, PASSWORD, caplog)
    assert "access rules" in str(error)


# -- on the session cluster's socket ----------------------------------------------------------


@pytest.fixture(scope="module")
def socket_database(pg_cluster: Cluster) -> str:  # noqa: F811
    return at_head(pg_cluster)


def test_a_disabled_account_is_its_own_sentence(pg_cluster: Cluster, socket_database: str,  # noqa: F811
                                                caplog: pytest.LogCaptureFixture) -> None:
    name = f"away_{uuid.uuid4().hex[:8]}"
    with superuser(pg_cluster) as conn:
        conn.execute(f"CREATE ROLE {name} NOLOGIN")
    error = refused(pg_cluster.url(socket_database, user=name), PASSWORD, caplog)
    assert str(error) == DISABLED


def test_an_account_without_a_caseapp_role_is_its_own_sentence(pg_cluster: Cluster, socket_database: str,  # noqa: F811
                                                               caplog: pytest.LogCaptureFixture) -> None:
    name = f"visitor_{uuid.uuid4().hex[:8]}"
    with superuser(pg_cluster) as conn:
        conn.execute(f"CREATE ROLE {name} LOGIN")
    error = refused(pg_cluster.url(socket_database, user=name), PASSWORD, caplog)
    assert str(error) == NO_ROLE


def test_an_unknown_account_or_database(pg_cluster: Cluster, socket_database: str,  # noqa: F811
                                        caplog: pytest.LogCaptureFixture) -> None:
    assert str(refused(pg_cluster.url(socket_database, user="nobody_of_ours"), None, caplog)) == WRONG_SIGN_IN
    assert str(refused(pg_cluster.url("caseapp_test_no_such"), None, caplog)) == NO_DATABASE


def test_unreachable_and_a_connect_timeout(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    error = refused(f"postgresql://jo@/caseapp?host={tmp_path}&port=1", None, caplog)
    assert str(error).startswith("caseapp cannot reach the team server")
    # A listener that takes the connection and never answers, as a server hung or behind a
    # firewall that swallows packets: libpq gives up after connect_timeout.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        slow = refused(f"postgresql://jo@127.0.0.1:{port}/caseapp?sslmode=disable", None, caplog, connect_timeout=1)
    assert str(slow) == "The team server did not answer in time. Check the network connection, then try again."


def test_a_statement_timeout_changes_nothing(pg_cluster: Cluster, socket_database: str) -> None:  # noqa: F811
    server = TeamServer(pg_cluster.url(socket_database), statement_timeout=0.2)
    server.unlock()
    try:
        with pytest.raises(TeamServerError) as info, server.session() as s:
            s.add(Worker(name="Sam Okafor", role="team_lead"))
            s.flush()
            s.execute(text("SELECT pg_sleep(2)"))
        assert info.value.code == "57014"
        with server.read_session() as s:
            assert s.scalar(select(func.count()).select_from(Worker).where(Worker.name == "Sam Okafor")) == 0
    finally:
        server.close()
