"""The command line's choices are written out (so that starting the app loads no models);
these keep them the same as the services' and the reports' own lists."""

from __future__ import annotations

from caseapp.cli.export_commands import FILTERS
from caseapp.cli.report_commands import SECTION_NAMES
from caseapp.reports.sections import Section
from caseapp.services.caseload import CaseloadFilter


def test_export_filters_are_the_caseload_filters() -> None:
    assert FILTERS == [f.value for f in CaseloadFilter]


def test_report_sections_are_the_report_sections() -> None:
    assert SECTION_NAMES == [s.value for s in Section]
