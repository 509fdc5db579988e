"""Typed SQLAlchemy models, one module per aggregate. Imports nothing else from the app."""

from caseapp.models.audit import AuditEvent, SearchToken
from caseapp.models.base import Base
from caseapp.models.checkin import CheckIn
from caseapp.models.codes import WorkerRole
from caseapp.models.draft import Draft
from caseapp.models.employer import Employer, EmployerCommitment, Opportunity
from caseapp.models.handoff import Disclosure, HandOff, HandOffItem
from caseapp.models.output_folder import OutputFolder
from caseapp.models.pathway import PathwayStep, SustainmentCheck
from caseapp.models.person import (
    AccommodationPeriod,
    Consent,
    EetStatusPeriod,
    SupportNeed,
    YoungPerson,
)
from caseapp.models.setting import SettingValue
from caseapp.models.summary import CaseloadSummary
from caseapp.models.vetting import VettingCheck
from caseapp.models.worker import Worker

__all__ = [
    "AccommodationPeriod",
    "AuditEvent",
    "CaseloadSummary",
    "Base",
    "CheckIn",
    "Consent",
    "Disclosure",
    "Draft",
    "EetStatusPeriod",
    "Employer",
    "EmployerCommitment",
    "HandOff",
    "HandOffItem",
    "Opportunity",
    "OutputFolder",
    "PathwayStep",
    "SearchToken",
    "SettingValue",
    "SupportNeed",
    "SustainmentCheck",
    "VettingCheck",
    "Worker",
    "WorkerRole",
    "YoungPerson",
]
