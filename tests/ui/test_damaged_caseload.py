"""A caseload damaged deep inside: the app says so in a window and never quits silently,
and never leaves the caseload unlocked behind a half-built screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, Signal

from caseapp.services.demo import build_demo_caseload
from caseapp.services.registry import open_services
from caseapp.store import DamagedData, Store
from caseapp.ui import failure
from caseapp.ui.main_window import MainWindow
from tests.conftest import CHEAP, DEMO_TODAY, PASSPHRASE
from tests.damage import damage_deep

DAMAGED_SENTENCE = str(DamagedData())


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(failure, "tell", lambda parent, text: shown.append(text))
    return shown


@pytest.fixture
def damaged_store(tmp_path: Path) -> Store:
    store, _ = Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP)
    build_demo_caseload(store, people=60, today=DEMO_TODAY)
    store.close(backup=False)
    damage_deep(store.folder, PASSPHRASE)
    damaged = Store(store.folder)
    damaged.unlock(PASSPHRASE)  # page 1 is fine: the damage shows only further in
    yield damaged
    damaged.close(backup=False)


def window_on(qtbot, store: Store, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    layout = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_services(store), layout_settings=layout)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_opening_on_a_damaged_caseload_shows_the_sentence_and_the_lock_screen(
    qtbot, damaged_store: Store, told: list[str], tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    window = window_on(qtbot, damaged_store, tmp_path)
    assert told == [DAMAGED_SENTENCE]
    assert window.workspace is None
    assert window.stack.currentWidget() is window.unlock_page
    assert not damaged_store.is_unlocked
    assert window.windowTitle() == "caseapp — locked"
    assert window.isVisible()


class _Emitter(QObject):
    fired = Signal()


@pytest.mark.qt_no_exception_capture
def test_an_error_escaping_a_slot_is_shown_in_a_window(
    qtbot, told: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]  # type: ignore[no-untyped-def]
) -> None:
    import sys

    monkeypatch.setattr(sys, "excepthook", failure.excepthook)
    emitter = _Emitter()

    def slot() -> None:
        raise DamagedData()

    emitter.fired.connect(slot)
    emitter.fired.emit()
    assert told == [DAMAGED_SENTENCE]

    def other() -> None:
        raise ValueError("Semhar Tekle")

    emitter.fired.disconnect(slot)
    emitter.fired.connect(other)
    emitter.fired.emit()
    assert told[1] == failure.sentence(ValueError())
    # stderr, which a desktop session may log, gets the kind of error and nothing else.
    err = capsys.readouterr().err
    assert "Semhar" not in err
    assert "ValueError" in err
