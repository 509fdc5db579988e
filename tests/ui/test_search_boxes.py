"""Search boxes take no more than a search reads: a long paste is cut at the box, not searched."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from caseapp.services.search import MAX_QUERY_LENGTH
from caseapp.ui.caseload_page import CaseloadPage
from caseapp.ui.employers.employers_page import EmployersPage

PASTE = "Semhar " + "qwerty" * 6_000  # longer than the line edit's own limit of 32,767


def paste_into(box: QLineEdit) -> None:
    """What a paste does (insert at the cursor, within maxLength), without the clipboard."""
    box.insert(PASTE)


def test_the_caseload_search_takes_a_name_and_no_more(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    page = CaseloadPage(services)
    qtbot.addWidget(page)
    assert page.search.maxLength() == MAX_QUERY_LENGTH
    paste_into(page.search)
    assert page.search.text() == PASTE[:MAX_QUERY_LENGTH]
    # The search it starts runs now, on this test's store, not during the next test.
    qtbot.waitUntil(lambda: not page._typing.isActive())


def test_the_employers_filter_takes_no_more_than_a_search(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    page = EmployersPage(services)
    qtbot.addWidget(page)
    assert page.filter.maxLength() == MAX_QUERY_LENGTH
    paste_into(page.filter)
    assert len(page.filter.text()) == MAX_QUERY_LENGTH
