"""Young people: add, edit, close and reopen, get and list; EET and accommodation histories."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session, selectinload

from caseapp import dates
from caseapp import settings as declared
from caseapp.models import (
    AccommodationPeriod,
    CaseloadSummary,
    CheckIn,
    Disclosure,
    EetStatusPeriod,
    HandOff,
    PathwayStep,
    SearchToken,
    SupportNeed,
    VettingCheck,
    Worker,
    YoungPerson,
)
from caseapp.models.base import utcnow
from caseapp.models.codes import (
    AccommodationType,
    AuditAction,
    CareLeaverCategory,
    ClosingReason,
    DigitalAccess,
    EetStatus,
    ImmigrationStatus,
    ReferralSource,
    RightToWork,
    Sex,
    SkillLevel,
)
from caseapp.services import audit, summary
from caseapp.services.base import SELF, Service
from caseapp.services.errors import ValidationError
from caseapp.services.search import SearchService
from caseapp.services.search_index import reindex_person
from caseapp.services.settings_service import stored_values
from caseapp.services.validation import LONG, Checker, age_on, birth_date_problem, birthday, reject_unknown


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


# Records about a young person that make theirs more than a slip: once any exists, a record
# made in error is closed (and its history kept) instead of deleted.
RECORDED_ON = (
    (CheckIn, "a check-in"),
    (PathwayStep, "a pathway step"),
    (VettingCheck, "a vetting check"),
    (SupportNeed, "a support need"),
    (HandOff, "a hand-off"),
    (Disclosure, "something printed"),
)


UNSUITABLE_ALWAYS = frozenset({AccommodationType.NO_FIXED_ABODE, AccommodationType.CUSTODY})


# Profile fields a service call may set, with how each is checked.
PROFILE_FIELDS = (
    "given_name", "family_name", "preferred_name", "own_script_name", "date_of_birth", "sex",
    "child_ref", "worker_id", "pa_id", "phone", "email", "address", "safe_contact",
    "referral_source", "referral_date", "care_leaver_category", "uasc", "immigration_status",
    "right_to_work", "right_to_work_expiry", "right_to_work_checked_on",
    "no_recourse_to_public_funds", "english_level", "maths_level", "esol_need",
    "digital_access", "sectors_of_interest", "aspirations", "strengths", "areas_can_reach",
    "places_not_safe",
)
NAME_FIELDS = ("given_name", "family_name", "preferred_name", "own_script_name")
# What the search index is built from: an edit of any of these rebuilds the person's tokens.
SEARCHED_FIELDS = (*NAME_FIELDS, "child_ref", "phone")


def person_record(row: YoungPerson) -> PersonRecord:
    values = {name: getattr(row, name) for name in PROFILE_FIELDS}
    for name in ("sectors_of_interest", "areas_can_reach", "places_not_safe"):
        values[name] = tuple(values[name] or ())
    return PersonRecord(
        id=row.id,
        closed_on=row.closed_on,
        closed_reason=row.closed_reason,
        eet_history=tuple(
            EetPeriodRecord(p.id, p.status, p.start_date, p.end_date) for p in row.eet_history
        ),
        accommodation_history=tuple(
            AccommodationRecord(p.id, p.type, p.suitable, p.start_date, p.end_date)
            for p in row.accommodation_history
        ),
        **values,
    )


class PeopleService(Service):
    # -- validation -----------------------------------------------------------------------

    def _check(self, fields: dict[str, Any], today: date, *, check_age: bool = True) -> dict[str, Any]:
        """`check_age=False` on an edit that keeps the date of birth: people outgrow 14-30."""
        c = Checker()
        out: dict[str, Any] = {
            "given_name": c.text("given_name", "Given name", fields.get("given_name"), required=True, max_length=100),
            "family_name": c.text("family_name", "Family name", fields.get("family_name"), required=True, max_length=100),
            "preferred_name": c.text("preferred_name", "Preferred name", fields.get("preferred_name"), max_length=100),
            "own_script_name": c.text("own_script_name", "Name in own script", fields.get("own_script_name")),
            "child_ref": c.text("child_ref", "Child reference", fields.get("child_ref"), max_length=20),
            "phone": c.text("phone", "Phone", fields.get("phone"), max_length=40),
            "email": c.text("email", "Email", fields.get("email")),
            "address": c.text("address", "Address", fields.get("address"), max_length=300),
            "safe_contact": c.text("safe_contact", "Safe ways and times to contact", fields.get("safe_contact"), max_length=500),
            "aspirations": c.text("aspirations", "Aspirations", fields.get("aspirations"), max_length=LONG),
            "strengths": c.text("strengths", "Strengths", fields.get("strengths"), max_length=LONG),
            "sex": c.code("sex", "Sex", Sex, fields.get("sex")),
            "referral_source": c.code("referral_source", "Referral source", ReferralSource, fields.get("referral_source")),
            "care_leaver_category": c.code("care_leaver_category", "Care-leaver category", CareLeaverCategory, fields.get("care_leaver_category")),
            "immigration_status": c.code("immigration_status", "Immigration status", ImmigrationStatus, fields.get("immigration_status")),
            "right_to_work": c.code("right_to_work", "Right to work", RightToWork, fields.get("right_to_work") or RightToWork.NOT_CHECKED),
            "english_level": c.code("english_level", "English level", SkillLevel, fields.get("english_level")),
            "maths_level": c.code("maths_level", "Maths level", SkillLevel, fields.get("maths_level")),
            "digital_access": c.code("digital_access", "Digital access", DigitalAccess, fields.get("digital_access")),
            "referral_date": c.day("referral_date", "Referral date", fields.get("referral_date"), not_after=today),
            "right_to_work_expiry": c.day("right_to_work_expiry", "Right-to-work expiry", fields.get("right_to_work_expiry")),
            "right_to_work_checked_on": c.day("right_to_work_checked_on", "Right-to-work check date", fields.get("right_to_work_checked_on"), not_after=today),
            "sectors_of_interest": c.words("sectors_of_interest", "Sectors of interest", fields.get("sectors_of_interest")),
            "areas_can_reach": c.words("areas_can_reach", "Areas they can reach", fields.get("areas_can_reach")),
            "places_not_safe": c.words("places_not_safe", "Places not safe to travel to", fields.get("places_not_safe")),
        }
        for flag in ("uasc", "no_recourse_to_public_funds", "esol_need"):
            value = fields.get(flag) or False
            if not isinstance(value, bool):
                c.fail(flag, "Choose yes or no.")
            out[flag] = bool(value)
        born = fields.get("date_of_birth")
        if born is not None and (isinstance(born, datetime) or not isinstance(born, date)):
            c.fail("date_of_birth", "Date of birth must be a date.")
        elif (check_age or born is None) and (problem := birth_date_problem(born, today)):
            c.fail("date_of_birth", problem)
        out["date_of_birth"] = born
        if out["email"] and ("@" not in out["email"] or " " in out["email"]):
            c.fail("email", "Email does not look like an email address.")
        if out["right_to_work"] == RightToWork.TIME_LIMITED and out["right_to_work_expiry"] is None:
            c.fail("right_to_work_expiry", "Give the date the right to work runs out.")
        for key in ("worker_id", "pa_id"):
            value = fields.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                c.fail(key, "Choose a worker from the list.")
            out[key] = value
        c.done()
        return out

    def _check_workers(self, session, values: dict[str, Any], current: YoungPerson | None = None) -> None:  # type: ignore[no-untyped-def]
        """Allocated to someone on file; a new allocation only to someone still active (one
        already made to a colleague who has since left stands until it is changed)."""
        c = Checker()
        for key, label in (("worker_id", "Worker"), ("pa_id", "Personal Adviser")):
            if values.get(key) is None:
                continue
            worker = session.get(Worker, values[key])
            if worker is None:
                c.fail(key, f"{label}: that worker is not on file.")
            elif worker.active is False and (current is None or getattr(current, key) != values[key]):
                c.fail(key, f"{label}: that colleague is no longer active. Choose someone who is.")
        c.done()

    # -- writes ---------------------------------------------------------------------------

    def add_young_person(self, *, today: date | None = None, **fields: Any) -> PersonRecord:
        reject_unknown(fields, PROFILE_FIELDS)
        values = self._check(fields, today or self.today())
        with self._store.session() as s:
            self._check_workers(s, values)
            row = YoungPerson(**values)
            self._created(s, row, person_id=SELF)
            reindex_person(s, row.id, (values[n] for n in NAME_FIELDS),
                           child_ref=values["child_ref"], phone=values["phone"])
            summary.refresh(s, [row.id])
            record = person_record(row)
        self._publish("young_person", record.id, "created")
        return record

    def edit_young_person(self, *, person_id: int, today: date | None = None, **fields: Any) -> PersonRecord:
        """Change the given fields; fields not given keep their values."""
        reject_unknown(fields, PROFILE_FIELDS)
        with self._store.session() as s:
            row = self._get(s, YoungPerson, person_id, "young person")
            merged = {name: getattr(row, name) for name in PROFILE_FIELDS} | fields
            new_birth_date = fields.get("date_of_birth", row.date_of_birth) != row.date_of_birth
            values = self._check(merged, today or self.today(), check_age=new_birth_date)
            self._check_workers(s, values, current=row)
            if self._changed(s, row, values, person_id=person_id) and any(
                n in fields for n in SEARCHED_FIELDS
            ):
                reindex_person(s, row.id, (values[n] for n in NAME_FIELDS),
                               child_ref=values["child_ref"], phone=values["phone"])
            summary.refresh(s, [row.id])
            record = person_record(row)
        self._publish("young_person", record.id, "updated")
        return record

    def close_case(self, *, person_id: int, closed_on: date, reason: str) -> PersonRecord:
        c = Checker()
        day = c.day("closed_on", "Closing date", closed_on, required=True, not_after=self.today())
        why = c.text("closed_reason", "Reason for closing", reason, required=True, max_length=300)
        c.done()
        with self._store.session() as s:
            row = self._get(s, YoungPerson, person_id, "young person")
            earliest = max(row.date_of_birth, row.referral_date or row.date_of_birth)
            if row.closed_on is not None:
                c.fail("closed_on", "This case is already closed.")
            elif day is not None and day < earliest:
                c.fail("closed_on", f"Closing date cannot be before {dates.day(earliest)} (referral or birth).")
            c.done()
            self._changed(s, row, {"closed_on": day, "closed_reason": why}, person_id=person_id, action=AuditAction.CLOSED)
            record = person_record(row)
        self._publish("young_person", person_id, "closed")
        return record

    def reopen_case(self, *, person_id: int) -> PersonRecord:
        with self._store.session() as s:
            row = self._get(s, YoungPerson, person_id, "young person")
            self._changed(s, row, {"closed_on": None, "closed_reason": None}, person_id=person_id, action=AuditAction.REOPENED)
            record = person_record(row)
        self._publish("young_person", person_id, "updated")
        return record

    def set_eet_status(self, *, person_id: int, status: EetStatus | str, start_date: date) -> PersonRecord:
        """Start a new EET spell; the current one ends the day it starts."""
        c = Checker()
        code = c.code("status", "EET status", EetStatus, status, required=True)
        start = c.day("start_date", "Start date", start_date, required=True, not_after=self.today())
        c.done()
        with self._store.session() as s:
            row = self._get(s, YoungPerson, person_id, "young person")
            self._start_period(s, row, row.eet_history, EetStatusPeriod(person_id=person_id, status=code, start_date=start), start)
            summary.refresh(s, [person_id])
            record = person_record(row)
        self._publish("young_person", person_id, "updated")
        return record

    def set_accommodation(
        self, *, person_id: int, type: AccommodationType | str, suitable: bool, start_date: date
    ) -> PersonRecord:
        c = Checker()
        code = c.code("type", "Accommodation", AccommodationType, type, required=True)
        start = c.day("start_date", "Start date", start_date, required=True, not_after=self.today())
        if not isinstance(suitable, bool):
            c.fail("suitable", "Say whether the accommodation is suitable.")
        elif suitable and code in UNSUITABLE_ALWAYS:
            # OC3 has no S1 or X1: no fixed abode and custody are never suitable.
            c.fail("suitable", f"{code.label} cannot be recorded as suitable.")
        c.done()
        with self._store.session() as s:
            row = self._get(s, YoungPerson, person_id, "young person")
            if code == AccommodationType.FORMER_FOSTER_CARERS and start < birthday(row.date_of_birth, 18):
                # OC3: Z ("staying put") is not a valid code before the 18th birthday.
                c.fail("type", "Living with former foster carers can only start from the 18th birthday.")
                c.done()
            period = AccommodationPeriod(person_id=person_id, type=code, suitable=suitable, start_date=start)
            self._start_period(s, row, row.accommodation_history, period, start)
            record = person_record(row)
        self._publish("young_person", person_id, "updated")
        return record

    def _start_period(self, s, row: YoungPerson, history: list, period, start: date) -> None:  # type: ignore[no-untyped-def]
        c = Checker()
        if start < row.date_of_birth:
            c.fail("start_date", "Start date is before the date of birth.")
        current = next((p for p in history if p.end_date is None), None)
        if current is not None and start < current.start_date:
            c.fail("start_date", f"Start date is before the current one began ({dates.day(current.start_date)}).")
        c.done()
        if current is not None:
            self._changed(s, current, {"end_date": start}, person_id=row.id)
        history.append(period)
        self._created(s, period, person_id=row.id)

    # -- records made in error ------------------------------------------------------------

    def removal_plan(self, *, person_id: int) -> RemovalPlan:
        """Whether a record made in error would be deleted or closed, and why, before asking."""
        with self._store.read_session() as s:
            row = self._get(s, YoungPerson, person_id, "young person")
            return self._plan(s, row)

    def _plan(self, s: Session, row: YoungPerson) -> RemovalPlan:
        hours = int(stored_values(s)[declared.DELETE_MADE_IN_ERROR_HOURS.key])  # type: ignore[call-overload]
        created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
        recorded = next(
            (what for model, what in RECORDED_ON if s.scalar(select(exists().where(model.person_id == row.id)))),
            None,
        )
        if recorded is not None:
            why = f"It cannot be deleted because {recorded} is recorded on it."
        elif hours == 0:
            why = "Records are never deleted on this caseload (see Settings)."
        elif utcnow() - created > timedelta(hours=hours):
            span = "1 hour" if hours == 1 else f"{hours} hours"
            why = f"It cannot be deleted because it was added more than {span} ago."
        else:
            return RemovalPlan(row.id, True, "It was added only recently and nothing is recorded on it yet.")
        if row.closed_on is not None:
            why += " It is closed already: reopen it first to close it as created in error."
        return RemovalPlan(row.id, False, why)

    def remove_made_in_error(self, *, person_id: int) -> RemovalResult:
        """Delete a record added by mistake while that is still safe (see `removal_plan`);
        otherwise close it with the reason "Created in error", keeping its history. Either
        way the audit trail says what was done, by whom and when."""
        with self._store.session() as s:
            row = self._get(s, YoungPerson, person_id, "young person")
            plan = self._plan(s, row)
            if plan.can_delete:
                self._delete_person(s, row)
        if plan.can_delete:
            self._publish("young_person", person_id, "deleted")
            return RemovalResult(person_id, True, None)
        if self.get_young_person(person_id=person_id).closed_on is not None:
            raise ValidationError({"closed_on": plan.why})
        closed = self.close_case(
            person_id=person_id, closed_on=self.today(), reason=ClosingReason.CREATED_IN_ERROR.label
        )
        return RemovalResult(person_id, False, closed)

    def _delete_person(self, s: Session, row: YoungPerson) -> None:
        for period in (*row.eet_history, *row.accommodation_history):
            self._deleted(s, period, person_id=row.id)
        # Gone already: the person's own delete must not cascade to them a second time.
        s.flush()
        s.expire(row, ["eet_history", "accommodation_history"])
        # Derived rows, rebuilt from the record on every write: nothing to audit.
        s.execute(delete(SearchToken).where(SearchToken.person_id == row.id))
        s.execute(delete(CaseloadSummary).where(CaseloadSummary.person_id == row.id))
        self._deleted(s, row, person_id=row.id)

    def likely_duplicates(
        self,
        *,
        given_name: str | None,
        family_name: str | None,
        date_of_birth: date | None,
        preferred_name: str | None = None,
        exclude_person_id: int | None = None,
    ) -> list[DuplicateCandidate]:
        """People on file, open or closed, born the same day with a name the caseload search
        finds for this one (every word, accents optional, one typo forgiven), best first."""
        if not isinstance(date_of_birth, date) or isinstance(date_of_birth, datetime):
            return []
        family = (family_name or "").strip()
        given = (given_name or "").strip()
        if not family or not given:
            return []
        queries = dict.fromkeys(
            q for q in (
                f"{given} {family}",
                f"{preferred_name.strip()} {family}" if preferred_name and preferred_name.strip() else None,
                # A middle name or a second family name on one record only: first and last words.
                f"{given.split()[0]} {family.split()[-1]}",
            ) if q
        )
        search = SearchService(self._store, self._bus, actor_id=self.actor_id, today=self._today)
        rank: dict[int, int] = {}
        for query in queries:
            for number, hit in enumerate(search.search(query, limit=50)):
                rank.setdefault(hit.person_id, number)
        rank.pop(exclude_person_id, None)  # type: ignore[arg-type]
        if not rank:
            return []
        with self._store.read_session() as s:
            rows = s.execute(
                select(YoungPerson, Worker.name)
                .outerjoin(Worker, Worker.id == YoungPerson.worker_id)
                .where(YoungPerson.id.in_(rank), YoungPerson.date_of_birth == date_of_birth)
            ).all()
            found = [
                DuplicateCandidate(
                    p.id, f"{p.preferred_name or p.given_name} {p.family_name}", p.own_script_name,
                    p.date_of_birth, p.child_ref, worker, p.closed_on,
                )
                for p, worker in rows
            ]
        return sorted(found, key=lambda d: (rank[d.person_id], d.person_id))

    # -- reads ----------------------------------------------------------------------------

    def get_young_person(self, *, person_id: int) -> PersonRecord:
        with self._store.read_session() as s:
            return person_record(self._get(s, YoungPerson, person_id, "young person"))

    def list_young_people(self, *, include_closed: bool = True) -> list[PersonRecord]:
        with self._store.read_session() as s:
            query = (
                select(YoungPerson)
                .options(
                    selectinload(YoungPerson.eet_history),
                    selectinload(YoungPerson.accommodation_history),
                )
                .order_by(YoungPerson.family_name, YoungPerson.given_name)
            )
            if not include_closed:
                query = query.where(YoungPerson.closed_on.is_(None))
            return [person_record(r) for r in s.scalars(query)]

    def history(self, *, person_id: int) -> list[audit.HistoryLine]:
        """Everything done on the person's record, in plain words, newest first."""
        with self._store.read_session() as s:
            self._get(s, YoungPerson, person_id, "young person")
            return audit.history(s, person_id)
