"""Every field of a young person's profile, declared once: its label, kind, limits, code list,
where it shows (form row, printed label, export header) and the headers an import may give it.

The service's checks (`services/people.py`), the form (`ui/record/person_form.py`), the case
summary's labels (`reports/case_summary.py`) and the export headers are derived from these,
so a new field is declared here, given a column and a migration, and nothing else changes
unless it shows somewhere new (docs/ARCHITECTURE.md, "Adding a field to a young person").
Qt-free, like `caseapp/settings.py`; the labels are marked for the translators the same way.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from caseapp.models.codes import (
    CareLeaverCategory,
    DigitalAccess,
    ImmigrationStatus,
    ReferralSource,
    RightToWork,
    Sex,
    SkillLevel,
)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name Qt's extraction tool finds
    """Marks a label for the translators without importing Qt: the person form shows each
    label through translate() under this context."""
    return text


class Kind(enum.Enum):
    """What a field holds, which decides how it is checked, edited and printed."""

    LINE = "line"  # one line of text
    TEXT = "text"  # free text over several lines
    CODE = "code"  # one of a code list
    DAY = "day"  # a date
    BIRTH_DATE = "birth_date"  # a date of birth (age-checked)
    FLAG = "flag"  # yes or no
    WORDS = "words"  # a list of short phrases, typed separated by commas
    WORKER = "worker"  # a colleague on file, by id


# The form's groups, in the order they show (the first three on the left).
GROUPS = (
    QT_TRANSLATE_NOOP("PersonForm", "Who they are"),
    QT_TRANSLATE_NOOP("PersonForm", "Who supports them"),
    QT_TRANSLATE_NOOP("PersonForm", "Contact"),
    QT_TRANSLATE_NOOP("PersonForm", "Right to work"),
    QT_TRANSLATE_NOOP("PersonForm", "Skills and hopes"),
)
LEFT_GROUPS = 3


@dataclass(frozen=True)
class Field:
    """One profile field. `label` is the name in the service's sentences and, unless
    `accessible` says otherwise, what a screen reader calls its widget."""

    name: str  # the column, the service's keyword and the error key
    label: str
    kind: Kind
    group: int  # index into GROUPS
    # The form row's label with its shortcut mark; "" for a check box, which carries `label`.
    row: str = ""
    max_length: int | None = None  # text only
    codes: type[enum.Enum] | None = None
    required: bool = False
    default: enum.Enum | None = None  # a code taken when none is given
    blank: str | None = None  # a code box's text for "none chosen"; None: a code is always chosen
    not_after_today: bool = False  # a date that cannot be in the future
    accessible: str | None = None  # read aloud instead of the label
    printed: str | None = None  # the case summary's label; None: not printed on its own row
    export: str | None = None  # the header of an export that holds this field
    # Headers a spreadsheet may give this field (the importer matches them, ignoring case,
    # spaces and full stops); the label and the printed label match without being listed.
    synonyms: tuple[str, ...] = ()


NOT_RECORDED = QT_TRANSLATE_NOOP("PersonForm", "Not recorded")
NOT_KNOWN = QT_TRANSLATE_NOOP("PersonForm", "Not known")
LONG = 2000  # free text at most this long (services.validation takes it from here)

PERSON_FIELDS: tuple[Field, ...] = (
    Field(
        "given_name",
        QT_TRANSLATE_NOOP("PersonForm", "Given name"),
        Kind.LINE,
        0,
        QT_TRANSLATE_NOOP("PersonForm", "&Given name:"),
        max_length=100,
        required=True,
        printed="Given name",
        synonyms=("First name", "Forename", "Forenames", "First names"),
    ),
    Field(
        "family_name",
        QT_TRANSLATE_NOOP("PersonForm", "Family name"),
        Kind.LINE,
        0,
        QT_TRANSLATE_NOOP("PersonForm", "&Family name:"),
        max_length=100,
        required=True,
        printed="Family name",
        synonyms=("Surname", "Last name"),
    ),
    Field(
        "preferred_name",
        QT_TRANSLATE_NOOP("PersonForm", "Preferred name"),
        Kind.LINE,
        0,
        QT_TRANSLATE_NOOP("PersonForm", "P&referred name:"),
        max_length=100,
        printed="Preferred name",
        synonyms=("Known as", "Nickname"),
    ),
    Field(
        "own_script_name",
        QT_TRANSLATE_NOOP("PersonForm", "Name in own script"),
        Kind.LINE,
        0,
        QT_TRANSLATE_NOOP("PersonForm", "Name in own &script:"),
        max_length=200,
        printed="Name in own script",
        export="Own script",
        synonyms=("Own script", "Name (own script)", "Native name"),
    ),
    Field(
        "date_of_birth",
        QT_TRANSLATE_NOOP("PersonForm", "Date of birth"),
        Kind.BIRTH_DATE,
        0,
        QT_TRANSLATE_NOOP("PersonForm", "Date of &birth:"),
        required=True,
        printed="Date of birth",
        synonyms=("DOB", "D.O.B.", "Birth date", "Born"),
    ),
    Field(
        "sex",
        QT_TRANSLATE_NOOP("PersonForm", "Sex"),
        Kind.CODE,
        0,
        QT_TRANSLATE_NOOP("PersonForm", "Se&x:"),
        codes=Sex,
        blank=NOT_RECORDED,
        printed="Sex",
        synonyms=("Gender",),
    ),
    Field(
        "child_ref",
        QT_TRANSLATE_NOOP("PersonForm", "Child reference"),
        Kind.LINE,
        0,
        QT_TRANSLATE_NOOP("PersonForm", "Child reference:"),
        max_length=20,
        printed="Child reference",
        synonyms=("CHILD", "Child ID", "Child ref", "Reference", "LA child ID"),
    ),
    Field(
        "worker_id",
        QT_TRANSLATE_NOOP("PersonForm", "Worker"),
        Kind.WORKER,
        1,
        QT_TRANSLATE_NOOP("PersonForm", "&Worker:"),
        printed="Worker",
        synonyms=("Key worker", "EET worker", "Allocated worker"),
    ),
    Field(
        "pa_id",
        QT_TRANSLATE_NOOP("PersonForm", "Personal Adviser"),
        Kind.WORKER,
        1,
        QT_TRANSLATE_NOOP("PersonForm", "Personal &Adviser:"),
        printed="Personal Adviser",
        synonyms=("PA", "Personal Advisor"),
    ),
    Field(
        "phone",
        QT_TRANSLATE_NOOP("PersonForm", "Phone"),
        Kind.LINE,
        2,
        QT_TRANSLATE_NOOP("PersonForm", "&Phone:"),
        max_length=40,
        printed="Phone",
        synonyms=("Telephone", "Mobile", "Phone number", "Tel"),
    ),
    Field(
        "email",
        QT_TRANSLATE_NOOP("PersonForm", "Email"),
        Kind.LINE,
        2,
        QT_TRANSLATE_NOOP("PersonForm", "&Email:"),
        max_length=200,
        printed="Email",
        synonyms=("E-mail", "Email address"),
    ),
    Field(
        "address",
        QT_TRANSLATE_NOOP("PersonForm", "Address"),
        Kind.LINE,
        2,
        QT_TRANSLATE_NOOP("PersonForm", "Address:"),
        max_length=300,
        printed="Address",
        synonyms=("Home address", "Postal address"),
    ),
    Field(
        "safe_contact",
        QT_TRANSLATE_NOOP("PersonForm", "Safe ways and times to contact"),
        Kind.LINE,
        2,
        QT_TRANSLATE_NOOP("PersonForm", "Safe ways and &times:"),
        max_length=500,
        printed="Safe ways and times to contact",
        synonyms=("Safe contact", "How to contact", "Contact preferences"),
    ),
    Field(
        "referral_source",
        QT_TRANSLATE_NOOP("PersonForm", "Referral source"),
        Kind.CODE,
        1,
        QT_TRANSLATE_NOOP("PersonForm", "Referral source:"),
        codes=ReferralSource,
        blank=NOT_RECORDED,
        printed="Referred by",
        synonyms=("Referred by", "Referrer", "Source of referral"),
    ),
    Field(
        "referral_date",
        QT_TRANSLATE_NOOP("PersonForm", "Referral date"),
        Kind.DAY,
        1,
        QT_TRANSLATE_NOOP("PersonForm", "Referral date:"),
        not_after_today=True,
        printed="Referral date",
        synonyms=("Date referred", "Referred on"),
    ),
    Field(
        "care_leaver_category",
        QT_TRANSLATE_NOOP("PersonForm", "Care-leaver category"),
        Kind.CODE,
        1,
        QT_TRANSLATE_NOOP("PersonForm", "Care-leaver category:"),
        codes=CareLeaverCategory,
        blank=NOT_RECORDED,
        printed="Care-leaver category",
        synonyms=("Care leaver category", "Leaving care status", "Category"),
    ),
    Field(
        "uasc",
        QT_TRANSLATE_NOOP("PersonForm", "Came to the UK as an unaccompanied asylum-seeking child"),
        Kind.FLAG,
        3,
        printed="UASC",
        synonyms=("UASC", "Unaccompanied asylum-seeking child"),
    ),
    Field(
        "immigration_status",
        QT_TRANSLATE_NOOP("PersonForm", "Immigration status"),
        Kind.CODE,
        3,
        QT_TRANSLATE_NOOP("PersonForm", "Immigration status:"),
        codes=ImmigrationStatus,
        blank=NOT_RECORDED,
        printed="Immigration status",
        synonyms=("Immigration", "Status in the UK"),
    ),
    # Nobody's right to work is known until it has been checked.
    Field(
        "right_to_work",
        QT_TRANSLATE_NOOP("PersonForm", "Right to work"),
        Kind.CODE,
        3,
        QT_TRANSLATE_NOOP("PersonForm", "Right to work:"),
        codes=RightToWork,
        default=RightToWork.NOT_CHECKED,
        printed="Right to work",
        synonyms=("RTW", "Right to work status"),
    ),
    Field(
        "right_to_work_expiry",
        QT_TRANSLATE_NOOP("PersonForm", "Right-to-work expiry"),
        Kind.DAY,
        3,
        QT_TRANSLATE_NOOP("PersonForm", "Runs out on:"),
        accessible=QT_TRANSLATE_NOOP("PersonForm", "Right to work runs out on"),
        synonyms=("RTW expiry", "Right to work expires", "Visa expiry"),
    ),
    Field(
        "right_to_work_checked_on",
        QT_TRANSLATE_NOOP("PersonForm", "Right-to-work check date"),
        Kind.DAY,
        3,
        QT_TRANSLATE_NOOP("PersonForm", "Checked on:"),
        not_after_today=True,
        accessible=QT_TRANSLATE_NOOP("PersonForm", "Right to work checked on"),
        printed="Right to work checked",
        synonyms=("RTW checked", "Right to work checked", "Date right to work checked"),
    ),
    Field(
        "no_recourse_to_public_funds",
        QT_TRANSLATE_NOOP("PersonForm", "No recourse to public funds"),
        Kind.FLAG,
        3,
        printed="No Recourse to Public Funds",
        synonyms=("NRPF",),
    ),
    Field(
        "english_level",
        QT_TRANSLATE_NOOP("PersonForm", "English level"),
        Kind.CODE,
        4,
        QT_TRANSLATE_NOOP("PersonForm", "English level:"),
        codes=SkillLevel,
        blank=NOT_KNOWN,
        printed="English",
        synonyms=("English", "English skills"),
    ),
    Field(
        "maths_level",
        QT_TRANSLATE_NOOP("PersonForm", "Maths level"),
        Kind.CODE,
        4,
        QT_TRANSLATE_NOOP("PersonForm", "Maths level:"),
        codes=SkillLevel,
        blank=NOT_KNOWN,
        printed="Maths",
        synonyms=("Maths", "Math level", "Maths skills"),
    ),
    Field(
        "esol_need",
        QT_TRANSLATE_NOOP("PersonForm", "Would benefit from English language (ESOL) classes"),
        Kind.FLAG,
        4,
        printed="ESOL need",
        synonyms=("ESOL", "ESOL need", "Needs ESOL"),
    ),
    Field(
        "digital_access",
        QT_TRANSLATE_NOOP("PersonForm", "Digital access"),
        Kind.CODE,
        4,
        QT_TRANSLATE_NOOP("PersonForm", "Digital access:"),
        codes=DigitalAccess,
        blank=NOT_KNOWN,
        printed="Digital access",
        synonyms=("Digital", "Internet access"),
    ),
    Field(
        "sectors_of_interest",
        QT_TRANSLATE_NOOP("PersonForm", "Sectors of interest"),
        Kind.WORDS,
        4,
        QT_TRANSLATE_NOOP("PersonForm", "Sectors of interest:"),
        printed="Sectors of interest",
        synonyms=("Sectors", "Interests", "Job interests"),
    ),
    Field(
        "aspirations",
        QT_TRANSLATE_NOOP("PersonForm", "Aspirations"),
        Kind.TEXT,
        4,
        QT_TRANSLATE_NOOP("PersonForm", "Aspirations:"),
        max_length=LONG,
        printed="Aspirations",
        synonyms=("Goals", "Hopes"),
    ),
    Field(
        "strengths",
        QT_TRANSLATE_NOOP("PersonForm", "Strengths"),
        Kind.TEXT,
        4,
        QT_TRANSLATE_NOOP("PersonForm", "Strengths:"),
        max_length=LONG,
        printed="Strengths",
        synonyms=("Skills", "Strong points"),
    ),
    Field(
        "areas_can_reach",
        QT_TRANSLATE_NOOP("PersonForm", "Areas they can reach"),
        Kind.WORDS,
        4,
        QT_TRANSLATE_NOOP("PersonForm", "Areas they can reach:"),
        printed="Areas they can reach",
        synonyms=("Areas", "Travel areas", "Can travel to"),
    ),
    Field(
        "places_not_safe",
        QT_TRANSLATE_NOOP("PersonForm", "Places not safe to travel to"),
        Kind.WORDS,
        4,
        QT_TRANSLATE_NOOP("PersonForm", "Places not safe to travel to:"),
        printed="Places not safe to travel to",
        synonyms=("Unsafe places", "Places to avoid", "No-go areas"),
    ),
)

PERSON = {f.name: f for f in PERSON_FIELDS}
