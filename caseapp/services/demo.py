"""A synthetic caseload for demos, training and benchmarks. Every name here is invented.

Names come from the communities the seed reports describe, with their real diacritics and,
for some, the name as written in the young person's own script.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from caseapp.models import WorkerRole
from caseapp.services.people import PeopleService
from caseapp.services.workers import WorkersService
from caseapp.store import Store


@dataclass(frozen=True)
class NameSet:
    given: tuple[tuple[str, str | None], ...]  # (Latin, own script or None)
    family: tuple[tuple[str, str | None], ...]


COMMUNITIES: dict[str, NameSet] = {
    "Eritrean (Tigrinya)": NameSet(
        given=(("Semhar", "ሰምሃር"), ("Yonas", "ዮናስ"), ("Tesfay", "ተስፋይ"), ("Helen", "ሄለን"), ("Filmon", "ፊልሞን")),
        family=(("Tekle", "ተኽለ"), ("Gebremedhin", "ገብረመድህን"), ("Haile", "ሃይለ"), ("Berhane", "በርሀነ")),
    ),
    "Sudanese Arabic": NameSet(
        given=(("Mohamed", "محمد"), ("Abdelrahman", "عبد الرحمن"), ("Amna", "آمنة"), ("Osman", "عثمان")),
        family=(("Elhassan", "الحسن"), ("Abdalla", "عبد الله"), ("Ibrahim", "إبراهيم")),
    ),
    "Syrian Arabic": NameSet(
        given=(("Rama", "راما"), ("Yazan", "يزن"), ("Lana", "لانا"), ("Khaled", "خالد")),
        family=(("Al-Hariri", "الحريري"), ("Haddad", "حداد"), ("Darwish", "درويش")),
    ),
    "Afghan (Pashto and Dari)": NameSet(
        given=(("Ahmad", "احمد"), ("Zarghuna", "زرغونه"), ("Mirwais", "میرویس"), ("Farid", "فرید")),
        family=(("Ahmadzai", "احمدزی"), ("Stanekzai", "ستانکزی"), ("Rahimi", "رحیمی")),
    ),
    "Vietnamese": NameSet(
        given=(("Minh", None), ("Thảo", None), ("Đức", None), ("Phương", None), ("Hùng", None)),
        family=(("Nguyễn", None), ("Trần", None), ("Phạm", None), ("Đặng", None)),
    ),
    "Albanian": NameSet(
        given=(("Arbër", None), ("Besjana", None), ("Dritë", None), ("Ërmal", None)),
        family=(("Hoxha", None), ("Shehu", None), ("Çela", None), ("Gjoka", None)),
    ),
    "Kurdish": NameSet(
        given=(("Şêrko", None), ("Hêvî", None), ("Rêbîn", None), ("Jînda", None)),
        family=(("Ehmed", None), ("Barzanî", None), ("Qadir", None)),
    ),
    "British": NameSet(
        given=(("Jayden", None), ("Chloe", None), ("Kai", None), ("Megan", None), ("Siân", None), ("Zoë", None)),
        family=(("Smith", None), ("O'Connor", None), ("Brown", None), ("Bell-Jones", None), ("Ó Briain", None)),
    ),
}

PREFERRED = ("Sam", "Mo", "Jay", "Tess", "Lily", "Abdi")
DEMO_PASSPHRASE = "demo caseload passphrase"


def build_demo_caseload(store: Store, *, people: int, seed: int = 1, today: date | None = None) -> None:
    """Fill an empty store with `people` invented young people and a small team."""
    rng = random.Random(seed)
    today = today or date.today()
    workers = WorkersService(store)
    team = [
        workers.add_worker(name="Alex Morgan", role=WorkerRole.EMPLOYABILITY_WORKER),
        workers.add_worker(name="Priya Shah", role=WorkerRole.PERSONAL_ADVISER),
        workers.add_worker(name="Tom Reid", role=WorkerRole.TEAM_LEAD),
    ]
    service = PeopleService(store)
    communities = list(COMMUNITIES.values())
    for _ in range(people):
        names = rng.choice(communities)
        given, given_own = rng.choice(names.given)
        family, family_own = rng.choice(names.family)
        own = f"{given_own} {family_own}" if given_own and family_own and rng.random() < 0.6 else None
        age_days = rng.randint(16 * 365 + 5, 25 * 365 - 5)
        service.add_young_person(
            given_name=given,
            family_name=family,
            preferred_name=rng.choice(PREFERRED) if rng.random() < 0.15 else None,
            own_script_name=own,
            date_of_birth=today - timedelta(days=age_days),
            worker_id=rng.choice(team[:2]).id,
            today=today,
        )
