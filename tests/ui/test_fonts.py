"""The bundled fonts reach Qt, so names in Ge'ez and Arabic script have glyphs on screen."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from caseapp.ui.fonts import register_bundled_fonts


def test_bundled_fonts_cover_ethiopic_and_arabic(qapp) -> None:  # type: ignore[no-untyped-def]
    families = register_bundled_fonts()
    assert {"Noto Sans Ethiopic", "Noto Sans Arabic"} <= set(families)
    for family, text in (("Noto Sans Ethiopic", "ሰምሃር ተኽለ"), ("Noto Sans Arabic", "آمنة الحسن")):
        metrics = QFontMetrics(QFont(family))
        assert all(metrics.inFontUcs4(ord(ch)) for ch in text if not ch.isspace())
