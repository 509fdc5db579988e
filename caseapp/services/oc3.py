"""The statutory return (SSDA903): the Header and OC3 files for care leavers' 17th to 21st birthdays.

For the collection year ending 31 March YYYY, every young person on file with a 17th to 21st
birthday in that year is returned (29 February birthdays fall on 1 March in other years):

- IN_TOUCH from the contacts around the birthday (three months before to one month after, as
  the DfE guide asks): spoke with them → YES; otherwise NO. A declined check-in is one
  occasion, not a refusal of contact: REFU ("refuses contact") needs the refusal recorded as
  such, by closing the case as "Refuses contact" by the end of the window. A case closed on or
  before the birthday as died or no longer requiring services gives DIED or NREQ. RHOM
  ("returned home 6+ months") needs the case closed as returned home on or before the
  birthday and the accommodation history to show them living with parents or relatives,
  without a break, for at least the six months up to the birthday; a shorter stay is not RHOM,
  and the contacts decide as for anyone else.
- ACTIV from the EET status on the birthday, ACCOM from the accommodation on the birthday
  (letter plus 1 suitable / 2 not); both `0` whenever IN_TOUCH is not YES.
- Consistency (the DfE's OC3 validation rules): the three all filled or all blank; DIED/RHOM
  ⇒ ACTIV and ACCOM `0`; YES ⇒ neither is `0`; each child once; the same DOB in the Header and
  the OC3 file.

Before anything is written, `check` lists everyone whose record is missing something or
contradicts itself, each with the person's id and one sentence saying what to fix. Nobody is
silently dropped: a young person the return does not cover (a qualifying care leaver) is
listed in `not_included` with the reason. A council may write a draft while problems remain:
everyone is written, and whatever a problem leaves unknown is blank instead of guessed (CHILD
when not recorded or not a valid identifier, SEX when not recorded, IN_TOUCH, ACTIV and ACCOM
together when they cannot be worked out). Such a draft does not meet the rules above (blank
CHILD rows, a CHILD given twice), so the DfE's validation rejects it; it is for looking at,
not for submitting.

Only years from 2024-25 on are written: the Header's SEX codes M, F and U are those of 2024-25
on, and earlier years used other codes.

The files are for the DfE's upload, not for people: plain UTF-8 without a byte-order mark (a
BOM would become part of the first column's name), values exactly as coded. CHILD identifiers
that are not plain letters, digits, '-', '/' or '_' are reported as problems and never written
(blank in a draft), which also keeps the files safe to open in a spreadsheet.
"""

from __future__ import annotations

from pathlib import Path

from caseapp.services.base import Service
from caseapp.services.errors import ValidationError
from caseapp.services.exports import ExportFailed, csv_bytes, record_export
from caseapp.services.oc3_build import NOTES, build_return, home_since
from caseapp.services.oc3_return import (
    CLOSING_REASONS,
    FIELD_ACCOMMODATION,
    FIELD_CATEGORY,
    FIELD_CHILD,
    FIELD_CLOSED,
    FIELD_CONTACT,
    FIELD_EET,
    FIELD_SEX,
    FIRST_YEAR,
    HEADER_HEADERS,
    HIGHER_EDUCATION,
    LAST_YEAR,
    OC3_HEADERS,
    InTouch,
    Oc3Files,
    Oc3Line,
    Oc3Problem,
    Oc3Return,
    ReturnNotReady,
    closing_code,
    collection_year,
    year_label,
)
from caseapp.services.output_files import Output, check_destination, check_folder, write_outputs


def file_names(year: int) -> tuple[str, str]:
    label = year_label(year)
    return f"SSDA903_{label}_Header.csv", f"SSDA903_{label}_OC3.csv"


def _check_in_folder(path: Path) -> None:
    """The return's own file names may be written over an ordinary file only; else say which."""
    try:
        check_destination(path, field="folder")
    except ValidationError:
        # The names are the DfE's, never personal: saying which one helps.
        raise ValidationError({"folder": (
            f"The folder already holds something called {path.name} that is not an ordinary file "
            f"(a link, a folder or a device). Move it, or choose another folder."
        )}) from None


class Oc3Service(Service):
    def _year(self, year: object) -> int:
        if isinstance(year, bool) or not isinstance(year, int) or year > LAST_YEAR:
            raise ValidationError(
                {"year": f"Give the year the collection ends in, between {FIRST_YEAR} and {LAST_YEAR}."}
            )
        if year < FIRST_YEAR:
            raise ValidationError({"year": (
                f"caseapp writes the return only from {year_label(FIRST_YEAR)} (the year ending 31 March {FIRST_YEAR}) "
                f"on, because earlier years used other Header codes for SEX."
            )})
        if collection_year(year)[0] > self.today():
            raise ValidationError({"year": f"The collection year {year_label(year)} has not started yet."})
        return year

    def check(self, *, year: int) -> Oc3Return:
        """The return for the year ending 31 March `year`, with every problem found."""
        chosen = self._year(year)
        with self._store.read_session() as s:
            return build_return(s, year=chosen, today=self.today())

    def export(self, *, year: int, folder: Path | str, allow_problems: bool = False) -> tuple[Oc3Return, Oc3Files]:
        """Write the Header and OC3 files into `folder`; refused while problems remain unless allowed."""
        chosen = self._year(year)
        target = check_folder(folder, field="folder")
        header_name, oc3_name = file_names(chosen)
        header_path, oc3_path = target / header_name, target / oc3_name
        for path in (header_path, oc3_path):
            _check_in_folder(path)
        with self._store.read_session() as s:
            report = build_return(s, year=chosen, today=self.today())
        if report.problems and not allow_problems:
            raise ReturnNotReady(report)

        def record() -> None:
            with self._store.session() as s:
                record_export(
                    s, worker_id=self.actor_id, entity="oc3_return", entity_id=chosen,
                    details={
                        "format": "csv", "year": report.label, "rows": len(report.lines),
                        "problems": len(report.problems), "people": [line.person_id for line in report.lines],
                    },
                )

        # Both files or neither: half a return is worse than none. Recorded as exported once
        # both are on disk and before either takes its name.
        write_outputs(
            self._store,
            [
                Output(header_path, csv_bytes(HEADER_HEADERS, report.header_rows(), for_excel=False)),
                Output(oc3_path, csv_bytes(OC3_HEADERS, report.oc3_rows(), for_excel=False)),
            ],
            failed=lambda why: ExportFailed(f"The return could not be written ({why}). Nothing was exported."),
            field="folder",
            before_naming=record,
        )
        self._publish("oc3_return", chosen, "exported")
        return report, Oc3Files(header=header_path, oc3=oc3_path, rows=len(report.lines), problems=len(report.problems))


# The return's shapes and fields, imported from here by its screens and the command line.
__all__ = [
    "CLOSING_REASONS", "FIELD_ACCOMMODATION", "FIELD_CATEGORY", "FIELD_CHILD", "FIELD_CLOSED", "FIELD_CONTACT",
    "FIELD_EET", "FIELD_SEX", "FIRST_YEAR", "HEADER_HEADERS", "HIGHER_EDUCATION", "NOTES", "OC3_HEADERS", "InTouch",
    "Oc3Files", "Oc3Line", "Oc3Problem", "Oc3Return", "Oc3Service", "ReturnNotReady", "build_return", "closing_code",
    "collection_year", "file_names", "home_since", "year_label",
]
