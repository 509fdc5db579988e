"""The hand-off to the line manager, and the log of every disclosure it makes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseapp.models.base import Base, TimestampMixin


class HandOff(TimestampMixin, Base):
    __tablename__ = "hand_off"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("pathway_step.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("young_person.id", ondelete="CASCADE"), index=True)
    built_on: Mapped[date] = mapped_column(Date)
    line_manager: Mapped[str] = mapped_column(String(200))
    hr_contact: Mapped[str | None] = mapped_column(String(200))
    adjustments: Mapped[str | None] = mapped_column(Text)
    first_two_weeks: Mapped[str | None] = mapped_column(Text)
    keep_in_touch: Mapped[str | None] = mapped_column(Text)
    if_difficult: Mapped[str | None] = mapped_column(Text)
    mentor: Mapped[str | None] = mapped_column(String(200))
    strengths: Mapped[str | None] = mapped_column(Text)
    items: Mapped[list[HandOffItem]] = relationship(
        back_populates="hand_off", order_by="HandOffItem.id", cascade="all, delete-orphan"
    )


class HandOffItem(Base):
    """One support need chosen for this hand-off (only ever a consented one)."""

    __tablename__ = "hand_off_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    hand_off_id: Mapped[int] = mapped_column(ForeignKey("hand_off.id", ondelete="CASCADE"), index=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("support_need.id", ondelete="CASCADE"))
    hand_off: Mapped[HandOff] = relationship(back_populates="items")


class Disclosure(Base):
    """Every pack printed or exported: what, for whom, when, by whom."""

    __tablename__ = "disclosure"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("young_person.id", ondelete="CASCADE"), index=True)
    hand_off_id: Mapped[int | None] = mapped_column(ForeignKey("hand_off.id", ondelete="SET NULL"))
    document: Mapped[str] = mapped_column(String(80))
    recipient: Mapped[str] = mapped_column(String(200))
    items: Mapped[list[str]] = mapped_column(JSON, default=list)
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("worker.id"))
    disclosed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
