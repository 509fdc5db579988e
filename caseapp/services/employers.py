"""Employers, their opportunities, and their social-value commitments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from caseapp.models import Employer, EmployerCommitment, Opportunity, PathwayStep
from caseapp.models.codes import AuditAction, SkillLevel, StepType, VettingNeed
from caseapp.services.base import Service
from caseapp.services.validation import LONG, Checker, reject_unknown


@dataclass(frozen=True)
class EmployerRecord:
    id: int
    name: str
    sector: str | None
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    offers: str | None
    notes: str | None
    closed_on: date | None
    version: int = 1  # what a later save says it was based on


@dataclass(frozen=True)
class OpportunityRecord:
    id: int
    employer_id: int
    type: StepType
    title: str
    places: int
    start_date: date | None
    end_date: date | None
    closing_date: date | None
    pay_pence_per_hour: int | None
    hours_per_week: float | None
    location: str | None
    sector: str | None
    requirements: str | None
    needs_right_to_work: bool
    dbs_level: VettingNeed | None
    english_level: SkillLevel | None
    ring_fenced: bool
    closed_on: date | None


@dataclass(frozen=True)
class CommitmentRecord:
    id: int
    employer_id: int
    measure: str
    step_type: StepType | None
    pledged: int
    contract: str | None
    period_start: date
    period_end: date


EMPLOYER_FIELDS = ("name", "sector", "contact_name", "contact_email", "contact_phone", "offers", "notes")
OPPORTUNITY_FIELDS = (
    "type", "title", "places", "start_date", "end_date", "closing_date", "pay_pence_per_hour",
    "hours_per_week", "location", "sector", "requirements", "needs_right_to_work", "dbs_level",
    "english_level", "ring_fenced",
)
COMMITMENT_FIELDS = ("measure", "step_type", "pledged", "contract", "period_start", "period_end")


def employer_record(r: Employer) -> EmployerRecord:
    return EmployerRecord(
        id=r.id, closed_on=r.closed_on, version=r.version, **{f: getattr(r, f) for f in EMPLOYER_FIELDS}
    )


def opportunity_record(r: Opportunity) -> OpportunityRecord:
    return OpportunityRecord(
        id=r.id, employer_id=r.employer_id, closed_on=r.closed_on, **{f: getattr(r, f) for f in OPPORTUNITY_FIELDS}
    )


def commitment_record(r: EmployerCommitment) -> CommitmentRecord:
    return CommitmentRecord(id=r.id, employer_id=r.employer_id, **{f: getattr(r, f) for f in COMMITMENT_FIELDS})


class EmployerService(Service):
    # -- employers ------------------------------------------------------------------------

    def _check_employer(self, f: dict[str, Any]) -> dict[str, Any]:
        c = Checker()
        out = {
            "name": c.text("name", "Employer name", f.get("name"), required=True),
            "sector": c.text("sector", "Sector", f.get("sector"), max_length=100),
            "contact_name": c.text("contact_name", "Contact", f.get("contact_name")),
            "contact_email": c.text("contact_email", "Contact email", f.get("contact_email")),
            "contact_phone": c.text("contact_phone", "Contact phone", f.get("contact_phone"), max_length=40),
            "offers": c.text("offers", "What they offer", f.get("offers"), max_length=LONG),
            "notes": c.text("notes", "Notes", f.get("notes"), max_length=LONG * 5),
        }
        c.done()
        return out

    def add_employer(self, **fields: Any) -> EmployerRecord:
        reject_unknown(fields, EMPLOYER_FIELDS)
        values = self._check_employer(fields)
        with self._store.session() as s:
            row = Employer(**values)
            self._created(s, row, person_id=None)
            record = employer_record(row)
        self._publish("employer", record.id, "created")
        return record

    def edit_employer(self, *, employer_id: int, based_on: int | None = None, **fields: Any) -> EmployerRecord:
        """`based_on`: the version the form was filled from (EmployerRecord.version)."""
        reject_unknown(fields, EMPLOYER_FIELDS)
        with self._store.session() as s:
            row = self._get(s, Employer, employer_id, "employer")
            self._unchanged_since(s, row, based_on, attempted=fields)
            merged = {f: getattr(row, f) for f in EMPLOYER_FIELDS} | fields
            self._changed(s, row, self._check_employer(merged), person_id=None)
            record = employer_record(row)
        self._publish("employer", employer_id, "updated")
        return record

    def close_employer(self, *, employer_id: int, closed_on: date | None = None) -> EmployerRecord:
        c = Checker()
        day = c.day("closed_on", "Closing date", closed_on, not_after=self.today()) or self.today()
        c.done()
        with self._store.session() as s:
            row = self._get(s, Employer, employer_id, "employer")
            self._changed(s, row, {"closed_on": day}, person_id=None, action=AuditAction.CLOSED)
            record = employer_record(row)
        self._publish("employer", employer_id, "closed")
        return record

    def get_employer(self, *, employer_id: int) -> EmployerRecord:
        with self._store.read_session() as s:
            return employer_record(self._get(s, Employer, employer_id, "employer"))

    def list_employers(self, *, include_closed: bool = False) -> list[EmployerRecord]:
        with self._store.read_session() as s:
            q = select(Employer).order_by(Employer.name)
            if not include_closed:
                q = q.where(Employer.closed_on.is_(None))
            return [employer_record(r) for r in s.scalars(q)]

    # -- opportunities --------------------------------------------------------------------

    def _check_opportunity(self, f: dict[str, Any]) -> dict[str, Any]:
        c = Checker()
        out = {
            "type": c.code("type", "Kind of opportunity", StepType, f.get("type"), required=True),
            "title": c.text("title", "Title", f.get("title"), required=True),
            "places": c.number("places", "Places", f.get("places", 1), minimum=1, maximum=1000, whole=True,
                               required=True),
            "start_date": c.day("start_date", "Start date", f.get("start_date")),
            "end_date": c.day("end_date", "End date", f.get("end_date")),
            "closing_date": c.day("closing_date", "Closing date", f.get("closing_date")),
            "pay_pence_per_hour": c.number("pay_pence_per_hour", "Pay per hour", f.get("pay_pence_per_hour"),
                                           maximum=100_000, whole=True),
            "hours_per_week": c.number("hours_per_week", "Hours per week", f.get("hours_per_week"), maximum=60),
            "location": c.text("location", "Location", f.get("location")),
            "sector": c.text("sector", "Sector", f.get("sector"), max_length=100),
            "requirements": c.text("requirements", "Requirements", f.get("requirements"), max_length=LONG),
            "dbs_level": c.code("dbs_level", "DBS level", VettingNeed, f.get("dbs_level")),
            "english_level": c.code("english_level", "English level", SkillLevel, f.get("english_level")),
        }
        for flag, default in (("needs_right_to_work", True), ("ring_fenced", False)):
            value = f.get(flag, default)
            if not isinstance(value, bool):
                c.fail(flag, "Choose yes or no.")
            out[flag] = bool(value)
        if out["dbs_level"] and not out["dbs_level"].value.startswith("dbs_"):
            c.fail("dbs_level", "Choose a DBS level.")
        c.order("start_date", out["start_date"], "end_date", out["end_date"], "End date")
        if out["closing_date"] and out["start_date"] and out["closing_date"] > out["start_date"]:
            c.fail("closing_date", "Applications cannot close after the start date.")
        c.done()
        return out

    def add_opportunity(self, *, employer_id: int, **fields: Any) -> OpportunityRecord:
        reject_unknown(fields, OPPORTUNITY_FIELDS)
        values = self._check_opportunity(fields)
        with self._store.session() as s:
            self._get(s, Employer, employer_id, "employer")
            row = Opportunity(employer_id=employer_id, **values)
            self._created(s, row, person_id=None)
            record = opportunity_record(row)
        self._publish("opportunity", record.id, "created")
        return record

    def edit_opportunity(self, *, opportunity_id: int, **fields: Any) -> OpportunityRecord:
        reject_unknown(fields, OPPORTUNITY_FIELDS)
        with self._store.session() as s:
            row = self._get(s, Opportunity, opportunity_id, "opportunity")
            merged = {f: getattr(row, f) for f in OPPORTUNITY_FIELDS} | fields
            self._changed(s, row, self._check_opportunity(merged), person_id=None)
            record = opportunity_record(row)
        self._publish("opportunity", opportunity_id, "updated")
        return record

    def close_opportunity(self, *, opportunity_id: int, closed_on: date | None = None) -> OpportunityRecord:
        c = Checker()
        day = c.day("closed_on", "Closing date", closed_on, not_after=self.today()) or self.today()
        c.done()
        with self._store.session() as s:
            row = self._get(s, Opportunity, opportunity_id, "opportunity")
            self._changed(s, row, {"closed_on": day}, person_id=None, action=AuditAction.CLOSED)
            record = opportunity_record(row)
        self._publish("opportunity", opportunity_id, "closed")
        return record

    def get_opportunity(self, *, opportunity_id: int) -> OpportunityRecord:
        with self._store.read_session() as s:
            return opportunity_record(self._get(s, Opportunity, opportunity_id, "opportunity"))

    def list_opportunities(
        self, *, employer_id: int | None = None, include_closed: bool = False
    ) -> list[OpportunityRecord]:
        with self._store.read_session() as s:
            q = select(Opportunity).order_by(
                Opportunity.closing_date.is_(None), Opportunity.closing_date, Opportunity.id
            )
            if employer_id is not None:
                q = q.where(Opportunity.employer_id == employer_id)
            if not include_closed:
                q = q.where(Opportunity.closed_on.is_(None))
            return [opportunity_record(r) for r in s.scalars(q)]

    def people_on_opportunity(self, *, opportunity_id: int) -> list[int]:
        """Ids of the young people with a pathway step on this opportunity."""
        with self._store.read_session() as s:
            q = select(PathwayStep.person_id).where(PathwayStep.opportunity_id == opportunity_id).distinct()
            return list(s.scalars(q))

    # -- commitments ----------------------------------------------------------------------

    def _check_commitment(self, f: dict[str, Any]) -> dict[str, Any]:
        c = Checker()
        out = {
            "measure": c.text("measure", "Measure", f.get("measure"), required=True, max_length=300),
            "step_type": c.code("step_type", "What counts as delivered", StepType, f.get("step_type")),
            "pledged": c.number("pledged", "Pledged", f.get("pledged"), maximum=100_000, whole=True, required=True),
            "contract": c.text("contract", "Contract", f.get("contract")),
            "period_start": c.day("period_start", "Period start", f.get("period_start"), required=True),
            "period_end": c.day("period_end", "Period end", f.get("period_end"), required=True),
        }
        c.order("period_start", out["period_start"], "period_end", out["period_end"], "Period end")
        c.done()
        return out

    def add_commitment(self, *, employer_id: int, **fields: Any) -> CommitmentRecord:
        reject_unknown(fields, COMMITMENT_FIELDS)
        values = self._check_commitment(fields)
        with self._store.session() as s:
            self._get(s, Employer, employer_id, "employer")
            row = EmployerCommitment(employer_id=employer_id, **values)
            self._created(s, row, person_id=None)
            record = commitment_record(row)
        self._publish("employer_commitment", record.id, "created")
        return record

    def edit_commitment(self, *, commitment_id: int, **fields: Any) -> CommitmentRecord:
        reject_unknown(fields, COMMITMENT_FIELDS)
        with self._store.session() as s:
            row = self._get(s, EmployerCommitment, commitment_id, "commitment")
            merged = {f: getattr(row, f) for f in COMMITMENT_FIELDS} | fields
            self._changed(s, row, self._check_commitment(merged), person_id=None)
            record = commitment_record(row)
        self._publish("employer_commitment", commitment_id, "updated")
        return record

    def get_commitment(self, *, commitment_id: int) -> CommitmentRecord:
        with self._store.read_session() as s:
            return commitment_record(self._get(s, EmployerCommitment, commitment_id, "commitment"))

    def list_commitments(self, *, employer_id: int) -> list[CommitmentRecord]:
        with self._store.read_session() as s:
            q = (select(EmployerCommitment).where(EmployerCommitment.employer_id == employer_id)
                 .order_by(EmployerCommitment.period_start))
            return [commitment_record(r) for r in s.scalars(q)]
