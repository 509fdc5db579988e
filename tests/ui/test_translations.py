"""Qt's own strings follow the user's language; caseapp's come from tr() and stay English."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from caseapp.store import Store
from caseapp.ui import launch, translations
from caseapp.ui.translations import install_translators
from tests.conftest import CHEAP, PASSPHRASE


def _remove_all(app: QApplication) -> None:
    for translator in app.findChildren(QTranslator):
        app.removeTranslator(translator)
        translator.deleteLater()


def test_german_standard_buttons_and_english_source(qapp) -> None:  # type: ignore[no-untyped-def]
    installed = install_translators(qapp, QLocale(QLocale.Language.German))
    try:
        # PySide6's wheels ship Qt's translations; finding none would mean a broken install.
        assert installed
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        _remove_all(qapp)


UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def _ours(installed: list[QTranslator]) -> list[QTranslator]:
    # Asked by what the translator is, never by its path: Qt's own .qm files live under
    # whatever folder the project was cloned into, which may well be called "caseapp".
    return [t for t in installed if t.objectName() == translations.OWN_TRANSLATOR]


def test_uk_english_installs_nothing_of_ours(qapp) -> None:  # type: ignore[no-untyped-def]
    installed = install_translators(qapp, UK)
    _remove_all(qapp)
    assert _ours(installed) == []


def test_a_translation_of_ours_is_found_and_told_apart(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    """The check above can fail: with a caseapp_en_GB.qm present, it is installed and seen."""
    source = tmp_path / "caseapp_en_GB.ts"
    source.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="en_GB">'
        "<context><name>MainWindow</name><message><source>Lock</source>"
        "<translation>Lock now</translation></message></context></TS>",
        encoding="utf-8",
    )
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(source)], check=True, capture_output=True)
    monkeypatch.setattr(translations, "translations_folder", lambda: tmp_path)
    installed = install_translators(qapp, UK)
    try:
        assert len(_ours(installed)) == 1
        assert QCoreApplication.translate("MainWindow", "Lock") == "Lock now"
    finally:
        _remove_all(qapp)


def test_the_app_starts_in_the_users_language(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    store, _ = Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP)
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)
    seen: list[str] = []

    class FirstWindow:  # the real main window is tested on its own
        def __init__(self, services, *, demo: bool = False) -> None:  # type: ignore[no-untyped-def]
            seen.append(QCoreApplication.translate("QPlatformTheme", "Cancel"))

        def show(self) -> None:
            pass

    monkeypatch.setattr("caseapp.ui.main_window.MainWindow", FirstWindow)
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German))
    try:
        assert launch.run_gui(store=store, data_dir=tmp_path / "store", demo=True) == 0
    finally:
        QLocale.setDefault(before)
        _remove_all(qapp)
    assert seen == ["Abbrechen"]
