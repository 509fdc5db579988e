"""Building blocks shared by the documents: headings, label/value tables, data tables, and
what keeps a heading with what it heads.

Each takes plain text (or `Markup`/`Rich` from `text.join`) and hands it to `text.para`, so a
name in a heading or a cell is set like a name in the body, in any script.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeAlias

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.flowables import _listWrapOn

from caseapp import dates
from caseapp.reports import fonts, styles
from caseapp.reports.text import Content, Markup, Rich, fits_plain, nfc, para

Cell: TypeAlias = str | Markup | Rich | Flowable | None


# The packs write days as the screens do.
day = dates.day
moment = dates.moment


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def pounds(pence: int | None) -> str:
    return "" if pence is None else f"£{pence / 100:,.2f}"


# Set on a flowable that introduces the next one; `keep_leads` keeps the two on one page.
_LEADS_IN = "_caseapp_leads_in"


def leads_in(flowable: Flowable) -> Flowable:
    setattr(flowable, _LEADS_IN, True)
    return flowable


def heading(text: Content) -> Flowable:
    return leads_in(para(text, styles.H2))


def subheading(text: Content) -> Flowable:
    return leads_in(para(text, styles.H3))


def body(text: Content) -> Flowable:
    return para(text, styles.BODY)


def quiet(text: Content) -> Flowable:
    return para(text, styles.SMALL)


def intro(text: Content) -> Flowable:
    """A quiet note that says what the table or list after it holds: read alone at the foot
    of a page it explains nothing, so it goes wherever that table or list starts."""
    return leads_in(quiet(text))


def bullets(items: Iterable[Content]) -> list[Flowable]:
    out: list[Flowable] = []
    for item in items:
        p = para(item, styles.BULLET)
        p.bulletText = "•"
        out.append(p)
    return out


def lines_of(text: str | None) -> list[str]:
    """Free text split into its non-empty lines, each stripped of list markers."""
    if not text:
        return []
    out = []
    for line in text.splitlines():
        line = line.strip().lstrip("-*•").strip()
        if line:
            out.append(line)
    return out


def _cell(value: Cell, style=styles.CELL) -> Flowable:
    if isinstance(value, Flowable):
        return value
    return para(value or "", style)


def _fast_cell(value: Cell, room: float) -> Flowable | str:
    """Short Latin text as a plain string (a long list lays out several times faster);
    anything that wraps, carries markup or needs another script's font as a Paragraph."""
    if isinstance(value, str) and not isinstance(value, Markup):
        text = nfc(value)
        if fits_plain(text, fonts.LATIN, styles.CELL.fontSize, room):
            return text
    return _cell(value)


def facts(rows: Sequence[tuple[str, Cell]], *, width: float, label_width: float = 45 * mm) -> Table | Spacer:
    """Label and value pairs, skipping empty values: a form with blanks reads as missing work."""
    kept = [(label, value) for label, value in rows if value not in (None, "")]
    if not kept:
        return Spacer(0, 0)
    data = [[para(label, styles.LABEL), _cell(value)] for label, value in kept]
    table = Table(data, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), fonts.LATIN),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    widths: Sequence[float],
    repeat_header: bool = True,
    numeric: Sequence[int] = (),
) -> Table:
    """A data table with a shaded header row repeated on each page and light row rules.

    `numeric` columns are right-aligned, drawn as plain strings (they are figures, not text
    from the record, so they need no script handling and lay out faster).
    """
    data: list[list[Flowable | str]] = [
        [para(h, styles.CELL_BOLD_RIGHT if i in numeric else styles.CELL_BOLD) for i, h in enumerate(header)]
    ]
    room = [w - 8 for w in widths]
    data += [
        [str(value) if i in numeric else _fast_cell(value, room[i]) for i, value in enumerate(row)] for row in rows
    ]
    table = Table(data, colWidths=list(widths), repeatRows=1 if repeat_header else 0, hAlign="LEFT")
    numeric_style = [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in numeric] + [
        ("FONTSIZE", (0, 1), (-1, -1), styles.CELL.fontSize),
        ("LEADING", (0, 1), (-1, -1), styles.CELL.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), styles.INK),
    ]
    table.setStyle(
        TableStyle(
            numeric_style
            + [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), fonts.LATIN),
                ("BACKGROUND", (0, 0), (-1, 0), styles.SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, styles.RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def section(title: Content, *content: Flowable) -> list[Flowable]:
    """A heading and its content; the heading is kept with the start of it (`keep_leads`)."""
    return [heading(title), *(f for f in content if f is not None)]


class KeepWithStart(KeepTogether):
    """Headings and notes kept with the start of what they head.

    All on this page when it fits. When it does not, as much of what follows as fits here,
    provided that is a proper start (a paragraph splits leaving two lines at least, a table
    one row and its header); otherwise all of it goes to the next page. Keeping the whole of
    a long table with its heading would leave most of a page empty for nothing.
    """

    def __init__(self, lead: list[Flowable], following: Flowable) -> None:
        super().__init__([*lead, following])
        self._lead = lead
        self._following = following

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - ReportLab's names
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H > aH:
            _, lead_height = _listWrapOn(self._lead, aW, self.canv)
            gap = max(self._lead[-1].getSpaceAfter(), self._following.getSpaceBefore())
            room = aH - lead_height - gap
            if room > 0:
                parts = self._following.splitOn(self.canv, aW, room)
                # Measured as KeepTogether measures what it keeps, so that the start is laid
                # out here as reckoned and the heading does not end the page after all.
                if len(parts) > 1 and _listWrapOn([*self._lead, parts[0]], aW, self.canv)[1] <= aH:
                    return [*self._lead, *parts]
        return super().split(aW, aH)


def _with_start(lead: list[Flowable], following: Flowable) -> Flowable:
    if isinstance(following, KeepTogether):
        # A block that must not split (a support need, a contact block): the heading joins it.
        # Nested, the outer one would push the block to the next page even where it fits.
        return KeepTogether([*lead, *following._content])
    return KeepWithStart(lead, following)


def keep_leads(story: list[Flowable]) -> list[Flowable]:
    """The story with each heading or introducing note (and a run of them, as a heading, a
    subheading and a note) kept with the start of what follows, so none ends a page alone."""
    out: list[Flowable] = []
    lead: list[Flowable] = []
    for flowable in story:
        if getattr(flowable, _LEADS_IN, False) or (lead and isinstance(flowable, Spacer)):
            lead.append(flowable)
        elif lead:
            out.append(_with_start(lead, flowable))
            lead = []
        else:
            out.append(flowable)
    return out + lead
