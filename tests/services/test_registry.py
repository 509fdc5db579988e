"""The store's owner worker, and every service opened on one store as that worker."""

from __future__ import annotations

import pytest

from caseapp.services.errors import NotFound
from caseapp.services.registry import open_services
from caseapp.services.workers import WorkersService


def test_owner_is_none_in_an_empty_store(store) -> None:
    assert WorkersService(store).owner_id() is None
    assert open_services(store).worker_id is None


def test_without_an_owner_the_first_worker_acts(store) -> None:
    workers = WorkersService(store)
    first = workers.add_worker(name="Sam Okafor", role="employability_worker")
    workers.add_worker(name="Jo Bell", role="personal_adviser")
    assert workers.owner_id() == first.id


def test_the_owner_acts_in_every_service(store) -> None:
    workers = WorkersService(store)
    workers.add_worker(name="Sam Okafor", role="employability_worker")
    second = workers.add_worker(name="Jo Bell", role="personal_adviser")
    workers.set_owner(worker_id=second.id)
    services = open_services(store)
    assert services.worker_id == second.id
    assert services.people.actor_id == second.id and services.caseload.actor_id == second.id
    # One bus: a write through any service reaches a listener on the shared bus.
    seen = []
    services.bus.subscribe(seen.append)
    services.workers.add_worker(name="Ali Hassan", role="personal_adviser")
    assert [c.entity for c in seen] == ["worker"]


def test_owner_must_be_a_worker(store) -> None:
    with pytest.raises(NotFound):
        WorkersService(store).set_owner(worker_id=99)


def test_drafts_come_back_once(store) -> None:
    drafts = open_services(store).drafts
    drafts.keep_drafts({"person/1/check-ins/note": "Said she'd ring Tuesday", "person/1/check-ins/actions": "  "})
    assert drafts.take_drafts() == {"person/1/check-ins/note": "Said she'd ring Tuesday"}
    assert drafts.take_drafts() == {}


def test_keeping_drafts_replaces_the_old_ones(store) -> None:
    drafts = open_services(store).drafts
    drafts.keep_drafts({"a": "one"})
    drafts.keep_drafts({"b": "two"})
    assert drafts.take_drafts() == {"b": "two"}
