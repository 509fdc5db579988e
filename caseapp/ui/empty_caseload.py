"""What a new caseload shows instead of an empty table: how to begin, and where help is."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyCaseload(QWidget):
    add_requested = Signal()
    guide_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(self.tr("<h2>Nobody on this caseload yet</h2>"))
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(self.tr(
            "Add the first young person you work with: their name and date of birth are enough to start, "
            "and the rest can follow. The guide explains the caseload, what the overdue marks mean, the "
            "keyboard shortcuts, and where the caseload is kept and backed up."))
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(560)
        self.add_button = QPushButton(self.tr("Add the &first young person…"))
        self.add_button.setAccessibleName(self.tr("Add the first young person"))
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_requested)
        self.guide_button = QPushButton(self.tr("Read the &guide"))
        self.guide_button.setAccessibleName(self.tr("Read the getting started guide"))
        self.guide_button.clicked.connect(self.guide_requested)
        where = QLabel(self.tr("The guide is also under Help › Getting started (F1)."))
        where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.guide_button)
        buttons.addStretch()
        middle = QHBoxLayout()
        middle.addStretch()
        middle.addWidget(text)
        middle.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addLayout(middle)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addSpacing(6)
        layout.addWidget(where)
        layout.addStretch(2)
