"""The statutory return dialog's layout; `Oc3Dialog` gives it behaviour."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseapp.services import oc3
from caseapp.ui.models.record_table_model import Column, RecordTableModel
from caseapp.ui.widgets.field_errors import fit_to_screen
from caseapp.ui.widgets.tables import record_table


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    # No default button: Enter on a problem opens the record, and nothing else.
    button.setAutoDefault(False)
    return button


class Oc3View(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Statutory return (SSDA903 OC3)"))
        # Where in the record each kind of problem is fixed.
        self.parts = {
            oc3.FIELD_CHILD: self.tr("Profile: child identifier"),
            oc3.FIELD_SEX: self.tr("Profile: sex"),
            oc3.FIELD_CATEGORY: self.tr("Profile: care-leaver category"),
            oc3.FIELD_CONTACT: self.tr("Check-ins"),
            oc3.FIELD_EET: self.tr("Profile: EET status history"),
            oc3.FIELD_ACCOMMODATION: self.tr("Profile: accommodation history"),
            oc3.FIELD_CLOSED: self.tr("Case closure"),
        }
        self.year = QComboBox()
        self.year.setAccessibleName(self.tr("Collection year"))
        year_label = QLabel(self.tr("Collection &year:"))
        year_label.setBuddy(self.year)
        self.check_button = _button(self.tr("&Check"), self.tr("Check the records for the chosen year"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: how long it takes is not known
        self.progress.setAccessibleName(self.tr("Working"))
        self.progress.setTextVisible(False)
        # Thin by design: held at that height, a layout never takes it for squeezed.
        self.progress.setFixedHeight(8)
        self.progress.hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Summary of the check"))
        self.problem_model = RecordTableModel(
            [
                Column(self.tr("Young person"), lambda p: p.display_name),
                Column(self.tr("What is wrong"), lambda p: p.sentence, lambda p: p.sentence),
                Column(self.tr("Where to fix it"), lambda p: self.parts.get(p.field, p.field)),
            ],
            self,
        )
        self.problems = record_table(self.tr("Problems to fix"))
        self.problems.setModel(self.problem_model)
        # The sentence is what needs the room, not where to fix it.
        header = self.problems.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.excluded_model = RecordTableModel(
            [
                Column(self.tr("Young person"), lambda p: p.display_name),
                Column(self.tr("Why not"), lambda p: p.sentence, lambda p: p.sentence),
            ],
            self,
        )
        self.excluded = record_table(self.tr("Young people not in the return"))
        self.excluded.setModel(self.excluded_model)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Problems and people not in the return"))
        self.tabs.tabBar().setAccessibleName(self.tr("Problems and people not in the return"))
        self.tabs.addTab(self.problems, self.tr("Problems to fix"))
        self.tabs.addTab(self.excluded, self.tr("Not in the return"))
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName(self.tr("Notes on the files"))
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.setStyleSheet("font-weight: bold;")
        self.open_button = _button(self.tr("&Open record"), self.tr("Open the selected young person's record"))
        self.export_button = _button(self.tr("&Export…"), self.tr("Export the Header and OC3 files"))
        self.draft_button = _button(self.tr("Export a &draft anyway…"),
                                    self.tr("Export a draft of the return with problems still to fix"))
        # Said once, where the files are made: the return leaves the encryption as plain CSV.
        self.plain_note = QLabel(self.tr(
            "The return's files are plain CSV and are not encrypted: anyone who can open them can read them. "
            "Save them where only the data team can reach them, and delete them once uploaded."))
        self.plain_note.setWordWrap(True)
        self.plain_note.setAccessibleName(self.tr("The return's files are not encrypted"))
        self._lay_out(year_label)

    def _lay_out(self, year_label: QLabel) -> None:
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.check_button)
        top.addStretch()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.open_button, self.export_button, self.draft_button):
            row.addWidget(button)
        row.addStretch()
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.outcome)
        layout.addWidget(self.plain_note)
        layout.addLayout(row)
        fit_to_screen(self)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Room for the sentences in the problems table: as much as the screen allows of it.
        return super().sizeHint().expandedTo(QSize(1000, 620))
