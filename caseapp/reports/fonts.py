"""The bundled Noto fonts: registered once with ReportLab, and handed to the UI as data.

Every font is read through importlib.resources, so the app works the same from a source
tree, an installed wheel or a frozen bundle. Only TrueType builds are bundled: ReportLab
embeds (subsets) TrueType glyphs in the PDF, so the printed names never depend on the fonts
of the computer that opens the file.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

PACKAGE = "caseapp.resources"
FOLDER = "fonts"

# Font names as ReportLab knows them; the documents refer to these only.
LATIN = "NotoSans"
LATIN_BOLD = "NotoSans-Bold"
LATIN_ITALIC = "NotoSans-Italic"
LATIN_BOLD_ITALIC = "NotoSans-BoldItalic"
ARABIC = "NotoSansArabic"
ARABIC_BOLD = "NotoSansArabic-Bold"
ETHIOPIC = "NotoSansEthiopic"
ETHIOPIC_BOLD = "NotoSansEthiopic-Bold"


@dataclass(frozen=True)
class Family:
    normal: str
    bold: str
    italic: str
    bold_italic: str


# Arabic and Ethiopic have no italic in Noto: their upright faces stand in, as typesetters do.
FAMILIES = (
    Family(LATIN, LATIN_BOLD, LATIN_ITALIC, LATIN_BOLD_ITALIC),
    Family(ARABIC, ARABIC_BOLD, ARABIC, ARABIC_BOLD),
    Family(ETHIOPIC, ETHIOPIC_BOLD, ETHIOPIC, ETHIOPIC_BOLD),
)
_FAMILY_OF = {family.normal: family for family in FAMILIES}

FILES = {
    LATIN: "NotoSans-Regular.ttf",
    LATIN_BOLD: "NotoSans-Bold.ttf",
    LATIN_ITALIC: "NotoSans-Italic.ttf",
    LATIN_BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    ARABIC_BOLD: "NotoSansArabic-Bold.ttf",
    ETHIOPIC: "NotoSansEthiopic-Regular.ttf",
    ETHIOPIC_BOLD: "NotoSansEthiopic-Bold.ttf",
}
LICENCE = "OFL.txt"

_lock = threading.Lock()
_registered = False


def font_resource(file_name: str) -> Traversable:
    """One bundled file (a font or the licence) as an importlib.resources handle."""
    return resources.files(PACKAGE).joinpath(FOLDER, file_name)


def font_files() -> list[Traversable]:
    """Every bundled font file, for the desktop client to register with Qt.

    The client can call `QFontDatabase.addApplicationFontFromData(f.read_bytes())` for each,
    or `importlib.resources.as_file(f)` where a real path is needed.
    """
    return [font_resource(name) for name in FILES.values()]


def font_data(font_name: str) -> bytes:
    return font_resource(FILES[font_name]).read_bytes()


def licence_text() -> str:
    return font_resource(LICENCE).read_text(encoding="utf-8")


def register_fonts() -> None:
    """Register the bundled fonts and their bold/italic families with ReportLab, once."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, file_name in FILES.items():
            # Read as bytes: a resource inside a zip or frozen bundle has no path.
            data = io.BytesIO(font_resource(file_name).read_bytes())
            pdfmetrics.registerFont(TTFont(name, data))
        for family in FAMILIES:
            pdfmetrics.registerFontFamily(
                family.normal,
                normal=family.normal,
                bold=family.bold,
                italic=family.italic,
                boldItalic=family.bold_italic,
            )
        _no_discretionary_ligatures()
        # Charts start each drawing in this font; Helvetica would be a font the PDF names but
        # does not embed, so a viewer substitutes its own.
        STATE_DEFAULTS["fontName"] = LATIN
        _registered = True


def _no_discretionary_ligatures() -> None:
    """Turn off the `dlig` feature ReportLab asks HarfBuzz for by default.

    OpenType leaves discretionary ligatures to the author; with them on, Noto Sans Arabic
    replaces a plain, unvowelled name (محمد) with a vowelled calligraphic form, which is not
    how the person writes it.
    """
    defaults = getattr(ttfonts.shapeFragWord, "__defaults__", None)
    if defaults and isinstance(defaults[0], dict):
        defaults[0]["dlig"] = False


def face(family: str, *, bold: bool = False, italic: bool = False) -> str:
    """The font of `family` (named by its regular face) in the given weight and slant."""
    f = _FAMILY_OF[family]
    if bold:
        return f.bold_italic if italic else f.bold
    return f.italic if italic else f.normal


def ttfont(name: str) -> TTFont:
    register_fonts()
    font = pdfmetrics.getFont(name)
    assert isinstance(font, TTFont)
    return font


PRINTABLE_TABLE = "printable.txt"
# Which family draws which code points: as `text.runs` chooses (the script's own font for
# Arabic and Ethiopic letters, Noto Sans for the rest).
_SCRIPT_RANGES = {
    ARABIC: ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    ETHIOPIC: ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F), (0x1E7E0, 0x1E7FF)),
}


def _covered(family: Family) -> set[int]:
    """Code points every face of the family draws with a real glyph."""
    faces = {family.normal, family.bold, family.italic, family.bold_italic}
    maps = [ttfont(name).face.charToGlyph for name in faces]
    return {cp for cp in maps[0] if all(m.get(cp, 0) for m in maps)}


def printable_ranges() -> list[tuple[int, int]]:
    """Every code point the documents print with a real glyph, as (first, last) ranges.

    Validation refuses what is outside them, so what a worker enters is what prints; it reads
    them from `PRINTABLE_TABLE` beside the fonts (the services load no font), which a test
    keeps equal to this.
    """
    by_family = {f.normal: _covered(f) for f in FAMILIES}

    def family_of(cp: int) -> str:
        for family, ranges in _SCRIPT_RANGES.items():
            if any(lo <= cp <= hi for lo, hi in ranges):
                return family
        return LATIN

    # Control characters are in some character maps (NUL, CR) but are never text to print.
    points = sorted(
        cp
        for family, covered in by_family.items()
        for cp in covered
        if family_of(cp) == family and unicodedata.category(chr(cp)) != "Cc"
    )
    out: list[tuple[int, int]] = []
    for cp in points:
        if out and out[-1][1] == cp - 1:
            out[-1] = (out[-1][0], cp)
        else:
            out.append((cp, cp))
    return out


def printable_table() -> str:
    """`printable_ranges()` as the text of `PRINTABLE_TABLE`."""
    lines = [
        "# Code points the printed documents draw with a real glyph of the bundled fonts, made from",
        "# their character maps by caseapp.reports.fonts.printable_table(). Validation reads this",
        "# file; a test checks it still matches the fonts.",
    ]
    lines += [f"{lo:04X}-{hi:04X}" if hi != lo else f"{lo:04X}" for lo, hi in printable_ranges()]
    return "\n".join(lines) + "\n"


def has_glyph(name: str, char: str) -> bool:
    """Whether the font maps the character to a real glyph (not .notdef, glyph 0)."""
    return ttfont(name).face.charToGlyph.get(ord(char), 0) != 0
