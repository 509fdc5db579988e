"""File › Back up to a folder: an encrypted copy of the caseload where the worker chooses
(a network drive, say), since the automatic backups sit on the same laptop as the caseload."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from caseapp.store import Store
from caseapp.store.errors import BackupError
from caseapp.ui.widgets import confirm


def back_up_to_folder(parent: QWidget, store: Store) -> str | None:
    """Ask for a folder and write the backup there; the sentence to show when it is made,
    None when the worker chose no folder or it could not be written (said in a window)."""
    start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    chosen = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("BackupToFolder", "Back up the caseload to a folder"), start)
    if not chosen:
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        info = store.backup_now(Path(chosen))
    except (OSError, BackupError) as exc:
        why = str(exc) if isinstance(exc, BackupError) else (exc.strerror or type(exc).__name__) + "."
        confirm.tell(parent, QCoreApplication.translate("BackupToFolder", "Backup not made"),
                     QCoreApplication.translate(
                         "BackupToFolder", "The backup could not be written to that folder: %1 Nothing was "
                         "changed. Choose another folder, or check the drive is connected.").replace("%1", why))
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    return QCoreApplication.translate(
        "BackupToFolder", "Backed up to %1. It opens with your current passphrase.").replace("%1", str(info.path))
