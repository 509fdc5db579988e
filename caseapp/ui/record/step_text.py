"""How a pathway step is named wherever another part of the record points at it."""

from __future__ import annotations

from caseapp.services.pathway import StepRecord
from caseapp.ui.models.record_table_model import day


def step_label(step: StepRecord) -> str:
    """"Paid placement: Parks assistant, from 05/01/2027" — enough to tell two steps apart."""
    text = step.type.label
    if step.title:
        text += f": {step.title}"
    if step.start_date:
        text += f", {day(step.start_date)}"
    return text
