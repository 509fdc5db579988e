"""Change passphrase: a new passphrase only, or, when someone may know it, a new key for everything.

"Someone may know my passphrase" runs `Store.rotate_key` on a pool thread with progress: the
caseload and the backups in its folder are re-encrypted under a new data key, and the new
recovery key is shown once, with Print; the dialog will not close until the worker ticks
that it is stored. "I only want a new passphrase" rewraps the key (`Store.change_passphrase`), and says
that it shuts nobody out.

A rotation cannot be stopped halfway. If the app locks while one runs, the lock waits for
it to end (it only touches files, and its commit is crash-safe anyway), so the store is
never locked under a rotation's feet; the new recovery key is then never shown over the
lock screen, and the main window says after the next unlock that it was not confirmed.
"""

from __future__ import annotations

import threading
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from caseapp import dates
from caseapp.services.registry import Services
from caseapp.store import Store, StoreError, WrongPassphrase
from caseapp.store.rekey import KeyRotation, RotationUnfinished
from caseapp.ui import recovery_key
from caseapp.ui.background import BackgroundTask
from caseapp.ui.change_passphrase_view import ChangePassphraseView
from caseapp.ui.passphrase_fields import show_problem
from caseapp.ui.widgets.field_errors import fit_to_screen


class _Progress(QObject):
    # Emitted from the rotation's thread; Qt queues it to the GUI thread.
    moved = Signal(int, int)


class ChangePassphraseDialog(ChangePassphraseView):
    """Signals: `key_unconfirmed()` when the app locked before the worker confirmed that the
    new recovery key is stored. After it closes, `store_needs_unlock` says the store was left
    locked (a rotation that could not tidy up: the next unlock finishes it)."""

    key_unconfirmed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        if not isinstance(services.store, Store):
            raise TypeError("A team server's passphrase is changed on the server, not here.")
        self.store = services.store
        self.store_needs_unlock = False
        self._abandoned = False
        self._key_pending = False
        self._call_ended = threading.Event()
        self._call_ended.set()
        self.task = BackgroundTask(self)
        self.task.succeeded.connect(self._changed)
        self.task.failed.connect(self._not_changed)
        self._progress = _Progress(self)
        self._progress.moved.connect(self._moved)

        inputs = ["caseapp", "council", self.store.folder.name]
        if services.worker_id is not None:
            inputs.insert(0, services.workers.get_worker(worker_id=services.worker_id).name)
        self.fields.set_user_inputs(inputs)
        self.change_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self.stored.toggled.connect(self._enable_close)
        self.print_button.clicked.connect(self._print)
        self.current.textChanged.connect(lambda: show_problem(self.current_problem, ""))
        self.choice.buttonToggled.connect(lambda *_: show_problem(self.why_problem, ""))
        self.fields.edited.connect(lambda: show_problem(self.problem, ""))
        fit_to_screen(self)
        self.current.setFocus()

    @property
    def busy(self) -> bool:
        return self.task.running

    # -- starting ------------------------------------------------------------------------

    def start(self) -> None:
        if self.busy:
            return
        current, new = self.current.text(), self.fields.text()
        ok = self.fields.check()
        if ok and new == current:
            show_problem(self.fields.passphrase_problem,
                         self.tr("The new passphrase must differ from the current one."))
            self.fields.passphrase.setFocus()
            ok = False
        if not current:
            show_problem(self.current_problem, self.tr("Type the passphrase you use now."))
            self.current.setFocus()
            ok = False
        if self.choice.checkedButton() is None:
            show_problem(self.why_problem, self.tr("Choose why you are changing it."))
            if ok:
                self.someone_may_know.setFocus()
            ok = False
        if not ok:
            shown = (self.current_problem, self.fields.passphrase_problem, self.fields.confirm_problem,
                     self.why_problem)
            self._make_room(next((label for label in shown if not label.isHidden()), None))
            return
        rotate = self.someone_may_know.isChecked()
        store, relay = self.store, self._progress
        if rotate:
            def call() -> object:
                return store.rotate_key(current, new, progress=lambda done, total: relay.moved.emit(done, total))
            message = self.tr(
                "Re-encrypting the caseload and its backups under a new key. Keep caseapp open; "
                "this can take a minute…"
            )
        else:
            def call() -> object:
                store.change_passphrase(current, new)
                return None
            message = self.tr("Changing the passphrase…")
        self._set_working(True, message, determinate=rotate)
        self._call_ended.clear()
        ended = self._call_ended

        def run() -> object:
            try:
                return call()
            finally:
                ended.set()

        self.task.start(run)

    def _set_working(self, working: bool, message: str = "", *, determinate: bool = False) -> None:
        for widget in (self.current, self.why, self.change_button, self.cancel_button):
            widget.setEnabled(not working)
        self.fields.set_busy(working)
        self.busy_text.setText(message)
        self.busy_text.setVisible(working)
        self.progress.setRange(0, 1 if determinate else 0)
        self.progress.setValue(0)
        self.progress.setVisible(working)
        if working:
            self._make_room(self.busy_text)

    def _make_room(self, shown: QLabel | None) -> None:
        """The window grown, as far as the screen allows, for what has just appeared on it,
        and that scrolled into view."""
        fit_to_screen(self, grow_only=True)
        self.area.show_sentence(shown)

    def _moved(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    # -- outcomes ------------------------------------------------------------------------

    def _changed(self, result: object) -> None:
        self._set_working(False)
        self._forget_typed()
        if self._abandoned:
            if isinstance(result, KeyRotation):
                self.key_unconfirmed.emit()
            return
        if isinstance(result, KeyRotation):
            self._show_done(
                self.tr(
                    "Your passphrase is changed, and the caseload is re-encrypted under a new key. "
                    "The old passphrase and the old recovery key no longer open it."
                ),
                self._backups_sentence(result),
                result.recovery_key,
            )
        else:
            self._show_done(
                self.tr(
                    "Your passphrase is changed. The recovery key stays the same. Copies of the "
                    "caseload and backups made before the change still open with the old "
                    "passphrase: if someone may know it, change it again and choose “Someone "
                    "may know my passphrase”."
                ),
                "",
                None,
            )

    def _not_changed(self, exc: BaseException) -> None:
        self._set_working(False)
        if isinstance(exc, RotationUnfinished):
            self.store_needs_unlock = True
            self._forget_typed()
            if self._abandoned:
                self.key_unconfirmed.emit()
                return
            self._show_done(str(exc), "", exc.recovery_key)
            return
        if self._abandoned:
            return
        if isinstance(exc, WrongPassphrase):
            show_problem(self.current_problem, str(exc))
            self._make_room(self.current_problem)
            self.current.selectAll()
            self.current.setFocus()
            return
        if isinstance(exc, StoreError):
            message = str(exc)
        elif isinstance(exc, OSError):
            message = self.tr(
                "The caseload's files could not be written, so the passphrase was not changed. "
                "Check that there is space on the disk, then try again."
            )
        else:
            message = self.tr(
                "Something went wrong, so the passphrase was not changed. Try again; if it happens "
                "again, ask IT for help."
            )
        show_problem(self.problem, message)
        self._make_room(self.problem)

    def _backups_sentence(self, result: KeyRotation) -> str:
        parts = []
        n = result.backups_reencrypted
        if n:
            parts.append(
                self.tr("1 backup in the caseload's backups folder was re-encrypted: it now opens with the new "
                        "passphrase.")
                if n == 1
                else self.tr("%1 backups in the caseload's backups folder were re-encrypted: they now open with the "
                             "new passphrase.").replace("%1", str(n))
            )
        n = result.backups_removed
        if n:
            parts.append(
                self.tr("1 backup was damaged, so it could not be re-encrypted, and was deleted.")
                if n == 1
                else self.tr("%1 backups were damaged, so they could not be re-encrypted, and were deleted.")
                .replace("%1", str(n))
            )
        n = result.backups_left
        if n:
            parts.append(
                self.tr("1 backup does not open with the old passphrase, so it was left as it was.")
                if n == 1
                else self.tr("%1 backups do not open with the old passphrase, so they were left as they were.")
                .replace("%1", str(n))
            )
        if not parts:
            parts.append(self.tr("There were no backups in the caseload's backups folder."))
        parts.append(
            self.tr(
                "Backups saved anywhere else, such as on a memory stick, still open with the old "
                "passphrase, and caseapp cannot reach them: delete them yourself."
            )
        )
        return " ".join(parts)

    def _show_done(self, done: str, backups: str, recovery_key: str | None) -> None:
        self.done_text.setText(done)
        self.backups_text.setText(backups)
        self.backups_text.setVisible(bool(backups))
        self._key_pending = recovery_key is not None
        if recovery_key is not None:
            groups = recovery_key.split("-")
            half = (len(groups) + 1) // 2
            # Two lines of four groups: easier to copy by hand.
            self.key.setText("-".join(groups[:half]) + "\n" + "-".join(groups[half:]))
        self.key_box.setVisible(recovery_key is not None)
        self.pages.setCurrentWidget(self.done_page)
        self.change_button.hide()
        self.cancel_button.hide()
        self.close_button.show()
        self._enable_close()
        self._make_room(None)
        self.area.verticalScrollBar().setValue(0)  # what was done is read from the top
        (self.key if recovery_key is not None else self.close_button).setFocus()

    # -- printing the new recovery key ---------------------------------------------------

    def recovery_document(self) -> QTextDocument:
        made = self.tr("Made on %1, when the passphrase was changed.").replace("%1", dates.day(date.today()))
        old = self.tr("The old recovery key no longer opens the caseload: destroy it.")
        return recovery_key.document(self.key.text(), made, [old])

    def _print(self) -> None:
        recovery_key.ask_and_print(self, self.recovery_document(), self.print_problem)

    def _enable_close(self) -> None:
        self.close_button.setEnabled(not self._key_pending or self.stored.isChecked())

    def _forget_typed(self) -> None:
        self.current.clear()
        self.fields.clear()

    # -- closing -------------------------------------------------------------------------

    def accept(self) -> None:
        if self._key_pending and not self.stored.isChecked():
            return
        self.key.clear()
        super().accept()

    def reject(self) -> None:
        # Cancel, Esc and the title bar's close: not while it runs (it cannot stop halfway),
        # nor before the worker says the new recovery key is stored.
        if self.busy or (self._key_pending and not self.stored.isChecked()):
            return
        self.key.clear()
        super().reject()

    def close_for_lock(self) -> None:
        """The app is locking. A change under way is waited for, so the store is never locked
        under it; a new recovery key not yet confirmed as stored leaves the screen."""
        self._call_ended.wait()
        self._abandoned = True
        if self._key_pending and not self.stored.isChecked():
            self.key_unconfirmed.emit()
        self._key_pending = False
        self.key.clear()
        self._forget_typed()
        super().reject()

    def release(self) -> None:
        """Delete the dialog once nothing runs on its behalf: a task still going holds it."""
        if self.task.running:
            self.task.finished.connect(self.deleteLater)
        else:
            self.deleteLater()
