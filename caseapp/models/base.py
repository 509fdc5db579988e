"""Declarative base, naming convention and shared column helpers for every model."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Enum, Integer, MetaData, text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from caseapp.models.codes import WorkerRole

# Alembic's batch mode on SQLite recreates tables, so every constraint needs a stable name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def code(enum_cls: type[enum.Enum]) -> Enum:
    """A code column: stores the enum's value (not its name) as short text."""
    return Enum(
        enum_cls,
        native_enum=False,
        length=40,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class VersionedMixin:
    """A record that two people may edit: its version goes up by one at every UPDATE, and an
    UPDATE is made only `WHERE version = ` the one it was read at (SQLAlchemy's
    version_id_col), so a change made meanwhile by someone else is refused, never overwritten."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default=text("1"))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class TimestampMixin(VersionedMixin):
    """Every record people edit carries when it was made and last changed, and its version."""

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


__all__ = ["Base", "TimestampMixin", "VersionedMixin", "WorkerRole", "code", "utcnow"]
