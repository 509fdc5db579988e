"""Report-test fixtures: a real store with a young person starting work, and PDF readers.

The store is a copy of the one empty encrypted template per test (`store_copy`, tests/conftest.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from caseapp.models.codes import NeedCategory
from caseapp.services.handoffs import HandOffRecord
from caseapp.services.people import PersonRecord
from caseapp.services.support import NeedRecord
from caseapp.store import Store
from tests.services.conftest import Services, services_for
from tests.services.helpers import TODAY, add_person, days_ago

MARKING = "OFFICIAL-SENSITIVE"
# Names in the scripts the pack must print: decomposed Latin on purpose (NFC must fix it).
ZOE_DECOMPOSED = "Zoe\u0308"
ZOE = "Zoë"
SEMHAR_OWN = "ሰምሃር ተኽለ"
ABDELRAHMAN_OWN = "عبد الرحمن الحسن"

SHARED = "Finds loud and crowded rooms hard at first"
WITHHELD = "Saving up for a travel pass before the first pay day"
WITHDRAWN = "Moving flat in the second week"
NEVER_CONSENTED = "Sees a counsellor on Thursdays"


@pytest.fixture
def store(store_copy: Store) -> Store:
    return store_copy


@pytest.fixture
def svc(store: Store) -> Services:
    return services_for(store)


@dataclass
class Case:
    person: PersonRecord
    hand_off: HandOffRecord
    shared: NeedRecord  # consented, chosen for the pack
    withheld: NeedRecord  # consented and in the hand-off, but the worker leaves it out
    withdrawn: NeedRecord  # in the hand-off, consent withdrawn since
    never: NeedRecord  # never consented, not in the hand-off


def make_case(svc: Any, *, given_name: str = ZOE_DECOMPOSED, own_script_name: str | None = SEMHAR_OWN) -> Case:
    employer = svc.employers.add_employer(name="Parks and Open Spaces", sector="parks and gardens")
    person = add_person(
        svc,
        given_name=given_name,
        family_name="Walker",
        own_script_name=own_script_name,
        right_to_work="unlimited",
        strengths="Reliable and kind\nGreat with animals",
    )
    step = svc.pathway.add_step(
        person_id=person.id,
        type="paid_placement",
        status="waiting_to_start",
        title="Park ranger assistant",
        employer_id=employer.id,
        offered_on=days_ago(30),
        start_date=TODAY + timedelta(days=7),
        hours_per_week=24,
        mentor="Dev Patel",
    )

    def need(category: NeedCategory, description: str, consent: bool) -> NeedRecord:
        record = svc.support.add_support_need(
            person_id=person.id, category=category, description=description, adjustments="A quiet place for breaks"
        )
        if consent:
            record = svc.support.give_consent(need_id=record.id, given_on=days_ago(10))
        return record

    shared = need(NeedCategory.MENTAL_HEALTH, SHARED, True)
    withheld = need(NeedCategory.TRANSPORT, WITHHELD, True)
    withdrawn = need(NeedCategory.HOUSING, WITHDRAWN, True)
    never = need(NeedCategory.OTHER, NEVER_CONSENTED, False)
    hand_off = svc.handoffs.build_hand_off(
        step_id=step.id,
        line_manager="Sam Okoro",
        need_ids=[shared.id, withheld.id, withdrawn.id],
        hr_contact="HR team",
        first_two_weeks=(
            "Day 1: a tour and lunch with the team. Week 1: shadowing Dev. Week 2: own tasks with check-ins."
        ),
        keep_in_touch="A call every Friday for the first month",
        if_difficult="Call the worker first",
        adjustments="Start at 10am in the first fortnight",
    )
    withdrawn = svc.support.withdraw_consent(need_id=withdrawn.id, withdrawn_on=TODAY)
    return Case(person, hand_off, shared, withheld, withdrawn, never)


@pytest.fixture
def case(svc) -> Case:  # noqa: F811
    return make_case(svc)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def read_pdf(path: Path, password: str | None = None) -> PdfReader:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    if password is not None:
        assert reader.decrypt(password)
    return reader


def page_texts(path: Path, password: str | None = None) -> list[str]:
    return [page.extract_text() or "" for page in read_pdf(path, password).pages]


def all_text(path: Path, password: str | None = None) -> str:
    return "\n".join(page_texts(path, password))


def marking_heights(page: Any, marking: str = MARKING) -> list[float]:
    """Where on the page (points from the bottom) the marking is drawn.

    The whole drawn string must be the marking: "OFFICIAL" is part of "OFFICIAL-SENSITIVE".
    """
    found: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, _size: Any) -> None:
        if text.strip() == marking:
            found.append(tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return found


def assert_every_page_marked(
    path: Path, password: str | None = None, *, printed: str = "21/11/2026", marking: str = MARKING
) -> None:
    """The marking at the top and the bottom of every page, page n of m, the date printed."""
    reader = read_pdf(path, password)
    total = len(reader.pages)
    assert total
    for number, page in enumerate(reader.pages, 1):
        height = float(page.mediabox.height)
        heights = marking_heights(page, marking)
        assert any(h > height - 20 * 2.835 for h in heights), f"page {number}: no marking at the top"
        assert any(h < 20 * 2.835 for h in heights), f"page {number}: no marking at the bottom"
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        assert f"Printed {printed}" in text
