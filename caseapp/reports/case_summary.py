"""The case summary: a young person's whole record for their worker or PA, sections chosen."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from caseapp.models.fields import PERSON_FIELDS, Field, Kind
from caseapp.reports import styles
from caseapp.reports.blocks import (
    body,
    day,
    facts,
    grid,
    intro,
    lines_of,
    moment,
    pounds,
    quiet,
    section,
    subheading,
    yes_no,
)
from caseapp.reports.handoff_pack import plan_lines
from caseapp.reports.sections import ALL_SECTIONS, Section  # noqa: F401 - re-exported
from caseapp.reports.text import Markup, Rich, join, para
from caseapp.services.checkins import CheckInRecord
from caseapp.services.employers import EmployerRecord
from caseapp.services.handoffs import DisclosureRecord, HandOffRecord
from caseapp.services.pathway import StepRecord
from caseapp.services.people import PersonRecord
from caseapp.services.support import NeedRecord
from caseapp.services.vetting import VettingRecord
from caseapp.services.workers import WorkerRecord

DOCUMENT = "Case summary"


@dataclass(frozen=True)
class SummaryData:
    person: PersonRecord
    sections: tuple[Section, ...]
    workers: dict[int, WorkerRecord]
    employers: dict[int, EmployerRecord]
    printed_on: date
    steps: tuple[StepRecord, ...] = ()
    check_ins: tuple[CheckInRecord, ...] = ()
    vetting: tuple[VettingRecord, ...] = ()
    needs: tuple[NeedRecord, ...] = ()
    hand_offs: tuple[HandOffRecord, ...] = ()
    disclosures: tuple[DisclosureRecord, ...] = ()


def _label(code: enum.Enum | None) -> str:
    return getattr(code, "label", "") if code is not None else ""


def _words(values: tuple[str, ...]) -> str:
    return ", ".join(values)


def _worker(data: SummaryData, worker_id: int | None) -> str:
    worker = data.workers.get(worker_id) if worker_id is not None else None
    return worker.name if worker else ""


def _printed(data: SummaryData, f: Field) -> str | None:
    """A declared field's value as the page shows it."""
    p = data.person
    value = getattr(p, f.name)
    if f.kind is Kind.BIRTH_DATE:
        return f"{day(value)} (age {p.age(data.printed_on)})"
    if f.kind is Kind.DAY:
        return day(value)
    if f.kind is Kind.CODE:
        shown = _label(value)
        # The expiry has no row of its own: it belongs beside the right to work it limits.
        if f.name == "right_to_work" and p.right_to_work_expiry:
            shown += f" (until {day(p.right_to_work_expiry)})"
        return shown
    if f.kind is Kind.FLAG:
        return "Yes" if value else None
    if f.kind is Kind.WORDS:
        return _words(value)
    if f.kind is Kind.WORKER:
        return _worker(data, value)
    return str(value) if value is not None else None


def _profile_rows(data: SummaryData) -> list[tuple[str, str | None]]:
    """Every declared field that is printed, in the order the declarations give."""
    return [(f.printed, _printed(data, f)) for f in PERSON_FIELDS if f.printed]


def _profile(data: SummaryData, width: float) -> list[Flowable]:
    p = data.person
    eet = p.current_eet
    accommodation = p.current_accommodation
    out: list[Flowable] = section(
        Section.PROFILE.label,
        facts(
            [
                *_profile_rows(data),
                ("EET status", f"{eet.status.label}, since {day(eet.start_date)}" if eet else None),
                (
                    "Accommodation",
                    f"{accommodation.type.label} ({'suitable' if accommodation.suitable else 'not suitable'}), "
                    f"since {day(accommodation.start_date)}"
                    if accommodation
                    else None,
                ),
                ("Case closed", f"{day(p.closed_on)}: {p.closed_reason}" if p.closed_on else None),
            ],
            width=width,
        ),
    )
    if len(p.eet_history) > 1:
        out.append(subheading("EET history"))
        out.append(
            grid(
                ["Status", "From", "To"],
                [(e.status.label, day(e.start_date), day(e.end_date)) for e in reversed(p.eet_history)],
                widths=[width - 60 * mm, 30 * mm, 30 * mm],
            )
        )
    if len(p.accommodation_history) > 1:
        out.append(subheading("Accommodation history"))
        out.append(
            grid(
                ["Accommodation", "Suitable", "From", "To"],
                [
                    (a.type.label, yes_no(a.suitable), day(a.start_date), day(a.end_date))
                    for a in reversed(p.accommodation_history)
                ],
                widths=[width - 80 * mm, 20 * mm, 30 * mm, 30 * mm],
            )
        )
    return out


def _where(data: SummaryData, step: StepRecord) -> str:
    employer = data.employers.get(step.employer_id) if step.employer_id is not None else None
    return employer.name if employer else (step.provider or "")


def _pathway(data: SummaryData, width: float) -> list[Flowable]:
    if not data.steps:
        return section(Section.PATHWAY.label, body("No pathway steps recorded yet."))
    rows = []
    for s in data.steps:
        titled = s.title and s.title.casefold() != s.type.label.casefold()
        what = join([Markup("<b>"), s.type.label, Markup("</b>"), *([Markup("<br/>"), s.title] if titled else [])])
        dates = " to ".join(d for d in (day(s.start_date), day(s.end_date)) if d) or (
            f"offered {day(s.offered_on)}" if s.offered_on else ""
        )
        details = []
        if s.hours_per_week:
            details.append(f"{s.hours_per_week:g} h/week")
        if s.pay_pence_per_hour:
            details.append(f"{pounds(s.pay_pence_per_hour)}/hour")
        if s.ring_fenced:
            details.append("ring-fenced")
        if s.apprenticeship_level:
            details.append(f"Level {s.apprenticeship_level}")
        people = [
            f"Mentor: {s.mentor}" if s.mentor else "",
            f"Line manager: {s.line_manager}" if s.line_manager else "",
        ]
        notes = [s.outcome or "", f"Ended early: {s.ended_reason}" if s.ended_reason else ""]
        checks = [
            f"Week {c.week}: {'still in work' if c.sustained else 'not in work'} ({day(c.checked_on)})"
            for c in s.sustainment_checks
            if c.checked_on is not None
        ]
        rows.append(
            (
                what,
                _where(data, s),
                s.status.label,
                dates,
                join([x for x in ("; ".join(details), *people, *notes, *checks) if x], Markup("<br/>")),
            )
        )
    return section(
        Section.PATHWAY.label,
        grid(
            ["Step", "Where", "Status", "Dates", "Details"],
            rows,
            widths=[38 * mm, 32 * mm, 22 * mm, 26 * mm, width - 118 * mm],
        ),
    )


def _check_ins(data: SummaryData, width: float) -> list[Flowable]:
    if not data.check_ins:
        return section(Section.CHECK_INS.label, body("No check-ins recorded yet."))
    rows = []
    for c in data.check_ins:
        note = join(
            [
                c.note,
                *([Markup("<br/><i>Agreed:</i> "), c.actions] if c.actions else []),
                *([Markup("<br/><i>Next contact:</i> "), day(c.next_contact_on)] if c.next_contact_on else []),
            ]
        )
        how = f"{c.method.label}: {c.outcome.label.lower()}"
        rows.append((moment(c.happened_at), _worker(data, c.worker_id), how, note))
    return section(
        Section.CHECK_INS.label,
        intro(f"{len(data.check_ins)} check-ins, newest first."),
        grid(
            ["When", "Who", "How", "Note"],
            rows,
            widths=[28 * mm, 30 * mm, 34 * mm, width - 92 * mm],
        ),
    )


def _vetting(data: SummaryData, width: float) -> list[Flowable]:
    if not data.vetting:
        return section(Section.VETTING.label, body("No vetting checks recorded."))
    rows = []
    for v in data.vetting:
        detail = join(
            [
                x
                for x in (
                    f"Blocked by: {v.blocker}" if v.blocker else "",
                    f"Alternative: {v.alternative}" if v.alternative else "",
                    f"How met: {v.how_met}" if v.how_met else "",
                    f"Approved by: {v.approved_by}" if v.approved_by else "",
                    f"Employer sign-off: {v.employer_signed_off_by}" if v.employer_signed_off_by else "",
                    f"Review on {day(v.review_on)}" if v.review_on else "",
                )
                if x
            ],
            Markup("<br/>"),
        )
        rows.append((v.need.label, v.outcome.label, day(v.decided_on), detail))
    return section(
        Section.VETTING.label,
        grid(["Check", "Outcome", "Decided", "Details"], rows, widths=[34 * mm, 34 * mm, 22 * mm, width - 90 * mm]),
    )


def _support(data: SummaryData, width: float) -> list[Flowable]:
    if not data.needs:
        return section(Section.SUPPORT.label, body("No support needs recorded."))
    blocks: list[Flowable] = []
    for need in data.needs:
        shareable = need.shareable_on(data.printed_on)
        consent_lines = [
            f"Consent given {day(c.given_on)}" + (f", withdrawn {day(c.withdrawn_on)}" if c.withdrawn_on else "")
            + (f" ({c.note})" if c.note else "")
            for c in need.consents
        ] or ["No consent to share recorded"]
        block: list[Flowable] = [
            subheading(need.category.label),
            body(need.description),
        ]
        if need.adjustments:
            block.append(body(join([Markup("<i>What helps:</i> "), need.adjustments])))
        block.append(
            quiet(
                ("Can be shared today. " if shareable else "Not to be shared today. ")
                + " ".join(f"{line}." for line in consent_lines)
            )
        )
        blocks.append(KeepTogether(block))
    return section(Section.SUPPORT.label, *blocks)


def _lines(lines: list[str]) -> Rich | None:
    """One line each: a plan or a list read as one run-on sentence otherwise."""
    return join(lines, Markup("<br/>")) if lines else None


def _hand_offs(data: SummaryData, width: float) -> list[Flowable]:
    steps = {s.id: s for s in data.steps}
    needs = {n.id: n for n in data.needs}
    out: list[Flowable] = []
    for h in data.hand_offs:
        step = steps.get(h.step_id)
        kind = step.type.label if step else "Placement"
        what = f"{kind}: {step.title}" if step and step.title and step.title.casefold() != kind.casefold() else kind
        shared = [needs[i].category.label for i in h.need_ids if i in needs]
        details = facts(
            [
                # In the pack's order. Only what the hand-off itself holds: the profile's own
                # strengths belong to the Profile section, which may have been left out.
                ("Line manager", h.line_manager),
                ("HR contact", h.hr_contact),
                ("Strengths", _lines(lines_of(h.strengths)) if h.strengths else "As in the profile"),
                ("Needs chosen to share", ", ".join(shared) or "None"),
                ("Adjustments agreed", _lines(lines_of(h.adjustments))),
                ("First two weeks", _lines(plan_lines(h.first_two_weeks))),
                ("Mentor", h.mentor or (step.mentor if step else None)),
                ("Keeping in touch", _lines(lines_of(h.keep_in_touch))),
                ("If things get difficult", _lines(lines_of(h.if_difficult))),
            ],
            width=width,
        )
        # One hand-off is one block: who to contact, what was shared, the plan.
        out.append(KeepTogether([subheading(f"{what}, built {day(h.built_on)}"), details]))
    if not data.hand_offs:
        out.append(body("No hand-offs built yet."))
    out.append(subheading("Disclosure log"))
    if data.disclosures:
        out.append(
            grid(
                ["When", "What", "For whom", "Items shared", "By"],
                [
                    (
                        moment(d.disclosed_at.astimezone().replace(tzinfo=None)),
                        d.document,
                        d.recipient,
                        join(list(d.items), Markup("<br/>")) if d.items else "",
                        _worker(data, d.worker_id),
                    )
                    for d in data.disclosures
                ],
                widths=[28 * mm, 28 * mm, 36 * mm, width - 122 * mm, 30 * mm],
            )
        )
    else:
        out.append(body("Nothing has been printed or shared from this record yet."))
    return section(Section.HAND_OFFS.label, *out)


BUILDERS = {
    Section.PROFILE: _profile,
    Section.PATHWAY: _pathway,
    Section.CHECK_INS: _check_ins,
    Section.VETTING: _vetting,
    Section.SUPPORT: _support,
    Section.HAND_OFFS: _hand_offs,
}


def story(data: SummaryData, width: float) -> list[Flowable]:
    p = data.person
    out: list[Flowable] = [
        para(join([Markup("Case summary: "), p.display_name]), styles.TITLE),
        para(
            join(
                [
                    *([p.own_script_name, Markup(" · ")] if p.own_script_name else []),
                    f"Record {p.id} · sections: ",
                    ", ".join(s.label.lower() for s in data.sections),
                ]
            ),
            styles.SUBTITLE,
        ),
    ]
    for chosen in data.sections:
        out += BUILDERS[chosen](data, width)
    return out
