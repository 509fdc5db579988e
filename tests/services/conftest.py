"""Service-test fixtures: a fresh real store per test, and the services on a fixed day.

Each store is a copy of the one empty template (`empty_store_template` in tests/conftest.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from caseapp.services.caseload import CaseloadService
from caseapp.services.checkins import CheckInService
from caseapp.services.employers import EmployerService
from caseapp.services.handoffs import HandOffService
from caseapp.services.pathway import PathwayService
from caseapp.services.people import PeopleService
from caseapp.services.search import SearchService
from caseapp.services.settings_service import SettingsService
from caseapp.services.support import SupportService
from caseapp.services.vetting import VettingService
from caseapp.services.workers import WorkersService
from caseapp.store import Store
from tests.services.helpers import TODAY


@pytest.fixture
def store(store_copy: Store) -> Store:
    return store_copy


@dataclass
class Services:
    """Every service on one store, acting as one worker, on the fixed day TODAY."""

    store: Store
    worker_id: int
    people: PeopleService
    pathway: PathwayService
    checkins: CheckInService
    vetting: VettingService
    support: SupportService
    handoffs: HandOffService
    employers: EmployerService
    caseload: CaseloadService
    settings: SettingsService
    search: SearchService
    workers: WorkersService


def services_for(store: Store, *, today: date = TODAY, worker_name: str = "Alex Morgan") -> Services:
    clock = lambda: today  # noqa: E731
    workers = WorkersService(store, today=clock)
    worker = workers.add_worker(name=worker_name, role="employability_worker")
    kw = {"actor_id": worker.id, "today": clock}
    return Services(
        store=store,
        worker_id=worker.id,
        people=PeopleService(store, **kw),
        pathway=PathwayService(store, **kw),
        checkins=CheckInService(store, **kw),
        vetting=VettingService(store, **kw),
        support=SupportService(store, **kw),
        handoffs=HandOffService(store, **kw),
        employers=EmployerService(store, **kw),
        caseload=CaseloadService(store, **kw),
        settings=SettingsService(store, **kw),
        search=SearchService(store, **kw),
        workers=workers,
    )


@pytest.fixture
def svc(store: Store) -> Services:
    return services_for(store)
