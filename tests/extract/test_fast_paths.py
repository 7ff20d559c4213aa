"""The extraction's shortcuts give what the plain library calls give.

Metadata is read first and leaves the tree intact; the text is then extracted from that tree in
place (no copy), as ``trafilatura.bare_extraction`` would from a copy; py3langid runs on float32
weights and on a short first sample; text clean-up avoids regex passes. Each is checked against
the straightforward call on the demo pages (and on the real bench pages when ``../shared`` has them).
"""

from __future__ import annotations

import logging
import random
import re
import unicodedata
from pathlib import Path

import pytest

from civicscope.extract import lang, maintext, text
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


@pytest.mark.parametrize("options", [HtmlOptions(), HtmlOptions(include_comments=True),
                                     HtmlOptions(include_tables=False, favor_precision=True)])
def test_text_in_place_equals_bare_extraction(options: HtmlOptions) -> None:
    from lxml.html import tostring
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    params = {"extensive_search": True, "original_date": True}
    for path in _pages():
        html = decode_bytes(path.read_bytes()).text
        reference = bare_extraction(load_html(html), options=maintext.page_extractor(options, None, params))
        tree = load_html(html)
        before = tostring(tree)
        page_metadata(tree, None, params)
        assert tostring(tree) == before, f"{path.name}: metadata changed the tree"
        found = maintext.main_text(tree, maintext.page_extractor(options, None, params))
        if reference is None:
            assert found is None, path.name
            continue
        assert found is not None, path.name
        assert found.text == (reference.text or ""), path.name
        if options.include_comments:
            assert found.comments == (reference.comments or ""), path.name


def test_copying_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    from trafilatura.utils import load_html

    html = decode_bytes((REPO / "corpus" / "demo" / "html").glob("fr-*.html").__next__().read_bytes()).text
    extractor = maintext.page_extractor(HtmlOptions(), None, {})
    in_place = maintext.main_text(load_html(html), extractor)
    monkeypatch.setattr(maintext, "_sequence", lambda: None)  # a trafilatura without the expected internals
    assert maintext.main_text(load_html(html), extractor) == in_place


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
