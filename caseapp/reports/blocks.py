"""Building blocks shared by the documents: headings, label/value tables, data tables.

Each takes plain text (or `Markup`/`Rich` from `text.join`) and hands it to `text.para`, so a
name in a heading or a cell is set like a name in the body, in any script.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from caseapp.reports import fonts, styles
from caseapp.reports.text import Content, Markup, Rich, fits_plain, nfc, para

Cell = str | Markup | Rich | Flowable | None


def day(value: date | datetime | None) -> str:
    """UK dates, as the app shows them."""
    if value is None:
        return ""
    return f"{value:%d/%m/%Y}"


def moment(value: datetime | None) -> str:
    return "" if value is None else f"{value:%d/%m/%Y %H:%M}"


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def pounds(pence: int | None) -> str:
    return "" if pence is None else f"£{pence / 100:,.2f}"


def heading(text: Content) -> Flowable:
    return para(text, styles.H2)


def subheading(text: Content) -> Flowable:
    return para(text, styles.H3)


def body(text: Content) -> Flowable:
    return para(text, styles.BODY)


def quiet(text: Content) -> Flowable:
    return para(text, styles.SMALL)


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


def _cell(value: Cell, style=styles.CELL) -> Flowable:  # type: ignore[no-untyped-def]
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
    """A heading kept with the start of what follows it, so it never ends a page alone."""
    flowables = [f for f in content if f is not None]
    if not flowables:
        return [heading(title)]
    first = flowables[0]
    # Nested KeepTogethers can push a section to the next page though it fits: flatten.
    inner = list(first._content) if isinstance(first, KeepTogether) else [first]
    return [KeepTogether([heading(title), *inner]), *flowables[1:]]
