"""The team server beside the local store: the same services on the same demo caseload, over
PostgreSQL on a local Unix socket, signed in as a team lead (row-level security and the
server-sealed audit trail in force), each figure beside bare SQL on PostgreSQL and beside the
local encrypted store in the same run. Then concurrent clients recording check-ins.

Sizes: 1,000 (quick) and 10,000 young people with about 50 events each. Goals at 10,000:
caseload <= 150 ms, search keystroke <= 30 ms, check-in with its audit event <= 25 ms;
20 clients for 60 s: p95 <= 50 ms, nothing lost, the chain intact.
"""

from __future__ import annotations

import multiprocessing
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import psycopg
import sqlalchemy as sa

from bench.harness import comment, compare, report, report_time
from caseapp.services.caseload import CASELOAD_SQL, CaseloadService
from caseapp.services.checkins import CheckInService
from caseapp.services.demo import build_demo_caseload
from caseapp.services.search import SearchService
from caseapp.store import KdfParams, Store, team_security
from caseapp.store.database import Database
from caseapp.store.team_server import TeamServer
from tests.pg_server import SUPERUSER, Cluster, running_cluster

PASSPHRASE = "benchmark passphrase only"
LEAD_WORKER_ID = 3  # the demo's team lead (Tom Reid)
KEYSTROKES = ["n", "ng", "ngu", "nguy", "nguye", "nguyen", "ngyuen", "tekle"]


def _team_server(cluster: Cluster, people: int) -> tuple[str, str]:
    """A secured team server holding the demo caseload; returns (database, the lead's account)."""
    database, _ = cluster.new_team_server()
    lead = f"lead_{database.rsplit('_', 1)[1]}"
    # The demo is loaded as IT would move a caseload in: by the cluster's superuser.
    loader = TeamServer(cluster.url(database, SUPERUSER))
    loader.unlock(None)
    try:
        build_demo_caseload(loader, people=people, seed=7)
    finally:
        loader.close()
    with psycopg.connect(host=str(cluster.socket_dir), port=cluster.port, user=SUPERUSER, dbname=database,
                         autocommit=True) as conn:
        # The demo writes its rows with their ids, as a move-in does, so each id sequence is
        # moved past them before anyone else adds a row.
        for (table,) in conn.execute("SELECT table_name FROM information_schema.columns WHERE column_name = 'id'"
                                     " AND table_schema = current_schema() AND column_default LIKE 'nextval%'"
                                     ).fetchall():
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                         f" (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)")
        conn.execute(f'CREATE ROLE "{lead}" LOGIN IN ROLE {team_security.LEAD}')
        conn.execute("UPDATE worker SET account = %s WHERE id = %s", (lead, LEAD_WORKER_ID))
        conn.execute("ANALYZE")
    return database, lead


def _bare(db: Database, sql: str, params: dict | None = None) -> None:
    with db.read_session() as s:
        s.execute(sa.text(sql), params or {}).fetchall()


def _bare_insert(db: Database, person_id: int, when: datetime) -> None:
    with db.session() as s:
        s.execute(sa.text("INSERT INTO check_in (person_id, worker_id, happened_at, method, outcome, note,"
                          " created_at, updated_at) VALUES (:p, :w, :t, 'phone', 'spoke', 'bench', :t, :t)"),
                  {"p": person_id, "w": LEAD_WORKER_ID, "t": when})


def _services(db: Database) -> tuple[CaseloadService, SearchService, CheckInService]:
    return (CaseloadService(db, actor_id=LEAD_WORKER_ID), SearchService(db),
            CheckInService(db, actor_id=LEAD_WORKER_ID))


def _writer(db: Database, person_id: int) -> object:
    checkins = CheckInService(db, actor_id=LEAD_WORKER_ID)
    moment = [datetime.now() - timedelta(days=1)]

    def write() -> None:
        moment[0] += timedelta(seconds=1)
        checkins.record_check_in(person_id=person_id, happened_at=moment[0], method="phone", outcome="spoke",
                                 note="bench")

    return write


def run_size(cluster: Cluster, folder: Path, people: int, repeat: int) -> None:
    started = time.perf_counter()
    database, lead = _team_server(cluster, people)
    report_time(f"team.{people}.build_demo", time.perf_counter() - started, "s")
    local, _ = Store.create(folder, PASSPHRASE, kdf=KdfParams.cheap_for_tests(), demo=True)
    build_demo_caseload(local, people=people, seed=7)
    team = TeamServer(cluster.url(database, lead))
    team.unlock(None)
    try:
        t_caseload, t_search, _ = _services(team)
        l_caseload, l_search, _ = _services(local)
        open_only = CASELOAD_SQL + " AND p.closed_on IS NULL"
        compare(f"team.{people}.caseload", t_caseload.caseload, lambda: _bare(team, open_only),
                repeat=repeat, baseline_label="bare_sql_on_server")
        compare(f"team.{people}.caseload", t_caseload.caseload, l_caseload.caseload,
                repeat=repeat, baseline_label="local_store")
        bare_search = ("SELECT person_id, token FROM search_token WHERE kind = 0 AND token >= :q AND token < :hi")
        compare(f"team.{people}.search_keystroke", lambda: [t_search.search(k) for k in KEYSTROKES],
                lambda: [_bare(team, bare_search, {"q": k, "hi": k + "\U0010ffff"}) for k in KEYSTROKES],
                repeat=repeat, per=len(KEYSTROKES), baseline_label="bare_sql_on_server")
        compare(f"team.{people}.search_keystroke", lambda: [t_search.search(k) for k in KEYSTROKES],
                lambda: [l_search.search(k) for k in KEYSTROKES],
                repeat=repeat, per=len(KEYSTROKES), baseline_label="local_store")
        moment = [datetime.now() - timedelta(days=2)]

        def bare_write() -> None:
            moment[0] += timedelta(seconds=1)
            _bare_insert(team, people // 2 + 1, moment[0])

        compare(f"team.{people}.check_in_with_audit", _writer(team, people // 2), bare_write,
                repeat=repeat * 4, baseline_label="bare_insert_on_server")
        compare(f"team.{people}.check_in_with_audit", _writer(team, people // 2), _writer(local, people // 2),
                repeat=repeat * 4, baseline_label="local_store")
    finally:
        team.close()
        local.close(backup=False)
    _concurrent(cluster, database, lead, people, clients=20, seconds=60 if people >= 10_000 else 10)


def _client(url: str, person_id: int, seconds: float, start_at: float, out: multiprocessing.Queue) -> None:
    from caseapp.store.keyfile import allow_cheap_costs_for_tests

    allow_cheap_costs_for_tests()
    team = TeamServer(url)
    team.unlock(None)
    write = _writer(team, person_id)
    latencies: list[float] = []
    failures = 0
    time.sleep(max(0.0, start_at - time.time()))
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        began = time.perf_counter()
        try:
            write()  # type: ignore[operator]
        except Exception:  # noqa: BLE001 - counted, and the count is the figure
            failures += 1
            continue
        latencies.append(time.perf_counter() - began)
    team.close()
    out.put((latencies, failures))


def _concurrent(cluster: Cluster, database: str, lead: str, people: int, *, clients: int, seconds: int) -> None:
    url = cluster.url(database, lead)
    with psycopg.connect(host=str(cluster.socket_dir), port=cluster.port, user=SUPERUSER, dbname=database) as c:
        before = c.execute("SELECT count(*) FROM check_in").fetchone()[0]
    context = multiprocessing.get_context("spawn")
    out: multiprocessing.Queue = context.Queue()
    start_at = time.time() + 5  # every client signed in before the clock starts
    workers = [context.Process(target=_client, args=(url, 1 + i * (people // clients), seconds, start_at, out))
               for i in range(clients)]
    for w in workers:
        w.start()
    results = [out.get() for _ in workers]
    for w in workers:
        w.join()
    latencies = sorted(t for lat, _ in results for t in lat)
    failures = sum(f for _, f in results)
    with psycopg.connect(host=str(cluster.socket_dir), port=cluster.port, user=SUPERUSER, dbname=database) as c:
        after = c.execute("SELECT count(*) FROM check_in").fetchone()[0]
        broken = team_security.first_broken_event(c)
    name = f"team.{people}.concurrent_{clients}_clients_{seconds}s"
    report(f"{name}.check_ins_per_second", len(latencies) / seconds, "/s")
    report_time(f"{name}.p50", statistics.median(latencies))
    report_time(f"{name}.p95", latencies[int(len(latencies) * 0.95)])
    report(f"{name}.refused", failures, "calls")
    report(f"{name}.lost", len(latencies) - (after - before), "check-ins")
    comment(f"{name}: audit chain " + ("intact" if broken is None else f"broken at event {broken}"))


def run(*, quick: bool, folder: Path | None = None) -> None:
    comment("team server (PostgreSQL, local socket, signed in as a team lead) beside the local store")
    sizes = (1_000,) if quick else (1_000, 10_000)
    with running_cluster("bench") as cluster, tempfile.TemporaryDirectory(prefix="caseapp-bench-",
                                                                          dir=folder) as tmp:
        for people in sizes:
            run_size(cluster, Path(tmp) / f"local-{people}", people, repeat=5)
