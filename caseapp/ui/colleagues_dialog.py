"""Colleagues: add, edit and make inactive the workers and PAs young people are allocated to.

Only one person signs in to a local caseload, but young people have Personal Advisers and
colleagues cover for each other; these are the same workers the team server has accounts for.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QSize
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.services.workers import WorkerRecord
from caseapp.ui.colleagues_view import ColleaguesView
from caseapp.ui.widgets import confirm
from caseapp.ui.widgets.tables import fit_columns, selected_row
from caseapp.ui.worker_dialog import WorkerDialog


class ColleaguesDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Colleagues"))
        self.view = ColleaguesView()
        self.view.owner_id = services.workers.owner_id()
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.dialog: WorkerDialog | None = None  # the add or edit window while it is open
        v = self.view
        v.add_button.clicked.connect(self.add)
        v.edit_button.clicked.connect(self.edit)
        v.active_button.clicked.connect(self.toggle_active)
        v.table.activated.connect(lambda _index: self.edit())
        v.buttons.rejected.connect(self.reject)
        v.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reload()
        self.resize(self.sizeHint())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Wide enough for every column as filled, within the screen; a table's own hint
        knows nothing of its columns."""
        hint = super().sizeHint()
        table = self.view.table
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        wanted = (table.horizontalHeader().length() + 2 * table.frameWidth()
                  + table.verticalScrollBar().sizeHint().width() + margins.left() + margins.right())
        width, height = max(hint.width(), wanted, 640), max(hint.height(), 420)
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 40), min(height, room.height() - 80)
        return QSize(width, height)

    def reload(self, select_id: int | None = None) -> None:
        chosen = select_id if select_id is not None else getattr(self.selected(), "id", None)
        self.view.cases = self.services.workers.allocations()
        workers = self.services.workers.list_workers()
        self.view.model.set_rows(workers)
        fit_columns(self.view.table)
        ids = [w.id for w in workers]
        if chosen in ids:
            self.view.table.selectRow(ids.index(chosen))
        self._selection_changed()

    def selected(self) -> WorkerRecord | None:
        row = selected_row(self.view.table)
        return self.view.model.row_at(row) if row is not None else None

    def _selection_changed(self, *_args: object) -> None:
        worker = self.selected()
        v = self.view
        v.edit_button.setEnabled(worker is not None)
        is_owner = worker is not None and worker.id == v.owner_id
        v.active_button.setEnabled(worker is not None and not is_owner)
        if worker is not None and not worker.active:
            v.active_button.setText(self.tr("Make ac&tive"))  # Alt+A is Add colleague
            v.active_button.setAccessibleName(self.tr("Make the selected colleague active again"))
        else:
            v.active_button.setText(self.tr("Make &inactive…"))
            v.active_button.setAccessibleName(self.tr("Make the selected colleague inactive"))
        v.active_button.setToolTip(self.tr("This caseload is yours, so you stay active.") if is_owner else "")
        v.problem.hide()  # it was about the row chosen before

    def _open(self, worker: WorkerRecord | None) -> None:
        own = worker is not None and worker.id == self.view.owner_id
        self.dialog = WorkerDialog(self.services, worker, own=own, parent=self)
        try:
            if self.dialog.exec() and self.dialog.saved is not None:
                self.reload(select_id=self.dialog.saved.id)
        finally:
            self.dialog.deleteLater()
            self.dialog = None

    def add(self) -> None:
        self._open(None)

    def edit(self) -> None:
        worker = self.selected()
        if worker is not None:
            self._open(worker)

    def toggle_active(self) -> None:
        worker = self.selected()
        if worker is None:
            return
        if worker.active and worker.id != self.view.owner_id:  # the owner is refused, not asked
            held = self.view.cases.get(worker.id, 0)
            text = self.tr("They stay on file, with their name on everything they recorded, but are no longer "
                           "offered as a worker or Personal Adviser.")
            if held:
                still = (self.tr("1 young person is still allocated to them") if held == 1 else
                         self.tr("%1 young people are still allocated to them").replace("%1", str(held)))
                text += " " + self.tr("%1: open each record to allocate them to someone else.").replace("%1", still)
            title = self.tr("Make %1 inactive?").replace("%1", worker.name)
            if not confirm.ask(self, title, text, self.tr("Make inactive")):
                return
        try:
            self.services.workers.set_active(worker_id=worker.id, active=not worker.active)
        except ValidationError as exc:
            self.view.problem.setText(" ".join(exc.problems.values()))
            self.view.problem.show()
            return
        self.view.problem.hide()
        self.reload(select_id=worker.id)
