"""The hand-off pack tells the line manager how to reach the worker: phone, email, team and
hours under Keeping in touch, and the number itself where it says to call straight away."""

from __future__ import annotations

from pathlib import Path

from caseapp.reports import api
from tests.reports.conftest import all_text
from tests.services.helpers import TODAY


def print_pack(svc, case, out_dir: Path, actor_id: int | None = None) -> str:  # type: ignore[no-untyped-def]
    path = api.print_hand_off_pack(svc.store, hand_off_id=case.hand_off.id, out=out_dir / "pack.pdf",
                                   actor_id=actor_id or svc.worker_id, today=TODAY, need_ids=[case.shared.id])
    return " ".join(all_text(path).split())


def test_the_workers_details_are_printed_where_the_manager_needs_them(svc, case, out_dir) -> None:
    svc.workers.edit_worker(worker_id=svc.worker_id, phone="07700 900123", email="alex.morgan@example.org",
                            team="Leaving care EET team", hours="Monday to Thursday, 9am to 5pm")
    text = print_pack(svc, case, out_dir)
    for shown in ("07700 900123", "alex.morgan@example.org", "Leaving care EET team", "Monday to Thursday, 9am to 5pm"):
        assert shown in text
    assert "call me straight away on 07700 900123" in text


def test_with_only_an_email_the_pack_says_to_email(svc, case, out_dir) -> None:
    svc.workers.edit_worker(worker_id=svc.worker_id, email="alex.morgan@example.org")
    assert "email me straight away at alex.morgan@example.org" in print_pack(svc, case, out_dir)


def test_the_contact_is_the_young_persons_worker_unless_they_have_left(svc, case, out_dir) -> None:
    colleague = svc.workers.add_worker(name="Grace Okafor", role="employability_worker", phone="01245 000 104")
    svc.people.edit_young_person(person_id=case.person.id, worker_id=colleague.id)
    contact = api.hand_off_pack_contact(svc.store, hand_off_id=case.hand_off.id, actor_id=svc.worker_id)
    assert contact is not None and contact.id == colleague.id and contact.reachable
    assert "call me straight away on 01245 000 104" in print_pack(svc, case, out_dir)

    svc.workers.set_active(worker_id=colleague.id, active=False)
    contact = api.hand_off_pack_contact(svc.store, hand_off_id=case.hand_off.id, actor_id=svc.worker_id)
    assert contact is not None and contact.id == svc.worker_id and not contact.reachable
    (out_dir / "pack.pdf").unlink()
    text = print_pack(svc, case, out_dir)
    assert "Grace Okafor" not in text and "contact me straight away" in text
