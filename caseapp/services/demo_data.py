"""What a demo caseload is made of: invented names (with their own scripts), places, employers and notes.

Every name here is invented; demo.py builds the caseload from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from caseapp.models.codes import (
    PAID_STEPS,
    CheckInOutcome,
    EetStatus,
    StepType,
    WorkerRole,
)


@dataclass(frozen=True)
class NameSet:
    given: tuple[tuple[str, str | None], ...]  # (Latin, own script or None)
    family: tuple[tuple[str, str | None], ...]


COMMUNITIES: dict[str, NameSet] = {
    "Eritrean (Tigrinya)": NameSet(
        given=(("Semhar", "ሰምሃር"), ("Yonas", "ዮናስ"), ("Tesfay", "ተስፋይ"), ("Helen", "ሄለን"), ("Filmon", "ፊልሞን"),
               ("Luwam", "ሉዋም")),
        family=(("Tekle", "ተኽለ"), ("Gebremedhin", "ገብረመድህን"), ("Haile", "ሃይለ"), ("Berhane", "በርሀነ"), ("Kidane", "ኪዳነ")),
    ),
    "Sudanese Arabic": NameSet(
        given=(("Mohamed", "محمد"), ("Abdelrahman", "عبد الرحمن"), ("Amna", "آمنة"), ("Osman", "عثمان"),
               ("Hiba", "هبة")),
        family=(("Elhassan", "الحسن"), ("Abdalla", "عبد الله"), ("Ibrahim", "إبراهيم"), ("Osman", "عثمان")),
    ),
    "Syrian Arabic": NameSet(
        given=(("Rama", "راما"), ("Yazan", "يزن"), ("Lana", "لانا"), ("Khaled", "خالد"), ("Nour", "نور")),
        family=(("Al-Hariri", "الحريري"), ("Haddad", "حداد"), ("Darwish", "درويش"), ("Al-Masri", "المصري")),
    ),
    "Afghan (Pashto and Dari)": NameSet(
        given=(("Ahmad", "احمد"), ("Zarghuna", "زرغونه"), ("Mirwais", "میرویس"), ("Farid", "فرید"),
               ("Gulalai", "ګلالۍ")),
        family=(("Ahmadzai", "احمدزی"), ("Stanekzai", "ستانکزی"), ("Rahimi", "رحیمی"), ("Karimi", "کریمی")),
    ),
    "Vietnamese": NameSet(
        given=(("Minh", None), ("Thảo", None), ("Đức", None), ("Phương", None), ("Hùng", None), ("Ngọc", None)),
        family=(("Nguyễn", None), ("Trần", None), ("Phạm", None), ("Đặng", None), ("Lê", None)),
    ),
    "Albanian": NameSet(
        given=(("Arbër", None), ("Besjana", None), ("Dritë", None), ("Ërmal", None), ("Klodian", None)),
        family=(("Hoxha", None), ("Shehu", None), ("Çela", None), ("Gjoka", None), ("Dervishi", None)),
    ),
    "Kurdish": NameSet(
        given=(("Şêrko", None), ("Hêvî", None), ("Rêbîn", None), ("Jînda", None), ("Dilan", None)),
        family=(("Ehmed", None), ("Barzanî", None), ("Qadir", None), ("Şêxo", None)),
    ),
    "British": NameSet(
        given=(("Jayden", None), ("Chloe", None), ("Kai", None), ("Megan", None), ("Siân", None), ("Zoë", None),
               ("Tyler", None)),
        family=(("Smith", None), ("O'Connor", None), ("Brown", None), ("Bell-Jones", None), ("Ó Briain", None),
                ("Walker", None)),
    ),
}
# What people are called for short: a preferred name is a form of their own given name, so
# it agrees with the name in their own script ("Mo" for Mohamed, never "Tess" for Ahmad).
SHORT_FORMS = {
    "Semhar": "Sem", "Tesfay": "Tesfu", "Filmon": "Fil", "Mohamed": "Mo", "Abdelrahman": "Abdi",
    "Osman": "Ossie", "Yazan": "Yaz", "Khaled": "Kal", "Mirwais": "Mir", "Zarghuna": "Zara",
    "Arbër": "Beri", "Klodian": "Klodi", "Besjana": "Besa", "Jayden": "Jay", "Megan": "Meg",
    "Tyler": "Ty", "Phương": "Phuong",
}
# The demo team, in the order their ids are given: (name, role, email, phone).
TEAM = (("Alex Morgan", WorkerRole.EMPLOYABILITY_WORKER, "alex.morgan@example.org", "01245 000 101"),
        ("Priya Shah", WorkerRole.PERSONAL_ADVISER, "priya.shah@example.org", "01245 000 102"),
        ("Tom Reid", WorkerRole.TEAM_LEAD, "tom.reid@example.org", "01245 000 103"),
        ("Grace Okafor", WorkerRole.EMPLOYABILITY_WORKER, "grace.okafor@example.org", "01245 000 104"))
SECTORS = ("construction", "hospitality", "retail", "health and social care", "parks and gardens",
           "animal care", "IT", "facilities management", "logistics", "hair and beauty", "catering")
AREAS = ("Chelmsford", "Basildon", "Colchester", "Harlow", "Southend", "Braintree", "Brentwood", "Witham")
# Each employer in the sector its name suggests, so that matches read sensibly.
EMPLOYERS = (("Parks and Open Spaces", "parks and gardens"), ("County Highways", "construction"),
             ("Greenfield Facilities", "facilities management"), ("Harbour Hotel", "hospitality"),
             ("Riverside Care Homes", "health and social care"), ("Northgate Logistics", "logistics"),
             ("High Street Stores", "retail"), ("Oakwood Builders", "construction"),
             ("FreshBake Cafés", "catering"), ("Brightside IT", "IT"),
             ("Zoo and Wildlife Trust", "animal care"), ("Style Studio Salons", "hair and beauty"))
# The kinds each employer offers an opportunity of, in this order.
OFFERED = (StepType.PAID_PLACEMENT, StepType.APPRENTICESHIP, StepType.JOB, StepType.TASTER)
PLACEMENTS_PER_PERSON = 0.004
APPRENTICESHIPS_PER_PERSON = 0.003
ENDED_REASONS = ("Moved out of area", "Travel costs too high", "Health got in the way", "Found other work",
                 "Not the right fit", "Housing crisis")
NOTES = ("Checked in; all fine.", "Talked about travel to the placement.",
         "Nothing new on the start date; kept in touch.", "Went through the CV together.",
         "Practised interview questions.", "Talked about money and the first pay day.")
# What a worker writes when nobody spoke, by outcome; a message is only left by phone or text.
MISSED_NOTES = {
    CheckInOutcome.NO_ANSWER: "No answer; will try again in a few days.",
    CheckInOutcome.MESSAGE_LEFT: "Left a message asking them to get in touch.",
    CheckInOutcome.DECLINED: "Did not want to talk today; will try again next week.",
}
WORK_STATUS = {StepType.APPRENTICESHIP: EetStatus.APPRENTICESHIP_FT, StepType.JOB: EetStatus.EMPLOYMENT_FT,
               StepType.PAID_PLACEMENT: EetStatus.EMPLOYMENT_FT, StepType.INTERNSHIP: EetStatus.EMPLOYMENT_FT}
# The stages of a demo pathway, one kind of step from each, in order.
PATHWAY = (
    (StepType.CV_SUPPORT,),
    (StepType.MOCK_INTERVIEW, StepType.CAREERS_EVENT),
    (StepType.WORKPLACE_TOUR, StepType.TASTER, StepType.COURSE_ESOL, StepType.COURSE_ENGLISH_MATHS,
     StepType.COURSE_CSCS, StepType.COURSE_OTHER),
    (StepType.WORK_EXPERIENCE, StepType.PAID_PLACEMENT, StepType.INTERNSHIP, StepType.VOLUNTEERING,
     StepType.PRE_APPRENTICESHIP),
    (StepType.APPRENTICESHIP, StepType.JOB),
)
# For someone whose right to work is not on file: no paid step at all (the pathway service
# refuses one lined up or under way, and nobody was paid without the check).
UNPAID_PATHWAY = tuple(tuple(kind for kind in stage if kind not in PAID_STEPS) for stage in PATHWAY[:-1])
# The kinds of step an employer hosts, so the step names one of its opportunities.
HOSTED = (StepType.PAID_PLACEMENT, StepType.APPRENTICESHIP, StepType.JOB, StepType.TASTER, StepType.INTERNSHIP)
LENGTHS = {StepType.APPRENTICESHIP: 730, StepType.JOB: 365, StepType.PAID_PLACEMENT: 56, StepType.INTERNSHIP: 90}
