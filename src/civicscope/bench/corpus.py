"""Synthetic scale corpus for benchmarks only: demo sentences recombined into N new web pages.

The pages are NOT research data. They exist so that the workflow can be timed at 1k, 10k or 100k
documents on inputs that look like the demo corpus: the same two languages in about the same mix
(~60 % French), dates spread over 2010–2025, the same publishers and genres, and sentences that keep
their actor mentions and stance cues because they are copied whole from the demo texts.

Each new document has a *parent* demo text. Most of its sentences come from the parent (so actors
and themes stay together, and the parent's date drives the document's date), the rest from other
demo texts in the same language. Document ``k`` depends only on ``(seed, k)``, so the first 1,000
documents of a 10k corpus are the 1k corpus: growing a corpus adds documents without changing the
old ones, which is what an incremental rerun needs.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

import yaml

logger = logging.getLogger(__name__)

FRENCH_SHARE = 0.6
PARENT_SHARE = 0.65
DATE_JITTER_DAYS = 365
FIRST_DAY = dt.date(2010, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
PAGES_PER_FOLDER = 1000
SOURCES_COLUMNS = ("source_id", "kind", "location", "genre", "publisher", "lang")

_FRONT_MATTER = re.compile(r"^---\n(.*?)\n---\n(.*)$", re.S)
# A sentence ends with . ! ? or … (optionally followed by a closing quote) before a space and a capital,
# a digit or an opening quote. Good enough to recombine edited prose; the NLP stage splits for real.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[»”\"')]?\s+(?=[«“\"(A-ZÀ-ÖØ-Ý0-9])")


@dataclass(frozen=True)
class DemoText:
    """One demo source text, cut into paragraphs of sentences."""

    slug: str
    lang: str
    date: dt.date
    genre: str
    publisher: str
    paragraphs: tuple[tuple[str, ...], ...]

    @property
    def sentences(self) -> tuple[str, ...]:
        """Every sentence of the text, in reading order."""
        return tuple(s for p in self.paragraphs for s in p)


@dataclass(frozen=True)
class SyntheticDoc:
    """One generated document."""

    index: int
    source_id: str
    lang: str
    date: dt.date
    genre: str
    publisher: str
    parent: str
    title: str
    paragraphs: tuple[str, ...]

    @property
    def location(self) -> str:
        """Path of the page relative to the corpus folder (1,000 pages per sub-folder)."""
        return f"pages/{self.index // PAGES_PER_FOLDER:03d}/{self.source_id}.html"

    @property
    def n_words(self) -> int:
        """Words of the body text (whitespace-separated)."""
        return sum(len(p.split()) for p in self.paragraphs)


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph of prose into sentences (a light regex; the NLP stage re-splits for real)."""
    return [s.strip() for s in _SENTENCE_END.split(paragraph.strip()) if s.strip()]


def parse_demo_text(path: Path) -> DemoText | None:
    """Read one ``corpus/demo/src/<lang>/*.md`` file; None when it has no usable front matter or body."""
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    match = _FRONT_MATTER.match(raw)
    if not match:
        return None
    meta: dict[str, Any] = yaml.safe_load(match.group(1)) or {}
    paragraphs = []
    for block in re.split(r"\n\s*\n", match.group(2)):
        block = " ".join(line.strip() for line in block.strip().splitlines())
        # Headings and list items are page structure, not prose to recombine.
        if not block or block.startswith(("#", "-", "*", "|", ">")):
            continue
        sentences = tuple(split_sentences(block))
        if sentences:
            paragraphs.append(sentences)
    date = meta.get("date")
    if not paragraphs or meta.get("lang") not in ("fr", "en") or date is None:
        return None
    if not isinstance(date, dt.date):
        date = dt.date.fromisoformat(str(date))
    return DemoText(path.stem, meta["lang"], date, str(meta.get("genre", "other")), str(meta.get("publisher", "")),
                    tuple(paragraphs))


def load_demo_texts(src_dir: str | Path) -> list[DemoText]:
    """Load every demo source text under ``src_dir`` (``<lang>/*.md``), sorted by slug."""
    texts = [t for p in sorted(Path(src_dir).glob("*/*.md")) if (t := parse_demo_text(p)) is not None]
    if not texts or {t.lang for t in texts} != {"fr", "en"}:
        raise ValueError(f"{src_dir}: need demo texts in both fr and en, found {len(texts)} text(s)")
    return texts


def _shift_date(rng: random.Random, date: dt.date) -> dt.date:
    day = date + dt.timedelta(days=rng.randint(-DATE_JITTER_DAYS, DATE_JITTER_DAYS))
    return min(max(day, FIRST_DAY), LAST_DAY)


def _title(first_sentence: str, max_words: int = 10) -> str:
    words = first_sentence.rstrip(".!?…").split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def make_document(index: int, by_lang: dict[str, list[DemoText]], seed: int) -> SyntheticDoc:
    """Build document ``index``: it depends only on ``seed`` and ``index`` (not on the corpus size)."""
    rng = random.Random(f"civicscope-scale:{seed}:{index}")
    lang = "fr" if rng.random() < FRENCH_SHARE else "en"
    pool = by_lang[lang]
    parent = rng.choice(pool)
    parent_sentences = parent.sentences
    # Paragraph lengths follow the parent's layout, so long reports stay long and news stays short.
    n_paragraphs = max(2, len(parent.paragraphs) + rng.randint(-2, 2))
    paragraphs = []
    for _ in range(n_paragraphs):
        size = len(rng.choice(parent.paragraphs))
        picked = []
        for _ in range(size):
            source = parent_sentences if rng.random() < PARENT_SHARE else rng.choice(pool).sentences
            picked.append(rng.choice(source))
        paragraphs.append(" ".join(picked))
    return SyntheticDoc(
        index=index,
        source_id=f"scale-{index:06d}",
        lang=lang,
        date=_shift_date(rng, parent.date),
        genre=parent.genre,
        publisher=parent.publisher,
        parent=parent.slug,
        title=_title(paragraphs[0].split(". ")[0]),
        paragraphs=tuple(paragraphs),
    )


def iter_documents(texts: Sequence[DemoText], n: int, seed: int = 42) -> Iterator[SyntheticDoc]:
    """Yield ``n`` synthetic documents in index order."""
    by_lang: dict[str, list[DemoText]] = {}
    for text in texts:
        by_lang.setdefault(text.lang, []).append(text)
    for index in range(n):
        yield make_document(index, by_lang, seed)


def render_html(doc: SyntheticDoc) -> str:
    """A small, plain web page around the document: header menu, article, footer."""
    esc = html.escape
    menu = ("Accueil", "Actualités", "Contact") if doc.lang == "fr" else ("Home", "News", "Contact")
    body = "\n".join(f"      <p>{esc(p, quote=False)}</p>" for p in doc.paragraphs)
    nav = "".join(f'<li><a href="/{esc(m.lower())}/">{esc(m)}</a></li>' for m in menu)
    notice = ("Page synthétique générée pour les tests de performance." if doc.lang == "fr"
              else "Synthetic page generated for performance tests.")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{doc.lang}">\n<head>\n  <meta charset="utf-8">\n'
        f"  <title>{esc(doc.title)} · {esc(doc.publisher)}</title>\n"
        f'  <meta property="og:site_name" content="{esc(doc.publisher, quote=True)}">\n'
        f'  <meta property="article:published_time" content="{doc.date.isoformat()}T09:00:00+00:00">\n'
        "</head>\n<body>\n"
        f'  <header><a class="logo" href="/">{esc(doc.publisher)}</a><nav><ul>{nav}</ul></nav></header>\n'
        "  <main>\n    <article>\n"
        f"      <h1>{esc(doc.title)}</h1>\n"
        f'      <time datetime="{doc.date.isoformat()}">{doc.date.isoformat()}</time>\n'
        f"{body}\n"
        "    </article>\n  </main>\n"
        f"  <footer><p>© {doc.date.year} {esc(doc.publisher)}. {esc(notice)}</p></footer>\n"
        "</body>\n</html>\n"
    )


def scaled_shards(n: int) -> int:
    """NLP/embedding shards for ``n`` documents: about 1,000 documents per shard, at least 2, at most 256."""
    return max(2, min(256, round(n / 1000)))


def scaled_shard_size(n: int) -> int:
    """Documents per shard that split ``n`` documents into :func:`scaled_shards` shards."""
    return max(1, -(-n // scaled_shards(n)))


def bench_config(base_config: dict[str, Any], repo: Path, out: Path, n: int) -> dict[str, Any]:
    """The repository's config pointed at the generated corpus, with settings that keep a bench run short.

    Paths become absolute, so the config works whatever directory Snakemake runs in. Topic labels are
    an empty mapping: the demo's hand labels name topics of another model.
    """
    config = yaml.safe_load(yaml.safe_dump(base_config))  # deep copy through plain data

    def absolute(value: str) -> str:
        path = Path(value)
        return str(path if path.is_absolute() else (repo / path).resolve())

    config["sources"] = str((out / "sources.tsv").resolve())
    config["actors"] = absolute(config["actors"])
    config["stance_lexicon"] = absolute(config["stance_lexicon"])
    config["annotations"] = {k: absolute(v) for k, v in config["annotations"].items()}
    config["topic_labels"] = str((out / "topic_labels.yaml").resolve())
    config["collect"]["shard_size"] = scaled_shard_size(n)
    # MiniLM runs at ~5 chunks/s on a 2-core laptop: hours at 10k documents. Its overhead is measured
    # apart, on a fixed sample (scripts/bench.py).
    config["topics"]["backend"] = "tfidf-svd"
    config["stance"]["n_bootstrap"] = min(int(config["stance"].get("n_bootstrap", 1000)), 200)
    return config


CONFIG_HEADER = (
    "# Benchmark configuration written by scripts/make_scale_corpus.py: the repository's config/config.yaml\n"
    "# pointed at a SYNTHETIC corpus (demo sentences recombined). For timing the workflow only: its\n"
    "# tables and figures say nothing about the actors.\n"
)


def write_corpus(texts: Sequence[DemoText], n: int, out: str | Path, base_config: dict[str, Any], repo: Path,
                 seed: int = 42, keep_existing_pages: bool = False) -> dict[str, Any]:
    """Write ``n`` pages, ``sources.tsv``, ``topic_labels.yaml`` and ``config.yaml`` under ``out``.

    With ``keep_existing_pages``, pages already on disk are left untouched (their bytes are the same;
    keeping them keeps their modification times, as a growing corpus would).

    Returns:
        A summary: documents, words, French share, year range, folder.
    """
    out = Path(out)
    rows = ["\t".join(SOURCES_COLUMNS)]
    n_words = n_fr = 0
    years: set[int] = set()
    for doc in iter_documents(texts, n, seed):
        page = out / doc.location
        if not (keep_existing_pages and page.is_file()):
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(render_html(doc), encoding="utf-8")
        rows.append("\t".join((doc.source_id, "file", doc.location, doc.genre, doc.publisher, doc.lang)))
        n_words += doc.n_words
        n_fr += doc.lang == "fr"
        years.add(doc.date.year)
    (out / "sources.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (out / "topic_labels.yaml").write_text("# No hand labels for a synthetic corpus.\n{}\n", encoding="utf-8")
    config = bench_config(base_config, repo, out, n)
    (out / "config.yaml").write_text(CONFIG_HEADER + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                     encoding="utf-8")
    summary = {"documents": n, "words": n_words, "french_share": round(n_fr / n, 3) if n else 0.0,
               "years": [min(years), max(years)] if years else [], "out": str(out)}
    logger.info("synthetic corpus: %s", summary)
    return summary


def write_extraction_sample(texts: Sequence[DemoText], n: int, out: str | Path, seed: int = 42, k: int = 200) -> Path:
    """Write ``out/evaldata.json`` for ``k`` pages spread over the corpus, in the extraction bench's format.

    Each page must yield its first and last sentence (``with``) and must not yield the footer notice
    (``without``), so the ratio run also checks that the project extracts these pages correctly.
    """
    import json

    out = Path(out)
    step = max(1, n // max(1, k))
    wanted = set(range(0, n, step)[:k])
    entries = {}
    for doc in iter_documents(texts, n, seed):
        if doc.index not in wanted:
            continue
        first = split_sentences(doc.paragraphs[0])[0]
        last = split_sentences(doc.paragraphs[-1])[-1]
        notice = "Page synthétique générée" if doc.lang == "fr" else "Synthetic page generated"
        entries[doc.source_id] = {"file": doc.location.removeprefix("pages/"), "with": sorted({first, last}),
                                  "without": [notice]}
    path = out / "evaldata.json"
    path.write_text(json.dumps(entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path
