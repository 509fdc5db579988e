"""Refusals a worker can act on, each naming the field it is about."""

from __future__ import annotations


class ValidationError(Exception):
    """One or more fields refused. `problems` maps a field name to a plain sentence."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


class NotFound(Exception):
    def __init__(self, what: str) -> None:
        super().__init__(f"That {what} no longer exists. It may have been removed.")
