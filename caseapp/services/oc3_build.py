"""Working out the statutory return from the records, set-based: a handful of queries a year.

The rules it follows: see oc3.py.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Result, bindparam, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from caseapp import dates
from caseapp.models.codes import AccommodationType, CareLeaverCategory, ClosingReason, EetStatus, Sex, closing_reason
from caseapp.services.caseload import day_value
from caseapp.services.oc3_return import (
    CHILD_PATTERN,
    FIELD_ACCOMMODATION,
    FIELD_CATEGORY,
    FIELD_CHILD,
    FIELD_CLOSED,
    FIELD_CONTACT,
    FIELD_EET,
    FIELD_SEX,
    HIGHER_EDUCATION,
    MONTHS_AFTER,
    MONTHS_BEFORE,
    NOT_APPLICABLE,
    NOT_IN_OC3,
    RETURN_AGES,
    RHOM_MONTHS,
    InTouch,
    Oc3Line,
    Oc3Problem,
    Oc3Return,
    add_months,
    closing_code,
    collection_year,
    ordinal,
)
from caseapp.services.validation import birthday

NOTES = (
    "ETHNIC, UPN, MOTHER and MC_DOB are not kept in caseapp, so those Header columns are left "
    "blank for the council's children's social care system to complete.",
)

PEOPLE_SQL = text("""
SELECT id, given_name, family_name, preferred_name, date_of_birth, sex, child_ref, care_leaver_category,
       closed_on, closed_reason
FROM young_person
WHERE date_of_birth >= :born_from AND date_of_birth <= :born_to
""").bindparams(bindparam("born_from", type_=Date), bindparam("born_to", type_=Date))
# Pairs of (person, day) joined to the spells covering that day. The pairs, and the contact
# windows below, go as one parameter: thousands of rows of two or three values each would pass
# SQLite's limit on parameters as a VALUES list. SQLite reads them from JSON, PostgreSQL from
# arrays; each is that engine's own way to join a list.
_PAIRS = {
    "sqlite": "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:pairs)",
    "postgresql": "SELECT * FROM unnest(CAST(:pids AS bigint[]), CAST(:days AS date[]))",
}
ON_DAY_SQL = """
WITH b(pid, day) AS ({pairs})
SELECT b.pid, x.{columns} FROM b JOIN {table} AS x
  ON x.person_id = b.pid AND x.start_date <= b.day AND (x.end_date IS NULL OR x.end_date > b.day)
"""
_WINDOWS = {
    "sqlite": "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')"
              " FROM json_each(:windows)",
    "postgresql": "SELECT * FROM unnest(CAST(:pids AS bigint[]), CAST(:firsts AS date[]), CAST(:lasts AS date[]))",
}
CONTACTS_SQL = """
WITH w(pid, first, last) AS ({windows})
SELECT w.pid, c.outcome, min(c.happened_at), max(c.happened_at)
FROM w JOIN check_in AS c ON c.person_id = w.pid AND c.happened_at >= w.first AND c.happened_at < w.last
GROUP BY w.pid, c.outcome
"""
HOME_SPELLS_SQL = text("""
SELECT person_id, start_date, end_date FROM accommodation_period
WHERE type = :home AND person_id IN :ids
""").bindparams(bindparam("ids", expanding=True))
LAST_SPOKE_SQL = text("""
SELECT person_id, max(happened_at) FROM check_in
WHERE outcome = 'spoke' AND person_id IN :ids
GROUP BY person_id
""").bindparams(bindparam("ids", expanding=True))


def _engine(conn: Connection) -> str:
    return "sqlite" if conn.dialect.name == "sqlite" else "postgresql"


def _on_day(conn: Connection, people: list[_Person], columns: str, table: str) -> Result[int, Any, Any]:
    engine = _engine(conn)
    sql = text(ON_DAY_SQL.format(pairs=_PAIRS[engine], columns=columns, table=table))
    if engine == "sqlite":
        return conn.execute(sql, {"pairs": json.dumps([[p.id, p.birthday.isoformat()] for p in people])})
    return conn.execute(sql, {"pids": [p.id for p in people], "days": [p.birthday for p in people]})


def _contacts(conn: Connection, windows: list[tuple[int, date, date]]) -> Result[int, str, Any, Any]:
    engine = _engine(conn)
    sql = text(CONTACTS_SQL.format(windows=_WINDOWS[engine]))
    if engine == "sqlite":
        spans = [[pid, a.isoformat(), b.isoformat()] for pid, a, b in windows]
        return conn.execute(sql, {"windows": json.dumps(spans)})
    return conn.execute(sql, {"pids": [w[0] for w in windows], "firsts": [w[1] for w in windows],
                              "lasts": [w[2] for w in windows]})


@dataclass
class _Person:
    id: int
    name: str
    born: date
    sex: Sex | None
    child: str | None
    category: CareLeaverCategory | None
    closed_on: date | None
    closed_reason: str | None
    age: int = 0
    birthday: date = date.min


_day = day_value


def build_return(session: Session, *, year: int, today: date) -> Oc3Return:
    """The whole return and its problems, read in one session (set-based: a handful of queries)."""
    start, end = collection_year(year)
    # Born between the 21st birthday at the year's start and the 17th at its end, with a
    # day's slack either side for 29 February.
    params = {"born_from": date(start.year - 21, 2, 28), "born_to": date(end.year - 17, 4, 1)}
    people: list[_Person] = []
    for pid, given, family, preferred, born, sex, child, category, closed_on, reason in (
        session.connection().execute(PEOPLE_SQL, params)
    ):
        person = _Person(
            id=pid, name=f"{preferred or given} {family}", born=day_value(born),  # type: ignore[arg-type]
            sex=Sex(sex) if sex else None, child=child, category=CareLeaverCategory(category) if category else None,
            closed_on=_day(closed_on), closed_reason=reason,
        )
        for age in RETURN_AGES:
            day = birthday(person.born, age)
            if start <= day <= end:
                person.age, person.birthday = age, day
                people.append(person)
                break
    people.sort(key=lambda p: (p.child or "", p.id))

    not_included = [
        Oc3Problem(p.id, p.name, FIELD_CATEGORY,
                   f"Not in the return: a {p.category.label.lower()} care leaver, whom OC3 does not cover.")
        for p in people if p.category in NOT_IN_OC3
    ]
    people = [p for p in people if p.category not in NOT_IN_OC3]
    # A record added by mistake is nobody to report on; said, so nobody wonders where it went.
    made_in_error = [
        p for p in people if p.closed_on and closing_reason(p.closed_reason) == ClosingReason.CREATED_IN_ERROR
    ]
    not_included += [
        Oc3Problem(p.id, p.name, FIELD_CLOSED, "Not in the return: the record was closed as created in error.")
        for p in made_in_error
    ]
    in_error = {p.id for p in made_in_error}
    people = [p for p in people if p.id not in in_error]

    conn = session.connection()
    eet: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pid, status, began in _on_day(conn, people, "status, x.start_date", "eet_status_period"):
        eet[pid].append((status, began))
    homes: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for pid, kind, suitable in _on_day(conn, people, "type, x.suitable", "accommodation_period"):
        homes[pid].append((kind, suitable))
    windows = [
        (p.id, add_months(p.birthday, -MONTHS_BEFORE),
         add_months(p.birthday, MONTHS_AFTER) + timedelta(days=1))
        for p in people
    ]
    contacts: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
    for pid, outcome, first, last in _contacts(conn, windows):
        contacts[pid][outcome] = (first, last)
    died = [p.id for p in people if p.closed_on and closing_code(p.closed_reason) == InTouch.DIED]
    # ISO text from SQLite, a datetime from PostgreSQL: _day reads either.
    last_spoke: dict[int, str | date] = dict(conn.execute(LAST_SPOKE_SQL, {"ids": died}).fetchall()) if died else {}
    went_home = [p.id for p in people if p.closed_on and closing_code(p.closed_reason) == InTouch.RHOM]
    home_spells: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    if went_home:
        for pid, began, ended in conn.execute(HOME_SPELLS_SQL, {
            "home": AccommodationType.PARENTS_RELATIVES.value, "ids": went_home,
        }):
            home_spells[pid].append((day_value(began), _day(ended)))  # type: ignore[arg-type]

    problems: list[Oc3Problem] = []
    lines: list[Oc3Line] = []
    children = Counter(p.child.strip().upper() for p in people if p.child)
    for p in people:
        found: list[Oc3Problem] = []

        def problem(field: str, sentence: str) -> None:
            found.append(Oc3Problem(p.id, p.name, field, sentence))  # noqa: B023 - used at once

        _identity_problems(p, children, problem)
        codes = _codes(p, today, eet.get(p.id, []), homes.get(p.id, []), contacts.get(p.id, {}),
                       last_spoke.get(p.id), home_spells.get(p.id, []), problem)
        problems.extend(found)
        in_touch, activ, accom = codes if codes else ("", "", "")
        child = (p.child or "").strip()
        lines.append(Oc3Line(
            # An identifier that is not one is never written: it may be anything, a formula too.
            person_id=p.id, child=child if CHILD_PATTERN.fullmatch(child) else "",
            sex=p.sex.value if p.sex else "", dob=p.born,
            age=p.age, birthday=p.birthday, in_touch=in_touch, activ=activ, accom=accom,
        ))
    return Oc3Return(
        year=year, period_start=start, period_end=end, lines=tuple(lines), problems=tuple(problems),
        not_included=tuple(not_included), notes=NOTES,
    )


# Says one problem with a young person's return: the field it is about and the sentence.
Problem = Callable[[str, str], None]


def _identity_problems(p: _Person, children: Counter[str], problem: Problem) -> None:
    if not p.child or not p.child.strip():
        problem(FIELD_CHILD, "The child identifier (CHILD) used in the return is not recorded.")
    elif not CHILD_PATTERN.fullmatch(p.child.strip()):
        problem(FIELD_CHILD, "The child identifier may only hold letters, digits, '-', '/' and '_' (up to 20).")
    elif children[p.child.strip().upper()] > 1:
        problem(FIELD_CHILD, "The child identifier is also recorded for another young person; each child appears once.")
    if p.sex is None:
        problem(FIELD_SEX, "Sex is not recorded (the Header needs M, F or U for not known).")
    if p.category is None:
        problem(FIELD_CATEGORY, "The care-leaver category is not recorded, so it is not known whether OC3 covers them.")


def home_since(spells: list[tuple[date, date | None]], day: date) -> date | None:
    """The first day of the unbroken stay (one spell or several end to end) that covers `day`."""
    since = None
    while covering := [began for began, ended in spells if began <= day and (ended is None or ended > day)]:
        since = min(covering)
        day = since - timedelta(days=1)
    return since


def _codes(
    p: _Person,
    today: date,
    eet: list[tuple[str, str]],
    homes: list[tuple[str, int]],
    contacts: dict[str, tuple[str, str]],
    last_spoke: str | date | None,
    home_spells: list[tuple[date, date | None]],
    problem: Problem,
) -> tuple[str, str, str] | None:
    """IN_TOUCH, ACTIV and ACCOM, or None (and a problem) when they cannot be known yet."""
    b = p.birthday
    which = f"their {ordinal(p.age)} birthday ({dates.day(b)})"
    window_end = add_months(b, MONTHS_AFTER)
    closed = closing_code(p.closed_reason) if p.closed_on else None
    if b > today:
        problem(FIELD_CONTACT, f"The return covers {which}, which has not come yet: complete it after then.")
        return None
    if closed in (InTouch.DIED, InTouch.NREQ) and p.closed_on <= b:  # type: ignore[operator]
        if closed == InTouch.DIED and last_spoke and _day(last_spoke) > p.closed_on:  # type: ignore[operator]
            problem(FIELD_CLOSED, f"The case was closed because they died on {dates.day(p.closed_on)}, "
                                  f"but a later contact says the worker spoke with them: correct one or the other.")
            return None
        return (closed.value, NOT_APPLICABLE, NOT_APPLICABLE)
    if closed == InTouch.RHOM and p.closed_on <= b:  # type: ignore[operator]
        if not homes:
            problem(FIELD_ACCOMMODATION, f"The case was closed as returned home, but no accommodation is recorded on "
                                         f"{which}: record their stay with parents or relatives from the day it began.")
            return None
        if len(homes) > 1:
            problem(
                FIELD_ACCOMMODATION, f"Two accommodation records overlap on {which}: end one where the other begins."
            )
            return None
        if homes[0][0] != AccommodationType.PARENTS_RELATIVES.value:
            problem(FIELD_ACCOMMODATION, f"The case was closed as returned home, but the accommodation on {which} "
                                         f"is '{AccommodationType(homes[0][0]).label}': correct one or the other.")
            return None
        since = home_since(home_spells, b)
        if since is not None and since <= add_months(b, -RHOM_MONTHS):
            return (InTouch.RHOM.value, NOT_APPLICABLE, NOT_APPLICABLE)
        # Home for less than six months on the birthday: not RHOM; the contacts decide.
    if "spoke" in contacts:
        in_touch = InTouch.YES
    elif closed == InTouch.REFU and p.closed_on <= window_end:  # type: ignore[operator]
        in_touch = InTouch.REFU
    elif window_end >= today:
        problem(FIELD_CONTACT, f"No contact yet around {which}; the window for it runs to {dates.day(window_end)}.")
        return None
    else:
        in_touch = InTouch.NO
    if in_touch != InTouch.YES:
        return (in_touch.value, NOT_APPLICABLE, NOT_APPLICABLE)

    ok = True
    if not eet:
        problem(FIELD_EET, f"No EET status is recorded on {which}.")
        ok = False
    elif len(eet) > 1:
        problem(FIELD_EET, f"Two EET statuses overlap on {which}: end one where the other begins.")
        ok = False
    elif p.age < 18 and EetStatus(eet[0][0]) in HIGHER_EDUCATION:
        problem(FIELD_EET, f"Higher education is recorded on {which}, before they turned 18: check the EET status.")
        ok = False
    if not homes:
        problem(FIELD_ACCOMMODATION, f"No accommodation is recorded on {which}.")
        ok = False
    elif len(homes) > 1:
        problem(FIELD_ACCOMMODATION, f"Two accommodation records overlap on {which}: end one where the other begins.")
        ok = False
    else:
        kind, suitable = AccommodationType(homes[0][0]), bool(homes[0][1])
        if kind in (AccommodationType.NO_FIXED_ABODE, AccommodationType.CUSTODY) and suitable:
            problem(
                FIELD_ACCOMMODATION, f"'{kind.label}' on {which} is recorded as suitable; it never is in the return."
            )
            ok = False
        elif kind == AccommodationType.FORMER_FOSTER_CARERS and p.age == 17:
            problem(FIELD_ACCOMMODATION, f"'{kind.label}' is recorded on {which}; the return allows it only from 18.")
            ok = False
    if not ok:
        return None
    code, fit = homes[0]
    return (InTouch.YES.value, eet[0][0], f"{code}{1 if fit else 2}")
