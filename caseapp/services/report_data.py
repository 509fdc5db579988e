"""Read-only figures for the caseload report (the pathway funnel, what employers delivered and
what they pledged), and who a hand-off pack names as the line manager's contact.

Aggregated in SQL in one read session: per-person service calls would open 10,000 sessions
for a full caseload. Nothing here writes or audits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from caseapp.models import HandOff, Worker, YoungPerson
from caseapp.models.codes import EMPLOYMENT_STEPS, StepStatus, StepType
from caseapp.services.base import Service
from caseapp.services.commitments import CommitmentProgress, commitment_progress
from caseapp.services.dashboard import FunnelStage, funnel
from caseapp.services.workers import WorkerRecord, worker_record

# A step counts once it has started, however it ended.
STARTED = (StepStatus.IN_PROGRESS, StepStatus.COMPLETED, StepStatus.ENDED_EARLY)
# Weeks in work that count as "sustained" (DWP job-outcome measures use 26).
SUSTAINED_WEEKS = 26
PLACEMENT_TYPES = frozenset(
    {StepType.WORK_EXPERIENCE, StepType.PAID_PLACEMENT, StepType.INTERNSHIP, StepType.PRE_APPRENTICESHIP}
)


@dataclass(frozen=True)
class EmployerDelivery:
    employer_id: int
    name: str
    placements: int  # started work experience, paid placements, internships, pre-apprenticeships
    jobs: int  # started jobs and apprenticeships
    in_progress: int  # of those, still going
    sustained: int  # jobs still held at SUSTAINED_WEEKS


@dataclass(frozen=True)
class CaseloadFigures:
    # The dashboard's own funnel, so the printed report and the screen never disagree.
    funnel: tuple[FunnelStage, ...]
    employers: tuple[EmployerDelivery, ...]
    commitments: tuple[CommitmentProgress, ...]  # by employer, then contract, then period


def _in(values) -> str:
    return ", ".join(f"'{v.value}'" for v in sorted(values))


EMPLOYER_SQL = text(f"""
    SELECT e.id, e.name,
        SUM(CASE WHEN st.type IN ({_in(PLACEMENT_TYPES)}) THEN 1 ELSE 0 END),
        SUM(CASE WHEN st.type IN ({_in(EMPLOYMENT_STEPS)}) THEN 1 ELSE 0 END),
        SUM(CASE WHEN st.status = '{StepStatus.IN_PROGRESS.value}' THEN 1 ELSE 0 END),
        SUM(CASE WHEN st.type IN ({_in(EMPLOYMENT_STEPS)}) AND EXISTS (
            SELECT 1 FROM sustainment_check AS sc
            WHERE sc.step_id = st.id AND sc.sustained = TRUE AND sc.week >= {SUSTAINED_WEEKS}
        ) THEN 1 ELSE 0 END)
    FROM pathway_step AS st JOIN employer AS e ON e.id = st.employer_id
    WHERE st.status IN ({_in(STARTED)})
      AND st.type IN ({_in(PLACEMENT_TYPES | EMPLOYMENT_STEPS)})
    GROUP BY e.id, e.name
""")


def employer_delivery(session: Session) -> list[EmployerDelivery]:
    """Placements and jobs started with each employer, all cases open or closed, most first."""
    rows = session.connection().execute(EMPLOYER_SQL).fetchall()
    out = [EmployerDelivery(int(i), name, int(p), int(j), int(g), int(k)) for i, name, p, j, g, k in rows]
    out.sort(key=lambda r: (-(r.placements + r.jobs), r.name))
    return out


class ReportDataService(Service):
    def caseload_figures(self) -> CaseloadFigures:
        with self._store.read_session() as s:
            return CaseloadFigures(
                funnel=tuple(funnel(s)),
                employers=tuple(employer_delivery(s)),
                commitments=tuple(commitment_progress(s, today=self.today())),
            )

    def hand_off_contact(self, *, hand_off_id: int) -> WorkerRecord | None:
        """Who the pack tells the line manager to call: the young person's worker, or, when
        they have none or have left (made inactive), the worker printing it."""
        with self._store.read_session() as s:
            hand_off = self._get(s, HandOff, hand_off_id, "hand-off")
            person = self._get(s, YoungPerson, hand_off.person_id, "young person")
            for worker_id in (person.worker_id, self.actor_id):
                worker = s.get(Worker, worker_id) if worker_id is not None else None
                if worker is not None and worker.active is not False:
                    return worker_record(worker)
            return None
