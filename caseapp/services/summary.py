"""Keeps `caseload_summary` true: recomputed from the source tables inside each write.

The caseload screen then reads one row per person instead of aggregating every check-in,
step and EET spell on each refresh (a full aggregate at 10,000 people is ~10x slower).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.orm import Session

from caseapp.models import CaseloadSummary, CheckIn, EetStatusPeriod, PathwayStep, YoungPerson
from caseapp.models.codes import CheckInOutcome, EetStatus, StepStatus, StepType

NEET_CODES = tuple(s.value for s in EetStatus if s.is_neet)
# Which active step is "current": the furthest along, then the latest started.
STEP_RANK = {
    StepStatus.IN_PROGRESS: 5,
    StepStatus.WAITING_TO_START: 4,
    StepStatus.ACCEPTED: 3,
    StepStatus.OFFERED: 2,
    StepStatus.PLANNED: 1,
}


def _where(column, person_ids: list[int] | None):
    return True if person_ids is None else column.in_(person_ids)


def _last_contacts(s: Session, ids: list[int] | None) -> dict[int, datetime]:
    query = (
        select(CheckIn.person_id, func.max(CheckIn.happened_at))
        .where(CheckIn.outcome == CheckInOutcome.SPOKE, _where(CheckIn.person_id, ids))
        .group_by(CheckIn.person_id)
    )
    return dict(s.execute(query).all())


def _agreed_dates(s: Session, ids: list[int] | None) -> dict[int, date | None]:
    # The latest check-in's agreed date, the latest by when it happened. Of two at the same
    # moment, the later recorded: a window over each person's check-ins, standard SQL.
    latest = (
        select(
            CheckIn.person_id,
            CheckIn.next_contact_on,
            func.row_number()
            .over(partition_by=CheckIn.person_id, order_by=(CheckIn.happened_at.desc(), CheckIn.id.desc()))
            .label("n"),
        )
        .where(_where(CheckIn.person_id, ids))
        .subquery()
    )
    query = select(latest.c.person_id, latest.c.next_contact_on).where(latest.c.n == 1)
    return dict(s.execute(query).all())


def _current_steps(s: Session, ids: list[int] | None) -> dict[int, tuple[StepType, StepStatus, date | None]]:
    best: dict[int, tuple[tuple[int, date], tuple[StepType, StepStatus, date | None]]] = {}
    query = select(PathwayStep.person_id, PathwayStep.type, PathwayStep.status, PathwayStep.start_date).where(
        PathwayStep.status.in_(list(STEP_RANK)), _where(PathwayStep.person_id, ids)
    )
    for pid, kind, status, start in s.execute(query):
        key = (STEP_RANK[status], start or date.min)
        if pid not in best or key > best[pid][0]:
            best[pid] = (key, (kind, status, start))
    return {pid: value[1] for pid, value in best.items()}


def _eet(s: Session, ids: list[int] | None) -> dict[int, tuple[EetStatus | None, date | None]]:
    """Current EET status, and since when NEET (across back-to-back NEET spells)."""
    P = EetStatusPeriod
    query = (
        select(
            P.person_id,
            func.max(case((P.end_date.is_(None), P.status))),
            func.max(case((P.status.not_in(NEET_CODES), P.end_date))),
            func.min(P.start_date),
        )
        .where(_where(P.person_id, ids))
        .group_by(P.person_id)
    )
    out: dict[int, tuple[EetStatus | None, date | None]] = {}
    for pid, status, last_in_eet, first_start in s.execute(query):
        current = EetStatus(status) if status else None
        since = None
        if current is not None and current.is_neet:
            since = last_in_eet or first_start
            if isinstance(since, str):
                since = date.fromisoformat(since)
        out[pid] = (current, since)
    return out


def refresh(session: Session, person_ids: Iterable[int] | None = None) -> None:
    """Recompute the summaries of these people (all people when None)."""
    ids = None if person_ids is None else sorted(set(person_ids))
    if ids == []:
        return
    contacts = _last_contacts(session, ids)
    agreed = _agreed_dates(session, ids)
    steps = _current_steps(session, ids)
    eet = _eet(session, ids)
    people = session.scalars(select(YoungPerson.id).where(_where(YoungPerson.id, ids))).all()
    rows = []
    for pid in people:
        step = steps.get(pid)
        status, since = eet.get(pid, (None, None))
        rows.append(
            {
                "person_id": pid,
                "last_contact_at": contacts.get(pid),
                "agreed_next_on": agreed.get(pid),
                "step_type": step[0] if step else None,
                "step_status": step[1] if step else None,
                "step_start": step[2] if step else None,
                "eet_status": status,
                "neet_since": since,
            }
        )
    session.execute(delete(CaseloadSummary).where(_where(CaseloadSummary.person_id, ids)))
    if rows:
        session.execute(insert(CaseloadSummary), rows)
