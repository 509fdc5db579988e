"""The main window: menus, the workspace while unlocked, the unlock page while locked."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QStackedWidget, QVBoxLayout, QWidget

from caseapp import settings as declared
from caseapp.services.registry import Services
from caseapp.store import Store, StoreError
from caseapp.ui import column_layout, failure
from caseapp.ui.clipboard_guard import ClipboardGuard
from caseapp.ui.fonts import register_bundled_fonts
from caseapp.ui.idle_lock import IdleWatcher
from caseapp.ui.main_window_commands import MenuCommands
from caseapp.ui.printing.part_file_sweep import PartFileSweep
from caseapp.ui.record.tab import RecordTab
from caseapp.ui.session_lock import SessionLockWatcher
from caseapp.ui.unlock_page import UnlockPage
from caseapp.ui.widgets import confirm
from caseapp.ui.workspace import Workspace


class MainWindow(MenuCommands):
    """The window: the lock screen or the workspace, and the menus (their commands: main_window_commands.py)."""

    def __init__(
        self,
        services: Services,
        *,
        demo: bool = False,
        layout_settings: QSettings | None = None,
        record_tabs: list[type[RecordTab]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Before any name is on screen, so Ethiopic and Arabic names never show as boxes.
        register_bundled_fonts()
        self.services = services
        self.demo = demo
        self._record_tabs = record_tabs
        # Window and column layout only: QSettings never holds personal data.
        self._layout = layout_settings if layout_settings is not None else QSettings("caseapp", "caseapp")
        self._place: dict = {}
        self.workspace: Workspace | None = None

        if not isinstance(services.store, Store):
            # Unlocking, the passphrase and the backups are the local caseload's; a team server is not opened here.
            raise TypeError("The desktop window opens a caseload on this computer, not a team server.")
        self.local_store = services.store
        self.stack = QStackedWidget()
        self.unlock_page = UnlockPage(self.local_store)
        self.unlock_page.unlocked.connect(self.unlocked)
        self.stack.addWidget(self.unlock_page)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        if demo:
            banner = QLabel(self.tr("DEMO — invented people only. Nothing here is real."))
            banner.setObjectName("demoBanner")
            banner.setAccessibleName(self.tr("Demo caseload"))
            banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            # A fixed warning colour on purpose: the banner must look the same in every theme.
            banner.setStyleSheet("background: #b35900; color: white; font-weight: bold; padding: 4px;")
            column.addWidget(banner)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.idle = IdleWatcher(int(services.settings.get(declared.IDLE_LOCK_MINUTES)), self)  # type: ignore[call-overload]
        self.idle.idle.connect(self.lock)
        self.clipboard = ClipboardGuard(self)
        self.session_lock = SessionLockWatcher(self)
        self.session_lock.locked.connect(self.lock)
        self.part_file_sweep = PartFileSweep(self)
        self._build_menus()
        self.resize(1280, 800)
        geometry = self._layout.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if services.store.is_unlocked:
            self._enter_workspace()
        else:
            self._show_locked()

    # -- menus -------------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, *, also: str | None = None,
                needs_unlock: bool = True) -> QAction:
        """`shortcut`: a key or a standard key (all of the platform's bindings for it); `also`:
        a key added unless it is already one of them (Windows binds no key to Quit, say)."""
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            keys = QKeySequence.keyBindings(shortcut)
        else:
            keys = [QKeySequence(shortcut)] if shortcut is not None else []
        if also is not None and QKeySequence(also) not in keys:
            keys.append(QKeySequence(also))
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        if needs_unlock:
            self._unlocked_actions.append(action)
        return action

    def _build_menus(self) -> None:
        self._unlocked_actions: list[QAction] = []
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        self.new_person_action = self._action(
            self.tr("&New young person…"), self.new_person, QKeySequence.StandardKey.New
        )
        file.addAction(self.new_person_action)
        self.print_action = self._action(self.tr("&Print…"), self.print_current, QKeySequence.StandardKey.Print)
        file.addAction(self.print_action)
        file.addSeparator()
        self.export_action = self._action(self.tr("&Export caseload as shown…"), self.export_caseload, "Ctrl+E")
        file.addAction(self.export_action)
        self.oc3_action = self._action(self.tr("Statutory &return (OC3)…"), self.statutory_return)
        file.addAction(self.oc3_action)
        file.addSeparator()
        self.settings_action = self._action(
            self.tr("&Settings…"), self.edit_settings, QKeySequence.StandardKey.Preferences, also="Ctrl+,"
        )
        file.addAction(self.settings_action)
        self.change_passphrase_action = self._action(self.tr("C&hange passphrase…"), self.change_passphrase)
        file.addAction(self.change_passphrase_action)
        self.my_details_action = self._action(self.tr("My &details…"), self.my_details)
        file.addAction(self.my_details_action)
        self.colleagues_action = self._action(self.tr("C&olleagues…"), self.colleagues)
        file.addAction(self.colleagues_action)
        self.backup_action = self._action(self.tr("&Back up to a folder…"), self.back_up)
        file.addAction(self.backup_action)
        file.addSeparator()
        self.lock_action = self._action(self.tr("&Lock"), self.lock, "Ctrl+L")
        file.addAction(self.lock_action)
        quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, also="Ctrl+Q",
                                   needs_unlock=False)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action = quit_action
        file.addAction(quit_action)

        edit = bar.addMenu(self.tr("&Edit"))
        self.find_action = self._action(self.tr("&Find young person"), self.find_person, QKeySequence.StandardKey.Find)
        edit.addAction(self.find_action)
        self.remove_action = self._action(self.tr("&Remove record made in error…"), self.remove_made_in_error)
        edit.addAction(self.remove_action)

        view = bar.addMenu(self.tr("&View"))
        self.caseload_action = self._action(self.tr("&Caseload"), lambda: self._show_fixed(0), "Ctrl+1")
        self.employers_action = self._action(self.tr("&Employers"), lambda: self._show_fixed(1), "Ctrl+2")
        self.dashboard_action = self._action(self.tr("&Dashboard"), lambda: self._show_fixed(2), "Ctrl+3")
        self.close_tab_action = self._action(
            self.tr("Close &record"), self.close_record, QKeySequence.StandardKey.Close, also="Ctrl+W"
        )
        for action in (self.caseload_action, self.employers_action, self.dashboard_action, self.close_tab_action):
            view.addAction(action)
        view.addSeparator()
        # The caseload's optional columns; the page is new on every unlock, so filled on opening.
        self.columns_menu = view.addMenu(self.tr("Caseload c&olumns"))
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)
        self._unlocked_actions.append(self.columns_menu.menuAction())

        help_menu = bar.addMenu(self.tr("&Help"))
        self.guide_action = self._action(self.tr("&Getting started"), self.guide, QKeySequence.StandardKey.HelpContents,
                                         needs_unlock=False)
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self._action(self.tr("&About caseapp"), self.about, needs_unlock=False))

    def _enable_actions(self, unlocked: bool) -> None:
        for action in self._unlocked_actions:
            action.setEnabled(unlocked)

    # -- locked and unlocked -------------------------------------------------------------------

    def _title(self, locked: bool) -> None:
        title = self.tr("caseapp — locked") if locked else self.tr("caseapp")
        self.setWindowTitle(title + (self.tr(" — DEMO") if self.demo else ""))

    def _open_workspace(self) -> None:
        # The idle lock watches from the moment the caseload is open, whatever happens next.
        self.idle.start()
        # The first moment the store is readable: tidy what an interrupted save left.
        self.part_file_sweep.start(self.local_store)
        self.workspace = Workspace(self.services, record_tabs=self._record_tabs)
        self.workspace.counts_changed.connect(self._show_counts)
        self.workspace.print_requested.connect(lambda kind, record_id: self.print_document(kind, record_id))
        self.workspace.caseload.add_requested.connect(self.new_person)
        self.workspace.caseload.guide_requested.connect(self.guide)
        self.stack.addWidget(self.workspace)
        self.workspace.caseload.restore_header(self._layout)
        self.workspace.refresh()
        column_layout.restore(self._layout, self.workspace)
        # A record opened later brings tables of its own: only the page shown is looked at.
        self.workspace.currentChanged.connect(self._restore_columns)
        self.stack.setCurrentWidget(self.workspace)
        self._title(locked=False)
        self._enable_actions(True)
        place, self._place = self._place, {}
        self.workspace.restore_place(place)
        drafts = self.services.drafts.take_drafts()
        try:
            self.workspace.restore_drafts(drafts)
        except Exception:
            # Not lost: kept again for the next unlock.
            self.services.drafts.keep_drafts(drafts)
            raise

    def _show_locked(self) -> None:
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.reset()
        self._title(locked=True)
        self._enable_actions(False)
        self.statusBar().clearMessage()
        self.idle.stop()

    def lock(self) -> None:
        """Keep what was being typed, forget every widget with personal data, lock the store."""
        if self.workspace is None:
            return
        workspace, self.workspace = self.workspace, None
        try:
            self._close_dialogs()
            self._save_layout(workspace)
            self._place = workspace.place()
            self.services.drafts.keep_drafts(workspace.drafts())
        finally:
            # Whatever went wrong above, the screen is cleared and the store locked: an
            # unlocked caseload left on an unattended laptop is the worse failure.
            workspace.signals.detach()
            self.stack.removeWidget(workspace)
            workspace.deleteLater()
            self.clipboard.clear_all()
            self.services.store.lock()
            self._show_locked()

    def unlocked(self) -> None:
        self._enter_workspace()

    def _enter_workspace(self) -> None:
        """The caseload on screen, or, if the store fails on the way (a damaged page), the
        lock screen again with the store's sentence in a window: never half a workspace
        over an unlocked store, and never a silent exit."""
        try:
            self._open_workspace()
        except StoreError as error:
            workspace, self.workspace = self.workspace, None
            if workspace is not None:
                workspace.signals.detach()
                self.stack.removeWidget(workspace)
                workspace.deleteLater()
            self.services.store.lock()
            self._show_locked()
            failure.show(self, error)

    def _close_dialogs(self) -> None:
        from PySide6.QtWidgets import QApplication

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                close = getattr(widget, "close_for_lock", None) or widget.reject
                close()
                if widget.isVisible():
                    # One that asks to stay open (it is busy) must still leave the screen.
                    widget.done(QDialog.DialogCode.Rejected)

    def _show_counts(self, people: int, overdue: int) -> None:
        shown = self.tr("1 young person") if people == 1 else self.tr("%1 young people").replace("%1", str(people))
        said = self.tr("%1, %2 overdue a contact").replace("%1", shown).replace("%2", str(overdue))
        self.statusBar().showMessage(said)

    # -- closing -----------------------------------------------------------------------------

    def _restore_columns(self, index: int) -> None:
        page = self.workspace.widget(index) if self.workspace is not None else None
        if page is not None:
            column_layout.restore(self._layout, page)

    def _save_layout(self, workspace: Workspace | None = None) -> None:
        self._layout.setValue("window/geometry", self.saveGeometry())
        workspace = workspace or self.workspace
        if workspace is not None:
            workspace.caseload.save_header(self._layout)
            column_layout.save(self._layout, workspace)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.workspace is not None and self.workspace.unsaved():
            answer = confirm.ask_unsaved(
                self, self.tr("Some records have changes that are not saved. Save them before quitting?")
            )
            if answer == "cancel":
                event.ignore()
                return
            if answer == "save" and not self._save_all():
                event.ignore()
                return
        self._save_layout()
        self.idle.stop()
        self.clipboard.clear_all()
        event.accept()

    def _save_all(self) -> bool:
        """Save every record's pending profile edits; False (and shown) if one is refused."""
        assert self.workspace is not None
        for view in self.workspace.unsaved():
            if not view.save_all():
                self.workspace.setCurrentWidget(view)
                return False
        return True
