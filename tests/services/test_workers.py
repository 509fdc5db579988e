"""Workers: the people who use caseapp, named on every audit event and check-in."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from caseapp.models import AuditEvent
from caseapp.models.codes import AuditAction, WorkerRole
from caseapp.services.errors import NotFound
from tests.services.helpers import refused


def test_add_get_edit_and_list(svc) -> None:
    pa = svc.workers.add_worker(name=" Priya Shah ", role="personal_adviser", email="priya.shah@example.org")
    assert (pa.name, pa.role) == ("Priya Shah", WorkerRole.PERSONAL_ADVISER)
    assert svc.workers.get_worker(worker_id=pa.id) == pa
    edited = svc.workers.edit_worker(worker_id=pa.id, role=WorkerRole.TEAM_LEAD, phone="01245 000 102")
    assert (edited.role, edited.phone, edited.email) == (WorkerRole.TEAM_LEAD, "01245 000 102", pa.email)
    assert svc.workers.get_worker(worker_id=pa.id) == edited
    assert [w.id for w in svc.workers.list_workers()] == [svc.worker_id, pa.id]
    with svc.store.read_session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert (last.entity, last.action, last.person_id) == ("worker", AuditAction.UPDATED, None)
    assert last.changes == {"role": ["personal_adviser", "team_lead"], "phone": [None, "01245 000 102"]}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "", "role": "team_lead"}, "name"),
        ({"name": "x" * 121, "role": "team_lead"}, "name"),
        ({"name": "Tom\x00Reid", "role": "team_lead"}, "name"),
        ({"name": "Tom Reid", "role": "manager"}, "role"),
        ({"name": "Tom Reid", "role": None}, "role"),
        ({"name": "Tom Reid", "role": "team_lead", "phone": "0" * 41}, "phone"),
    ],
)
def test_refusals_name_the_field(svc, fields, field: str) -> None:
    with refused(svc.store, field):
        svc.workers.add_worker(**fields)


def test_a_refused_edit_changes_nothing(svc) -> None:
    with refused(svc.store, "name", "role"):
        svc.workers.edit_worker(worker_id=svc.worker_id, name=" ", role="boss")
    with pytest.raises(NotFound):
        svc.workers.get_worker(worker_id=404)
    with pytest.raises(TypeError):
        svc.workers.edit_worker(worker_id=svc.worker_id, password="x")


# -- colleagues and how to reach them --------------------------------------------------------


def test_team_hours_and_contact_are_kept_and_audited(svc) -> None:
    me = svc.workers.edit_worker(
        worker_id=svc.worker_id, phone=" 07700 900123 ", email="alex.morgan@example.org",
        team="Leaving care EET team", hours="Monday to Thursday, 9 to 5",
    )
    assert (me.phone, me.team, me.hours, me.active, me.reachable) == (
        "07700 900123", "Leaving care EET team", "Monday to Thursday, 9 to 5", True, True)
    assert svc.workers.get_worker(worker_id=svc.worker_id) == me
    with svc.store.read_session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert set(last.changes) == {"phone", "email", "team", "hours"}


def test_a_worker_with_neither_phone_nor_email_cannot_be_reached(svc) -> None:
    assert svc.workers.get_worker(worker_id=svc.worker_id).reachable is False
    assert svc.workers.edit_worker(worker_id=svc.worker_id, email="a@example.org").reachable is True


@pytest.mark.parametrize(
    ("fields", "field", "sentence"),
    [
        ({"email": "alex at example.org"}, "email", "Email does not look like an email address."),
        ({"phone": "ring me"}, "phone", "Phone needs a number to ring."),
        ({"team": "t" * 121}, "team", None),
        ({"hours": "h" * 201}, "hours", None),
        ({"active": "no"}, "active", None),
    ],
)
def test_details_refused_with_a_sentence(svc, fields, field: str, sentence: str | None) -> None:
    with refused(svc.store, field) as info:
        svc.workers.edit_worker(worker_id=svc.worker_id, **fields)
    if sentence:
        assert info.value.problems[field] == sentence


def test_a_colleague_made_inactive_stays_on_file_but_is_not_offered(svc) -> None:
    pa = svc.workers.add_worker(name="Priya Shah", role="personal_adviser", phone="01245 000 102")
    assert pa.active is True
    gone = svc.workers.set_active(worker_id=pa.id, active=False)
    assert gone.active is False
    assert [w.id for w in svc.workers.list_workers()] == [svc.worker_id, pa.id]
    assert [w.id for w in svc.workers.list_workers(active_only=True)] == [svc.worker_id]
    with svc.store.read_session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert (last.entity, last.entity_id, last.changes) == ("worker", pa.id, {"active": [True, False]})
    assert svc.workers.set_active(worker_id=pa.id, active=True).active is True


def test_the_caseloads_own_worker_stays_active(svc) -> None:
    with refused(svc.store, "active") as info:
        svc.workers.set_active(worker_id=svc.worker_id, active=False)
    assert "yours" in info.value.problems["active"]


def test_young_people_are_allocated_to_active_colleagues_only(svc) -> None:
    from tests.services.helpers import add_person

    pa = svc.workers.add_worker(name="Priya Shah", role="personal_adviser")
    other = svc.workers.add_worker(name="Grace Okafor", role="employability_worker")
    sem = add_person(svc, pa_id=pa.id)
    add_person(svc, given_name="Amna", family_name="Abdalla", worker_id=pa.id, pa_id=pa.id)
    assert svc.workers.allocations() == {svc.worker_id: 1, pa.id: 2}
    assert svc.workers.allocations().get(pa.id, 0) == 2

    svc.workers.set_active(worker_id=pa.id, active=False)
    # An allocation made before they left stands, and other changes to the record save.
    kept = svc.people.edit_young_person(person_id=sem.id, phone="07700 900001")
    assert kept.pa_id == pa.id
    with refused(svc.store, "pa_id") as info:
        add_person(svc, given_name="Thảo", family_name="Nguyễn", pa_id=pa.id)
    assert info.value.problems["pa_id"] == (
        "Personal Adviser: that colleague is no longer active. Choose someone who is."
    )
    with refused(svc.store, "worker_id"):
        svc.people.edit_young_person(person_id=sem.id, worker_id=pa.id)
    moved = svc.people.edit_young_person(person_id=sem.id, pa_id=other.id)
    assert moved.pa_id == other.id
