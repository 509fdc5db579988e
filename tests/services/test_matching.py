"""Matching: open opportunities for a young person and young people for an opportunity, explained."""

from __future__ import annotations

from datetime import timedelta

import pytest

from caseapp.services.errors import NotFound
from caseapp.services.matching import MatchingService
from tests.services.helpers import TODAY, add_person, days_ago


def matching(svc) -> MatchingService:  # type: ignore[no-untyped-def]
    return MatchingService(svc.store, actor_id=svc.worker_id, today=lambda: TODAY)


@pytest.fixture
def employer(svc):  # type: ignore[no-untyped-def]
    return svc.employers.add_employer(name="Oakwood Builders", sector="construction")


def opening(svc, employer, **fields):  # type: ignore[no-untyped-def]
    values = {"type": "paid_placement", "title": "Site assistant", "closing_date": TODAY + timedelta(days=30)} | fields
    return svc.employers.add_opportunity(employer_id=employer.id, **values)


def person(svc, **fields):  # type: ignore[no-untyped-def]
    values = {
        "sectors_of_interest": ["Construction"], "areas_can_reach": ["Basildon"], "right_to_work": "unlimited"
    } | fields
    return add_person(svc, **values)


def test_the_example_line(svc, employer) -> None:
    p = person(svc)
    o = opening(svc, employer, location="Basildon", closing_date=None)
    [m] = matching(svc).opportunities_for(person_id=p.id)
    assert m.explanation == "interested in construction; right to work confirmed; in Basildon, which they can reach"
    assert m.meets_requirements and m.opportunity_id == o.id and m.employer_name == "Oakwood Builders"


def test_opportunities_ranked_by_fit(svc, employer) -> None:
    other = svc.employers.add_employer(name="Harbour Hotel", sector="hospitality")
    p = person(svc)
    best = opening(svc, employer, location="Basildon")
    far = opening(svc, employer, location="Harlow")
    dull = opening(svc, other, location="Basildon")
    unsafe = opening(svc, employer, location="Southend")
    svc.people.edit_young_person(person_id=p.id, places_not_safe=["southend"])  # any case
    ranked = matching(svc).opportunities_for(person_id=p.id)
    assert [m.opportunity_id for m in ranked] == [best.id, far.id, dull.id, unsafe.id]
    assert "in Harlow, outside the areas they can reach" in ranked[1].reasons
    assert "hospitality is not among their interests or aspirations" in ranked[2].reasons
    assert ranked[3].unmet == ("in Southend, where they do not feel safe to travel",)


def test_closed_and_past_opportunities_are_not_offered(svc, employer) -> None:
    p = person(svc)
    opening(svc, employer, closing_date=TODAY - timedelta(days=1))
    closed = opening(svc, employer)
    svc.employers.close_opportunity(opportunity_id=closed.id)
    today = opening(svc, employer, closing_date=TODAY)
    assert [m.opportunity_id for m in matching(svc).opportunities_for(person_id=p.id)] == [today.id]
    assert "closes today" in matching(svc).opportunities_for(person_id=p.id)[0].reasons


def test_an_opportunity_they_are_already_on_is_not_suggested_again(svc, employer) -> None:
    p = person(svc)
    o = opening(svc, employer)
    step = svc.pathway.add_step(person_id=p.id, type="paid_placement", status="planned", opportunity_id=o.id)
    assert matching(svc).opportunities_for(person_id=p.id) == []
    assert matching(svc).people_for(opportunity_id=o.id) == []
    svc.pathway.move_step(step_id=step.id, status="withdrawn", reason="Not the right fit")
    assert len(matching(svc).opportunities_for(person_id=p.id)) == 1


@pytest.mark.parametrize(("fields", "reason", "unmet"), [
    ({"right_to_work": "none"}, "no right to work", True),
    ({"right_to_work": "not_checked"}, "right to work not yet checked", False),
    ({"right_to_work": "restricted"}, "right to work with restrictions: check they allow this role", False),
    ({"right_to_work": "time_limited", "right_to_work_expiry": TODAY + timedelta(days=400)},
     f"right to work confirmed until {TODAY + timedelta(days=400):%d/%m/%Y}", False),
    ({"right_to_work": "time_limited", "right_to_work_expiry": TODAY + timedelta(days=10)},
     f"right to work runs out on {TODAY + timedelta(days=10):%d/%m/%Y}, before it starts", True),
])
def test_right_to_work(svc, employer, fields, reason, unmet) -> None:
    p = person(svc, **fields)
    opening(svc, employer, start_date=TODAY + timedelta(days=40))
    [m] = matching(svc).opportunities_for(person_id=p.id)
    assert reason in m.reasons
    assert (reason in m.unmet) is unmet


def test_an_opportunity_that_needs_no_right_to_work_does_not_ask(svc, employer) -> None:
    p = person(svc, right_to_work="none")
    opening(svc, employer, type="taster", needs_right_to_work=False)
    [m] = matching(svc).opportunities_for(person_id=p.id)
    assert m.meets_requirements and not any("right to work" in r for r in m.reasons)


def test_dbs_level_against_the_vetting_on_file(svc, employer) -> None:
    p = person(svc)
    opening(svc, employer, dbs_level="dbs_standard")
    [m] = matching(svc).opportunities_for(person_id=p.id)
    assert "needs a standard DBS check" in m.reasons and m.meets_requirements  # to arrange, not a bar
    svc.vetting.add_vetting_check(person_id=p.id, need="dbs_basic", outcome="met_as_standard", decided_on=days_ago(5))
    assert "needs a standard DBS check" in matching(svc).opportunities_for(person_id=p.id)[0].reasons
    svc.vetting.add_vetting_check(
        person_id=p.id, need="dbs_enhanced", outcome="met_as_standard", decided_on=days_ago(5)
    )
    assert "enhanced DBS check already cleared" in matching(svc).opportunities_for(person_id=p.id)[0].reasons


def test_english_level(svc, employer) -> None:
    opening(svc, employer, english_level="level_1")
    below = person(svc, english_level="entry_2")
    meets = person(svc, english_level="level_2_plus")
    unknown = person(svc)
    service = matching(svc)
    assert service.opportunities_for(person_id=below.id)[0].unmet == ("English Entry 2, below the Level 1 asked",)
    assert (
        "English Level 2 or above meets the Level 1 asked"
        in service.opportunities_for(person_id=meets.id)[0].reasons
    )
    assert "English level not recorded (Level 1 asked)" in service.opportunities_for(person_id=unknown.id)[0].reasons


def test_people_for_an_opportunity_ranked_the_same_way(svc, employer) -> None:
    o = opening(svc, employer, location="Basildon", english_level="entry_3")
    best = person(svc, english_level="level_1")
    no_interest = person(svc, sectors_of_interest=["retail"], english_level="level_1")
    blocked = person(svc, english_level="entry_1")
    far = person(svc, areas_can_reach=["Harlow"], english_level="level_1")
    closed = person(svc, english_level="level_1")
    svc.people.close_case(person_id=closed.id, closed_on=days_ago(1), reason="Moved away")
    ranked = matching(svc).people_for(opportunity_id=o.id)
    assert [m.person_id for m in ranked] == [best.id, far.id, no_interest.id, blocked.id]
    assert ranked[0].person_name == "Semhar Tekle"
    # Both ways give the same judgement of the same pair.
    assert matching(svc).opportunities_for(person_id=best.id)[0] == ranked[0]


def test_unknown_or_closed(svc, employer) -> None:
    with pytest.raises(NotFound):
        matching(svc).opportunities_for(person_id=999)
    o = opening(svc, employer)
    svc.employers.close_opportunity(opportunity_id=o.id)
    with pytest.raises(NotFound):
        matching(svc).people_for(opportunity_id=o.id)


def test_limit(svc, employer) -> None:
    p = person(svc)
    for n in range(5):
        opening(svc, employer, title=f"Role {n}")
    assert len(matching(svc).opportunities_for(person_id=p.id, limit=3)) == 3


def test_what_they_want_to_do_outranks_an_openings_kind_place_and_extras(svc, employer) -> None:
    """A taster outside their interests, near and ring-fenced, still ranks below a job in
    the sector they want, outside the areas they can reach."""
    zoo = svc.employers.add_employer(name="Zoo and Wildlife Trust", sector="animal care")
    cafe = svc.employers.add_employer(name="FreshBake Cafés", sector="catering")
    p = person(svc, sectors_of_interest=["catering"], right_to_work="not_checked", english_level="level_1")
    taster = opening(svc, zoo, type="taster", title="Taster in animal care", location="Basildon",
                     ring_fenced=True, english_level="entry_3")
    job = opening(svc, cafe, type="job", title="Job in catering", location="Harlow", needs_right_to_work=True)
    ranked = matching(svc).opportunities_for(person_id=p.id)
    assert [m.opportunity_id for m in ranked] == [job.id, taster.id]
    assert ranked[0].reasons[0] == "interested in catering"
    assert ranked[1].reasons[0] == "animal care is not among their interests or aspirations"


def test_stated_aspirations_count_as_wanting_it(svc, employer) -> None:
    zoo = svc.employers.add_employer(name="Zoo and Wildlife Trust", sector="animal care")
    cafe = svc.employers.add_employer(name="FreshBake Cafés", sector="catering")
    p = person(svc, sectors_of_interest=[], aspirations="Wants to be a chef one day")
    taster = opening(svc, zoo, type="taster", title="Taster in animal care", location="Basildon", ring_fenced=True)
    job = opening(svc, cafe, type="job", title="Kitchen porter", location="Harlow")
    ranked = matching(svc).opportunities_for(person_id=p.id)
    assert [m.opportunity_id for m in ranked] == [job.id, taster.id]
    assert "their aspirations speak of it (“chef”)" in ranked[0].reasons
    assert ranked[0].explanation.startswith("their aspirations speak of it")


def test_a_word_of_a_sector_alone_is_not_the_sector(svc, employer) -> None:
    zoo = svc.employers.add_employer(name="Zoo and Wildlife Trust", sector="animal care")
    p = person(svc, sectors_of_interest=[], aspirations="Wants to work in care")
    opening(svc, zoo, type="taster", title="Taster", location="Basildon")
    [m] = matching(svc).opportunities_for(person_id=p.id)
    assert not m.wanted
