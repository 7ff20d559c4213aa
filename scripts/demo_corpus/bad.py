"""The three bad inputs the pipeline must reject: an empty page, a truncated PDF, an image-only PDF."""

from __future__ import annotations

import datetime as dt
import io
import random
import zoneinfo
from pathlib import Path
from typing import Any

import jinja2

from .outputs import Output, write_bytes
from .pages import page_context, render_page
from .pdf import pdf_date_formatter, render_pdf
from .sources import TIMEZONES, Source, parse_blocks, plain_text, stable_seed

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
