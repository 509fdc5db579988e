"""Failures of the store, each with one plain sentence a worker (or a script) can act on.

Messages never carry personal data or file contents: they may be shown on screen, printed
by the command line and written to logs.
"""


class StoreError(Exception):
    """Base of every failure the store reports to a person."""

    message = "The caseload could not be opened."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)

    def __str__(self) -> str:
        return self.args[0]


class WrongPassphrase(StoreError):
    message = "That passphrase does not open this caseload."


class WrongRecoveryKey(StoreError):
    message = "That recovery key does not open this caseload."


class DamagedStore(StoreError):
    message = "The caseload files are damaged. Restore the latest backup."


class DamagedData(DamagedStore):
    """A page deep in the database will not read, though the caseload opened."""

    message = (
        "Part of the caseload is damaged and cannot be read, so this could not be done. "
        "Run caseapp verify to see what is damaged, then restore the latest backup."
    )


class NotAStore(StoreError):
    message = "This folder holds no caseapp store."


class NewerStore(StoreError):
    message = "This caseload was made by a newer version of caseapp. Install that version to open it."


class WeakKeyDerivation(StoreError):
    message = (
        "This caseload's passphrase protection is weaker than caseapp allows (a setting meant "
        "only for testing), so caseapp will not open it. Ask IT for help."
    )


class StoreExists(StoreError):
    message = "This folder already holds a caseapp store."


class PlaintextDatabase(StoreError):
    message = (
        "This database is not encrypted, so caseapp will not open it. "
        "Move it somewhere safe and ask IT to delete it."
    )


class NoSqlCipher(StoreError):
    message = (
        "The database library on this computer cannot encrypt, so caseapp will not open "
        "the caseload. Reinstall caseapp."
    )


class StoreInUse(StoreError):
    message = (
        "This caseload is already open in another caseapp window or process. "
        "Close that one first."
    )


class LockFileUnusable(StoreError):
    message = (
        "The caseload's lock file (caseload.lock) is not an ordinary file, so caseapp cannot "
        "tell whether another window has the caseload open. Move it out of the caseload's "
        "folder, then try again."
    )


class StoreLocked(StoreError):
    message = "The caseload is locked. Unlock it first."


class BackupError(StoreError):
    message = "The backup could not be made."


class NotABackup(StoreError):
    message = "That folder is not a caseapp backup."
