"""Where the documents break their pages: a block that belongs together (the worker's contact
details, a support need with what helps, a hand-off) is on one page, a heading is never the
last thing on a page, and no document ends on a page that holds only a line or a bullet.

Checked on real PDFs read back, with the content grown a line at a time through more than a
whole page of text, so that at some size each block lands exactly on a page break. Each sweep
also checks that it did reach the break, so it cannot pass by never getting there.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from caseapp.reports import api, case_summary, handoff_pack, page
from caseapp.reports.progress import Progress
from caseapp.reports.sections import Section
from caseapp.store import Store
from tests.conftest import PASSPHRASE
from tests.reports.conftest import MARKING, all_text, make_case
from tests.services.conftest import services_for
from tests.services.helpers import TODAY, at, days_ago

# A line of the pack's strengths is 20 points; 38 of them are more than a page of text (728).
PACK_SIZES = range(38)
# A check-in row of the case summary is 18 points; 42 of them are more than a page.
SUMMARY_SIZES = range(42)
# A last page this full or fuller is not a stray: a short closing paragraph with two bullets.
MIN_LAST_LINES = 4

PHONE = "07700 900123"
HOURS = "Monday to Thursday, 9am to 5pm"
CLOSING = "can change their mind about what is shared"
CONTACT = ("Please get in touch at any time", "Your contact", f"Phone {PHONE}", HOURS)
LAST_BULLETS = ("Please call me before any formal step", "If you are worried that")
# Each need with what helps, long enough to wrap: a block of five or six lines.
NEEDS = {
    "Mental health": (
        "Finds loud and crowded rooms hard at first",
        "A quiet place for breaks, a desk away from the door, and a word before any change to the day's plan.",
    ),
    "Transport and travel costs": (
        "Saving up for a travel pass before the first pay day",
        "An advance on travel costs for the first month, or a later start on days the cheaper fares apply.",
    ),
}


def body_lines(text: str, label: str) -> list[str]:
    """A page's lines without what every page carries: marking, document, date, page number."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line in (MARKING, label) or line.startswith(("Printed ", "Page ")):
            continue
        out.append(line)
    return out


def read_pages(pdf: bytes, label: str) -> list[list[str]]:
    return [body_lines(p.extract_text() or "", label) for p in PdfReader(io.BytesIO(pdf)).pages]


def page_of(pages: list[list[str]], words: str) -> int:
    """The (1-based) page on which `words` start; every test text here occurs once."""
    found = [n for n, lines in enumerate(pages, 1) if words in " ".join(lines)]
    assert len(found) == 1, f"{words!r} found on pages {found}"
    return found[0]


def laid_out(story: Callable[[], list], label: str) -> list[list[str]]:
    """A document built as printing builds it, read back page by page."""
    setup = page.PageSetup(marking=MARKING, printed_on=TODAY, document_label=label)
    return read_pages(page.build_pdf(story(), setup=setup, password=None, progress=Progress(), remake=story), label)


# -- one young person, read once for the module ------------------------------------------


def make_sized_case(svc: Any) -> Any:
    """The report tests' young person, with a reachable worker and needs long enough to wrap."""
    svc.workers.edit_worker(worker_id=svc.worker_id, phone=PHONE, email="alex.morgan@example.org",
                            team="Leaving care EET team", hours=HOURS)
    case = make_case(svc)
    for need in (case.shared, case.withheld):
        description, helps = NEEDS[need.category.label]
        svc.support.edit_support_need(need_id=need.id, description=description, adjustments=helps)
    return case


@pytest.fixture(scope="module")
def world(empty_store_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    folder = tmp_path_factory.mktemp("page-breaks") / "store"
    shutil.copytree(empty_store_template, folder)
    store = Store(folder)
    store.unlock(PASSPHRASE)
    svc = services_for(store)
    case = make_sized_case(svc)
    for n in range(max(SUMMARY_SIZES)):
        svc.checkins.record_check_in(person_id=case.person.id, happened_at=at(days_ago(60 - n)), method="phone",
                                     outcome="spoke", note=f"Check-in {n}: a short word.")
    yield svc, case
    store.close(backup=False)


def pack_data(svc: Any, case: Any) -> handoff_pack.PackData:
    hand_off = svc.handoffs.get_hand_off(hand_off_id=case.hand_off.id)
    step = svc.pathway.get_step(step_id=hand_off.step_id)
    chosen = (case.shared.id, case.withheld.id)
    needs = tuple(n for n in svc.support.list_support_needs(person_id=hand_off.person_id) if n.id in chosen)
    worker = svc.workers.get_worker(worker_id=svc.worker_id)
    # As printing makes it: the worker is both the manager's contact and who prepared it.
    return handoff_pack.PackData(
        hand_off=hand_off,
        step=step,
        person=svc.people.get_young_person(person_id=hand_off.person_id),
        employer=svc.employers.get_employer(employer_id=step.employer_id),
        worker=worker,
        prepared_by=worker,
        needs=needs,
        cadence=handoff_pack.cadence_from(svc.settings.get_all()),
        printed_on=TODAY,
    )


def packs(world: Any) -> dict[int, list[list[str]]]:
    """The hand-off pack, read back, with one line of strengths and more, pushing all after them down."""
    data = pack_data(*world)
    out = {}
    for size in PACK_SIZES:
        strengths = "\n".join(f"Strength {k}: steady, kind and on time" for k in range(size + 1))
        sized = dataclasses.replace(data, hand_off=dataclasses.replace(data.hand_off, strengths=strengths))
        out[size] = laid_out(lambda d=sized: handoff_pack.story(d, api._width()), "Hand-off pack")
    return out


@pytest.fixture(scope="module")
def pack_sweep(world: Any) -> dict[int, list[list[str]]]:
    return packs(world)


@pytest.fixture(scope="module")
def pack_sweep_laid_out_once(world: Any) -> dict[int, list[list[str]]]:
    """The same packs with nothing pulled over to the last page."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page, "MIN_LAST_PAGE", 0)
        return packs(world)


PACK_HEADINGS = (
    "Who is starting", "What Zoë brings", "Support Zoë has agreed to share", *NEEDS, "Adjustments we agreed",
    "The first two weeks", "Mentor", "Dev Patel", "Keeping in touch", "If things get difficult", "What usually helps",
)


def test_the_workers_contact_details_are_on_one_page(pack_sweep) -> None:
    landed = set()
    for size, pages in pack_sweep.items():
        where = {page_of(pages, w) for w in CONTACT}
        assert len(where) == 1, f"{size} lines of strengths: the contact details are split over pages {where}"
        landed |= where
    assert len(landed) > 1, "the sweep never moved the contact details over a page break"


def test_each_support_need_is_on_one_page_with_what_helps(pack_sweep) -> None:
    landed = set()
    for size, pages in pack_sweep.items():
        for category, (description, helps) in NEEDS.items():
            where = {page_of(pages, category), page_of(pages, description), page_of(pages, helps[:40]),
                     page_of(pages, helps[-30:])}
            assert len(where) == 1, f"{size} lines of strengths: {category} is split over pages {where}"
            landed |= {(category, *where)}
    assert len(landed) > len(NEEDS), "the sweep never moved a support need over a page break"


def test_no_heading_is_the_last_thing_on_a_page(pack_sweep) -> None:
    for size, pages in pack_sweep.items():
        for number, lines in enumerate(pages[:-1], 1):
            assert lines[-1] not in PACK_HEADINGS, f"{size} lines of strengths: page {number} ends on {lines[-1]!r}"


def test_a_pack_never_ends_on_a_page_holding_only_a_line_or_a_bullet(pack_sweep) -> None:
    lengths = set()
    for size, pages in pack_sweep.items():
        lengths.add(len(pages))
        if len(pages) == 1:
            continue
        last = len(pages)
        assert len(pages[-1]) >= MIN_LAST_LINES, f"{size} lines of strengths: the last page holds only {pages[-1]}"
        # The closing note stays with the last two of what usually helps.
        assert {page_of(pages, CLOSING), *(page_of(pages, b) for b in LAST_BULLETS)} == {last}, size
    assert len(lengths) > 1, "the sweep never reached the end of a page"


def stray_endings(sweep: dict[int, list[list[str]]]) -> list[int]:
    """The sizes whose last page holds only the closing note, or one bullet."""
    return [size for size, pages in sweep.items() if len(pages) > 1 and len(pages[-1]) < MIN_LAST_LINES]


def test_laid_out_once_some_of_these_packs_would_end_on_a_stray_line(pack_sweep_laid_out_once) -> None:
    """The sweep above does land on the edge: with nothing pulled over, some of its sizes
    leave the closing note alone on the last page."""
    assert stray_endings(pack_sweep_laid_out_once)


def test_a_printed_pack_on_the_edge_keeps_its_ending_together(svc, out_dir, pack_sweep_laid_out_once) -> None:
    """The same through printing and the saved file, at a size that lands on the edge."""
    case = make_sized_case(svc)
    edge = stray_endings(pack_sweep_laid_out_once)[0]
    strengths = "\n".join(f"Strength {k}: steady, kind and on time" for k in range(edge + 1))
    svc.handoffs.edit_hand_off(hand_off_id=case.hand_off.id, strengths=strengths)
    path = api.print_hand_off_pack(svc.store, hand_off_id=case.hand_off.id, out=out_dir / "pack.pdf",
                                   actor_id=svc.worker_id, today=TODAY, need_ids=[case.shared.id, case.withheld.id])
    pages = read_pages(path.read_bytes(), "Hand-off pack")
    assert pages[:-2] == pack_sweep_laid_out_once[edge][:-2]  # pages before the last two are as laid out once
    assert len(pages) > 1 and len(pages[-1]) >= MIN_LAST_LINES, pages[-1]
    assert {page_of(pages, CLOSING), *(page_of(pages, b) for b in LAST_BULLETS)} == {len(pages)}


# -- the case summary ----------------------------------------------------------------------


def summaries(world: Any) -> dict[int, list[list[str]]]:
    """Check-ins, support and hand-offs, with 0 to 41 check-ins pushing the rest down."""
    svc, case = world
    person = svc.people.get_young_person(person_id=case.person.id)
    check_ins = svc.checkins.list_check_ins(person_id=person.id)
    base = case_summary.SummaryData(
        person=person,
        sections=(Section.CHECK_INS, Section.SUPPORT, Section.HAND_OFFS),
        workers={w.id: w for w in svc.workers.list_workers()},
        employers={e.id: e for e in svc.employers.list_employers(include_closed=True)},
        printed_on=TODAY,
        steps=tuple(svc.pathway.list_steps(person_id=person.id)),
        needs=tuple(svc.support.list_support_needs(person_id=person.id)),
        hand_offs=tuple(svc.handoffs.list_hand_offs(person_id=person.id)),
    )
    out = {}
    for size in SUMMARY_SIZES:
        data = dataclasses.replace(base, check_ins=tuple(check_ins[:size]))
        out[size] = laid_out(lambda d=data: case_summary.story(d, api._width()), "Case summary")
    return out


HAND_OFF = ("Park ranger assistant, built", "Line manager", "Call the worker first")
SUMMARY_HEADINGS = ("Check-ins", "Support and consent", "Hand-offs and disclosures", "Disclosure log", *NEEDS)


def test_the_case_summary_keeps_its_blocks_and_its_ending_together(world) -> None:
    landed = set()
    lengths = set()
    for size, pages in summaries(world).items():
        lengths.add(len(pages))
        hand_off = {page_of(pages, w) for w in HAND_OFF}
        assert len(hand_off) == 1, f"{size} check-ins: the hand-off is split over pages {hand_off}"
        landed |= hand_off
        for category, (description, helps) in NEEDS.items():
            need = {page_of(pages, category + " " + description[:10]), page_of(pages, helps[-30:])}
            assert len(need) == 1, f"{size} check-ins: {category} is split over pages {need}"
        for number, lines in enumerate(pages[:-1], 1):
            assert lines[-1] not in SUMMARY_HEADINGS, f"{size} check-ins: page {number} ends on {lines[-1]!r}"
            assert not lines[-1].startswith(("Paid placement", f"{size} check-ins")), f"{size}: page {number}"
        if len(pages) > 1:
            assert len(pages[-1]) >= MIN_LAST_LINES, f"{size} check-ins: the last page holds only {pages[-1]}"
    assert len(landed) > 1 and len(lengths) > 1, "the sweep never moved the hand-off over a page break"


# -- the first fortnight, when the worker wrote no plan ----------------------------------


def print_pack_text(svc: Any, case: Any, out: Path) -> str:
    path = api.print_hand_off_pack(svc.store, hand_off_id=case.hand_off.id, out=out, actor_id=svc.worker_id,
                                   today=TODAY, need_ids=[case.shared.id])
    return " ".join(all_text(path).split())


def test_a_default_plan_without_a_mentor_speaks_of_none(svc, out_dir) -> None:
    case = make_case(svc)
    svc.handoffs.edit_hand_off(hand_off_id=case.hand_off.id, first_two_weeks=None, mentor=None)
    svc.pathway.edit_step(step_id=case.hand_off.step_id, mentor=None)
    text = print_pack_text(svc, case, out_dir / "pack.pdf")
    assert "here is the plan that usually works" in text
    assert "an introduction to the team and the people to go to with questions" in text
    assert "mentor" not in text.casefold()


def test_a_default_plan_introduces_the_mentor_named_on_the_hand_off(svc, out_dir) -> None:
    case = make_case(svc)
    svc.handoffs.edit_hand_off(hand_off_id=case.hand_off.id, first_two_weeks=None, mentor="Priya Shah")
    text = print_pack_text(svc, case, out_dir / "pack.pdf")
    assert "here is the plan that usually works" in text
    assert "an introduction to the team and Priya Shah, the mentor." in text


def test_the_default_plan_words_alone_never_say_mentor_without_one() -> None:
    assert not [line for line in handoff_pack.default_plan("Zoë", None) if "mentor" in line.casefold()]
    assert any("Dev Patel" in line for line in handoff_pack.default_plan("Zoë", "Dev Patel"))
