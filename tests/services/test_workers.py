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
