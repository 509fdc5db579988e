"""The caseload: one row per young person, with who is overdue a contact computed, not ticked."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import Date, bindparam, select, text
from sqlalchemy.orm import Session

from caseapp import dates
from caseapp import settings as declared
from caseapp.models import YoungPerson
from caseapp.models.codes import PLACEMENT_STEPS, EetStatus, StepStatus, StepType
from caseapp.services.base import Service
from caseapp.services.settings_service import stored_values, whole
from caseapp.services.summary import NEET_CODES
from caseapp.services.validation import age_on


class CaseloadFilter(enum.StrEnum):
    ALL = "all"
    OVERDUE = "overdue"
    NEET = "neet"
    NEET_12_MONTHS = "neet_12_months"
    IN_PLACEMENT = "in_placement"
    WAITING_TO_START = "waiting_to_start"
    CLOSED = "closed"


@dataclass(frozen=True)
class Cadence:
    new_start_days: int = 7
    new_start_weeks: int = 4
    waiting_days: int = 14
    default_days: int = 28

    def next_due(self, last: date, step: tuple[StepType, StepStatus, date | None] | None) -> date:
        """When the next contact is due after one on `last`, given the current step."""
        return self.due(last, step)[0]

    def due(self, last: date, step: tuple[StepType, StepStatus | None, date | None] | None) -> tuple[date, str]:
        """When the next contact is due after one on `last`, and which rule set it, in words.

        The situation is judged as it was at the last contact: a contact in week one of a
        placement calls for the next within a week, however long ago that was.
        """
        default = (last + timedelta(days=self.default_days), _rule(self, "usual", None))
        if step is None or step[0] not in PLACEMENT_STEPS:
            return default
        kind, status, start = step
        if status in (StepStatus.WAITING_TO_START, StepStatus.ACCEPTED):
            return last + timedelta(days=self.waiting_days), _rule(self, "waiting", kind)
        if status == StepStatus.IN_PROGRESS and start is not None:
            if last < start:  # last seen while waiting: due by the end of the first week
                waiting = last + timedelta(days=self.waiting_days)
                first_week = start + timedelta(days=self.new_start_days)
                if first_week <= waiting:
                    return first_week, _rule(self, "first week", kind)
                return waiting, _rule(self, "waiting", kind)
            if last < start + timedelta(weeks=self.new_start_weeks):
                return last + timedelta(days=self.new_start_days), _rule(self, "new start", kind)
        return default


@lru_cache(maxsize=256)
def _rule(cadence: Cadence, which: str, kind: StepType | None) -> str:
    """The words for one rule; made once per cadence and kind, not once per row."""
    if kind is None:
        return f"every {_days(cadence.default_days)}, the usual rule"
    label = kind.label.lower()
    what = ("an " if label[:1] in "aeiou" else "a ") + label
    if which == "waiting":
        return f"every {_days(cadence.waiting_days)} while waiting to start {what}"
    if which == "first week":
        return f"by the end of the first week of {what}"
    return f"every {_days(cadence.new_start_days)} in the first {cadence.new_start_weeks} weeks of {what}"


@lru_cache(maxsize=64)
def _from_referral(rule: str) -> str:
    return rule + NO_CONTACT_YET


def _days(days: int) -> str:
    if days == 7:
        return "week"
    if days % 7 == 0:
        return f"{days // 7} weeks"
    return f"{days} days"


AGREED_RULE = "the date agreed at the last check-in"
NO_CONTACT_YET = ", counted from the referral (no contact yet)"


class CaseloadRow(NamedTuple):
    """One line of the caseload. A tuple: 10,000 of these are built on every refresh."""

    person_id: int
    display_name: str
    given_name: str
    family_name: str
    own_script_name: str | None
    age: int
    worker_id: int | None
    pa_id: int | None
    step_type: StepType | None
    step_status: StepStatus | None
    eet_status: EetStatus | None
    neet_since: date | None
    last_contact: datetime | None
    next_due: date | None
    overdue_days: int
    closed: bool
    due_rule: str = ""  # which rule set next_due, in words ("every week in the first 4 weeks of a job")
    date_of_birth: date | None = None  # with the reference, tells apart two people of one name

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

    # The cells as the caseload screen and its exports both write them.

    @property
    def step_text(self) -> str:
        if self.step_type is None:
            return ""
        if self.step_status is None:
            return self.step_type.label
        return f"{self.step_type.label} ({self.step_status.label.lower()})"

    @property
    def last_contact_text(self) -> str:
        return dates.day(self.last_contact, none="None yet")

    @property
    def due_text(self) -> str:
        if self.next_due is None:
            return ""
        due = dates.day(self.next_due)
        if self.overdue_days == 1:
            return f"{due} (1 day overdue)"
        if self.overdue_days > 1:
            return f"{due} ({self.overdue_days} days overdue)"
        return due


# Plain SQL over the summary table, read as raw tuples: SQLAlchemy's per-value type
# processing cost more than the query itself at 10,000 rows (see bench/). The dates come back
# as SQLite's ISO text or as the driver's own dates elsewhere; `day_value` reads either.
CASELOAD_SQL = """
SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.own_script_name,
       p.date_of_birth, p.worker_id, p.pa_id, p.closed_on, p.referral_date, p.created_at,
       s.last_contact_at, s.agreed_next_on, s.step_type, s.step_status, s.step_start,
       s.eet_status, s.neet_since
FROM young_person AS p LEFT JOIN caseload_summary AS s ON s.person_id = p.id
WHERE 1 = 1
"""
_NEET_SQL = "s.eet_status IN ({})".format(", ".join(f"'{code}'" for code in NEET_CODES))
SQL_FILTERS = {
    CaseloadFilter.NEET: _NEET_SQL,
    CaseloadFilter.NEET_12_MONTHS: _NEET_SQL + " AND s.neet_since <= :year_ago",
    CaseloadFilter.WAITING_TO_START: "s.step_status = 'waiting_to_start'",
    CaseloadFilter.IN_PLACEMENT: "s.step_status = 'in_progress' AND s.step_type IN ({})".format(
        ", ".join(f"'{t.value}'" for t in sorted(PLACEMENT_STEPS))
    ),
}
_STEP_TYPES: dict[str, StepType] = {m.value: m for m in StepType}
_STEP_STATUSES: dict[str, StepStatus] = {m.value: m for m in StepStatus}
_EET: dict[str, EetStatus] = {m.value: m for m in EetStatus}


def day_value(value: str | date | None) -> date | None:
    """A date read untyped: ISO text from SQLite, a date (or a datetime) from PostgreSQL."""
    if not value:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value.date() if isinstance(value, datetime) else value


def moment_value(value: str | datetime | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def iso_day(value: str | date | None) -> str | None:
    """The ISO day of an untyped date or timestamp, for comparing as text."""
    if value is None:
        return None
    return value[:10] if isinstance(value, str) else value.isoformat()[:10]


_day = day_value


@lru_cache(maxsize=64)
def _statement(sql: str):
    # The same few filter combinations come round: each text is parsed for its parameters once.
    statement = text(sql)
    if ":year_ago" in sql:
        statement = statement.bindparams(bindparam("year_ago", type_=Date))
    if ":ids" in sql:
        statement = statement.bindparams(bindparam("ids", expanding=True))
    return statement


class CaseloadService(Service):
    @staticmethod
    def cadence(session: Session) -> Cadence:
        values = stored_values(session)
        return Cadence(
            new_start_days=whole(values, declared.CADENCE_NEW_START_DAYS),
            new_start_weeks=whole(values, declared.CADENCE_NEW_START_WEEKS),
            waiting_days=whole(values, declared.CADENCE_WAITING_DAYS),
            default_days=whole(values, declared.CADENCE_DEFAULT_DAYS),
        )

    def caseload(
        self,
        *,
        filter: CaseloadFilter | str = CaseloadFilter.ALL,
        mine: bool = False,
        person_ids: list[int] | None = None,
    ) -> list[CaseloadRow]:
        """Open cases (or only closed ones with CLOSED), overdue first, most overdue first."""
        chosen = CaseloadFilter(filter)
        today = self.today()
        sql, params = self._sql(chosen, mine, person_ids, today)
        with self._store.read_session() as s:
            cadence = self.cadence(s)
            raw = s.connection().execute(sql, params).fetchall()
        rows = [self._row(r, cadence, today) for r in raw]
        if chosen == CaseloadFilter.OVERDUE:
            rows = [r for r in rows if r.overdue_days > 0]
        rows.sort(key=lambda r: (-r.overdue_days, r.next_due or date.max, r.family_name, r.given_name))
        return rows

    def is_empty(self) -> bool:
        """Nobody on file at all, open or closed: a new caseload, shown how to begin."""
        with self._store.read_session() as s:
            return s.scalar(select(YoungPerson.id).limit(1)) is None

    def _sql(
        self, chosen: CaseloadFilter, mine: bool, person_ids: list[int] | None, today: date
    ) -> tuple[Any, dict[str, Any]]:
        sql = CASELOAD_SQL
        params: dict[str, Any] = {}
        sql += " AND p.closed_on IS NOT NULL" if chosen == CaseloadFilter.CLOSED else " AND p.closed_on IS NULL"
        if chosen in SQL_FILTERS:
            sql += " AND " + SQL_FILTERS[chosen]
            params["year_ago"] = today - timedelta(days=365)
        if mine and self.actor_id is not None:
            sql += " AND (p.worker_id = :me OR p.pa_id = :me)"
            params["me"] = self.actor_id
        if person_ids is not None:
            sql += " AND p.id IN :ids"
            params["ids"] = [int(i) for i in person_ids]
        return _statement(sql), params

    @staticmethod
    def _row(r: tuple, cadence: Cadence, today: date) -> CaseloadRow:
        (pid, given, family, preferred, own, born_text, worker, pa, closed_text, referral_text,
         created_text, last_text, agreed_text, step_type, step_status, step_start, eet, neet_since) = r
        born = day_value(born_text)
        age = age_on(born, today)  # type: ignore[arg-type]  # date_of_birth is NOT NULL
        last = moment_value(last_text)
        kind = _STEP_TYPES.get(step_type) if step_type else None
        status = _STEP_STATUSES.get(step_status) if step_status else None
        rule = ""
        if closed_text:
            next_due, overdue = None, 0
        else:
            base = last.date() if last else _day(referral_text) or _day(created_text) or today
            step = (kind, status, _day(step_start)) if kind else None
            agreed = _day(agreed_text)
            if agreed is not None:
                next_due, rule = agreed, AGREED_RULE
            else:
                next_due, rule = cadence.due(base, step)
                if last is None:
                    rule = _from_referral(rule)
            overdue = max(0, (today - next_due).days)
        return CaseloadRow(
            pid, f"{preferred or given} {family}", given, family, own, age, worker, pa, kind, status,
            _EET.get(eet) if eet else None, _day(neet_since), last, next_due, overdue, bool(closed_text),
            rule, born,
        )
