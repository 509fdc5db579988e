"""Loads translations for the user's language: Qt's own (standard buttons, dialogs) and caseapp's.

Every caseapp string goes through `tr()` with UK English as the source; a translation is a
`caseapp_<locale>.qm` file in `resources/translations/`, made with `pyside6-lupdate` and
`pyside6-lrelease`. None ship yet, so English speakers see the source text and others see
Qt's standard buttons in their own language.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

OWN_TRANSLATOR = "caseapp translation"


def translations_folder() -> Traversable:
    return resources.files("caseapp.resources") / "translations"


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """The translators installed (kept alive by the app); none when nothing matches."""
    # QLocale() is the system's language unless the app was told otherwise.
    locale = locale or QLocale()
    installed: list[QTranslator] = []
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    folder = translations_folder()
    for name in locale.uiLanguages():
        entry = folder / f"caseapp_{name.replace('-', '_')}.qm"
        if entry.is_file():
            own = QTranslator(app)
            # Loaded from bytes, so it has no file path to tell it by: it is named instead.
            own.setObjectName(OWN_TRANSLATOR)
            if own.load(entry.read_bytes()):
                app.installTranslator(own)
                installed.append(own)
            break
    return installed
