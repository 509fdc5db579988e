"""The hand-off pack: what a line manager needs on day one, in plain and warm words.

Written for someone who has never met a care leaver's worker: strengths first, then the
support the young person agreed to share (only that), a plan for the first two weeks, how
the worker and manager keep in touch, and what to do if things get difficult. No pronouns:
the record does not hold them, so the pack uses the young person's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from caseapp import settings as declared
from caseapp.reports import fonts, styles
from caseapp.reports.blocks import body, bullets, day, facts, intro, lines_of, quiet, section, subheading
from caseapp.reports.text import Markup, join, para
from caseapp.services.employers import EmployerRecord
from caseapp.services.handoffs import HandOffRecord
from caseapp.services.pathway import StepRecord
from caseapp.services.people import PersonRecord
from caseapp.services.settings_service import whole
from caseapp.services.support import NeedRecord
from caseapp.services.workers import WorkerRecord

DOCUMENT = "Hand-off pack"
# A plan line "Day 1: a tour and lunch with the team" becomes a row of the plan table.
PLAN_LABEL_MAX = 24
_PLAN_SPLIT = re.compile(rf"(?<=[.;])\s+(?=[^.;:]{{1,{PLAN_LABEL_MAX}}}:)")


@dataclass(frozen=True)
class Cadence:
    new_start_days: int
    new_start_weeks: int
    default_days: int


@dataclass(frozen=True)
class PackData:
    hand_off: HandOffRecord
    step: StepRecord
    person: PersonRecord
    employer: EmployerRecord | None
    worker: WorkerRecord | None  # the young person's worker: the manager's contact
    prepared_by: WorkerRecord | None  # who printed it, perhaps a colleague covering
    needs: tuple[NeedRecord, ...]
    cadence: Cadence
    printed_on: date


def cadence_from(settings: dict[str, object]) -> Cadence:
    return Cadence(
        new_start_days=whole(settings, declared.CADENCE_NEW_START_DAYS),
        new_start_weeks=whole(settings, declared.CADENCE_NEW_START_WEEKS),
        default_days=whole(settings, declared.CADENCE_DEFAULT_DAYS),
    )


def every(days: int) -> str:
    if days % 7 == 0:
        weeks = days // 7
        return "every week" if weeks == 1 else f"every {_number_word(weeks)} weeks"
    return "every day" if days == 1 else f"every {days} days"


def _number_word(n: int) -> str:
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if 0 <= n < len(words) else str(n)


def first_name(person: PersonRecord) -> str:
    return person.preferred_name or person.given_name


def role_of(step: StepRecord) -> str:
    return step.title or step.type.label


def employer_name(data: PackData) -> str | None:
    return data.employer.name if data.employer else data.step.provider


def plan_lines(text: str | None) -> list[str]:
    """The plan's lines, with "Day 1: …. Week 1: …" on one line split at each label."""
    out = []
    for line in lines_of(text):
        out += [part.strip() for part in _PLAN_SPLIT.split(line) if part.strip()]
    return out


def mentor_of(data: PackData) -> str | None:
    """The mentor the pack names: the hand-off's, else the one recorded on the step."""
    return data.hand_off.mentor or data.step.mentor


def default_plan(name: str, mentor: str | None) -> list[str]:
    """The first fortnight that usually works, for a hand-off written without one. It speaks
    of a mentor only when there is one: a manager told to introduce a mentor nobody has named
    would go looking for someone who does not exist."""
    meet = f"the team and {mentor}, the mentor" if mentor else "the team and the people to go to with questions"
    return [
        f"Day 1: a warm welcome, a short tour, and an introduction to {meet}.",
        f"Week 1: one task at a time, with someone to ask; shorter days if {name} and you agreed them.",
        f"End of week 1: ten minutes with {name} on how the week went, and what would help.",
        "Week 2: build up the tasks and the hours as agreed; keep the same person to go to.",
        f"End of week 2: a check-in with {name}, and a call with me to plan the next few weeks.",
    ]


def _plan(text: str | None, name: str, mentor: str | None) -> list[Flowable]:
    lines = plan_lines(text)
    if not lines:
        lines = default_plan(name, mentor)
        lead = [intro("No plan was written for this hand-off, so here is the plan that usually works.")]
    else:
        lead = []
    rows, loose = [], []
    for line in lines:
        label, sep, rest = line.partition(":")
        if sep and rest.strip() and len(label) <= PLAN_LABEL_MAX:
            rest = rest.strip()
            rows.append((label.strip(), rest[:1].upper() + rest[1:]))
        else:
            loose.append(line)
    out: list[Flowable] = list(lead)
    if rows:
        table = Table(
            [[para(label, styles.CELL_BOLD), para(rest, styles.CELL)] for label, rest in rows],
            colWidths=[34 * mm, None],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), fonts.LATIN),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, styles.RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        out.append(table)
    out += bullets(loose)
    return out


def _straight_away(worker: WorkerRecord | None) -> list:
    """How to reach the worker at once, with the number or address itself: a manager worried
    about harm should not have to look for it."""
    if worker is not None and worker.phone:
        return [Markup("call me straight away on "), worker.phone]
    if worker is not None and worker.email:
        return [Markup("email me straight away at "), worker.email]
    return [Markup("contact me straight away")]


def story(data: PackData, width: float) -> list[Flowable]:
    person, step, hand_off = data.person, data.step, data.hand_off
    name = first_name(person)
    full = person.display_name
    employer = employer_name(data)
    where = f" at {employer}" if employer else ""
    out: list[Flowable] = [
        para(join([Markup("Welcome to the team: "), full]), styles.TITLE),
        para(
            join([role_of(step), where, f", starting {day(step.start_date)}" if step.start_date else None]),
            styles.SUBTITLE,
        ),
        body(
            join(
                [
                    Markup("Thank you for giving "),
                    name,
                    Markup(
                        " this chance. This pack is to help you give a good start to someone who has "
                        "grown up in care. "
                    ),
                    name,
                    Markup(
                        " agreed to share what is in it with you. Please keep it private: share it only "
                        "with people who need it to support "
                    ),
                    name,
                    Markup(" (such as HR), and shred it when the "),
                    step.type.label.lower(),
                    Markup(" ends."),
                ]
            )
        ),
    ]

    out += section(
        "Who is starting",
        facts(
            [
                ("Name", full),
                ("Prefers to be called", person.preferred_name),
                ("Name in own script", person.own_script_name),
                ("Role", role_of(step)),
                ("Kind of role", step.type.label if role_of(step).casefold() != step.type.label.casefold() else None),
                ("Employer", employer),
                ("Start date", day(step.start_date)),
                ("Planned end date", day(step.end_date)),
                ("Hours per week", f"{step.hours_per_week:g}" if step.hours_per_week else None),
                ("Line manager", hand_off.line_manager),
                ("HR contact", hand_off.hr_contact),
            ],
            width=width,
        ),
    )

    strengths = hand_off.strengths or person.strengths
    if strengths:
        out += section(
            f"What {name} brings",
            *[body(line) for line in lines_of(strengths)],
        )

    need_blocks: list[Flowable] = []
    for need in data.needs:
        block = [subheading(need.category.label), body(need.description)]
        if need.adjustments:
            block.append(body(join([Markup("<i>What helps:</i> "), need.adjustments])))
        need_blocks.append(KeepTogether(block))
    if not need_blocks:
        need_blocks = [
            body(
                join(
                    [
                        name,
                        Markup(
                            " has not asked us to share any support needs. Please welcome them as you "
                            "would any new starter, and talk to me if anything comes up."
                        ),
                    ]
                )
            )
        ]
    out += section(f"Support {name} has agreed to share", *need_blocks)

    if hand_off.adjustments:
        out += section("Adjustments we agreed", *bullets(lines_of(hand_off.adjustments)))

    mentor = mentor_of(data)
    out += section("The first two weeks", *_plan(hand_off.first_two_weeks, name, mentor))

    if mentor:
        out += section(
            "Mentor",
            subheading(mentor),
            body(
                join(
                    [
                        Markup("Someone "),
                        name,
                        Markup(
                            " can go to with questions, who is not the line manager. A short, regular "
                            "time together in the first weeks helps most."
                        ),
                    ]
                )
            ),
        )

    cadence = data.cadence
    keep_in_touch = lines_of(hand_off.keep_in_touch) or [
        f"I will call you {every(cadence.new_start_days)} for the first {_number_word(cadence.new_start_weeks)} "
        f"weeks, then {every(cadence.default_days)}, and keep in touch with {name} as well.",
    ]
    worker = data.worker
    invitation = body(
        "Please get in touch at any time, also when all is going well: a quick word early on saves problems later."
    )
    details = (
        facts(
            [
                ("Your contact", worker.name),
                ("Role", worker.role.label),
                ("Team", worker.team),
                ("Phone", worker.phone),
                ("Email", worker.email),
                ("Hours", worker.hours),
            ],
            width=width,
        )
        if worker
        else Spacer(0, 0)
    )
    # The invitation and the details it points to on one page: a manager looking for the
    # number should not find half of the details overleaf.
    contact = KeepTogether([invitation, details])
    out += section("Keeping in touch", *bullets(keep_in_touch), contact)

    difficult = lines_of(hand_off.if_difficult)
    out += section(
        "If things get difficult",
        *bullets(difficult),
        *([subheading("What usually helps")] if difficult else []),
        *bullets(
            [
                join(
                    [
                        Markup("If "),
                        name,
                        Markup(
                            " is late or misses a day, please get in touch kindly and let me know the same day. "
                            "It is often a sign that something outside work is hard, not a lack of interest."
                        ),
                    ]
                ),
                "Talk in private and calmly; say what you have noticed rather than guessing the reason.",
                "Please call me before any formal step, such as a warning or ending the placement. "
                "Together we can usually find a way through.",
                join(
                    [
                        Markup("If you are worried that "),
                        name,
                        Markup(" is at risk of harm, "),
                        *_straight_away(worker),
                        Markup(". If you cannot reach me and someone is in danger, call 999."),
                    ]
                ),
            ]
        ),
    )

    out.append(Spacer(0, 4 * mm))
    out.append(
        quiet(
            join(
                [
                    Markup("Prepared"),
                    *([Markup(" by "), data.prepared_by.name] if data.prepared_by else []),
                    f" on {day(data.printed_on)}. ",
                    name,
                    Markup(
                        " can change their mind about what is shared; if that happens I will let you know, "
                        "and please then destroy this copy."
                    ),
                ]
            )
        )
    )
    return out

