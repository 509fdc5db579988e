"""Change events: services publish after a write commits; the UI adapts them to Qt signals.

Plain Python, so services stay Qt-free. Events carry ids and kinds, never personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    entity: str  # e.g. "young_person"
    id: int
    kind: str  # "created", "updated", "closed", "deleted"


Listener = Callable[[Change], None]


class ChangeBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def publish(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)
