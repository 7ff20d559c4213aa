"""PDF reports: render a source with reportlab, deterministically (invariant mode, fixed dates)."""

from __future__ import annotations

import datetime as dt
import html
import io
import logging
import random
import re
from typing import Any

from .sources import Source, human_date, local_datetime, parse_blocks, stable_seed

# Every module logs under the script's name, so log lines read "build_demo_corpus: ..." as before.
logger = logging.getLogger("build_demo_corpus")


# reportlab's standard fonts cover cp1252 only; map the few typographic characters outside it.
_PDF_CHAR_MAP = {"\u202f": "\u00a0", "\u2009": " ", "\u2011": "-", "\u2010": "-", "\u2212": "-",
                 "\u2192": "->", "\u2248": "~", "\u2264": "<=", "\u2265": ">="}


def pdf_safe(text: str) -> str:
    """Return ``text`` with characters the standard PDF fonts cannot draw replaced."""
    out = "".join(_PDF_CHAR_MAP.get(ch, ch) for ch in text)
    try:
        out.encode("cp1252")
    except UnicodeEncodeError:
        bad = sorted({ch for ch in out if not _cp1252(ch)})
        logger.warning("PDF text has characters outside cp1252, replaced by '?': %r", bad)
        out = "".join(ch if _cp1252(ch) else "?" for ch in out)
    return out


def _cp1252(ch: str) -> bool:
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def pdf_inline(text: str) -> str:
    """Escape text for reportlab's paragraph mini-markup and keep bold / italic."""
    out = html.escape(pdf_safe(text), quote=False)
    out = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"<b>\1</b>", out)
    return re.sub(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])", r"<i>\1</i>", out)


PDF_LABELS = {
    "fr": {"report": "Rapport", "press_release": "Communiqué de presse", "news": "Article",
           "blog": "Tribune", "page": "Page", "by": "Par", "contents": "Sommaire",
           "published": "Publié le"},
    "en": {"report": "Report", "press_release": "Press release", "news": "Article",
           "blog": "Opinion", "page": "Page", "by": "By", "contents": "Contents",
           "published": "Published"},
}


def pdf_date_formatter(when: dt.datetime):
    """Return a reportlab date formatter that writes ``when`` instead of the build time."""
    offset = when.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    stamp = when.strftime("D:%Y%m%d%H%M%S") + f"{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"
    return lambda *_args: stamp


def render_pdf(src: Source, furniture: dict[str, Any]) -> bytes:
    """Render a source as a report-style PDF (title block, headings, page numbers), deterministically."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        BaseDocTemplate, Frame, ListFlowable, ListItem, NextPageTemplate, PageBreak, PageTemplate,
        Paragraph, Spacer,
    )

    rng = random.Random(stable_seed(src.slug, "pdf"))
    lab = PDF_LABELS[src.lang]
    months = furniture["_lang"][src.lang]["months"]
    accent = rng.choice([colors.HexColor(c) for c in ("#1f4e79", "#7a1f3d", "#2e6b4f", "#5b3f8c", "#9a5b13")])
    blocks = parse_blocks(src.body)
    is_report = src.genre == "report"
    genre_label = lab[src.genre]
    when = local_datetime(src.date, src.lang, rng)

    base = getSampleStyleSheet()
    body_style = ParagraphStyle("body", parent=base["BodyText"], fontName="Times-Roman", fontSize=11,
                                leading=15, alignment=TA_JUSTIFY, spaceAfter=7)
    h2 = ParagraphStyle("h2", parent=base["Heading2"], fontName="Helvetica-Bold", fontSize=13.5,
                        textColor=accent, spaceBefore=12, spaceAfter=6)
    h3 = ParagraphStyle("h3", parent=h2, fontSize=11.5, textColor=colors.black)
    quote = ParagraphStyle("quote", parent=body_style, fontName="Times-Italic", leftIndent=1 * cm,
                           rightIndent=1 * cm)
    cover_title = ParagraphStyle("ct", parent=base["Title"], fontName="Helvetica-Bold",
                                 fontSize=24 if is_report else 18, leading=29 if is_report else 22,
                                 alignment=0, textColor=colors.black, spaceAfter=10)
    meta_style = ParagraphStyle("meta", parent=base["Normal"], fontName="Helvetica", fontSize=11,
                                leading=15, textColor=colors.HexColor("#444444"))
    toc_style = ParagraphStyle("toc", parent=meta_style, leftIndent=0.4 * cm, fontSize=10.5)

    short_title = pdf_safe(src.title if len(src.title) <= 70 else src.title[:67].rsplit(" ", 1)[0] + "…")
    publisher = pdf_safe(src.publisher)

    def band(canvas, doc) -> None:
        # Title-page band with the publisher's name, as on printed reports.
        canvas.saveState()
        w, h = A4
        canvas.setFillColor(accent)
        canvas.rect(0, h - (5 if is_report else 3) * cm, w, (5 if is_report else 3) * cm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(2.2 * cm, h - 1.9 * cm, publisher)
        canvas.setFont("Helvetica", 10)
        canvas.drawString(2.2 * cm, h - 2.5 * cm, pdf_safe(genre_label.upper()))
        footer(canvas, doc)
        canvas.restoreState()

    def footer(canvas, doc) -> None:
        canvas.saveState()
        w, _ = A4
        canvas.setFont("Helvetica", 8.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(2.2 * cm, 1.3 * cm, f"{publisher} — {src.date.year}")
        canvas.drawRightString(w - 2.2 * cm, 1.3 * cm, f"{lab['page']} {doc.page}")
        canvas.restoreState()

    def running(canvas, doc) -> None:
        canvas.saveState()
        w, h = A4
        canvas.setFont("Helvetica", 8.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(2.2 * cm, h - 1.4 * cm, short_title)
        canvas.setStrokeColor(accent)
        canvas.line(2.2 * cm, h - 1.6 * cm, w - 2.2 * cm, h - 1.6 * cm)
        canvas.restoreState()
        footer(canvas, doc)

    out = io.BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm, topMargin=2.2 * cm,
        bottomMargin=2.2 * cm, title=pdf_safe(src.title), author=pdf_safe(src.author or src.publisher),
        subject=pdf_safe(f"{genre_label} — {src.publisher}"), creator=publisher,
        keywords="", invariant=1, lang=src.lang,
    )
    frame_w, frame_h = A4[0] - 4.4 * cm, A4[1] - 4.4 * cm
    top_gap = (5.8 if is_report else 3.6) * cm
    doc.addPageTemplates([
        PageTemplate("first", [Frame(2.2 * cm, 2.2 * cm, frame_w, frame_h - top_gap + 2.2 * cm, id="f1")],
                     onPage=band),
        PageTemplate("body", [Frame(2.2 * cm, 2.2 * cm, frame_w, frame_h, id="f2")], onPage=running),
    ])

    story: list[Any] = [Paragraph(pdf_inline(src.title), cover_title), Spacer(1, 4)]
    meta_lines = [f"{lab['published']} {human_date(src.date, src.lang, months)}"]
    if src.author:
        meta_lines.insert(0, f"{lab['by']} {src.author}")
    story += [Paragraph(pdf_inline(line), meta_style) for line in meta_lines]
    story.append(NextPageTemplate("body"))
    headings = [c for k, c in blocks if k == "h2"]
    # Number report sections unless the author already did.
    numbered = is_report and not any(re.match(r"^(\d+|[IVX]+)[.)]?\s", h) for h in headings)
    if is_report:
        story.append(Spacer(1, 1.2 * cm))
        if headings:
            story.append(Paragraph(pdf_inline(lab["contents"]), h2))
            story += [Paragraph(pdf_inline(f"{i}. {t}" if numbered else t), toc_style)
                      for i, t in enumerate(headings, 1)]
        story.append(PageBreak())
    else:
        story.append(Spacer(1, 0.8 * cm))
    n_heading = 0
    for kind, content in blocks:
        if kind == "h2":
            n_heading += 1
            label = f"{n_heading}. {content}" if numbered else content
            story.append(Paragraph(pdf_inline(label), h2))
        elif kind == "h3":
            story.append(Paragraph(pdf_inline(content), h3))
        elif kind == "ul":
            story.append(ListFlowable([ListItem(Paragraph(pdf_inline(i), body_style)) for i in content],
                                      bulletType="bullet", leftIndent=0.6 * cm))
        elif kind == "quote":
            story.append(Paragraph(pdf_inline(content), quote))
        else:
            story.append(Paragraph(pdf_inline(content), body_style))

    doc.build(story, canvasmaker=_canvas_with_date(when))
    return out.getvalue()


def _canvas_with_date(when: dt.datetime):
    """Return a Canvas class whose CreationDate/ModDate are ``when`` (invariant mode sets 2000-01-01)."""
    from reportlab.pdfgen.canvas import Canvas

    class DatedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._doc.info._dateFormatter = pdf_date_formatter(when)

    return DatedCanvas

