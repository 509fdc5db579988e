"""Caseload insight on a demo caseload: the dashboard, matching both ways, employer commitments
and the statutory OC3 return, each beside the bare SQL it reads, in the same run.

Sizes: 1,000 and 10,000 young people with about 50 events each (the demo generator). Goals at
10,000: dashboard under 300 ms, matching for one young person under 100 ms, OC3 export under 5 s.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.harness import comment, compare, report_time
from caseapp.services.commitments import PROGRESS_SQL, CommitmentService
from caseapp.services.dashboard import (
    EET_SPELLS_SQL,
    FUNNEL_SQL,
    LOW_PAY_SQL,
    PEOPLE_SQL,
    DashboardService,
    month_points,
)
from caseapp.services.demo import build_demo_caseload
from caseapp.services.matching import ALREADY_SQL, OPENING_SQL, PERSON_SQL, MatchingService
from caseapp.services.oc3 import Oc3Service
from caseapp.store import KdfParams, Store

PASSPHRASE = "benchmark passphrase only"


def _bare(store: Store, *queries: tuple[Any, dict]) -> None:
    """The queries alone, in one read session like the service's: no Python on top."""
    with store.read_session() as s:
        for sql, params in queries:
            # A statement's own text, straight to the driver, as before they were statements.
            s.connection().exec_driver_sql(getattr(sql, "text", sql), params).fetchall()


def last_finished_year(today: date) -> int:
    """The latest collection year (ending 31 March) whose contact windows have all closed."""
    return today.year if today >= date(today.year, 5, 1) else today.year - 1


def run_size(folder: Path, people: int, repeat: int) -> None:
    started = time.perf_counter()
    store, _ = Store.create(folder / "store", PASSPHRASE, kdf=KdfParams.cheap_for_tests(), demo=True)
    try:
        build_demo_caseload(store, people=people, seed=7)
        report_time(f"insight.{people}.build_demo", time.perf_counter() - started, "s")
        today = date.today()

        dashboard = DashboardService(store, actor_id=1)
        window = {"first": month_points(today)[0].isoformat(), "last": today.isoformat()}
        compare(
            f"dashboard.{people}",
            dashboard.dashboard,
            lambda: _bare(
                store,
                (PEOPLE_SQL, {}),
                (EET_SPELLS_SQL, window),
                (FUNNEL_SQL, {}),
                (LOW_PAY_SQL, {"wage": 1345}),
            ),
            repeat=repeat,
            baseline_label="bare_sql",
        )

        matching = MatchingService(store, actor_id=1)
        person = people // 2
        params = {"met": "met_as_standard", "alternative": "alternative_accepted"}
        compare(
            f"matching.{people}.for_one_person",
            lambda: matching.opportunities_for(person_id=person),
            lambda: _bare(
                store,
                (PERSON_SQL + " AND p.id = :pid", {**params, "pid": person}),
                (OPENING_SQL, {"today": today.isoformat()}),
                (ALREADY_SQL + " AND person_id = :pid", {"pid": person}),
            ),
            repeat=repeat * 4,
            baseline_label="bare_sql",
        )
        opening = matching.opportunities_for(person_id=person)[0].opportunity_id
        compare(
            f"matching.{people}.for_one_opportunity",
            lambda: matching.people_for(opportunity_id=opening),
            lambda: _bare(
                store,
                (PERSON_SQL, params),
                (OPENING_SQL + " AND o.id = :oid", {"today": today.isoformat(), "oid": opening}),
                (ALREADY_SQL + " AND opportunity_id = :oid", {"oid": opening}),
            ),
            repeat=repeat,
            baseline_label="bare_sql",
        )

        commitments = CommitmentService(store, actor_id=1)
        compare(
            f"commitments.{people}",
            commitments.progress,
            lambda: _bare(store, (PROGRESS_SQL, {"today": today.isoformat()})),
            repeat=repeat,
            baseline_label="bare_sql",
        )

        oc3 = Oc3Service(store, actor_id=1)
        year = last_finished_year(today)
        out = folder / "oc3"
        out.mkdir()
        report = oc3.check(year=year)
        comment(f"OC3 {report.label}: {len(report.lines)} young people, {len(report.problems)} problems")
        # The baseline reads every row of the tables the return is built from.
        compare(
            f"oc3.{people}.export",
            lambda: oc3.export(year=year, folder=out, allow_problems=True),
            lambda: _bare(
                store,
                (
                    "SELECT id, date_of_birth, sex, child_ref, care_leaver_category, closed_on, closed_reason"
                    " FROM young_person",
                    {},
                ),
                ("SELECT person_id, status, start_date, end_date FROM eet_status_period", {}),
                ("SELECT person_id, type, suitable, start_date, end_date FROM accommodation_period", {}),
                ("SELECT person_id, outcome, happened_at FROM check_in", {}),
            ),
            repeat=repeat,
            unit="s",
            baseline_label="bare_sql",
        )
    finally:
        store.close(backup=False)


def run(*, quick: bool, folder: Path | None = None) -> None:
    comment("caseload insight on a demo caseload (~50 events per person)")
    sizes = (1_000,) if quick else (1_000, 10_000)
    with tempfile.TemporaryDirectory(prefix="caseapp-bench-", dir=folder) as tmp:
        for people in sizes:
            target = Path(tmp) / f"insight-{people}"
            target.mkdir()
            run_size(target, people, repeat=5)
