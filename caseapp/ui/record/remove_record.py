"""Removing a record made in error: asked first, then deleted or closed as the service decides.

The service says beforehand which it will be (deleted while the record is recent and nothing
is recorded on it, otherwise closed as created in error), so the question asked is the one
that will be acted on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.ui.widgets import confirm


def remove_made_in_error(parent: QWidget, services: Services, person_id: int) -> bool | None:
    """True: deleted; False: closed as created in error; None: nothing done."""
    plan = services.people.removal_plan(person_id=person_id)
    closed = services.people.get_young_person(person_id=person_id).closed_on is not None
    if closed and not plan.can_delete:
        confirm.tell(parent, QCoreApplication.translate("RemoveRecord", "Remove record"), plan.why)
        return None
    if plan.can_delete:
        title = QCoreApplication.translate("RemoveRecord", "Delete record")
        question = QCoreApplication.translate(
            "RemoveRecord", "Delete it? It leaves the caseload for good; the history keeps that it was added "
                            "and deleted, and by whom.")
    else:
        title = QCoreApplication.translate("RemoveRecord", "Close as created in error")
        question = QCoreApplication.translate(
            "RemoveRecord", "Close it with the reason “Created in error”? It leaves the caseload and the "
                            "statutory return, and everything on it is kept.")
    if not confirm.ask(parent, title, plan.why + " " + question, title):
        return None
    try:
        result = services.people.remove_made_in_error(person_id=person_id)
    except ValidationError as exc:
        confirm.tell(parent, QCoreApplication.translate("RemoveRecord", "Remove record"),
                     " ".join(exc.problems.values()))
        return None
    return result.deleted
