"""Employers, the opportunities they offer, and the social-value commitments they made."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from caseapp.models.base import Base, TimestampMixin, code
from caseapp.models.codes import SkillLevel, StepType, VettingNeed


class Employer(TimestampMixin, Base):
    __tablename__ = "employer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str | None] = mapped_column(String(100))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    offers: Mapped[str | None] = mapped_column(Text)  # from a virtual tour to an apprenticeship
    notes: Mapped[str | None] = mapped_column(Text)  # e.g. quarterly check-in notes
    closed_on: Mapped[date | None] = mapped_column(Date)


class Opportunity(TimestampMixin, Base):
    __tablename__ = "opportunity"

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id"), index=True)
    type: Mapped[StepType] = mapped_column(code(StepType))
    title: Mapped[str] = mapped_column(String(200))
    places: Mapped[int] = mapped_column(Integer, default=1)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    closing_date: Mapped[date | None] = mapped_column(Date)
    pay_pence_per_hour: Mapped[int | None] = mapped_column(Integer)
    hours_per_week: Mapped[float | None]
    location: Mapped[str | None] = mapped_column(String(200))
    sector: Mapped[str | None] = mapped_column(String(100))
    requirements: Mapped[str | None] = mapped_column(Text)
    needs_right_to_work: Mapped[bool] = mapped_column(Boolean, default=True)
    dbs_level: Mapped[VettingNeed | None] = mapped_column(code(VettingNeed))
    english_level: Mapped[SkillLevel | None] = mapped_column(code(SkillLevel))
    ring_fenced: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_on: Mapped[date | None] = mapped_column(Date)


class EmployerCommitment(TimestampMixin, Base):
    """A pledge under a council contract. Measures are named by users (TOMs text is licensed)."""

    __tablename__ = "employer_commitment"

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id"), index=True)
    measure: Mapped[str] = mapped_column(String(300))
    step_type: Mapped[StepType | None] = mapped_column(code(StepType))  # what counts as delivery
    pledged: Mapped[int] = mapped_column(Integer)
    contract: Mapped[str | None] = mapped_column(String(200))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
