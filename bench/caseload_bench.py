"""Services on a realistic caseload: the caseload query, a filtered one, a search keystroke and
a write with its audit event, each beside the bare SQL it is built on, in the same run.

Sizes: 1,000 and 10,000 young people with about 50 events each (the demo generator). Goals at
10,000: caseload under 150 ms, search under 30 ms, write under 20 ms.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.harness import comment, compare, measure, report_time
from caseapp.services.caseload import CASELOAD_SQL, CaseloadService
from caseapp.services.checkins import CheckInService
from caseapp.services.demo import build_demo_caseload
from caseapp.services.search import SearchService
from caseapp.store import KdfParams, Store

PASSPHRASE = "benchmark passphrase only"


def _bare(store: Store, sql: str, params: dict | None = None) -> None:
    """The query alone, in its own read session like the service's: no Python on top."""
    with store.read_session() as s:
        s.connection().exec_driver_sql(sql, params or {}).fetchall()


def _bare_insert(store: Store, person_id: int, when: datetime) -> None:
    """One check-in row in its own write transaction, with no validation, audit or summary."""
    with store.session() as s:
        s.connection().exec_driver_sql(
            "INSERT INTO check_in (person_id, worker_id, happened_at, method, outcome, note,"
            " created_at, updated_at) VALUES (?, 1, ?, 'phone', 'spoke', 'bench', ?, ?)",
            (person_id, when.isoformat(" "), when.isoformat(" "), when.isoformat(" ")),
        )


def run_size(folder: Path, people: int, repeat: int) -> None:
    started = time.perf_counter()
    store, _ = Store.create(folder, PASSPHRASE, kdf=KdfParams.cheap_for_tests(), demo=True)
    try:
        build_demo_caseload(store, people=people, seed=7)
        report_time(f"caseload.{people}.build_demo", time.perf_counter() - started, "s")
        caseload = CaseloadService(store, actor_id=1)
        compare(
            f"caseload.{people}.query",
            lambda: caseload.caseload(),
            lambda: _bare(store, CASELOAD_SQL + " AND p.closed_on IS NULL"),
            repeat=repeat,
            baseline_label="bare_sql",
        )
        compare(
            f"caseload.{people}.filtered_neet_mine",
            lambda: caseload.caseload(filter="neet", mine=True),
            lambda: _bare(
                store,
                CASELOAD_SQL
                + " AND p.closed_on IS NULL AND s.eet_status IN ('G4', 'G5', 'G6')"
                " AND (p.worker_id = :me OR p.pa_id = :me)",
                {"me": 1},
            ),
            repeat=repeat,
            baseline_label="bare_sql",
        )
        search = SearchService(store)
        keystrokes = ["n", "ng", "ngu", "nguy", "nguye", "nguyen", "ngyuen", "tekle", "ሰምሃር"]
        compare(
            f"search.{people}.keystroke",
            lambda: [search.search(k) for k in keystrokes],
            lambda: [
                _bare(
                    store,
                    "SELECT person_id, token FROM search_token WHERE kind = 0 AND token >= :q AND token < :hi",
                    {"q": k, "hi": k + "\U0010ffff"},
                )
                for k in keystrokes
            ],
            repeat=repeat,
            per=len(keystrokes),
            baseline_label="bare_sql",
        )
        # A phone number typed digit by digit, then a child reference and caseapp's own: each
        # an index lookup, like a name's word. (Every demo number starts 07700 9, so the
        # keystrokes there match everyone: the slowest case.)
        number = "07700 900123"
        numbers = [number[:n] for n in range(1, len(number) + 1)] + ["C101234", "#1234", "1234"]
        compare(
            f"search.{people}.number_keystroke",
            lambda: [search.search(k) for k in numbers],
            lambda: [
                _bare(
                    store,
                    "SELECT person_id, token FROM search_token WHERE kind = 3 AND token >= :q AND token < :hi",
                    {"q": k, "hi": k + "\U0010ffff"},
                )
                for k in numbers
            ],
            repeat=repeat,
            per=len(numbers),
            baseline_label="bare_sql",
        )
        # Words of check-in notes: no index, every check-in read (the option says it is slower).
        compare(
            f"search.{people}.with_notes",
            lambda: search.search("forklift", notes=True),
            lambda: _bare(store, "SELECT person_id, note, actions FROM check_in"),
            repeat=repeat,
            baseline_label="reading_every_check_in",
        )
        # A paste of the line edit's default limit: it once took seconds and gigabytes; now it
        # should cost what a keystroke does, since the search reads no more than a name.
        paste = ("nguyen tekle semhar " * 2_000)[:32_767]
        report_time(f"search.{people}.long_paste", measure(lambda: search.search(paste), repeat))
        checkins = CheckInService(store, actor_id=1)
        moment = [datetime.now() - timedelta(days=1)]

        def write() -> None:
            moment[0] += timedelta(seconds=1)
            checkins.record_check_in(
                person_id=people // 2, happened_at=moment[0], method="phone", outcome="spoke", note="bench"
            )

        compare(
            f"write.{people}.check_in_with_audit",
            write,
            lambda: _bare_insert(store, people // 2 + 1, moment[0]),
            repeat=repeat * 4,
            baseline_label="bare_insert",
        )
    finally:
        store.close(backup=False)


def run(*, quick: bool, folder: Path | None = None) -> None:
    comment("caseload services on a demo caseload (~50 events per person)")
    sizes = (1_000,) if quick else (1_000, 10_000)
    with tempfile.TemporaryDirectory(prefix="caseapp-bench-", dir=folder) as tmp:
        for people in sizes:
            run_size(Path(tmp) / f"caseload-{people}", people, repeat=5)
