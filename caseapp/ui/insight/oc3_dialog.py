"""The statutory return (OC3): check the year's records, open each one that needs fixing, then export.

Checking and writing run off the GUI thread: with a large caseload they take seconds.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QStandardPaths, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableView, QWidget

from caseapp import dates
from caseapp.services import oc3
from caseapp.services.errors import ValidationError
from caseapp.services.exports import ExportFailed
from caseapp.services.oc3 import Oc3Files, Oc3Problem, Oc3Return, ReturnNotReady, year_label
from caseapp.services.registry import Services
from caseapp.ui.background import BackgroundTask
from caseapp.ui.insight.oc3_view import Oc3View
from caseapp.ui.widgets import confirm
from caseapp.ui.widgets.field_errors import fit_to_screen

YEARS_BACK = 7


def default_year(today: date) -> int:
    """The most recent collection year to have ended (on 31 March) before today."""
    return today.year if date(today.year, 3, 31) < today else today.year - 1


class Oc3Dialog(Oc3View):
    # A young person's id and the problem's field: the main window opens their record where
    # the fix goes.
    fix_requested = Signal(int, str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.report: Oc3Return | None = None
        self.task = BackgroundTask(self)
        self.task.succeeded.connect(self._done)
        self.task.failed.connect(self._failed)
        self.task.finished.connect(self._idle)
        self._writing = False
        self._abandoned = False
        self._checked_once = False
        latest = default_year(services.today())
        # The year under way can be checked early; it cannot be returned until it ends.
        for year in range(latest + 1, max(oc3.FIRST_YEAR, latest - YEARS_BACK) - 1, -1):
            start, end = oc3.collection_year(year)
            label = self.tr("%1 (%2 to %3)").replace("%1", year_label(year)) \
                .replace("%2", dates.day(start)).replace("%3", dates.day(end))
            if year > latest:
                label += " — " + self.tr("not ended yet")
            self.year.addItem(label, year)
        # Before the first year the return is written for, the only year listed is chosen.
        self.year.setCurrentIndex(max(self.year.findData(latest), 0))
        self.year.currentIndexChanged.connect(self._year_changed)
        self.check_button.clicked.connect(self.check)
        self.export_button.clicked.connect(lambda: self.export(draft=False))
        self.draft_button.clicked.connect(lambda: self.export(draft=True))
        self.open_button.clicked.connect(lambda: self.open_selected())
        for table in (self.problems, self.excluded):
            table.activated.connect(self.open_selected)
            table.selectionModel().selectionChanged.connect(self._enable)
        self.tabs.currentChanged.connect(self._enable)
        self._show(None)

    def chosen_year(self) -> int:
        return int(self.year.currentData())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # Checking is what the worker opens this for; start at once, once.
        if not self._checked_once:
            self._checked_once = True
            self.check()

    # -- checking ------------------------------------------------------------------------------

    def check(self) -> None:
        if self.task.running:
            return
        year = self.chosen_year()
        self._busy(self.tr("Checking the records for %1…").replace("%1", year_label(year)))
        self.task.start(lambda: self.services.oc3.check(year=year))

    def _year_changed(self) -> None:
        self._show(None)
        self.summary.setText(self.tr("Press Check to check the records for %1.")
                             .replace("%1", year_label(self.chosen_year())))

    def _show(self, report: Oc3Return | None) -> None:
        self.report = report
        self.problem_model.set_rows(report.problems if report else [])
        self.excluded_model.set_rows(report.not_included if report else [])
        for table in (self.problems, self.excluded):
            table.resizeColumnsToContents()
            table.setColumnWidth(0, min(table.columnWidth(0), 220))
        problems, excluded = (len(report.problems), len(report.not_included)) if report else (0, 0)
        self.tabs.setTabText(0, self.tr("Problems to fix (%1)").replace("%1", str(problems)))
        self.tabs.setTabText(1, self.tr("Not in the return (%1)").replace("%1", str(excluded)))
        self.notes.setText("\n".join(report.notes) if report else "")
        if report is not None:
            self.summary.setText(self._summary(report))
            if report.problems:
                self.tabs.setCurrentIndex(0)
                self.problems.selectRow(0)
                self.problems.setFocus()
        self._enable()
        self._make_room()

    def _make_room(self) -> None:
        """The window grown, as far as the screen allows, for sentences that now take more
        lines, and laid out again at once: never seen with a sentence cut to its old height."""
        fit_to_screen(self, grow_only=True)
        if (layout := self.layout()) is not None:
            layout.activate()

    def _people(self, n: int) -> str:
        return self.tr("1 young person") if n == 1 else self.tr("%1 young people").replace("%1", str(n))

    def _problems(self, count: int, records: int) -> str:
        problems = self.tr("1 problem") if count == 1 else self.tr("%1 problems").replace("%1", str(count))
        where = self.tr("1 record") if records == 1 else self.tr("%1 records").replace("%1", str(records))
        return self.tr("%1 in %2").replace("%1", problems).replace("%2", where)

    def _summary(self, report: Oc3Return) -> str:
        text = self.tr("%1: %2 in the return.").replace("%1", report.label) \
            .replace("%2", self._people(len(report.lines)))
        if report.ready:
            return text + " " + self.tr("No problems found: it is ready to export.")
        records = len({p.person_id for p in report.problems})
        return text + " " + self.tr("%1 to fix before it can be exported. Double-click or press Enter on one to "
                                    "open the record.").replace("%1", self._problems(len(report.problems), records))

    # -- opening a record -----------------------------------------------------------------------

    def _current_table(self) -> QTableView:
        return self.problems if self.tabs.currentIndex() == 0 else self.excluded

    def selected(self) -> Oc3Problem | None:
        table = self._current_table()
        model = self.problem_model if table is self.problems else self.excluded_model
        rows = table.selectionModel().selectedRows()
        return model.row_at(rows[0].row()) if rows else None

    def open_selected(self, index: QModelIndex | None = None) -> None:
        if index is not None and index.isValid():
            model = self.problem_model if index.model() is self.problem_model else self.excluded_model
            problem = model.row_at(index.row())
        else:
            problem = self.selected()
        if problem is None:
            return
        self.fix_requested.emit(problem.person_id, problem.field)
        # Shown modally, the dialog would sit over the record it just opened: close it so the
        # record can be fixed, then check again. Shown modelessly, it stays as a to-do list.
        if self.isModal():
            self.accept()

    # -- exporting ------------------------------------------------------------------------------

    def export(self, *, draft: bool) -> None:
        if self.task.running:
            return
        report = self.report
        if not draft and report is not None and report.problems:
            sentence = self._not_ready(len(report.problems), len({p.person_id for p in report.problems}))
            self.outcome.setText(sentence)
            self._make_room()
            QMessageBox.warning(self, self.tr("Return not ready"), sentence)
            return
        if draft and not confirm.ask(
            self,
            self.tr("Export a draft"),
            self.tr("Problems remain. The draft is written with them in it (where IN_TOUCH, ACTIV or ACCOM "
                    "cannot be worked out, they are left blank), and the DfE will not accept it until they are "
                    "fixed. Export a draft anyway?"),
            self.tr("Export draft"),
        ):
            return
        folder = self.ask_folder()
        if not folder:
            return
        year = self.chosen_year()
        self._writing = True
        self._busy(self.tr("Writing the return for %1…").replace("%1", year_label(year)))
        self.task.start(lambda: self.services.oc3.export(year=year, folder=folder, allow_problems=draft))

    def ask_folder(self) -> str:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return QFileDialog.getExistingDirectory(self, self.tr("Folder to save the return in"), start)

    def _not_ready(self, count: int, people: int) -> str:
        return self.tr("The return cannot be exported yet: %1 to fix. Fix them and check again, or export a "
                       "draft to look at.").replace("%1", self._problems(count, people))

    def _exported(self, report: Oc3Return, files: Oc3Files) -> None:
        self._show(report)
        text = self.tr("Saved %1 and %2 in %3, with %4 in them.") \
            .replace("%1", files.header.name).replace("%2", files.oc3.name) \
            .replace("%3", str(files.header.parent)).replace("%4", self._people(files.rows))
        if files.problems:
            text += " " + self.tr("This is a draft, with %1 still to fix: the DfE will not accept it as it is.") \
                .replace("%1", self.tr("1 problem") if files.problems == 1
                         else self.tr("%1 problems").replace("%1", str(files.problems)))
        self.outcome.setText(text)
        self._make_room()
        QMessageBox.information(self, self.tr("Return exported"), text)

    # -- the background task ----------------------------------------------------------------------

    def _busy(self, text: str) -> None:
        self.outcome.setText(text)
        self._make_room()
        self.progress.show()
        self._make_room()
        for control in (self.check_button, self.export_button, self.draft_button, self.year):
            control.setEnabled(False)

    def _idle(self) -> None:
        self._writing = False
        self.progress.hide()
        self.year.setEnabled(True)
        self.check_button.setEnabled(True)
        self._enable()

    def _done(self, result: object) -> None:
        if self._abandoned:
            return
        if isinstance(result, tuple):
            self._exported(*result)
        else:
            self.outcome.clear()
            assert result is None or isinstance(result, Oc3Return)  # what the check sends
            self._show(result)

    def _failed(self, error: BaseException) -> None:
        if self._abandoned:
            return
        if isinstance(error, ReturnNotReady):
            self._show(error.report)
            report = error.report
            sentence = self._not_ready(len(report.problems), len({p.person_id for p in report.problems}))
        elif isinstance(error, ValidationError):
            sentence = " ".join(error.problems.values())
        elif isinstance(error, ExportFailed):
            sentence = str(error)
        else:
            sentence = self.tr("Something went wrong, so nothing was written. Try again; if it happens again, "
                               "tell your system administrator.")
        self.outcome.setText(sentence)
        self._make_room()
        QMessageBox.warning(self, self.tr("Statutory return"), sentence)

    def _enable(self) -> None:
        if self.task.running:
            return
        report = self.report
        self.export_button.setEnabled(report is not None)
        self.draft_button.setEnabled(report is not None and bool(report.problems))
        self.open_button.setEnabled(self.selected() is not None)

    def reject(self) -> None:
        # Closing mid-write would hide whether the files were written.
        if not self._writing:
            super().reject()

    def close_for_lock(self) -> None:
        """The app is locking: the names must leave the screen even mid-write. A write under
        way finishes or, once the store is locked, is refused having written nothing; either
        way nothing is shown over the lock screen, and the worker exports again to be sure."""
        self._abandoned = True
        super().reject()

    def release(self) -> None:
        """Delete the dialog once nothing runs on its behalf: a task still going holds it."""
        if self.task.running:
            self.task.finished.connect(self.deleteLater)
        else:
            self.deleteLater()

