"""The people who use caseapp: employability workers, Personal Advisers, team leads."""

from __future__ import annotations

from sqlalchemy import Boolean, String, false, true
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
    team: Mapped[str | None] = mapped_column(String(120))
    # When they can be reached, in their own words ("Monday to Thursday, 9 to 5").
    hours: Mapped[str | None] = mapped_column(String(200))
    # A colleague who has left stays on file (their name is on check-ins and in the audit
    # trail) but is no longer offered for new allocations.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # On a team server: the PostgreSQL login role this worker signs in as (empty on the local store).
    account: Mapped[str | None] = mapped_column(String(63), unique=True)
    # Set when an administrator gives a first password; the client asks for a new one at sign-in.
    password_change_due: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
