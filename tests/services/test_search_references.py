"""Search by what a worker has to hand besides a name: caseapp's reference, the council's
child reference, a phone number, and (asked for, since it reads every check-in) the words of
check-in notes and actions agreed."""

from __future__ import annotations

import logging
import tracemalloc

import pytest

from caseapp.services.search import MAX_QUERY_LENGTH, NOTE, REFERENCE, REFERENCE_PART
from caseapp.services.search_references import phone_digits, record_number
from tests.services.helpers import add_person, at, days_ago


@pytest.fixture
def people(svc):
    return {
        "semhar": add_person(svc, given_name="Semhar", family_name="Tekle", child_ref="C101234",
                             phone="07700 900123").id,
        "amna": add_person(svc, given_name="Amna", family_name="Abdalla", child_ref="ch/55-012",
                           phone="+44 (0)7700 900456").id,
        "abdi": add_person(svc, given_name="Abdi", family_name="Haile", phone="+44 7700 900789").id,
    }


def hits(svc, query: str, **kw):  # type: ignore[no-untyped-def]
    return [(h.person_id, h.reason) for h in svc.search.search(query, **kw)]


def found(svc, query: str, **kw) -> list[int]:  # type: ignore[no-untyped-def]
    return [h.person_id for h in svc.search.search(query, **kw)]


# -- caseapp's own reference -----------------------------------------------------------------


def test_finds_by_caseapp_reference(svc, people) -> None:
    pid = people["amna"]
    assert hits(svc, str(pid)) == [(pid, f"caseapp reference #{pid}")]
    assert hits(svc, f"#{pid}") == [(pid, f"caseapp reference #{pid}")]
    assert hits(svc, f" # {pid} ") == [(pid, f"caseapp reference #{pid}")]


def test_a_reference_nobody_has_finds_nobody(svc, people) -> None:
    assert found(svc, "#99999") == []
    assert found(svc, "99999") == []


@pytest.mark.parametrize(("text", "number"), [("12", 12), ("#12", 12), ("# 12", 12), ("012", None),
                                              ("#", None), ("12a", None), ("1" * 40, None)])
def test_what_reads_as_a_reference(text: str, number: int | None) -> None:
    # A leading 0 is the start of a phone number, not a reference; nothing longer than an id.
    assert record_number(text) == number


# -- the council's child reference -------------------------------------------------------------


@pytest.mark.parametrize("query", ["C101234", "c101234", "C 101234", "C10123"])
def test_finds_by_child_reference_whole_or_its_start(svc, people, query: str) -> None:
    assert hits(svc, query) == [(people["semhar"], "council's child reference")]


def test_child_reference_ignores_its_punctuation(svc, people) -> None:
    assert found(svc, "CH55012") == [people["amna"]]
    assert found(svc, "ch/55-012") == [people["amna"]]


def test_whole_child_reference_ranks_above_its_start(svc, people) -> None:
    other = add_person(svc, given_name="Yonas", family_name="Gebre", child_ref="C1012345").id
    ranked = svc.search.search("C101234")
    assert [(h.person_id, h.score) for h in ranked] == [(people["semhar"], REFERENCE), (other, REFERENCE_PART)]


# -- phone numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["07700 900123", "07700900123", "+44 7700 900123", "+447700900123", "0044 7700 900123",
     "(07700) 900-123", "7700900123", "07700 9001"],
)
def test_finds_by_phone_however_it_is_typed(svc, people, query: str) -> None:
    assert hits(svc, query) == [(people["semhar"], "phone number")]


@pytest.mark.parametrize(("query", "who"), [("07700 900456", "amna"), ("07700900789", "abdi"),
                                            ("+44 7700 900456", "amna")])
def test_finds_a_phone_stored_with_the_country_code(svc, people, query: str, who: str) -> None:
    assert found(svc, query) == [people[who]]


def test_the_whole_number_ranks_above_its_start(svc, people) -> None:
    ranked = svc.search.search("07700 900123")
    assert [(h.person_id, h.score) for h in ranked] == [(people["semhar"], REFERENCE)]
    part = svc.search.search("7700 900")
    assert {h.person_id for h in part} == set(people.values())
    assert {h.score for h in part} == {REFERENCE_PART}


def test_a_few_digits_are_not_searched_as_a_phone(svc, people) -> None:
    # Everyone's number holds "770": too few digits to tell anyone apart.
    assert found(svc, "0770") == []
    assert phone_digits("0770") is None
    assert phone_digits("+44 7700 900123") == "7700900123"
    assert phone_digits("Semhar") is None


def test_a_phone_edit_is_found_at_once(svc, people) -> None:
    svc.people.edit_young_person(person_id=people["abdi"], phone="07123 456789")
    assert found(svc, "07123 456789") == [people["abdi"]]
    assert found(svc, "07700900789") == []


def test_names_and_numbers_do_not_mix_up(svc, people) -> None:
    assert found(svc, "Semhar") == [people["semhar"]]
    assert hits(svc, "Semhar") == [(people["semhar"], None)]  # found by name: nothing to explain


# -- check-in notes and actions ---------------------------------------------------------------


@pytest.fixture
def noted(svc, people):
    svc.checkins.record_check_in(person_id=people["semhar"], happened_at=at(days_ago(3)), method="phone",
                                 outcome="spoke", note="Keen on warehouse work; asked about a Forklift licence.")
    svc.checkins.record_check_in(person_id=people["amna"], happened_at=at(days_ago(2)), method="phone",
                                 outcome="spoke", actions="Book the forklift taster at Parks café")
    svc.checkins.record_check_in(person_id=people["abdi"], happened_at=at(days_ago(2)), method="phone",
                                 outcome="spoke", note="Talked about liftshare to get to work")
    return people


def test_notes_are_searched_only_when_asked(svc, noted) -> None:
    assert found(svc, "forklift") == []
    # Equal matches come in the order the young people were added.
    assert hits(svc, "forklift", notes=True) == [
        (noted["semhar"], "note mentions 'forklift'"),
        (noted["amna"], "actions agreed mention 'forklift'"),
    ]


@pytest.mark.parametrize("query", ["FORKLIFT", "fork", "forklift licence", "licence forklift", "warehouse"])
def test_note_words_any_case_from_their_start(svc, noted, query: str) -> None:
    assert noted["semhar"] in found(svc, query, notes=True)


def test_a_note_word_must_start_where_the_word_does(svc, noted) -> None:
    # "lift" is inside "forklift", not a word of its own there; it starts "liftshare".
    assert found(svc, "lift", notes=True) == [noted["abdi"]]


def test_every_word_must_be_in_one_check_in(svc, noted) -> None:
    assert found(svc, "forklift liftshare", notes=True) == []


def test_accents_in_notes_match_as_written(svc, noted) -> None:
    assert hits(svc, "café", notes=True) == [(noted["amna"], "actions agreed mention 'café'")]


def test_short_words_are_not_looked_for_in_notes(svc, noted) -> None:
    # "on" is in nearly every note: it would find everyone.
    assert found(svc, "on", notes=True) == []
    assert noted["semhar"] in found(svc, "on forklift", notes=True)


def test_a_name_match_ranks_above_a_note_match(svc, noted) -> None:
    svc.checkins.record_check_in(person_id=noted["abdi"], happened_at=at(days_ago(1)), method="phone",
                                 outcome="spoke", note="Went with Semhar to the careers fair")
    ranked = svc.search.search("semhar", notes=True)
    assert [(h.person_id, h.reason) for h in ranked] == [
        (noted["semhar"], None), (noted["abdi"], "note mentions 'semhar'")]
    assert ranked[1].score == NOTE < ranked[0].score


def test_an_edited_or_deleted_check_in_is_searched_as_it_now_is(svc, noted) -> None:
    [check_in] = svc.checkins.list_check_ins(person_id=noted["abdi"])
    svc.checkins.edit_check_in(check_in_id=check_in.id, note="Wants to drive a forklift")
    assert noted["abdi"] in found(svc, "forklift", notes=True)
    svc.checkins.delete_check_in(check_in_id=check_in.id)
    assert noted["abdi"] not in found(svc, "forklift", notes=True)


def test_note_words_never_reach_the_log(svc, noted, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        assert found(svc, "warehouse", notes=True)
    assert "warehouse" not in caplog.text.lower()


def test_a_long_paste_into_a_notes_search_stays_bounded(svc, noted) -> None:
    paste = "forklift " * 40_000
    assert found(svc, paste, notes=True)  # the first words are read, and match
    long_word = "qwertyuiop" * 100_000
    assert len(long_word) > MAX_QUERY_LENGTH
    tracemalloc.start()
    try:
        svc.search.search(long_word, notes=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 256 * 1024
