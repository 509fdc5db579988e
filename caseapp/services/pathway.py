"""Pathway steps: add, edit, move on through allowed statuses, end early, sustainment checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from caseapp import dates
from caseapp.models import Employer, Opportunity, PathwayStep, SustainmentCheck, YoungPerson
from caseapp.models.codes import (
    ALLOWED_TRANSITIONS,
    EMPLOYMENT_STEPS,
    PAID_STEPS,
    SUSTAINMENT_WEEKS,
    AuditAction,
    EetStatus,
    RightToWork,
    StepStatus,
    StepType,
)
from caseapp.services import summary
from caseapp.services.base import Service
from caseapp.services.errors import ValidationError
from caseapp.services.validation import LONG, Checker, reject_unknown


@dataclass(frozen=True)
class SustainmentRecord:
    id: int
    week: int
    due_on: date
    checked_on: date | None
    sustained: bool | None
    note: str | None


@dataclass(frozen=True)
class StepRecord:
    id: int
    person_id: int
    type: StepType
    status: StepStatus
    title: str | None
    employer_id: int | None
    opportunity_id: int | None
    provider: str | None
    offered_on: date | None
    start_date: date | None
    end_date: date | None
    hours_per_week: float | None
    pay_pence_per_hour: int | None
    ring_fenced: bool
    apprenticeship_level: int | None
    mentor: str | None
    line_manager: str | None
    line_manager_contact: str | None
    outcome: str | None
    ended_reason: str | None
    sustainment_checks: tuple[SustainmentRecord, ...]
    version: int = 1  # what a later edit says it was based on


STEP_FIELDS = (
    "type", "status", "title", "employer_id", "opportunity_id", "provider", "offered_on",
    "start_date", "end_date", "hours_per_week", "pay_pence_per_hour", "ring_fenced",
    "apprenticeship_level", "mentor", "line_manager", "line_manager_contact", "outcome",
)


@dataclass(frozen=True)
class EetSuggestion:
    """The EET status a step under way means, and the day it would start from."""

    status: EetStatus
    start_date: date


# The statutory return counts fewer than 16 hours a week as part time.
FULL_TIME_HOURS = 16
# Each step that is education, employment or training: its (full time, part time) status.
EET_ON_START: dict[StepType, tuple[EetStatus, EetStatus]] = {
    **{kind: (EetStatus.EMPLOYMENT_FT, EetStatus.EMPLOYMENT_PT)
       for kind in (StepType.JOB, StepType.PAID_PLACEMENT, StepType.INTERNSHIP)},
    StepType.APPRENTICESHIP: (EetStatus.APPRENTICESHIP_FT, EetStatus.APPRENTICESHIP_PT),
    **{kind: (EetStatus.OTHER_EDUCATION_FT, EetStatus.OTHER_EDUCATION_PT)
       for kind in (StepType.COURSE_ESOL, StepType.COURSE_ENGLISH_MATHS, StepType.COURSE_CSCS, StepType.COURSE_OTHER)},
}


def step_record(row: PathwayStep) -> StepRecord:
    return StepRecord(
        id=row.id,
        person_id=row.person_id,
        ended_reason=row.ended_reason,
        version=row.version,
        sustainment_checks=tuple(
            SustainmentRecord(c.id, c.week, c.due_on, c.checked_on, c.sustained, c.note)
            for c in row.sustainment_checks
        ),
        **{name: getattr(row, name) for name in STEP_FIELDS},
    )


def transition_problem(current: StepStatus, new: StepStatus) -> str | None:
    if new == current or new in ALLOWED_TRANSITIONS[current]:
        return None
    if not ALLOWED_TRANSITIONS[current]:
        return f"This step is {current.label.lower()}, so its status can no longer change."
    allowed = ", ".join(s.label.lower() for s in StepStatus if s in ALLOWED_TRANSITIONS[current])
    return f"A step that is {current.label.lower()} can move to: {allowed} — not {new.label.lower()}."


class PathwayService(Service):
    def _check(self, fields: dict[str, Any], person: YoungPerson) -> dict[str, Any]:
        today = self.today()
        c = Checker()
        out: dict[str, Any] = {
            "type": c.code("type", "Step type", StepType, fields.get("type"), required=True),
            "status": c.code("status", "Status", StepStatus, fields.get("status") or StepStatus.PLANNED),
            "title": c.text("title", "Role or course", fields.get("title")),
            "provider": c.text("provider", "Provider", fields.get("provider")),
            "offered_on": c.day("offered_on", "Offer date", fields.get("offered_on"), not_after=today),
            "start_date": c.day("start_date", "Start date", fields.get("start_date")),
            "end_date": c.day("end_date", "End date", fields.get("end_date")),
            "hours_per_week": c.number("hours_per_week", "Hours per week", fields.get("hours_per_week"), maximum=60),
            "pay_pence_per_hour": c.number(
                "pay_pence_per_hour", "Pay per hour", fields.get("pay_pence_per_hour"), maximum=100_000, whole=True
            ),
            "apprenticeship_level": c.number(
                "apprenticeship_level", "Apprenticeship level", fields.get("apprenticeship_level"),
                minimum=2, maximum=7, whole=True,
            ),
            "mentor": c.text("mentor", "Mentor", fields.get("mentor")),
            "line_manager": c.text("line_manager", "Line manager", fields.get("line_manager")),
            "line_manager_contact": c.text(
                "line_manager_contact", "Line manager's contact", fields.get("line_manager_contact")
            ),
            "outcome": c.text("outcome", "Outcome", fields.get("outcome"), max_length=LONG),
            "employer_id": fields.get("employer_id"),
            "opportunity_id": fields.get("opportunity_id"),
        }
        ring = fields.get("ring_fenced") or False
        if not isinstance(ring, bool):
            c.fail("ring_fenced", "Choose yes or no.")
        out["ring_fenced"] = bool(ring)
        c.order("start_date", out["start_date"], "end_date", out["end_date"], "End date")
        if out["offered_on"] and out["start_date"] and out["start_date"] < out["offered_on"]:
            c.fail("start_date", "Start date cannot be before the offer date.")
        if out["start_date"] and out["start_date"] < person.date_of_birth:
            c.fail("start_date", "Start date is before the date of birth.")
        if out["apprenticeship_level"] is not None and out["type"] != StepType.APPRENTICESHIP:
            c.fail("apprenticeship_level", "Only apprenticeships have a level.")
        status = out["status"]
        if status in (StepStatus.IN_PROGRESS, StepStatus.COMPLETED) and out["start_date"] is None:
            c.fail("start_date", "Give the start date of a step that has started.")
        if status == StepStatus.IN_PROGRESS and out["start_date"] and out["start_date"] > today:
            c.fail("start_date", "A step in progress cannot start in the future.")
        if status == StepStatus.COMPLETED and out["end_date"] and out["end_date"] > today:
            c.fail("end_date", "A completed step cannot end in the future.")
        if out["type"] in PAID_STEPS and status in (
            StepStatus.ACCEPTED, StepStatus.WAITING_TO_START, StepStatus.IN_PROGRESS
        ):
            self._check_right_to_work(c, person, out["type"], out["start_date"], today)
        c.done()
        return out

    @staticmethod
    def _check_right_to_work(c: Checker, person: YoungPerson, kind: StepType, start: date | None, today: date) -> None:
        """Paid work needs a right to work on file, valid on the first day and still valid today
        (a job cannot run past the expiry). The sentence says what to record, and where."""
        on = max(start or today, today)
        step = f"this {kind.label.lower()}"
        legal = " Right to work is a legal requirement: it can be evidenced differently, but never waived."
        if person.right_to_work == RightToWork.NOT_CHECKED:
            c.fail("status", f"Their right to work has not been checked yet, so {step} cannot be accepted or "
                             "started." + legal + " Record the check on the Profile (right to work and the date "
                             "checked) first.")
        elif person.right_to_work == RightToWork.NONE:
            c.fail("status", f"They have no right to work on file, so {step} cannot be accepted or started."
                             + legal + " If that has changed, record the new check on the Profile first.")
        elif (
            person.right_to_work == RightToWork.TIME_LIMITED
            and person.right_to_work_expiry is not None
            and person.right_to_work_expiry < on
        ):
            expiry = person.right_to_work_expiry
            c.fail(
                "status",
                (f"Their right to work expired on {dates.day(expiry)}." if expiry < today else
                 f"Their right to work runs out on {dates.day(expiry)}, before the start date.")
                + legal + " Record the renewed check on the Profile first.",
            )

    def _check_links(self, s, values: dict[str, Any]) -> None:
        c = Checker()
        if values.get("employer_id") is not None and s.get(Employer, values["employer_id"]) is None:
            c.fail("employer_id", "That employer is not on file.")
        if values.get("opportunity_id") is not None:
            opportunity = s.get(Opportunity, values["opportunity_id"])
            if opportunity is None:
                c.fail("opportunity_id", "That opportunity is not on file.")
            elif values.get("employer_id") is None:
                values["employer_id"] = opportunity.employer_id
        c.done()

    def _schedule_sustainment(self, s, row: PathwayStep) -> None:
        """Jobs and apprenticeships get checks at 4, 13, 26, 52 weeks from the start."""
        if row.type not in EMPLOYMENT_STEPS or row.start_date is None:
            return
        if row.sustainment_checks:
            # A corrected start date moves the checks not yet made; made ones are history.
            for check in row.sustainment_checks:
                due = row.start_date + timedelta(weeks=check.week)
                if check.checked_on is None and check.due_on != due:
                    self._changed(s, check, {"due_on": due}, person_id=row.person_id)
            return
        if row.status not in (StepStatus.IN_PROGRESS, StepStatus.COMPLETED):
            return
        for week in SUSTAINMENT_WEEKS:
            check = SustainmentCheck(week=week, due_on=row.start_date + timedelta(weeks=week))
            row.sustainment_checks.append(check)
            self._created(s, check, person_id=row.person_id)

    # -- writes ---------------------------------------------------------------------------

    def add_step(self, *, person_id: int, **fields: Any) -> StepRecord:
        reject_unknown(fields, STEP_FIELDS)
        with self._store.session() as s:
            person = self._get(s, YoungPerson, person_id, "young person")
            values = self._check(fields, person)
            if values["status"] in (StepStatus.ENDED_EARLY,):
                raise ValidationError({"status": "Add the step first, then end it early with a reason."})
            self._check_links(s, values)
            row = PathwayStep(person_id=person_id, **values)
            self._created(s, row, person_id=person_id)
            self._schedule_sustainment(s, row)
            summary.refresh(s, [person_id])
            record = step_record(row)
        self._publish("pathway_step", record.id, "created")
        return record

    def edit_step(self, *, step_id: int, based_on: int | None = None, **fields: Any) -> StepRecord:
        """Change details. Status changes go through `move_step`, which checks transitions.
        `based_on`: the version the form was filled from; a newer one stored is refused."""
        reject_unknown(fields, set(STEP_FIELDS) - {"status"})
        with self._store.session() as s:
            row = self._get(s, PathwayStep, step_id, "pathway step")
            self._unchanged_since(s, row, based_on, attempted=fields)
            person = self._get(s, YoungPerson, row.person_id, "young person")
            merged = {name: getattr(row, name) for name in STEP_FIELDS} | fields
            values = self._check(merged, person)
            self._check_links(s, values)
            self._changed(s, row, values, person_id=row.person_id)
            self._schedule_sustainment(s, row)
            summary.refresh(s, [row.person_id])
            record = step_record(row)
        self._publish("pathway_step", step_id, "updated")
        return record

    def move_step(
        self,
        *,
        step_id: int,
        status: StepStatus | str | None,
        on: date | None = None,
        reason: str | None = None,
        outcome: str | None = None,
    ) -> StepRecord:
        """Move a step on. Starting sets the start date, finishing the end date (default today)."""
        c = Checker()
        new = c.code("status", "Status", StepStatus, status, required=True)
        day = c.day("on", "Date", on, not_after=self.today()) or self.today()
        why = c.text("ended_reason", "Reason", reason, max_length=500)
        result = c.text("outcome", "Outcome", outcome, max_length=LONG)
        if new == StepStatus.ENDED_EARLY and not why:
            c.fail("ended_reason", "Say why the step ended early.")
        c.done()
        assert new is not None  # a required code: c.done() has refused its absence
        with self._store.session() as s:
            row = self._get(s, PathwayStep, step_id, "pathway step")
            if new == row.status:
                # Not a back door to rewrite a finished step's dates: changes go through edit_step.
                raise ValidationError({"status": f"This step is already {new.label.lower()}."})
            if problem := transition_problem(row.status, new):
                raise ValidationError({"status": problem})
            person = self._get(s, YoungPerson, row.person_id, "young person")
            values: dict[str, Any] = {"status": new}
            if new == StepStatus.OFFERED and row.offered_on is None:
                values["offered_on"] = day
            if new == StepStatus.IN_PROGRESS:
                values["start_date"] = row.start_date if row.start_date and row.start_date <= day else day
            if new in (StepStatus.COMPLETED, StepStatus.ENDED_EARLY):
                if row.start_date and day < row.start_date:
                    raise ValidationError({"on": "The step cannot end before it started."})
                values["end_date"] = day
            # Withdrawing (before a start that may be in the future) keeps the planned dates.
            if why:
                values["ended_reason"] = why
            if result:
                values["outcome"] = result
            merged = {name: getattr(row, name) for name in STEP_FIELDS} | values
            checked = self._check(merged, person)
            checked["ended_reason"] = values.get("ended_reason", row.ended_reason)
            ending = new in (StepStatus.ENDED_EARLY, StepStatus.WITHDRAWN)
            action = AuditAction.CLOSED if ending else AuditAction.UPDATED
            self._changed(s, row, checked, person_id=row.person_id, action=action)
            self._schedule_sustainment(s, row)
            summary.refresh(s, [row.person_id])
            record = step_record(row)
        self._publish("pathway_step", step_id, "updated")
        return record

    def record_sustainment_check(
        self, *, check_id: int, sustained: bool, checked_on: date | None = None, note: str | None = None
    ) -> StepRecord:
        c = Checker()
        day = c.day("checked_on", "Date checked", checked_on, not_after=self.today()) or self.today()
        text = c.text("note", "Note", note, max_length=500)
        if not isinstance(sustained, bool):
            c.fail("sustained", "Say whether they are still in work.")
        c.done()
        with self._store.session() as s:
            check = self._get(s, SustainmentCheck, check_id, "sustainment check")
            step = check.step
            self._changed(
                s, check, {"checked_on": day, "sustained": sustained, "note": text}, person_id=step.person_id
            )
            record = step_record(step)
        self._publish("pathway_step", record.id, "updated")
        return record

    # -- reads ----------------------------------------------------------------------------

    def eet_status_on_start(self, *, step_id: int) -> EetSuggestion | None:
        """What the EET status should say now that a job, apprenticeship or course is under way,
        or None when it says so already (or the step is none of those, or not under way). A
        suggestion for the worker to confirm: hours unknown count as full time."""
        with self._store.read_session() as s:
            row = self._get(s, PathwayStep, step_id, "pathway step")
            statuses = EET_ON_START.get(row.type)
            if statuses is None or row.status != StepStatus.IN_PROGRESS or row.start_date is None:
                return None
            part_time = row.hours_per_week is not None and row.hours_per_week < FULL_TIME_HOURS
            status = statuses[1] if part_time else statuses[0]
            person = self._get(s, YoungPerson, row.person_id, "young person")
            current = next((p for p in person.eet_history if p.end_date is None), None)
            if current is not None and current.status == status:
                return None
            # A status recorded after the first day stays history: the change starts from it.
            start = max(row.start_date, current.start_date) if current is not None else row.start_date
            return EetSuggestion(status=status, start_date=start)

    def get_step(self, *, step_id: int) -> StepRecord:
        with self._store.read_session() as s:
            return step_record(self._get(s, PathwayStep, step_id, "pathway step"))

    def list_steps(self, *, person_id: int) -> list[StepRecord]:
        with self._store.read_session() as s:
            rows = s.scalars(
                select(PathwayStep)
                .where(PathwayStep.person_id == person_id)
                .order_by(PathwayStep.start_date.is_(None), PathwayStep.start_date, PathwayStep.id)
            )
            return [step_record(r) for r in rows]
