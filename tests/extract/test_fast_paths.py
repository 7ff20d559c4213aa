"""The extraction's shortcuts give what the plain library calls give.

trafilatura's settings are built once and copied per page; py3langid runs on float32 weights and
on a short first sample; text clean-up avoids regex passes. Each is checked against the
straightforward call on the demo pages (and on real bench pages when ``../shared`` has them).
"""

from __future__ import annotations

import logging
import random
import re
import unicodedata
from pathlib import Path

import pytest

from civicscope.extract import extractor, lang, text
from civicscope.extract.dates import _plain
from civicscope.extract.decode import decode_bytes
from civicscope.extract.html import HtmlOptions
from civicscope.extract.metadata import page_metadata

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO.parent / "shared" / "extraction-bench" / "pages"


def _pages() -> list[Path]:
    pages = sorted((REPO / "corpus" / "demo" / "html").glob("*.html"))
    return pages + sorted(BENCH.glob("*.html"))[:40]  # a sample of the real pages, when present


@pytest.fixture(scope="module", autouse=True)
def _quiet() -> None:
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@pytest.mark.parametrize("options", [HtmlOptions(), HtmlOptions(include_comments=True, full_metadata=True),
                                     HtmlOptions(include_tables=False, favor_precision=True)])
def test_shared_settings_extract_as_per_call_settings(options: HtmlOptions) -> None:
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    params = {"extensive_search": True, "original_date": True, "max_date": "2024-06-01"}
    for path in _pages():
        html = decode_bytes(path.read_bytes()).text
        url = f"https://example.org/{path.stem}"
        per_call = bare_extraction(
            load_html(html), url=url, with_metadata=options.full_metadata, include_comments=options.include_comments,
            include_tables=options.include_tables, favor_precision=options.favor_precision,
            favor_recall=options.favor_recall, fast=options.fast, date_extraction_params=params,
            config=extractor._config(),
        )
        shared = bare_extraction(load_html(html), options=extractor.page_extractor(options, url, params))
        if per_call is None:
            assert shared is None, path.name
            continue
        fields = ("text", "comments", "title", "author", "date", "sitename")
        assert [getattr(shared, f) for f in fields] == [getattr(per_call, f) for f in fields], path.name


def test_metadata_leaves_the_tree_intact() -> None:
    from lxml.html import tostring
    from trafilatura.utils import load_html

    for path in _pages():
        tree = load_html(decode_bytes(path.read_bytes()).text)
        before = tostring(tree)
        page_metadata(tree, None, {"extensive_search": True, "original_date": True})
        assert tostring(tree) == before, path.name


def test_float32_model_scores_as_shipped() -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    widened = lang._identifier()
    samples = [decode_bytes(p.read_bytes()).text[2000:3000] for p in _pages()[:30]]
    samples += ["La ville a signé un accord.", "The council voted.", "", "1234 5678", "Ünïcödé ÄÖÜ ß"]
    for sample in samples:
        assert widened.classify(sample) == shipped.classify(sample)


def test_short_sample_decides_only_when_sure(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    identifier = lang._identifier()

    class Spy:
        @staticmethod
        def classify(sample: str) -> tuple[str, float]:
            calls.append(len(sample))
            return identifier.classify(sample)

    monkeypatch.setattr(lang, "_identifier", lambda: Spy)
    french = "La métropole a signé un accord de partage de données avec les opérateurs de trottinettes. " * 20
    assert lang.detect_language(french)[0] == "fr" and calls == [lang.QUICK_SAMPLE_CHARS]
    calls.clear()
    # a list of names first: not conclusive, so the long sample decides, as before
    names = "Uber Eats Deliveroo Lyon Paris Bordeaux Lille Nantes Marseille Toulouse Nice Rennes Grenoble Dijon Metz "
    mixed = names + "The council voted to ban short-term rentals in three central districts. " * 20
    answer = lang.detect_language(mixed)
    assert calls == [lang.QUICK_SAMPLE_CHARS, lang.SAMPLE_CHARS]
    assert answer == tuple(identifier.classify(mixed[: lang.SAMPLE_CHARS]))


def test_short_sample_agrees_on_demo_texts() -> None:
    identifier = lang._identifier()
    for path in sorted((REPO / "corpus" / "demo" / "src").glob("*/*.md")):
        body = text.paragraphs_from_blocks(path.read_text(encoding="utf-8").split("---", 2)[-1])
        assert lang.detect_language(body)[0] == identifier.classify(body[: lang.SAMPLE_CHARS])[0], path.name


def _random_strings(alphabet: list[str], n: int = 20000, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14))) for _ in range(n)]


def test_paragraphs_and_counts_as_before() -> None:
    spaces = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")

    def before(raw: str) -> str:  # the former line-by-line version
        raw = unicodedata.normalize("NFC", raw)
        lines = (spaces.sub(" ", line).strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        return "\n\n".join(line for line in lines if line)

    alphabet = ["a", "é", "e\u0301", " ", "  ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u2003", "\u200b", "\u202f",
                "\u3000", "\u2028", "\x85", "\x1f", "\v"]
    for raw in _random_strings(alphabet):
        assert text.paragraphs_from_lines(raw) == before(raw), repr(raw)
        assert text.word_counts(raw) == (text.count_words(raw), text.count_prose_words(raw)), repr(raw)


def test_plain_text_for_french_dates_as_before() -> None:
    def before(html: str) -> str:
        low = re.sub(r"<[^>]+>", " ", html[:30000]).replace("&nbsp;", " ").replace("\xa0", " ").lower()
        return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))

    alphabet = ["a", "é", "e\u0301", "û", "\u0302", "1", " ", "<b>", "août", "\u05b0", "\u20dd", "€", "ﬁ", "Ä",
                "&nbsp;"]
    for raw in _random_strings(alphabet):
        assert _plain(raw) == before(raw), repr(raw)
