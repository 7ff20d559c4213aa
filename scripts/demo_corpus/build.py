"""Build the whole demo corpus: pages, reports, syndicated copies, bad inputs and both tables."""

from __future__ import annotations

import datetime as dt
import logging
import random
from pathlib import Path
from typing import Any

import yaml

from .bad import build_bad
from .outputs import Output, remove_stale, tsv_bytes, write_bytes
from .pages import make_env, page_context, render_page
from .pdf import render_pdf
from .sources import Source, load_sources, parse_blocks, plain_text, stable_seed
from .tiny import pick_tiny

# Every module logs under the script's name, so log lines read "build_demo_corpus: ..." as before.
logger = logging.getLogger("build_demo_corpus")


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


def write_corpus(src_dir: Path, out_dir: Path, templates: Path) -> None:
    """Build every file, write ``sources.tsv`` and ``sources_tiny.tsv``, and log a summary."""
    outputs = build_all(src_dir, out_dir, templates)
    write_bytes(out_dir / "sources.tsv", tsv_bytes(outputs))
    tiny = pick_tiny(outputs)
    write_bytes(out_dir / "sources_tiny.tsv", tsv_bytes(tiny))
    good = [o for o in outputs if not o.bad]
    logger.info(
        "%d files: %d good (%d html incl. %d syndicated copies, %d pdf; %d fr, %d en; years %d-%d), "
        "%d bad; tiny corpus: %s",
        len(outputs), len(good), sum(o.fmt == "html" for o in good), sum(bool(o.syndicated_of) for o in good),
        sum(o.fmt == "pdf" for o in good), sum(o.lang == "fr" for o in good), sum(o.lang == "en" for o in good),
        min(o.date.year for o in good), max(o.date.year for o in good), len(outputs) - len(good),
        ", ".join(o.source_id for o in tiny),
    )
