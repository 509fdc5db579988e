"""The page every document shares: marking top and bottom, page n of m, date printed.

Also the PDF's metadata, which says what kind of document this is and nothing about whom,
and the optional AES-256 password. Documents are built in memory and handed back as bytes:
nothing touches the disk until the caller writes the finished file where the user chose.

Headings stay with what they head (`blocks.keep_leads`), and no document ends on a page that
holds only a line or two: see `build_pdf`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from caseapp import dates
from caseapp.reports import fonts, styles
from caseapp.reports.blocks import keep_leads
from caseapp.reports.encryption import Aes256Encryption
from caseapp.reports.progress import Progress
from caseapp.reports.text import draw

CREATOR = "caseapp"
# A last page holding less than this (about five lines) looks like a page printed by mistake,
# or like a pack cut short; the page before gives up enough of its foot to fill it.
MIN_LAST_PAGE = 30 * mm


@dataclass(frozen=True)
class PageSetup:
    marking: str  # e.g. OFFICIAL-SENSITIVE, a caseload setting
    printed_on: date
    document_label: str  # generic, never personal: "Hand-off pack"
    keywords: tuple[str, ...] = ()


def _marked_canvas(setup: PageSetup) -> type[Canvas]:
    class MarkedCanvas(Canvas):
        """Holds each page until the end, so every page can say how many there are."""

        def __init__(self, *args, **kwargs) -> None:
            # AES-256 (revision 6) arrived with PDF 1.7 extension level 8, declared in save().
            kwargs.setdefault("pdfVersion", (1, 7))
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                _decorate(self, setup, total)
                Canvas.showPage(self)
            if isinstance(self._doc.encrypt, Aes256Encryption):
                catalog = self._doc.Catalog
                # The catalog writes only the keys it lists; Extensions is not among them.
                catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "Extensions"]
                self.setCatalogEntry(
                    "Extensions",
                    PDFDictionary({"ADBE": PDFDictionary({"BaseVersion": PDFName("1.7"), "ExtensionLevel": 8})}),
                )
            Canvas.save(self)

    return MarkedCanvas


def _decorate(canvas: Canvas, setup: PageSetup, total: int) -> None:
    width, height = canvas._pagesize
    left, right = styles.MARGIN, width - styles.MARGIN
    canvas.saveState()
    # The marking is a setting, typed by whoever set the caseload up: set like any other text.
    canvas.setFillColor(styles.MARKING)
    draw(canvas, width / 2, height - 11 * mm, setup.marking, size=10, bold=True, anchor="middle")
    draw(canvas, width / 2, 8 * mm, setup.marking, size=10, bold=True, anchor="middle")
    canvas.setFillColor(styles.MUTED)
    draw(canvas, left, height - 11 * mm, setup.document_label, size=8)
    draw(canvas, left, 8 * mm, f"Printed {dates.day(setup.printed_on)}", size=8)
    draw(canvas, right, 8 * mm, f"Page {canvas.getPageNumber()} of {total}", size=8, anchor="end")
    canvas.setStrokeColor(styles.RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, height - 13.5 * mm, right, height - 13.5 * mm)
    canvas.line(left, 12 * mm, right, 12 * mm)
    canvas.restoreState()


@dataclass(frozen=True)
class _ShortPage:
    """A page whose text stops higher than usual: `bottom` points above the foot of the sheet."""

    number: int
    bottom: float


class _Document(BaseDocTemplate):
    def __init__(
        self,
        buffer: io.BytesIO,
        setup: PageSetup,
        password: str | None,
        progress: Progress,
        short: _ShortPage | None = None,
    ) -> None:
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=styles.MARGIN,
            rightMargin=styles.MARGIN,
            topMargin=styles.MARGIN,
            bottomMargin=styles.MARGIN,
            # Generic words only: a PDF's properties travel with every copy of the file.
            title=f"{CREATOR} {setup.document_label.lower()}",
            author=CREATOR,
            subject=setup.document_label,
            creator=CREATOR,
            producer=CREATOR,
            keywords=list(setup.keywords),
            # No creation or modification time in the file: when it was printed is on the
            # page, where the reader expects it, and not in hidden properties.
            invariant=1,
            pageCompression=1,
            lang="en-GB",
            encrypt=Aes256Encryption(password) if password else None,
            initialFontName=fonts.LATIN,
        )
        self.top = self.bottomMargin + self.height
        self._full = PageTemplate(id="page", frames=[self._frame(self.bottomMargin)])
        self._short = PageTemplate(id="short", frames=[self._frame(short.bottom)]) if short else None
        self._short_number = short.number if short else None
        self.addPageTemplates([self._full, *([self._short] if self._short else [])])
        # Where the text stopped on each page, in points above the foot of the sheet.
        self.ends: dict[int, float] = {}
        self._progress = progress
        self._count = 1
        self.setProgressCallBack(self._on_progress)

    def _frame(self, bottom: float) -> Frame:
        return Frame(
            self.leftMargin,
            bottom,
            self.width,
            self.top - bottom,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    def handle_pageBegin(self) -> None:  # noqa: N802 - ReportLab's name
        short = self._short is not None and self.page + 1 == self._short_number
        self.pageTemplate = self._short if short else self._full
        super().handle_pageBegin()

    def handle_pageEnd(self) -> None:  # noqa: N802 - ReportLab's name
        self.ends[self.page] = self.frame._y
        super().handle_pageEnd()

    def used(self, number: int) -> float:
        """How much of page `number`'s height the text takes."""
        return self.top - self.ends[number]

    def _on_progress(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self._count = max(value, 1)
        elif kind == "PROGRESS":
            self._progress.layout(value, self._count)
        elif kind == "PAGE":
            self._progress.check()


def _build(
    story: list[Flowable], setup: PageSetup, password: str | None, progress: Progress, short: _ShortPage | None = None
) -> tuple[bytes, _Document]:
    buffer = io.BytesIO()
    document = _Document(buffer, setup, password, progress, short)
    document.build(keep_leads(story), canvasmaker=_marked_canvas(setup))
    return buffer.getvalue(), document


def _short_page(document: _Document) -> _ShortPage | None:
    """Where the page before the last should stop so that the last holds `MIN_LAST_PAGE`:
    higher than where its text stopped by what the last page lacks."""
    last = document.page
    if last < 2 or document.used(last) >= MIN_LAST_PAGE:
        return None
    bottom = document.ends[last - 1] + MIN_LAST_PAGE - document.used(last)
    if document.top - bottom < MIN_LAST_PAGE:
        return None
    return _ShortPage(last - 1, bottom)


def build_pdf(
    story: list[Flowable],
    *,
    setup: PageSetup,
    password: str | None,
    progress: Progress,
    remake: Callable[[], list[Flowable]] | None = None,
) -> bytes:
    """The finished PDF as bytes. Raises ReportCancelled if cancelled while laying out.

    When the last page would hold only a line or a bullet, and `remake` can make the story
    afresh (a laid-out story cannot be laid out again), it is laid out once more with the
    page before stopping higher, so that more of the ending moves over with it. The second
    layout is kept only if it fills the same number of pages, its last page holds more, and
    the page before still holds a fair amount; otherwise the first stands. Whatever the
    content, pages before those two are laid out exactly as the first time.
    """
    fonts.register_fonts()
    pdf, first = _build(story, setup, password, progress)
    short = _short_page(first) if remake is not None else None
    if short is None or remake is None:
        return pdf
    again, second = _build(remake(), setup, password, progress, short)
    last = first.page
    if second.page == last and second.used(last) > first.used(last) and second.used(last - 1) >= MIN_LAST_PAGE:
        return again
    return pdf
