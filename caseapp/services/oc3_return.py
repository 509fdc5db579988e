"""The statutory return's shapes: its codes and columns, its collection years, its lines and problems.

What the return holds and how it is worked out: see oc3.py.
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from caseapp import dates
from caseapp.models.codes import CareLeaverCategory, ClosingReason, EetStatus
from caseapp.services.errors import ValidationError

OC3_HEADERS = ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM")
HEADER_HEADERS = ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB")
RETURN_AGES = (17, 18, 19, 20, 21)
MONTHS_BEFORE = 3
MONTHS_AFTER = 1
NOT_APPLICABLE = "0"
CHILD_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_-]{0,19}")
# The year ending 31 March 2025 (2024-25) is the first with the Header's SEX as M, F or U.
FIRST_YEAR, LAST_YEAR = 2025, 2100
RHOM_MONTHS = 6


class InTouch(enum.StrEnum):
    YES = "YES"
    NO = "NO"
    DIED = "DIED"
    REFU = "REFU"  # refuses contact
    NREQ = "NREQ"  # no longer requires services
    RHOM = "RHOM"  # returned home for six months or more


# Closing a case with one of these reasons (the reason may go on after them) is how caseapp
# records what OC3 needs to know about a young person who has left the service. The close
# dialog offers them as choices.
CLOSING_REASONS: dict[InTouch, str] = {
    InTouch(reason.value): reason.label for reason in ClosingReason if reason.value in InTouch.__members__
}
NOT_IN_OC3 = frozenset({CareLeaverCategory.QUALIFYING})
HIGHER_EDUCATION = frozenset({EetStatus.HIGHER_EDUCATION_FT, EetStatus.HIGHER_EDUCATION_PT})

# What each problem is about, so the screen can open the record where it is fixed.
FIELD_CHILD = "child_ref"
FIELD_SEX = "sex"
FIELD_CATEGORY = "care_leaver_category"
FIELD_CONTACT = "check_ins"
FIELD_EET = "eet_history"
FIELD_ACCOMMODATION = "accommodation_history"
FIELD_CLOSED = "closed_reason"


def closing_code(reason: str | None) -> InTouch | None:
    if not reason:
        return None
    folded = reason.strip().casefold()
    for code, words in CLOSING_REASONS.items():
        if folded.startswith(words.casefold()):
            return code
    return None


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def collection_year(year: int) -> tuple[date, date]:
    """The year ending 31 March `year`: 1 April before to 31 March."""
    return date(year - 1, 4, 1), date(year, 3, 31)


def year_label(year: int) -> str:
    return f"{year - 1}-{year % 100:02d}"


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


@dataclass(frozen=True)
class Oc3Line:
    """One young person in the return: their Header row and their OC3 row."""

    person_id: int
    child: str
    sex: str
    dob: date
    age: int  # the birthday returned: 17 to 21
    birthday: date
    in_touch: str  # all three blank when a problem stops them being known
    activ: str
    accom: str

    def header_cells(self) -> tuple[str, ...]:
        return (self.child, self.sex, dates.day(self.dob), "", "", "", "")

    def oc3_cells(self) -> tuple[str, ...]:
        return (self.child, dates.day(self.dob), self.in_touch, self.activ, self.accom)


@dataclass(frozen=True)
class Oc3Problem:
    person_id: int
    display_name: str
    field: str  # which part of the record to open: one of the FIELD_* names
    sentence: str  # what is missing or contradictory, and what to do; no name in it


@dataclass(frozen=True)
class Oc3Return:
    year: int  # the collection year ends on 31 March of this year
    period_start: date
    period_end: date
    lines: tuple[Oc3Line, ...]
    problems: tuple[Oc3Problem, ...]
    not_included: tuple[Oc3Problem, ...]  # on file with a birthday in the year, but not in OC3
    notes: tuple[str, ...]  # about the files as a whole

    @property
    def ready(self) -> bool:
        return not self.problems

    @property
    def label(self) -> str:
        return year_label(self.year)

    def header_rows(self) -> list[tuple[str, ...]]:
        return [line.header_cells() for line in self.lines]

    def oc3_rows(self) -> list[tuple[str, ...]]:
        return [line.oc3_cells() for line in self.lines]

    def blanks(self) -> dict[str, int]:
        """How many young people are written with each gap (only a draft has any), by the columns left blank."""
        return {
            "IN_TOUCH, ACTIV and ACCOM": sum(1 for line in self.lines if not line.in_touch),
            "CHILD": sum(1 for line in self.lines if not line.child),
            "SEX": sum(1 for line in self.lines if not line.sex),
        }


@dataclass(frozen=True)
class Oc3Files:
    header: Path
    oc3: Path
    rows: int
    problems: int  # written anyway with this many problems outstanding


class ReturnNotReady(ValidationError):
    """Problems remain; `report` holds them."""

    def __init__(self, report: Oc3Return) -> None:
        count = len(report.problems)
        people = len({p.person_id for p in report.problems})
        super().__init__({"year": (
            f"{count} problem{'s' if count != 1 else ''} in {people} young "
            f"{'person' if people == 1 else 'people'}'s records must be fixed before the return is written."
        )})
        self.report = report
