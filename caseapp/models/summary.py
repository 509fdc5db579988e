"""Per-person caseload summary: derived columns the caseload screen reads in one pass.

Never edited directly: services recompute a person's row from the source tables in the
same transaction as any write that could change it (see services/summary.py).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from caseapp.models.base import Base, code
from caseapp.models.codes import EetStatus, StepStatus, StepType


class CaseloadSummary(Base):
    __tablename__ = "caseload_summary"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("young_person.id", ondelete="CASCADE"), primary_key=True
    )
    last_contact_at: Mapped[datetime | None] = mapped_column(DateTime)  # last check-in where they spoke
    agreed_next_on: Mapped[date | None] = mapped_column(Date)  # from the latest check-in
    step_type: Mapped[StepType | None] = mapped_column(code(StepType))
    step_status: Mapped[StepStatus | None] = mapped_column(code(StepStatus))
    step_start: Mapped[date | None] = mapped_column(Date)
    eet_status: Mapped[EetStatus | None] = mapped_column(code(EetStatus))
    neet_since: Mapped[date | None] = mapped_column(Date)
