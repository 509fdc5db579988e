"""Matching young people and open opportunities, each match explaining itself in one line.

The same judgement runs both ways (a young person's openings, an opening's young people):
what they are interested in, the requirements they meet or not (right to work, DBS, English),
whether they can get there and feel safe doing so, and how soon applications close. A match
with a requirement not met is still listed, after those that meet them all, so the worker
sees what stands in the way (an English course, a DBS check) rather than nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import Date, bindparam
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from caseapp import dates
from caseapp.models.codes import RightToWork, SkillLevel, StepType, VettingNeed, VettingOutcome
from caseapp.services.base import Service
from caseapp.services.caseload import day_value
from caseapp.services.errors import NotFound

# What they want to do comes first (the seeds: tailor to what they want to do): an opening
# in a sector of interest, or one their stated aspirations speak of, always ranks above one
# that is neither, whatever its kind, place or extras. Within that, the weights: getting
# there, then requirements met and ring-fencing add a little.
SECTOR_WEIGHT = 30
ASPIRATION_WEIGHT = 20
REACH_WEIGHT = 20
OUTSIDE_REACH_WEIGHT = -5
RIGHT_TO_WORK_WEIGHT = 10
REQUIREMENT_WEIGHT = 5
RING_FENCED_WEIGHT = 5

SKILL_ORDER = {level: n for n, level in enumerate(SkillLevel)}
DBS_ORDER = {VettingNeed.DBS_BASIC: 1, VettingNeed.DBS_STANDARD: 2, VettingNeed.DBS_ENHANCED: 3}
DBS_WORDS = {VettingNeed.DBS_BASIC: "basic", VettingNeed.DBS_STANDARD: "standard", VettingNeed.DBS_ENHANCED: "enhanced"}


@dataclass(frozen=True)
class Match:
    person_id: int
    person_name: str
    opportunity_id: int
    opportunity_title: str
    opportunity_type: StepType
    employer_id: int
    employer_name: str
    location: str | None
    closing_date: date | None
    score: int
    reasons: tuple[str, ...]  # every fact weighed, good and bad, in the order they are read
    unmet: tuple[str, ...]  # the requirements not met (also among the reasons)
    wanted: bool = False  # in a sector of interest, or one their aspirations speak of

    @property
    def meets_requirements(self) -> bool:
        return not self.unmet

    @property
    def explanation(self) -> str:
        """One line: 'interested in construction; right to work confirmed; in Basildon, ...'."""
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class Candidate:
    """What matching needs to know about a young person."""

    id: int
    name: str
    sectors: frozenset[str]  # casefolded
    aspirations: str  # their stated aspirations, casefolded
    areas: frozenset[str]
    unsafe: frozenset[str]
    right_to_work: RightToWork
    right_to_work_expiry: date | None
    english: SkillLevel | None
    dbs_cleared: VettingNeed | None  # the highest DBS level met


@dataclass(frozen=True)
class Opening:
    id: int
    title: str
    type: StepType
    employer_id: int
    employer_name: str
    sector: str | None
    location: str | None
    start_date: date | None
    closing_date: date | None
    needs_right_to_work: bool
    dbs_level: VettingNeed | None
    english_level: SkillLevel | None
    ring_fenced: bool


PERSON_SQL = """
SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.sectors_of_interest, p.aspirations,
       p.areas_can_reach, p.places_not_safe, p.right_to_work, p.right_to_work_expiry, p.english_level,
       (SELECT max(CASE v.need WHEN 'dbs_basic' THEN 1 WHEN 'dbs_standard' THEN 2 WHEN 'dbs_enhanced' THEN 3 END)
        FROM vetting_check AS v
        WHERE v.person_id = p.id AND v.outcome IN (:met, :alternative))
FROM young_person AS p
WHERE p.closed_on IS NULL
"""

OPENING_SQL = """
SELECT o.id, o.title, o.type, o.employer_id, e.name, coalesce(o.sector, e.sector), o.location, o.start_date,
       o.closing_date, o.needs_right_to_work, o.dbs_level, o.english_level, o.ring_fenced
FROM opportunity AS o JOIN employer AS e ON e.id = o.employer_id
WHERE o.closed_on IS NULL AND e.closed_on IS NULL AND (o.closing_date IS NULL OR o.closing_date >= :today)
"""

# Already put forward (or further) for it: no need to suggest it again. A withdrawn step can be.
ALREADY_SQL = """
SELECT person_id, opportunity_id FROM pathway_step
WHERE opportunity_id IS NOT NULL AND status != 'withdrawn'
"""
DBS_BY_RANK = {rank: need for need, rank in DBS_ORDER.items()}

# Everyday words people use for the sectors most tasters and jobs are in, so that "wants to
# be a chef" speaks of catering. A sector not listed is matched by its own words.
SECTOR_WORDS = {
    "catering": frozenset({"chef", "chefs", "cook", "cooking", "kitchen", "food", "baker", "bakery", "cafe"}),
    "hospitality": frozenset({"hotel", "hotels", "bar", "restaurant", "waiter", "waitress", "chef", "kitchen"}),
    "animal care": frozenset({"zoo", "zoos", "animal", "animals", "pets", "vet", "vets", "wildlife", "dogs", "horses"}),
    "construction": frozenset({"trade", "trades", "builder", "building", "site", "carpentry", "joiner",
                               "electrician", "plumber", "plumbing", "bricklayer", "plasterer"}),
    "it": frozenset({"computer", "computers", "computing", "coding", "software", "tech", "technology", "games"}),
    "facilities management": frozenset({"facilities", "caretaker", "maintenance", "cleaning"}),
    "logistics": frozenset({"warehouse", "delivery", "driver", "driving", "forklift", "logistics"}),
    "hair and beauty": frozenset({"hair", "hairdresser", "hairdressing", "beauty", "barber", "nails", "makeup"}),
    "retail": frozenset({"shop", "shops", "retail", "sales", "till"}),
    "business administration": frozenset({"office", "admin", "administration", "reception", "receptionist"}),
    "care": frozenset({"carer", "caring", "care"}),
}


_day = day_value


def _folded(raw: str | list | None) -> frozenset[str]:
    # A JSON column read untyped: text from SQLite, already a list from PostgreSQL.
    values = (json.loads(raw) if raw.__class__ is str else raw) if raw else []
    return frozenset(str(v).casefold() for v in values if v)


def _candidate(row: tuple) -> Candidate:
    pid, given, family, preferred, sectors, aspirations, areas, unsafe, rtw, expiry, english, dbs = row
    return Candidate(
        id=pid,
        name=f"{preferred or given} {family}",
        sectors=_folded(sectors),
        aspirations=(aspirations or "").casefold(),
        areas=_folded(areas),
        unsafe=_folded(unsafe),
        right_to_work=RightToWork(rtw) if rtw else RightToWork.NOT_CHECKED,
        right_to_work_expiry=_day(expiry),
        english=SkillLevel(english) if english else None,
        dbs_cleared=DBS_BY_RANK.get(dbs),
    )


def _opening(row: tuple) -> Opening:
    oid, title, kind, eid, ename, sector, location, start, closing, rtw, dbs, english, ring = row
    return Opening(
        id=oid, title=title, type=StepType(kind), employer_id=eid, employer_name=ename, sector=sector,
        location=location, start_date=_day(start), closing_date=_day(closing), needs_right_to_work=bool(rtw),
        dbs_level=VettingNeed(dbs) if dbs else None, english_level=SkillLevel(english) if english else None,
        ring_fenced=bool(ring),
    )


def _spoken_of(person: Candidate, opening: Opening) -> str | None:
    """The word of the person's aspirations that speaks of this opening's sector, if any:
    the sector's own words, or the everyday words for it ("chef" for catering)."""
    if not person.aspirations or not opening.sector:
        return None
    said = _words(person.aspirations)
    for words, each, pattern in _sector_phrases(opening.sector.casefold()):
        # The whole phrase, word for word: "care" alone does not speak of animal care. The
        # word check first: it rules out most openings without a search.
        if each <= said and pattern.search(person.aspirations):
            return words
    return None


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text))


@lru_cache(maxsize=256)
def _sector_phrases(sector: str) -> tuple[tuple[str, frozenset[str], re.Pattern[str]], ...]:
    """Each phrase that speaks of a sector, with its words and its search, made once: matching
    for one opening weighs every young person against it."""
    return tuple((words, frozenset(words.split()), re.compile(rf"\b{re.escape(words)}\b"))
                 for words in (sector, *sorted(SECTOR_WORDS.get(sector, ()))))


def _params() -> dict[str, str | int]:
    return {"met": VettingOutcome.MET_AS_STANDARD.value, "alternative": VettingOutcome.ALTERNATIVE_ACCEPTED.value}


def match(person: Candidate, opening: Opening, today: date) -> Match:
    """Weigh one young person against one opening and say why, in the order a worker reads it."""
    score = 0
    reasons: list[str] = []
    unmet: list[str] = []

    def fails(text: str) -> None:
        reasons.append(text)
        unmet.append(text)

    wanted = False
    if opening.sector:
        spoken = _spoken_of(person, opening)
        if opening.sector.casefold() in person.sectors:
            wanted = True
            score += SECTOR_WEIGHT
            reasons.append(f"interested in {opening.sector}")
        elif spoken is None:
            reasons.append(f"{opening.sector} is not among their interests or aspirations")
        if spoken is not None:
            wanted = True
            score += ASPIRATION_WEIGHT
            reasons.append(f"their aspirations speak of it (“{spoken}”)")

    if opening.needs_right_to_work:
        on = max(opening.start_date or today, today)
        rtw = person.right_to_work
        expiry = person.right_to_work_expiry
        if rtw == RightToWork.UNLIMITED:
            score += RIGHT_TO_WORK_WEIGHT
            reasons.append("right to work confirmed")
        elif rtw == RightToWork.TIME_LIMITED and expiry is None:
            reasons.append("right to work has no expiry date on file: check it")
        elif rtw == RightToWork.TIME_LIMITED and expiry is not None and expiry < on:
            fails(f"right to work ran out on {dates.day(expiry)}" if expiry < today else
                  f"right to work runs out on {dates.day(expiry)}, before it starts")
        elif rtw == RightToWork.TIME_LIMITED:
            score += RIGHT_TO_WORK_WEIGHT
            reasons.append(f"right to work confirmed until {dates.day(expiry)}")
        elif rtw == RightToWork.RESTRICTED:
            reasons.append("right to work with restrictions: check they allow this role")
        elif rtw == RightToWork.NONE:
            fails("no right to work")
        else:
            reasons.append("right to work not yet checked")

    if opening.dbs_level is not None:
        words = DBS_WORDS.get(opening.dbs_level, "")
        cleared = person.dbs_cleared
        if cleared is not None and DBS_ORDER[cleared] >= DBS_ORDER.get(opening.dbs_level, 0):
            score += REQUIREMENT_WEIGHT
            reasons.append(f"{DBS_WORDS[cleared]} DBS check already cleared")
        else:
            # A DBS check can be applied for: something to arrange, not a bar.
            reasons.append(f"needs {'an' if words[:1] in 'aeiou' else 'a'} {words} DBS check")

    if opening.english_level is not None:
        asked = opening.english_level.label
        if person.english is None:
            reasons.append(f"English level not recorded ({asked} asked)")
        elif SKILL_ORDER[person.english] >= SKILL_ORDER[opening.english_level]:
            score += REQUIREMENT_WEIGHT
            reasons.append(f"English {person.english.label} meets the {asked} asked")
        else:
            fails(f"English {person.english.label}, below the {asked} asked")

    if opening.location:
        where = opening.location.casefold()
        if where in person.unsafe:
            fails(f"in {opening.location}, where they do not feel safe to travel")
        elif where in person.areas:
            score += REACH_WEIGHT
            reasons.append(f"in {opening.location}, which they can reach")
        else:
            score += OUTSIDE_REACH_WEIGHT
            reasons.append(f"in {opening.location}, outside the areas they can reach")

    if opening.ring_fenced:
        score += RING_FENCED_WEIGHT
        reasons.append("ring-fenced for care leavers")
    if opening.closing_date is not None:
        days = (opening.closing_date - today).days
        reasons.append("closes today" if days == 0 else
                       "closes tomorrow" if days == 1 else
                       f"closes {dates.day(opening.closing_date)}, in {days} days")

    return Match(
        person_id=person.id, person_name=person.name, opportunity_id=opening.id,
        opportunity_title=opening.title, opportunity_type=opening.type, employer_id=opening.employer_id,
        employer_name=opening.employer_name, location=opening.location, closing_date=opening.closing_date,
        score=score, reasons=tuple(reasons), unmet=tuple(unmet), wanted=wanted,
    )


def _rank(matches: list[Match]) -> list[Match]:
    """Those who meet every requirement first, then what they want to do, then by fit, then
    the soonest to close."""
    matches.sort(key=lambda m: (bool(m.unmet), not m.wanted, -m.score, m.closing_date or date.max, m.person_name,
                                m.person_id, m.opportunity_id))
    return matches


@lru_cache(maxsize=16)
def _statement(sql: str):
    # Made once per text: parsing a statement's parameters on every call cost a tenth of
    # matching for one person.
    statement = sql_text(sql)
    return statement.bindparams(bindparam("today", type_=Date)) if ":today" in sql else statement


def candidates(session: Session, person_id: int | None = None) -> list[Candidate]:
    sql, params = PERSON_SQL, _params()
    if person_id is not None:
        sql += " AND p.id = :pid"
        params["pid"] = person_id
    return [_candidate(r) for r in session.connection().execute(_statement(sql), params)]


def openings(session: Session, today: date, opportunity_id: int | None = None) -> list[Opening]:
    sql = OPENING_SQL
    params: dict[str, date | int] = {"today": today}
    if opportunity_id is not None:
        sql += " AND o.id = :oid"
        params["oid"] = opportunity_id
    return [_opening(r) for r in session.connection().execute(_statement(sql), params)]


class MatchingService(Service):
    def opportunities_for(self, *, person_id: int, limit: int | None = None) -> list[Match]:
        """Open opportunities for an open case, best fit first."""
        today = self.today()
        with self._store.read_session() as s:
            found = candidates(s, person_id)
            if not found:
                raise NotFound("young person (or their case is closed)")
            person = found[0]
            already = {o for _p, o in s.connection().execute(
                _statement(ALREADY_SQL + " AND person_id = :pid"), {"pid": person_id})}
            chosen = [o for o in openings(s, today) if o.id not in already]
        ranked = _rank([match(person, o, today) for o in chosen])
        return ranked[:limit] if limit is not None else ranked

    def people_for(self, *, opportunity_id: int, limit: int | None = None) -> list[Match]:
        """Young people with open cases for an open opportunity, best fit first."""
        today = self.today()
        with self._store.read_session() as s:
            found = openings(s, today, opportunity_id)
            if not found:
                raise NotFound("opportunity (or it has closed)")
            opening = found[0]
            already = {p for p, _o in s.connection().execute(
                _statement(ALREADY_SQL + " AND opportunity_id = :oid"), {"oid": opportunity_id})}
            people = [c for c in candidates(s) if c.id not in already]
        ranked = _rank([match(c, opening, today) for c in people])
        return ranked[:limit] if limit is not None else ranked
