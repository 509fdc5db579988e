"""Vetting checks: what was needed, what blocked it, and the alternative accepted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from caseapp.models import PathwayStep, VettingCheck, YoungPerson
from caseapp.models.codes import LEGAL_REQUIREMENTS, VettingNeed, VettingOutcome
from caseapp.services.base import Service
from caseapp.services.validation import Checker, reject_unknown


@dataclass(frozen=True)
class VettingRecord:
    id: int
    person_id: int
    step_id: int | None
    need: VettingNeed
    outcome: VettingOutcome
    blocker: str | None
    alternative: str | None
    how_met: str | None
    approved_by: str | None
    employer_signed_off_by: str | None
    decided_on: date | None
    review_on: date | None
    version: int = 1  # what a later edit says it was based on


FIELDS = (
    "step_id", "need", "outcome", "blocker", "alternative", "how_met", "approved_by",
    "employer_signed_off_by", "decided_on", "review_on",
)


def vetting_record(row: VettingCheck) -> VettingRecord:
    return VettingRecord(
        id=row.id, person_id=row.person_id, version=row.version, **{f: getattr(row, f) for f in FIELDS}
    )


class VettingService(Service):
    def _check(self, s, fields: dict[str, Any], person_id: int) -> dict[str, Any]:
        c = Checker()
        out: dict[str, Any] = {
            "need": c.code("need", "Check needed", VettingNeed, fields.get("need"), required=True),
            "outcome": c.code("outcome", "Outcome", VettingOutcome, fields.get("outcome") or VettingOutcome.PENDING),
            "blocker": c.text("blocker", "What blocked it", fields.get("blocker"), max_length=500),
            "alternative": c.text("alternative", "Alternative accepted", fields.get("alternative"), max_length=500),
            "how_met": c.text("how_met", "How the requirement was met", fields.get("how_met"), max_length=500),
            "approved_by": c.text("approved_by", "Approved by", fields.get("approved_by")),
            "employer_signed_off_by": c.text(
                "employer_signed_off_by", "Employer sign-off", fields.get("employer_signed_off_by")
            ),
            "decided_on": c.day("decided_on", "Decision date", fields.get("decided_on"), not_after=self.today()),
            "review_on": c.day("review_on", "Review date", fields.get("review_on")),
            "step_id": fields.get("step_id"),
        }
        c.order("decided_on", out["decided_on"], "review_on", out["review_on"], "Review date")
        if out["outcome"] == VettingOutcome.ALTERNATIVE_ACCEPTED:
            if not out["alternative"]:
                c.fail("alternative", "Describe the alternative that was accepted.")
            if not out["approved_by"]:
                c.fail("approved_by", "Say who approved the alternative (e.g. the safeguarding lead).")
        if out["need"] in LEGAL_REQUIREMENTS and out["outcome"] in (
            VettingOutcome.ALTERNATIVE_ACCEPTED, VettingOutcome.MET_AS_STANDARD
        ) and not out["how_met"]:
            c.fail("how_met", "Right to work is a legal requirement: record how it was evidenced. It cannot be waived.")
        if out["outcome"] != VettingOutcome.PENDING and out["decided_on"] is None:
            c.fail("decided_on", "Give the date of the decision.")
        if out["step_id"] is not None:
            step = s.get(PathwayStep, out["step_id"])
            if step is None or step.person_id != person_id:
                c.fail("step_id", "That pathway step is not this young person's.")
        c.done()
        return out

    def add_vetting_check(self, *, person_id: int, **fields: Any) -> VettingRecord:
        reject_unknown(fields, FIELDS)
        with self._store.session() as s:
            self._get(s, YoungPerson, person_id, "young person")
            row = VettingCheck(person_id=person_id, **self._check(s, fields, person_id))
            self._created(s, row, person_id=person_id)
            record = vetting_record(row)
        self._publish("vetting_check", record.id, "created")
        return record

    def edit_vetting_check(self, *, check_id: int, based_on: int | None = None, **fields: Any) -> VettingRecord:
        """`based_on`: the version the form was filled from; a newer one stored is refused."""
        reject_unknown(fields, FIELDS)
        with self._store.session() as s:
            row = self._get(s, VettingCheck, check_id, "vetting check")
            self._unchanged_since(s, row, based_on, attempted=fields)
            merged = {f: getattr(row, f) for f in FIELDS} | fields
            self._changed(s, row, self._check(s, merged, row.person_id), person_id=row.person_id)
            record = vetting_record(row)
        self._publish("vetting_check", check_id, "updated")
        return record

    def get_vetting_check(self, *, check_id: int) -> VettingRecord:
        with self._store.read_session() as s:
            return vetting_record(self._get(s, VettingCheck, check_id, "vetting check"))

    def list_vetting_checks(self, *, person_id: int) -> list[VettingRecord]:
        with self._store.read_session() as s:
            rows = s.scalars(select(VettingCheck).where(VettingCheck.person_id == person_id).order_by(VettingCheck.id))
            return [vetting_record(r) for r in rows]
