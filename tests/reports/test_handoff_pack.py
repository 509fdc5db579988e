"""The hand-off pack: only consented, chosen needs; marked pages; the disclosure log."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseapp.reports import api
from caseapp.services import audit
from caseapp.services.errors import NotFound, ValidationError
from tests.reports.conftest import (
    NEVER_CONSENTED,
    SHARED,
    WITHDRAWN,
    WITHHELD,
    ZOE,
    all_text,
    assert_every_page_marked,
    make_case,
    read_pdf,
)
from tests.services.helpers import TODAY, add_person


def print_pack(svc, case, out_dir: Path, **kw) -> Path:  # type: ignore[no-untyped-def]
    kw.setdefault("need_ids", [case.shared.id])
    return api.print_hand_off_pack(
        svc.store, hand_off_id=case.hand_off.id, out=out_dir / "pack.pdf", actor_id=svc.worker_id, today=TODAY, **kw
    )


def test_pack_holds_only_the_chosen_consented_needs(svc, case, out_dir) -> None:
    path = print_pack(svc, case, out_dir)
    text = all_text(path)
    assert SHARED in text
    for absent in (WITHHELD, WITHDRAWN, NEVER_CONSENTED):
        assert absent not in text
    assert f"{ZOE} Walker" in text
    assert "Park ranger assistant" in text and "Parks and Open Spaces" in text
    assert "Sam Okoro" in text and "Dev Patel" in text
    for heading in ("Who is starting", "The first two weeks", "Keeping in touch", "If things get difficult", "Mentor"):
        assert heading in text
    assert "Alex Morgan" in text  # the worker to contact
    assert_every_page_marked(path)
    assert 1 <= len(read_pdf(path).pages) <= 3


def test_by_default_every_need_shareable_today_is_printed(svc, case, out_dir) -> None:
    text = all_text(print_pack(svc, case, out_dir, need_ids=None))
    assert SHARED in text and WITHHELD in text
    assert WITHDRAWN not in text and NEVER_CONSENTED not in text


def test_choices_say_which_needs_can_be_ticked(svc, case) -> None:
    choices = {c.need_id: c for c in api.hand_off_pack_choices(svc.store, hand_off_id=case.hand_off.id, today=TODAY)}
    assert choices[case.shared.id].selectable and choices[case.withheld.id].selectable
    assert not choices[case.withdrawn.id].selectable
    assert choices[case.withdrawn.id].why_not == "No consent to share in force today."
    assert choices[case.never.id].why_not == "Not part of this hand-off."


def test_printing_logs_the_disclosure_in_the_persons_history(svc, case, out_dir) -> None:
    print_pack(svc, case, out_dir)
    [entry] = svc.handoffs.list_disclosures(person_id=case.person.id)
    assert entry.document == "Hand-off pack"
    assert entry.hand_off_id == case.hand_off.id
    assert entry.worker_id == svc.worker_id
    assert "Sam Okoro" in entry.recipient and "Parks and Open Spaces" in entry.recipient
    assert entry.items == (f"Mental health: {SHARED}",)
    with svc.store.read_session() as s:
        lines = audit.history(s, case.person.id)
    assert lines[0].text.startswith("Disclosure printed: Hand-off pack, for ")
    assert lines[0].who == "Alex Morgan"
    assert lines[0].changes["items"] == [None, [f"Mental health: {SHARED}"]]


@pytest.mark.parametrize("which", ["withdrawn", "never"])
def test_a_need_without_consent_is_refused_and_nothing_is_written(svc, case, out_dir, which) -> None:
    with pytest.raises(ValidationError) as info:
        print_pack(svc, case, out_dir, need_ids=[case.shared.id, getattr(case, which).id])
    message = info.value.problems["need_ids"]
    assert ("no consent" in message) if which == "withdrawn" else ("not part of this hand-off" in message)
    assert list(out_dir.iterdir()) == []
    assert svc.handoffs.list_disclosures(person_id=case.person.id) == []


def test_another_persons_need_is_refused(svc, case, out_dir) -> None:
    other = add_person(svc, given_name="Kai", family_name="Brown")
    theirs = svc.support.add_support_need(person_id=other.id, category="money", description="Debts")
    with pytest.raises(ValidationError) as info:
        print_pack(svc, case, out_dir, need_ids=[theirs.id])
    assert info.value.problems["need_ids"] == "One of the chosen needs is not this young person's."
    assert list(out_dir.iterdir()) == []


def test_a_missing_hand_off_is_not_found(svc, out_dir) -> None:
    with pytest.raises(NotFound):
        api.print_hand_off_pack(svc.store, hand_off_id=999, out=out_dir / "x.pdf", today=TODAY)
    assert list(out_dir.iterdir()) == []


def test_no_needs_chosen_still_prints_a_kind_pack(svc, case, out_dir) -> None:
    text = all_text(print_pack(svc, case, out_dir, need_ids=[]))
    assert "has not asked us to share any support needs" in text
    assert SHARED not in text
    [entry] = svc.handoffs.list_disclosures(person_id=case.person.id)
    assert entry.items == ()


def test_pack_without_a_written_plan_offers_the_usual_one(svc, out_dir) -> None:
    person = add_person(svc, right_to_work="unlimited")
    step = svc.pathway.add_step(person_id=person.id, type="job", status="accepted", offered_on=TODAY)
    hand_off = svc.handoffs.build_hand_off(step_id=step.id, line_manager="Jo Bell", need_ids=[])
    path = api.print_hand_off_pack(svc.store, hand_off_id=hand_off.id, out=out_dir / "p.pdf", today=TODAY)
    text = all_text(path)
    assert "here is the plan that usually works" in text
    assert "I will call you every week for the first four weeks, then every four weeks" in text
    assert_every_page_marked(path)


def test_progress_rises_to_the_total_and_ends_there(svc, case, out_dir) -> None:
    seen: list[tuple[int, int]] = []
    print_pack(svc, case, out_dir, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 100) and seen[-1] == (100, 100)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_unicode_names_are_printed_in_nfc(svc, out_dir) -> None:
    case = make_case(svc)
    text = all_text(print_pack(svc, case, out_dir))
    assert ZOE in text
    assert "Zoe\u0308" not in text


def test_pack_carries_strengths_adjustments_and_the_workers_contact_details(svc, case, out_dir) -> None:
    svc.workers.edit_worker(worker_id=svc.worker_id, phone="01245 000 101", email="alex.morgan@example.org")
    # A colleague covering prints it: the manager still gets the young person's own worker.
    colleague = svc.workers.add_worker(name="Grace Okafor", role="employability_worker", phone="01245 000 104")
    path = api.print_hand_off_pack(
        svc.store, hand_off_id=case.hand_off.id, out=out_dir / "pack.pdf", actor_id=colleague.id, today=TODAY
    )
    text = " ".join(all_text(path).split())
    assert f"What {ZOE} brings Reliable and kind Great with animals" in text
    assert "Adjustments we agreed • Start at 10am in the first fortnight" in text
    assert "Your contact Alex Morgan" in text
    assert "Phone 01245 000 101" in text and "Email alex.morgan@example.org" in text
    assert "01245 000 104" not in text and "Prepared by Grace Okafor" in text
