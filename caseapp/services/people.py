"""Young people: add, edit, close and reopen, get and list; EET and accommodation histories."""

from __future__ import annotations

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
from caseapp.models.codes import AccommodationType, AuditAction, ClosingReason, EetStatus
from caseapp.services import audit, summary
from caseapp.services.base import SELF, Service
from caseapp.services.errors import ValidationError
from caseapp.services.person_checks import check_profile, check_workers
from caseapp.services.person_records import (  # noqa: F401 - re-exported: callers import them from here
    LIST_FIELDS,
    NAME_FIELDS,
    PROFILE_FIELDS,
    SEARCHED_FIELDS,
    AccommodationRecord,
    DuplicateCandidate,
    EetPeriodRecord,
    PersonRecord,
    RemovalPlan,
    RemovalResult,
    person_record,
)
from caseapp.services.search import SearchService
from caseapp.services.search_index import reindex_person
from caseapp.services.settings_service import stored_values
from caseapp.services.validation import Checker, birthday, reject_unknown

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



class PeopleService(Service):
    # -- writes ---------------------------------------------------------------------------

    def add_young_person(self, *, today: date | None = None, **fields: Any) -> PersonRecord:
        reject_unknown(fields, PROFILE_FIELDS)
        values = check_profile(fields, today or self.today())
        with self._store.session() as s:
            check_workers(s, values)
            row = YoungPerson(**values)
            self._created(s, row, person_id=SELF)
            reindex_person(s, row.id, (values[n] for n in NAME_FIELDS),
                           child_ref=values["child_ref"], phone=values["phone"])
            summary.refresh(s, [row.id])
            record = person_record(row)
        self._publish("young_person", record.id, "created")
        return record

    def edit_young_person(
        self, *, person_id: int, today: date | None = None, based_on: int | None = None, **fields: Any
    ) -> PersonRecord:
        """Change the given fields; fields not given keep their values.

        `based_on`: the version the form was filled from (PersonRecord.version)."""
        reject_unknown(fields, PROFILE_FIELDS)
        with self._store.session() as s:
            row = self._get(s, YoungPerson, person_id, "young person")
            self._unchanged_since(s, row, based_on, attempted=fields)
            merged = {name: getattr(row, name) for name in PROFILE_FIELDS} | fields
            new_birth_date = fields.get("date_of_birth", row.date_of_birth) != row.date_of_birth
            values = check_profile(merged, today or self.today(), check_age=new_birth_date)
            check_workers(s, values, current=row)
            if self._changed(s, row, values, person_id=person_id) and any(
                n in fields for n in SEARCHED_FIELDS
            ):
                reindex_person(s, row.id, (values[n] for n in NAME_FIELDS),
                               child_ref=values["child_ref"], phone=values["phone"])
            summary.refresh(s, [row.id])
            record = person_record(row)
        self._publish("young_person", record.id, "updated")
        return record

    def close_case(self, *, person_id: int, closed_on: date | None, reason: str) -> PersonRecord:
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
            self._changed(s, row, {"closed_on": day, "closed_reason": why}, person_id=person_id,
                          action=AuditAction.CLOSED)
            record = person_record(row)
        self._publish("young_person", person_id, "closed")
        return record

    def reopen_case(self, *, person_id: int) -> PersonRecord:
        with self._store.session() as s:
            row = self._get(s, YoungPerson, person_id, "young person")
            self._changed(s, row, {"closed_on": None, "closed_reason": None}, person_id=person_id,
                          action=AuditAction.REOPENED)
            record = person_record(row)
        self._publish("young_person", person_id, "updated")
        return record

    def set_eet_status(
        self, *, person_id: int, status: EetStatus | str | None, start_date: date | None
    ) -> PersonRecord:
        """Start a new EET spell; the current one ends the day it starts."""
        c = Checker()
        code = c.code("status", "EET status", EetStatus, status, required=True)
        start = c.day("start_date", "Start date", start_date, required=True, not_after=self.today())
        c.done()
        assert code is not None and start is not None  # required: c.done() has refused their absence
        with self._store.session() as s:
            row = self._get(s, YoungPerson, person_id, "young person")
            period = EetStatusPeriod(person_id=person_id, status=code, start_date=start)
            self._start_period(s, row, row.eet_history, period, start)
            summary.refresh(s, [person_id])
            record = person_record(row)
        self._publish("young_person", person_id, "updated")
        return record

    def set_accommodation(
        self, *, person_id: int, type: AccommodationType | str | None, suitable: bool, start_date: date | None
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
        assert code is not None and start is not None  # required: c.done() has refused their absence
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

    def _start_period(
        self, s: Session, row: YoungPerson, history: list[Any], period: EetStatusPeriod | AccommodationPeriod,
        start: date,
    ) -> None:
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
