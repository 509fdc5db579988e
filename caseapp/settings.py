"""Every caseload setting, declared once with its type, default, limits and label.

Values live in the encrypted store (table `setting`), so they travel with backups and never
reach the registry or a plain config file. Window geometry and other per-machine layout is
the UI's business and is kept apart from these. So is how to reach a team server (host, port,
database, account, CA file; never the password): it is needed before any caseload is open, so
it is kept per computer by `caseapp.store.connection_profile`, not here.
"""

from __future__ import annotations

from dataclasses import dataclass


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name Qt's extraction tool finds
    """Marks a label for the translators without importing Qt: the settings dialog shows each
    label through tr() under this context."""
    return text


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: object
    label: str
    minimum: int | None = None
    maximum: int | None = None

    def check(self, value: object) -> object:
        """The value as this setting's type, or ValueError with a sentence for the user."""
        if self.type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{self.label} must be a whole number.")
            if self.minimum is not None and value < self.minimum:
                raise ValueError(f"{self.label} must be at least {self.minimum}.")
            if self.maximum is not None and value > self.maximum:
                raise ValueError(f"{self.label} must be at most {self.maximum}.")
        elif self.type is str:
            if not isinstance(value, str):
                raise ValueError(f"{self.label} must be text.")
            value = " ".join(value.split())
            if not value:
                raise ValueError(f"{self.label} cannot be empty.")
            if self.maximum is not None and len(value) > self.maximum:
                raise ValueError(f"{self.label} must be at most {self.maximum} characters.")
            # Printed on every page (the marking): held to the rule of any one-line field.
            from caseapp.services.validation import text_problem

            if problem := text_problem(self.label, value, required=True, max_length=self.maximum or 200):
                raise ValueError(problem)
        elif not isinstance(value, self.type):
            raise ValueError(f"{self.label} has the wrong kind of value.")
        return value


BACKUPS_TO_KEEP = Setting(
    key="backups.keep",
    type=int,
    default=10,
    label=QT_TRANSLATE_NOOP("SettingsDialog", "Automatic backups to keep"),
    minimum=1,
    maximum=100,
)

# Contact cadence (README, "Services"): weekly early in a placement or job, fortnightly while
# waiting to start, four-weekly otherwise.
CADENCE_NEW_START_DAYS = Setting(
    key="cadence.new_start_days",
    type=int,
    default=7,
    label=QT_TRANSLATE_NOOP("SettingsDialog", "Days between contacts early in a placement or job"),
    minimum=1,
    maximum=90,
)
CADENCE_NEW_START_WEEKS = Setting(
    key="cadence.new_start_weeks",
    type=int,
    default=4,
    label=QT_TRANSLATE_NOOP("SettingsDialog", "Weeks a placement or job counts as new"),
    minimum=0,
    maximum=52,
)
CADENCE_WAITING_DAYS = Setting(
    key="cadence.waiting_days",
    type=int,
    default=14,
    label=QT_TRANSLATE_NOOP("SettingsDialog", "Days between contacts while waiting to start"),
    minimum=1,
    maximum=90,
)
CADENCE_DEFAULT_DAYS = Setting(
    key="cadence.default_days",
    type=int,
    default=28,
    label=QT_TRANSLATE_NOOP("SettingsDialog", "Days between contacts otherwise"),
    minimum=1,
    maximum=180,
)

IDLE_LOCK_MINUTES = Setting(
    key="lock.idle_minutes",
    type=int,
    default=5,
    label=QT_TRANSLATE_NOOP("SettingsDialog", "Minutes without use before the app locks"),
    minimum=1,
    maximum=60,
)

# Printed on the top and bottom of every page (Government Security Classifications).
PROTECTIVE_MARKING = Setting(
    key="print.marking",
    type=str,
    default="OFFICIAL-SENSITIVE",
    label=QT_TRANSLATE_NOOP("SettingsDialog", "Protective marking on printed pages"),
    maximum=60,
)

# The Real Living Wage outside London, 2025-26; councils set their own local figure.
LIVING_WAGE_PENCE = Setting(
    key="insight.living_wage_pence",
    type=int,
    default=1345,
    label=QT_TRANSLATE_NOOP("SettingsDialog", "Local living wage, in pence per hour"),
    minimum=100,
    maximum=10_000,
)

# A young person added by mistake (a duplicate, a slip) can be deleted outright for this long
# after they were added, if nothing else is recorded on them; later it is closed instead.
DELETE_MADE_IN_ERROR_HOURS = Setting(
    key="people.delete_made_in_error_hours",
    type=int,
    default=24,
    label=QT_TRANSLATE_NOOP("SettingsDialog", "Hours after adding someone that a record made in error can be deleted"),
    minimum=0,
    maximum=168,
)

ALL: tuple[Setting, ...] = (
    BACKUPS_TO_KEEP,
    CADENCE_NEW_START_DAYS,
    CADENCE_NEW_START_WEEKS,
    CADENCE_WAITING_DAYS,
    CADENCE_DEFAULT_DAYS,
    IDLE_LOCK_MINUTES,
    PROTECTIVE_MARKING,
    LIVING_WAGE_PENCE,
    DELETE_MADE_IN_ERROR_HOURS,
)
BY_KEY = {s.key: s for s in ALL}
