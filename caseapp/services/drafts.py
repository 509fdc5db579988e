"""Drafts: what a worker was typing when the app locked, given back when it unlocks.

Not audited: a draft is not part of the record until it is saved through its own service,
which audits it then. Keys name the place the text was typed, never the person.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from caseapp.models import Draft
from caseapp.services.base import Service

# Far beyond any note; only a runaway paste reaches it. Locking must never be refused, so a
# longer text is kept up to this length rather than turned away.
MAX_DRAFT = 1_000_000
MAX_KEY = 200


class DraftService(Service):
    def keep_drafts(self, drafts: dict[str, str]) -> None:
        """Replace every draft with these (empty texts are dropped, overlong ones cut)."""
        kept = {k[:MAX_KEY]: v[:MAX_DRAFT] for k, v in drafts.items() if v and v.strip()}
        now = datetime.now().replace(microsecond=0)
        with self._store.session() as s:
            s.execute(delete(Draft))
            s.add_all(Draft(key=k, text=v, saved_at=now) for k, v in kept.items())

    def take_drafts(self) -> dict[str, str]:
        """Every draft, removed from the store as it is handed back."""
        with self._store.session() as s:
            drafts = dict(s.execute(select(Draft.key, Draft.text)).all())
            s.execute(delete(Draft))
        return drafts
