"""The table models behind the Check-ins tab and the caseload, checked by Qt's model tester with rows in them.

Qt's own tester reports a broken model only as a warning; the warnings are read back here, and
pytest-qt's Python tester (which fails outright) runs alongside it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex

from caseapp.models.codes import CheckInMethod, CheckInOutcome
from caseapp.services.caseload import CaseloadRow
from caseapp.services.demo import build_demo_caseload
from caseapp.services.people import PersonRecord
from caseapp.services.registry import Services, open_services
from caseapp.store import Store
from caseapp.ui.caseload_table_model import CaseloadTableModel
from caseapp.ui.record.checkins_tab import CheckInsTab
from tests.conftest import CHEAP, PASSPHRASE
from tests.ui.record_fixtures import TODAY, days_ago


def model_problems(qtlog) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.message for r in qtlog.records if r.message.startswith("FAIL!")]


def check(qtmodeltester, qtlog, model: QAbstractItemModel) -> None:  # type: ignore[no-untyped-def]
    """Both testers stay attached afterwards and check every later change to the model too."""
    qtmodeltester.check(model)
    qtmodeltester.check(model, force_py=True)
    assert model_problems(qtlog) == []


@pytest.fixture
def tab(qapp, services: Services, person: PersonRecord) -> Iterator[CheckInsTab]:  # type: ignore[no-untyped-def]
    """Requested before the model tester, so it outlives the tester's unhooking from its model."""
    for days, method, outcome, note in [
        (40, "phone", "spoke", "Wants to try catering"),
        (26, "message", "no_answer", None),
        (12, "face_to_face", "spoke", "Taster day at the kitchen went well\nStarts Monday"),
    ]:
        when = datetime.combine(days_ago(days), time(10))
        services.checkins.record_check_in(person_id=person.id, happened_at=when, method=method, outcome=outcome,
                                          note=note)
    built = CheckInsTab(services, person.id)
    built.show()
    yield built
    built.close()
    built.deleteLater()


def test_check_ins_model(tab: CheckInsTab, qtmodeltester, qtlog) -> None:  # type: ignore[no-untyped-def]
    assert tab.model.rowCount() == 3 and tab.model.columnCount() == 6  # with Actions agreed
    check(qtmodeltester, qtlog, tab.model)

    # One more through the form, with the testers watching the model reset.
    tab.method.set_value(CheckInMethod.MESSAGE)
    tab.outcome.set_value(CheckInOutcome.SPOKE)
    tab.note.setPlainText("Sent the rota")
    assert tab.save()
    assert tab.model.rowCount() == 4
    assert model_problems(qtlog) == []
    notes = {tab.model.index(r, 4).data() for r in range(4)}
    assert {"Sent the rota", "Taster day at the kitchen went well Starts Monday"} <= notes


@pytest.fixture(scope="module")
def caseload_rows(tmp_path_factory: pytest.TempPathFactory) -> list[CaseloadRow]:
    """The caseload of 450 invented young people: more than two batches of rows."""
    store, _recovery = Store.create(tmp_path_factory.mktemp("caseload") / "demo", PASSPHRASE, kdf=CHEAP, demo=True)
    try:
        build_demo_caseload(store, people=450, today=TODAY)
        return open_services(store, today=lambda: TODAY).caseload.caseload()
    finally:
        store.close(backup=False)


@pytest.mark.parametrize("fetched", [0, 1], ids=["first batch only", "after one fetchMore"])
@pytest.mark.parametrize("python", [False, True], ids=["Qt's tester", "pytest-qt's tester"])
def test_caseload_model_part_loaded(qtmodeltester, qtlog, caseload_rows: list[CaseloadRow], fetched: int,  # type: ignore[no-untyped-def]
                                    python: bool) -> None:
    batch = CaseloadTableModel.BATCH
    assert len(caseload_rows) > 2 * batch
    model = CaseloadTableModel()
    model.set_rows(caseload_rows)
    for _ in range(fetched):
        model.fetchMore(QModelIndex())
    # Part loaded when checked: the rest is there to fetch.
    assert (model.rowCount(), model.total()) == ((fetched + 1) * batch, len(caseload_rows))
    assert model.canFetchMore(QModelIndex())
    last = model.rowCount() - 1
    assert model.index(last, CaseloadTableModel.COL_NAME).data() == caseload_rows[last].display_name
    assert model.data(model.createIndex(last + 1, CaseloadTableModel.COL_NAME)) is None  # not fetched yet

    # The tester fetches more as a view would, and checks each batch as it is announced.
    qtmodeltester.check(model, force_py=python)
    assert model_problems(qtlog) == []
    assert batch * (fetched + 1) < model.rowCount() <= len(caseload_rows)
    shown = [model.index(r, CaseloadTableModel.COL_NAME).data() for r in range(model.rowCount())]
    assert shown == [row.display_name for row in caseload_rows[: model.rowCount()]]
