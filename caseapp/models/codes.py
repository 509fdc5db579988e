"""Every code the domain uses, as enums whose values are what is stored.

Labels are plain English for screens and reports. Where a statutory return uses a code
(SSDA903 OC3 ACTIV and ACCOM), the stored value *is* that code.
"""

from __future__ import annotations

import enum


class LabelledEnum(enum.StrEnum):
    """A stored value plus a label; `label` is what people read."""

    # Annotated without a value so that it is an attribute of each member, not a member.
    label: str

    def __new__(cls, value: str, label: str = "") -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value.replace("_", " ").capitalize()
        return member


class StepType(LabelledEnum):
    CV_SUPPORT = "cv_support", "CV support"
    MOCK_INTERVIEW = "mock_interview", "Mock interview"
    CAREERS_EVENT = "careers_event", "Careers event"
    WORKPLACE_TOUR = "workplace_tour", "Workplace tour"
    TASTER = "taster", "Taster"
    WORK_EXPERIENCE = "work_experience", "Work experience"
    PAID_PLACEMENT = "paid_placement", "Paid placement"
    INTERNSHIP = "internship", "Internship"
    PRE_APPRENTICESHIP = "pre_apprenticeship", "Pre-apprenticeship"
    APPRENTICESHIP = "apprenticeship", "Apprenticeship"
    JOB = "job", "Job"
    COURSE_ESOL = "course_esol", "Course: ESOL"
    COURSE_ENGLISH_MATHS = "course_english_maths", "Course: English and maths"
    COURSE_CSCS = "course_cscs", "Course: CSCS card"
    COURSE_OTHER = "course_other", "Course: other"
    VOLUNTEERING = "volunteering", "Volunteering"


# Steps that are employment: they get sustainment checks and count as "in work".
EMPLOYMENT_STEPS = frozenset({StepType.JOB, StepType.APPRENTICESHIP})
# Steps that are placements for cadence purposes (weekly contact in the first four weeks).
PLACEMENT_STEPS = frozenset(
    {
        StepType.WORK_EXPERIENCE,
        StepType.PAID_PLACEMENT,
        StepType.INTERNSHIP,
        StepType.PRE_APPRENTICESHIP,
        StepType.APPRENTICESHIP,
        StepType.JOB,
    }
)
# Paid steps: nobody is taken on for pay without a right to work on file (a legal requirement).
PAID_STEPS = frozenset({StepType.PAID_PLACEMENT, StepType.INTERNSHIP, StepType.APPRENTICESHIP, StepType.JOB})
SUSTAINMENT_WEEKS = (4, 13, 26, 52)


class StepStatus(LabelledEnum):
    PLANNED = "planned", "Planned"
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    WAITING_TO_START = "waiting_to_start", "Waiting to start"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    ENDED_EARLY = "ended_early", "Ended early"
    WITHDRAWN = "withdrawn", "Withdrawn"


ALLOWED_TRANSITIONS: dict[StepStatus, frozenset[StepStatus]] = {
    StepStatus.PLANNED: frozenset(
        {StepStatus.OFFERED, StepStatus.ACCEPTED, StepStatus.WAITING_TO_START,
         StepStatus.IN_PROGRESS, StepStatus.WITHDRAWN}
    ),
    StepStatus.OFFERED: frozenset(
        {StepStatus.ACCEPTED, StepStatus.WAITING_TO_START, StepStatus.IN_PROGRESS,
         StepStatus.WITHDRAWN}
    ),
    StepStatus.ACCEPTED: frozenset(
        {StepStatus.WAITING_TO_START, StepStatus.IN_PROGRESS, StepStatus.WITHDRAWN}
    ),
    StepStatus.WAITING_TO_START: frozenset({StepStatus.IN_PROGRESS, StepStatus.WITHDRAWN}),
    StepStatus.IN_PROGRESS: frozenset({StepStatus.COMPLETED, StepStatus.ENDED_EARLY}),
    StepStatus.COMPLETED: frozenset(),
    StepStatus.ENDED_EARLY: frozenset(),
    StepStatus.WITHDRAWN: frozenset(),
}


class ReferralSource(LabelledEnum):
    PERSONAL_ADVISER = "personal_adviser", "Personal Adviser"
    DWP_JOBCENTRE = "dwp_jobcentre", "DWP / Jobcentre"
    VIRTUAL_SCHOOL = "virtual_school", "Virtual School"
    COLLEGE = "college", "College"
    SELF = "self", "Self-referral"
    OTHER = "other", "Other"


class CareLeaverCategory(LabelledEnum):
    ELIGIBLE = "eligible", "Eligible"
    RELEVANT = "relevant", "Relevant"
    FORMER_RELEVANT = "former_relevant", "Former relevant"
    QUALIFYING = "qualifying", "Qualifying"


class Sex(LabelledEnum):
    """SSDA903 Header SEX from 2024-25."""

    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known or not stated"


class ImmigrationStatus(LabelledEnum):
    BRITISH_OR_IRISH = "british_or_irish", "British or Irish citizen"
    SETTLED = "settled", "Settled status / indefinite leave"
    PRE_SETTLED = "pre_settled", "Pre-settled status"
    REFUGEE = "refugee", "Refugee status"
    HUMANITARIAN = "humanitarian_protection", "Humanitarian protection"
    LIMITED_LEAVE = "limited_leave", "Limited leave to remain"
    ASYLUM_SEEKER = "asylum_seeker", "Asylum claim pending"
    APPEAL_RIGHTS_EXHAUSTED = "appeal_rights_exhausted", "Appeal rights exhausted"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Not known"


class RightToWork(LabelledEnum):
    UNLIMITED = "unlimited", "Yes, no time limit"
    TIME_LIMITED = "time_limited", "Yes, until an expiry date"
    RESTRICTED = "restricted", "Yes, with restrictions"
    NONE = "none", "No right to work"
    NOT_CHECKED = "not_checked", "Not yet checked"


class SkillLevel(LabelledEnum):
    ENTRY_1 = "entry_1", "Entry 1"
    ENTRY_2 = "entry_2", "Entry 2"
    ENTRY_3 = "entry_3", "Entry 3"
    LEVEL_1 = "level_1", "Level 1"
    LEVEL_2_PLUS = "level_2_plus", "Level 2 or above"


class DigitalAccess(LabelledEnum):
    FULL = "full", "Own device and data"
    DEVICE_NO_DATA = "device_no_data", "Own device, little or no data"
    SHARED = "shared", "Shared or borrowed device"
    NONE = "none", "No digital access"


class NeedCategory(LabelledEnum):
    """Barriers and support needs."""

    HOUSING = "housing", "Housing"
    TRANSPORT = "transport", "Transport and travel costs"
    MENTAL_HEALTH = "mental_health", "Mental health"
    PARENTING = "parenting", "Parenting"
    MONEY = "money", "Money and benefits"
    DISABILITY = "disability", "Disability"
    OFFENDING = "offending", "Offending history"
    EXPLOITATION = "exploitation", "Exploitation risk"
    LANGUAGE = "language", "Language"
    OTHER = "other", "Other"


class EetStatus(LabelledEnum):
    """Education, employment or training: stored as the OC3 ACTIV code."""

    HIGHER_EDUCATION_FT = "F1", "Higher education, full time"
    HIGHER_EDUCATION_PT = "P1", "Higher education, part time"
    OTHER_EDUCATION_FT = "F2", "Other education, full time"
    OTHER_EDUCATION_PT = "P2", "Other education, part time"
    APPRENTICESHIP_FT = "F4", "Apprenticeship, full time"
    APPRENTICESHIP_PT = "P4", "Apprenticeship, part time"
    EMPLOYMENT_FT = "F5", "Training or employment, full time"
    EMPLOYMENT_PT = "P5", "Training or employment, part time"
    NEET_ILLNESS = "G4", "NEET: illness or disability"
    NEET_OTHER = "G5", "NEET: other"
    NEET_PARENTING = "G6", "NEET: pregnancy or parenting"

    @property
    def is_neet(self) -> bool:
        return self.value.startswith("G")


class AccommodationType(LabelledEnum):
    """Stored as the OC3 ACCOM letter; suitability is a separate column."""

    PARENTS_RELATIVES = "B", "With parents or relatives"
    COMMUNITY_HOME = "C", "Community home or other residential care"
    SEMI_INDEPENDENT = "D", "Semi-independent, transitional"
    SUPPORTED_LODGINGS = "E", "Supported lodgings"
    GONE_ABROAD = "G", "Gone abroad"
    DEPORTED = "H", "Deported"
    ORDINARY_LODGINGS = "K", "Ordinary lodgings"
    NOT_KNOWN = "R", "Residence not known"
    NO_FIXED_ABODE = "S", "No fixed abode / homeless"
    FOYER = "T", "Foyer"
    INDEPENDENT = "U", "Independent living"
    EMERGENCY = "V", "Emergency accommodation"
    BED_AND_BREAKFAST = "W", "Bed and breakfast"
    CUSTODY = "X", "In custody"
    OTHER = "Y", "Other"
    FORMER_FOSTER_CARERS = "Z", "With former foster carers"


class CheckInMethod(LabelledEnum):
    FACE_TO_FACE = "face_to_face", "Face to face"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video call"
    MESSAGE = "message", "Message"
    HOME_VISIT = "home_visit", "Home visit"
    DROP_IN = "drop_in", "Drop-in"


class CheckInOutcome(LabelledEnum):
    SPOKE = "spoke", "Spoke"
    NO_ANSWER = "no_answer", "No answer"
    MESSAGE_LEFT = "message_left", "Message left"
    DECLINED = "declined", "Declined contact"


class VettingNeed(LabelledEnum):
    RIGHT_TO_WORK = "right_to_work", "Right to work"
    IDENTITY = "identity", "Proof of identity"
    DBS_BASIC = "dbs_basic", "DBS: basic"
    DBS_STANDARD = "dbs_standard", "DBS: standard"
    DBS_ENHANCED = "dbs_enhanced", "DBS: enhanced"
    REFERENCES = "references", "References"
    ADDRESS_HISTORY = "address_history", "Address history"


# A legal requirement can be evidenced differently, never waived.
LEGAL_REQUIREMENTS = frozenset({VettingNeed.RIGHT_TO_WORK})


class VettingOutcome(LabelledEnum):
    PENDING = "pending", "Pending"
    MET_AS_STANDARD = "met_as_standard", "Met the standard way"
    ALTERNATIVE_ACCEPTED = "alternative_accepted", "Alternative accepted"
    NOT_MET = "not_met", "Not met"


class WorkerRole(LabelledEnum):
    EMPLOYABILITY_WORKER = "employability_worker", "Employability worker"
    PERSONAL_ADVISER = "personal_adviser", "Personal Adviser"
    TEAM_LEAD = "team_lead", "Team lead"


class ClosingReason(LabelledEnum):
    """Why a case was closed, offered in this order (the likeliest first, never "Died").

    Stored as the label at the start of the closing reason, which the worker may go on
    after; the statutory return (OC3) reads DIED, RHOM, NREQ and REFU from it.
    """

    NO_LONGER_REQUIRES = "NREQ", "No longer requires leaving-care services"
    REFUSES_CONTACT = "REFU", "Refuses contact"
    RETURNED_HOME = "RHOM", "Returned home to live with parents for six months or more"
    DIED = "DIED", "Died"
    # A record added by mistake (a duplicate, a slip): no young person to report on.
    CREATED_IN_ERROR = "created_in_error", "Created in error"


def closing_reason(text: str | None) -> ClosingReason | None:
    """The standard reason a closing reason starts with, if any."""
    folded = (text or "").strip().casefold()
    for reason in ClosingReason:
        if folded and folded.startswith(reason.label.casefold()):
            return reason
    return None


class AuditAction(LabelledEnum):
    CREATED = "created", "Created"
    UPDATED = "updated", "Changed"
    CLOSED = "closed", "Closed"
    REOPENED = "reopened", "Reopened"
    DELETED = "deleted", "Deleted"
    PRINTED = "printed", "Printed"
    EXPORTED = "exported", "Exported"
