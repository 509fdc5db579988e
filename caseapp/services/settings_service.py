"""Read and change the caseload settings declared in caseapp.settings."""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseapp import settings as declared
from caseapp.models import SettingValue
from caseapp.models.codes import AuditAction
from caseapp.services import audit
from caseapp.services.base import Service
from caseapp.services.errors import ValidationError


def stored_values(session: Session) -> dict[str, object]:
    """Every declared setting's value; a stored value out of range falls back to the default."""
    stored = dict(session.execute(select(SettingValue.key, SettingValue.value)).all())
    values: dict[str, object] = {}
    for setting in declared.ALL:
        try:
            values[setting.key] = setting.check(json.loads(stored[setting.key]))
        except (KeyError, ValueError):
            values[setting.key] = setting.default
    return values


def whole(values: Mapping[str, object], setting: declared.Setting) -> int:
    """A whole-number setting's value from stored_values(), as the int that check() made it."""
    value = values[setting.key]
    if not isinstance(value, int):
        raise TypeError(f"{setting.key} is not a whole-number setting")
    return value


class SettingsService(Service):
    def get_all(self) -> dict[str, object]:
        with self._store.read_session() as s:
            return stored_values(s)

    def get(self, setting: declared.Setting) -> object:
        return self.get_all()[setting.key]

    def get_whole(self, setting: declared.Setting) -> int:
        return whole(self.get_all(), setting)

    def set_setting(self, *, key: str, value: object) -> None:
        setting = declared.BY_KEY.get(key)
        if setting is None:
            raise ValidationError({key: "There is no such setting."})
        try:
            value = setting.check(value)
        except ValueError as exc:
            raise ValidationError({key: str(exc)}) from None
        with self._store.session() as s:
            row = s.get(SettingValue, key)
            before = json.loads(row.value) if row else setting.default
            if before == value:
                return
            if row is None:
                s.add(SettingValue(key=key, value=json.dumps(value)))
            else:
                row.value = json.dumps(value)
            s.flush()
            audit.append(
                s, worker_id=self.actor_id, entity="setting", entity_id=0, person_id=None,
                action=AuditAction.UPDATED, changes={key: [before, value]},
            )
        self._publish("setting", 0, "updated")
