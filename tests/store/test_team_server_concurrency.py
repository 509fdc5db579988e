"""Real concurrency on a team server: several processes recording check-ins at once, a client
killed with SIGKILL mid-transaction, and the server restarted under a client. After each,
nothing confirmed is lost, nothing half-written is visible, and the audit chain verifies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from caseapp.models import AuditEvent, CheckIn, Worker
from caseapp.services import audit
from caseapp.store import TeamServer, TeamServerError
from tests.pg_server import TlsCluster, pg_cluster, pg_tls_cluster  # noqa: F401 - fixtures
from tests.store.test_connection_failures import at_head
from tests.store.test_team_server import add_person, schema_template, server, server_url, services_on  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
RECORDER = """
import sys
from datetime import datetime, timedelta
from caseapp.services.registry import open_services
from caseapp.store import TeamServer
url, worker, person, count, tag = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
server = TeamServer(url)
server.unlock()
svc = open_services(server, worker_id=worker)
for n in range(count):
    svc.checkins.record_check_in(person_id=person, happened_at=datetime(2026, 11, 1, 9) + timedelta(minutes=n),
                                 method="phone", outcome="spoke", note=f"{tag}-{n}")
server.close()
print("done", flush=True)
"""
HOLDER = """
import sys, time
from caseapp.models import Worker
from caseapp.store import TeamServer
server = TeamServer(sys.argv[1])
server.unlock()
with server.session() as s:
    s.add(Worker(name="Half Written", role="team_lead"))
    s.flush()
    print("holding", flush=True)
    time.sleep(120)
"""


def child(script: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def chain_intact(db: TeamServer) -> bool:
    with db.read_session() as s:
        return audit.first_broken_event(s) is None


def test_several_processes_record_check_ins_at_once(server: TeamServer, server_url: str) -> None:  # noqa: F811
    svc = services_on(server)
    person = add_person(svc)
    processes, each = 4, 10
    started = time.monotonic()
    children = [child(RECORDER, server_url, svc.worker_id, person.id, each, f"p{n}") for n in range(processes)]
    for running in children:
        out, err = running.communicate(timeout=120)
        assert running.returncode == 0, err[-2000:]
        assert out.strip() == "done"
    elapsed = time.monotonic() - started
    with server.read_session() as s:
        notes = set(s.scalars(select(CheckIn.note)))
        made = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.entity == "check_in"))
    assert notes == {f"p{p}-{n}" for p in range(processes) for n in range(each)}
    assert made == processes * each
    assert chain_intact(server)
    print(f"{processes * each} check-ins from {processes} processes in {elapsed:.1f} s")


def test_a_client_killed_mid_transaction_leaves_nothing_and_holds_no_lock(
    server: TeamServer, server_url: str  # noqa: F811
) -> None:
    services_on(server)
    holder = child(HOLDER, server_url)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding", holder.stderr.read() if holder.stderr else ""
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
    finally:
        if holder.poll() is None:
            holder.kill()
    started = time.monotonic()
    with server.session() as s:  # takes the writers' lock the killed client held
        s.add(Worker(name="Sam Okafor", role="team_lead"))
    waited = time.monotonic() - started
    assert waited < 5, f"the next writer waited {waited:.1f} s"
    print(f"after a client was killed holding the writers' lock, the next writer waited {waited * 1000:.0f} ms")
    with server.read_session() as s:
        names = set(s.scalars(select(Worker.name)))
    assert "Half Written" not in names and "Sam Okafor" in names
    assert chain_intact(server)


@pytest.fixture
def restartable(pg_tls_cluster: TlsCluster) -> Iterator[tuple[TlsCluster, TeamServer]]:  # noqa: F811
    """A team server on the TLS cluster (over its socket), which only these tests restart."""
    name = at_head(pg_tls_cluster)
    opened = TeamServer(pg_tls_cluster.url(name), connect_timeout=3)
    opened.unlock()
    yield pg_tls_cluster, opened
    opened.close()
    if not (pg_tls_cluster.socket_dir / f".s.PGSQL.{pg_tls_cluster.port}").exists():
        pg_tls_cluster.pg_ctl("start")  # left running for the other tests of the session


def test_the_server_restarted_mid_session(restartable: tuple[TlsCluster, TeamServer]) -> None:
    cluster, server = restartable  # noqa: F811
    svc = services_on(server)
    confirmed = add_person(svc)
    # Down while a write is under way: the write is refused in a sentence, and never half there.
    with pytest.raises(TeamServerError) as during, server.session() as s:
        s.add(Worker(name="Half Written", role="team_lead"))
        s.flush()
        cluster.pg_ctl("stop")
        s.add(Worker(name="Also Half Written", role="team_lead"))
        s.flush()
    assert "team server" in str(during.value)
    # Still down: the next call is a sentence too.
    with pytest.raises(TeamServerError) as down:
        svc.people.get_young_person(person_id=confirmed.id)
    assert str(down.value).startswith("caseapp cannot reach the team server")
    cluster.pg_ctl("start")
    # Back: the same client works again without signing in afresh.
    assert svc.people.get_young_person(person_id=confirmed.id).given_name == "Semhar"
    with server.read_session() as s:
        names = set(s.scalars(select(Worker.name)))
    assert not names & {"Half Written", "Also Half Written"}
    svc.checkins.record_check_in(person_id=confirmed.id, happened_at=datetime(2026, 11, 2, 10), method="phone",
                                 outcome="spoke")
    assert chain_intact(server)
