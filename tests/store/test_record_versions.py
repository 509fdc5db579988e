"""Two people at once: a save based on an older version of a record than the one stored is
refused with who changed it and when, and what was typed is handed back; on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm.exc import StaleDataError

from caseapp.models import AuditEvent, Employer
from caseapp.services.base import ChangedMeanwhile
from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services, open_services
from caseapp.store import Database, TeamServer
from tests.pg_server import pg_cluster  # noqa: F401 - fixture
from tests.reports.conftest import make_case
from tests.store.test_team_server import (  # noqa: F401 - fixtures
    TODAY,
    add_person,
    database,
    schema_template,
    server,
    server_url,
    services_on,
)


@pytest.fixture
def two_clients(database: Database) -> Iterator[tuple[Services, Services]]:  # noqa: F811
    """Alex and Priya. On a team server each has a connection of their own; the local store
    is one process, so they share it, each call in its own session as ever."""
    alex = services_on(database)
    priya_id = alex.workers.add_worker(name="Priya Shah", role="personal_adviser").id
    other: Database = database
    if isinstance(database, TeamServer):
        other = TeamServer(database.url)
        other.unlock()
    yield alex, open_services(other, worker_id=priya_id, today=lambda: TODAY)
    if other is not database:
        other.close()


def audit_count(db: Database) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def test_a_save_based_on_an_older_version_is_refused_and_hands_back_what_was_typed(
    two_clients: tuple[Services, Services],
) -> None:
    alex, priya = two_clients
    made = alex.employers.add_employer(name="Harbour Logistics", sector="Warehousing")
    assert made.version == 1
    alex_form = alex.employers.get_employer(employer_id=made.id)
    priya_form = priya.employers.get_employer(employer_id=made.id)

    saved = priya.employers.edit_employer(employer_id=made.id, based_on=priya_form.version,
                                          notes="Tour booked for March.")
    assert saved.version == 2
    events = audit_count(alex.store)

    typed = {"notes": "Offers a forklift taster.", "contact_name": "Dee Hart"}
    with pytest.raises(ChangedMeanwhile) as info:
        alex.employers.edit_employer(employer_id=made.id, based_on=alex_form.version, **typed)
    clash = info.value
    assert isinstance(clash, ValidationError)
    assert clash.attempted == typed
    assert clash.changed_by == "Priya Shah" and clash.changed_at is not None
    sentence = clash.problems["version"]
    assert "changed by Priya Shah at " in sentence and "not saved" in sentence
    # Nothing of Alex's went in, and Priya's change stands.
    now = alex.employers.get_employer(employer_id=made.id)
    assert (now.notes, now.contact_name, now.version) == ("Tour booked for March.", None, 2)
    assert audit_count(alex.store) == events

    # Looked again, Alex saves on top of the version now stored.
    again = alex.employers.edit_employer(employer_id=made.id, based_on=now.version, **typed)
    assert (again.notes, again.contact_name, again.version) == ("Offers a forklift taster.", "Dee Hart", 3)


def test_the_version_is_checked_by_the_update_itself(two_clients: tuple[Services, Services]) -> None:
    """Writers queue, so the services never meet a stale row in a session; a writer that goes
    round them (psql, another program) is still caught by the UPDATE's WHERE version = ..."""
    alex, _priya = two_clients
    made = alex.employers.add_employer(name="Harbour Logistics")
    with pytest.raises(StaleDataError), alex.store.session() as w:
        row = w.get(Employer, made.id)
        assert row is not None and row.version == 1
        w.execute(text("UPDATE employer SET notes = 'Changed by hand.', version = version + 1 WHERE id = :id"),
                  {"id": made.id})
        row.notes = "Overwrites?"
        w.flush()
    assert alex.employers.get_employer(employer_id=made.id).notes is None  # rolled back whole


def test_a_check_in_and_a_step_refuse_an_edit_based_on_an_older_version(two_clients: tuple[Services, Services]) -> None:
    alex, priya = two_clients
    person = add_person(alex)
    made = alex.checkins.record_check_in(person_id=person.id, happened_at=datetime(2026, 11, 20, 10),
                                         method="phone", outcome="spoke", note="Talked about the course.")
    priya.checkins.edit_check_in(check_in_id=made.id, based_on=made.version, actions="Priya books the taster.")
    with pytest.raises(ChangedMeanwhile) as info:
        alex.checkins.edit_check_in(check_in_id=made.id, based_on=made.version, note="Alex's fuller note.")
    assert info.value.attempted == {"note": "Alex's fuller note."}
    assert info.value.changed_by == "Priya Shah"
    kept = alex.checkins.list_check_ins(person_id=person.id)[0]
    assert (kept.note, kept.actions, kept.version) == ("Talked about the course.", "Priya books the taster.", 2)

    step = alex.pathway.add_step(person_id=person.id, type="cv_support", title="CV session")
    priya.pathway.edit_step(step_id=step.id, based_on=step.version, mentor="Jo Bloggs")
    with pytest.raises(ChangedMeanwhile) as stepped:
        alex.pathway.edit_step(step_id=step.id, based_on=step.version, title="CV and cover letter")
    assert stepped.value.attempted == {"title": "CV and cover letter"}
    now = alex.pathway.get_step(step_id=step.id)
    assert (now.title, now.mentor, now.version) == ("CV session", "Jo Bloggs", 2)


def test_support_needs_hand_offs_and_vetting_refuse_an_edit_based_on_an_older_version(
    two_clients: tuple[Services, Services],
) -> None:
    alex, priya = two_clients
    case = make_case(alex)
    need = case.never
    priya.support.edit_support_need(need_id=need.id, based_on=need.version, adjustments="Breaks when needed")
    with pytest.raises(ChangedMeanwhile) as info:
        alex.support.edit_support_need(need_id=need.id, based_on=need.version, description="Sees a counsellor")
    assert info.value.attempted == {"description": "Sees a counsellor"}

    hand_off = case.hand_off
    priya.handoffs.edit_hand_off(hand_off_id=hand_off.id, based_on=hand_off.version, mentor="Dev Patel")
    with pytest.raises(ChangedMeanwhile):
        alex.handoffs.edit_hand_off(hand_off_id=hand_off.id, based_on=hand_off.version, keep_in_touch="Weekly")
    kept = alex.handoffs.get_hand_off(hand_off_id=hand_off.id)
    assert kept.keep_in_touch == "A call every Friday for the first month"

    check = alex.vetting.add_vetting_check(person_id=case.person.id, need="references", outcome="pending")
    priya.vetting.edit_vetting_check(check_id=check.id, based_on=check.version, blocker="No referees")
    with pytest.raises(ChangedMeanwhile) as vetted:
        alex.vetting.edit_vetting_check(check_id=check.id, based_on=check.version, alternative="A PA reference")
    assert vetted.value.changed_by == "Priya Shah"


def test_a_young_persons_profile_refuses_an_edit_based_on_an_older_version(
    two_clients: tuple[Services, Services],
) -> None:
    alex, priya = two_clients
    person = add_person(alex)
    priya.people.edit_young_person(person_id=person.id, based_on=person.version, phone="07700 900111")
    typed = {"aspirations": "Wants to train as an electrician."}
    with pytest.raises(ChangedMeanwhile) as info:
        alex.people.edit_young_person(person_id=person.id, based_on=person.version, **typed)
    assert info.value.attempted == typed
    assert info.value.changed_by == "Priya Shah"
    now = alex.people.get_young_person(person_id=person.id)
    assert (now.phone, now.aspirations, now.version) == ("07700 900111", person.aspirations, person.version + 1)
    again = alex.people.edit_young_person(person_id=person.id, based_on=now.version, **typed)
    assert again.aspirations == typed["aspirations"]
