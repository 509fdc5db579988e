"""Qt's own strings follow the user's language; caseapp's come from tr() and stay English."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from caseapp.ui.translations import install_translators


def test_german_standard_buttons_and_english_source(qapp) -> None:  # type: ignore[no-untyped-def]
    installed = install_translators(qapp, QLocale(QLocale.Language.German))
    try:
        if not installed:
            return  # this Qt build ships no translations: nothing to install, nothing breaks
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_uk_english_installs_nothing_of_ours(qapp) -> None:  # type: ignore[no-untyped-def]
    installed = install_translators(qapp, QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    for translator in installed:
        qapp.removeTranslator(translator)
    assert all("caseapp" not in t.filePath() for t in installed)
