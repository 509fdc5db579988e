"""A new caseload's own worker: added and made its owner at once, their arrival recorded as
their own, so that no audit event of a new caseload lacks a worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from caseapp.models import AuditEvent
from caseapp.models.codes import WorkerRole
from caseapp.services import audit
from caseapp.services.errors import ValidationError
from caseapp.services.workers import WorkersService, create_owned_caseload
from caseapp.store import Store
from tests.conftest import CHEAP, PASSPHRASE


def events(store: Store) -> list[AuditEvent]:
    with store.read_session() as s:
        return list(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_the_owner_records_their_own_arrival(store: Store) -> None:
    owner = WorkersService(store).add_owner(name="Ada Okoro", role="team_lead", phone="01245 000 200")
    assert WorkersService(store).owner_id() == owner.id
    assert (owner.name, owner.role, owner.phone) == ("Ada Okoro", WorkerRole.TEAM_LEAD, "01245 000 200")
    [event] = events(store)
    assert (event.entity, event.entity_id, event.worker_id) == ("worker", owner.id, owner.id)
    with store.read_session() as s:
        assert audit.first_broken_event(s) is None


def test_a_second_owner_is_refused(store: Store) -> None:
    WorkersService(store).add_owner(name="Ada Okoro", role="employability_worker")
    with pytest.raises(ValidationError) as refused:
        WorkersService(store).add_owner(name="Someone Else", role="team_lead")
    assert refused.value.problems == {"name": "This caseload already has its own worker."}
    assert len(WorkersService(store).list_workers()) == 1


def test_an_owner_is_refused_where_workers_are_on_file(store: Store) -> None:
    WorkersService(store).add_worker(name="Priya Shah", role="personal_adviser")
    with pytest.raises(ValidationError):
        WorkersService(store).add_owner(name="Ada Okoro", role="employability_worker")


def test_create_owned_caseload(tmp_path: Path) -> None:
    made = create_owned_caseload(tmp_path / "a" / "b", PASSPHRASE, name="Ada Okoro", role="personal_adviser", kdf=CHEAP)
    try:
        assert made.made_folders == (tmp_path / "a" / "b", tmp_path / "a")
        assert WorkersService(made.store).owner_id() == made.owner.id
        assert [e.worker_id for e in events(made.store)] == [made.owner.id]
        assert made.recovery_key
    finally:
        made.store.close(backup=False)


def test_refused_details_leave_nothing_on_disk(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as refused:
        create_owned_caseload(tmp_path / "new", PASSPHRASE, name="  ", role="employability_worker", kdf=CHEAP)
    assert "name" in refused.value.problems
    assert not (tmp_path / "new").exists()


def test_a_failure_after_creating_removes_the_new_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(self, **fields):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(WorkersService, "add_owner", fails)
    with pytest.raises(OSError):
        create_owned_caseload(tmp_path / "a" / "new", PASSPHRASE, name="Ada Okoro", role="team_lead", kdf=CHEAP)
    assert list(tmp_path.iterdir()) == []
