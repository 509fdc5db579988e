"""Exports: the caseload as shown (CSV or Excel), and what every export shares.

An export takes personal data out of the encrypted store, so each one is recorded in the
audit trail (what, which filter, how many rows, whose records) once the file is on disk
under its part-file name and before it takes its own, as printing logs a disclosure: if the
file cannot be written, no export is recorded; if the event cannot be recorded, no file is
left behind; and no export file exists without its record. The file name is the worker's
choice and is never recorded, since it may carry a name.

Files are written whole or not at all, and only to a new name or over an ordinary file
(caseapp.services.output_files: a part-file beside the target, fsync, rename); nothing goes
through the system's temporary folder, where a crash would leave personal data
unencrypted (the Excel file is built in memory for that reason). CSV for people starts
with a byte-order mark so Excel reads accents and other scripts correctly, and any cell that
Excel would take for a formula (= + - @, tab, carriage return) is prefixed with an
apostrophe; in .xlsx such text is stored as text, so it is kept exactly.
"""

from __future__ import annotations

import csv
import enum
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sqlalchemy.orm import Session

from caseapp.models.codes import AuditAction
from caseapp.models.fields import PERSON
from caseapp.services import audit
from caseapp.services.base import Service
from caseapp.services.caseload import CaseloadFilter, CaseloadRow, CaseloadService
from caseapp.services.errors import ValidationError
from caseapp.services.output_files import Output, check_destination, write_outputs

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The caseload screen's columns, in its order (ui/caseload_table_model.py). Most are worked
# out (name, age, step, contacts); a profile field's header is its declared `export`.
CASELOAD_HEADERS = (
    "Name",
    PERSON["own_script_name"].export or "",
    "Age",
    "Current step",
    "EET status",
    "Last contact",
    "Next contact due",
)
# The profile fields the caseload export holds, each as its column.
EXPORTED_FIELDS = ("own_script_name",)


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class ExportFailed(Exception):
    """The file could not be written; the message is safe to show (it names no file or person)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: ExportFormat
    rows: int


def caseload_cells(row: CaseloadRow) -> tuple[str | int, ...]:
    """One caseload row as the screen shows it, cell by cell."""
    return (
        row.display_name,
        row.own_script_name or "",
        row.age,
        row.step_text,
        row.eet_status.label if row.eet_status else "",
        row.last_contact_text,
        row.due_text,
    )


def formula_safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, for_excel: bool = True) -> bytes:
    """CSV as bytes. `for_excel`: a byte-order mark and formula-safe cells (files for people).

    Without it (files for a machine, such as the statutory return) values are written exactly.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([formula_safe(v) for v in row] if for_excel else list(row))
    text = out.getvalue()
    return text.encode("utf-8-sig" if for_excel else "utf-8")


# An Excel workbook of one sheet, written whole in memory. openpyxl's writers (the normal one as
# well as write-only) stream every sheet through a plain file in the system's temporary folder,
# which a crash leaves behind: personal data outside the encrypted store. So the few parts a
# workbook needs are written here, straight into a zip held in memory.
XLSX_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XLSX_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XLSX_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
XLSX_OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Characters XML 1.0 cannot hold; Excel would refuse the file.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XLSX_FIXED_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{XLSX_OFFICE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{XLSX_OFFICE}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{XLSX_OFFICE}.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{XLSX_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{XLSX_REL}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/>'
        "</Relationships>"
    ),
    # The creator is the app, never a user name (that would be personal data).
    "docProps/core.xml": (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>caseapp</dc:creator></cp:coreProperties>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{XLSX_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{XLSX_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{XLSX_REL}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    # Style 0 plain, style 1 bold (the header row).
    "xl/styles.xml": (
        f'<styleSheet xmlns="{XLSX_MAIN}">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def _column(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xlsx_cell(ref: str, value: Any, style: int) -> str:
    s = f' s="{style}"' if style else ""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    # Text is stored as text (inline), never as a formula, whatever it starts with.
    text = escape(XML_ILLEGAL.sub("", str(value))).replace("\r", "&#13;")
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str) -> bytes:
    """One sheet, the header row bold and frozen, as .xlsx bytes; nothing touches the disk."""
    lines = []
    for r, row in enumerate([headers, *rows], 1):
        style = 1 if r == 1 else 0
        cells = "".join(_xlsx_cell(f"{_column(c)}{r}", v, style) for c, v in enumerate(row))
        lines.append(f'<row r="{r}">{cells}</row>')
    parts = dict(XLSX_FIXED_PARTS)
    name = escape(XML_ILLEGAL.sub("", sheet)[:31], {'"': "&quot;"})
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{XLSX_MAIN}" xmlns:r="{XLSX_REL}">'
        f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    parts["xl/worksheets/sheet1.xml"] = (
        f'<worksheet xmlns="{XLSX_MAIN}"><sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetData>{"".join(lines)}</sheetData></worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for part, xml in parts.items():
            book.writestr(zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0)), XML_HEAD + xml,
                          compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def export_failed(why: str) -> ExportFailed:
    return ExportFailed(f"The file could not be written ({why}). Nothing was exported.")


def record_export(
    session: Session, *, worker_id: int | None, entity: str, entity_id: int, details: dict[str, Any],
    action: AuditAction = AuditAction.EXPORTED,
) -> None:
    audit.append(
        session,
        worker_id=worker_id,
        entity=entity,
        entity_id=entity_id,
        person_id=None,
        action=action,
        changes={key: [None, audit.plain(value)] for key, value in details.items()},
    )


class ExportService(Service):
    def record_caseload_report(self, *, rows: int, people: list[int], protected: bool) -> None:
        """The caseload report is leaving the store as a PDF: record it, with whom it names.

        Called once the PDF is on disk and before it takes its name, as for every export.
        """
        with self._store.session() as s:
            record_export(
                s, worker_id=self.actor_id, entity="caseload_report", entity_id=0, action=AuditAction.PRINTED,
                details={"format": "pdf", "rows": rows, "people": people, "password": protected},
            )
        self._publish("caseload_report", 0, "printed")

    def export_caseload(
        self,
        *,
        path: Path | str,
        format: ExportFormat | str,
        filter: CaseloadFilter | str = CaseloadFilter.ALL,
        mine: bool = False,
        person_ids: list[int] | None = None,
    ) -> ExportResult:
        """The caseload as the screen shows it for this filter, to CSV or Excel.

        `person_ids`: the people on screen in the order shown, when a search or a column sort
        chose or ordered them; None for the filter's whole list in the caseload's order.
        """
        problems: dict[str, str] = {}
        try:
            chosen = ExportFormat(format)
        except ValueError:
            problems["format"] = "Choose CSV or Excel (.xlsx)."
        try:
            shown = CaseloadFilter(filter)
        except ValueError:
            problems["filter"] = "That caseload filter does not exist."
        if problems:
            raise ValidationError(problems)
        target = check_destination(path, field="path")
        caseload = CaseloadService(self._store, self._bus, actor_id=self.actor_id, today=self._today)
        rows = caseload.caseload(filter=shown, mine=mine, person_ids=person_ids)
        if person_ids is not None:
            # The screen's order (a search's ranking or a column sort), not the caseload's.
            rank = {pid: n for n, pid in enumerate(person_ids)}
            rows.sort(key=lambda r: rank[r.person_id])
        cells = [caseload_cells(r) for r in rows]
        if chosen == ExportFormat.CSV:
            data = csv_bytes(CASELOAD_HEADERS, cells)
        else:
            data = xlsx_bytes(CASELOAD_HEADERS, cells, sheet="Caseload")

        def record() -> None:
            with self._store.session() as s:
                record_export(
                    s, worker_id=self.actor_id, entity="caseload", entity_id=0,
                    details={
                        "format": chosen.value, "filter": shown.value, "mine": mine,
                        # Rows chosen or ordered on screen (a search or a column sort).
                        "as_on_screen": person_ids is not None, "rows": len(rows),
                        # Whose records left the store, so a subject access request can say so.
                        "people": [r.person_id for r in rows],
                    },
                )

        write_outputs(self._store, [Output(target, data)], failed=export_failed, field="path", before_naming=record)
        self._publish("caseload", 0, "exported")
        return ExportResult(path=target, format=chosen, rows=len(rows))

