"""A synthetic caseload for demos, training and benchmarks. Every name here is invented.

Names come from the communities the seed reports describe, with their real diacritics and,
for some, the name as written in the young person's own script. Histories are consistent by
construction: nothing before referral or birth, no job before its offer, EET and
accommodation histories from the 16th birthday to today. Rows are written in bulk (ids
assigned here) because 10,000 people with ~50 events each through one service call per
record would take many minutes; every row still gets its hash-chained audit event and the
people their search tokens.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta

from caseapp import models as m
from caseapp.models.codes import (
    AccommodationType,
    CareLeaverCategory,
    CheckInMethod,
    CheckInOutcome,
    DigitalAccess,
    EetStatus,
    ImmigrationStatus,
    NeedCategory,
    ReferralSource,
    RightToWork,
    Sex,
    SkillLevel,
    StepStatus,
    StepType,
    VettingNeed,
    VettingOutcome,
)
from caseapp.services import audit, summary
from caseapp.services.demo_data import (
    APPRENTICESHIPS_PER_PERSON,
    AREAS,
    COMMUNITIES,
    EMPLOYERS,
    ENDED_REASONS,
    HOSTED,
    LENGTHS,
    MISSED_NOTES,
    NOTES,
    OFFERED,
    PATHWAY,
    PLACEMENTS_PER_PERSON,
    SECTORS,
    SHORT_FORMS,
    TEAM,
    UNPAID_PATHWAY,
    WORK_STATUS,
)
from caseapp.services.demo_writer import Ids, Writer
from caseapp.services.oc3 import CLOSING_REASONS, HIGHER_EDUCATION, InTouch
from caseapp.services.search_index import index_rows
from caseapp.services.validation import age_on, birthday
from caseapp.store import Store

DEMO_PASSPHRASE = "demo caseload passphrase"
# Each employer: its id, its sector and the ids of the opportunities it offers (in OFFERED order).
Employers = list[tuple[int, str, list[int]]]
# Each pathway step written: its id, kind, status and start date (none for one withdrawn or planned).
Steps = list[tuple[int, StepType, StepStatus, date | None]]


def _spans(rng: random.Random, start: date, end: date, low: int, high: int) -> list[tuple[date, date | None]]:
    """Back-to-back periods from start to today; the last is open."""
    spans: list[tuple[date, date | None]] = []
    cursor = start
    while True:
        nxt = cursor + timedelta(days=rng.randint(low, high))
        if nxt >= end:
            spans.append((cursor, None))
            return spans
        spans.append((cursor, nxt))
        cursor = nxt


def build_demo_caseload(
    store: Store,
    *,
    people: int,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Fill an empty store with `people` invented young people, a team and employers."""
    rng = random.Random(seed)
    today = today or date.today()
    now = datetime.now(UTC).replace(microsecond=0)
    with store.session() as s:
        if s.query(m.Worker.id).first() is not None:
            raise ValueError("A demo caseload is only built in an empty store.")
        writer = Writer(Ids(), worker_id=1, prev_hash=audit.last_hash(s), now=now)
        team = [writer.add(m.Worker, None, name=name, role=role, email=email, phone=phone,
                           created_at=now, updated_at=now) for name, role, email, phone in TEAM]
        employers = _employers(rng, writer, today, now, people)
        writer.flush(s)
    counter, batch = 0, 250
    while counter < people:
        with store.session() as s:
            first = counter + 1
            for _ in range(min(batch, people - counter)):
                _person(rng, writer, counter, team, employers, today, now)
                counter += 1
            writer.flush(s)
            summary.refresh(s, range(first, counter + 1))
        if progress:
            progress(counter, people)


def _employers(
    rng: random.Random, w: Writer, today: date, now: datetime, people: int
) -> Employers:
    out: Employers = []
    for index, (name, sector) in enumerate(EMPLOYERS):
        eid = w.add(m.Employer, None, name=name, sector=sector, contact_name="Employer contact",
                    contact_email=f"contact{index}@example.com", offers="Virtual tours, tasters, paid placements",
                    created_at=now, updated_at=now)
        opps = []
        for kind in OFFERED:
            start = today + timedelta(days=rng.randint(-200, 120))
            opps.append(w.add(
                m.Opportunity, None, employer_id=eid, type=kind, title=f"{kind.label} in {sector}",
                places=rng.randint(1, 6), start_date=start, closing_date=start - timedelta(days=21),
                pay_pence_per_hour=rng.choice((None, 1000, 1221, 1260, 1385)),
                hours_per_week=rng.choice((16, 25, 30, 37.5)),
                location=rng.choice(AREAS), sector=sector, needs_right_to_work=kind != StepType.TASTER,
                dbs_level=rng.choice((None, VettingNeed.DBS_BASIC, VettingNeed.DBS_ENHANCED)),
                english_level=rng.choice((None, SkillLevel.ENTRY_3, SkillLevel.LEVEL_1)),
                ring_fenced=rng.random() < 0.5, created_at=now, updated_at=now,
            ))
        # Pledges in proportion to the caseload, so that some are met and some fall short at
        # any demo size (delivery is counted from the steps the employer hosts below). One draw
        # per employer, as before, so the rest of the demo stays as it was for a given seed.
        spread = rng.randint(2, 6) / 4
        pledges = [("8-week paid placements for care leavers", StepType.PAID_PLACEMENT, PLACEMENTS_PER_PERSON)]
        if index % 2 == 0:
            pledges.append(
                ("Apprenticeship starts for care leavers", StepType.APPRENTICESHIP, APPRENTICESHIPS_PER_PERSON))
        for measure, kind, rate in pledges:
            w.add(m.EmployerCommitment, None, employer_id=eid, measure=measure, step_type=kind,
                  pledged=max(1, round(people * rate * spread)), contract=f"Contract {100 + index}",
                  period_start=date(today.year - 1, 4, 1), period_end=date(today.year + 1, 3, 31),
                  created_at=now, updated_at=now)
        out.append((eid, sector, opps))
    return out


def _person(
    rng: random.Random, w: Writer, index: int, team: list[int], employers: Employers, today: date, now: datetime
) -> None:
    communities = list(COMMUNITIES.values())
    names = communities[index % len(COMMUNITIES)] if index < 16 else rng.choice(communities)
    given, given_own = rng.choice(names.given)
    family, family_own = rng.choice(names.family)
    own = f"{given_own} {family_own}" if given_own and family_own and rng.random() < 0.6 else None
    born = today - timedelta(days=rng.randint(16 * 365 + 30, 25 * 365 - 5))
    sixteen = birthday(born, 16)
    referral = max(sixteen, today - timedelta(days=rng.randint(30, 1100)))
    rtw = rng.choice(list(RightToWork))
    if index < len(RightToWork):
        rtw = list(RightToWork)[index]
    expiry = today + timedelta(days=rng.randint(-30, 700)) if rtw == RightToWork.TIME_LIMITED else None
    # The pathway service's rule: no paid step under way or lined up without a right to work on
    # file that lasts past its start (upcoming starts here are at most ~270 days away).
    may_work = rtw not in (RightToWork.NONE, RightToWork.NOT_CHECKED) and (
        expiry is None or expiry >= today + timedelta(days=300))
    uasc = names is not COMMUNITIES["British"] and rng.random() < 0.7
    closed_on = today - timedelta(days=rng.randint(0, (today - referral).days)) if rng.random() < 0.04 else None
    # Closing reasons the statutory return reads (services/oc3.py): services no longer needed
    # from 21, otherwise a refusal; the wording after the standard phrase is the worker's own.
    if closed_on is None:
        closed_reason = None
    elif age_on(born, closed_on) >= 21 and index % 2 == 0:
        closed_reason = CLOSING_REASONS[InTouch.NREQ] + ": settled in work"
    else:
        closed_reason = CLOSING_REASONS[InTouch.REFU] + ": moved on, no longer wants support"
    pid = w.add(
        m.YoungPerson, None,
        given_name=given, family_name=family, preferred_name=SHORT_FORMS.get(given) if rng.random() < 0.25 else None,
        own_script_name=own, date_of_birth=born, sex=rng.choice(list(Sex)), child_ref=f"C{100000 + index}",
        worker_id=rng.choice((team[0], team[3])), pa_id=team[1],
        phone=f"07700 9{index % 100000:05d}", email=None, address=None,
        safe_contact=rng.choice((None, "Text first; no calls before noon", "Only via PA", "WhatsApp messages")),
        referral_source=rng.choice(list(ReferralSource)), referral_date=referral,
        care_leaver_category=rng.choice(list(CareLeaverCategory)), uasc=uasc,
        immigration_status=rng.choice(list(ImmigrationStatus)) if uasc else ImmigrationStatus.BRITISH_OR_IRISH,
        right_to_work=rtw, right_to_work_expiry=expiry,
        right_to_work_checked_on=referral if rtw != RightToWork.NOT_CHECKED else None,
        no_recourse_to_public_funds=uasc and rng.random() < 0.2,
        english_level=rng.choice(list(SkillLevel)), maths_level=rng.choice(list(SkillLevel)),
        esol_need=uasc and rng.random() < 0.6, digital_access=rng.choice(list(DigitalAccess)),
        sectors_of_interest=rng.sample(SECTORS, rng.randint(1, 3)),
        aspirations=rng.choice(("Wants to work in a zoo", "Wants a trade", "Wants to be a chef", "Unsure yet",
                                "Wants office work")),
        strengths=rng.choice(("Reliable and kind", "Great with people", "Practical and hands-on", "Quick learner")),
        areas_can_reach=rng.sample(AREAS, rng.randint(1, 4)), places_not_safe=rng.sample(AREAS, rng.randint(0, 1)),
        closed_on=closed_on, closed_reason=closed_reason, created_at=now, updated_at=now,
    )
    person = w.rows[m.YoungPerson][-1]  # as just buffered: indexed as the people service does
    w.tokens.extend(index_rows(pid, (given, family, person["preferred_name"], own),
                               child_ref=person["child_ref"], phone=person["phone"]))

    steps = _pathway(rng, w, pid, index, referral, employers, today, now, PATHWAY if may_work else UNPAID_PATHWAY)
    # From the start of work under way, the EET status says so; the periods before are drawn.
    work = _work_under_way(steps)
    statuses = list(EetStatus)
    drawn_until = work[0] if work else today
    spans = _spans(rng, sixteen, drawn_until, 90, 500) if drawn_until > sixteen else []
    for n, (start, end) in enumerate(spans):
        status = statuses[(index + n) % len(statuses)] if index < 22 else rng.choice(statuses)
        if status in HIGHER_EDUCATION and start < birthday(born, 18):
            # Nobody starts university at 16 or 17: other education instead.
            status = (EetStatus.OTHER_EDUCATION_FT if status == EetStatus.HIGHER_EDUCATION_FT
                      else EetStatus.OTHER_EDUCATION_PT)
        w.add(m.EetStatusPeriod, pid, person_id=pid, status=status, start_date=start,
              end_date=end if end is not None or work is None else work[0])
    if work:
        w.add(m.EetStatusPeriod, pid, person_id=pid, status=WORK_STATUS[work[1]], start_date=max(work[0], sixteen),
              end_date=None)
    for start, end in _spans(rng, sixteen, today, 120, 700):
        kind = rng.choice([a for a in AccommodationType
                           if a != AccommodationType.FORMER_FOSTER_CARERS or start >= birthday(born, 18)])
        # Never suitable in the return (S, X), or not knowable where the home is not known (R).
        unsuitable = (AccommodationType.NO_FIXED_ABODE, AccommodationType.CUSTODY, AccommodationType.NOT_KNOWN)
        suitable = kind not in unsuitable and rng.random() < 0.85
        w.add(m.AccommodationPeriod, pid, person_id=pid, type=kind, suitable=suitable, start_date=start, end_date=end)

    cursor = datetime.combine(referral, time(10)) + timedelta(days=rng.randint(0, 7))
    # Most people were seen recently; some have slipped through (the caseload shows them first).
    gap = rng.randint(0, 12) if rng.random() < 0.8 else rng.randint(13, 60)
    stop = datetime.combine(closed_on or today - timedelta(days=gap), time(9))
    methods, outcomes = list(CheckInMethod), list(CheckInOutcome)
    while cursor < stop:
        outcome = rng.choice(outcomes) if rng.random() < 0.25 else CheckInOutcome.SPOKE
        method, note = rng.choice(methods), rng.choice(NOTES)
        if outcome != CheckInOutcome.SPOKE:
            note = MISSED_NOTES[outcome]
            if outcome == CheckInOutcome.MESSAGE_LEFT and method not in (CheckInMethod.PHONE, CheckInMethod.MESSAGE):
                method = CheckInMethod.PHONE
        w.add(m.CheckIn, pid, person_id=pid, worker_id=rng.choice(team[:2]), happened_at=cursor,
              method=method, outcome=outcome, note=note,
              actions=rng.choice((None, "Send CV to employer", "Book travel pass", "PA to chase ID letter"))
              if outcome == CheckInOutcome.SPOKE else None,
              next_contact_on=None, created_at=now, updated_at=now)
        # The next contact on a working day's hour, between 9 and 4.
        cursor = datetime.combine(cursor.date() + timedelta(days=rng.randint(5, 30)), time(9 + rng.randint(0, 7)))

    needs = []
    for category in rng.sample(list(NeedCategory), rng.randint(1, 3)):
        need = w.add(m.SupportNeed, pid, person_id=pid, category=category,
                     description=f"{category.label}: support agreed with the young person",
                     adjustments=rng.choice((None, "Flexible start times", "Shorter days in week one",
                                             "Travel paid up front")),
                     created_at=now, updated_at=now)
        if rng.random() < 0.7:
            given_on = referral + timedelta(days=rng.randint(0, 30))
            withdrawn = given_on + timedelta(days=rng.randint(10, 200)) if rng.random() < 0.15 else None
            if given_on <= today and (withdrawn is None or withdrawn <= today):
                w.add(m.Consent, pid, need_id=need, given_on=given_on, withdrawn_on=withdrawn, note=None)
                if withdrawn is None:
                    needs.append((need, given_on))

    for step_id, step_kind, step_status, step_start in steps:
        if step_kind in (StepType.PAID_PLACEMENT, StepType.APPRENTICESHIP, StepType.JOB, StepType.INTERNSHIP):
            # The first checks are one of each kind, so that a small demo shows them all.
            made = w.ids.count(m.VettingCheck.__tablename__)
            vetting = list(VettingNeed)[made] if made < len(VettingNeed) else rng.choice(list(VettingNeed))
            # A decision has a date; with no start date to date it from, it is still pending.
            decision = rng.choice(list(VettingOutcome)) if step_start else VettingOutcome.PENDING
            pending, accepted = decision == VettingOutcome.PENDING, decision == VettingOutcome.ALTERNATIVE_ACCEPTED
            decided = step_start - timedelta(days=rng.randint(3, 20)) if step_start and not pending else None
            if decided and decided > today:
                decided = today
            w.add(m.VettingCheck, pid, person_id=pid, step_id=step_id, need=vetting, outcome=decision,
                  blocker=rng.choice(("No passport", "No five-year address history", "No referees")),
                  alternative="Letter from the council confirming identity" if accepted else None,
                  how_met="Home Office share code checked online"
                  if vetting == VettingNeed.RIGHT_TO_WORK and not pending else None,
                  approved_by="Employer safeguarding lead" if accepted else None,
                  employer_signed_off_by="HR manager" if not pending else None,
                  decided_on=decided, review_on=decided + timedelta(days=180) if decided else None,
                  created_at=now, updated_at=now)
            if step_status in (StepStatus.IN_PROGRESS, StepStatus.WAITING_TO_START) and rng.random() < 0.6:
                built = min(today, (step_start or today) - timedelta(days=3))
                hid = w.add(m.HandOff, pid, step_id=step_id, person_id=pid, built_on=max(built, referral),
                            line_manager="Line manager", hr_contact="HR team",
                            adjustments="Flexible start times in the first month",
                            first_two_weeks="Day 1: tour and buddy. Week 1: shadowing. "
                            "Week 2: own tasks with check-ins.",
                            keep_in_touch="Weekly call between worker and manager for the first month",
                            if_difficult="Call the worker first; no formal action without talking together",
                            mentor="Named mentor for six months", strengths="Reliable and kind",
                            created_at=now, updated_at=now)
                for need, given_on in needs:
                    if given_on <= max(built, referral):  # only consent in force when it was built
                        w.add(m.HandOffItem, pid, hand_off_id=hid, need_id=need)


def _work_under_way(steps: Steps) -> tuple[date, StepType] | None:
    """The start and kind of the latest work in progress (a job, placement...), if any."""
    started = [(start, kind) for _sid, kind, status, start in steps
               if status == StepStatus.IN_PROGRESS and start and kind in WORK_STATUS]
    return max(started) if started else None


def _with_employer(rng: random.Random, employers: Employers, kind: StepType) -> tuple[int, int, str]:
    """An employer, the opportunity of this kind it offers (any, for a kind none offers) and
    the step's title, as the opportunity is called."""
    employer_id, sector, opps = rng.choice(employers)
    opportunity_id = opps[OFFERED.index(kind)] if kind in OFFERED else rng.choice(opps)
    return employer_id, opportunity_id, f"{kind.label} in {sector}"


UPCOMING = (StepStatus.PLANNED, StepStatus.OFFERED, StepStatus.ACCEPTED, StepStatus.WAITING_TO_START)
FINISHED = (StepStatus.COMPLETED, StepStatus.ENDED_EARLY, StepStatus.WITHDRAWN)


def _pathway(rng: random.Random, w: Writer, pid: int, index: int, referral: date, employers: Employers,
             today: date, now: datetime, stages: Sequence[Sequence[StepType]] = PATHWAY) -> Steps:
    steps: Steps = []
    cursor = referral + timedelta(days=rng.randint(3, 20))
    depth = rng.randint(1, len(stages))
    if index < 12:
        # The first people go all the way, so that even a small demo shows every kind of step.
        depth = len(stages)
    for stage in stages[:depth]:
        kind = stage[index % len(stage)] if index < 40 else rng.choice(stage)
        employer_id, opportunity_id, title = None, None, kind.label
        if kind in HOSTED:
            employer_id, opportunity_id, title = _with_employer(rng, employers, kind)
        length = LENGTHS.get(kind, rng.randint(1, 30))
        begins = cursor + timedelta(days=rng.randint(0, 40 if kind not in (StepType.INTERNSHIP,) else 270))
        ends = begins + timedelta(days=length)
        if begins > today:
            status = rng.choice(UPCOMING)
        elif ends > today:
            status = StepStatus.IN_PROGRESS
        else:
            status = rng.choices((StepStatus.COMPLETED, StepStatus.ENDED_EARLY, StepStatus.WITHDRAWN), (8, 1, 1))[0]
        if status == StepStatus.ENDED_EARLY:
            ends = begins + timedelta(days=rng.randint(1, max(1, min(length, (today - begins).days))))
        offered: date | None = cursor
        start: date | None = begins
        end: date | None = ends
        if status == StepStatus.WITHDRAWN:
            start, end = None, None
        if status in (StepStatus.PLANNED,):
            offered = None
        if status == StepStatus.IN_PROGRESS or (start and start > today):
            end = None if kind in (StepType.JOB,) else end
        sid = w.add(
            m.PathwayStep, pid, person_id=pid, type=kind, status=status, title=title,
            employer_id=employer_id, opportunity_id=opportunity_id,
            provider=None if employer_id else "Leaving care team",
            offered_on=offered if offered and offered <= today else None, start_date=start,
            end_date=end if status != StepStatus.IN_PROGRESS else None,
            hours_per_week=rng.choice((None, 16, 25, 30, 37.5)) if employer_id else None,
            pay_pence_per_hour=rng.choice((None, 1000, 1221, 1260, 1385)) if employer_id else None,
            ring_fenced=bool(employer_id) and rng.random() < 0.5,
            apprenticeship_level=rng.choice((2, 3)) if kind == StepType.APPRENTICESHIP else None,
            mentor="Named mentor" if employer_id and rng.random() < 0.5 else None,
            line_manager="Line manager" if employer_id else None, line_manager_contact=None,
            outcome="Completed well" if status == StepStatus.COMPLETED else None,
            ended_reason=rng.choice(ENDED_REASONS) if status in (StepStatus.ENDED_EARLY, StepStatus.WITHDRAWN)
            else None,
            created_at=now, updated_at=now,
        )
        steps.append((sid, kind, status, start))
        if (kind in (StepType.JOB, StepType.APPRENTICESHIP) and start
                and status in (StepStatus.IN_PROGRESS, StepStatus.COMPLETED)):
            for week in (4, 13, 26, 52):
                due = start + timedelta(weeks=week)
                checked = due if due <= today and rng.random() < 0.8 else None
                w.add(m.SustainmentCheck, pid, step_id=sid, week=week, due_on=due, checked_on=checked,
                      sustained=(rng.random() < 0.85) if checked else None, note=None)
        if status in UPCOMING:
            break
        cursor = (end or today) if status != StepStatus.IN_PROGRESS else today
        if cursor >= today:
            break
        cursor += timedelta(days=rng.randint(1, 20))
    if all(step[2] in FINISHED for step in steps) and (index < 8 or rng.random() < 0.3):
        # Keep in touch when nothing is happening: a next step lined up, not started yet.
        kind = rng.choice(stages[min(depth, len(stages) - 1)])
        status = UPCOMING[index % len(UPCOMING)] if index < 8 else rng.choice(UPCOMING)
        employer_id, opportunity_id, title = None, None, kind.label
        if kind in HOSTED:
            employer_id, opportunity_id, title = _with_employer(rng, employers, kind)
        waiting = status in (StepStatus.ACCEPTED, StepStatus.WAITING_TO_START)
        start = today + timedelta(days=rng.randint(7, 270)) if waiting else None
        sid = w.add(
            m.PathwayStep, pid, person_id=pid, type=kind, status=status, title=title,
            employer_id=employer_id, opportunity_id=opportunity_id,
            provider=None if employer_id else "Leaving care team",
            offered_on=None if status == StepStatus.PLANNED else min(today, cursor), start_date=start, end_date=None,
            hours_per_week=None, pay_pence_per_hour=None, ring_fenced=False,
            apprenticeship_level=rng.choice((2, 3)) if kind == StepType.APPRENTICESHIP else None,
            mentor=None, line_manager=None, line_manager_contact=None, outcome=None, ended_reason=None,
            created_at=now, updated_at=now,
        )
        steps.append((sid, kind, status, start))
    return steps
