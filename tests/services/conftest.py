"""Service-test fixtures: a fresh real store per test, and the services on a fixed day.

Creating a store runs every migration (~0.4 s); copying an empty store made once per session
and unlocking the copy takes ~0.03 s, and is still a real, empty, encrypted store at head.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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
from tests.conftest import CHEAP, PASSPHRASE
from tests.services.helpers import TODAY


@pytest.fixture(scope="session")
def empty_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "store"
    created, _recovery = Store.create(folder, PASSPHRASE, kdf=CHEAP)
    created.close(backup=False)  # checkpointed: the copy needs no WAL
    (folder / "caseload.lock").unlink(missing_ok=True)
    return folder


@pytest.fixture
def store(empty_store_template: Path, store_dir: Path) -> Iterator[Store]:
    shutil.copytree(empty_store_template, store_dir)
    opened = Store(store_dir)
    opened.unlock(PASSPHRASE)
    yield opened
    opened.close(backup=False)


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
