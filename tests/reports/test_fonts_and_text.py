"""Names in Latin with diacritics, Ethiopic and Arabic: every glyph from an embedded font."""

from __future__ import annotations

import unicodedata
from importlib import resources

import pytest
from reportlab.pdfbase.ttfonts import shapeStr

from caseapp.reports import api, fonts, styles
from caseapp.reports.text import ARABIC, ETHIOPIC, FONT_OF, HAIR_SPACE, LATIN, Markup, join, markup, para, render, runs
from tests.reports.conftest import ABDELRAHMAN_OWN, SEMHAR_OWN, ZOE, all_text, make_case, read_pdf
from tests.services.helpers import TODAY

LATIN_NAMES = [
    "Zoe\u0308 Walker", "Nguyễn Thảo", "Đặng Phương", "Şêrko Barzanî", "Ó Briain", "Siân Bell-Jones", "Ërmal Çela"
]
ETHIOPIC_NAMES = ["ሰምሃር ተኽለ", "ዮናስ ገብረመድህን", "ፊልሞን በርሀነ", "ሉዋም ኪዳነ"]  # Tigrinya and Amharic
ARABIC_NAMES = ["عبد الرحمن الحسن", "آمنة إبراهيم", "محمد", "راما الحريري", "زرغونه احمدزی", "ګلالۍ", "میرویس"]


def test_fonts_and_licence_are_bundled_as_package_resources() -> None:
    folder = resources.files("caseapp.resources").joinpath("fonts")
    for file_name in fonts.FILES.values():
        assert folder.joinpath(file_name).read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType
    assert "SIL OPEN FONT LICENSE Version 1.1" in fonts.licence_text()
    assert len(fonts.font_files()) == len(fonts.FILES)


@pytest.mark.parametrize("name", LATIN_NAMES + ETHIOPIC_NAMES + ARABIC_NAMES)
def test_every_character_has_a_glyph_in_the_font_chosen_for_it(name: str) -> None:
    for run in runs(name):
        for char in run.text:
            if not char.isspace():
                assert fonts.has_glyph(FONT_OF[run.script], char), (run.script, f"U+{ord(char):04X}")


def test_runs_are_split_by_script_and_normalised() -> None:
    assert [r.script for r in runs("Zoe\u0308")] == [LATIN] and runs("Zoe\u0308")[0].text == ZOE
    assert [(r.script, r.text) for r in runs(f"Semhar {SEMHAR_OWN}")] == [(LATIN, "Semhar "), (ETHIOPIC, SEMHAR_OWN)]
    # The space between Arabic words stays in the Arabic run, so the words can be ordered.
    assert [(r.script, r.text) for r in runs(f"Abdelrahman {ABDELRAHMAN_OWN}")] == [
        (LATIN, "Abdelrahman "),
        (ARABIC, ABDELRAHMAN_OWN),
    ]


def test_markup_escapes_and_orders_arabic_words_for_the_page() -> None:
    assert markup("Tom & <Jerry>") == "Tom &amp; &lt;Jerry&gt;"
    # Words laid out left to right must read right to left: the first word goes rightmost.
    assert markup(ABDELRAHMAN_OWN) == f'<font face="{fonts.ARABIC}">الحسن الرحمن عبد</font>'
    # A word that changes font part-way is split where ReportLab's shaping would break it.
    assert HAIR_SPACE in markup("(محمد)")
    assert HAIR_SPACE not in markup("Semhar/ሰምሃር")
    # Also where two pieces of a paragraph meet inside a word.
    assert HAIR_SPACE in render(join(["مطعم الياسمين", ", starting"]))
    assert HAIR_SPACE not in render(join(["مطعم ", "الياسمين"]))
    assert render(join([Markup("<b>Name:</b> "), "Zoe\u0308"])) == f"<b>Name:</b> {ZOE}"


def test_text_in_bold_is_set_in_the_bold_face_of_its_script() -> None:
    # Inside a literal <b>, and in a bold style: a font tag resets the weight, so it names it.
    assert render(join([Markup("<b>"), "ሰምሃር", Markup("</b> "), "ሰምሃር"])) == (
        f'<b><font face="{fonts.ETHIOPIC_BOLD}">ሰምሃር</font></b> <font face="{fonts.ETHIOPIC}">ሰምሃር</font>'
    )
    heading = para(join(["What ", "محمد", " brings"]), styles.H2)
    assert {f.fontName for f in heading.frags} == {fonts.LATIN_BOLD, fonts.ARABIC_BOLD}


@pytest.mark.parametrize("word", ["محمد", "عبد", "الرحمن", "إبراهيم", "زرغونه", "ګلالۍ", "میرویس"])
def test_arabic_is_shaped_joined_right_to_left_with_no_missing_glyph(word: str) -> None:
    fonts.register_fonts()
    shaped = shapeStr(word, fonts.ARABIC, 10)
    face = fonts.ttfont(fonts.ARABIC).face
    glyphs = [face.charToGlyph.get(ord(c), 0) for c in shaped]
    assert 0 not in glyphs, "a .notdef glyph"
    # Joined: the letters were replaced by their contextual forms.
    assert str(shaped) != word
    # Visual order: the first glyph drawn (leftmost) is the last letter typed.
    clusters = [d.cluster for d in shaped.__shapeData__]
    assert clusters[0] == max(clusters) and clusters[-1] == 0


def _fonts_used(path) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    used = {}
    for page in read_pdf(path).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            used[str(font["/BaseFont"])] = font
    return used


def test_names_in_three_scripts_print_from_embedded_fonts(svc, out_dir) -> None:
    people = [
        make_case(svc, given_name="Zoe\u0308", own_script_name=SEMHAR_OWN).person,
        svc.people.add_young_person(
            given_name="Abdelrahman", family_name="Elhassan", own_script_name=ABDELRAHMAN_OWN,
            date_of_birth=TODAY.replace(year=2006), worker_id=svc.worker_id,
        ),
        svc.people.add_young_person(
            given_name="Dritë", family_name="Çela", own_script_name="ዮናስ ገብረመድህን",
            date_of_birth=TODAY.replace(year=2005), worker_id=svc.worker_id,
        ),
    ]
    for person in people:
        path = api.print_case_summary(
            svc.store, person_id=person.id, out=out_dir / f"{person.id}.pdf", sections=["profile"], today=TODAY
        )
        used = _fonts_used(path)
        for name, font in used.items():
            assert "/FontFile2" in font["/FontDescriptor"], f"{name} is not embedded"
            assert name.split("+")[1].startswith("NotoSans"), name
        text = unicodedata.normalize("NFKC", all_text(path))
        assert person.own_script_name in text
        assert unicodedata.normalize("NFC", person.given_name) in text
        scripts = {name.split("+")[1].split("-")[0] for name in used}
        if person.own_script_name == ABDELRAHMAN_OWN:
            assert "NotoSansArabic" in scripts
        else:
            assert "NotoSansEthiopic" in scripts


def test_the_table_validation_reads_is_what_the_fonts_print() -> None:
    """Validation refuses what the fonts cannot draw from a table, not the fonts themselves:
    the table must stay what the bundled fonts' character maps say."""
    from caseapp.services import printable

    stored = resources.files("caseapp.resources").joinpath(*printable.TABLE).read_text(encoding="ascii")
    assert stored == fonts.printable_table(), (
        "the fonts changed: rewrite resources/fonts/printable.txt with fonts.printable_table()"
    )
    for name in LATIN_NAMES + ETHIOPIC_NAMES + ARABIC_NAMES:
        assert printable.all_printable(unicodedata.normalize("NFC", name)), name
    for char in ("😀", "李", "र", "\u2192", "\ue000"):
        assert not printable.printable(char) and not any(
            fonts.has_glyph(FONT_OF[run.script], char) for run in runs(char)
        ), f"U+{ord(char):04X}"
