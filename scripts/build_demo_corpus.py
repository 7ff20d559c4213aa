#!/usr/bin/env python
"""Build the demo corpus: turn the source texts in ``corpus/demo/src`` into web pages and PDF reports.

Each source is a Markdown file with YAML front matter (title, date, lang, genre, publisher, site,
author, format, syndicated). HTML sources are rendered with the site template named by ``site``
(six templates with realistic page furniture that extraction must strip); ``syndicated`` sites get
a second copy of the same text, one or two days later, for near-duplicate detection. PDF sources
become reportlab reports. Three bad inputs (empty page, truncated PDF, image-only PDF) feed the
rejects table. ``sources.tsv`` lists every generated file; ``sources_tiny.tsv`` picks a few for the
end-to-end test.

Every output is byte-identical across runs: variants come from ``random.Random`` seeded with a
stable hash of the slug, and PDFs are written in reportlab's invariant mode with a fixed date.

Usage (from the repository root)::

    .venv/bin/python scripts/build_demo_corpus.py [--src DIR] [--out DIR] [--templates DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import html
import io
import logging
import os
import random
import re
import sys
import tempfile
import unicodedata
import zoneinfo
from pathlib import Path
from typing import Any, Iterable

import jinja2
import yaml
from markupsafe import Markup

logger = logging.getLogger("build_demo_corpus")

REPO = Path(__file__).resolve().parents[1]
SITES = ("wordpress_blog", "corporate_press", "city_portal", "news_site", "civic_blog", "think_tank")
GENRES = ("blog", "press_release", "report", "news")
LANGS = ("fr", "en")
SLUG_RE = re.compile(r"^(fr|en)-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
TSV_COLUMNS = ("source_id", "kind", "location", "genre", "publisher", "actor", "lang")
TIMEZONES = {"fr": "Europe/Paris", "en": "Europe/London"}
YEAR_RANGE = (2010, 2025)

# The end-to-end test corpus, chosen by hand: a syndicated pair, early confrontation and later
# cooperation in both languages, one report per language, one bad file. Missing ids (renamed
# sources) are replaced automatically by pick_tiny, which also checks the coverage rules.
TINY_PREFERRED = (
    "fr-22-uber-rejoint-uitp", "fr-22-uber-rejoint-uitp--news_site",  # syndicated pair, cooperation
    "fr-13-uberpop-suspendu", "en-05-cpuc-ridesharing-cease-desist",  # early confrontation
    "fr-33-citymapper-billets-lyon", "en-27-airbnb-city-portal",  # later cooperation
    "fr-28-rapport-civic-tech-commande-publique", "en-12-platforms-city-gates-report",  # PDF reports
    "broken-report",  # rejected at extraction
)

# Cue words used only to check (and, if needed, complete) the tiny corpus; the real stance
# method lives in the package.
CONFRONTATION_CUES = (
    "interdi", "amende", "recours", "tribunal", "procès", "contentieux", "conflit", "s'oppose",
    "opposition", "bras de fer", "sanction", "mise en demeure", "contre-pouvoir", "plainte", "condamn",
    "grève", "manifest", "illégal", "poursuiv", "suspend",
    "lawsuit", "sued", "court", "ban", "fine", "fined", "appeal", "protest", "dispute", "clash",
    "oppose", "refused", "revok", "confrontation", "cease-and-desist", "illegal", "strike",
)
COOPERATION_CUES = (
    "partenariat", "partenaire", "convention", "coopér", "collabor", "accord", "partage des données",
    "partager leurs données", "co-construction", "aux côtés", "adhésion", "rejoint", "contrat",
    "main tendue", "travailler avec",
    "partnership", "partner", "agreement", "cooperat", "collaborat", "data-sharing", "data sharing",
    "joined", "joins", "service contract", "work with", "worked with", "together",
)


# --------------------------------------------------------------------------- sources


@dataclasses.dataclass(frozen=True)
class Source:
    """One demo source text with its front matter."""

    slug: str
    title: str
    date: dt.date
    lang: str
    genre: str
    publisher: str
    site: str
    fmt: str
    body: str
    author: str = ""
    syndicated: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Output:
    """One generated file and the sources.tsv row that points to it."""

    source_id: str
    location: str  # relative to the output directory, POSIX separators
    genre: str
    publisher: str
    lang: str
    date: dt.date
    text: str  # body text, used to pick the tiny corpus
    fmt: str
    syndicated_of: str = ""  # source_id of the original for syndicated copies
    bad: bool = False


def stable_seed(*parts: str) -> int:
    """Return a seed that depends only on ``parts`` (Python's ``hash`` is salted per process)."""
    return int(hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16], 16)


def _as_date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{where}: date {value!r} is not YYYY-MM-DD") from exc


def parse_source(path: Path) -> Source:
    """Parse one Markdown source; raise ``ValueError`` naming the file and the problem."""
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", raw, flags=re.S)
    if not match:
        raise ValueError(f"{path}: no YAML front matter between '---' lines")
    meta = yaml.safe_load(match.group(1)) or {}
    body = match.group(2).strip()
    slug = path.stem
    problems = []
    if not SLUG_RE.match(slug):
        problems.append(f"file name {slug!r} is not <lang>-NN-slug")
    for key in ("title", "date", "lang", "genre", "publisher", "site", "format"):
        if not meta.get(key):
            problems.append(f"missing '{key}'")
    if meta.get("lang") not in LANGS:
        problems.append(f"lang {meta.get('lang')!r} not in {LANGS}")
    elif not slug.startswith(f"{meta['lang']}-"):
        problems.append(f"lang {meta['lang']!r} does not match the file name")
    if meta.get("genre") not in GENRES:
        problems.append(f"genre {meta.get('genre')!r} not in {GENRES}")
    if meta.get("site") not in SITES:
        problems.append(f"site {meta.get('site')!r} not in {SITES}")
    if meta.get("format") not in ("html", "pdf"):
        problems.append(f"format {meta.get('format')!r} is not html or pdf")
    synd = meta.get("syndicated") or []
    if isinstance(synd, str):
        synd = [synd]
    for site in synd:
        if site not in SITES or site == meta.get("site"):
            problems.append(f"syndicated site {site!r} unknown or same as the page's own site")
    if not body:
        problems.append("empty body")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    date = _as_date(meta["date"], str(path))
    if not YEAR_RANGE[0] <= date.year <= YEAR_RANGE[1]:
        raise ValueError(f"{path}: year {date.year} outside {YEAR_RANGE}")
    return Source(
        slug=slug,
        title=str(meta["title"]).strip(),
        date=date,
        lang=meta["lang"],
        genre=meta["genre"],
        publisher=str(meta["publisher"]).strip(),
        site=meta["site"],
        fmt=meta["format"],
        body=body,
        author=str(meta.get("author") or "").strip(),
        syndicated=tuple(synd),
    )


def load_sources(src_dir: Path) -> list[Source]:
    """Load every ``src/<lang>/*.md`` source, sorted by slug; report all problems at once."""
    sources, errors = [], []
    for path in sorted(src_dir.glob("*/*.md")):
        try:
            sources.append(parse_source(path))
        except ValueError as exc:
            errors.append(str(exc))
    slugs = [s.slug for s in sources]
    errors += [f"duplicate slug {s!r}" for s in sorted({s for s in slugs if slugs.count(s) > 1})]
    if errors:
        raise SystemExit("invalid demo sources:\n  " + "\n  ".join(errors))
    return sorted(sources, key=lambda s: s.slug)


# --------------------------------------------------------------------------- body text


def parse_blocks(body: str) -> list[tuple[str, Any]]:
    """Split a body into ``(kind, content)`` blocks: p, h2, h3, ul (list of items), quote."""
    blocks: list[tuple[str, Any]] = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines = [ln.strip() for ln in chunk.strip().split("\n") if ln.strip()]
        if not lines:
            continue
        first = lines[0]
        if first.startswith("### "):
            blocks.append(("h3", first[4:].strip()))
            lines = lines[1:]
        elif first.startswith("## "):
            blocks.append(("h2", first[3:].strip()))
            lines = lines[1:]
        if not lines:
            continue
        if all(re.match(r"^[-*] ", ln) for ln in lines):
            blocks.append(("ul", [ln[2:].strip() for ln in lines]))
        elif all(ln.startswith(">") for ln in lines):
            blocks.append(("quote", " ".join(ln.lstrip("> ").strip() for ln in lines)))
        else:
            blocks.append(("p", " ".join(lines)))
    return blocks


def plain_text(blocks: list[tuple[str, Any]]) -> str:
    """Return the body as plain text (inline markup removed), paragraphs separated by blank lines."""
    parts = []
    for kind, content in blocks:
        items = content if kind == "ul" else [content]
        parts.extend(re.sub(r"\*\*?(\S(?:.*?\S)?)\*\*?", r"\1", item) for item in items)
    return "\n\n".join(parts)


def inline_html(text: str) -> Markup:
    """Escape ``text`` for HTML and turn **bold** / *italic* into strong / em."""
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])", r"<em>\1</em>", out)
    return Markup(out)


def slugify(text: str) -> str:
    """Return an ASCII slug for URLs and ids."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", norm).strip("-")


# --------------------------------------------------------------------------- dates


def human_date(day: dt.date, lang: str, months: list[str], style: str = "long") -> str:
    """Format a date the way sites in ``lang`` print it (style: long, uk, numeric)."""
    if style == "numeric":
        return day.strftime("%d/%m/%Y") if lang == "fr" else day.strftime("%m/%d/%Y")
    month = months[day.month - 1]
    if lang == "fr":
        d = "1er" if day.day == 1 else str(day.day)
        return f"{d} {month} {day.year}"
    if style == "uk":
        return f"{day.day} {month} {day.year}"
    return f"{month} {day.day}, {day.year}"


def local_datetime(day: dt.date, lang: str, rng: random.Random) -> dt.datetime:
    """Return a plausible publication time on ``day`` in the language's usual time zone."""
    return dt.datetime(day.year, day.month, day.day, rng.randint(7, 17), rng.choice(range(0, 60, 3)),
                       tzinfo=zoneinfo.ZoneInfo(TIMEZONES[lang]))


# --------------------------------------------------------------------------- HTML


def _attr(value: Any) -> Markup:
    """Escape a value for use inside a double-quoted attribute."""
    return Markup(html.escape(str(value), quote=True))


def _finalize(value: Any) -> Any:
    # Text nodes: escape <, >, & but keep apostrophes readable, as real CMS output does.
    if isinstance(value, Markup) or value is None:
        return "" if value is None else value
    return Markup(html.escape(str(value), quote=False))


def make_env(templates: Path) -> jinja2.Environment:
    """Return the Jinja environment for the site templates (every variable escaped by default)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["a"] = _attr
    env.filters["slug"] = slugify
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "indent": 2}
    return env


def page_context(
    *,
    title: str,
    blocks: list[tuple[str, Any]],
    lang: str,
    site: str,
    site_name: str,
    day: dt.date,
    author: str,
    key: str,
    furniture: dict[str, Any],
    source_line: str = "",
) -> dict[str, Any]:
    """Assemble everything a site template needs; all variants come from a seeded generator."""
    rng = random.Random(stable_seed(key, site))
    f = furniture[site][lang]
    L = furniture["_lang"][lang]
    when = local_datetime(day, lang, rng)
    domain = slugify(site_name) + ".example"
    path_slug = slugify(title)[:70].rstrip("-") or "page"
    n_comments = rng.randint(1, 3)
    authors = rng.sample(L["comment_authors"], n_comments)
    texts = rng.sample(L["comments"], n_comments)
    comments = []
    c_when = when
    for i, (who, text) in enumerate(zip(authors, texts)):
        # Readers answer after publication: each comment comes 40 min to 2 days after the previous one.
        c_when = c_when + dt.timedelta(minutes=rng.randint(40, 2880))
        comments.append({
            "id": 1000 + rng.randint(0, 8999) * 10 + i,
            "author": who,
            "text": text,
            "datetime": c_when.isoformat(),
            "date_human": human_date(c_when.date(), lang, L["months"]),
            "time_human": c_when.strftime("%H:%M" if lang == "fr" else "%I:%M %p").lstrip("0"),
        })
    words = sum(len(str(c).split()) for _, c in blocks)
    first_p = next((c for k, c in blocks if k == "p"), "")
    description = re.sub(r"\*", "", first_p)
    if len(description) > 160:
        description = description[:157].rsplit(" ", 1)[0] + "…"
    html_blocks = []
    for kind, content in blocks:
        if kind == "ul":
            html_blocks.append({"kind": kind, "items": [inline_html(i) for i in content], "html": "",
                                "id": ""})
        else:
            html_blocks.append({"kind": kind, "html": inline_html(content), "items": [],
                                "id": slugify(content)[:50] if kind in ("h2", "h3") else ""})
    return {
        "lang": lang,
        "site": site,
        "site_name": site_name,
        "domain": domain,
        "url": f"https://www.{domain}/{day.year}/{day.month:02d}/{day.day:02d}/{path_slug}/",
        "title": title,
        "author": author,
        "description": description,
        "blocks": html_blocks,
        "year": day.year,
        "date_iso": day.isoformat(),
        "datetime_iso": when.isoformat(),
        "time_human": when.strftime("%Hh%M") if lang == "fr" else when.strftime("%I:%M %p").lstrip("0"),
        "date_long": human_date(day, lang, L["months"]),
        "date_uk": human_date(day, lang, L["months"], "uk"),
        "date_numeric": human_date(day, lang, L["months"], "numeric"),
        "post_id": 100 + stable_seed(key) % 9000,
        "reading_time": max(1, round(words / 220)),
        "related": rng.sample(f["related"], 4),
        "tags": rng.sample(f["tags"], min(len(f["tags"]), rng.randint(5, 8))),
        "page_tags": rng.sample(f["tags"], 3),
        "comments": comments,
        "source_line": source_line,
        "f": f,
        "L": L,
    }


def render_page(env: jinja2.Environment, ctx: dict[str, Any]) -> bytes:
    """Render one page with the template of its site."""
    return env.get_template(f"{ctx['site']}.html.j2").render(**ctx).encode("utf-8")


# --------------------------------------------------------------------------- PDF


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


# --------------------------------------------------------------------------- bad inputs

BROKEN_REPORT = Source(
    slug="broken-report",
    title="Bilan des mobilités partagées sur le territoire",
    date=dt.date(2018, 6, 12),
    lang="fr",
    genre="report",
    publisher="Observatoire régional des déplacements",
    site="think_tank",
    fmt="pdf",
    body="\n\n".join([
        "## Contexte",
        "Ce bilan rassemble les comptages réalisés sur les stations de vélos et de trottinettes "
        "partagées pendant douze mois, ainsi que les retours des communes membres.",
        "## Principaux chiffres",
        "La fréquentation a progressé au printemps puis s'est stabilisée. Les communes signalent "
        "des difficultés de stationnement sur les trottoirs les plus étroits.",
        "## Suites",
        "Un groupe de travail réunira les services techniques à l'automne pour préparer les "
        "prochaines règles d'occupation de l'espace public.",
    ] * 6),
)

EMPTY_PAGE_META = {"lang": "fr", "site": "city_portal", "genre": "news", "title": "Actualités",
                   "date": dt.date(2020, 2, 3)}
SCANNED_META = {"lang": "en", "genre": "report", "publisher": "Eastside Neighbourhood Forum",
                "title": "Minutes of the residents' meeting (scanned)", "date": dt.date(2015, 10, 7)}


def render_scanned_pdf() -> bytes:
    """Return a one-page PDF whose only content is a grey-scale 'scan' with no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader

    rng = random.Random(stable_seed("scanned-report"))
    width, height = 620, 877  # ~75 dpi A4: small file, still looks like a page of text
    img = Image.new("L", (width, height), 238)
    draw = ImageDraw.Draw(img)
    y = 70
    draw.rectangle([60, y, 60 + 330, y + 16], fill=55)  # heading
    y += 45
    while y < height - 90:
        if rng.random() < 0.12:
            y += 14  # paragraph break
        x, line_end = 60, width - 60 - (rng.randint(40, 260) if rng.random() < 0.15 else 0)
        while x < line_end - 20:
            word = rng.randint(12, 58)
            draw.rectangle([x, y, min(x + word, line_end), y + 7], fill=rng.randint(60, 95))
            x += word + rng.randint(6, 9)
        y += 17
    for _ in range(400):  # scanner dust
        px, py = rng.randrange(width), rng.randrange(height)
        draw.point((px, py), fill=rng.randint(150, 210))
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    when = dt.datetime(2015, 10, 7, 16, 40, tzinfo=zoneinfo.ZoneInfo(TIMEZONES["en"]))
    canvas = Canvas(out, pagesize=A4, invariant=1, pageCompression=1)
    canvas._doc.info._dateFormatter = pdf_date_formatter(when)
    canvas.setTitle("Scan 0042")
    canvas.setAuthor(SCANNED_META["publisher"])
    canvas.setSubject("Scanned document")
    canvas.setCreator("Office scanner")
    canvas.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def render_broken_pdf(furniture: dict[str, Any]) -> bytes:
    """Return a real multi-page report cut off before its page tree and cross-reference table."""
    full = render_pdf(BROKEN_REPORT, furniture)
    return full[: int(len(full) * 0.4)]


# --------------------------------------------------------------------------- outputs


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` atomically, leaving the file untouched (same mtime) when it is unchanged."""
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; outputs are ordinary repository files
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def syndication_line(src: Source, furniture: dict[str, Any]) -> str:
    """Return the credit line a republishing site adds under the text."""
    L = furniture["_lang"][src.lang]
    key = "source_press" if src.genre == "press_release" else "source_other"
    return L[key].format(publisher=src.publisher)


def build_all(src_dir: Path, out_dir: Path, templates: Path) -> list[Output]:
    """Render every source, the syndicated copies and the bad inputs; return one Output per file."""
    furniture = yaml.safe_load((templates / "furniture.yaml").read_text(encoding="utf-8"))
    env = make_env(templates)
    sources = load_sources(src_dir)
    if not sources:
        raise SystemExit(f"no sources found under {src_dir}/<lang>/*.md")
    outputs: list[Output] = []
    for src in sources:
        blocks = parse_blocks(src.body)
        text = plain_text(blocks)
        if src.fmt == "pdf":
            loc = f"pdf/{src.slug}.pdf"
            write_bytes(out_dir / loc, render_pdf(src, furniture))
            outputs.append(Output(src.slug, loc, src.genre, src.publisher, src.lang, src.date, text, "pdf"))
        else:
            ctx = page_context(title=src.title, blocks=blocks, lang=src.lang, site=src.site,
                               site_name=src.publisher, day=src.date, author=src.author, key=src.slug,
                               furniture=furniture)
            loc = f"html/{src.slug}.html"
            write_bytes(out_dir / loc, render_page(env, ctx))
            outputs.append(Output(src.slug, loc, src.genre, src.publisher, src.lang, src.date, text, "html"))
        for site in src.syndicated:
            rng = random.Random(stable_seed(src.slug, "syndication", site))
            day = src.date + dt.timedelta(days=rng.choice((1, 2)))
            host = furniture[site][src.lang]["host"]
            ctx = page_context(title=src.title, blocks=blocks, lang=src.lang, site=site, site_name=host,
                               day=day, author=src.author, key=f"{src.slug}--{site}", furniture=furniture,
                               source_line=syndication_line(src, furniture))
            sid = f"{src.slug}--{site}"
            loc = f"html/{sid}.html"
            write_bytes(out_dir / loc, render_page(env, ctx))
            outputs.append(Output(sid, loc, src.genre, host, src.lang, day, text, "html",
                                  syndicated_of=src.slug))
    outputs += build_bad(out_dir, env, furniture)
    remove_stale(out_dir, {o.location for o in outputs})
    return sorted(outputs, key=lambda o: o.source_id)


def build_bad(out_dir: Path, env: jinja2.Environment, furniture: dict[str, Any]) -> list[Output]:
    """Write the three inputs the pipeline must reject, and return their rows."""
    m = EMPTY_PAGE_META
    host = furniture[m["site"]][m["lang"]]["host"]
    ctx = page_context(title=m["title"], blocks=[], lang=m["lang"], site=m["site"], site_name=host,
                       day=m["date"], author="", key="empty-page", furniture=furniture)
    write_bytes(out_dir / "bad/empty-page.html", render_page(env, ctx))
    write_bytes(out_dir / "bad/broken-report.pdf", render_broken_pdf(furniture))
    write_bytes(out_dir / "bad/scanned-report.pdf", render_scanned_pdf())
    b, s = BROKEN_REPORT, SCANNED_META
    return [
        Output("empty-page", "bad/empty-page.html", m["genre"], host, m["lang"], m["date"], "", "html", bad=True),
        Output("broken-report", "bad/broken-report.pdf", b.genre, b.publisher, b.lang, b.date,
               plain_text(parse_blocks(b.body)), "pdf", bad=True),
        Output("scanned-report", "bad/scanned-report.pdf", s["genre"], s["publisher"], s["lang"], s["date"],
               "", "pdf", bad=True),
    ]


def remove_stale(out_dir: Path, keep: set[str]) -> None:
    """Delete generated files whose source no longer exists (only in html/, pdf/, bad/)."""
    for sub, pattern in (("html", "*.html"), ("pdf", "*.pdf"), ("bad", "*")):
        for path in sorted((out_dir / sub).glob(pattern)):
            rel = path.relative_to(out_dir).as_posix()
            if path.is_file() and rel not in keep:
                logger.info("removing stale output %s", rel)
                path.unlink()


def tsv_bytes(rows: Iterable[Output]) -> bytes:
    """Return sources.tsv content for ``rows`` (sorted by source_id, plain UTF-8, LF)."""
    lines = ["\t".join(TSV_COLUMNS)]
    for o in sorted(rows, key=lambda r: r.source_id):
        fields = (o.source_id, "file", o.location, o.genre, o.publisher, "", o.lang)
        if any(ch in f for f in fields for ch in '\t\n"'):
            # The TSV is written unquoted; a tab, newline or double quote would break readers.
            raise ValueError(f"tab, newline or double quote in a sources.tsv field of {o.source_id}")
        lines.append("\t".join(fields))
    return ("\n".join(lines) + "\n").encode("utf-8")


def cue_count(text: str, cues: tuple[str, ...]) -> int:
    """Count cue occurrences (word-start matches, case-insensitive)."""
    low = text.lower().replace("’", "'")
    return sum(len(re.findall(r"(?<![\w])" + re.escape(c), low)) for c in cues)


def tiny_problems(rows: list[Output]) -> list[str]:
    """Return the coverage rules of the tiny corpus that ``rows`` break (empty when all hold)."""
    problems = []
    good = [o for o in rows if not o.bad]
    if not 8 <= len(rows) <= 10:
        problems.append(f"{len(rows)} rows, want 8-10")
    for what, values in (("lang", LANGS), ("fmt", ("html", "pdf"))):
        missing = set(values) - {getattr(o, what) for o in good}
        if missing:
            problems.append(f"no good document with {what} {sorted(missing)}")
    years = [o.date.year for o in good]
    if not years or max(years) - min(years) < 2:
        problems.append("good documents are not at least two years apart")
    ids = {o.source_id for o in rows}
    if not any(o.syndicated_of in ids for o in rows):
        problems.append("no syndicated pair")
    if sum(o.bad for o in rows) != 1:
        problems.append("want exactly one bad file")
    if not any(cue_count(o.text, CONFRONTATION_CUES) for o in good):
        problems.append("no confrontation cue")
    if not any(cue_count(o.text, COOPERATION_CUES) for o in good):
        problems.append("no cooperation cue")
    return problems


def pick_tiny(outputs: list[Output]) -> list[Output]:
    """Choose 8-10 files for the end-to-end test: the preferred ids, completed automatically.

    The completion covers French and English, HTML and PDF, one syndicated pair, one bad file,
    years at least two apart, and documents with confrontation and cooperation cues; short
    documents are preferred so the test stays fast.
    """
    by_id = {o.source_id: o for o in outputs}
    chosen = {sid: by_id[sid] for sid in TINY_PREFERRED if sid in by_id}
    # A copy is only useful with its original, and the other way round.
    for sid, o in list(chosen.items()):
        if o.syndicated_of and o.syndicated_of not in chosen:
            del chosen[sid]
    good = [o for o in outputs if not o.bad and not o.syndicated_of]

    def add(o: Output | None) -> None:
        if o is not None and len(chosen) < 10:
            chosen[o.source_id] = o

    def best(cands: list[Output], score) -> Output | None:
        cands = [c for c in cands if c.source_id not in chosen]
        return max(cands, key=lambda c: (score(c), -len(c.text), c.source_id), default=None)

    def conf(o: Output) -> int:
        return cue_count(o.text, CONFRONTATION_CUES) - cue_count(o.text, COOPERATION_CUES)

    rows = list(chosen.values())
    if not any(o.syndicated_of in chosen for o in rows):
        copies = sorted((o for o in outputs if o.syndicated_of), key=lambda o: (len(o.text), o.source_id))
        if copies:
            add(by_id[copies[0].syndicated_of])
            add(copies[0])
    if not any(o.bad for o in chosen.values()):
        add(by_id.get("broken-report"))
    for lang in LANGS:
        mine = sorted((o for o in good if o.lang == lang and o.fmt == "html"), key=lambda o: o.date)
        have = [o for o in chosen.values() if o.lang == lang and not o.bad]
        if len(have) < 3 and mine:
            add(best(mine[: max(1, len(mine) // 2)], conf))  # early confrontation...
            add(best(mine[len(mine) // 2:] or mine, lambda o: -conf(o)))  # ...later cooperation
        if not any(o.fmt == "pdf" for o in chosen.values() if o.lang == lang):
            add(best([o for o in good if o.fmt == "pdf" and o.lang == lang], lambda o: -len(o.text)))
    for o in sorted(good, key=lambda o: (len(o.text), o.source_id)):
        if len(chosen) >= 8:
            break
        add(o)
    rows = sorted(chosen.values(), key=lambda o: o.source_id)
    for problem in tiny_problems(rows):
        logger.warning("sources_tiny.tsv: %s", problem)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build everything, write the two sources tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=REPO / "corpus/demo/src", help="source texts (<lang>/*.md)")
    parser.add_argument("--out", type=Path, default=REPO / "corpus/demo", help="output directory")
    parser.add_argument("--templates", type=Path, default=REPO / "corpus/demo/templates",
                        help="site templates and furniture.yaml")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s")
    outputs = build_all(args.src, args.out, args.templates)
    write_bytes(args.out / "sources.tsv", tsv_bytes(outputs))
    tiny = pick_tiny(outputs)
    write_bytes(args.out / "sources_tiny.tsv", tsv_bytes(tiny))
    good = [o for o in outputs if not o.bad]
    logger.info(
        "%d files: %d good (%d html incl. %d syndicated copies, %d pdf; %d fr, %d en; years %d-%d), "
        "%d bad; tiny corpus: %s",
        len(outputs), len(good), sum(o.fmt == "html" for o in good), sum(bool(o.syndicated_of) for o in good),
        sum(o.fmt == "pdf" for o in good), sum(o.lang == "fr" for o in good), sum(o.lang == "en" for o in good),
        min(o.date.year for o in good), max(o.date.year for o in good), len(outputs) - len(good),
        ", ".join(o.source_id for o in tiny),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
