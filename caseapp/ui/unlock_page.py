"""The unlock screen, embedded in the main window while the caseload is locked.

Key derivation takes about half a second, so unlocking runs on a pool thread; the store's
own sentence for any failure appears beside the field that was used.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from caseapp.store import KdfParams, Store, StoreError, WrongRecoveryKey
from caseapp.store.keyfile import normalise_recovery_key
from caseapp.ui.background import BackgroundTask
from caseapp.ui.passphrase_fields import show_problem
from caseapp.ui.unlock_page_view import UnlockPageView

RECOVERY_KEY_LENGTH = 32  # base32 characters, without the dashes
PASSPHRASE_MODE, RECOVERY_MODE = 0, 1


class UnlockPage(UnlockPageView):
    """Signals: `unlocked()` once the store is open; `busy_changed(bool)` around each attempt.

    `kdf` is the cost for the new passphrase set through the recovery key (None: tuned to
    this machine; the tests pass a cheap one).
    """

    unlocked = Signal()
    busy_changed = Signal(bool)

    def __init__(self, store: Store, *, kdf: KdfParams | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._kdf = kdf
        self._task = BackgroundTask(self)
        self._task.succeeded.connect(self._opened)
        self._task.failed.connect(self._refused)
        self.new_passphrase.set_user_inputs(["caseapp", "council", store.folder.name])

        self.passphrase.returnPressed.connect(self.unlock)
        self.unlock_button.clicked.connect(self.unlock)
        self.use_recovery_button.clicked.connect(self.show_recovery)
        self.back_button.clicked.connect(self.show_passphrase)
        self.recover_button.clicked.connect(self.recover)
        for field in (self.recovery_key, self.new_passphrase.passphrase, self.new_passphrase.confirm):
            field.returnPressed.connect(self.recover)
        self.recovery_key.textChanged.connect(lambda: show_problem(self.recovery_problem, ""))
        self.setFocusProxy(self.passphrase)

    # -- what the main window uses -------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._task.running

    def reset(self) -> None:
        """Back to a blank passphrase field, ready for the next unlock."""
        for field in (self.passphrase, self.recovery_key):
            field.clear()
        self.new_passphrase.clear()
        show_problem(self.passphrase_problem, "")
        show_problem(self.recovery_problem, "")
        self.show_passphrase()

    def show_passphrase(self) -> None:
        self.set_mode(PASSPHRASE_MODE)
        self.setFocusProxy(self.passphrase)
        self.passphrase.setFocus()

    def show_recovery(self) -> None:
        self.set_mode(RECOVERY_MODE)
        self.setFocusProxy(self.recovery_key)
        self.recovery_key.setFocus()

    # -- attempts ------------------------------------------------------------------------

    def unlock(self) -> None:
        if self.busy:
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            show_problem(self.passphrase_problem, self.tr("Type your passphrase first."))
            self.passphrase.setFocus()
            return
        self._start(lambda: self._store.unlock(passphrase), self.tr("Opening your caseload…"))

    def recover(self) -> None:
        if self.busy:
            return
        key = self.recovery_key.text()
        key_ok = len(normalise_recovery_key(key)) == RECOVERY_KEY_LENGTH
        if not key_ok:
            show_problem(
                self.recovery_problem,
                self.tr(
                    "A recovery key has 32 letters and numbers in groups of four. "
                    "Check it against the printed copy."
                ),
            )
        passphrase_ok = self.new_passphrase.check()
        if not key_ok:
            self.recovery_key.setFocus()
        if not (key_ok and passphrase_ok):
            return
        new = self.new_passphrase.text()
        kdf = self._kdf
        self._start(
            lambda: self._store.recover(key, new, kdf=kdf),
            self.tr("Opening your caseload and setting the new passphrase…"),
        )

    def _start(self, call, message: str) -> None:
        self._set_busy(True, message)
        self._task.start(call)

    def _set_busy(self, busy: bool, message: str = "") -> None:
        for widget in (
            self.passphrase,
            self.unlock_button,
            self.use_recovery_button,
            self.recovery_key,
            self.recover_button,
            self.back_button,
        ):
            widget.setEnabled(not busy)
        self.new_passphrase.set_busy(busy)
        self.busy_text.setText(message)
        self.busy_text.setVisible(busy)
        self.busy_bar.setVisible(busy)
        self.busy_changed.emit(busy)

    def _opened(self, _result: object) -> None:
        self._set_busy(False)
        self.reset()  # no secret left in a widget's memory
        self.unlocked.emit()

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        recovering = self.mode() == RECOVERY_MODE
        if recovering and self._store.is_unlocked:
            # Opened with the key but the new passphrase was not saved: stay locked, so the
            # worker can try again with nothing half-changed.
            self._store.lock()
        message = self._sentence(exc)
        if recovering:
            show_problem(self.recovery_problem, message)
            self.recovery_key.setFocus()
            if isinstance(exc, WrongRecoveryKey):
                self.recovery_key.selectAll()
        else:
            show_problem(self.passphrase_problem, message)
            self.passphrase.selectAll()
            self.passphrase.setFocus()

    def _sentence(self, exc: BaseException) -> str:
        if isinstance(exc, StoreError):
            return str(exc)  # each carries one plain sentence, never personal data
        if isinstance(exc, OSError):
            return self.tr(
                "The caseload files could not be read. Check that the folder is still there "
                "and that you can open files in it."
            )
        return self.tr(
            "Something went wrong while opening the caseload. Try again; if it happens again, "
            "ask IT for help."
        )
