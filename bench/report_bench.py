"""Printing: the hand-off pack, a case summary of 200 events, the caseload report.

Each figure is the whole job as the app runs it (read through the services, lay out with the
bundled fonts, mark every page, write the file atomically, and for the pack log the
disclosure). The baseline, in the same run, is ReportLab alone setting the same words in its
built-in Helvetica (no reading, no font embedding or shaping, no marking, no log), written
to the same folder: the ratio is what the app adds on top of the library.

Goals: hand-off pack under 300 ms, case summary of 200 events under 1 s, caseload report at
10,000 people under 10 s. Sizes: the demo caseload at 1,000 people (quick) or 10,000.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate
from sqlalchemy import text

from bench.harness import comment, compare, measure, report_time
from caseapp.reports import api
from caseapp.reports.text import escape
from caseapp.services.checkins import CheckInService
from caseapp.services.demo import build_demo_caseload
from caseapp.store import KdfParams, Store

PASSPHRASE = "benchmark passphrase only"
EVENTS = 200


def _plain_baseline(source: Path, out: Path):  # type: ignore[no-untyped-def]
    """ReportLab alone setting the words of `source` in Helvetica, one paragraph per line."""
    reader = PdfReader(source)
    lines = [line for page in reader.pages for line in (page.extract_text() or "").splitlines() if line.strip()]
    # Helvetica has no Ethiopic or Arabic: keep the line count, drop what it cannot set.
    lines = [escape(line.encode("latin-1", "replace").decode("latin-1")) for line in lines]
    style = getSampleStyleSheet()["BodyText"]

    def build() -> None:
        SimpleDocTemplate(str(out)).build([Paragraph(line, style) for line in lines])

    return build, len(reader.pages)


def _events(store: Store, person_id: int) -> int:
    tables = ("check_in", "pathway_step", "eet_status_period", "accommodation_period", "support_need", "vetting_check")
    with store.read_session() as s:
        return sum(
            s.execute(text(f"SELECT COUNT(*) FROM {t} WHERE person_id = :p"), {"p": person_id}).scalar() or 0
            for t in tables
        )


def _person_with_events(store: Store, events: int) -> int:
    """The demo person with most check-ins, topped up with check-ins to `events` events."""
    with store.read_session() as s:
        person_id = s.execute(
            text("SELECT person_id FROM check_in GROUP BY person_id ORDER BY COUNT(*) DESC LIMIT 1")
        ).scalar_one()
    checkins = CheckInService(store, actor_id=1)
    moment = datetime.now() - timedelta(days=2)
    while _events(store, person_id) < events:
        for _ in range(events - _events(store, person_id)):
            moment -= timedelta(hours=7)
            checkins.record_check_in(
                person_id=person_id, happened_at=moment, method="phone", outcome="spoke",
                note="Talked about the week ahead and the travel pass.", actions="Send CV to employer",
            )
    return person_id


def run_size(folder: Path, people: int, repeat: int) -> None:
    started = time.perf_counter()
    store, _ = Store.create(folder / "store", PASSPHRASE, kdf=KdfParams.cheap_for_tests(), demo=True)
    out = folder / "out"
    out.mkdir()
    try:
        build_demo_caseload(store, people=people, seed=7)
        report_time(f"report.{people}.build_demo", time.perf_counter() - started, "s")
        with store.read_session() as s:
            hand_off_id = s.execute(text("SELECT MIN(id) FROM hand_off")).scalar_one()
        pack = out / "pack.pdf"
        api.print_hand_off_pack(store, hand_off_id=hand_off_id, out=pack, actor_id=1)
        plain, pages = _plain_baseline(pack, out / "plain-pack.pdf")
        comment(f"hand-off pack: {pages} pages")
        compare(
            "report.handoff_pack",
            lambda: api.print_hand_off_pack(store, hand_off_id=hand_off_id, out=pack, actor_id=1),
            plain,
            repeat=repeat * 2,
            baseline_label="reportlab_plain",
        )

        person_id = _person_with_events(store, EVENTS)
        summary = out / "summary.pdf"
        api.print_case_summary(store, person_id=person_id, out=summary, actor_id=1)
        plain, pages = _plain_baseline(summary, out / "plain-summary.pdf")
        comment(f"case summary: {_events(store, person_id)} events, {pages} pages")
        compare(
            f"report.case_summary_{EVENTS}_events",
            lambda: api.print_case_summary(store, person_id=person_id, out=summary, actor_id=1),
            plain,
            repeat=repeat,
            baseline_label="reportlab_plain",
        )

        caseload = out / "caseload.pdf"
        api.print_caseload_report(store, out=caseload, actor_id=1)
        plain, pages = _plain_baseline(caseload, out / "plain-caseload.pdf")
        comment(f"caseload report at {people:,} people: {pages} pages")
        compare(
            f"report.caseload.{people}",
            lambda: api.print_caseload_report(store, out=caseload, actor_id=1),
            plain,
            repeat=max(3, repeat // 2),
            unit="s",
            baseline_label="reportlab_plain",
        )
        # The report lists the 50 most overdue by default; `--all-overdue` lists everyone.
        every = out / "caseload-all.pdf"
        api.print_caseload_report(store, out=every, actor_id=1, overdue_list_limit=None)
        comment(f"caseload report listing every overdue young person: {len(PdfReader(every).pages)} pages")
        report_time(
            f"report.caseload.{people}.every_overdue_listed",
            measure(lambda: api.print_caseload_report(store, out=every, actor_id=1, overdue_list_limit=None), repeat=3),
            "s",
        )
    finally:
        store.close(backup=False)


def run(*, quick: bool, folder: Path | None = None) -> None:
    comment("printing through the services on a demo caseload, files written atomically")
    with tempfile.TemporaryDirectory(prefix="caseapp-bench-", dir=folder) as tmp:
        # The pack and the summary read one person: the caseload's size barely moves them.
        people = 1_000 if quick else 10_000
        run_size(Path(tmp) / f"caseload-{people}", people, repeat=5)
