"""The bundled fonts reach Qt, so names in Ge'ez and Arabic script have glyphs on screen."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from caseapp.ui.fonts import register_bundled_fonts
from caseapp.ui.main_window import MainWindow


def test_bundled_fonts_cover_ethiopic_and_arabic(qapp) -> None:  # type: ignore[no-untyped-def]
    families = register_bundled_fonts()
    assert {"Noto Sans Ethiopic", "Noto Sans Arabic"} <= set(families)
    for family, text in (("Noto Sans Ethiopic", "ሰምሃር ተኽለ"), ("Noto Sans Arabic", "آمنة الحسن")):
        metrics = QFontMetrics(QFont(family))
        assert all(metrics.inFontUcs4(ord(ch)) for ch in text if not ch.isspace())


def test_the_main_window_registers_them_before_it_shows_a_name(qtbot, services, layout_settings) -> None:  # type: ignore[no-untyped-def]
    register_bundled_fonts.cache_clear()
    window = MainWindow(services, layout_settings=layout_settings)
    qtbot.addWidget(window)
    assert register_bundled_fonts.cache_info().currsize == 1
    assert "Noto Sans Ethiopic" in QFontDatabase.families()
