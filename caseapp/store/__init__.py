"""Everything that knows the database is SQLCipher: keys, connections, migrations, backups."""

from caseapp.store.backup import BackupInfo, list_backups
from caseapp.store.errors import (
    BackupError,
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
from caseapp.store.keyfile import KdfParams
from caseapp.store.store import Store

__all__ = [
    "BackupError",
    "BackupInfo",
    "DamagedStore",
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
    "WrongPassphrase",
    "WrongRecoveryKey",
    "list_backups",
]
