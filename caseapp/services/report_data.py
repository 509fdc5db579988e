"""Read-only figures for the caseload report: the pathway funnel and what employers delivered.

Aggregated in SQL in one read session: per-person service calls would open 10,000 sessions
for a full caseload. Nothing here writes or audits.
"""

from __future__ import annotations

from dataclasses import dataclass

from caseapp.models.codes import EMPLOYMENT_STEPS, StepStatus, StepType
from caseapp.services.base import Service

# A step counts once it has started, however it ended.
STARTED = (StepStatus.IN_PROGRESS, StepStatus.COMPLETED, StepStatus.ENDED_EARLY)
# Weeks in work that count as "sustained" in the funnel (DWP job-outcome measures use 26).
SUSTAINED_WEEKS = 26


@dataclass(frozen=True)
class FunnelStage:
    label: str
    step_types: frozenset[StepType]


# Each stage counts the young people who reached it or a later one.
FUNNEL_STAGES = (
    FunnelStage(
        "Getting ready (CV, interviews, tours, tasters, courses, volunteering)",
        frozenset(
            {
                StepType.CV_SUPPORT, StepType.MOCK_INTERVIEW, StepType.CAREERS_EVENT,
                StepType.WORKPLACE_TOUR, StepType.TASTER, StepType.COURSE_ESOL,
                StepType.COURSE_ENGLISH_MATHS, StepType.COURSE_CSCS, StepType.COURSE_OTHER,
                StepType.VOLUNTEERING,
            }
        ),
    ),
    FunnelStage("Work experience or paid placement", frozenset({StepType.WORK_EXPERIENCE, StepType.PAID_PLACEMENT})),
    FunnelStage("Internship or pre-apprenticeship", frozenset({StepType.INTERNSHIP, StepType.PRE_APPRENTICESHIP})),
    FunnelStage("Job or apprenticeship", frozenset(EMPLOYMENT_STEPS)),
)
SUSTAINED_LABEL = f"Still in work at {SUSTAINED_WEEKS} weeks"
PLACEMENT_TYPES = frozenset({StepType.WORK_EXPERIENCE, StepType.PAID_PLACEMENT, StepType.INTERNSHIP, StepType.PRE_APPRENTICESHIP})


@dataclass(frozen=True)
class FunnelCount:
    label: str
    people: int


@dataclass(frozen=True)
class EmployerDelivery:
    employer_id: int
    name: str
    placements: int  # started work experience, paid placements, internships, pre-apprenticeships
    jobs: int  # started jobs and apprenticeships
    in_progress: int  # of those, still going
    sustained: int  # jobs still held at SUSTAINED_WEEKS


def _in(values) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(f"'{v.value}'" for v in sorted(values))


class ReportDataService(Service):
    def pathway_funnel(self) -> tuple[int, list[FunnelCount]]:
        """Open cases, and how many of them reached each stage (or a later one)."""
        rank_cases = " ".join(
            f"WHEN st.type IN ({_in(stage.step_types)}) THEN {rank}" for rank, stage in enumerate(FUNNEL_STAGES, 1)
        )
        sustained_rank = len(FUNNEL_STAGES) + 1
        sql = f"""
            SELECT best, COUNT(*) FROM (
                SELECT p.id AS pid, MAX(
                    CASE WHEN EXISTS (
                        SELECT 1 FROM sustainment_check AS sc
                        WHERE sc.step_id = st.id AND sc.sustained = 1 AND sc.week >= {SUSTAINED_WEEKS}
                    ) THEN {sustained_rank} ELSE CASE {rank_cases} ELSE 0 END END
                ) AS best
                FROM young_person AS p
                LEFT JOIN pathway_step AS st ON st.person_id = p.id AND st.status IN ({_in(STARTED)})
                WHERE p.closed_on IS NULL
                GROUP BY p.id
            ) GROUP BY best
        """
        with self._store.read_session() as s:
            by_rank = {int(rank or 0): n for rank, n in s.connection().exec_driver_sql(sql).fetchall()}
        total = sum(by_rank.values())
        labels = [stage.label for stage in FUNNEL_STAGES] + [SUSTAINED_LABEL]
        counts = [
            FunnelCount(label, sum(n for rank, n in by_rank.items() if rank >= index))
            for index, label in enumerate(labels, 1)
        ]
        return total, counts

    def employer_delivery(self) -> list[EmployerDelivery]:
        """Placements and jobs started with each employer, all cases open or closed, most first."""
        sql = f"""
            SELECT e.id, e.name,
                SUM(CASE WHEN st.type IN ({_in(PLACEMENT_TYPES)}) THEN 1 ELSE 0 END),
                SUM(CASE WHEN st.type IN ({_in(EMPLOYMENT_STEPS)}) THEN 1 ELSE 0 END),
                SUM(CASE WHEN st.status = '{StepStatus.IN_PROGRESS.value}' THEN 1 ELSE 0 END),
                SUM(CASE WHEN st.type IN ({_in(EMPLOYMENT_STEPS)}) AND EXISTS (
                    SELECT 1 FROM sustainment_check AS sc
                    WHERE sc.step_id = st.id AND sc.sustained = 1 AND sc.week >= {SUSTAINED_WEEKS}
                ) THEN 1 ELSE 0 END)
            FROM pathway_step AS st JOIN employer AS e ON e.id = st.employer_id
            WHERE st.status IN ({_in(STARTED)})
              AND st.type IN ({_in(PLACEMENT_TYPES | EMPLOYMENT_STEPS)})
            GROUP BY e.id, e.name
        """
        with self._store.read_session() as s:
            rows = s.connection().exec_driver_sql(sql).fetchall()
        out = [EmployerDelivery(int(i), name, int(p), int(j), int(g), int(k)) for i, name, p, j, g, k in rows]
        out.sort(key=lambda r: (-(r.placements + r.jobs), r.name))
        return out
