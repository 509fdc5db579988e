"""How every layer writes and reads a day and a moment: the UK way, dd/mm/yyyy.

One place, so screens, packs, exports and the services' sentences always agree, and a change
of format (or a locale) is made once. Qt-free and importing nothing from the app, so the
services, the reports and the client can all use it.
"""

from __future__ import annotations

from datetime import date, datetime

DAY = "%d/%m/%Y"
MOMENT = "%d/%m/%Y %H:%M"
# The same for Qt's date widgets, which spell formats their own way.
QT_DAY = "dd/MM/yyyy"
QT_MOMENT = "dd/MM/yyyy HH:mm"


def day(value: date | None, *, none: str = "") -> str:
    """14/03/2007; `none` for no date."""
    return value.strftime(DAY) if value is not None else none


def moment(value: datetime | None, *, none: str = "") -> str:
    """14/03/2007 09:30; `none` for no time."""
    return value.strftime(MOMENT) if value is not None else none


def parse_day(text: str) -> date:
    """A day as a worker types it (14/03/2007, also 14/3/2007 or 14-03-2007); ValueError
    with a sentence for anything else, or for a day that does not exist."""
    cleaned = text.strip().replace("-", "/").replace(".", "/")
    try:
        return datetime.strptime(cleaned, DAY).date()
    except ValueError:
        raise ValueError(f"“{text.strip()}” is not a date: write it as dd/mm/yyyy, e.g. 14/03/2007.") from None
