"""Every service on one open database (the local store or the team server), acting as one
worker: what the UI is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from caseapp.services.caseload import CaseloadService
from caseapp.services.checkins import CheckInService
from caseapp.services.commitments import CommitmentService
from caseapp.services.dashboard import DashboardService
from caseapp.services.drafts import DraftService
from caseapp.services.employers import EmployerService
from caseapp.services.events import ChangeBus
from caseapp.services.exports import ExportService
from caseapp.services.handoffs import HandOffService
from caseapp.services.matching import MatchingService
from caseapp.services.oc3 import Oc3Service
from caseapp.services.pathway import PathwayService
from caseapp.services.people import PeopleService
from caseapp.services.search import SearchService
from caseapp.services.settings_service import SettingsService
from caseapp.services.support import SupportService
from caseapp.services.vetting import VettingService
from caseapp.services.workers import WorkersService
from caseapp.store import Database


@dataclass(frozen=True)
class Services:
    store: Database
    bus: ChangeBus
    worker_id: int | None
    people: PeopleService
    workers: WorkersService
    pathway: PathwayService
    checkins: CheckInService
    vetting: VettingService
    support: SupportService
    handoffs: HandOffService
    employers: EmployerService
    settings: SettingsService
    caseload: CaseloadService
    search: SearchService
    drafts: DraftService
    dashboard: DashboardService
    matching: MatchingService
    commitments: CommitmentService
    oc3: Oc3Service
    exports: ExportService
    today: Callable[[], date] = field(default=date.today)


def open_services(
    store: Database,
    *,
    worker_id: int | None = None,
    bus: ChangeBus | None = None,
    today: Callable[[], date] = date.today,
) -> Services:
    """All services sharing one change bus; the acting worker defaults to the store's owner."""
    bus = bus or ChangeBus()
    if worker_id is None:
        worker_id = WorkersService(store, bus).owner_id()

    def make(cls):
        return cls(store, bus, actor_id=worker_id, today=today)

    return Services(
        store=store,
        bus=bus,
        worker_id=worker_id,
        people=make(PeopleService),
        workers=make(WorkersService),
        pathway=make(PathwayService),
        checkins=make(CheckInService),
        vetting=make(VettingService),
        support=make(SupportService),
        handoffs=make(HandOffService),
        employers=make(EmployerService),
        settings=make(SettingsService),
        caseload=make(CaseloadService),
        search=make(SearchService),
        drafts=make(DraftService),
        dashboard=make(DashboardService),
        matching=make(MatchingService),
        commitments=make(CommitmentService),
        oc3=make(Oc3Service),
        exports=make(ExportService),
        today=today,
    )
