"""What the desktop client and the command line call to print: one function per document.

Each function reads through the services, lays the document out in memory, and only then
writes it through caseapp.services.output_files: a part-file with a non-personal name in the
folder the user chose, flushed to disk, then renamed to the chosen name, which must be new or
an ordinary file (never a link or a device). On cancel or failure the part-file is removed,
so nothing is left anywhere. Safe to call off the GUI thread: `progress(done, total)` and
`cancelled()` are called from the calling thread.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from reportlab.lib.pagesizes import A4

from caseapp import settings as declared
from caseapp.reports import case_summary, caseload_report, handoff_pack
from caseapp.reports.page import PageSetup, build_pdf
from caseapp.reports.progress import READ_DONE, CancelCheck, Progress, ProgressCallback, ReportCancelled
from caseapp.reports.sections import Section
from caseapp.reports.styles import MARGIN
from caseapp.services.errors import ValidationError
from caseapp.services.events import ChangeBus
from caseapp.services.output_files import Output, check_destination, unused_name, write_outputs
from caseapp.services.registry import Services, open_services
from caseapp.services.report_data import ReportDataService
from caseapp.services.support import NeedRecord
from caseapp.services.workers import WorkerRecord
from caseapp.store import Database

__all__ = [
    "ALL_SECTIONS",
    "MIN_PASSWORD_LENGTH",
    "PackChoice",
    "ReportCancelled",
    "ReportKind",
    "SaveFailed",
    "Section",
    "default_file_name",
    "hand_off_pack_choices",
    "hand_off_pack_contact",
    "print_case_summary",
    "print_caseload_report",
    "print_hand_off_pack",
]

ALL_SECTIONS = case_summary.ALL_SECTIONS
MIN_PASSWORD_LENGTH = 8
RECIPIENT_MAX = 200
CASE_FILE = "Case file (worker or Personal Adviser)"


class ReportKind(enum.StrEnum):
    HAND_OFF_PACK = "handoff-pack"
    CASE_SUMMARY = "case-summary"
    CASELOAD = "caseload-report"


class SaveFailed(Exception):
    """The finished PDF could not be written where the user chose (nothing was left there)."""


@dataclass(frozen=True)
class PackChoice:
    """One support need the worker may tick for a hand-off pack."""

    need_id: int
    label: str
    description: str
    shareable_today: bool  # consent given and not withdrawn today
    in_hand_off: bool  # chosen when the hand-off was built
    selectable: bool  # both of the above: only these can be printed

    @property
    def why_not(self) -> str | None:
        if not self.in_hand_off:
            return "Not part of this hand-off."
        if not self.shareable_today:
            return "No consent to share in force today."
        return None


# -- file names --------------------------------------------------------------------------


def default_file_name(
    kind: ReportKind | str,
    *,
    record_id: int | None = None,
    on: date | None = None,
    at: time | None = None,
    folder: Path | None = None,
) -> str:
    """The name offered in the save dialog: the kind of document, an internal id, the date,
    and, given `at`, the time (hours and minutes), so documents made the same day differ.
    Given `folder`, a name already taken there gets a running number.

    Never a name: file names show up in recent-file lists, backups and email subjects.
    """
    kind = ReportKind(kind)
    day = (on or date.today()).isoformat()
    if kind == ReportKind.CASE_SUMMARY and record_id is not None:
        stem = f"{kind.value}-{int(record_id)}-{day}"
    else:
        stem = f"{kind.value}-{day}"
    if at is not None:
        stem += f"-{at:%H%M}"
    if folder is None:
        return f"{stem}.pdf"
    return unused_name(Path(folder), stem, ".pdf")


# -- shared plumbing ---------------------------------------------------------------------


def _services(store: Database, actor_id: int | None, today: date | None, bus: ChangeBus | None) -> Services:
    clock = (lambda: today) if today is not None else date.today
    return open_services(store, worker_id=actor_id, bus=bus, today=clock)


def _check_output(out: Path | str, password: str | None) -> Path:
    problems: dict[str, str] = {}
    try:
        path = check_destination(out, field="out")
    except ValidationError as exc:
        problems.update(exc.problems)
        path = Path(out)
    if password is not None and len(password.strip()) < MIN_PASSWORD_LENGTH:
        problems["password"] = f"A password needs at least {MIN_PASSWORD_LENGTH} characters, or leave it empty."
    if problems:
        raise ValidationError(problems)
    return path


def _write(
    store: Database, out: Path, data: bytes, progress: Progress, before_replace: Callable[[], None] | None = None
) -> Path:
    """Write `data` to `out` whole; `before_replace` runs once the bytes are on disk."""
    progress.check()
    write_outputs(
        store,
        [Output(out, data)],
        failed=lambda why: SaveFailed(f"The PDF could not be saved ({why}). Nothing was saved."),
        field="out",
        before_naming=before_replace,
    )
    progress.at(100)
    return out


def _setup(svc: Services, label: str, keywords: tuple[str, ...] = ()) -> PageSetup:
    marking = str(svc.settings.get(declared.PROTECTIVE_MARKING))
    return PageSetup(marking=marking, printed_on=svc.today(), document_label=label, keywords=keywords)


def _width() -> float:
    return A4[0] - 2 * MARGIN


# -- hand-off pack -----------------------------------------------------------------------


def hand_off_pack_choices(
    store: Database, *, hand_off_id: int, actor_id: int | None = None, today: date | None = None
) -> list[PackChoice]:
    """The young person's support needs as the worker may tick them for this pack.

    Selectable: chosen when the hand-off was built and with consent in force today. By
    default the pack prints every selectable one; the worker may untick any.
    """
    svc = _services(store, actor_id, today, None)
    hand_off = svc.handoffs.get_hand_off(hand_off_id=hand_off_id)
    day = svc.today()
    out = []
    for need in svc.support.list_support_needs(person_id=hand_off.person_id):
        shareable = need.shareable_on(day)
        chosen = need.id in hand_off.need_ids
        out.append(PackChoice(need.id, need.category.label, need.description, shareable, chosen, shareable and chosen))
    return out


def hand_off_pack_contact(store: Database, *, hand_off_id: int, actor_id: int | None = None) -> WorkerRecord | None:
    """The worker the pack names for the line manager to reach; the print dialog warns when
    they have neither a phone number nor an email (`WorkerRecord.reachable`)."""
    return ReportDataService(store, actor_id=actor_id).hand_off_contact(hand_off_id=hand_off_id)


def _chosen_needs(
    needs: list[NeedRecord], hand_off_need_ids: tuple[int, ...], need_ids: Iterable[int] | None, day: date
) -> tuple[NeedRecord, ...]:
    by_id = {n.id: n for n in needs}
    if need_ids is None:
        return tuple(n for n in needs if n.id in hand_off_need_ids and n.shareable_on(day))
    problems: list[str] = []
    chosen: list[NeedRecord] = []
    for need_id in dict.fromkeys(need_ids):
        need = by_id.get(need_id) if isinstance(need_id, int) and not isinstance(need_id, bool) else None
        if need is None:
            problems.append("One of the chosen needs is not this young person's.")
        elif need.id not in hand_off_need_ids:
            problems.append(
                f"“{need.category.label}” is not part of this hand-off; build a new hand-off to share it."
            )
        elif not need.shareable_on(day):
            problems.append(
                f"“{need.category.label}” has no consent to share in force today, so it cannot be printed."
            )
        else:
            chosen.append(need)
    if problems:
        raise ValidationError({"need_ids": " ".join(dict.fromkeys(problems))})
    # The pack lists needs in the order they were recorded, whatever order they were ticked.
    return tuple(sorted(chosen, key=lambda n: n.id))


def print_hand_off_pack(
    store: Database,
    *,
    hand_off_id: int,
    out: Path | str,
    actor_id: int | None = None,
    need_ids: Iterable[int] | None = None,
    password: str | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    bus: ChangeBus | None = None,
    today: date | None = None,
) -> Path:
    """Print the line manager's pack and log the disclosure; returns the saved path.

    `need_ids`: which needs to include, each part of the hand-off and with consent in force
    today (ValidationError otherwise); None means every such need. The disclosure log entry
    (what, for whom, by whom, when) is written once the PDF is on disk and before it takes its
    final name, so no pack exists without its entry (should the rename then fail, the entry
    stays: a logged disclosure that did not happen is the safe side of the two).
    """
    path = _check_output(out, password)
    tracker = Progress(progress, cancelled)
    tracker.at(0)
    svc = _services(store, actor_id, today, bus)
    day = svc.today()
    hand_off = svc.handoffs.get_hand_off(hand_off_id=hand_off_id)
    needs = _chosen_needs(
        svc.support.list_support_needs(person_id=hand_off.person_id), hand_off.need_ids, need_ids, day
    )
    step = svc.pathway.get_step(step_id=hand_off.step_id)
    person = svc.people.get_young_person(person_id=hand_off.person_id)
    employer = svc.employers.get_employer(employer_id=step.employer_id) if step.employer_id is not None else None
    worker = hand_off_pack_contact(store, hand_off_id=hand_off_id, actor_id=svc.worker_id)
    actor = svc.workers.get_worker(worker_id=svc.worker_id) if svc.worker_id is not None else None
    data = handoff_pack.PackData(
        hand_off=hand_off,
        step=step,
        person=person,
        employer=employer,
        worker=worker,
        prepared_by=actor,
        needs=needs,
        cadence=handoff_pack.cadence_from(svc.settings.get_all()),
        printed_on=day,
    )
    tracker.at(READ_DONE)
    pdf = build_pdf(
        handoff_pack.story(data, _width()),
        remake=lambda: handoff_pack.story(data, _width()),
        setup=_setup(svc, handoff_pack.DOCUMENT),
        password=password,
        progress=tracker,
    )
    employer_name = handoff_pack.employer_name(data)
    recipient = f"{hand_off.line_manager} (line manager{', ' + employer_name if employer_name else ''})"
    if hand_off.hr_contact:
        recipient += f"; HR: {hand_off.hr_contact}"
    items = [f"{n.category.label}: {n.description}" for n in needs]

    def log() -> None:
        svc.handoffs.record_disclosure(
            person_id=hand_off.person_id,
            document=handoff_pack.DOCUMENT,
            recipient=recipient[:RECIPIENT_MAX],
            items=items,
            hand_off_id=hand_off.id,
        )

    return _write(store, path, pdf, tracker, before_replace=log)


# -- case summary ------------------------------------------------------------------------


def _sections(sections: Iterable[Section | str] | None) -> tuple[Section, ...]:
    if sections is None:
        return ALL_SECTIONS
    chosen: set[Section] = set()
    for value in sections:
        try:
            chosen.add(Section(value))
        except ValueError:
            names = ", ".join(s.value for s in Section)
            raise ValidationError({"sections": f"There is no section “{value}”. Choose from: {names}."}) from None
    if not chosen:
        raise ValidationError({"sections": "Choose at least one section to print."})
    return tuple(s for s in Section if s in chosen)


def print_case_summary(
    store: Database,
    *,
    person_id: int,
    out: Path | str,
    actor_id: int | None = None,
    sections: Iterable[Section | str] | None = None,
    recipient: str | None = None,
    password: str | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    bus: ChangeBus | None = None,
    today: date | None = None,
) -> Path:
    """Print a young person's record, the chosen sections in their usual order.

    The whole record leaving the laptop is logged like a pack (for `recipient`, default the
    case file), so a subject access request can say when and by whom it was printed.
    """
    chosen = _sections(sections)
    path = _check_output(out, password)
    tracker = Progress(progress, cancelled)
    tracker.at(0)
    svc = _services(store, actor_id, today, bus)
    person = svc.people.get_young_person(person_id=person_id)
    needed = set(chosen)
    steps = svc.pathway.list_steps(person_id=person_id) if needed & {Section.PATHWAY, Section.HAND_OFFS} else []
    tracker.at(4)
    data = case_summary.SummaryData(
        person=person,
        sections=chosen,
        workers={w.id: w for w in svc.workers.list_workers()},
        employers={e.id: e for e in svc.employers.list_employers(include_closed=True)} if steps else {},
        printed_on=svc.today(),
        steps=tuple(steps),
        check_ins=tuple(svc.checkins.list_check_ins(person_id=person_id)) if Section.CHECK_INS in needed else (),
        vetting=tuple(svc.vetting.list_vetting_checks(person_id=person_id)) if Section.VETTING in needed else (),
        needs=tuple(svc.support.list_support_needs(person_id=person_id))
        if needed & {Section.SUPPORT, Section.HAND_OFFS}
        else (),
        hand_offs=tuple(svc.handoffs.list_hand_offs(person_id=person_id)) if Section.HAND_OFFS in needed else (),
        disclosures=tuple(svc.handoffs.list_disclosures(person_id=person_id)) if Section.HAND_OFFS in needed else (),
    )
    tracker.at(READ_DONE)
    pdf = build_pdf(
        case_summary.story(data, _width()),
        remake=lambda: case_summary.story(data, _width()),
        setup=_setup(svc, case_summary.DOCUMENT),
        password=password,
        progress=tracker,
    )
    who = (recipient or "").strip() or CASE_FILE

    def log() -> None:
        svc.handoffs.record_disclosure(
            person_id=person_id,
            document=case_summary.DOCUMENT,
            recipient=who[:RECIPIENT_MAX],
            items=[f"Section: {s.label}" for s in chosen],
        )

    return _write(store, path, pdf, tracker, before_replace=log)


# -- caseload report ---------------------------------------------------------------------


def print_caseload_report(
    store: Database,
    *,
    out: Path | str,
    actor_id: int | None = None,
    overdue_list_limit: int | None = caseload_report.DEFAULT_OVERDUE_LIST,
    password: str | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    today: date | None = None,
) -> Path:
    """Print the team lead's caseload report: the whole team's open cases.

    `overdue_list_limit`: how many of the most overdue young people to list by name (None:
    all of them); the counts always cover everyone. Recorded in the audit trail, with whom
    it names, before the file takes its name.
    """
    path = _check_output(out, password)
    if overdue_list_limit is not None and overdue_list_limit < 0:
        raise ValidationError({"overdue_list_limit": "The number of people to list cannot be negative."})
    tracker = Progress(progress, cancelled)
    tracker.at(0)
    svc = _services(store, actor_id, today, None)
    rows = svc.caseload.caseload()
    tracker.at(6)
    figures = ReportDataService(store, actor_id=svc.worker_id, today=svc.today).caseload_figures()
    tracker.at(11)
    data = caseload_report.CaseloadData(
        rows=tuple(rows),
        workers={w.id: w for w in svc.workers.list_workers()},
        funnel=figures.funnel,
        employers=figures.employers,
        commitments=figures.commitments,
        printed_on=svc.today(),
        overdue_list_limit=overdue_list_limit,
    )
    tracker.at(READ_DONE)
    pdf = build_pdf(
        caseload_report.story(data, _width()),
        remake=lambda: caseload_report.story(data, _width()),
        setup=_setup(svc, caseload_report.DOCUMENT),
        password=password,
        progress=tracker,
    )
    # Whom the report names: the overdue young people it lists, most overdue first (the
    # caseload's own order), up to the limit; everyone else is only counted.
    named = [r.person_id for r in rows if r.overdue]
    if overdue_list_limit is not None:
        named = named[:overdue_list_limit]

    def log() -> None:
        svc.exports.record_caseload_report(rows=len(rows), people=named, protected=password is not None)

    return _write(store, path, pdf, tracker, before_replace=log)
