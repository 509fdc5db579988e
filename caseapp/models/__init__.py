"""Typed SQLAlchemy models, one module per aggregate. Imports nothing else from the app."""

from caseapp.models.base import Base, WorkerRole
from caseapp.models.person import YoungPerson
from caseapp.models.setting import SettingValue
from caseapp.models.worker import Worker

__all__ = ["Base", "SettingValue", "Worker", "WorkerRole", "YoungPerson"]
