"""Type and colour for every document: one calm sans face, generous leading, few colours.

The paragraph styles are made on first use, and the bundled fonts registered with them:
reading and parsing the eight font files takes 150-280 ms, and importing this module for a
colour or a margin, or listing the report commands, should not pay it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import mm

from caseapp.reports import fonts

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle

    BODY: ParagraphStyle
    SMALL: ParagraphStyle
    CELL: ParagraphStyle
    CELL_BOLD: ParagraphStyle
    CELL_BOLD_RIGHT: ParagraphStyle
    LABEL: ParagraphStyle
    TITLE: ParagraphStyle
    SUBTITLE: ParagraphStyle
    H2: ParagraphStyle
    H3: ParagraphStyle
    BULLET: ParagraphStyle
    FIGURE: ParagraphStyle
    FIGURE_LABEL: ParagraphStyle

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#2d6a6a")
RULE = colors.HexColor("#c8d1d9")
SHADE = colors.HexColor("#eef2f4")
MARKING = colors.HexColor("#8a1c1c")
# Chart series: distinguishable in greyscale print as well as in colour.
SERIES = (
    colors.HexColor("#2d6a6a"),
    colors.HexColor("#d08c2b"),
    colors.HexColor("#6b7fb3"),
    colors.HexColor("#9c4f6b"),
    colors.HexColor("#7a9a3a"),
)

MARGIN = 20 * mm
HEADER_SPACE = 14 * mm

_lock = threading.Lock()


def _paragraph_styles() -> dict[str, ParagraphStyle]:
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    # Whoever asks for a style is about to measure or draw text in these fonts.
    fonts.register_fonts()
    # No widows: the last line of a paragraph alone at the top of a page reads as a stray.
    body = ParagraphStyle(
        "body", fontName=fonts.LATIN, bulletFontName=fonts.LATIN, fontSize=10.5, leading=15, textColor=INK,
        spaceAfter=5, allowWidows=0,
    )
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=2)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0)
    cell_bold = ParagraphStyle("cell-bold", parent=cell, fontName=fonts.LATIN_BOLD)
    return {
        "BODY": body,
        "SMALL": small,
        "CELL": cell,
        "CELL_BOLD": cell_bold,
        "CELL_BOLD_RIGHT": ParagraphStyle("cell-bold-right", parent=cell_bold, alignment=TA_RIGHT),
        "LABEL": ParagraphStyle("label", parent=cell, fontName=fonts.LATIN_BOLD, textColor=MUTED),
        "TITLE": ParagraphStyle(
            "title", parent=body, fontName=fonts.LATIN_BOLD, fontSize=19, leading=24, textColor=ACCENT, spaceAfter=4
        ),
        "SUBTITLE": ParagraphStyle("subtitle", parent=body, fontSize=11.5, leading=16, textColor=MUTED, spaceAfter=10),
        "H2": ParagraphStyle(
            "h2", parent=body, fontName=fonts.LATIN_BOLD, fontSize=13, leading=17, textColor=ACCENT, spaceBefore=10,
            spaceAfter=4,
        ),
        "H3": ParagraphStyle(
            "h3", parent=body, fontName=fonts.LATIN_BOLD, fontSize=10.5, leading=14, spaceBefore=4, spaceAfter=2
        ),
        "BULLET": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=3),
        "FIGURE": ParagraphStyle(
            "figure", parent=body, fontName=fonts.LATIN_BOLD, fontSize=20, leading=24, alignment=TA_CENTER,
            textColor=ACCENT,
        ),
        "FIGURE_LABEL": ParagraphStyle("figure-label", parent=small, alignment=TA_CENTER),
    }


_STYLE_NAMES = frozenset(
    ("BODY", "SMALL", "CELL", "CELL_BOLD", "CELL_BOLD_RIGHT", "LABEL", "TITLE", "SUBTITLE", "H2", "H3", "BULLET",
     "FIGURE", "FIGURE_LABEL")
)


def __getattr__(name: str) -> object:
    # Only the styles themselves: a probe for any other name (hasattr, introspection) must
    # not load the fonts.
    if name not in _STYLE_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    with _lock:
        if "BODY" not in globals():
            globals().update(_paragraph_styles())
    return globals()[name]
