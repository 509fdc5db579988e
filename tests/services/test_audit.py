"""The audit trail: an event per write, in the write's transaction, field by field, hash-chained."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from caseapp.models import AuditEvent, Base
from caseapp.models.codes import AuditAction
from caseapp.services import audit, history_words, summary
from tests.services.helpers import TODAY, add_person, at, audit_max_id, days_ago, state

# Tables whose rows are derived or are the trail itself: no event of their own.
# A draft is not part of the record until it is saved through its own (audited) service.
# The folders saved in are bookkeeping for tidying up; the save itself is audited.
NOT_AUDITED = {"audit_event", "search_token", "caseload_summary", "setting", "draft", "output_folder"}


def a_busy_caseload(svc) -> int:
    """One of every kind of write; returns the young person's id."""
    person = add_person(svc, own_script_name="ሰምሃር ተኽለ")
    svc.people.edit_young_person(person_id=person.id, phone="07700 900001", strengths="Reliable")
    svc.people.set_eet_status(person_id=person.id, status="G5", start_date=days_ago(200))
    svc.people.set_eet_status(person_id=person.id, status="F5", start_date=days_ago(20))
    svc.people.set_accommodation(person_id=person.id, type="E", suitable=True, start_date=days_ago(300))
    employer = svc.employers.add_employer(name="Parks and Open Spaces")
    opportunity = svc.employers.add_opportunity(employer_id=employer.id, type="job", title="Gardener")
    svc.employers.add_commitment(employer_id=employer.id, measure="Jobs for care leavers", pledged=2,
                                 period_start=date(2026, 4, 1), period_end=date(2027, 3, 31))
    step = svc.pathway.add_step(person_id=person.id, type="job", opportunity_id=opportunity.id, offered_on=days_ago(40))
    svc.pathway.move_step(step_id=step.id, status="in_progress", on=days_ago(35))
    check = svc.pathway.get_step(step_id=step.id).sustainment_checks[0]
    svc.pathway.record_sustainment_check(check_id=check.id, sustained=True, checked_on=days_ago(6))
    svc.vetting.add_vetting_check(person_id=person.id, step_id=step.id, need="identity", outcome="alternative_accepted",
                                  alternative="Council letter", approved_by="Safeguarding lead",
                                  decided_on=days_ago(45))
    need = svc.support.add_support_need(person_id=person.id, category="transport", description="Travel costs")
    svc.support.give_consent(need_id=need.id, given_on=days_ago(50))
    pack = svc.handoffs.build_hand_off(
        step_id=step.id, line_manager="Dana Hill", need_ids=[need.id], built_on=days_ago(40)
    )
    svc.handoffs.record_disclosure(person_id=person.id, document="Hand-off pack", recipient="Dana Hill",
                                   items=["Travel costs"], hand_off_id=pack.id)
    svc.support.withdraw_consent(need_id=need.id, withdrawn_on=days_ago(2))
    first = svc.checkins.record_check_in(
        person_id=person.id, happened_at=at(days_ago(9)), method="phone", outcome="spoke"
    )
    svc.checkins.edit_check_in(check_in_id=first.id, note="Talked about the first pay day")
    svc.settings.set_setting(key="cadence.default_days", value=21)
    svc.people.close_case(person_id=person.id, closed_on=days_ago(1), reason="Settled in work")
    return person.id


def test_every_write_appends_an_event(svc) -> None:
    person = add_person(svc)
    writes = [
        lambda: svc.people.edit_young_person(person_id=person.id, phone="07700 900001"),
        lambda: svc.people.set_eet_status(person_id=person.id, status="G5", start_date=days_ago(5)),
        lambda: svc.checkins.record_check_in(
            person_id=person.id, happened_at=at(days_ago(1)), method="phone", outcome="spoke"
        ),
        lambda: svc.settings.set_setting(key="cadence.waiting_days", value=10),
        lambda: svc.employers.add_employer(name="Harbour Hotel"),
        lambda: svc.people.close_case(person_id=person.id, closed_on=days_ago(1), reason="Moved away"),
        lambda: svc.people.reopen_case(person_id=person.id),
    ]
    for write in writes:
        before = audit_max_id(svc.store)
        write()
        assert audit_max_id(svc.store) > before


def test_every_row_written_has_its_created_event(svc) -> None:
    a_busy_caseload(svc)
    with svc.store.read_session() as s:
        created = {
            (e.entity, e.entity_id)
            # A disclosure is born printed: its first event says so.
            for e in s.scalars(
                select(AuditEvent).where(AuditEvent.action.in_([AuditAction.CREATED, AuditAction.PRINTED]))
            )
        }
        for table in Base.metadata.sorted_tables:
            if table.name in NOT_AUDITED:
                continue
            ids = s.execute(select(table.c.id)).scalars().all()
            missing = [i for i in ids if (table.name, i) not in created]
            assert missing == [], f"{table.name} rows without a created event: {missing}"
        setting = s.scalars(select(AuditEvent).where(AuditEvent.entity == "setting")).one()
        assert setting.changes == {"cadence.default_days": [28, 21]}


def test_an_edit_records_each_changed_field_before_and_after(svc) -> None:
    person = add_person(svc, phone="07700 900001", strengths="Reliable", sectors_of_interest=["retail"],
                        right_to_work="not_checked", right_to_work_checked_on=None)
    svc.people.edit_young_person(
        person_id=person.id, phone="07700 900002", strengths="Reliable",  # unchanged: not recorded
        sectors_of_interest=["retail", "animal care"], right_to_work="unlimited", right_to_work_checked_on=days_ago(3),
    )
    with svc.store.read_session() as s:
        edit = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert (edit.entity, edit.entity_id, edit.person_id, edit.action, edit.worker_id) == (
        "young_person", person.id, person.id, AuditAction.UPDATED, svc.worker_id
    )
    assert edit.changes == {
        "phone": ["07700 900001", "07700 900002"],
        "right_to_work": ["not_checked", "unlimited"],
        "right_to_work_checked_on": [None, days_ago(3).isoformat()],
        "sectors_of_interest": [["retail"], ["retail", "animal care"]],
    }


def test_the_event_is_in_the_same_transaction_as_the_write(svc, monkeypatch) -> None:
    # Fail the write after its row and its event were flushed: both must vanish together.
    person = add_person(svc)
    before = state(svc.store)

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(summary, "refresh", broken)
    with pytest.raises(RuntimeError):
        svc.people.edit_young_person(person_id=person.id, phone="07700 900009")
    with pytest.raises(RuntimeError):
        svc.checkins.record_check_in(person_id=person.id, happened_at=at(days_ago(1)), method="phone", outcome="spoke")
    assert state(svc.store) == before


# -- the hash chain -----------------------------------------------------------------------


def first_broken(store) -> int | None:
    with store.read_session() as s:
        return audit.first_broken_event(s)


def test_an_intact_chain_verifies(svc) -> None:
    a_busy_caseload(svc)
    assert audit_max_id(svc.store) > 20
    assert first_broken(svc.store) is None


def test_an_empty_chain_verifies(store) -> None:
    assert first_broken(store) is None


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_event SET changes = '{\"phone\": [null, \"07700 900666\"]}' WHERE id = :k",
        "UPDATE audit_event SET worker_id = NULL WHERE id = :k",
        "UPDATE audit_event SET at = '2020-01-01 00:00:00.000000' WHERE id = :k",
        "UPDATE audit_event SET hash = prev_hash WHERE id = :k",
    ],
)
def test_tampering_with_one_event_is_found_at_that_event(svc, tamper: str) -> None:
    a_busy_caseload(svc)
    k = audit_max_id(svc.store) // 2
    with svc.store.session() as s:
        s.execute(text(tamper), {"k": k})
    assert first_broken(svc.store) == k


def test_tampering_with_the_last_event_is_found(svc) -> None:
    a_busy_caseload(svc)
    k = audit_max_id(svc.store)
    with svc.store.session() as s:
        s.execute(text("UPDATE audit_event SET changes = '{}' WHERE id = :k"), {"k": k})
    assert first_broken(svc.store) == k


def test_deleting_an_event_in_the_middle_is_found_at_the_next(svc) -> None:
    a_busy_caseload(svc)
    k = audit_max_id(svc.store) // 2
    with svc.store.session() as s:
        s.execute(text("DELETE FROM audit_event WHERE id = :k"), {"k": k})
    assert first_broken(svc.store) == k + 1


def test_rehashing_one_event_still_breaks_at_the_next(svc) -> None:
    # Someone who recomputes the tampered event's own hash breaks the link to the next one.
    a_busy_caseload(svc)
    k = audit_max_id(svc.store) // 2
    with svc.store.session() as s:
        event = s.get(AuditEvent, k)
        event.changes = {"note": [None, "rewritten"]}
        event.hash = audit._digest(event.prev_hash, event)
    assert first_broken(svc.store) == k + 1


def test_writes_after_a_check_keep_the_chain_intact(svc) -> None:
    person_id = a_busy_caseload(svc)
    svc.people.reopen_case(person_id=person_id)
    svc.people.edit_young_person(person_id=person_id, phone="07700 900123")
    assert first_broken(svc.store) is None


# -- history ------------------------------------------------------------------------------


def test_history_reads_as_plain_lines_newest_first(svc) -> None:
    person_id = a_busy_caseload(svc)
    other = add_person(svc, given_name="Yonas")  # someone else's events stay out
    svc.people.edit_young_person(person_id=other.id, phone="07700 900777")
    with svc.store.read_session() as s:
        lines = audit.history(s, person_id)
        assert len(lines) == s.query(AuditEvent).filter(AuditEvent.person_id == person_id).count()
    texts = [line.text for line in lines]
    assert texts[0] == "Record closed: Settled in work"
    assert texts[-1] == "Record created"
    for expected in (
        "Record changed: Phone → 07700 900001; Strengths → Reliable",
        "EET status recorded: NEET: other, from 05/05/2026",
        "EET status changed: End date → 01/11/2026",
        "Check-in recorded: Phone, Spoke",
        "Check-in changed: Note → Talked about the first pay day",
        "Pathway step recorded: Job, Planned",
        "Pathway step changed: Start date → 17/10/2026; Status → In progress",
        "Sustainment check recorded: week 4, due 14/11/2026",
        "Vetting check recorded: Proof of identity, Alternative accepted",
        "Consent recorded: given 02/10/2026",
        "Consent changed: Consent withdrawn on → 19/11/2026",
        "Hand-off recorded: for Dana Hill",
        "Disclosure printed: Hand-off pack, for Dana Hill",
    ):
        assert expected in texts, expected
    assert {line.who for line in lines} == {"Alex Morgan"}
    assert all(line.at.date() >= TODAY - timedelta(days=2) for line in lines)  # when it was written
    assert "07700 900777" not in str([line.changes for line in lines])


def test_history_shows_no_stored_forms(svc) -> None:
    """Labels and values as the screens show them: no ids, ISO dates or stored codes."""
    import enum
    import re

    from caseapp.models import codes

    person_id = a_busy_caseload(svc)
    with svc.store.read_session() as s:
        lines = audit.history(s, person_id)
    stored_codes = {
        member.value
        for kind in vars(codes).values()
        if isinstance(kind, type) and issubclass(kind, enum.Enum)
        for member in kind
        if member.value != getattr(member, "label", member.value)
    }
    shown = [line.text for line in lines] + [
        part for line in lines for change in line.details for part in (change.label, change.before, change.after)
    ]
    assert shown
    for said in shown:
        assert not re.search(r"\d{4}-\d\d-\d\d", said), said
        assert not re.search(r"\b(id|person|worker id|pa id)\b", said), said
        assert "_" not in said, said
        assert said not in stored_codes, said


def test_every_audited_table_has_plain_words_in_history() -> None:
    # History shows these words; a table missing here would show as its raw name.
    unaudited = {"audit_event", "caseload_summary", "search_token", "output_folder"}
    assert set(Base.metadata.tables) - unaudited <= set(history_words.NOUNS)
