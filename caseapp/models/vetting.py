"""Vetting checks and the workarounds that let a care leaver through checks built for others."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from caseapp.models.base import Base, TimestampMixin, code
from caseapp.models.codes import VettingNeed, VettingOutcome


class VettingCheck(TimestampMixin, Base):
    __tablename__ = "vetting_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("young_person.id", ondelete="CASCADE"), index=True)
    step_id: Mapped[int | None] = mapped_column(ForeignKey("pathway_step.id", ondelete="SET NULL"))
    need: Mapped[VettingNeed] = mapped_column(code(VettingNeed))
    outcome: Mapped[VettingOutcome] = mapped_column(code(VettingOutcome))
    blocker: Mapped[str | None] = mapped_column(String(500))
    alternative: Mapped[str | None] = mapped_column(String(500))
    # For a legal requirement (right to work): how it was met, since it can never be waived.
    how_met: Mapped[str | None] = mapped_column(String(500))
    approved_by: Mapped[str | None] = mapped_column(String(200))
    employer_signed_off_by: Mapped[str | None] = mapped_column(String(200))
    decided_on: Mapped[date | None] = mapped_column(Date)
    review_on: Mapped[date | None] = mapped_column(Date)
