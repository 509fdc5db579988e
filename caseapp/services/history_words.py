"""An audit event in the words the screens use: what happened, and each change as
label, before and after ("Check-in recorded: phone, spoke; next contact 12/12/2026").

The trail itself keeps columns and stored values (ids, codes, ISO dates), which is right
for a hash chain and wrong for a person. Labels here follow the screens' own; codes show
their labels, dates dd/mm/yyyy, people and employers their names. Bookkeeping (which
record a row belongs to, internal ids) is left out.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Enum as SqlEnum
from sqlalchemy import TableClause

from caseapp import dates
from caseapp.models import Base
from caseapp.models.codes import AuditAction

NOUNS = {
    "young_person": "Record",
    "pathway_step": "Pathway step",
    "check_in": "Check-in",
    "vetting_check": "Vetting check",
    "support_need": "Support need",
    "consent": "Consent",
    "hand_off": "Hand-off",
    "disclosure": "Disclosure",
    "eet_status_period": "EET status",
    "accommodation_period": "Accommodation",
    "sustainment_check": "Sustainment check",
    "hand_off_item": "Hand-off item",
    "draft": "Draft",
    "worker": "Team member",
    "employer": "Employer",
    "opportunity": "Opportunity",
    "employer_commitment": "Employer commitment",
    "setting": "Setting",
    "caseload": "Caseload",
    "caseload_report": "Caseload report",
    "oc3_return": "OC3 return",
}

VERBS = {
    AuditAction.CREATED: "recorded",
    AuditAction.UPDATED: "changed",
    AuditAction.CLOSED: "closed",
    AuditAction.REOPENED: "reopened",
    AuditAction.DELETED: "removed",
    AuditAction.PRINTED: "printed",
    AuditAction.EXPORTED: "exported",
}

# Where a column's own name is not what the screen calls it.
LABELS = {
    "pa_id": "Personal Adviser",
    "own_script_name": "Name in own script",
    "worker_id": "Worker",
    "employer_id": "Employer",
    "child_ref": "Council's child reference",
    "uasc": "Unaccompanied asylum-seeking child",
    "esol_need": "ESOL need",
    "happened_at": "When",
    "method": "How",
    "next_contact_on": "Next contact",
    "actions": "Actions agreed",
    "type": "Kind",
    "pay_pence_per_hour": "Pay per hour",
    "ring_fenced": "Ring-fenced for care leavers",
    "line_manager_contact": "Line manager's contact",
    "ended_reason": "Reason it ended",
    "closed_reason": "Reason closed",
    "closed_on": "Closed on",
    "how_met": "How it was met",
    "approved_by": "Approved by",
    "employer_signed_off_by": "Signed off by the employer",
    "decided_on": "Decided on",
    "review_on": "Review on",
    "disclosed_at": "Disclosed",
    "items": "What was shared",
    "given_on": "Consent given on",
    "withdrawn_on": "Consent withdrawn on",
    "built_on": "Made on",
    "hr_contact": "HR contact",
    "first_two_weeks": "Plan for the first two weeks",
    "if_difficult": "If things get difficult",
    "checked_on": "Checked on",
    "due_on": "Due on",
    "no_recourse_to_public_funds": "No recourse to public funds",
    "right_to_work_checked_on": "Right to work checked on",
    "reason": "Reason for the change",
}

# Which record a row belongs to: the history is already that record's.
HIDDEN = frozenset(
    {"person_id", "step_id", "need_id", "hand_off_id", "opportunity_id", "key", "saved_at", "text"}
)

# What a new row's line names, in this order, each after its few words; the rest shows
# on hover.
SUMMARY: dict[str, tuple[tuple[str, str], ...]] = {
    "check_in": (("method", ""), ("outcome", ""), ("next_contact_on", "next contact ")),
    "pathway_step": (("type", ""), ("title", ""), ("status", "")),
    "eet_status_period": (("status", ""), ("start_date", "from ")),
    "accommodation_period": (("type", ""), ("start_date", "from ")),
    "vetting_check": (("need", ""), ("outcome", "")),
    "support_need": (("category", ""),),
    "consent": (("given_on", "given "),),
    "sustainment_check": (("week", "week "), ("due_on", "due ")),
    "disclosure": (("document", ""), ("recipient", "for ")),
    "young_person": (("closed_reason", ""),),
    "hand_off": (("line_manager", "for "),),
}
SHORT = 40  # a value longer than this is named, not quoted, on the line itself


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def label(field: str) -> str:
    if field in LABELS:
        return LABELS[field]
    words = field.removesuffix("_id").replace("_", " ")
    return words[:1].upper() + words[1:]


def _code_columns() -> dict[tuple[str, str], type[enum.Enum]]:
    codes: dict[tuple[str, str], type[enum.Enum]] = {}
    for mapper in Base.registry.mappers:
        if not isinstance(mapper.local_table, TableClause):
            continue
        table = mapper.local_table.name
        for column in mapper.columns:
            if isinstance(column.type, SqlEnum) and column.type.enum_class is not None:
                codes[(table, column.key)] = column.type.enum_class
    return codes


_CODES = _code_columns()


def _date_text(value: str) -> str:
    try:
        if len(value) == 10:
            return dates.day(date.fromisoformat(value))
        return dates.moment(datetime.fromisoformat(value))
    except ValueError:
        return value


def _money(pence: object) -> str:
    return f"£{int(pence) / 100:.2f}" if isinstance(pence, int) else str(pence)


class Words:
    """Formats one person's events; `names` maps worker and employer ids to names."""

    def __init__(self, *, workers: Mapping[int, str], employers: Mapping[int, str]) -> None:
        self._names: dict[str, Callable[[Any], str]] = {
            "worker_id": lambda v: workers.get(v, "someone no longer listed"),
            "pa_id": lambda v: workers.get(v, "someone no longer listed"),
            "employer_id": lambda v: employers.get(v, "an employer no longer listed"),
            "pay_pence_per_hour": _money,
        }

    def value(self, entity: str, field: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if field in self._names:
            return self._names[field](value)
        code = _CODES.get((entity, field))
        if code is not None:
            try:
                return str(getattr(code(value), "label", value))
            except ValueError:
                return str(value)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, list):
            return ", ".join(self.value(entity, field, v) for v in value)
        if isinstance(value, str) and value[:4].isdigit() and value[4:5] == "-":
            return _date_text(value)
        return str(value)

    def changes(self, entity: str, changes: Mapping[str, list[Any]]) -> tuple[Change, ...]:
        return tuple(
            Change(label(field), self.value(entity, field, before), self.value(entity, field, after))
            for field, (before, after) in changes.items()
            if field not in HIDDEN
        )

    def line(self, entity: str, action: AuditAction, changes: Mapping[str, list[Any]]) -> str:
        noun = NOUNS.get(entity, label(entity))
        verb = "created" if (entity, action) == ("young_person", AuditAction.CREATED) else None
        head = f"{noun} {verb or VERBS.get(action, action.label.lower())}"
        if action in (AuditAction.UPDATED, AuditAction.REOPENED):
            parts = [self._said(entity, f, after) for f, (_, after) in changes.items() if f not in HIDDEN]
        else:
            side = 0 if action == AuditAction.DELETED else 1
            parts = [
                words + self.value(entity, f, changes[f][side])
                for f, words in SUMMARY.get(entity, ())
                if f in changes and changes[f][side] not in (None, "", [])
            ]
        return head + (": " + ("; " if action == AuditAction.UPDATED else ", ").join(parts) if parts else "")

    def _said(self, entity: str, field: str, after: Any) -> str:
        shown = self.value(entity, field, after)
        if len(shown) > SHORT or "\n" in shown:
            return label(field)
        return f"{label(field)} → {shown}"
