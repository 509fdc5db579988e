"""Folders caseapp has saved a PDF or an export in, so the next unlock can tidy them.

A save killed at the wrong moment leaves its part-file behind; at the next unlock caseapp
looks in these folders (and only these) for part-files with its own names and removes them.
The list is kept inside the encrypted store because a folder's path may carry a name.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Text
from sqlalchemy.orm import Mapped, mapped_column

from caseapp.models.base import Base


class OutputFolder(Base):
    __tablename__ = "output_folder"

    # The absolute path as the worker chose it (a link to a folder is kept as given).
    path: Mapped[str] = mapped_column(Text, primary_key=True)
    first_written_at: Mapped[datetime] = mapped_column(DateTime)
