"""Everything that knows which database is underneath: the local SQLCipher store (keys,
connections, migrations, backups), the team server on PostgreSQL, and the one seam above both
(`Database`).

The errors load with the package; everything else loads on first use (PEP 562), so the
unlock screen, which needs only the errors and the key file, starts without SQLAlchemy,
Alembic or the models.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from caseapp.store.errors import (
    BackupError,
    DamagedData,
    DamagedStore,
    NewerStore,
    NoSqlCipher,
    NotABackup,
    NotAStore,
    PlaintextDatabase,
    StoreError,
    StoreExists,
    StoreInUse,
    StoreLocked,
    WrongPassphrase,
    WrongRecoveryKey,
)

if TYPE_CHECKING:
    from caseapp.store.backup import BackupInfo, list_backups
    from caseapp.store.database import Database, engine_name
    from caseapp.store.keyfile import KdfParams
    from caseapp.store.store import Store
    from caseapp.store.team_server import TeamServer, TeamServerError

_LAZY = {
    "BackupInfo": "caseapp.store.backup",
    "list_backups": "caseapp.store.backup",
    "KdfParams": "caseapp.store.keyfile",
    "Store": "caseapp.store.store",
    "Database": "caseapp.store.database",
    "engine_name": "caseapp.store.database",
    "TeamServer": "caseapp.store.team_server",
    "TeamServerError": "caseapp.store.team_server",
}

__all__ = [
    "BackupError",
    "BackupInfo",
    "DamagedData",
    "DamagedStore",
    "Database",
    "KdfParams",
    "NewerStore",
    "NoSqlCipher",
    "NotABackup",
    "NotAStore",
    "PlaintextDatabase",
    "Store",
    "StoreError",
    "StoreExists",
    "StoreInUse",
    "StoreLocked",
    "TeamServer",
    "TeamServerError",
    "WrongPassphrase",
    "WrongRecoveryKey",
    "engine_name",
    "list_backups",
]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
