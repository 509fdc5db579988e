"""Damage as a failing disk does it: bytes zeroed inside pages deep in the database."""

from __future__ import annotations

from pathlib import Path

PAGE = 4096


def damage_pages(db: Path, *, first: int = 5, every: int = 7) -> None:
    """Zero 64 bytes inside every `every`th page from `first` on; page 1 and the schema
    stay readable, so the caseload still unlocks."""
    data = bytearray(db.read_bytes())
    for page in range(first, len(data) // PAGE, every):
        start = page * PAGE + 1000
        data[start : start + 64] = bytes(64)
    db.write_bytes(bytes(data))
