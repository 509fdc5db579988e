"""Every caseload setting, declared once with its type, default, limits and label.

Values live in the encrypted store (table `setting`), so they travel with backups and never
reach the registry or a plain config file. Window geometry and other per-machine layout is
the UI's business and is kept apart from these.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        elif not isinstance(value, self.type):
            raise ValueError(f"{self.label} has the wrong kind of value.")
        return value


BACKUPS_TO_KEEP = Setting(
    key="backups.keep",
    type=int,
    default=10,
    label="Automatic backups to keep",
    minimum=1,
    maximum=100,
)

ALL: tuple[Setting, ...] = (BACKUPS_TO_KEEP,)
BY_KEY = {s.key: s for s in ALL}
