"""Damage as a failing disk does it: bytes zeroed inside pages deep in the database."""

from __future__ import annotations

from pathlib import Path

PAGE = 4096


def damage_pages(db: Path, *, first: int = 5, every: int = 7) -> None:
    """Zero 64 bytes inside every `every`th page from `first` on."""
    data = bytearray(db.read_bytes())
    for page in range(first, len(data) // PAGE, every):
        start = page * PAGE + 1000
        data[start : start + 64] = bytes(64)
    db.write_bytes(bytes(data))


def damage_deep(folder: Path, passphrase: str) -> None:
    """Damage the closed store in `folder` so that it still unlocks and its services start
    (page 1, the schema, the team and the settings read) but the caseload itself does not:
    the case the tests need.

    Which pages hold what depends on the data, so patterns are tried until one fits.
    """
    from caseapp.services.registry import open_services
    from caseapp.store import DamagedStore, Store

    db = folder / "caseload.db"
    pristine = db.read_bytes()
    for every in (7, 5, 3, 11):
        for first in range(3, 30):
            db.write_bytes(pristine)
            damage_pages(db, first=first, every=every)
            store = Store(folder)
            try:
                store.unlock(passphrase)
            except DamagedStore:
                continue
            try:
                services = open_services(store)
                services.settings.get_all()
            except DamagedStore:
                store.close(backup=False)
                continue
            try:
                services.caseload.caseload()
            except DamagedStore:
                return
            finally:
                store.close(backup=False)
    raise AssertionError("no damage pattern left the store unlockable but unreadable")
