"""The people who use caseapp: employability workers, Personal Advisers, team leads."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from caseapp.models.base import Base, TimestampMixin, code
from caseapp.models.codes import WorkerRole


class Worker(TimestampMixin, Base):
    __tablename__ = "worker"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[WorkerRole] = mapped_column(code(WorkerRole))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
