"""Days and moments are written and read one way in every layer."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from caseapp.dates import day, moment, parse_day


def test_written_the_uk_way() -> None:
    assert day(date(2007, 3, 14)) == "14/03/2007"
    assert day(None) == "" and day(None, none="—") == "—"
    assert moment(datetime(2026, 12, 3, 9, 5)) == "03/12/2026 09:05"


@pytest.mark.parametrize("text", ["14/03/2007", "14/3/2007", " 14-03-2007 ", "14.03.2007"])
def test_read_as_a_worker_types_it(text: str) -> None:
    assert parse_day(text) == date(2007, 3, 14)


@pytest.mark.parametrize("text", ["2007-03-14", "31/02/2007", "14/03", "soon", ""])
def test_anything_else_is_refused_with_a_sentence(text: str) -> None:
    with pytest.raises(ValueError, match="write it as dd/mm/yyyy"):
        parse_day(text)


def test_every_layer_uses_it() -> None:
    """No other module spells the format out: a new one would drift from it."""
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "caseapp"
    spelled = [str(p.relative_to(package)) for p in package.rglob("*.py")
               if p.name != "dates.py" and "migrations" not in p.parts
               and any(f in p.read_text(encoding="utf-8") for f in ("%d/%m/%Y", "dd/MM/yyyy"))]
    assert spelled == []
