"""HTML pages: the Jinja environment for the site templates and the context each page gets.

Every variant (time of day, comments, related links, tags) comes from a generator seeded with the
page's key, so a page renders to the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
import html
import random
import re
import unicodedata
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .sources import human_date, local_datetime, stable_seed


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
