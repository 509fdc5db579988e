"""The unlock page, driven through Qt on real encrypted stores (cheap key derivation)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QMessageBox, QProgressBar, QPushButton

from caseapp.store import (
    DamagedStore,
    NotAStore,
    Store,
    StoreInUse,
    WrongPassphrase,
    WrongRecoveryKey,
)
from caseapp.ui.unlock_page import UnlockPage
from tests.conftest import CHEAP, PASSPHRASE

NEW_PASSPHRASE = "violet kettle orbit marsh"


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def record(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        shown.append(str(args[2]) if len(args) > 2 else "")
        return QMessageBox.StandardButton.Ok

    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    return shown


@pytest.fixture
def closed_store(store_with_recovery: tuple[Store, str]) -> tuple[Path, str]:
    """A store's folder at rest (nothing open), and its recovery key."""
    store, recovery_key = store_with_recovery
    store.close(backup=False)
    return store.folder, recovery_key


@pytest.fixture
def locked(closed_store: tuple[Path, str]) -> Iterator[Store]:
    store = Store(closed_store[0])
    yield store
    store.close(backup=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def make_page(qtbot, store: Store) -> UnlockPage:  # type: ignore[no-untyped-def]
    page = UnlockPage(store, kdf=CHEAP)
    qtbot.addWidget(page)
    page.resize(800, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def wait_idle(qtbot, page: UnlockPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)


# -- passphrase ---------------------------------------------------------------------------


def test_right_passphrase_and_enter_unlocks(qtbot, locked: Store) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, locked)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    with qtbot.waitSignal(page.unlocked, timeout=10_000):
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert locked.is_unlocked
    assert page.passphrase.text() == ""  # not left in the widget's memory
    assert not page.passphrase_problem.isVisible()


def test_wrong_passphrase_is_explained_beside_the_field_and_changes_nothing(
    qtbot, locked: Store, closed_store: tuple[Path, str]
) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(closed_store[0])
    page = make_page(qtbot, locked)
    emitted: list[bool] = []
    page.unlocked.connect(lambda: emitted.append(True))
    qtbot.keyClicks(page.passphrase, "not the passphrase")
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, page)

    assert page.passphrase_problem.isVisible()
    assert page.passphrase_problem.text() == str(WrongPassphrase())
    assert page.passphrase.selectedText() == "not the passphrase"  # typing replaces it
    assert page.focusWidget() is page.passphrase
    assert emitted == []
    assert not locked.is_unlocked
    assert snapshot(closed_store[0]) == before


def test_buttons_are_disabled_and_work_is_shown_while_unlocking(qtbot, locked: Store) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, locked)
    changes: list[bool] = []
    page.busy_changed.connect(changes.append)
    page.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(page.unlocked, timeout=10_000):
        page.unlock()
        # The result is delivered through the event loop, so this is still mid-attempt.
        assert page.busy
        assert not page.unlock_button.isEnabled()
        assert not page.use_recovery_button.isEnabled()
        assert not page.passphrase.isEnabled()
        assert page.busy_bar.isVisible() and page.busy_text.text()
        page.unlock()  # a second Enter while busy is ignored, not a second attempt
    assert changes == [True, False]
    assert page.unlock_button.isEnabled()
    assert not page.busy_bar.isVisible()


def test_empty_passphrase_asks_for_one_without_trying(qtbot, locked: Store) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, locked)
    page.unlock()
    assert not page.busy
    assert page.passphrase_problem.isVisible()
    assert page.passphrase_problem.text() == "Type your passphrase first."


def test_a_folder_without_a_store_is_named(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, Store(tmp_path / "empty"))
    page.passphrase.setText(PASSPHRASE)
    page.unlock()
    wait_idle(qtbot, page)
    assert page.passphrase_problem.text() == str(NotAStore())


def test_a_damaged_key_file_is_named(qtbot, locked: Store, closed_store: tuple[Path, str]) -> None:  # type: ignore[no-untyped-def]
    locked.key_path.write_bytes(b'{"format": "caseapp-key", "version": 1, "trunc')
    before = snapshot(closed_store[0])
    with pytest.raises(DamagedStore) as expected:
        Store(closed_store[0]).unlock(PASSPHRASE)
    page = make_page(qtbot, locked)
    page.passphrase.setText(PASSPHRASE)
    page.unlock()
    wait_idle(qtbot, page)
    assert page.passphrase_problem.text() == str(expected.value)
    assert snapshot(closed_store[0]) == before


def test_a_store_open_elsewhere_is_named(qtbot, closed_store: tuple[Path, str]) -> None:  # type: ignore[no-untyped-def]
    folder = closed_store[0]
    holder = Store(folder)
    holder.unlock(PASSPHRASE)
    try:
        page = make_page(qtbot, Store(folder))
        page.passphrase.setText(PASSPHRASE)
        page.unlock()
        wait_idle(qtbot, page)
        assert page.passphrase_problem.text() == str(StoreInUse())
    finally:
        holder.close(backup=False)


# -- recovery key -------------------------------------------------------------------------


def test_recovery_key_sets_a_new_passphrase_end_to_end(qtbot, locked: Store, closed_store: tuple[Path, str]) -> None:  # type: ignore[no-untyped-def]
    folder, recovery_key = closed_store
    page = make_page(qtbot, locked)
    qtbot.mouseClick(page.use_recovery_button, Qt.MouseButton.LeftButton)
    assert page.recovery_key.isVisible() and not page.passphrase.isVisible()
    assert page.focusWidget() is page.recovery_key

    # Typed by hand from paper: small letters and spaces instead of dashes are forgiven.
    qtbot.keyClicks(page.recovery_key, recovery_key.lower().replace("-", " "))
    qtbot.keyClicks(page.new_passphrase.passphrase, NEW_PASSPHRASE)
    qtbot.keyClicks(page.new_passphrase.confirm, NEW_PASSPHRASE)
    with qtbot.waitSignal(page.unlocked, timeout=10_000):
        qtbot.keyClick(page.new_passphrase.confirm, Qt.Key.Key_Return)
    assert locked.is_unlocked
    assert page.recovery_key.text() == "" and page.new_passphrase.text() == ""
    assert page.passphrase.isVisible()  # ready for the next lock
    locked.close(backup=False)

    again = Store(folder)
    with pytest.raises(WrongPassphrase):
        again.unlock(PASSPHRASE)
    again.unlock(NEW_PASSPHRASE)
    again.close(backup=False)


def test_wrong_recovery_key_is_explained_and_changes_nothing(
    qtbot, locked: Store, closed_store: tuple[Path, str]
) -> None:  # type: ignore[no-untyped-def]
    folder, _ = closed_store
    before = snapshot(folder)
    page = make_page(qtbot, locked)
    page.show_recovery()
    page.recovery_key.setText("-".join(["ABCD"] * 8))
    page.new_passphrase.passphrase.setText(NEW_PASSPHRASE)
    page.new_passphrase.confirm.setText(NEW_PASSPHRASE)
    page.recover()
    wait_idle(qtbot, page)
    assert page.recovery_problem.isVisible()
    assert page.recovery_problem.text() == str(WrongRecoveryKey())
    assert not locked.is_unlocked
    assert snapshot(folder) == before


def test_recovery_refuses_a_short_key_and_a_weak_passphrase_before_trying(
    qtbot, locked: Store, closed_store: tuple[Path, str]
) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, locked)
    page.show_recovery()
    page.recovery_key.setText("ABCD-EFGH")
    page.new_passphrase.passphrase.setText("caseapp council")
    page.new_passphrase.confirm.setText("caseapp council")
    page.recover()
    assert not page.busy
    assert "32 letters and numbers" in page.recovery_problem.text()
    assert page.new_passphrase.passphrase_problem.isVisible()
    assert page.new_passphrase.passphrase_problem.text().startswith("This passphrase would be too easy")
    assert page.focusWidget() is page.recovery_key


def test_back_to_passphrase_and_reset(qtbot, locked: Store) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, locked)
    page.show_recovery()
    page.recovery_key.setText("something")
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.passphrase.isVisible() and not page.recovery_key.isVisible()
    page.passphrase.setText("typed")
    page.reset()
    assert page.passphrase.text() == "" and page.recovery_key.text() == ""


# -- accessibility ------------------------------------------------------------------------


def test_every_control_has_an_accessible_name_and_labels_have_buddies(qtbot, locked: Store) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, locked)
    controls = [
        w
        for kind in (QLineEdit, QPushButton, QCheckBox, QProgressBar)
        for w in page.findChildren(kind)
    ]
    assert controls
    assert [w for w in controls if not w.accessibleName()] == []
    for label in page.findChildren(QLabel):
        if "&" in label.text():
            assert label.buddy() is not None, label.text()


def test_no_personal_data_on_the_page(qtbot, locked: Store) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, locked)
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert str(locked.folder) not in texts
