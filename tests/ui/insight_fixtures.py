"""Data for the insight screens' tests: a builder with openings, young people to match, a demo store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from caseapp.services.demo import build_demo_caseload
from caseapp.services.registry import Services, open_services
from caseapp.store import Store
from tests.ui.record_fixtures import TODAY, days_ago


def builder(services: Services):  # type: ignore[no-untyped-def]
    return services.employers.add_employer(name="Oakwood Builders", sector="Construction")


def opening(services: Services, employer, **fields):  # type: ignore[no-untyped-def]
    values = {"type": "paid_placement", "title": "Site assistant", "closing_date": TODAY + timedelta(days=30)} | fields
    return services.employers.add_opportunity(employer_id=employer.id, **values)


def young_person(services: Services, given: str, family: str, **fields):  # type: ignore[no-untyped-def]
    values = {
        "given_name": given, "family_name": family, "date_of_birth": TODAY.replace(year=2006) - timedelta(days=40),
        "referral_date": days_ago(200), "worker_id": services.worker_id, "sectors_of_interest": ["Construction"],
        "areas_can_reach": ["Basildon"], "right_to_work": "unlimited",
    } | fields
    return services.people.add_young_person(**values)


@pytest.fixture
def demo(ui_store: Store) -> Iterator[Services]:
    """200 invented young people, a team and employers, seen by the first worker on the fixed day."""
    build_demo_caseload(ui_store, people=200, seed=7, today=TODAY)
    worker = open_services(ui_store, today=lambda: TODAY).workers.list_workers()[0]
    yield open_services(ui_store, worker_id=worker.id, today=lambda: TODAY)
