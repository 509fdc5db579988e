"""Data for the insight screens' tests: a builder with openings, young people to match,
a demo store (`demo` in conftest.py)."""

from __future__ import annotations

from datetime import timedelta

from caseapp.services.registry import Services
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
