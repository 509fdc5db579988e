"""Support needs, consent item by item, hand-offs that share only consented needs, disclosures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from caseapp.models import AuditEvent
from caseapp.models.codes import AuditAction, NeedCategory
from caseapp.services import audit
from caseapp.services.errors import NotFound
from tests.services.helpers import TODAY, add_person, days_ago, refused


@pytest.fixture
def case(svc):
    """A young person starting a paid placement, with three support needs."""
    person = add_person(svc)
    step = svc.pathway.add_step(person_id=person.id, type="paid_placement", status="waiting_to_start",
                                offered_on=days_ago(40), start_date=TODAY + timedelta(days=7))
    needs = {
        category: svc.support.add_support_need(person_id=person.id, category=category,
                                               description=f"{category.label}: what helps",
                                               adjustments="Flexible start times")
        for category in (NeedCategory.TRANSPORT, NeedCategory.MENTAL_HEALTH, NeedCategory.HOUSING)
    }
    return person, step, needs


def events(store, entity: str) -> list[AuditEvent]:
    with store.read_session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.entity == entity).order_by(AuditEvent.id)))


# -- support needs ------------------------------------------------------------------------


def test_support_needs_add_edit_list_remove(svc, case) -> None:
    person, _step, needs = case
    transport = needs[NeedCategory.TRANSPORT]
    assert transport.description == "Transport and travel costs: what helps"
    edited = svc.support.edit_support_need(need_id=transport.id, adjustments="Travel paid up front")
    assert (edited.adjustments, edited.description) == ("Travel paid up front", transport.description)
    assert [n.id for n in svc.support.list_support_needs(person_id=person.id)] == [n.id for n in needs.values()]
    assert events(svc.store, "support_need")[-1].changes == {
        "adjustments": ["Flexible start times", "Travel paid up front"]
    }

    svc.support.remove_support_need(need_id=transport.id)
    assert transport.id not in [n.id for n in svc.support.list_support_needs(person_id=person.id)]
    assert events(svc.store, "support_need")[-1].action == AuditAction.DELETED


@pytest.mark.parametrize(
    ("category", "description", "adjustments", "field"),
    [
        (None, "Travel costs", None, "category"),
        ("transport_costs", "Travel costs", None, "category"),
        ("transport", "", None, "description"),
        ("transport", None, None, "description"),
        ("transport", "x" * 1001, None, "description"),
        ("transport", "Travel\x00costs", None, "description"),
        ("transport", "Travel costs", "x" * 1001, "adjustments"),
    ],
)
def test_support_need_refusals(svc, category, description, adjustments, field) -> None:
    person = add_person(svc)
    with refused(svc.store, field):
        svc.support.add_support_need(
            person_id=person.id, category=category, description=description, adjustments=adjustments
        )


def test_a_refused_need_edit_changes_nothing(svc, case) -> None:
    _person, _step, needs = case
    with refused(svc.store, "description"):
        svc.support.edit_support_need(need_id=needs[NeedCategory.HOUSING].id, description=" ")


# -- consent ------------------------------------------------------------------------------


def test_consent_is_given_dated_and_withdrawable(svc, case) -> None:
    _person, _step, needs = case
    need = needs[NeedCategory.MENTAL_HEALTH]
    given = svc.support.give_consent(need_id=need.id, given_on=days_ago(30), note="Agreed at the review")
    assert given.shareable_on(days_ago(30)) and not given.shareable_on(days_ago(31))
    with refused(svc.store, "given_on"):
        svc.support.give_consent(need_id=need.id)  # already in force

    withdrawn = svc.support.withdraw_consent(need_id=need.id, withdrawn_on=days_ago(5))
    assert withdrawn.shareable_on(days_ago(6)) and not withdrawn.shareable_on(days_ago(5))
    change = events(svc.store, "consent")[-1]
    assert (change.action, change.changes) == (AuditAction.UPDATED, {"withdrawn_on": [None, days_ago(5).isoformat()]})

    with refused(svc.store, "withdrawn_on"):
        svc.support.withdraw_consent(need_id=need.id)  # nothing in force
    again = svc.support.give_consent(need_id=need.id)  # given again, today
    assert again.shareable_on(TODAY) and len(again.consents) == 2


def test_consent_given_again_cannot_be_dated_before_it_was_withdrawn(svc, case) -> None:
    # A backdated new consent would make the need shareable on days it had been withdrawn.
    _person, step, needs = case
    need = needs[NeedCategory.MENTAL_HEALTH]
    svc.support.give_consent(need_id=need.id, given_on=days_ago(30))
    svc.support.withdraw_consent(need_id=need.id, withdrawn_on=days_ago(10))
    with refused(svc.store, "given_on"):
        svc.support.give_consent(need_id=need.id, given_on=days_ago(20))
    again = svc.support.give_consent(need_id=need.id, given_on=days_ago(5))
    assert again.shareable_on(days_ago(5)) and not again.shareable_on(days_ago(7))
    with refused(svc.store, "need_ids"):
        svc.handoffs.build_hand_off(step_id=step.id, line_manager="Dana Hill", need_ids=[need.id], built_on=days_ago(7))


@pytest.mark.parametrize(
    ("call", "kwargs", "field"),
    [
        ("give_consent", {"given_on": TODAY + timedelta(days=1)}, "given_on"),
        ("give_consent", {"given_on": "today"}, "given_on"),
        ("give_consent", {"note": "x" * 501}, "note"),
        ("withdraw_consent", {"withdrawn_on": TODAY + timedelta(days=1)}, "withdrawn_on"),
        ("withdraw_consent", {"withdrawn_on": days_ago(31)}, "withdrawn_on"),  # before it was given
    ],
)
def test_consent_refusals(svc, case, call: str, kwargs: dict[str, Any], field: str) -> None:
    _person, _step, needs = case
    need = needs[NeedCategory.TRANSPORT]
    if call == "withdraw_consent":
        svc.support.give_consent(need_id=need.id, given_on=days_ago(30))
    with refused(svc.store, field):
        getattr(svc.support, call)(need_id=need.id, **kwargs)


# -- hand-offs ----------------------------------------------------------------------------


def test_a_hand_off_shares_only_needs_with_consent_in_force_that_day(svc, case) -> None:
    person, step, needs = case
    transport, mental_health, housing = needs.values()
    svc.support.give_consent(need_id=transport.id, given_on=days_ago(30))
    svc.support.give_consent(need_id=mental_health.id, given_on=days_ago(30))
    svc.support.withdraw_consent(need_id=mental_health.id, withdrawn_on=days_ago(20))
    svc.support.give_consent(need_id=housing.id, given_on=days_ago(5))

    for chosen, built_on in (
        ([transport.id, mental_health.id], days_ago(1)),  # withdrawn before
        ([housing.id], days_ago(10)),  # consent only given later
        ([transport.id, housing.id], days_ago(31)),  # none given yet
    ):
        with refused(svc.store, "need_ids") as info:
            svc.handoffs.build_hand_off(step_id=step.id, line_manager="Dana Hill", need_ids=chosen, built_on=built_on)
        assert "cannot be shared" in info.value.problems["need_ids"]

    pack = svc.handoffs.build_hand_off(
        step_id=step.id, line_manager="Dana Hill", need_ids=[transport.id, housing.id, transport.id],
        hr_contact="HR team", first_two_weeks="Day 1: tour and buddy.", mentor="Named mentor",
    )
    assert pack.need_ids == (transport.id, housing.id)
    assert pack.built_on == TODAY and pack.person_id == person.id
    assert svc.handoffs.get_hand_off(hand_off_id=pack.id) == pack
    assert svc.handoffs.list_hand_offs(person_id=person.id) == [pack]
    assert [n.id for n in svc.handoffs.shared_needs(hand_off_id=pack.id)] == [transport.id, housing.id]


def test_editing_a_hand_off_changes_its_wording_not_what_is_shared(svc, case) -> None:
    _person, step, needs = case
    transport = needs[NeedCategory.TRANSPORT]
    svc.support.give_consent(need_id=transport.id, given_on=days_ago(30))
    pack = svc.handoffs.build_hand_off(step_id=step.id, line_manager="Dana Hill", need_ids=[transport.id])
    edited = svc.handoffs.edit_hand_off(hand_off_id=pack.id, keep_in_touch=" Weekly call for the first month ")
    assert edited.keep_in_touch == "Weekly call for the first month"
    assert (edited.line_manager, edited.need_ids, edited.built_on) == (pack.line_manager, pack.need_ids, pack.built_on)
    assert svc.handoffs.get_hand_off(hand_off_id=pack.id) == edited
    assert events(svc.store, "hand_off")[-1].changes == {"keep_in_touch": [None, "Weekly call for the first month"]}
    with refused(svc.store, "line_manager", "if_difficult"):
        svc.handoffs.edit_hand_off(hand_off_id=pack.id, line_manager="", if_difficult="Call\x00me")
    with pytest.raises(TypeError):
        svc.handoffs.edit_hand_off(hand_off_id=pack.id, need_ids=[])


def test_consent_given_on_the_day_counts_withdrawn_on_the_day_does_not(svc, case) -> None:
    _person, step, needs = case
    transport, mental_health, _housing = needs.values()
    svc.support.give_consent(need_id=transport.id, given_on=days_ago(3))
    svc.support.give_consent(need_id=mental_health.id, given_on=days_ago(9))
    svc.support.withdraw_consent(need_id=mental_health.id, withdrawn_on=days_ago(3))
    with refused(svc.store, "need_ids"):
        svc.handoffs.build_hand_off(
            step_id=step.id, line_manager="Dana Hill", need_ids=[mental_health.id], built_on=days_ago(3)
        )
    pack = svc.handoffs.build_hand_off(
        step_id=step.id, line_manager="Dana Hill", need_ids=[transport.id], built_on=days_ago(3)
    )
    assert pack.need_ids == (transport.id,)


def test_withdrawing_consent_later_is_audited_and_drops_the_item(svc, case) -> None:
    person, step, needs = case
    transport, mental_health, _housing = needs.values()
    for need in (transport, mental_health):
        svc.support.give_consent(need_id=need.id, given_on=days_ago(30))
    pack = svc.handoffs.build_hand_off(step_id=step.id, line_manager="Dana Hill",
                                       need_ids=[transport.id, mental_health.id], built_on=days_ago(10))

    svc.support.withdraw_consent(need_id=mental_health.id, withdrawn_on=days_ago(2))

    withdrawal = events(svc.store, "consent")[-1]
    assert withdrawal.person_id == person.id
    assert withdrawal.changes == {"withdrawn_on": [None, days_ago(2).isoformat()]}
    with svc.store.read_session() as s:
        assert f"Consent changed: Consent withdrawn on → {days_ago(2):%d/%m/%Y}" in [
            line.text for line in audit.history(s, person.id)
        ]
    # The pack still records what was chosen; what may be shared now excludes the withdrawn item.
    assert svc.handoffs.get_hand_off(hand_off_id=pack.id).need_ids == (transport.id, mental_health.id)
    assert [n.id for n in svc.handoffs.shared_needs(hand_off_id=pack.id)] == [transport.id]
    assert [n.id for n in svc.handoffs.shared_needs(hand_off_id=pack.id, on=days_ago(3))] == [
        transport.id, mental_health.id
    ]


def test_every_item_of_a_hand_off_is_in_the_audit(svc, case) -> None:
    _person, step, needs = case
    transport, mental_health, _housing = needs.values()
    for need in (transport, mental_health):
        svc.support.give_consent(need_id=need.id, given_on=days_ago(30))
    svc.handoffs.build_hand_off(step_id=step.id, line_manager="Dana Hill", need_ids=[transport.id, mental_health.id])
    assert sorted(e.changes["need_id"][1] for e in events(svc.store, "hand_off_item")) == [
        transport.id, mental_health.id
    ]


def test_removing_a_shared_need_takes_it_out_of_the_hand_off(svc, case) -> None:
    _person, step, needs = case
    transport = needs[NeedCategory.TRANSPORT]
    svc.support.give_consent(need_id=transport.id, given_on=days_ago(30))
    pack = svc.handoffs.build_hand_off(step_id=step.id, line_manager="Dana Hill", need_ids=[transport.id])
    svc.support.remove_support_need(need_id=transport.id)
    assert svc.handoffs.get_hand_off(hand_off_id=pack.id).need_ids == ()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"line_manager": ""}, "line_manager"),
        ({"line_manager": "x" * 201}, "line_manager"),
        ({"line_manager": "Dana\x00Hill"}, "line_manager"),
        ({"if_difficult": "x" * 2001}, "if_difficult"),
        ({"built_on": TODAY + timedelta(days=1)}, "built_on"),
        ({"need_ids": [999]}, "need_ids"),
    ],
)
def test_hand_off_refusals(svc, case, kwargs: dict[str, Any], field: str) -> None:
    _person, step, _needs = case
    fields: dict[str, Any] = {"line_manager": "Dana Hill", "need_ids": []}
    fields.update(kwargs)
    with refused(svc.store, field):
        svc.handoffs.build_hand_off(step_id=step.id, **fields)


def test_a_hand_off_is_for_a_placement_or_job_of_the_same_person(svc, case) -> None:
    person, _step, needs = case
    cv = svc.pathway.add_step(person_id=person.id, type="cv_support")
    with refused(svc.store, "step_id"):
        svc.handoffs.build_hand_off(step_id=cv.id, line_manager="Dana Hill", need_ids=[])
    other = add_person(svc, given_name="Yonas")
    their_job = svc.pathway.add_step(person_id=other.id, type="job")
    svc.support.give_consent(need_id=needs[NeedCategory.HOUSING].id, given_on=days_ago(3))
    with refused(svc.store, "need_ids"):
        svc.handoffs.build_hand_off(
            step_id=their_job.id, line_manager="Dana Hill", need_ids=[needs[NeedCategory.HOUSING].id]
        )


# -- disclosures --------------------------------------------------------------------------


def test_a_disclosure_is_logged_and_appears_in_the_history(svc, case) -> None:
    person, step, needs = case
    transport = needs[NeedCategory.TRANSPORT]
    svc.support.give_consent(need_id=transport.id, given_on=days_ago(30))
    pack = svc.handoffs.build_hand_off(step_id=step.id, line_manager="Dana Hill", need_ids=[transport.id])
    logged = svc.handoffs.record_disclosure(
        person_id=person.id, document="Hand-off pack", recipient="Dana Hill, line manager",
        items=["Transport and travel costs"], hand_off_id=pack.id,
    )
    assert (logged.document, logged.recipient, logged.items, logged.worker_id) == (
        "Hand-off pack", "Dana Hill, line manager", ("Transport and travel costs",), svc.worker_id
    )
    assert svc.handoffs.list_disclosures(person_id=person.id) == [logged]

    printed = events(svc.store, "disclosure")[-1]
    assert (printed.action, printed.person_id, printed.entity_id) == (AuditAction.PRINTED, person.id, logged.id)
    assert printed.changes["recipient"] == [None, "Dana Hill, line manager"]
    with svc.store.read_session() as s:
        newest = audit.history(s, person.id)[0]
    assert newest.text.startswith("Disclosure printed: ") and newest.who == "Alex Morgan"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"recipient": ""}, "recipient"),
        ({"recipient": "x" * 201}, "recipient"),
        ({"document": "x" * 81}, "document"),
        ({"document": None}, "document"),
        ({"items": ["Housing\x00"]}, "items"),
        ({"items": ["x" * 2001]}, "items"),
        ({"items": [3]}, "items"),
        ({"items": "Housing"}, "items"),
        ({"hand_off_id": 999}, "hand_off_id"),
    ],
)
def test_disclosure_refusals(svc, case, kwargs: dict[str, Any], field: str) -> None:
    person, _step, _needs = case
    fields: dict[str, Any] = {"document": "Hand-off pack", "recipient": "Dana Hill", "items": []}
    fields.update(kwargs)
    with refused(svc.store, field):
        svc.handoffs.record_disclosure(person_id=person.id, **fields)


def test_a_disclosure_must_be_about_someone_on_file_and_their_own_hand_off(svc, case) -> None:
    person, step, _needs = case
    with pytest.raises(NotFound):
        svc.handoffs.record_disclosure(person_id=404, document="Hand-off pack", recipient="Dana Hill", items=[])
    pack = svc.handoffs.build_hand_off(step_id=step.id, line_manager="Dana Hill", need_ids=[])
    other = add_person(svc, given_name="Yonas")
    with refused(svc.store, "hand_off_id"):
        svc.handoffs.record_disclosure(person_id=other.id, document="Hand-off pack", recipient="Dana Hill",
                                       items=[], hand_off_id=pack.id)


def test_a_backdated_hand_off_cannot_revive_consent_withdrawn_since(svc, case) -> None:
    _person, step, needs = case
    mental_health = needs[NeedCategory.MENTAL_HEALTH]
    svc.support.give_consent(need_id=mental_health.id, given_on=days_ago(30))
    svc.support.withdraw_consent(need_id=mental_health.id, withdrawn_on=days_ago(5))
    with refused(svc.store, "need_ids") as info:
        svc.handoffs.build_hand_off(
            step_id=step.id, line_manager="Dana Hill", need_ids=[mental_health.id], built_on=days_ago(10)
        )
    assert TODAY.strftime("%d/%m/%Y") in info.value.problems["need_ids"]
