"""The tiny corpus (``sources_tiny.tsv``): a hand-picked sample for the end-to-end test, checked."""

from __future__ import annotations

import logging
import re

from .outputs import Output
from .sources import LANGS

# Every module logs under the script's name, so log lines read "build_demo_corpus: ..." as before.
logger = logging.getLogger("build_demo_corpus")

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
# method lives in the civicscope package.
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
