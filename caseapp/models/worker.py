"""The people who use caseapp: employability workers, Personal Advisers, team leads."""

from __future__ import annotations

from sqlalchemy import Enum, String
from sqlalchemy.orm import Mapped, mapped_column

from caseapp.models.base import Base, TimestampMixin, WorkerRole


class Worker(TimestampMixin, Base):
    __tablename__ = "worker"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[WorkerRole] = mapped_column(
        Enum(WorkerRole, native_enum=False, length=40, values_callable=lambda e: [m.value for m in e])
    )
