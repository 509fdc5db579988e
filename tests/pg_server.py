"""A real PostgreSQL for the team-server tests, started by the tests themselves.

One cluster per test session in a temporary folder, listening only on a Unix socket there
(no TCP port, nothing another program on the machine can reach by accident), stopped at the
end. A second cluster (`pg_tls_cluster`) speaks TLS on 127.0.0.1 for the certificate tests.
Each test gets a database of its own. Run as the `postgres` system user when the tests
run as root, since PostgreSQL refuses to run as root.

Where PostgreSQL is not installed the team-server tests skip, except under CI=true, where
they fail: CI must prove both engines.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SUPERUSER = "caseapp_test_owner"


def _bindir() -> Path | None:
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if out and (Path(out) / "initdb").exists():
            return Path(out)
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    return None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass
class Cluster:
    socket_dir: Path
    port: int
    _names: Iterator[int]
    # How to stop and start it again, for the tests of a server restarted under a client.
    data_dir: Path | None = None
    options: str = ""

    def pg_ctl(self, action: str) -> None:
        bindir = _bindir()
        assert bindir is not None and self.data_dir is not None
        command = [str(bindir / "pg_ctl"), "-D", str(self.data_dir), "-w", "-t", "60"]
        if action == "start":
            command += ["-o", self.options, "-l", str(self.data_dir.parent / "log")]
        else:
            command += ["-m", "fast"]
        subprocess.run(_as_server_user([*command, action]), capture_output=True, check=True)

    def url(self, database: str, user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@/{database}?host={self.socket_dir}&port={self.port}"

    def new_database(self) -> str:
        import psycopg

        name = f"caseapp_test_{next(self._names)}"
        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def new_team_server(self) -> tuple[str, str]:
        """An empty database owned by a non-superuser owner (a superuser would pass every policy),
        brought to head and secured as that owner, as `caseapp server init` leaves it.
        Returns (database, owner)."""
        import uuid

        import psycopg
        import sqlalchemy as sa

        from caseapp.store import migrate, team_security

        tag = uuid.uuid4().hex[:8]
        owner, database = f"owner_{tag}", f"caseapp_sec_{tag}"
        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
            conn.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
        engine = sa.create_engine(self.url(database, owner))
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()
        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=owner, dbname=database) as conn:
            team_security.install(conn)
            team_security.install(conn)  # idempotent: server upgrade runs it again
        return database, owner


def unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"The team-server tests need PostgreSQL, and on CI they must run: {reason}")
    pytest.skip(reason)


def _start(root: Path, *, tls: TlsFiles | None = None,
           tcp_port: int | None = None) -> Iterator[tuple[Path, int, Path, str]]:
    """initdb and pg_ctl start in `root`; yields (socket folder, port, data folder, options) and
    stops the server after."""
    bindir = _bindir()
    if bindir is None:
        unavailable("PostgreSQL's initdb was not found (pg_config --bindir)")
    assert bindir is not None
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        # The server user must own its folders, and reach them through the test's temp path.
        for folder in (root, *root.parents):
            if folder == Path("/"):
                break
            os.chmod(folder, os.stat(folder).st_mode | 0o011)
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    # Without TCP the port only names the socket file.
    port = tcp_port or 5432 + (os.getpid() % 1000) + 1
    init = subprocess.run(
        _as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                         "-E", "UTF8", "--locale=C.UTF-8"]),
        capture_output=True, text=True, check=False,
    )
    if init.returncode != 0:
        unavailable(f"initdb failed: {init.stderr.strip()[-500:]}")
    listen = "''"
    if tls is not None:
        listen = "127.0.0.1"
        tls.install(data)
    options = f"-c listen_addresses={listen} -k {sockets} -p {port} -c fsync=off -c full_page_writes=off"
    if tls is not None:
        options += " -c ssl=on -c password_encryption=scram-sha-256"
    start = subprocess.run(
        _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"),
                         "-w", "-t", "60", "start"]),
        capture_output=True, text=True, check=False,
    )
    if start.returncode != 0:
        log = (root / "log").read_text(errors="replace")[-800:] if (root / "log").exists() else ""
        unavailable(f"PostgreSQL did not start: {start.stderr.strip()[-300:]} {log}")
    try:
        yield sockets, port, data, options
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, check=False)
        shutil.rmtree(root, ignore_errors=True)


def _server_folder(name: str) -> Path:
    """A new folder for a cluster, outside pytest's own temporary folder: pytest makes that one
    private again (0700) whenever another test run starts, which would lock the server's user
    out of its own files mid-run."""
    return Path(tempfile.mkdtemp(prefix=f"caseapp-{name}-"))


@contextmanager
def running_cluster(name: str = "pg") -> Iterator[Cluster]:
    """A throwaway cluster outside pytest, as the benchmarks use it."""
    for sockets, port, data, options in _start(_server_folder(name)):
        yield Cluster(sockets, port, itertools.count(1), data, options)


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    for sockets, port, data, options in _start(_server_folder("pg")):
        yield Cluster(sockets, port, itertools.count(1), data, options)


# -- a second cluster that speaks TLS over TCP on 127.0.0.1 ----------------------------------
# For the tests of certificates and passwords: its sockets are trusted for the superuser only;
# over TCP it takes TLS with SCRAM passwords and nothing else.

SERVER_NAME = "db.council.example"
HBA = f"""local all {SUPERUSER} trust
local all all scram-sha-256
hostssl all all 127.0.0.1/32 scram-sha-256
host all all 0.0.0.0/0 reject
"""


def _certificate(subject: str, key: Any, issuer: Any, issuer_key: Any, *, ca: bool) -> Any:
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer.subject if issuer is not None else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(subject)]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


@dataclass
class TlsFiles:
    """A throwaway CA, a server certificate it signed for SERVER_NAME, and a second CA that
    signed nothing the server has."""

    folder: Path

    def __post_init__(self) -> None:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec

        def pem(cert: Any) -> bytes:
            return cert.public_bytes(serialization.Encoding.PEM)

        ca_key, other_key, server_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
        ca = _certificate("caseapp test council CA", ca_key, None, ca_key, ca=True)
        other = _certificate("some other CA", other_key, None, other_key, ca=True)
        server = _certificate(SERVER_NAME, server_key, ca, ca_key, ca=False)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.ca_file.write_bytes(pem(ca))
        self.other_ca_file.write_bytes(pem(other))
        self._server_cert = pem(server)
        self._server_key = server_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    @property
    def ca_file(self) -> Path:
        return self.folder / "council-ca.pem"

    @property
    def other_ca_file(self) -> Path:
        return self.folder / "other-ca.pem"

    def install(self, data: Path) -> None:
        (data / "server.crt").write_bytes(self._server_cert)
        key = data / "server.key"
        key.write_bytes(self._server_key)
        key.chmod(0o600)
        (data / "pg_hba.conf").write_text(HBA)
        if os.geteuid() == 0:
            for made in (data / "server.crt", key, data / "pg_hba.conf"):
                shutil.chown(made, "postgres")


@dataclass
class TlsCluster(Cluster):
    tls: TlsFiles = None  # type: ignore[assignment]

    def tcp_url(self, database: str, user: str, *, host: str = SERVER_NAME, ca: Path | None = None,
                sslmode: str = "verify-full") -> str:
        """Over TCP to 127.0.0.1, checking the certificate against `ca` for the name `host`."""
        ca_file = ca if ca is not None else self.tls.ca_file
        return (f"postgresql://{user}@{host}:{self.port}/{database}"
                f"?hostaddr=127.0.0.1&sslmode={sslmode}&sslrootcert={ca_file}")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def pg_tls_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsCluster]:
    """A second cluster with ssl=on, on 127.0.0.1 over TCP, its certificate for SERVER_NAME."""
    root = _server_folder("pg-tls")
    tls = TlsFiles(tmp_path_factory.mktemp("pg_tls_client"))
    for sockets, port, data, options in _start(root, tls=tls, tcp_port=_free_port()):
        yield TlsCluster(sockets, port, itertools.count(1), data, options, tls)


@pytest.fixture
def pg_database(pg_cluster: Cluster) -> str:
    """A new, empty database for one test; the URL is `pg_cluster.url(name)`."""
    return pg_cluster.new_database()
