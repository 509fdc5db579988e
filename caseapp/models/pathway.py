"""A young person's pathway: steps from CV support to a sustained job."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseapp.models.base import Base, TimestampMixin, code
from caseapp.models.codes import StepStatus, StepType


class PathwayStep(TimestampMixin, Base):
    __tablename__ = "pathway_step"
    __table_args__ = (Index("ix_pathway_step_person_status", "person_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("young_person.id", ondelete="CASCADE"))
    type: Mapped[StepType] = mapped_column(code(StepType))
    status: Mapped[StepStatus] = mapped_column(code(StepStatus))
    title: Mapped[str | None] = mapped_column(String(200))  # the role or course name
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id"), index=True)
    opportunity_id: Mapped[int | None] = mapped_column(ForeignKey("opportunity.id"), index=True)
    provider: Mapped[str | None] = mapped_column(String(200))  # when not an employer on file
    offered_on: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    hours_per_week: Mapped[float | None]
    pay_pence_per_hour: Mapped[int | None] = mapped_column(Integer)
    ring_fenced: Mapped[bool] = mapped_column(Boolean, default=False)
    apprenticeship_level: Mapped[int | None] = mapped_column(Integer)
    mentor: Mapped[str | None] = mapped_column(String(200))
    line_manager: Mapped[str | None] = mapped_column(String(200))
    line_manager_contact: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str | None] = mapped_column(String(1000))
    ended_reason: Mapped[str | None] = mapped_column(String(500))

    sustainment_checks: Mapped[list[SustainmentCheck]] = relationship(
        back_populates="step", order_by="SustainmentCheck.week", cascade="all, delete-orphan"
    )


class SustainmentCheck(Base):
    """Still in the job at week 4, 13, 26, 52? Due dates count from the step's start."""

    __tablename__ = "sustainment_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("pathway_step.id", ondelete="CASCADE"), index=True)
    week: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    checked_on: Mapped[date | None] = mapped_column(Date)
    sustained: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(String(500))
    step: Mapped[PathwayStep] = relationship(back_populates="sustainment_checks")
