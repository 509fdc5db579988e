"""Text for the page: NFC names, escaped markup, and the right font for each script run.

Names arrive in any Unicode form (a keyboard may send "Zoë" as "Zoe" plus a combining
diaeresis); they are normalised to NFC so each letter is one glyph of the font. Each run of
Arabic or Ethiopic letters is set in its own Noto font. ReportLab shapes with HarfBuzz, which
joins Arabic letters and returns each word's glyphs in visual (right-to-left) order; the
order of the words in an Arabic run is reversed here, because ReportLab lays words out left
to right (the bidi engine it would use for that is not installed).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
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
    """Text that is already safe Paragraph markup (written here, never from the store)."""


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


def markup(text: str | None, *, shaped: bool | None = None) -> Markup:
    """User text as safe Paragraph markup, each script run in its own font.

    `shaped`: whether the paragraph will be shaped (default: when this text has Arabic).
    ReportLab shapes a word with the font of its first letter, so in a shaped paragraph a
    word that changes font part-way ("(محمد)") is split there by a hair space, which the
    layout treats as a word break.
    """
    if not text:
        return Markup("")
    if shaped is None:
        shaped = needs_shaping(text)
    parts = []
    previous = ""
    for run in runs(text):
        body = _visual(run)
        if shaped and previous and not previous[-1].isspace() and not body[0].isspace():
            parts.append(HAIR_SPACE)
        previous = body
        body = escape(body)
        if run.script == LATIN:
            parts.append(body)
        else:
            parts.append(f'<font face="{FONT_OF[run.script]}">{body}</font>')
    return Markup("".join(parts))


def join(parts: Iterable[str | None], sep: str = "") -> Markup:
    """Markup from pieces: `Markup` pieces kept as they are, plain text escaped and set."""
    kept = [p for p in parts if p]
    shaped = any(needs_shaping(p) for p in kept if not isinstance(p, Markup))
    return Markup(sep.join(p if isinstance(p, Markup) else markup(p, shaped=shaped) for p in kept))


@lru_cache(maxsize=None)
def _shaped(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)


def para(content: str | None, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text (escaped and set per script) or of `Markup`.

    Shaping costs time per word, so it is switched on only where Arabic needs it.
    """
    body = content if isinstance(content, Markup) else markup(content)
    if needs_shaping(body):
        style = _shaped(style)
    return Paragraph(body, style)
