"""Every piece of text that can hold a name prints in every document, whatever its script.

A young person, their worker, the employer, the mentor and the line manager are given names
in Latin with diacritics, Arabic, Ethiopic, or a mix; the three documents are printed, and:

- every character of every paragraph, table cell and chart label of each document is set in a
  font that has a glyph for it, and a bold heading stays bold in every script;
- in the PDF read back, no glyph is missing (.notdef extracts as U+0000), each character is
  drawn from the font of its script, and every name is there in full;
- the report modules have no way round the one text path (no Paragraph, String or canvas text
  made anywhere else), so a document added later gets the same treatment.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.widgetbase import Widget
from reportlab.lib.fonts import ps2tt
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

import caseapp.reports
from caseapp.models.codes import NeedCategory
from caseapp.reports import api, fonts
from tests.reports.conftest import read_pdf
from tests.services.helpers import TODAY, born_aged, days_ago


@dataclass(frozen=True)
class Names:
    given: str
    family: str
    preferred: str | None
    own_script: str | None
    worker: str
    employer: str
    mentor: str
    line_manager: str
    title: str


NAME_SETS = {
    # Decomposed on purpose: NFC must make each letter one glyph.
    "latin": Names(
        given="Zoe\u0308", family="Nguyễn", preferred="Thảo", own_script=None, worker="Siân Bell-Jones",
        employer="Café Ørsted", mentor="Şêrko Barzanî", line_manager="Ó Briain Đặng", title="Garden assistant",
    ),
    "arabic": Names(
        given="عبد الرحمن", family="الحسن", preferred="محمد", own_script="عبد الرحمن الحسن", worker="آمنة إبراهيم",
        employer="مطعم الياسمين", mentor="راما الحريري", line_manager="زرغونه احمدزی", title="مساعد مطبخ",
    ),
    "ethiopic": Names(
        given="ሰምሃር", family="ተኽለ", preferred="ሉዋም", own_script="ሰምሃር ተኽለ", worker="ዮናስ ገብረመድህን",
        employer="ፊልሞን ካፌ", mentor="ፊልሞን በርሀነ", line_manager="ሉዋም ኪዳነ", title="የአትክልት ረዳት",
    ),
    "mixed": Names(
        given="Semhar ሰምሃር", family="Al-Hassan (الحسن)", preferred=None, own_script="ሰምሃር ተኽለ / عبد الرحمن",
        worker="Dritë ዮናስ", employer="Harbour مطعم Hotel", mentor="Dev ፊልሞን", line_manager="Sam زرغونه",
        title="Kitchen ረዳት",
    ),
}


@dataclass
class World:
    names: Names
    person_id: int
    hand_off_id: int


def make_world(svc: Any, names: Names) -> World:
    """Everyone named in one script, in every place a name can print."""
    worker = svc.workers.add_worker(name=names.worker, role="employability_worker")
    employer = svc.employers.add_employer(name=names.employer)
    person = svc.people.add_young_person(
        given_name=names.given, family_name=names.family, preferred_name=names.preferred,
        own_script_name=names.own_script, date_of_birth=born_aged(19), referral_date=days_ago(400),
        worker_id=worker.id, pa_id=worker.id, right_to_work="unlimited", strengths="Kind\nReliable",
    )
    svc.people.set_eet_status(person_id=person.id, status="G5", start_date=days_ago(300))
    step = svc.pathway.add_step(
        person_id=person.id, type="paid_placement", status="waiting_to_start", title=names.title,
        employer_id=employer.id, offered_on=days_ago(20), start_date=TODAY + timedelta(days=7), mentor=names.mentor,
        line_manager=names.line_manager,
    )
    svc.pathway.add_step(
        person_id=person.id, type="work_experience", status="in_progress", title=names.title,
        employer_id=employer.id, start_date=days_ago(30), mentor=names.mentor,
    )
    need = svc.support.add_support_need(
        person_id=person.id, category=NeedCategory.TRANSPORT, description=f"A bus pass for {names.given}",
        adjustments=f"{names.mentor} meets {names.given} at the gate",
    )
    svc.support.give_consent(need_id=need.id, given_on=days_ago(10))
    hand_off = svc.handoffs.build_hand_off(
        step_id=step.id, line_manager=names.line_manager, need_ids=[need.id], hr_contact=names.worker,
        mentor=names.mentor, strengths=f"{names.given} is kind",
        first_two_weeks=f"Day 1: a tour with {names.mentor}.",
    )
    svc.employers.add_commitment(
        employer_id=employer.id, measure="Work experience", step_type="work_experience", pledged=2,
        contract=names.employer, period_start=date(2026, 4, 1), period_end=date(2027, 3, 31),
    )
    return World(names, person.id, hand_off.id)


DOCUMENTS: dict[str, Callable[..., Path]] = {
    "hand-off pack": lambda svc, w, out: api.print_hand_off_pack(
        svc.store, hand_off_id=w.hand_off_id, out=out, actor_id=svc.worker_id, today=TODAY
    ),
    "case summary": lambda svc, w, out: api.print_case_summary(
        svc.store, person_id=w.person_id, out=out, actor_id=svc.worker_id, today=TODAY
    ),
    "caseload report": lambda svc, w, out: api.print_caseload_report(
        svc.store, out=out, actor_id=svc.worker_id, today=TODAY
    ),
}


def print_with_story(svc: Any, world: World, document: str, out: Path, monkeypatch: Any) -> tuple[Path, list]:
    """The printed file, and the story it was laid out from."""
    stories: list[list[Flowable]] = []
    real = api.build_pdf

    def spy(story: list[Flowable], **kw: Any) -> bytes:
        stories.append(list(story))
        return real(story, **kw)

    monkeypatch.setattr(api, "build_pdf", spy)
    path = DOCUMENTS[document](svc, world, out)
    [story] = stories
    return path, story


# -- what the story sets, and in which font ---------------------------------------------


@dataclass(frozen=True)
class Placed:
    font: str
    text: str
    bold_wanted: bool
    where: str


def _bold(font_name: str) -> bool:
    return bool(ps2tt(font_name)[1])


def placed(items: Any, where: str = "") -> Iterator[Placed]:
    """Every piece of text in a story, with the font it will be drawn in."""
    if items is None:
        return
    if isinstance(items, (list, tuple)):
        for item in items:
            yield from placed(item, where)
    elif isinstance(items, Paragraph):
        bold = _bold(items.style.fontName)
        for frag in items.frags:
            text = getattr(frag, "text", "")
            if text:
                yield Placed(frag.fontName, text, bold, f"{where}paragraph {items.getPlainText()[:60]!r}")
    elif isinstance(items, KeepTogether):
        yield from placed(items._content, where)
    elif isinstance(items, Table):
        for r, row in enumerate(items._cellvalues):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    font = items._cellStyles[r][c].fontname
                    yield Placed(font, value, False, f"{where}table cell {value[:60]!r}")
                else:
                    yield from placed(value, where)
    elif isinstance(items, String):
        yield Placed(items.fontName, items.text, False, f"{where}drawing {items.text[:60]!r}")
    elif isinstance(items, (Drawing, Group)):
        for child in items.contents:
            yield from placed(child, where)
    elif isinstance(items, Widget):
        yield from placed(items.draw(), where)


def test_every_character_of_every_document_has_a_glyph_in_its_font(svc, out_dir, monkeypatch) -> None:
    problems = []
    for script, names in NAME_SETS.items():
        world = make_world(svc, names)
        for document in DOCUMENTS:
            _path, story = print_with_story(svc, world, document, out_dir / f"{script}-{document}.pdf", monkeypatch)
            for piece in placed(story, f"{document}, {script}: "):
                for char in piece.text:
                    if not char.isspace() and not fonts.has_glyph(piece.font, char):
                        problems.append(f"{piece.where}: U+{ord(char):04X} has no glyph in {piece.font}")
                if piece.bold_wanted and not _bold(piece.font):
                    problems.append(f"{piece.where}: set in {piece.font}, not bold like the rest of it")
    assert not problems, "\n".join(dict.fromkeys(problems))


# -- what the PDF draws --------------------------------------------------------------------


def _script(char: str) -> str | None:
    cp = ord(char)
    if 0x0600 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
        return "NotoSansArabic"
    if 0x1200 <= cp <= 0x139F or 0x2D80 <= cp <= 0x2DDF or 0xAB00 <= cp <= 0xAB2F:
        return "NotoSansEthiopic"
    if unicodedata.category(char).startswith("L"):
        return "NotoSans"
    return None


def drawn(path: Path) -> list[tuple[str, str]]:
    """(text, font) for every piece of text the PDF shows."""
    out: list[tuple[str, str]] = []
    for page in read_pdf(path).pages:

        def visit(text: str, _cm: Any, _tm: Any, font: Any, _size: Any) -> None:
            if text and font is not None:
                out.append((text, str(font["/BaseFont"]).split("+")[-1]))

        page.extract_text(visitor_text=visit)
    return out


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("script", sorted(NAME_SETS))
@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_every_name_is_drawn_in_the_font_of_its_script(svc, out_dir, monkeypatch, script, document) -> None:
    names = NAME_SETS[script]
    world = make_world(svc, names)
    path, _story = print_with_story(svc, world, document, out_dir / "out.pdf", monkeypatch)
    runs = drawn(path)
    for text, font in runs:
        assert "\x00" not in text, f"a glyph is missing from {font}: {text!r}"
        for char in text:
            family = _script(char)
            if family is not None:
                assert re.fullmatch(rf"{family}(-\w+)?", font), f"{char!r} of {text!r} drawn in {font}"
    text = _flat("".join(t for t, _ in runs))
    # The words of each name, however the page orders right-to-left words.
    wanted = {
        "hand-off pack": [names.preferred or names.given, names.family, names.worker, names.employer, names.mentor,
                          names.line_manager, names.title],
        "case summary": [names.given, names.family, names.preferred, names.own_script, names.worker, names.employer,
                         names.mentor, names.line_manager, names.title],
        "caseload report": [names.preferred or names.given, names.family, names.worker, names.employer],
    }[document]
    for name in filter(None, wanted):
        for word in _flat(name).split():
            assert word.strip("()/") in text, f"{word!r} of {name!r} is not in the {document}"


def test_the_pack_headings_carry_the_name_in_any_script(svc, out_dir, monkeypatch) -> None:
    """The case found: "What  brings" and "Support  has agreed to share"."""
    for script in ("ethiopic", "arabic"):
        names = NAME_SETS[script]
        world = make_world(svc, names)
        path, _story = print_with_story(svc, world, "hand-off pack", out_dir / f"{script}.pdf", monkeypatch)
        lines = [_flat(t) for t, _ in drawn(path)]
        text = " ".join(lines)
        name = names.preferred or names.given
        assert re.search(rf"What\s+{re.escape(name)}\s+brings", text), script
        assert re.search(rf"Support\s+{re.escape(name)}\s+has agreed to share", text), script


# -- no way round the one path --------------------------------------------------------------

REPORTS = Path(caseapp.reports.__file__).parent
TEXT_PATH = "text.py"
DRAWING_TEXT = {"drawString", "drawCentredString", "drawRightString", "drawAlignedString", "drawText", "beginText"}


def _outside_the_text_path() -> Iterator[tuple[str, ast.AST]]:
    for module in sorted(REPORTS.glob("*.py")):
        if module.name == TEXT_PATH:
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            yield module.name, node


def test_text_reaches_the_page_only_through_the_text_module() -> None:
    """Paragraphs, drawing strings and canvas text are made in text.py only, and Markup (text
    taken as already-safe markup) is only ever a literal written in the code."""
    problems = []
    for module, node in _outside_the_text_path():
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reportlab"):
            for alias in node.names:
                if alias.name in ("Paragraph", "String", "Label", "XPreformatted", "Preformatted"):
                    problems.append(f"{module}:{node.lineno} imports {alias.name}")
        if isinstance(node, ast.ImportFrom) and node.module == "caseapp.reports.text":
            for alias in node.names:
                if alias.name in ("escape", "markup"):
                    problems.append(f"{module}:{node.lineno} imports {alias.name}")
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in DRAWING_TEXT:
                problems.append(f"{module}:{node.lineno} draws text with {name}")
            if name == "Markup":
                if len(node.args) != 1 or not isinstance(node.args[0], ast.Constant):
                    problems.append(f"{module}:{node.lineno} makes Markup from something other than a literal")
    assert not problems, "\n".join(problems)
