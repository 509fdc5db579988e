"""What the main window's menus do: each command opens its dialog or page over the workspace.

A part of `MainWindow` (main_window.py), which builds the menus and holds the workspace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QWidget

from caseapp import settings as declared
from caseapp.store import Store, StoreError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from caseapp.services.registry import Services
    from caseapp.ui.idle_lock import IdleWatcher
    from caseapp.ui.unlock_page import UnlockPage
    from caseapp.ui.workspace import Workspace


class MenuCommands(QMainWindow):
    # MainWindow's own; declared here (annotations only, no values) so that the type checker
    # knows what the commands use. Kept out of an `if` block, which the translators' string
    # extractor reads as the end of the class.
    services: Services
    local_store: Store
    workspace: Workspace | None
    idle: IdleWatcher
    unlock_page: UnlockPage
    columns_menu: QMenu

    def lock(self) -> None:
        raise NotImplementedError  # MainWindow's

    def new_person(self) -> None:
        from caseapp.ui.new_person_dialog import NewPersonDialog

        dialog = NewPersonDialog(self.services, self)
        accepted = self._run(dialog)
        if accepted and dialog.person_id is not None and self.workspace is not None:
            self.workspace.open_person(dialog.person_id)

    def print_current(self) -> None:
        """Ctrl+P prints what is in front of the worker: a record, a hand-off, or the caseload."""
        from caseapp.ui.record.handoffs_tab import HandOffsTab
        from caseapp.ui.record.record_view import RecordView

        if self.workspace is None:
            return
        current = self.workspace.currentWidget()
        if isinstance(current, RecordView):
            page = current.tabs.currentWidget()
            hand_off = page.selected() if isinstance(page, HandOffsTab) else None
            if hand_off is not None:
                self.print_document("handoff-pack", hand_off.id)
            else:
                self.print_document("case-summary", current.person_id)
        else:
            self.print_document("caseload-report", None)

    def print_document(self, kind: str, record_id: int | None) -> None:
        from caseapp.reports.api import ReportKind
        from caseapp.ui.printing.print_dialog import PrintDialog

        self._run(PrintDialog(self.services, ReportKind(kind), record_id=record_id, parent=self))

    def export_caseload(self) -> None:
        from caseapp.ui.insight.export_caseload import export_caseload

        if self.workspace is None:
            return
        page = self.workspace.caseload
        export_caseload(self, self.services, filter=page.filter.currentData(), mine=page.mine.isChecked(),
                        person_ids=page.shown_ids())

    def statutory_return(self) -> None:
        from caseapp.ui.insight.oc3_dialog import Oc3Dialog

        dialog = Oc3Dialog(self.services, self)
        if self.workspace is not None:
            dialog.fix_requested.connect(self.open_to_fix)
        self._run(dialog)

    def open_to_fix(self, person_id: int, field: str) -> None:
        """Open a record on the tab, and where there is one the box, where a problem is fixed."""
        from caseapp.services.oc3 import FIELD_ACCOMMODATION, FIELD_CLOSED, FIELD_CONTACT, FIELD_EET
        from caseapp.ui.record.checkins_tab import CheckInsTab
        from caseapp.ui.record.profile_tab import ProfileTab

        if self.workspace is None:
            return
        view = self.workspace.open_person(person_id)
        wanted = CheckInsTab if field == FIELD_CONTACT else ProfileTab
        page = next((p for p in view.pages if isinstance(p, wanted)), None)
        if page is None:
            return
        view.tabs.setCurrentWidget(page)
        if isinstance(page, ProfileTab):
            situation: dict[str, QWidget] = {
                FIELD_EET: page.situation.eet,
                FIELD_ACCOMMODATION: page.situation.accommodation,
                FIELD_CLOSED: page.situation.close_reason,
            }
            box = situation.get(field) or page.form.widgets.get(field)
            if box is not None:
                box.setFocus()

    def edit_settings(self) -> None:
        from caseapp.ui.settings_dialog import SettingsDialog

        if self._run(SettingsDialog(self.services, self)):
            self.idle.set_minutes(int(self.services.settings.get(declared.IDLE_LOCK_MINUTES)))  # type: ignore[call-overload]

    def my_details(self) -> None:
        from caseapp.ui.worker_dialog import WorkerDialog

        if self.services.worker_id is None:
            return
        me = self.services.workers.get_worker(worker_id=self.services.worker_id)
        self._run(WorkerDialog(self.services, me, own=True, parent=self))

    def colleagues(self) -> None:
        from caseapp.ui.colleagues_dialog import ColleaguesDialog

        self._run(ColleaguesDialog(self.services, self))

    def remove_made_in_error(self) -> None:
        """The record in front of the worker, deleted or closed as created in error."""
        from caseapp.ui.record.record_view import RecordView
        from caseapp.ui.record.remove_record import remove_made_in_error

        current = self.workspace.currentWidget() if self.workspace is not None else None
        if isinstance(current, RecordView):
            remove_made_in_error(current, self.services, current.person_id)
        elif self.workspace is not None:
            self.statusBar().showMessage(self.tr("Open the record made in error first, then choose Remove."), 5000)

    def _fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        if self.workspace is not None:
            for action in self.workspace.caseload.column_actions:
                self.columns_menu.addAction(action)

    def change_passphrase(self) -> None:
        from caseapp.ui.change_passphrase_dialog import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self.services, self)
        dialog.key_unconfirmed.connect(self._recovery_key_unconfirmed)
        self._run(dialog)
        if dialog.store_needs_unlock and self.workspace is not None:
            # The change took effect but its files were not tidied: the store is locked, and
            # the next unlock (with the new passphrase) finishes it. The drafts cannot be kept
            # in a locked store, so locking here reports that and locks all the same.
            try:
                self.lock()
            except StoreError:
                pass

    def _recovery_key_unconfirmed(self) -> None:
        """Said after the next unlock, never over the lock screen."""
        if not getattr(self, "_key_notice_pending", False):
            self._key_notice_pending = True
            self.unlock_page.unlocked.connect(
                self._say_recovery_key_unconfirmed, Qt.ConnectionType.SingleShotConnection
            )

    def _say_recovery_key_unconfirmed(self) -> None:
        self._key_notice_pending = False
        QMessageBox.information(
            self,
            self.tr("New recovery key"),
            self.tr(
                "Your passphrase was changed and the caseload re-encrypted just before caseapp "
                "locked, so the new recovery key was not confirmed as stored. The old recovery key "
                "no longer works. If you did not write the new one down, change the passphrase "
                "again and choose “Someone may know my passphrase” to be given another."
            ),
        )

    @staticmethod
    def _run(dialog: QDialog) -> bool:
        """Show a dialog modally, then let it go: none lingers holding what was typed. One
        with work still running (closed by a lock) goes when the work ends."""
        try:
            return bool(dialog.exec())
        finally:
            release = getattr(dialog, "release", None)
            (release or dialog.deleteLater)()

    def find_person(self) -> None:
        if self.workspace is not None:
            self.workspace.setCurrentWidget(self.workspace.caseload)
            self.workspace.caseload.focus_search()

    def _show_fixed(self, index: int) -> None:
        if self.workspace is not None and index < len(self.workspace._fixed):
            self.workspace.setCurrentIndex(index)

    def close_record(self) -> None:
        if self.workspace is not None:
            self.workspace.close_current()

    def guide(self) -> None:
        from caseapp.ui.guide import GuideDialog, menu_shortcuts

        store = self.local_store
        keep = int(self.services.settings.get(declared.BACKUPS_TO_KEEP)) if store.is_unlocked else 10  # type: ignore[call-overload]
        self._run(GuideDialog(menu_shortcuts(self.menuBar()), store.folder, keep, self))

    def back_up(self) -> None:
        from caseapp.ui.backup_to_folder import back_up_to_folder

        said = back_up_to_folder(self, self.local_store)
        if said:
            self.statusBar().showMessage(said, 10000)

    def about(self) -> None:
        from caseapp import __version__

        QMessageBox.about(
            self,
            self.tr("About caseapp"),
            self.tr("caseapp %1\nCase management for the people who help young care leavers into work.")
            .replace("%1", __version__),
        )
