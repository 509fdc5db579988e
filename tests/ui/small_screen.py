"""Every dialog and page on the common council laptop screen, 1366×768, looked at for what
a small screen breaks: a window taller or wider than the screen, widgets drawn over each other,
a label, button or choice whose text is cut, a table column too narrow for what it holds or
pushed behind a sideways scroll. Each form is checked again with a sentence under every field.

The screen is the platform's, so this runs in a process of its own (test_small_screen.py
starts it, once per scaling):

    QT_QPA_PLATFORM=offscreen:configfile=screen.json [QT_SCALE_FACTOR=1.5] \\
        python -m tests.ui.small_screen REPORT.json [SHOTS_FOLDER]

At 150% the same 1366×768 pixels give 911×512 to lay out in.
"""

from __future__ import annotations

import json
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import combinations
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLayout,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QWidget,
)

SCREEN = (1366, 768)
# At 100% every column of a table is in sight without scrolling sideways. At 150% the same
# screen is 911 px wide, too narrow for some tables' eight or nine columns: there each column
# still holds its text in full, and the table scrolls sideways to the rest.
SIDEWAYS_SCROLL_COUNTS = True
# The offscreen platform draws no title bar; the laptop's window manager does.
TITLE_BAR = 30


def screen_config(folder: Path) -> Path:
    """The offscreen platform's description of the laptop's screen."""
    path = folder / "laptop-screen.json"
    width, height = SCREEN
    path.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1,
    }]}))
    return path


# -- what is looked at ---------------------------------------------------------------------------


def _name(widget: QWidget) -> str:
    label = widget.accessibleName() or widget.objectName()
    if not label and isinstance(widget, (QLabel, QAbstractButton)):
        label = widget.text()[:40]
    return f"{type(widget).__name__} {label!r}" if label else type(widget).__name__


def _laid_out(layout: QLayout) -> Iterator[QWidget]:
    """The widgets a layout (and the layouts inside it) places."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is not None:
            yield item.widget()
        elif item.layout() is not None:
            yield from _laid_out(item.layout())


def _inside_a_control(widget: QWidget, top: QWidget) -> bool:
    """Part of a control Qt builds itself (a drop-down's list, a calendar's buttons)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, (QComboBox, QAbstractItemView)) or type(parent).__name__ == "QCalendarWidget":
            return True
        parent = parent.parentWidget()
    return False


def _smallest(widget: QWidget) -> tuple[int, int]:
    """The least room a layout gives the widget when there is room to give (Qt's own rule)."""
    policy = widget.sizePolicy()
    hint, least, set_min = widget.sizeHint(), widget.minimumSizeHint(), widget.minimumSize()

    def one(policy_part, hinted: int, smallest: int, explicit: int) -> int:  # type: ignore[no-untyped-def]
        if explicit > 0:
            return explicit
        if policy_part == QSizePolicy.Policy.Ignored:
            return 0
        shrinks = bool(policy_part.value & QSizePolicy.PolicyFlag.ShrinkFlag.value)
        return max(smallest, 0) if shrinks else max(hinted, 0)

    return (one(policy.horizontalPolicy(), hint.width(), least.width(), set_min.width()),
            one(policy.verticalPolicy(), hint.height(), least.height(), set_min.height()))


def _cut_text(widget: QWidget) -> str | None:
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        if widget.wordWrap():
            if widget.heightForWidth(widget.width()) > widget.height() + 1:
                return (
                    f"{_name(widget)} needs {widget.heightForWidth(widget.width())} px of height, "
                    f"has {widget.height()}"
                )
            if widget.minimumSizeHint().width() > widget.width() + 1:
                return f"{_name(widget)} has a word wider than its {widget.width()} px"
        elif widget.sizeHint().width() > widget.width() + 1 or widget.sizeHint().height() > widget.height() + 1:
            return f"{_name(widget)} is cut: needs {widget.sizeHint().width()}×{widget.sizeHint().height()}, " \
                   f"has {widget.width()}×{widget.height()}"
    elif isinstance(widget, QAbstractButton) and widget.text():
        if widget.sizeHint().width() > widget.width() + 1:
            return f"{_name(widget)} is cut: needs {widget.sizeHint().width()} px, has {widget.width()}"
    elif isinstance(widget, QComboBox) and not widget.isEditable() and widget.currentText():
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        room = widget.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, widget).width()
        needed = widget.fontMetrics().horizontalAdvance(widget.currentText())
        if needed > room + 1:
            return f"{_name(widget)} shows {widget.currentText()!r} cut: needs {needed} px, has {room}"
    return None


def _table_problems(view: QTableView) -> list[str]:
    """Columns too narrow for what they hold, or out of sight to the right. A stretching
    column shares what room there is, so only its being out of sight counts."""
    model, header = view.model(), view.horizontalHeader()
    if model is None or model.columnCount() == 0:
        return []
    shown = [c for c in range(model.columnCount()) if not header.isSectionHidden(header.logicalIndex(c))]
    shown = [header.logicalIndex(v) for v in shown]
    out = []
    last = shown[-1] if shown else None
    for column in shown:
        title = model.headerData(column, header.orientation())
        stretched = header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch or (
            column == last and header.stretchLastSection())
        needed = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
        # Free text may be shortened where each cell says it in full in its tooltip.
        in_full = model.rowCount() > 0 and all(
            model.index(row, column).data(Qt.ItemDataRole.ToolTipRole) for row in range(model.rowCount()))
        if not stretched and not in_full and header.sectionSize(column) + 1 < needed:
            out.append(f"{_name(view)}: column {title!r} is {header.sectionSize(column)} px, "
                       f"its text needs {needed}")
        right = header.sectionPosition(column) + header.sectionSize(column)
        if SIDEWAYS_SCROLL_COUNTS and right > view.viewport().width() + 1:
            out.append(f"{_name(view)}: column {title!r} is out of sight to the right "
                       f"({right} px in a {view.viewport().width()} px table)")
    return out


def _fit_problem(window: QWidget) -> str | None:
    room = window.screen().availableGeometry()
    if window.property("mainWindowUnderTest"):
        # Sized by the test to the screen: what counts is the least it can be made.
        layout = window.layout()
        least = layout.totalMinimumSize() if layout is not None else window.minimumSizeHint()
        if least.width() > room.width() or least.height() + TITLE_BAR > room.height():
            return f"{_name(window)} cannot be made smaller than {least.width()}×{least.height()} " \
                   f"(and a title bar), on {room.width()}×{room.height()}"
        return None
    frame = window.frameGeometry()
    if frame.width() > room.width() or frame.height() + TITLE_BAR > room.height():
        return f"{_name(window)} does not fit on the screen: {frame.width()}×{frame.height()} " \
               f"(and a title bar) on {room.width()}×{room.height()}"
    return None


def problems(window: QWidget, root: QWidget | None = None) -> list[str]:
    """What is wrong with the window as it is now on its screen; with `root`, only what is
    wrong inside that part of it (a page of the main window)."""
    QApplication.processEvents()
    QApplication.processEvents()
    found = []
    if root is None and (unfit := _fit_problem(window)) is not None:
        found.append(unfit)
    top = root or window
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible() or _inside_a_control(widget, top):
            continue
        if (cut := _cut_text(widget)) is not None:
            found.append(cut)
        if isinstance(widget, QTableView):
            found.extend(_table_problems(widget))
        layout = widget.layout()
        if layout is None:
            continue
        placed = [w for w in _laid_out(layout) if w.isVisible() and not w.isWindow()]
        for one, other in combinations(placed, 2):
            both = one.geometry().intersected(other.geometry())
            if both.width() > 0 and both.height() > 0:
                found.append(f"{_name(one)} and {_name(other)} overlap in {_name(widget)}")
        inside = widget.rect()
        for child in placed:
            if not inside.contains(child.geometry()):
                found.append(f"{_name(child)} runs past the edge of {_name(widget)}")
            least_w, least_h = _smallest(child)
            hfw = child.hasHeightForWidth() or (child.layout() is not None and child.layout().hasHeightForWidth())
            if child.width() + 1 < least_w or (not hfw and child.height() + 1 < least_h):
                found.append(f"{_name(child)} is squeezed to {child.width()}×{child.height()}, "
                             f"below its {least_w}×{least_h}")
    if root is not None and root.width() + 1 < root.minimumSizeHint().width():
        found.append(f"{_name(root)} needs {root.minimumSizeHint().width()} px of width, "
                     f"the screen gives it {root.width()}")
    if root is not None and root.height() + 1 < root.minimumSizeHint().height():
        found.append(f"{_name(root)} needs {root.minimumSizeHint().height()} px of height, "
                     f"the screen gives it {root.height()}")
    return sorted(set(found))


# -- the screens ---------------------------------------------------------------------------------

TODAY = date(2026, 11, 21)
PROBLEM = "This cannot be before the start date, and it cannot be later than today either."


@dataclass
class Place:
    services: object
    window: QWidget
    person_id: int
    step: object
    need: object
    consented: object
    check_in: object
    employer: object
    opportunity: object
    commitment: object


def _long_pathway(services, person_id: int) -> None:  # type: ignore[no-untyped-def]
    """25 steps over three years, the last few under way or ahead."""
    from caseapp.models.codes import StepStatus, StepType

    kinds = [k for k in StepType]
    start = TODAY - timedelta(days=3 * 365)
    for n in range(25):
        begins = start + timedelta(days=n * 44)
        kind = kinds[n % len(kinds)]
        if n < 22:
            services.pathway.add_step(person_id=person_id, type=kind, status=StepStatus.COMPLETED,
                                      title=f"Step {n + 1}", start_date=begins,
                                      end_date=begins + timedelta(days=2 if n % 5 == 0 else 30 + (n % 4) * 20))
        elif n < 24:
            services.pathway.add_step(person_id=person_id, type=kind, status=StepStatus.IN_PROGRESS,
                                      title=f"Step {n + 1}", start_date=min(begins, TODAY))
        else:
            services.pathway.add_step(person_id=person_id, type=kind, status=StepStatus.PLANNED,
                                      title=f"Step {n + 1}", start_date=TODAY + timedelta(days=20))


def seed(services) -> dict:  # type: ignore[no-untyped-def]
    """A caseload with one young person who has a bit of everything, a long pathway among it."""
    from caseapp.models.codes import (
        CheckInMethod,
        CheckInOutcome,
        NeedCategory,
        StepStatus,
        StepType,
        VettingNeed,
    )

    person = services.people.add_young_person(
        given_name="Semhar", family_name="Tekle-Haymanot", preferred_name="Sem", date_of_birth=date(2005, 3, 14),
        referral_date=TODAY - timedelta(days=3 * 365 + 30), worker_id=services.worker_id,
        right_to_work="unlimited", right_to_work_checked_on=TODAY - timedelta(days=3 * 365 + 30),
    )
    _long_pathway(services, person.id)
    services.workers.add_worker(name="Christopher Montgomery-Fitzwilliam", role="employability_worker")
    employer = services.employers.add_employer(name="Northfield Borough Parks and Open Spaces Service",
                                               sector="Public sector", contact_name="Jo Bloggs")
    opportunity = services.employers.add_opportunity(
        employer_id=employer.id, type="paid_placement", title="Parks assistant", places=3,
        start_date=date(2027, 1, 4), end_date=date(2027, 6, 30), closing_date=date(2026, 12, 19),
        pay_pence_per_hour=1260, ring_fenced=True, location="Northfield depot")
    services.employers.add_opportunity(employer_id=employer.id, type="work_experience", title="Grounds team week",
                                       places=1, start_date=date(2026, 12, 7))
    commitment = services.employers.add_commitment(
        employer_id=employer.id, measure="8-week paid placements for care leavers, each with a named mentor",
        step_type="paid_placement", pledged=4, contract="Grounds maintenance 2026-29",
        period_start=date(2026, 4, 1), period_end=date(2027, 3, 31))
    placement = services.pathway.add_step(
        person_id=person.id, type=StepType.PAID_PLACEMENT, status=StepStatus.IN_PROGRESS, title="Parks assistant",
        employer_id=employer.id, opportunity_id=opportunity.id, start_date=date(2026, 9, 1),
        line_manager="Jo Bloggs", pay_pence_per_hour=1260)
    need = services.support.add_support_need(person_id=person.id, category=NeedCategory.TRANSPORT,
                                             description="Bus fare until the first pay day")
    consented = services.support.add_support_need(person_id=person.id, category=NeedCategory.HOUSING,
                                                  description="Moving flat in December")
    consented = services.support.give_consent(need_id=consented.id, given_on=TODAY - timedelta(days=5))
    hand_off = services.handoffs.build_hand_off(step_id=placement.id, line_manager="Jo Bloggs",
                                                need_ids=[consented.id], hr_contact="HR business partner")
    for recipient in ("Jo Bloggs, line manager", "HR business partner, Northfield Borough Council",
                      "Personal Adviser, leaving-care team"):
        services.handoffs.record_disclosure(
            person_id=person.id, document="Hand-off pack", recipient=recipient, hand_off_id=hand_off.id,
            items=["Housing: Moving flat in December", "Agreed adjustments", "First two weeks"])
    services.vetting.add_vetting_check(person_id=person.id, need=VettingNeed.REFERENCES, step_id=placement.id,
                                       outcome="alternative_accepted", blocker="No referees",
                                       alternative="A reference from their Personal Adviser",
                                       approved_by="Safeguarding lead", decided_on=TODAY - timedelta(days=80))
    check_in = services.checkins.record_check_in(
        person_id=person.id, happened_at=datetime(2026, 11, 19, 10), method=CheckInMethod.PHONE,
        outcome=CheckInOutcome.SPOKE, note="Settling in well at the depot.", next_contact_on=TODAY + timedelta(days=7))
    return {"person": person, "step": placement, "need": need, "consented": consented, "check_in": check_in,
            "employer": employer, "opportunity": opportunity, "commitment": commitment}


Shown = tuple[QWidget, QWidget | None]  # the window, and the part of it looked at (None: all)


def _record_page(tab_class: str) -> Callable[[Place], Shown]:
    def show(place: Place) -> Shown:
        from caseapp.ui.record import record_view

        view = place.window.workspace.open_person(place.person_id)  # type: ignore[attr-defined]
        cls = next(c for c in record_view.default_tabs() if c.__name__ == tab_class)
        view.show_page(cls)
        return place.window, view.page(cls)
    return show


def _workspace_page(attribute: str, part: int | None = None) -> Callable[[Place], Shown]:
    def show(place: Place) -> Shown:
        workspace = place.window.workspace  # type: ignore[attr-defined]
        page = getattr(workspace, attribute)
        workspace.setCurrentWidget(page)
        if attribute == "employers":
            page.select_employer(place.employer.id)  # type: ignore[attr-defined]
            page.select_opportunity(place.opportunity.id)  # type: ignore[attr-defined]
            page.parts.setCurrentIndex(part or 0)  # type: ignore[attr-defined]
        return place.window, page
    return show


def _main_window(place: Place) -> Shown:
    place.window.workspace.open_person(place.person_id)  # type: ignore[attr-defined]
    return place.window, None


def _dialog(build: Callable[[Place], QWidget]) -> Callable[[Place], Shown]:
    def show(place: Place) -> Shown:
        dialog = build(place)
        dialog.show()
        return dialog, None
    return show


def _build_screens() -> dict[str, Callable[[Place], Shown]]:
    from caseapp.reports.api import ReportKind
    from caseapp.ui.change_passphrase_dialog import ChangePassphraseDialog
    from caseapp.ui.colleagues_dialog import ColleaguesDialog
    from caseapp.ui.duplicates_dialog import DuplicatesDialog
    from caseapp.ui.employers.commitment_dialog import CommitmentDialog
    from caseapp.ui.employers.employer_dialog import EmployerDialog
    from caseapp.ui.employers.opportunity_dialog import OpportunityDialog
    from caseapp.ui.insight.oc3_dialog import Oc3Dialog
    from caseapp.ui.insight.opportunity_matches_dialog import OpportunityMatchesDialog
    from caseapp.ui.new_person_dialog import NewPersonDialog
    from caseapp.ui.printing.print_dialog import PrintDialog
    from caseapp.ui.record.checkin_dialog import CheckInDialog
    from caseapp.ui.record.consent_dialog import ConsentDialog
    from caseapp.ui.record.handoff_dialog import HandOffDialog
    from caseapp.ui.record.move_step_dialog import MoveStepDialog
    from caseapp.ui.record.need_dialog import NeedDialog
    from caseapp.ui.record.step_dialog import StepDialog
    from caseapp.ui.record.vetting_dialog import VettingDialog
    from caseapp.ui.settings_dialog import SettingsDialog
    from caseapp.ui.unlock_dialog import UnlockDialog
    from caseapp.ui.worker_dialog import WorkerDialog

    def duplicates(p: Place) -> QWidget:
        person = p.services.people.get_young_person(person_id=p.person_id)  # type: ignore[attr-defined]
        candidates = p.services.people.likely_duplicates(  # type: ignore[attr-defined]
            given_name=person.given_name, family_name=person.family_name, date_of_birth=person.date_of_birth)
        return DuplicatesDialog(candidates, parent=p.window)

    return {
        "main window": _main_window,
        "main window: caseload": _workspace_page("caseload"),
        "main window: employers": _workspace_page("employers"),
        "main window: employers' commitments": _workspace_page("employers", 1),
        "main window: dashboard": _workspace_page("dashboard"),
        "record: profile": _record_page("ProfileTab"),
        "record: pathway": _record_page("PathwayTab"),
        "record: check-ins": _record_page("CheckInsTab"),
        "record: support": _record_page("SupportTab"),
        "record: vetting": _record_page("VettingTab"),
        "record: hand-offs": _record_page("HandOffsTab"),
        "record: history": _record_page("HistoryTab"),
        "add pathway step": _dialog(lambda p: StepDialog(p.services, p.person_id, parent=p.window)),
        "edit pathway step": _dialog(lambda p: StepDialog(p.services, p.person_id, p.step, parent=p.window)),
        "move step on": _dialog(lambda p: MoveStepDialog(p.services, p.step, parent=p.window)),
        "end step early": _dialog(lambda p: MoveStepDialog(p.services, p.step, ending=True, parent=p.window)),
        "add vetting check": _dialog(lambda p: VettingDialog(p.services, p.person_id, parent=p.window)),
        "add support need": _dialog(lambda p: NeedDialog(p.services, p.person_id, parent=p.window)),
        "give consent": _dialog(lambda p: ConsentDialog(p.services, p.need, parent=p.window)),
        "withdraw consent": _dialog(lambda p: ConsentDialog(p.services, p.consented, withdraw=True, parent=p.window)),
        "new hand-off": _dialog(lambda p: HandOffDialog(p.services, p.person_id, parent=p.window)),
        "edit check-in": _dialog(lambda p: CheckInDialog(p.services, p.check_in, parent=p.window)),
        "add employer": _dialog(lambda p: EmployerDialog(p.services, parent=p.window)),
        "edit opportunity": _dialog(lambda p: OpportunityDialog(p.services, p.employer.id, p.opportunity,
                                                                parent=p.window)),
        "add commitment": _dialog(lambda p: CommitmentDialog(p.services, p.employer.id, parent=p.window)),
        "suggest young people": _dialog(lambda p: OpportunityMatchesDialog(p.services, p.opportunity.id,
                                                                           parent=p.window)),
        "new young person": _dialog(lambda p: NewPersonDialog(p.services, parent=p.window)),
        "likely duplicates": _dialog(duplicates),
        "add colleague": _dialog(lambda p: WorkerDialog(p.services, parent=p.window)),
        "my details": _dialog(lambda p: WorkerDialog(
            p.services, p.services.workers.get_worker(worker_id=p.services.worker_id), own=True, parent=p.window)),
        "colleagues": _dialog(lambda p: ColleaguesDialog(p.services, parent=p.window)),
        "settings": _dialog(lambda p: SettingsDialog(p.services, parent=p.window)),
        "change passphrase": _dialog(lambda p: ChangePassphraseDialog(p.services, parent=p.window)),
        "print case summary": _dialog(lambda p: PrintDialog(p.services, ReportKind.CASE_SUMMARY,
                                                            record_id=p.person_id, parent=p.window)),
        "oc3 return": _dialog(lambda p: Oc3Dialog(p.services, parent=p.window)),
        "unlock": _dialog(lambda p: UnlockDialog(p.services.store)),  # type: ignore[attr-defined]
    }


# Kept in step with _build_screens: the test module names its cases before Qt is loaded.
SCREEN_NAMES = (
    "main window", "main window: caseload", "main window: employers", "main window: employers' commitments",
    "main window: dashboard",
    "record: profile", "record: pathway", "record: check-ins", "record: support", "record: vetting",
    "record: hand-offs", "record: history",
    "add pathway step", "edit pathway step", "move step on", "end step early", "add vetting check",
    "add support need", "give consent", "withdraw consent", "new hand-off", "edit check-in",
    "add employer", "edit opportunity", "add commitment", "suggest young people",
    "new young person", "likely duplicates", "add colleague", "my details", "colleagues", "settings",
    "change passphrase", "print case summary", "oc3 return", "unlock",
)


def _all_errors(window: QWidget) -> list[object]:
    """Every form on screen whose fields can show a sentence."""
    from caseapp.ui.widgets.field_errors import FieldErrors

    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        errors = getattr(widget, "errors", None)
        if isinstance(errors, FieldErrors) and widget.isVisible():
            found.append(errors)
    return found


def _with_every_error(window: QWidget) -> bool:
    from caseapp.services.errors import ValidationError

    forms = _all_errors(window)
    for errors in forms:
        sentences = {name: PROBLEM for name in errors.fields}  # type: ignore[attr-defined]
        sentences["no such field"] = "Something about the form as a whole went wrong; say it here."
        # As a refusal on saving shows them, where the form has its own way of doing so.
        owner = next((w for w in [window, *window.findChildren(QWidget)]
                      if getattr(w, "errors", None) is errors), None)
        show = getattr(owner, "show_refusal", errors.show)  # type: ignore[attr-defined]
        show(ValidationError(sentences))
    return bool(forms)


def _shoot(widget: QWidget, shots: Path | None, name: str) -> None:
    if shots is not None:
        QApplication.processEvents()
        shots.mkdir(parents=True, exist_ok=True)
        widget.window().grab().save(str(shots / f"{name}.png"))


def run(report: Path, shots: Path | None) -> None:
    from caseapp.services.registry import open_services
    from caseapp.store import Store
    from caseapp.ui.main_window import MainWindow
    from caseapp.ui.widgets import confirm, wheel_guard
    from tests.conftest import CHEAP, PASSPHRASE

    app = QApplication.instance() or QApplication([])
    wheel_guard.install(app)  # type: ignore[arg-type]

    def unexpected(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"a window asked a question: {args[1:3]}")

    confirm.ask = confirm.tell = unexpected  # type: ignore[assignment]
    confirm.ask_unsaved = lambda *args: "discard"  # type: ignore[assignment]
    scale = round(app.primaryScreen().devicePixelRatio() * 100)
    global SIDEWAYS_SCROLL_COUNTS
    SIDEWAYS_SCROLL_COUNTS = scale <= 100
    results: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        store, _recovery = Store.create(Path(folder) / "store", PASSPHRASE, kdf=CHEAP)
        try:
            bootstrap = open_services(store, today=lambda: TODAY)
            worker = bootstrap.workers.add_worker(name="Alex Morgan", role="employability_worker")
            bootstrap.workers.set_owner(worker_id=worker.id)
            services = open_services(store, worker_id=worker.id, today=lambda: TODAY)
            made = seed(services)
            window = MainWindow(services, layout_settings=QSettings(str(Path(folder) / "layout.ini"),
                                                                    QSettings.Format.IniFormat))
            # As big as the screen less its title bar, and no bigger even where a page asks for
            # more, so that each page is seen in the room the laptop really has.
            window.setProperty("mainWindowUnderTest", True)
            window.setMinimumSize(1, 1)
            room = window.screen().availableGeometry()
            window.setGeometry(room.x(), room.y() + TITLE_BAR, room.width(), room.height() - TITLE_BAR)
            window.show()
            place = Place(services, window, made["person"].id, made["step"], made["need"], made["consented"],
                          made["check_in"], made["employer"], made["opportunity"], made["commitment"])
            for name, show in _build_screens().items():
                shown = None
                try:
                    shown, root = show(place)
                    found = problems(shown, root)
                    _shoot(shown, shots, f"{name}@{scale}")
                    if _with_every_error(root or shown):
                        found += [f"with errors shown: {p}" for p in problems(shown, root)]
                        _shoot(shown, shots, f"{name}@{scale}+errors")
                    results[name] = found
                except Exception:  # noqa: BLE001 - said in the report, the next screen still runs
                    results[name] = [f"could not be opened: {traceback.format_exc(limit=4)}"]
                finally:
                    if shown is not None and shown is not window:
                        shown.close()
                        shown.deleteLater()
                    for errors in _all_errors(window):
                        errors.clear()  # type: ignore[attr-defined]
                    QApplication.processEvents()
            window.close()
        finally:
            store.close(backup=False)
    report.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    run(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
