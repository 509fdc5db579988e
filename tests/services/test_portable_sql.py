"""The services' own SQL runs on PostgreSQL and answers as it does on the local store.

A small demo caseload is made on the local store, copied row for row into a PostgreSQL
database built by the one migration chain, and each statement is run on both: through the
function that holds it where it takes a session, otherwise as the statement itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from caseapp.models import Base
from caseapp.services import dashboard, matching, oc3_build, search_notes, search_references
from caseapp.services.caseload import CaseloadFilter, CaseloadService, day_value, iso_day, moment_value
from caseapp.services.commitments import commitment_progress
from caseapp.services.demo import build_demo_caseload
from caseapp.services.report_data import employer_delivery
from caseapp.services.search import PREFIX_SQL, VARIANTS_SQL, SearchService
from caseapp.services.summary import _agreed_dates
from caseapp.store import Store, migrate
from tests.pg_server import Cluster, pg_cluster, pg_database  # noqa: F401 - fixtures
from tests.services.helpers import TODAY


@pytest.fixture
def pair(store: Store, pg_cluster: Cluster, pg_database: str) -> Iterator[tuple[Store, sa.Engine]]:  # noqa: F811
    build_demo_caseload(store, people=60, seed=3, today=TODAY)
    engine = sa.create_engine(pg_cluster.url(pg_database))
    migrate.upgrade(engine)
    with store.read_session() as s, engine.begin() as pg:
        local = s.connection()
        for table in Base.metadata.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = [dict(r) for r in local.execute(sa.select(table)).mappings()]
            if rows:
                pg.execute(sa.insert(table), rows)
    yield store, engine
    engine.dispose()


def both(pair: tuple[Store, sa.Engine], read: Callable[[Session], Any]) -> tuple[Any, Any]:
    store, engine = pair
    with store.read_session() as s:
        local = read(s)
    with Session(engine) as s:
        assert s.connection().dialect.name == "postgresql"
        server = read(s)
    return local, server


def same(pair: tuple[Store, sa.Engine], read: Callable[[Session], Any]) -> Any:
    local, server = both(pair, read)
    assert server == local
    return local


def test_caseload_statements(pair) -> None:  # type: ignore[no-untyped-def]
    service = CaseloadService(pair[0], actor_id=1, today=lambda: TODAY)
    cadence = lambda s: CaseloadService.cadence(s)  # noqa: E731
    for chosen, mine, ids in [
        (CaseloadFilter.ALL, False, None), (CaseloadFilter.CLOSED, False, None),
        (CaseloadFilter.NEET_12_MONTHS, True, None), (CaseloadFilter.IN_PLACEMENT, False, None),
        (CaseloadFilter.ALL, False, [1, 2, 3, 40]), (CaseloadFilter.ALL, False, []),
    ]:
        statement, params = service._sql(chosen, mine, ids, TODAY)

        def read(s: Session, statement=statement, params=params) -> list:  # type: ignore[no-untyped-def]
            rows = s.connection().execute(statement, params).fetchall()
            return sorted(CaseloadService._row(r, cadence(s), TODAY) for r in rows)

        found = same(pair, read)
        if chosen == CaseloadFilter.ALL and ids is None:
            assert len(found) > 20
        if ids:
            assert {r.person_id for r in found} <= set(ids) and found


def test_dashboard_statements(pair) -> None:  # type: ignore[no-untyped-def]
    points = dashboard.month_points(TODAY)
    same(pair, lambda s: dashboard.eet_by_month(s, TODAY))
    stages = same(pair, dashboard.funnel)
    assert stages[0].count == 60 and any(stage.count for stage in stages[1:])
    service = dashboard.DashboardService(pair[0], actor_id=1, today=lambda: TODAY)

    def board(s: Session) -> dashboard.Dashboard:
        conn = s.connection()
        cadence = CaseloadService.cadence(s)
        wage = 1345
        return service._build(
            TODAY, points, TODAY + timedelta(days=dashboard.RIGHT_TO_WORK_WARNING_DAYS), cadence, wage,
            dict(conn.execute(dashboard.WORKERS_SQL).fetchall()), conn.execute(dashboard.PEOPLE_SQL).fetchall(),
            conn.execute(dashboard.EET_SPELLS_SQL, dashboard._window(points)).fetchall(), dashboard.funnel(s),
            conn.execute(dashboard.LOW_PAY_SQL, {"wage": wage}).fetchall(),
        )

    found = same(pair, board)
    assert found.open_cases > 20
    assert service.dashboard().open_cases == found.open_cases


def test_matching_statements(pair) -> None:  # type: ignore[no-untyped-def]
    people = same(pair, lambda s: sorted(matching.candidates(s), key=lambda c: c.id))
    assert people and any(c.sectors for c in people)
    same(pair, lambda s: matching.candidates(s, people[0].id))
    opened = same(pair, lambda s: sorted(matching.openings(s, TODAY), key=lambda o: o.id))
    assert opened
    same(pair, lambda s: matching.openings(s, TODAY, opened[0].id))
    for extra, key in ((" AND person_id = :pid", "pid"), (" AND opportunity_id = :oid", "oid")):
        same(pair, lambda s, extra=extra, key=key: sorted(s.connection().execute(
            sa.text(matching.ALREADY_SQL + extra), {key: 1}).fetchall()))


def test_commitment_and_report_statements(pair) -> None:  # type: ignore[no-untyped-def]
    found = same(pair, lambda s: commitment_progress(s, today=TODAY))
    assert found and isinstance(found[0].period_start, date)
    same(pair, lambda s: commitment_progress(s, today=TODAY, employer_id=found[0].employer_id, active_on=TODAY))
    assert same(pair, employer_delivery)


def test_oc3_statements(pair) -> None:  # type: ignore[no-untyped-def]
    # Every year someone in the caseload turns 17 to 21 in, so each query has rows to join.
    for year in range(TODAY.year - 3, TODAY.year + 1):
        local, server = both(pair, lambda s, year=year: oc3_build.build_return(s, year=year, today=TODAY))
        assert server == local
    spoke = same(pair, lambda s: sorted((pid, moment_value(when)) for pid, when in s.connection().execute(
        oc3_build.LAST_SPOKE_SQL, {"ids": [1, 2, 3]})))
    assert spoke and all(isinstance(when, datetime) for _pid, when in spoke)
    same(pair, lambda s: sorted(
        (pid, day_value(a), day_value(b)) for pid, a, b in s.connection().execute(
            oc3_build.HOME_SPELLS_SQL, {"home": "parents_relatives", "ids": list(range(1, 61))})
    ))


def test_search_statements(pair) -> None:  # type: ignore[no-untyped-def]
    with pair[0].read_session() as s:
        name = s.execute(sa.text("SELECT family_name FROM young_person ORDER BY id")).scalar()
        note = s.execute(sa.text("SELECT note FROM check_in WHERE note IS NOT NULL ORDER BY id")).scalar()
    word = name.casefold()
    hits = same(pair, lambda s: sorted(SearchService._match_word(s, word[:2]).items()))
    assert hits
    same(pair, lambda s: sorted(SearchService._match_word(s, word).items()))
    same(pair, lambda s: sorted(s.connection().execute(PREFIX_SQL, {"low": "a", "high": "b"}).fetchall()))
    same(pair, lambda s: sorted(s.connection().execute(VARIANTS_SQL, {"variants": [word, word[1:]]}).fetchall()))
    assert same(pair, lambda s: search_references.number_matches(s, "#7"))
    same(pair, lambda s: sorted(search_references.number_matches(s, "07"), key=lambda m: m.person_id))
    first_word = search_notes.note_words(note, limit=2)[:1]
    found = same(pair, lambda s: sorted(search_notes.note_matches(s, " ".join(first_word), limit=2),
                                        key=lambda m: m.person_id))
    assert found


def test_agreed_dates_take_the_latest_check_in(pair) -> None:  # type: ignore[no-untyped-def]
    assert same(pair, lambda s: _agreed_dates(s, None))
    same(pair, lambda s: _agreed_dates(s, [1, 2, 3]))


def test_untyped_values_read_alike() -> None:
    assert (
        day_value("2024-03-01") == day_value(date(2024, 3, 1)) == day_value(datetime(2024, 3, 1, 9)) == date(2024, 3, 1)
    )
    assert iso_day("2024-03-01 09:00:00") == iso_day(datetime(2024, 3, 1, 9)) == "2024-03-01"
    assert matching._folded(json.dumps(["Retail"])) == matching._folded(["Retail"]) == frozenset({"retail"})
