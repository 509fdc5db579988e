"""The caseload: one row per young person, with who is overdue a contact computed, not ticked."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select

from caseapp import settings as declared
from caseapp.models import CheckIn, EetStatusPeriod, PathwayStep, SettingValue, YoungPerson
from caseapp.models.codes import PLACEMENT_STEPS, CheckInOutcome, EetStatus, StepStatus, StepType
from caseapp.services.base import Service
from caseapp.services.validation import age_on

NEET_CODES = tuple(s.value for s in EetStatus if s.is_neet)
# Which active step is "current": the furthest along.
STEP_RANK = {
    StepStatus.IN_PROGRESS: 5,
    StepStatus.WAITING_TO_START: 4,
    StepStatus.ACCEPTED: 3,
    StepStatus.OFFERED: 2,
    StepStatus.PLANNED: 1,
}


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

    def interval(self, step: tuple[StepType, StepStatus, date | None] | None, today: date) -> int:
        if step is not None:
            kind, status, start = step
            if kind in PLACEMENT_STEPS:
                if status == StepStatus.IN_PROGRESS and start and today - start < timedelta(weeks=self.new_start_weeks):
                    return self.new_start_days
                if status in (StepStatus.WAITING_TO_START, StepStatus.ACCEPTED):
                    return self.waiting_days
        return self.default_days


@dataclass(frozen=True)
class CaseloadRow:
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

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


class CaseloadService(Service):
    def cadence(self, session) -> Cadence:  # type: ignore[no-untyped-def]
        import json

        stored = dict(session.execute(select(SettingValue.key, SettingValue.value)).tuples().all())

        def value(setting: declared.Setting) -> int:
            return json.loads(stored[setting.key]) if setting.key in stored else setting.default  # type: ignore[return-value]

        return Cadence(
            new_start_days=value(declared.CADENCE_NEW_START_DAYS),
            new_start_weeks=value(declared.CADENCE_NEW_START_WEEKS),
            waiting_days=value(declared.CADENCE_WAITING_DAYS),
            default_days=value(declared.CADENCE_DEFAULT_DAYS),
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
        with self._store.read_session() as s:
            cadence = self.cadence(s)
            people = select(
                YoungPerson.id, YoungPerson.given_name, YoungPerson.family_name,
                YoungPerson.preferred_name, YoungPerson.own_script_name, YoungPerson.date_of_birth,
                YoungPerson.worker_id, YoungPerson.pa_id, YoungPerson.closed_on,
                YoungPerson.referral_date, YoungPerson.created_at,
            )
            if chosen == CaseloadFilter.CLOSED:
                people = people.where(YoungPerson.closed_on.is_not(None))
            else:
                people = people.where(YoungPerson.closed_on.is_(None))
            if mine and self.actor_id is not None:
                people = people.where((YoungPerson.worker_id == self.actor_id) | (YoungPerson.pa_id == self.actor_id))
            if person_ids is not None:
                people = people.where(YoungPerson.id.in_(person_ids))
            person_rows = s.execute(people).all()
            steps = self._current_steps(s)
            eet = self._eet(s)
            last_spoke = dict(
                s.execute(
                    select(CheckIn.person_id, func.max(CheckIn.happened_at))
                    .where(CheckIn.outcome == CheckInOutcome.SPOKE)
                    .group_by(CheckIn.person_id)
                ).tuples().all()
            )
            # SQLite returns the other columns from the row holding the MAX.
            agreed = {
                pid: due
                for pid, _latest, due in s.execute(
                    select(CheckIn.person_id, func.max(CheckIn.happened_at), CheckIn.next_contact_on)
                    .group_by(CheckIn.person_id)
                ).tuples()
            }
        rows = []
        for p in person_rows:
            step = steps.get(p.id)
            current, neet_since = eet.get(p.id, (None, None))
            last = last_spoke.get(p.id)
            if p.closed_on is not None:
                next_due, overdue = None, 0
            else:
                base = last.date() if last else (p.referral_date or p.created_at.date())
                next_due = agreed.get(p.id) or base + timedelta(days=cadence.interval(step, today))
                overdue = max(0, (today - next_due).days)
            rows.append(
                CaseloadRow(
                    person_id=p.id,
                    display_name=f"{p.preferred_name or p.given_name} {p.family_name}",
                    given_name=p.given_name,
                    family_name=p.family_name,
                    own_script_name=p.own_script_name,
                    age=age_on(p.date_of_birth, today),
                    worker_id=p.worker_id,
                    pa_id=p.pa_id,
                    step_type=step[0] if step else None,
                    step_status=step[1] if step else None,
                    eet_status=current,
                    neet_since=neet_since,
                    last_contact=last,
                    next_due=next_due,
                    overdue_days=overdue,
                    closed=p.closed_on is not None,
                )
            )
        rows = [r for r in rows if self._keep(r, chosen, today)]
        rows.sort(key=lambda r: (-r.overdue_days, r.next_due or date.max, r.family_name, r.given_name))
        return rows

    @staticmethod
    def _keep(row: CaseloadRow, chosen: CaseloadFilter, today: date) -> bool:
        if chosen == CaseloadFilter.OVERDUE:
            return row.overdue
        if chosen == CaseloadFilter.NEET:
            return row.eet_status is not None and row.eet_status.is_neet
        if chosen == CaseloadFilter.NEET_12_MONTHS:
            return row.neet_since is not None and row.neet_since <= today - timedelta(days=365)
        if chosen == CaseloadFilter.IN_PLACEMENT:
            return row.step_status == StepStatus.IN_PROGRESS and row.step_type in PLACEMENT_STEPS
        if chosen == CaseloadFilter.WAITING_TO_START:
            return row.step_status == StepStatus.WAITING_TO_START
        return True

    @staticmethod
    def _current_steps(s) -> dict[int, tuple[StepType, StepStatus, date | None]]:  # type: ignore[no-untyped-def]
        best: dict[int, tuple[int, date, tuple[StepType, StepStatus, date | None]]] = {}
        query = select(PathwayStep.person_id, PathwayStep.type, PathwayStep.status, PathwayStep.start_date).where(
            PathwayStep.status.in_(list(STEP_RANK))
        )
        for pid, kind, status, start in s.execute(query).tuples():
            key = (STEP_RANK[status], start or date.min)
            if pid not in best or key > best[pid][:2]:
                best[pid] = (*key, (kind, status, start))
        return {pid: value[2] for pid, value in best.items()}

    @staticmethod
    def _eet(s) -> dict[int, tuple[EetStatus | None, date | None]]:  # type: ignore[no-untyped-def]
        """Current EET status, and since when NEET (across back-to-back NEET spells)."""
        P = EetStatusPeriod
        query = select(
            P.person_id,
            func.max(case((P.end_date.is_(None), P.status))),
            func.max(case((P.status.not_in(NEET_CODES), func.coalesce(P.end_date, "9999-12-31")))),
            func.min(P.start_date),
        ).group_by(P.person_id)
        out: dict[int, tuple[EetStatus | None, date | None]] = {}
        for pid, status, last_in_eet, first_start in s.execute(query).tuples():
            current = EetStatus(status) if status else None
            since = None
            if current is not None and current.is_neet:
                since = last_in_eet or first_start
                if isinstance(since, str):
                    since = date.fromisoformat(since)
            out[pid] = (current, since)
        return out
