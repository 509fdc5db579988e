"""Export the caseload as shown to CSV or Excel: where to save, the work off the GUI thread, what went wrong."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QProgressDialog, QWidget

from caseapp.services.caseload import CaseloadFilter
from caseapp.services.errors import ValidationError
from caseapp.services.exports import ExportFailed, ExportFormat, ExportResult
from caseapp.services.registry import Services
from caseapp.ui.background import BackgroundTask

log = logging.getLogger(__name__)

SUFFIXES = {".csv": ExportFormat.CSV, ".xlsx": ExportFormat.XLSX}
# A quick export should not flash a window; a slow one shows that work is going on.
BUSY_AFTER_MS = 300



def _filters() -> dict[str, ExportFormat]:
    return {
        QCoreApplication.translate("ExportCaseload", "CSV (*.csv)"): ExportFormat.CSV,
        QCoreApplication.translate("ExportCaseload", "Excel workbook (*.xlsx)"): ExportFormat.XLSX,
    }


def ask_path(parent: QWidget | None, services: Services) -> tuple[Path, ExportFormat] | None:
    """Where to save and in which format, or None if the worker cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    # A date, never a name: the file name may end up in a shared folder or an email.
    suggested = Path(folder) / f"caseload-{services.today():%Y-%m-%d}.csv"
    filters = _filters()
    # The one place to say it without a box to click through: the dialog's own title, which
    # native save dialogs show as well.
    title = QCoreApplication.translate(
        "ExportCaseload", "Export caseload (the file is not encrypted: anyone who can open it can read it)")
    chosen, kind = QFileDialog.getSaveFileName(parent, title, str(suggested), ";;".join(filters))
    if not chosen:
        return None
    path = Path(chosen)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:  # no suffix typed: the file type chosen decides
        fmt = filters.get(kind, ExportFormat.CSV)
        path = path.with_name(path.name + "." + fmt.value)
    return path, fmt


def _sentence(error: BaseException) -> str:
    """What to tell the worker. Only our own messages are shown: others could quote a file name."""
    if isinstance(error, ValidationError):
        return " ".join(error.problems.values())
    if isinstance(error, ExportFailed):
        return str(error)
    if isinstance(error, OSError):
        reason = error.strerror or QCoreApplication.translate("ExportCaseload", "the disk refused it")
        return QCoreApplication.translate(
            "ExportCaseload", "The file could not be written (%1). Nothing was exported."
        ).replace("%1", reason)
    log.error("Caseload export failed: %s", type(error).__name__)
    return QCoreApplication.translate("ExportCaseload", "The caseload could not be exported. Nothing was written.")


def _run(parent: QWidget | None, call) -> tuple[bool, object]:
    """Run `call` on a pool thread, waiting here with a busy indicator; (ok, result or error)."""
    outcome: list[tuple[bool, object]] = []
    task = BackgroundTask()
    task.succeeded.connect(lambda result: outcome.append((True, result)))
    task.failed.connect(lambda error: outcome.append((False, error)))
    busy = QProgressDialog(QCoreApplication.translate("ExportCaseload", "Exporting the caseload…"), "", 0, 0, parent)
    busy.setWindowTitle(QCoreApplication.translate("ExportCaseload", "Export caseload"))
    busy.setAccessibleName(QCoreApplication.translate("ExportCaseload", "Exporting the caseload"))
    busy.setCancelButton(None)  # a file half written is worse than waiting a moment
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(0)
    busy.reset()  # QProgressDialog otherwise shows itself on its own timer
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(busy.show)
    loop = QEventLoop()
    task.finished.connect(loop.quit)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        task.start(call)
        timer.start(BUSY_AFTER_MS)
        if task.running:
            # Clicks and keys wait until the export is done rather than acting on the screen under it.
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        timer.stop()
        busy.close()
        busy.deleteLater()
        QApplication.restoreOverrideCursor()
    return outcome[0]


def export_caseload(
    parent: QWidget | None,
    services: Services,
    *,
    filter: CaseloadFilter | str,
    mine: bool,
    person_ids: list[int] | None = None,
    path: Path | None = None,
    format: ExportFormat | None = None,
) -> Path | None:
    """Export the caseload for this filter; the path written, or None if cancelled or refused.

    `path` None asks where to save; given, `format` defaults to what its suffix says.
    """
    if path is None:
        answer = ask_path(parent, services)
        if answer is None:
            return None
        path, format = answer
    fmt = format or SUFFIXES.get(path.suffix.lower(), ExportFormat.CSV)
    target = path

    def call() -> ExportResult:
        return services.exports.export_caseload(
            path=target, format=fmt, filter=filter, mine=mine, person_ids=person_ids
        )

    ok, result = _run(parent, call)
    if not services.store.is_unlocked:
        # The app locked while the file was being written: nothing may show over the lock
        # screen, whatever the outcome (the audit log has it if it was written).
        return None
    if not ok:
        assert isinstance(result, BaseException)  # what BackgroundTask.failed sends
        QMessageBox.warning(parent, QCoreApplication.translate("ExportCaseload", "Export caseload"), _sentence(result))
        return None
    assert isinstance(result, ExportResult)  # what call() returns
    written = result
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(
            QCoreApplication.translate("ExportCaseload", "Caseload exported: %1 young people, saved as %2.")
            .replace("%1", str(written.rows)).replace("%2", written.path.name), 10_000
        )
    return written.path
