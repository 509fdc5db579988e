"""Type and colour for every document: one calm sans face, generous leading, few colours."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from caseapp.reports import fonts

fonts.register_fonts()

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

BODY = ParagraphStyle(
    "body", fontName=fonts.LATIN, bulletFontName=fonts.LATIN, fontSize=10.5, leading=15, textColor=INK, spaceAfter=5
)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=2)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=9, leading=12, spaceAfter=0)
CELL_BOLD = ParagraphStyle("cell-bold", parent=CELL, fontName=fonts.LATIN_BOLD)
CELL_BOLD_RIGHT = ParagraphStyle("cell-bold-right", parent=CELL_BOLD, alignment=TA_RIGHT)
LABEL = ParagraphStyle("label", parent=CELL, fontName=fonts.LATIN_BOLD, textColor=MUTED)
TITLE = ParagraphStyle("title", parent=BODY, fontName=fonts.LATIN_BOLD, fontSize=19, leading=24, textColor=ACCENT, spaceAfter=4)
SUBTITLE = ParagraphStyle("subtitle", parent=BODY, fontSize=11.5, leading=16, textColor=MUTED, spaceAfter=10)
H2 = ParagraphStyle(
    "h2", parent=BODY, fontName=fonts.LATIN_BOLD, fontSize=13, leading=17, textColor=ACCENT, spaceBefore=10, spaceAfter=4
)
H3 = ParagraphStyle("h3", parent=BODY, fontName=fonts.LATIN_BOLD, fontSize=10.5, leading=14, spaceBefore=4, spaceAfter=2)
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=12, bulletIndent=2, spaceAfter=3)
FIGURE = ParagraphStyle("figure", parent=BODY, fontName=fonts.LATIN_BOLD, fontSize=20, leading=24, alignment=TA_CENTER, textColor=ACCENT)
FIGURE_LABEL = ParagraphStyle("figure-label", parent=SMALL, alignment=TA_CENTER)
