"""The dashboard: the caseload in charts, and lists that open a young person on a click."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseapp.services.dashboard import Dashboard, PersonFact
from caseapp.services.registry import Services
from caseapp.ui.insight import charts
from caseapp.ui.models.record_table_model import day


class DashboardPage(QWidget):
    person_requested = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.figures: Dashboard | None = None
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Caseload summary"))
        self.grid = QGridLayout()
        # Two charts side by side, sharing the width equally.
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        self.lists = QTabWidget()
        self.lists.setAccessibleName(self.tr("People to act on"))
        self.lists.tabBar().setAccessibleName(self.tr("People to act on"))
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.summary)
        column.addLayout(self.grid)
        box = QGroupBox(self.tr("People to act on"))
        QVBoxLayout(box).addWidget(self.lists)
        column.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def refresh(self) -> None:
        self.figures = self.services.dashboard.dashboard()
        self._draw(self.figures)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        # Charts take the theme's colours when drawn: draw them again when the desktop
        # switches between light and dark.
        if event.type() == QEvent.Type.PaletteChange and self.figures is not None:
            self._draw(self.figures)
        super().changeEvent(event)

    def _draw(self, figures: Dashboard) -> None:
        self.summary.setText(
            self.tr("%1 open cases on %2. Lists below open the young person's record on a click.")
            .replace("%1", str(figures.open_cases)).replace("%2", day(figures.on))
        )
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        now = [c for c in figures.eet_now if c.count]
        self.grid.addWidget(charts.view(charts.horizontal_bars(
            self.tr("EET status now"), [c.label for c in now], [c.count for c in now], self.tr("People")),
            self.tr("EET status now chart"), rows=len(now)), 0, 0)
        # Three letters fit under each of twelve columns; the title carries the years.
        months = [m.on.strftime("%b") for m in figures.eet_by_month]
        span = ""
        if figures.eet_by_month:
            span = " " + self.tr("(%1 to %2)").replace("%1", figures.eet_by_month[0].on.strftime("%b %Y")) \
                .replace("%2", figures.eet_by_month[-1].on.strftime("%b %Y"))
        self.grid.addWidget(charts.view(charts.stacked_columns(
            self.tr("EET status month by month") + span, months,
            [(self.tr("In EET"), [m.in_eet for m in figures.eet_by_month]),
             (self.tr("NEET"), [m.neet for m in figures.eet_by_month]),
             (self.tr("Not recorded"), [m.not_recorded for m in figures.eet_by_month])]),
            self.tr("EET status by month chart")), 0, 1)
        self.grid.addWidget(charts.view(charts.horizontal_bars(
            self.tr("Pathway funnel"), [s.label for s in reversed(figures.funnel)],
            [s.count for s in reversed(figures.funnel)], self.tr("People")),
            self.tr("Pathway funnel chart"), rows=len(figures.funnel)), 1, 0)
        workers = figures.overdue_by_worker[:10]
        self.grid.addWidget(charts.view(charts.columns(
            self.tr("Overdue contacts by worker"), [w.worker_name for w in workers],
            [(self.tr("Overdue"), [w.overdue for w in workers]),
             (self.tr("Open cases"), [w.open_cases for w in workers])]),
            self.tr("Overdue contacts by worker chart")), 1, 1)
        self._fill_lists(figures)

    def _fill_lists(self, figures: Dashboard) -> None:
        current = self.lists.currentIndex()
        self.lists.clear()
        groups = [
            (self.tr("NEET 12 months or more"), figures.neet_12_months),
            (self.tr("No Level 2 English or maths"), figures.no_level_2),
            (self.tr("Right to work expiring within 60 days"), figures.right_to_work_expiring),
            (self.tr("No contact in 8 weeks"), figures.no_contact_8_weeks),
            (self.tr("Paid below the living wage (%1)").replace(
                "%1", f"£{figures.living_wage_pence / 100:.2f}"), figures.below_living_wage),
        ]
        for title, facts in groups:
            self.lists.addTab(self._list(title, facts), f"{title} ({len(facts)})")
        self.lists.setCurrentIndex(max(current, 0))

    def _list(self, title: str, facts: tuple[PersonFact, ...]) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(title)
        for fact in facts:
            item = QListWidgetItem(f"{fact.display_name} — {fact.fact}")
            item.setData(Qt.ItemDataRole.UserRole, fact.person_id)
            widget.addItem(item)
        if not facts:
            empty = QListWidgetItem(self.tr("Nobody at the moment."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(empty)
        widget.itemActivated.connect(self._open)
        widget.itemClicked.connect(self._open)
        return widget

    def _open(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if person_id is not None:
            self.person_requested.emit(int(person_id))
