"""One young person: a header with what matters most, and a tab per part of the record."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from caseapp.services.registry import Services
from caseapp.ui.models.record_table_model import day
from caseapp.ui.record.tab import RecordTab


def default_tabs() -> list[type[RecordTab]]:
    from caseapp.ui.insight.matches_tab import MatchesTab
    from caseapp.ui.record.checkins_tab import CheckInsTab
    from caseapp.ui.record.handoffs_tab import HandOffsTab
    from caseapp.ui.record.history_tab import HistoryTab
    from caseapp.ui.record.pathway_tab import PathwayTab
    from caseapp.ui.record.profile_tab import ProfileTab
    from caseapp.ui.record.support_tab import SupportTab
    from caseapp.ui.record.vetting_tab import VettingTab

    return [ProfileTab, PathwayTab, CheckInsTab, VettingTab, SupportTab, HandOffsTab, MatchesTab, HistoryTab]


class RecordView(QWidget):
    print_requested = Signal(int)  # a hand-off's id, from the Hand-offs tab
    person_requested = Signal(int)  # another young person to open (a likely duplicate)

    def __init__(self, services: Services, person_id: int, *, tabs: list[type[RecordTab]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.person_id = person_id
        self.name = QLabel()
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setAccessibleName(self.tr("Young person"))
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.facts = QLabel()
        self.facts.setAccessibleName(self.tr("Summary"))
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the record"))
        self.tabs.tabBar().setAccessibleName(self.tr("Parts of the record"))
        self.pages: list[RecordTab] = []
        for cls in tabs or default_tabs():
            page = cls(services, person_id)
            if hasattr(page, "print_requested"):
                page.print_requested.connect(self.print_requested)
            if hasattr(page, "person_requested"):
                page.person_requested.connect(self.person_requested)
            self.pages.append(page)
            self.tabs.addTab(page, self.tr(str(cls.title)))  # str: PySide6 types QT_TRANSLATE_NOOP as object
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.facts)
        layout.addWidget(self.tabs, 1)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.reload)
        self.show_header()

    @property
    def display_name(self) -> str:
        return self._display_name

    def page(self, cls: type[RecordTab]) -> RecordTab:
        return next(p for p in self.pages if isinstance(p, cls))

    def show_page(self, cls: type[RecordTab]) -> None:
        self.tabs.setCurrentWidget(self.page(cls))

    def show_header(self) -> None:
        person = self.services.people.get_young_person(person_id=self.person_id)
        self._display_name = person.display_name
        own = f"  {person.own_script_name}" if person.own_script_name else ""
        self.name.setText(person.display_name + own)
        workers = {w.id: w.name for w in self.services.workers.list_workers()}
        nobody = self.tr("nobody yet")
        eet = person.current_eet
        parts = [escape(part) for part in [
            # caseapp's own reference: what the command line's reports and the search ask for.
            self.tr("Reference %1").replace("%1", str(person.id)),
            self.tr("Age %1").replace("%1", str(person.age(self.services.today()))),
            eet.status.label if eet else self.tr("EET status not recorded"),
            self.tr("Worker: %1").replace("%1", workers.get(person.worker_id or 0, nobody)),
            self.tr("PA: %1").replace("%1", workers.get(person.pa_id or 0, nobody)),
        ]]
        if person.closed_on:
            parts.append(escape(self.tr("Case closed on %1").replace("%1", day(person.closed_on))))
        else:
            rows = self.services.caseload.caseload(person_ids=[self.person_id])
            if rows and rows[0].next_due:
                due = escape(self.tr("Next contact due: %1").replace("%1", day(rows[0].next_due)))
                if rows[0].overdue:
                    due = "<b>" + due + " — " + escape(self.tr("overdue")) + "</b>"
                parts.append(due)
                self.facts.setToolTip(self.tr("Next contact due by the rule: %1").replace("%1", rows[0].due_rule))
        self.facts.setText(" · ".join(parts))

    def schedule_reload(self) -> None:
        """Many changes in one action become one reload."""
        self._pending.start()

    def reload(self) -> None:
        self.show_header()
        for page in self.pages:
            page.reload()

    def has_unsaved_changes(self) -> bool:
        return any(p.has_unsaved_changes() for p in self.pages)

    def save_all(self) -> bool:
        """Save every tab's pending edits; on a refusal, that tab is shown with its sentence
        and False is returned, with nothing lost."""
        for page in self.pages:
            save = getattr(page, "save", None)
            if page.has_unsaved_changes() and save is not None and save() is False:
                self.tabs.setCurrentWidget(page)
                return False
        return True

    def drafts(self) -> dict[str, str]:
        return {f"{type(p).__name__}/{k}": v for p in self.pages for k, v in p.drafts().items()}

    def restore_drafts(self, drafts: dict[str, str]) -> None:
        for page in self.pages:
            prefix = type(page).__name__ + "/"
            mine = {k[len(prefix):]: v for k, v in drafts.items() if k.startswith(prefix)}
            if mine:
                page.restore_drafts(mine)
