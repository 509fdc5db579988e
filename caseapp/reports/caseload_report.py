"""The caseload report for a team lead: who is NEET, who is overdue, the funnel, employers
and what they pledged.

Charts are ReportLab drawings (vector, crisp in print, no image files); every chart has its
figures in a table beside or below it, so nothing depends on reading bar lengths.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.colors import white
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from caseapp.models.codes import EetStatus
from caseapp.reports import fonts, styles
from caseapp.reports.blocks import body, day, grid, intro, quiet, section
from caseapp.reports.text import Markup, join, label, para
from caseapp.reports.text import width as text_width
from caseapp.services.caseload import CaseloadRow
from caseapp.services.commitments import CommitmentProgress
from caseapp.services.dashboard import FunnelStage
from caseapp.services.report_data import EmployerDelivery
from caseapp.services.workers import WorkerRecord

DOCUMENT = "Caseload report"
DEFAULT_OVERDUE_LIST = 50
CHART_EMPLOYERS = 12
NOT_RECORDED = "Not recorded"
UNASSIGNED = "No worker assigned"


@dataclass(frozen=True)
class CaseloadData:
    rows: tuple[CaseloadRow, ...]  # open cases, overdue first
    workers: dict[int, WorkerRecord]
    funnel: tuple[FunnelStage, ...]  # the first stage is everyone referred
    employers: tuple[EmployerDelivery, ...]
    printed_on: date
    commitments: tuple[CommitmentProgress, ...] = ()
    overdue_list_limit: int | None = DEFAULT_OVERDUE_LIST


LABEL_SIZE = 8


def _bar_chart(labels: list[str], series: list[list[int]], *, width: float, names: list[str] | None = None) -> Drawing:
    """Horizontal bars, first label at the top; stacked when there is more than one series.

    The labels (workers' and employers' names) are drawn beside the bars by `text.label`, in
    the font of their script, rather than by the chart's axis, which knows one font only.
    """
    bar_height = 13
    widest = max((text_width(s, LABEL_SIZE) for s in labels), default=0)
    label_width = min(62 * mm, max(30 * mm, widest + 8))
    legend = 14 if names and len(names) > 1 else 0
    height = max(1, len(labels)) * (bar_height + 5) + 24 + legend
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 16 + legend
    chart.width = width - label_width - 24
    chart.height = height - 22 - legend
    # The chart draws its first category at the bottom; reversed, the list reads top down.
    chart.data = [list(reversed(values)) for values in series]
    chart.categoryAxis.visibleLabels = 0
    chart.categoryAxis.strokeColor = styles.RULE
    chart.categoryAxis.visibleTicks = 0
    chart.valueAxis.labels.fontName = fonts.LATIN
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.strokeColor = styles.RULE
    chart.valueAxis.gridStrokeColor = styles.SHADE
    chart.valueAxis.visibleGrid = 1
    total = max((sum(v) for v in zip(*series, strict=True)), default=0) if series and series[0] else 0
    chart.valueAxis.valueMax = max(total, 1) * 1.08
    # Whole people: ticks a whole number apart, or a small count reads "0 0 0 0 1".
    chart.valueAxis.valueStep = max(1, -(-total // 5))
    chart.valueAxis.labelTextFormat = "%d"
    chart.barWidth = bar_height
    chart.groupSpacing = 5
    chart.barSpacing = 0
    if len(series) > 1:
        chart.categoryAxis.style = "stacked"
    for i in range(len(series)):
        chart.bars[i].fillColor = styles.SERIES[i % len(styles.SERIES)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    # Each label level with the middle of its bar, as the axis would place it, clipped to its room.
    step = chart.height / max(1, len(labels))
    for i, text in enumerate(labels):
        middle = chart.y + chart.height - (i + 0.5) * step
        drawing.add(
            label(_fit(text, label_width - 8), chart.x - 4, middle - LABEL_SIZE * 0.35, size=LABEL_SIZE, anchor="end",
                  colour=styles.INK)
        )
    if legend and names:
        x = label_width
        for i, name in enumerate(names):
            drawing.add(Rect(x, 2, 8, 8, fillColor=styles.SERIES[i % len(styles.SERIES)], strokeColor=None))
            drawing.add(label(name, x + 11, 3, size=LABEL_SIZE, colour=styles.INK))
            x += 11 + text_width(name, LABEL_SIZE) + 14
    return drawing


def _fit(text: str, room: float) -> str:
    """The label cut with an ellipsis where it would run into the bars."""
    if text_width(text, LABEL_SIZE) <= room:
        return text
    while text and text_width(text + "…", LABEL_SIZE) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _funnel(counts: list[tuple[str, int]], *, width: float) -> Drawing:
    """Centred bars narrowing stage by stage, each with its count and share of the first."""
    row = 22
    drawing = Drawing(width, len(counts) * row + 4)
    top = max((n for _, n in counts), default=0) or 1
    label_width = 70 * mm
    room = width - label_width - 6
    for i, (stage, n) in enumerate(counts):
        y = drawing.height - (i + 1) * row
        bar = max(2.0, room * n / top)
        x = label_width + (room - bar) / 2
        drawing.add(
            Rect(x, y + 3, bar, row - 6, fillColor=styles.SERIES[0], strokeColor=None, fillOpacity=1 - i * 0.12)
        )
        drawing.add(label(stage, label_width - 6, y + 8, size=LABEL_SIZE, anchor="end", colour=styles.INK))
        share = f"{n:,}  ({100 * n / top:.0f}%)" if i else f"{n:,}"
        colour = styles.SHADE if bar > 60 else styles.INK
        anchor_x = label_width + room / 2 if bar > 60 else x + bar + 30
        drawing.add(label(share, anchor_x, y + 8, size=8.5, bold=True, anchor="middle", colour=colour))
    return drawing


def _headline(figures: list[tuple[str, str]], width: float) -> Table:
    cells = [[para(value, styles.FIGURE) for _, value in figures],
             [para(words, styles.FIGURE_LABEL) for words, _ in figures]]
    table = Table(cells, colWidths=[width / len(figures)] * len(figures))
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), styles.SHADE),
                ("FONTNAME", (0, 0), (-1, -1), fonts.LATIN),
                ("LINEAFTER", (0, 0), (-2, -1), 2, white),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]
        )
    )
    return table


def _worker_name(data: CaseloadData, worker_id: int | None) -> str:
    worker = data.workers.get(worker_id) if worker_id is not None else None
    return worker.name if worker else UNASSIGNED


def _eet(data: CaseloadData, width: float) -> list[Flowable]:
    counts = Counter(r.eet_status for r in data.rows)
    labels = [s.label for s in EetStatus] + [NOT_RECORDED]
    values = [counts.get(s, 0) for s in EetStatus] + [counts.get(None, 0)]
    total = len(data.rows) or 1
    table = grid(
        ["EET status", "People", "Share"],
        [(status, f"{n:,}", f"{100 * n / total:.0f}%") for status, n in zip(labels, values, strict=True)],
        widths=[width - 50 * mm, 25 * mm, 25 * mm],
        repeat_header=False,
        numeric=(1, 2),
    )
    return section(
        "Education, employment and training", _bar_chart(labels, [values], width=width), Spacer(0, 3 * mm), table
    )


def _overdue(data: CaseloadData, width: float) -> list[Flowable]:
    overdue = [r for r in data.rows if r.overdue]
    if not overdue:
        return section("Overdue contacts", body("Nobody is overdue a contact. Well done."))
    by_worker = Counter(_worker_name(data, r.worker_id) for r in overdue)
    open_by_worker = Counter(_worker_name(data, r.worker_id) for r in data.rows)
    names = sorted(by_worker, key=lambda w: (-by_worker[w], w))
    weeks = Counter(
        "up to a week" if r.overdue_days <= 7 else "1 to 4 weeks" if r.overdue_days <= 28 else "more than 4 weeks"
        for r in overdue
    )
    out: list[Flowable] = [
        KeepTogether([body(
            f"{len(overdue):,} of {len(data.rows):,} young people are overdue a contact: "
            f"{weeks['up to a week']:,} by up to a week, {weeks['1 to 4 weeks']:,} by one to four weeks and "
            f"{weeks['more than 4 weeks']:,} by more than four weeks. Keeping in touch when nothing is "
            "happening is what keeps young people engaged."
        ), _bar_chart(names, [[by_worker[n] for n in names]], width=width)]),
        Spacer(0, 3 * mm),
        grid(
            ["Worker", "Overdue", "Open cases"],
            [(n, f"{by_worker[n]:,}", f"{open_by_worker[n]:,}") for n in names],
            widths=[width - 50 * mm, 25 * mm, 25 * mm],
            repeat_header=False,
            numeric=(1, 2),
        ),
    ]
    limit = data.overdue_list_limit
    shown = overdue if limit is None else overdue[:limit]
    out.append(Spacer(0, 3 * mm))
    out.append(
        intro(
            "Most overdue first"
            + (
                f": the first {len(shown):,} of {len(overdue):,}. The caseload screen lists them all."
                if len(shown) < len(overdue)
                else "."
            )
        )
    )
    out.append(
        grid(
            ["Young person", "Worker", "Last contact", "Due", "Days overdue"],
            [
                (
                    # Own-script name on its own line: no brackets for the Arabic to sit inside.
                    join([r.display_name, *([Markup("<br/>"), r.own_script_name] if r.own_script_name else [])]),
                    _worker_name(data, r.worker_id),
                    day(r.last_contact) or "never",
                    day(r.next_due),
                    f"{r.overdue_days:,}",
                )
                for r in shown
            ],
            widths=[width - 107 * mm, 35 * mm, 24 * mm, 24 * mm, 24 * mm],
            numeric=(4,),
        )
    )
    return section("Overdue contacts", *out)


def _pathway(data: CaseloadData, width: float) -> list[Flowable]:
    counts = [(stage.label, stage.count) for stage in data.funnel]
    referred = max(counts[0][1], 1) if counts else 1
    return section(
        "Pathway funnel",
        # The heading, what the funnel counts and the chart on one page: read apart they mislead.
        KeepTogether([
            quiet(
                "Everyone ever referred, open or closed, and how many got at least as far as each stage: "
                "someone settled in work is often closed, and leaving them out would hide the outcome. "
                "The dashboard shows the same figures."
            ),
            _funnel(counts, width=width),
        ]),
        Spacer(0, 2 * mm),
        grid(
            ["Stage reached", "People", "Share of those referred"],
            [(stage, f"{n:,}", f"{100 * n / referred:.0f}%") for stage, n in counts],
            widths=[width - 70 * mm, 25 * mm, 45 * mm],
            repeat_header=False,
            numeric=(1, 2),
        ),
    )


def _employers(data: CaseloadData, width: float) -> list[Flowable]:
    if not data.employers:
        return section("Placements and jobs by employer", body("No placements or jobs with employers on file yet."))
    top = list(data.employers[:CHART_EMPLOYERS])
    chart = _bar_chart(
        [e.name for e in top],
        [[e.placements for e in top], [e.jobs for e in top]],
        width=width,
        names=["Placements", "Jobs and apprenticeships"],
    )
    return section(
        "Placements and jobs by employer",
        intro(
            "Placements (work experience, paid placements, internships, pre-apprenticeships) and jobs "
            "(including apprenticeships) started with each employer, for open and closed cases."
            + (
                f" The chart shows the {CHART_EMPLOYERS} employers with most."
                if len(data.employers) > CHART_EMPLOYERS
                else ""
            )
        ),
        chart,
        Spacer(0, 3 * mm),
        grid(
            ["Employer", "Placements", "Jobs", "Going now", "In work at 26 weeks"],
            [
                (e.name, f"{e.placements:,}", f"{e.jobs:,}", f"{e.in_progress:,}", f"{e.sustained:,}")
                for e in data.employers
            ],
            widths=[width - 100 * mm, 22 * mm, 22 * mm, 22 * mm, 34 * mm],
            numeric=(1, 2, 3, 4),
        ),
    )


def _commitment_status(c: CommitmentProgress, on: date) -> str:
    if c.met:
        return "met"
    if c.period_start > on:
        return f"starts {day(c.period_start)}"
    if c.period_end < on:
        return f"ended {c.outstanding:,} short"
    return f"{c.outstanding:,} to go"


def _commitments(data: CaseloadData, width: float) -> list[Flowable]:
    if not data.commitments:
        return section("Employer commitments", body("No employer commitments on file yet."))
    met = sum(1 for c in data.commitments if c.met)
    return section(
        "Employer commitments",
        intro(
            f"What employers pledged and what they delivered: {met:,} of {len(data.commitments):,} commitments met. "
            "Delivered counts what each employer actually hosted of the kind pledged, started within the "
            "period; an offer not yet started does not count."
        ),
        grid(
            ["Employer", "Contract", "Commitment", "Period", "Pledged", "Delivered", "Status"],
            [
                (
                    c.employer_name,
                    c.contract or "No contract",
                    c.measure,
                    join([day(c.period_start), Markup(" –<br/>"), day(c.period_end)]),
                    f"{c.pledged:,}",
                    f"{c.delivered:,}",
                    _commitment_status(c, data.printed_on),
                )
                for c in data.commitments
            ],
            widths=[27 * mm, 21 * mm, width - 130 * mm, 23 * mm, 16 * mm, 19 * mm, 24 * mm],
            numeric=(4, 5),
        ),
    )


def story(data: CaseloadData, width: float) -> list[Flowable]:
    rows = data.rows
    neet = [r for r in rows if r.eet_status is not None and r.eet_status.is_neet]
    # The same year as the caseload screen's NEET-for-12-months filter.
    year_ago = data.printed_on - timedelta(days=365)
    neet_year = [r for r in neet if r.neet_since is not None and r.neet_since <= year_ago]
    overdue = sum(1 for r in rows if r.overdue)
    out: list[Flowable] = [
        para("Caseload report", styles.TITLE),
        para(f"The whole team's open cases on {day(data.printed_on)}.", styles.SUBTITLE),
        _headline(
            [
                ("open cases", f"{len(rows):,}"),
                ("NEET", f"{len(neet):,}"),
                ("NEET for 12 months or more", f"{len(neet_year):,}"),
                ("overdue a contact", f"{overdue:,}"),
            ],
            width,
        ),
        Spacer(0, 4 * mm),
    ]
    out += _eet(data, width)
    out += _overdue(data, width)
    out += _pathway(data, width)
    out += _employers(data, width)
    out += _commitments(data, width)
    return out
