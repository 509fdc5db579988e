"""The set-up wizard's first page asks how a line manager reaches the worker (phone, email,
team, hours); checked there, and stored on the caseload's own worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from caseapp.models.codes import WorkerRole
from caseapp.services.workers import WorkersService, create_owned_caseload
from caseapp.ui.setup_wizard import SetupWizard
from tests.conftest import CHEAP
from tests.ui.record_fixtures import shoot
from tests.ui.setup_wizard.steps import BACK, COMMIT, FINISH, NAME, NEXT, STRONG, click, type_passphrase

DETAILS = {
    "phone": "07700 900123",
    "email": "semhar.tekle@borough.gov.uk",
    "team": "Leaving care EET team",
    "hours": "Monday to Thursday, 9am to 5pm",
}


def fill_welcome(qtbot, wizard: SetupWizard, **details: str) -> None:  # type: ignore[no-untyped-def]
    page = wizard.welcome
    qtbot.keyClicks(page.name, NAME)
    page.role.set_value(WorkerRole.PERSONAL_ADVISER)
    for field, text in details.items():
        page.details[field].clear()
        qtbot.keyClicks(page.details[field], text)


def owner_of(wizard: SetupWizard):  # type: ignore[no-untyped-def]
    workers = WorkersService(wizard.store)
    return workers.get_worker(worker_id=workers.owner_id())


def finish(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, wizard, NEXT)  # past the folder page
    type_passphrase(qtbot, wizard, STRONG)
    click(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.currentId() == SetupWizard.PAGE_RECOVERY_KEY, timeout=15_000)
    qtbot.mouseClick(wizard.recovery.stored, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        click(qtbot, wizard, FINISH)



def test_the_first_page_asks_for_the_details_a_pack_prints(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    page = wizard.welcome
    assert list(page.details) == ["phone", "email", "team", "hours"]
    assert [page.details[f].accessibleName() for f in page.details] == [
        "Your phone", "Your email", "Your team", "Your working hours"]
    for edit in page.details.values():
        assert edit.isVisible() and edit.text() == "" and edit.placeholderText().startswith("e.g. ")
    assert any("My details" in label.text() for label in page.findChildren(QLabel))
    shoot(wizard, "wizard_welcome")


def test_details_given_are_stored_on_the_owner(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    fill_welcome(qtbot, wizard, **DETAILS)
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == SetupWizard.PAGE_LOCATION
    finish(qtbot, wizard)
    owner = owner_of(wizard)
    assert owner.id == wizard.worker_id
    assert (owner.name, owner.role) == (NAME, WorkerRole.PERSONAL_ADVISER)
    assert {f: getattr(owner, f) for f in DETAILS} == DETAILS
    assert owner.reachable


def test_details_may_be_left_for_later(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    fill_welcome(qtbot, wizard, email="  semhar.tekle@borough.gov.uk ")
    click(qtbot, wizard, NEXT)
    finish(qtbot, wizard)
    owner = owner_of(wizard)
    assert (owner.phone, owner.email, owner.team, owner.hours) == (None, "semhar.tekle@borough.gov.uk", None, None)


def test_a_bad_email_is_refused_on_the_page_beside_its_field(qtbot, wizard: SetupWizard, folder: Path) -> None:  # type: ignore[no-untyped-def]
    fill_welcome(qtbot, wizard, **(DETAILS | {"email": "semhar at borough"}))
    click(qtbot, wizard, NEXT)

    page = wizard.welcome
    assert wizard.currentId() == SetupWizard.PAGE_WELCOME
    email = page.details["email"]
    label = next(lb for lb in page.findChildren(QLabel) if lb.accessibleName() == "Your email problem")
    assert label.isVisible()
    assert label.text() == "Email does not look like an email address."
    QApplication.processEvents()
    assert email.geometry().bottom() < label.geometry().top() < page.details["team"].geometry().top()
    assert email.hasFocus()
    assert page.errors.text("phone") == ""
    assert {f: page.details[f].text() for f in DETAILS} == DETAILS | {"email": "semhar at borough"}
    assert page.name.text() == NAME
    assert not folder.exists()
    shoot(wizard, "wizard_welcome_refused")

    email.clear()
    qtbot.keyClicks(email, DETAILS["email"])
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == SetupWizard.PAGE_LOCATION
    click(qtbot, wizard, BACK)
    assert wizard.currentId() == SetupWizard.PAGE_WELCOME
    assert not label.isVisible()  # the problem went once it was put right


def test_a_phone_with_no_number_is_refused_beside_it(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    fill_welcome(qtbot, wizard, phone="see email")
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == SetupWizard.PAGE_WELCOME
    assert wizard.welcome.errors.text("phone") == "Phone needs a number to ring."


def test_create_caseload_stores_the_details_on_the_new_owner(tmp_path: Path) -> None:
    made = create_owned_caseload(tmp_path / "caseload", STRONG, name=NAME, role=WorkerRole.EMPLOYABILITY_WORKER,
                           kdf=CHEAP, details={"phone": "01632 960123", "hours": "Mon-Wed"})
    try:
        workers = WorkersService(made.store)
        assert workers.owner_id() == made.owner.id
        owner = workers.get_worker(worker_id=made.owner.id)
        assert (owner.phone, owner.email, owner.team, owner.hours) == ("01632 960123", None, None, "Mon-Wed")
    finally:
        made.store.close(backup=False)
