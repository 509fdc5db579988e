"""Check-ins: every contact (or attempt) with a young person, and when the next is due."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from caseapp.models.base import Base, TimestampMixin, code
from caseapp.models.codes import CheckInMethod, CheckInOutcome


class CheckIn(TimestampMixin, Base):
    __tablename__ = "check_in"
    __table_args__ = (Index("ix_check_in_person_when", "person_id", "happened_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("young_person.id", ondelete="CASCADE"))
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("worker.id"))
    happened_at: Mapped[datetime] = mapped_column(DateTime)
    method: Mapped[CheckInMethod] = mapped_column(code(CheckInMethod))
    outcome: Mapped[CheckInOutcome] = mapped_column(code(CheckInOutcome))
    note: Mapped[str | None] = mapped_column(String(2000))
    actions: Mapped[str | None] = mapped_column(String(2000))
    # An agreed date overrides the cadence rule for this young person's next contact.
    next_contact_on: Mapped[date | None] = mapped_column(Date)
