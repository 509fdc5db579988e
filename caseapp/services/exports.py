"""Exports: the caseload as shown (CSV or Excel), and what every export shares.

An export takes personal data out of the encrypted store, so each one is recorded in the
audit trail (what, which filter, how many rows, whose records) in the same transaction that
writes the file: if the file cannot be written, no export is recorded, and if the event
cannot be recorded, no file is left behind. The file name is the worker's choice and is
never recorded, since it may carry a name.

Files are written whole or not at all (temporary file, fsync, rename). CSV for people starts
with a byte-order mark so Excel reads accents and other scripts correctly, and any cell that
Excel would take for a formula (= + - @, tab, carriage return) is prefixed with an
apostrophe; in .xlsx such text is stored as text, so it is kept exactly.
"""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from caseapp.models.codes import AuditAction
from caseapp.services import audit
from caseapp.services.base import Service
from caseapp.services.caseload import CaseloadFilter, CaseloadRow, CaseloadService
from caseapp.services.errors import ValidationError
from caseapp.store.fsutil import atomic_write

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The caseload screen's columns, in its order (ui/caseload_table_model.py).
CASELOAD_HEADERS = ("Name", "Own script", "Age", "Current step", "EET status", "Last contact", "Next contact due")


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
    if row.step_type is None:
        step = ""
    elif row.step_status is not None:
        step = f"{row.step_type.label} ({row.step_status.label.lower()})"
    else:
        step = row.step_type.label
    if row.next_due is None:
        due = ""
    else:
        due = row.next_due.strftime("%d/%m/%Y")
        if row.overdue_days == 1:
            due += " (1 day overdue)"
        elif row.overdue_days > 1:
            due += f" ({row.overdue_days} days overdue)"
    return (
        row.display_name,
        row.own_script_name or "",
        row.age,
        step,
        row.eet_status.label if row.eet_status else "",
        row.last_contact.strftime("%d/%m/%Y") if row.last_contact else "None yet",
        due,
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


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    # The default creator is the library's name; a user name would be personal data.
    book.properties.creator = "caseapp"
    ws = book.create_sheet(sheet)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value: Any, header: bool = False) -> WriteOnlyCell:
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        c = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # never a formula, whatever the text starts with
        if header:
            c.font = bold
        return c

    ws.append([cell(h, header=True) for h in headers])
    for row in rows:
        ws.append([cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def check_target(path: Path | str, *, field: str = "path") -> Path:
    target = Path(path)
    try:
        is_folder, parent_exists = target.is_dir(), target.parent.is_dir()
    except OSError as exc:  # e.g. a name too long for the disk: its text would echo the path
        raise ValidationError({field: f"That file name cannot be used ({exc.strerror or 'refused'})."}) from None
    if is_folder:
        raise ValidationError({field: "Choose a file name, not a folder."})
    if not parent_exists:
        raise ValidationError({field: "The folder to save in does not exist."})
    return target


def write_file(path: Path, data: bytes) -> None:
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise ExportFailed(
            f"The file could not be written ({exc.strerror or 'the disk refused it'}). Nothing was exported."
        ) from None


def record_export(
    session: Session, *, worker_id: int | None, entity: str, entity_id: int, details: dict[str, Any]
) -> None:
    audit.append(
        session,
        worker_id=worker_id,
        entity=entity,
        entity_id=entity_id,
        person_id=None,
        action=AuditAction.EXPORTED,
        changes={key: [None, audit.plain(value)] for key, value in details.items()},
    )


class ExportService(Service):
    def export_caseload(
        self,
        *,
        path: Path | str,
        format: ExportFormat | str,
        filter: CaseloadFilter | str = CaseloadFilter.ALL,
        mine: bool = False,
        person_ids: list[int] | None = None,
    ) -> ExportResult:
        """The caseload as the screen shows it for this filter, to CSV or Excel."""
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
        target = check_target(path)
        caseload = CaseloadService(self._store, self._bus, actor_id=self.actor_id, today=self._today)
        rows = caseload.caseload(filter=shown, mine=mine, person_ids=person_ids)
        cells = [caseload_cells(r) for r in rows]
        if chosen == ExportFormat.CSV:
            data = csv_bytes(CASELOAD_HEADERS, cells)
        else:
            data = xlsx_bytes(CASELOAD_HEADERS, cells, sheet="Caseload")
        with self._store.session() as s:
            record_export(
                s, worker_id=self.actor_id, entity="caseload", entity_id=0,
                details={
                    "format": chosen.value, "filter": shown.value, "mine": mine,
                    "searched": person_ids is not None, "rows": len(rows),
                    # Whose records left the store, so a subject access request can say so.
                    "people": [r.person_id for r in rows],
                },
            )
            write_file(target, data)
        self._publish("caseload", 0, "exported")
        return ExportResult(path=target, format=chosen, rows=len(rows))

