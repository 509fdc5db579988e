"""The young person: who they are. Age is computed from the date of birth, never stored."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from caseapp.models.base import Base, TimestampMixin


class YoungPerson(TimestampMixin, Base):
    __tablename__ = "young_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    preferred_name: Mapped[str | None] = mapped_column(String(100))
    # The name as the young person writes it, in their own script (Tigrinya, Arabic, ...).
    own_script_name: Mapped[str | None] = mapped_column(String(200))
    date_of_birth: Mapped[date] = mapped_column(Date)
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("worker.id"), index=True)
