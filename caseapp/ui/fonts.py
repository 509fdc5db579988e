"""Registers the bundled Noto fonts with Qt, so Ethiopic and Arabic names never show as boxes.

Qt falls back to any registered font that has the glyphs, so registering is enough; the
UI's own font stays the system's. Read through importlib.resources, like every resource.
"""

from __future__ import annotations

import functools
from importlib import resources

from PySide6.QtGui import QFontDatabase

# Only the scripts a laptop's system fonts often lack; Latin comes from the system.
UI_FONTS = ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf",
            "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf")


@functools.cache
def register_bundled_fonts() -> tuple[str, ...]:
    """The families Qt now knows from the bundle (empty if none could be loaded).

    Once per process: Qt keeps application fonts for the life of the application.
    """
    folder = resources.files("caseapp.resources") / "fonts"
    families: list[str] = []
    for name in UI_FONTS:
        entry = folder / name
        if not entry.is_file():
            continue
        font_id = QFontDatabase.addApplicationFontFromData(entry.read_bytes())
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return tuple(families)
