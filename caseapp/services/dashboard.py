"""The team lead's view of the whole caseload: EET now and over the year, how far young people
got along the pathway, who is overdue a contact, and the people who need attention first.

Everything is counted over open cases (the caseload as the team works it), except the funnel,
which counts everyone ever referred: a young person settled in a sustained job is often closed,
and leaving them out would hide the outcome the funnel is there to show.
"""

from __future__ import annotations

import calendar
import gc
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session

from caseapp import dates
from caseapp import settings as declared
from caseapp.models.codes import PLACEMENT_STEPS, EetStatus, RightToWork, SkillLevel, StepStatus, StepType
from caseapp.services.base import Service
from caseapp.services.caseload import CASELOAD_SQL, CaseloadRow, CaseloadService, day_value, iso_day
from caseapp.services.settings_service import stored_values, whole

NEET_FOR_DAYS = 365
RIGHT_TO_WORK_WARNING_DAYS = 60
NO_CONTACT_DAYS = 8 * 7
MONTHS = 12

# Steps that have actually happened: the young person got this far.
STARTED = (StepStatus.IN_PROGRESS, StepStatus.COMPLETED, StepStatus.ENDED_EARLY)
# Placements that pay, now or soon: the ones a low rate of pay still matters for.
PAYING_STATUSES = (StepStatus.ACCEPTED, StepStatus.WAITING_TO_START, StepStatus.IN_PROGRESS)


@dataclass(frozen=True)
class EetCount:
    status: EetStatus | None  # None: no EET status recorded
    count: int

    @property
    def label(self) -> str:
        return self.status.label if self.status else "Not recorded"


@dataclass(frozen=True)
class EetMonth:
    """EET status of the open caseload on one day: a month's last day, or today for this month."""

    on: date
    counts: tuple[EetCount, ...]  # every EetStatus in code order, then "not recorded"

    @property
    def in_eet(self) -> int:
        return sum(c.count for c in self.counts if c.status is not None and not c.status.is_neet)

    @property
    def neet(self) -> int:
        return sum(c.count for c in self.counts if c.status is not None and c.status.is_neet)

    @property
    def not_recorded(self) -> int:
        return sum(c.count for c in self.counts if c.status is None)


@dataclass(frozen=True)
class FunnelStage:
    key: str
    label: str
    count: int  # people who got at least this far


@dataclass(frozen=True)
class WorkerOverdue:
    worker_id: int | None  # None: cases with no worker assigned
    worker_name: str
    overdue: int
    open_cases: int


@dataclass(frozen=True)
class PersonFact:
    """One line of a dashboard list: who, and the fact that put them there."""

    person_id: int
    display_name: str
    fact: str


@dataclass(frozen=True)
class Dashboard:
    on: date
    open_cases: int
    eet_now: tuple[EetCount, ...]
    eet_by_month: tuple[EetMonth, ...]  # oldest first, the last is today
    funnel: tuple[FunnelStage, ...]
    overdue_by_worker: tuple[WorkerOverdue, ...]  # most overdue first
    neet_12_months: tuple[PersonFact, ...]
    no_level_2: tuple[PersonFact, ...]
    right_to_work_expiring: tuple[PersonFact, ...]
    no_contact_8_weeks: tuple[PersonFact, ...]
    below_living_wage: tuple[PersonFact, ...]
    living_wage_pence: int


FUNNEL = (
    ("referred", "Referred"),
    ("preparation", "CV support or mock interview"),
    ("placement", "Placement or internship"),
    ("work", "Apprenticeship or job"),
    ("sustained", "Sustained 26 weeks"),
)
PREPARATION_STEPS = (StepType.CV_SUPPORT, StepType.MOCK_INTERVIEW)
WORK_STEPS = (StepType.APPRENTICESHIP, StepType.JOB)
PLACEMENT_ONLY_STEPS = tuple(sorted(PLACEMENT_STEPS - set(WORK_STEPS)))


def _codes(values) -> str:
    return ", ".join(f"'{v.value}'" for v in values)


# Furthest stage per person who got anywhere: 1 preparation, 2 placement, 3 work, 4 sustained
# 26 weeks. One pass over the steps, not a lookup per person.
FUNNEL_SQL = text(f"""
SELECT stage, count(*) FROM (
    SELECT person_id, max(stage) AS stage FROM (
        SELECT person_id,
               CASE WHEN type IN ({_codes(WORK_STEPS)}) THEN 3
                    WHEN type IN ({_codes(PLACEMENT_ONLY_STEPS)}) THEN 2
                    WHEN type IN ({_codes(PREPARATION_STEPS)}) THEN 1 ELSE 0 END AS stage
        FROM pathway_step WHERE status IN ({_codes(STARTED)})
        UNION ALL
        SELECT st.person_id, 4 FROM sustainment_check AS c JOIN pathway_step AS st ON st.id = c.step_id
        WHERE c.week >= 26 AND c.sustained = TRUE
    ) AS reached GROUP BY person_id
) AS furthest GROUP BY stage
""")

# EET spells that overlap the twelve months; which days each counts on is worked out in Python
# against each person's time on the open caseload (referred by then, not yet closed).
EET_SPELLS_SQL = text("""
SELECT person_id, status, start_date, end_date FROM eet_status_period
WHERE (end_date IS NULL OR end_date > :first) AND start_date <= :last
""").bindparams(bindparam("first", type_=Date), bindparam("last", type_=Date))

# The caseload's own columns (so CaseloadService reads each row as the screen does) plus what
# the lists need, for everyone: one pass over the people serves every figure on the board.
_EXTRA = ", p.english_level, p.maths_level, p.right_to_work, p.right_to_work_expiry"
_FROM = "\nFROM young_person AS p"
assert CASELOAD_SQL.count(_FROM) == 1, "the caseload query changed shape"
PEOPLE_SQL = text(CASELOAD_SQL.replace(_FROM, _EXTRA + _FROM))
CASELOAD_COLUMNS = 18

LOW_PAY_SQL = text(f"""
SELECT p.id, p.given_name, p.family_name, p.preferred_name, st.type, st.status, st.pay_pence_per_hour,
       coalesce(e.name, st.provider)
FROM pathway_step AS st
JOIN young_person AS p ON p.id = st.person_id
LEFT JOIN employer AS e ON e.id = st.employer_id
WHERE p.closed_on IS NULL AND st.pay_pence_per_hour IS NOT NULL AND st.pay_pence_per_hour < :wage
  AND st.status IN ({_codes(PAYING_STATUSES)}) AND st.type IN ({_codes(sorted(PLACEMENT_STEPS))})
ORDER BY st.pay_pence_per_hour, p.family_name, p.given_name
""")
WORKERS_SQL = text("SELECT id, name FROM worker")
PEOPLE_DATES_SQL = text("SELECT id, referral_date, created_at, closed_on FROM young_person")
COUNT_PEOPLE_SQL = text("SELECT count(*) FROM young_person")


def month_points(today: date, months: int = MONTHS) -> list[date]:
    """The last day of each of the previous months, then today: oldest first."""
    points = [today]
    year, month = today.year, today.month
    for _ in range(months - 1):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        points.append(date(year, month, calendar.monthrange(year, month)[1]))
    return points[::-1]


def _name(given: str, family: str, preferred: str | None) -> str:
    return f"{preferred or given} {family}"


def pounds(pence: int) -> str:
    return f"£{pence // 100}.{pence % 100:02d}"


def _weeks(days: int) -> str:
    weeks = days // 7
    return "1 week" if weeks == 1 else f"{weeks} weeks"


LEVEL_WORDS = {level.value: level.label for level in SkillLevel}


def _on_days(days: list[str], start: str, end: str | None) -> tuple[int, int]:
    """The indexes [first, last) of the days with start <= day < end."""
    return bisect_left(days, start), (bisect_left(days, end) if end else len(days))


def eet_months(
    points: list[date], people: dict[int, tuple[str, str | None]], spells: Sequence[Sequence[Any]]
) -> list[EetMonth]:
    """Counts per day from each person's (on caseload from, closed on) and their EET spells.

    Difference arrays: each spell adds one at its first day and takes it off after its last,
    so the work grows with the spells, not with spells times days.
    """
    days = [p.isoformat() for p in points]
    width = len(days) + 1
    open_diff = [0] * width
    ranges: dict[int, tuple[int, int]] = {}
    for pid, (joined, closed) in people.items():
        lo, hi = _on_days(days, joined, closed)
        if lo < hi:
            ranges[pid] = (lo, hi)
            open_diff[lo] += 1
            open_diff[hi] -= 1
    diffs: dict[str, list[int]] = {}
    for pid, status, start, end in spells:
        person = ranges.get(pid)
        if person is None:
            continue
        # The days are compared as ISO text, which is how SQLite returns them.
        if start.__class__ is not str:
            start, end = iso_day(start), iso_day(end)
        lo = max(bisect_left(days, start), person[0])
        hi = min(bisect_left(days, end) if end else width - 1, person[1])
        if lo < hi:
            diff = diffs.get(status) or diffs.setdefault(status, [0] * width)
            diff[lo] += 1
            diff[hi] -= 1
    running = {status: list(accumulate(diff)) for status, diff in diffs.items()}
    on_caseload = list(accumulate(open_diff))
    out = []
    for n, point in enumerate(points):
        counts = [EetCount(status, running[status.value][n] if status.value in running else 0) for status in EetStatus]
        recorded = sum(c.count for c in counts)
        out.append(EetMonth(on=point, counts=(*counts, EetCount(None, on_caseload[n] - recorded))))
    return out


def _joined(referral: str | date | None, created: str | date) -> str:
    return iso_day(referral or created)  # type: ignore[return-value]  # created_at is NOT NULL


def eet_by_month(session: Session, today: date, months: int = MONTHS) -> list[EetMonth]:
    """EET on the open caseload at each month's end over the last `months` months."""
    points = month_points(today, months)
    conn = session.connection()
    people = {
        pid: (_joined(referral, created), iso_day(closed))
        for pid, referral, created, closed in conn.execute(PEOPLE_DATES_SQL)
    }
    spells = conn.execute(EET_SPELLS_SQL, _window(points)).fetchall()
    return eet_months(points, people, spells)


def _window(points: list[date]) -> dict[str, date]:
    return {"first": points[0], "last": points[-1]}


def funnel(session: Session) -> list[FunnelStage]:
    conn = session.connection()
    furthest: dict[int, int] = dict(conn.execute(FUNNEL_SQL).fetchall())
    referred = conn.execute(COUNT_PEOPLE_SQL).scalar() or 0
    return [
        FunnelStage(key, label, referred if index == 0 else sum(n for stage, n in furthest.items() if stage >= index))
        for index, (key, label) in enumerate(FUNNEL)
    ]


class DashboardService(Service):
    def dashboard(self) -> Dashboard:
        today = self.today()
        points = month_points(today)
        soon = today + timedelta(days=RIGHT_TO_WORK_WARNING_DAYS)
        # One read session for everything: each new connection decrypts again every page it
        # reads, and the caseload, the lists and the charts read the same pages.
        with self._store.read_session() as s:
            conn = s.connection()
            cadence = CaseloadService.cadence(s)
            wage = whole(stored_values(s), declared.LIVING_WAGE_PENCE)
            workers: dict[int, str] = dict(conn.execute(WORKERS_SQL).fetchall())
            everyone = conn.execute(PEOPLE_SQL).fetchall()
            spells = conn.execute(EET_SPELLS_SQL, _window(points)).fetchall()
            stages = funnel(s)
            low_pay = conn.execute(LOW_PAY_SQL, {"wage": wage}).fetchall()
        # Tens of thousands of small tuples and records, none in a reference cycle: pausing the
        # cyclic collector while they are built saves about a fifth of the time at 10,000 people.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._build(today, points, soon, cadence, wage, workers, everyone, spells, stages, low_pay)
        finally:
            if collecting:
                gc.enable()

    def _build(self, today, points, soon, cadence, wage, workers, everyone, spells, stages, low_pay) -> Dashboard:
        open_people = [r for r in everyone if r[8] is None]
        rows = [CaseloadService._row(r[:CASELOAD_COLUMNS], cadence, today) for r in open_people]
        # (id, given, family, preferred, english, maths, right to work, expiry)
        attention = [r[:4] + r[CASELOAD_COLUMNS:] for r in open_people]
        never_seen = {r[0]: _joined(r[9], r[10]) for r in open_people if r[11] is None}
        months = eet_months(points, {r[0]: (_joined(r[9], r[10]), iso_day(r[8])) for r in everyone}, spells)
        now_counts = Counter(r.eet_status for r in rows)
        return Dashboard(
            on=today,
            open_cases=len(rows),
            eet_now=tuple(EetCount(status, now_counts[status]) for status in (*EetStatus, None)),
            eet_by_month=tuple(months),
            funnel=tuple(stages),
            overdue_by_worker=tuple(self._overdue_by_worker(rows, workers)),
            neet_12_months=tuple(self._long_neet(rows, today)),
            no_level_2=tuple(self._no_level_2(attention)),
            right_to_work_expiring=tuple(self._right_to_work(attention, today, soon)),
            no_contact_8_weeks=tuple(self._no_contact(rows, never_seen, today)),
            below_living_wage=tuple(self._low_pay(low_pay, wage)),
            living_wage_pence=wage,
        )

    @staticmethod
    def _overdue_by_worker(rows: list[CaseloadRow], workers: dict[int, str]) -> list[WorkerOverdue]:
        cases: Counter = Counter()
        overdue: Counter = Counter()
        for r in rows:
            cases[r.worker_id] += 1
            if r.overdue:
                overdue[r.worker_id] += 1
        out = [
            WorkerOverdue(wid, workers.get(wid, "No worker assigned") if wid else "No worker assigned", overdue[wid], n)
            for wid, n in cases.items()
        ]
        out.sort(key=lambda w: (-w.overdue, w.worker_name))
        return out

    @staticmethod
    def _long_neet(rows: list[CaseloadRow], today: date) -> list[PersonFact]:
        cutoff = today - timedelta(days=NEET_FOR_DAYS)
        found = [r for r in rows
                 if r.eet_status is not None and r.eet_status.is_neet and r.neet_since and r.neet_since <= cutoff]
        found.sort(key=lambda r: (r.neet_since, r.family_name, r.given_name))
        out = []
        for r in found:
            # The filter above kept only rows with both.
            assert r.neet_since is not None and r.eet_status is not None
            months = (today - r.neet_since).days * 12 // 365
            text = f"NEET since {dates.day(r.neet_since)} ({months} months); {r.eet_status.label}"
            out.append(PersonFact(r.person_id, r.display_name, text))
        return out

    @staticmethod
    def _no_level_2(attention: list[tuple]) -> list[PersonFact]:
        best = SkillLevel.LEVEL_2_PLUS.value
        found = []
        for pid, given, family, preferred, english, maths, _rtw, _expiry in attention:
            if english == best and maths == best:
                continue
            missing = []
            if english != best:
                missing.append(f"English {LEVEL_WORDS.get(english, 'not recorded')}")
            if maths != best:
                missing.append(f"maths {LEVEL_WORDS.get(maths, 'not recorded')}")
            found.append((family, given, pid, preferred, ", ".join(missing)))
        found.sort()
        return [PersonFact(pid, _name(given, family, preferred), "No Level 2: " + text)
                for family, given, pid, preferred, text in found]

    @staticmethod
    def _right_to_work(attention: list[tuple], today: date, soon: date) -> list[PersonFact]:
        found = []
        for pid, given, family, preferred, _english, _maths, rtw, expiry_text in attention:
            if rtw != RightToWork.TIME_LIMITED.value or not expiry_text:
                continue
            expiry = day_value(expiry_text)
            if expiry is None or expiry > soon:
                continue
            days = (expiry - today).days
            if days < 0:
                fact = f"Right to work expired on {dates.day(expiry)}"
            elif days == 0:
                fact = "Right to work expires today"
            else:
                fact = f"Right to work expires on {dates.day(expiry)}, in {days} day{'s' if days != 1 else ''}"
            found.append((expiry, family, given, PersonFact(pid, _name(given, family, preferred), fact)))
        found.sort(key=lambda t: t[:3])
        return [t[3] for t in found]

    @staticmethod
    def _no_contact(rows: list[CaseloadRow], never_seen: dict[int, str], today: date) -> list[PersonFact]:
        # Someone referred last week and not yet seen has not gone eight weeks without contact:
        # with no contact at all, the clock starts at the referral.
        cutoff = today - timedelta(days=NO_CONTACT_DAYS)
        found = []
        for r in rows:
            if r.last_contact is None:
                referred = date.fromisoformat(never_seen[r.person_id]) if r.person_id in never_seen else today
                if referred <= cutoff:
                    fact = (f"No contact since the referral on {dates.day(referred)}, "
                            f"{_weeks((today - referred).days)} ago")
                    found.append((referred, r.family_name, r.given_name, PersonFact(r.person_id, r.display_name, fact)))
            elif r.last_contact.date() <= cutoff:
                last = r.last_contact.date()
                fact = f"Last contact {dates.day(last)}, {_weeks((today - last).days)} ago"
                found.append((last, r.family_name, r.given_name, PersonFact(r.person_id, r.display_name, fact)))
        found.sort(key=lambda t: t[:3])
        return [t[3] for t in found]

    @staticmethod
    def _low_pay(low_pay: list[tuple], wage: int) -> list[PersonFact]:
        out = []
        for pid, given, family, preferred, kind, status, pay, where in low_pay:
            step = StepType(kind).label
            at = f" at {where}" if where else ""
            fact = (f"{step}{at} ({StepStatus(status).label.lower()}) pays {pounds(pay)} an hour, "
                    f"below the living wage of {pounds(wage)}")
            out.append(PersonFact(pid, _name(given, family, preferred), fact))
        return out
