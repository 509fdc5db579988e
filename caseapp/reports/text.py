"""Text for the page: the one way any document sets text that can hold a name.

Every heading, title, paragraph, table cell, chart label and page mark is made here, from
plain text (escaped here) or from `Markup` written in the code, with a `Rich` joining the two:
`para()` for paragraphs, `label()` for drawings, `draw()` for the canvas. The report modules
make no Paragraph, String or canvas text of their own (a test holds them to it), so a name in
any script reaches the page the same way wherever it is printed.

Names arrive in any Unicode form (a keyboard may send "Zoë" as "Zoe" plus a combining
diaeresis); they are normalised to NFC so each letter is one glyph of the font. Each run of
Arabic or Ethiopic letters is set in its own Noto font, in the weight and slant of the text
around it (a bold heading sets its Ethiopic in Ethiopic bold). ReportLab shapes with HarfBuzz,
which joins Arabic letters and returns each word's glyphs in visual (right-to-left) order; in
a paragraph the order of the words in an Arabic run is reversed here, because ReportLab lays
words out left to right (the bidi engine it would use for that is not installed). A drawing's
or the canvas's Arabic run is shaped whole, which orders its words too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from reportlab.graphics.shapes import Group, String
from reportlab.lib.fonts import ps2tt
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.platypus import Paragraph

from caseapp.reports import fonts

LATIN, ARABIC, ETHIOPIC = "latin", "arabic", "ethiopic"
FONT_OF = {LATIN: fonts.LATIN, ARABIC: fonts.ARABIC, ETHIOPIC: fonts.ETHIOPIC}
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_ETHIOPIC_RANGES = ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F), (0x1E7E0, 0x1E7FF))
# Zero-width joiner and non-joiner belong to the letters around them (Persian and Pashto use
# the non-joiner inside names).
_JOINERS = {"\u200c", "\u200d"}
HAIR_SPACE = "\u200a"


class Markup(str):
    """Paragraph markup written in the code, never text from the store.

    Only ever made from a string literal (a test checks every report module): anything that
    comes from a record is plain text, and goes through `join()` or `para()` to be escaped.
    """


class Rich:
    """Pieces of a paragraph: `Markup` kept as written, plain text escaped and set per script.

    Plain pieces are set only when the paragraph's style is known, so a name inside a bold
    heading, or after a literal `<b>`, is set in the bold face of its own script.
    """

    __slots__ = ("pieces",)

    def __init__(self, pieces: Iterable[str]) -> None:
        self.pieces: tuple[str, ...] = tuple(pieces)

    def __bool__(self) -> bool:
        return bool(self.pieces)

    def __repr__(self) -> str:
        return f"Rich({self.pieces!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rich) and self.pieces == other.pieces

    def __hash__(self) -> int:
        return hash(self.pieces)


# What a paragraph, a cell or a label may be given.
Content = str | Markup | Rich | None


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """The script whose font must draw `char`, or None for spaces, digits and punctuation."""
    cp = ord(char)
    if any(lo <= cp <= hi for lo, hi in _ARABIC_RANGES):
        return ARABIC
    if any(lo <= cp <= hi for lo, hi in _ETHIOPIC_RANGES):
        return ETHIOPIC
    if char in _JOINERS or unicodedata.category(char)[0] == "M":
        return None
    if unicodedata.category(char)[0] == "L":
        return LATIN
    return None


def needs_shaping(text: str) -> bool:
    return any(script_of(c) == ARABIC for c in text)


@dataclass(frozen=True)
class Run:
    script: str
    text: str


def runs(text: str) -> list[Run]:
    """Split NFC text into runs that one font draws.

    Spaces, digits, punctuation and marks take the script of the letters around them when
    that font has a glyph for them, so "عبد الرحمن" stays one Arabic run and a mark stays
    with its letter; otherwise they fall back to the Latin font.
    """
    text = nfc(text)
    strong = [script_of(c) for c in text]
    out: list[Run] = []
    previous: str | None = None
    for i, char in enumerate(text):
        kind = strong[i]
        if kind is None:
            following = next((s for s in strong[i + 1 :] if s is not None), None)
            if char in _JOINERS or unicodedata.category(char)[0] == "M":
                kind = previous or following or LATIN
            elif previous is not None and previous == following:
                kind = previous
            else:
                kind = LATIN
            if kind != LATIN and not fonts.has_glyph(FONT_OF[kind], char):
                kind = LATIN
        else:
            previous = kind
        if out and out[-1].script == kind:
            out[-1] = Run(kind, out[-1].text + char)
        else:
            out.append(Run(kind, char))
    return out


def _visual(run: Run) -> str:
    """An Arabic run's words in left-to-right page order; each word is shaped by HarfBuzz."""
    if run.script != ARABIC:
        return run.text
    lead = run.text[: len(run.text) - len(run.text.lstrip())]
    trail = run.text[len(run.text.rstrip()) :]
    words = run.text.split()
    return lead + " ".join(reversed(words)) + trail


def face(script: str, *, bold: bool = False, italic: bool = False) -> str:
    """The font that draws `script` in the given weight and slant."""
    return fonts.face(FONT_OF[script], bold=bold, italic=italic)


def markup(text: str | None, *, shaped: bool | None = None, bold: bool = False, italic: bool = False) -> Markup:
    """Plain text as safe Paragraph markup, each script run in its own font.

    `shaped`: whether the paragraph will be shaped (default: when this text has Arabic).
    ReportLab shapes a word with the font of its first letter, so in a shaped paragraph a
    word that changes font part-way ("(محمد)") is split there by a hair space, which the
    layout treats as a word break. `bold` and `italic` are those of the text around it: a
    font tag sets weight and slant anew, so Arabic and Ethiopic name them in the face.
    """
    if not text:
        return Markup("")
    if shaped is None:
        shaped = needs_shaping(text)
    return Markup(_set(text, shaped=shaped, bold=bold, italic=italic, before=None)[0])


# What a piece of a paragraph ends with: its script and last character, or None at the start.
_Edge = tuple[str, str] | None


def _set(text: str, *, shaped: bool, bold: bool, italic: bool, before: _Edge) -> tuple[str, _Edge]:
    """`markup()` for one piece of a paragraph, given how the text before it ended."""
    parts = []
    for run in runs(text):
        body = _visual(run)
        if (
            shaped
            and before is not None
            and before[0] != run.script
            and not before[1].isspace()
            and not body[0].isspace()
        ):
            parts.append(HAIR_SPACE)
        before = (run.script, body[-1])
        body = escape(body)
        if run.script == LATIN:
            parts.append(body)
        else:
            parts.append(f'<font face="{face(run.script, bold=bold, italic=italic)}">{body}</font>')
    return "".join(parts), before


def join(parts: Iterable[Content], sep: str = "") -> Rich:
    """Paragraph content from pieces: `Markup` kept, plain text set when the style is known."""
    pieces: list[str] = []
    for part in parts:
        if not part:
            continue
        if pieces and sep:
            pieces.append(sep)
        pieces.extend(part.pieces if isinstance(part, Rich) else (part,))
    return Rich(pieces)


_WEIGHT_TAG = re.compile(r"<(/?)(b|strong|i|em)(?:\s[^>]*)?>", re.IGNORECASE)


def render(content: Content, *, bold: bool = False, italic: bool = False) -> Markup:
    """Content as Paragraph markup for text that starts in the given weight and slant.

    Literal `<b>` and `<i>` tags in `Markup` pieces are followed, so plain text after them is
    set in the matching face of its script.
    """
    if not content:
        return Markup("")
    if isinstance(content, Markup):
        return content
    if not isinstance(content, Rich):
        return markup(content, bold=bold, italic=italic)
    shaped = any(needs_shaping(p) for p in content.pieces if not isinstance(p, Markup))
    depth = {"b": int(bold), "i": int(italic)}
    out: list[str] = []
    # Pieces meet inside words ("الياسمين" then ", starting"): the hair space that keeps a
    # word in one font is decided across them, as within one piece.
    before: _Edge = None
    for piece in content.pieces:
        if isinstance(piece, Markup):
            out.append(piece)
            for closing, tag in _WEIGHT_TAG.findall(piece):
                key = "b" if tag.lower() in ("b", "strong") else "i"
                depth[key] = max(0, depth[key] + (-1 if closing else 1))
            visible = plain_text(piece)
            if "<br" in piece:
                before = None
            elif visible:
                before = (LATIN, visible[-1])
        else:
            body, before = _set(nfc(piece), shaped=shaped, bold=depth["b"] > 0, italic=depth["i"] > 0, before=before)
            out.append(body)
    return Markup("".join(out))


def plain_text(content: Content) -> str:
    """What the content says, without markup: for measuring and for tests."""
    if not content:
        return ""
    if isinstance(content, Rich):
        return "".join(plain_text(p) for p in content.pieces)
    if isinstance(content, Markup):
        return re.sub(r"<[^>]*>", "", content).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return nfc(content)


@cache
def _shaped(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)


@lru_cache(maxsize=64)
def weight_of(font_name: str) -> tuple[bool, bool]:
    """(bold, italic) of a registered font, as its family knows it."""
    fonts.register_fonts()
    _family, bold, italic = ps2tt(font_name)
    return bool(bold), bool(italic)


def para(content: Content, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text, `Markup` or `Rich`: the only way the documents make one.

    Shaping costs time per word, so it is switched on only where Arabic needs it.
    """
    bold, italic = weight_of(style.fontName)
    body = render(content, bold=bold, italic=italic)
    if needs_shaping(body):
        style = _shaped(style)
    return Paragraph(body, style)


def fits_plain(text: str, font: str, size: float, room: float) -> bool:
    """Whether `text` can be drawn as a plain string in `font` (a table cell's fast path):
    one line, no other script's letters, every character in the font, and it fits."""
    if "\n" in text or needs_shaping(text):
        return False
    if not all(script_of(c) in (None, LATIN) and fonts.has_glyph(font, c) for c in text):
        return False
    return stringWidth(text, font, size) <= room


# -- drawings and the canvas: one line of text, no markup -------------------------------


@dataclass(frozen=True)
class _Piece:
    font: str
    text: str  # a ShapedStr for an Arabic run: glyphs in visual order
    width: float


def _pieces(text: str, size: float, bold: bool) -> list[_Piece]:
    out = []
    for run in runs(" ".join(text.split())):
        font = face(run.script, bold=bold)
        if run.script == ARABIC:
            shaped = shapeStr(run.text, font, size, force=True)
            if isinstance(shaped, ShapedStr):
                width = sum(d.x_advance for d in shaped.__shapeData__) * size / 1000
                out.append(_Piece(font, shaped, width))
                continue
        out.append(_Piece(font, run.text, stringWidth(run.text, font, size)))
    return out


def width(text: str | None, size: float, *, bold: bool = False) -> float:
    """How wide one line of text is when drawn by `label()` or `draw()`."""
    return sum(p.width for p in _pieces(text or "", size, bold))


def _start(x: float, total: float, anchor: str) -> float:
    return x - {"start": 0.0, "middle": total / 2, "end": total}[anchor]


def label(
    text: str | None, x: float, y: float, *, size: float, bold: bool = False, anchor: str = "start", colour: Any = None
) -> Group:
    """One line of plain text for a drawing (a chart's label), each script run in its font.

    `anchor`: "start", "middle" or "end", as a drawing's String takes it.
    """
    pieces = _pieces(text or "", size, bold)
    at = _start(x, sum(p.width for p in pieces), anchor)
    group = Group()
    for piece in pieces:
        group.add(String(at, y, piece.text, fontName=piece.font, fontSize=size, fillColor=colour, textAnchor="start"))
        at += piece.width
    return group


def draw(
    canvas: Any, x: float, y: float, text: str | None, *, size: float, bold: bool = False, anchor: str = "start"
) -> None:
    """One line of plain text on the canvas (the page's marking and footer), each run in its font."""
    pieces = _pieces(text or "", size, bold)
    at = _start(x, sum(p.width for p in pieces), anchor)
    for piece in pieces:
        canvas.setFont(piece.font, size)
        canvas.drawString(at, y, piece.text)
        at += piece.width
