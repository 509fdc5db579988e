"""Caseload-wide settings, kept inside the encrypted store so they travel with backups."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from caseapp.models.base import Base


class SettingValue(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    # JSON text, so every declared type round-trips without a column per type.
    value: Mapped[str] = mapped_column(Text)
