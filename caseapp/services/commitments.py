"""Employers' social-value commitments: what was pledged against what was delivered.

Delivered is counted, never typed in: the pathway steps the employer actually hosted (started,
whether finished, still going or ended early) of the kind the commitment names, starting
within its period. A step offered or planned but not started has not been delivered yet.

`commitment_progress` is a plain function over a session so a printed report can use it in
its own read session; `CommitmentService` wraps it for the screens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from sqlalchemy import Date, bindparam, column, text
from sqlalchemy.orm import Session

from caseapp.models.codes import StepStatus, StepType
from caseapp.services.base import Service

HOSTED = (StepStatus.IN_PROGRESS, StepStatus.COMPLETED, StepStatus.ENDED_EARLY)


@dataclass(frozen=True)
class CommitmentProgress:
    commitment_id: int
    employer_id: int
    employer_name: str
    contract: str | None
    measure: str
    step_type: StepType | None  # None: any step the employer hosted counts
    pledged: int
    delivered: int
    period_start: date
    period_end: date

    @property
    def outstanding(self) -> int:
        return max(0, self.pledged - self.delivered)

    @property
    def met(self) -> bool:
        return self.delivered >= self.pledged

    @property
    def line(self) -> str:
        """'8-week paid placements for care leavers: pledged 4, delivered 3'."""
        return f"{self.measure}: pledged {self.pledged}, delivered {self.delivered}"


@dataclass(frozen=True)
class EmployerContract:
    """One employer's commitments under one contract (or under none)."""

    employer_id: int
    employer_name: str
    contract: str | None
    commitments: tuple[CommitmentProgress, ...]

    @property
    def pledged(self) -> int:
        return sum(c.pledged for c in self.commitments)

    @property
    def delivered(self) -> int:
        return sum(c.delivered for c in self.commitments)


PROGRESS_SQL = f"""
SELECT c.id, c.employer_id, e.name, c.contract, c.measure, c.step_type, c.pledged, c.period_start, c.period_end,
       (SELECT count(*) FROM pathway_step AS st
        WHERE st.employer_id = c.employer_id
          AND (c.step_type IS NULL OR st.type = c.step_type)
          AND st.status IN ({", ".join(f"'{s.value}'" for s in HOSTED)})
          AND st.start_date >= c.period_start AND st.start_date <= c.period_end
          AND st.start_date <= :today) AS delivered
FROM employer_commitment AS c JOIN employer AS e ON e.id = c.employer_id
WHERE 1 = 1
"""


_COLUMNS = ("id", "employer_id", "name", "contract", "measure", "step_type", "pledged", "period_start",
            "period_end", "delivered")


def commitment_progress(
    session: Session, *, today: date, employer_id: int | None = None, active_on: date | None = None
) -> list[CommitmentProgress]:
    """Every commitment (one employer's, or those whose period covers `active_on`) with delivery.

    Ordered by employer name, contract (none last), period and measure.
    """
    sql = PROGRESS_SQL
    params: dict[str, object] = {"today": today}
    if employer_id is not None:
        sql += " AND c.employer_id = :employer"
        params["employer"] = employer_id
    if active_on is not None:
        sql += " AND c.period_start <= :on AND c.period_end >= :on"
        params["on"] = active_on
    # Typed columns: the period's dates come back as dates from either engine.
    statement = text(sql).bindparams(*(bindparam(name, type_=Date) for name in params if name != "employer")).columns(
        *(column(name, Date if name in ("period_start", "period_end") else None) for name in _COLUMNS)
    )
    out = [
        CommitmentProgress(
            commitment_id=cid, employer_id=eid, employer_name=name, contract=contract, measure=measure,
            step_type=StepType(kind) if kind else None, pledged=pledged, delivered=delivered,
            period_start=start, period_end=end,
        )
        for cid, eid, name, contract, measure, kind, pledged, start, end, delivered
        in session.connection().execute(statement, params)
    ]
    out.sort(key=lambda c: (c.employer_name.casefold(), c.employer_id, c.contract is None, c.contract or "",
                            c.period_start, c.measure.casefold(), c.commitment_id))
    return out


def by_employer_and_contract(progress: Iterable[CommitmentProgress]) -> list[EmployerContract]:
    """Group rows already in `commitment_progress` order."""
    return [
        EmployerContract(
            employer_id=eid, employer_name=group[0].employer_name, contract=contract, commitments=tuple(group)
        )
        for (eid, contract), rows in groupby(progress, key=lambda c: (c.employer_id, c.contract))
        for group in [list(rows)]
    ]


class CommitmentService(Service):
    def progress(self, *, employer_id: int | None = None, active_on: date | None = None) -> list[EmployerContract]:
        """Per employer and contract, each commitment's pledged count against delivered."""
        with self._store.read_session() as s:
            rows = commitment_progress(s, today=self.today(), employer_id=employer_id, active_on=active_on)
        return by_employer_and_contract(rows)
