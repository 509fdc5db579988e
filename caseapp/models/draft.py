"""Text being typed when the app locked, kept inside the encrypted store until unlock."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from caseapp.models.base import Base


class Draft(Base):
    __tablename__ = "draft"

    # Where the text was typed, e.g. "person/12/check-ins/note": never personal data.
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(DateTime)
