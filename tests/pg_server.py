"""A real PostgreSQL for the team-server tests, started by the tests themselves.

One cluster per test session in a temporary folder, listening only on a Unix socket there
(no TCP port, nothing another program on the machine can reach by accident), stopped at the
end. Each test gets a database of its own. Run as the `postgres` system user when the tests
run as root, since PostgreSQL refuses to run as root.

Where PostgreSQL is not installed the team-server tests skip, except under CI=true, where
they fail: CI must prove both engines.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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

    def url(self, database: str, user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@/{database}?host={self.socket_dir}&port={self.port}"

    def new_database(self) -> str:
        import psycopg

        name = f"caseapp_test_{next(self._names)}"
        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name


def unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"The team-server tests need PostgreSQL, and on CI they must run: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    bindir = _bindir()
    if bindir is None:
        unavailable("PostgreSQL's initdb was not found (pg_config --bindir)")
    assert bindir is not None
    root = tmp_path_factory.mktemp("pg")
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
    port = 5432 + (os.getpid() % 1000) + 1  # the socket file's name only: no TCP is opened
    init = subprocess.run(
        _as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                         "-E", "UTF8", "--locale=C.UTF-8"]),
        capture_output=True, text=True, check=False,
    )
    if init.returncode != 0:
        unavailable(f"initdb failed: {init.stderr.strip()[-500:]}")
    options = f"-c listen_addresses='' -k {sockets} -p {port} -c fsync=off -c full_page_writes=off"
    start = subprocess.run(
        _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"),
                         "-w", "-t", "60", "start"]),
        capture_output=True, text=True, check=False,
    )
    if start.returncode != 0:
        log = (root / "log").read_text(errors="replace")[-800:] if (root / "log").exists() else ""
        unavailable(f"PostgreSQL did not start: {start.stderr.strip()[-300:]} {log}")
    try:
        yield Cluster(sockets, port, itertools.count(1))
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, check=False)


@pytest.fixture
def pg_database(pg_cluster: Cluster) -> str:
    """A new, empty database for one test; the URL is `pg_cluster.url(name)`."""
    return pg_cluster.new_database()
