"""Everything shown while unlocked: the caseload, employers, and open young people as tabs.

Built fresh on every unlock and thrown away on lock, so no widget keeps personal data
while the app is locked.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget

from caseapp.services.registry import Services
from caseapp.ui.caseload_page import CaseloadPage
from caseapp.ui.change_signals import ChangeSignals
from caseapp.ui.employers.employers_page import EmployersPage
from caseapp.ui.insight.dashboard_page import DashboardPage
from caseapp.ui.record.record_view import RecordView
from caseapp.ui.record.tab import RecordTab
from caseapp.ui.widgets import confirm


class Workspace(QTabWidget):
    counts_changed = Signal(int, int)
    print_requested = Signal(str, int)  # report kind, hand-off id

    def __init__(self, services: Services, *, record_tabs: list[type[RecordTab]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._record_tabs = record_tabs
        self.setAccessibleName(self.tr("Screens"))
        # The tab bar is what takes focus and what a screen reader announces.
        self.tabBar().setAccessibleName(self.tr("Screens"))
        self.setTabsClosable(True)
        self.setMovable(False)
        self.setDocumentMode(True)
        self.tabCloseRequested.connect(self.close_tab)
        self.caseload = CaseloadPage(services)
        self.caseload.person_activated.connect(self.open_person)
        self.caseload.counts_changed.connect(self.counts_changed)
        self._fixed: list[QWidget] = [self.caseload]
        self.addTab(self.caseload, self.tr("Caseload"))
        self.employers = self._employers_page()
        self._fixed.append(self.employers)
        self.addTab(self.employers, self.tr("Employers"))
        self.dashboard = self._dashboard_page()
        self._fixed.append(self.dashboard)
        self.addTab(self.dashboard, self.tr("Dashboard"))
        self.currentChanged.connect(self._shown)
        for index in range(len(self._fixed)):
            self.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, None)
            self.tabBar().setTabButton(index, QTabBar.ButtonPosition.LeftSide, None)
        self.signals = ChangeSignals(services.bus, self)
        self.signals.changed.connect(self._changed)

    def _employers_page(self) -> EmployersPage:
        page = EmployersPage(self.services)
        page.person_requested.connect(self.open_person)
        return page

    def _dashboard_page(self) -> DashboardPage:
        page = DashboardPage(self.services)
        page.person_requested.connect(self.open_person)
        return page

    def _shown(self, index: int) -> None:
        # The dashboard is worked out when it is looked at, not on every change.
        if self.widget(index) is self.dashboard:
            self.dashboard.refresh()

    def refresh(self) -> None:
        self.caseload.refresh()

    def _changed(self, entity: str, _id: int, _kind: str) -> None:
        if entity == "young_person" and _kind == "deleted":
            # A record deleted as made in error: its tab goes, with nothing left to save.
            for view in self.record_views():
                if view.person_id == _id:
                    self.removeTab(self.indexOf(view))
                    view.deleteLater()
        self.caseload.refresh()
        if entity in ("employer", "opportunity", "commitment", "pathway_step"):
            self.employers.reload()
        if self.currentWidget() is self.dashboard:
            self.dashboard.refresh()
        for view in self.record_views():
            view.schedule_reload()

    # -- young people's tabs ----------------------------------------------------------------

    def record_views(self) -> list[RecordView]:
        return [w for i in range(self.count()) if isinstance(w := self.widget(i), RecordView)]

    def open_person(self, person_id: int) -> RecordView:
        for view in self.record_views():
            if view.person_id == person_id:
                self.setCurrentWidget(view)
                return view
        view = RecordView(self.services, person_id, tabs=self._record_tabs)
        view.print_requested.connect(lambda hand_off_id: self.print_requested.emit("handoff-pack", hand_off_id))
        view.person_requested.connect(self.open_person)
        index = self.addTab(view, view.display_name)
        self.setTabToolTip(index, view.display_name)
        close = self.tabBar().tabButton(index, QTabBar.ButtonPosition.RightSide)
        if close is not None:
            close.setAccessibleName(self.tr("Close this record"))
        self.setCurrentIndex(index)
        return view

    def close_tab(self, index: int) -> bool:
        view = self.widget(index)
        if not isinstance(view, RecordView):
            return False
        if view.has_unsaved_changes():
            answer = confirm.ask_unsaved(
                self, self.tr("There are changes on this record that are not saved. Save them before closing?"))
            if answer == "cancel" or (answer == "save" and not view.save_all()):
                return False
        self.removeTab(index)
        view.deleteLater()
        return True

    def close_current(self) -> None:
        self.close_tab(self.currentIndex())

    def unsaved(self) -> list[RecordView]:
        return [v for v in self.record_views() if v.has_unsaved_changes()]

    # -- what survives a lock -----------------------------------------------------------------

    def place(self) -> dict:
        """Where the worker is: open people by id, the current tab, the tab within each, and
        the caseload's choices (which filter, mine or all)."""
        return {
            "people": [(v.person_id, v.tabs.currentIndex()) for v in self.record_views()],
            "current": self.currentIndex(),
            "caseload": self.caseload.choices(),
        }

    def restore_place(self, place: dict) -> None:
        self.caseload.restore_choices(place.get("caseload", {}))
        for person_id, tab in place.get("people", []):
            try:
                view = self.open_person(person_id)
            except Exception:  # noqa: BLE001 - a record removed meanwhile is simply not reopened
                continue
            view.tabs.setCurrentIndex(tab)
        current = place.get("current", 0)
        self.setCurrentIndex(current if 0 <= current < self.count() else 0)

    def drafts(self) -> dict[str, str]:
        return {f"person/{v.person_id}/{k}": text for v in self.record_views() for k, text in v.drafts().items()}

    def restore_drafts(self, drafts: dict[str, str]) -> None:
        for view in self.record_views():
            prefix = f"person/{view.person_id}/"
            view.restore_drafts({k[len(prefix):]: v for k, v in drafts.items() if k.startswith(prefix)})
