"""What the people service returns: a young person's record and its histories, built from the row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from caseapp.models import YoungPerson
from caseapp.models.codes import (
    AccommodationType,
    CareLeaverCategory,
    DigitalAccess,
    EetStatus,
    ImmigrationStatus,
    ReferralSource,
    RightToWork,
    Sex,
    SkillLevel,
)
from caseapp.models.fields import PERSON_FIELDS, Kind
from caseapp.services.validation import age_on


@dataclass(frozen=True)
class PersonRecord:
    id: int
    given_name: str
    family_name: str
    preferred_name: str | None
    own_script_name: str | None
    date_of_birth: date
    worker_id: int | None
    pa_id: int | None = None
    sex: Sex | None = None
    child_ref: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    safe_contact: str | None = None
    referral_source: ReferralSource | None = None
    referral_date: date | None = None
    care_leaver_category: CareLeaverCategory | None = None
    uasc: bool = False
    immigration_status: ImmigrationStatus | None = None
    right_to_work: RightToWork = RightToWork.NOT_CHECKED
    right_to_work_expiry: date | None = None
    right_to_work_checked_on: date | None = None
    no_recourse_to_public_funds: bool = False
    english_level: SkillLevel | None = None
    maths_level: SkillLevel | None = None
    esol_need: bool = False
    digital_access: DigitalAccess | None = None
    sectors_of_interest: tuple[str, ...] = ()
    aspirations: str | None = None
    strengths: str | None = None
    areas_can_reach: tuple[str, ...] = ()
    places_not_safe: tuple[str, ...] = ()
    closed_on: date | None = None
    closed_reason: str | None = None
    eet_history: tuple[EetPeriodRecord, ...] = field(default=())
    accommodation_history: tuple[AccommodationRecord, ...] = field(default=())
    version: int = 1  # what a later save says it was based on

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.given_name} {self.family_name}"

    def age(self, today: date | None = None) -> int:
        return age_on(self.date_of_birth, today or date.today())

    @property
    def current_eet(self) -> EetPeriodRecord | None:
        return next((p for p in reversed(self.eet_history) if p.end_date is None), None)

    @property
    def current_accommodation(self) -> AccommodationRecord | None:
        return next((p for p in reversed(self.accommodation_history) if p.end_date is None), None)


@dataclass(frozen=True)
class EetPeriodRecord:
    id: int
    status: EetStatus
    start_date: date
    end_date: date | None


@dataclass(frozen=True)
class AccommodationRecord:
    id: int
    type: AccommodationType
    suitable: bool
    start_date: date
    end_date: date | None


@dataclass(frozen=True)
class DuplicateCandidate:
    """Someone already on file who may be the young person being added or edited."""

    person_id: int  # caseapp's reference
    display_name: str
    own_script_name: str | None
    date_of_birth: date
    child_ref: str | None
    worker_name: str | None
    closed_on: date | None


@dataclass(frozen=True)
class RemovalPlan:
    """What removing a record made in error would do: delete it, or close it."""

    person_id: int
    can_delete: bool
    why: str  # one sentence for the worker, naming nobody


@dataclass(frozen=True)
class RemovalResult:
    person_id: int
    deleted: bool  # False: closed as created in error, and kept
    person: PersonRecord | None  # the closed record; None once deleted


# Profile fields a service call may set: every declared field (caseapp/models/fields.py).
PROFILE_FIELDS = tuple(f.name for f in PERSON_FIELDS)
LIST_FIELDS = tuple(f.name for f in PERSON_FIELDS if f.kind is Kind.WORDS)
NAME_FIELDS = ("given_name", "family_name", "preferred_name", "own_script_name")
# What the search index is built from: an edit of any of these rebuilds the person's tokens.
SEARCHED_FIELDS = (*NAME_FIELDS, "child_ref", "phone")


def person_record(row: YoungPerson) -> PersonRecord:
    values = {name: getattr(row, name) for name in PROFILE_FIELDS}
    for name in LIST_FIELDS:
        values[name] = tuple(values[name] or ())
    return PersonRecord(
        id=row.id,
        closed_on=row.closed_on,
        closed_reason=row.closed_reason,
        version=row.version,
        eet_history=tuple(
            EetPeriodRecord(p.id, p.status, p.start_date, p.end_date) for p in row.eet_history
        ),
        accommodation_history=tuple(
            AccommodationRecord(p.id, p.type, p.suitable, p.start_date, p.end_date)
            for p in row.accommodation_history
        ),
        **values,
    )
