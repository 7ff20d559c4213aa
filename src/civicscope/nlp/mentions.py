"""Actor mentions per sentence, grammatical subjects, and the source/target choice."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterator

from spacy.tokens import Doc, Span

from civicscope.nlp.components import ACTOR_SPANS_KEY
from civicscope.nlp.gazetteer import Gazetteer

SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj", "expl:subj"})
NER_LABELS = frozenset({"ORG", "PER", "PERSON", "LOC", "GPE", "MISC", "NORP"})
# Words that, right before a mention, mark it as a complement rather than the subject when no parse exists.
_NON_SUBJECT_CUES = frozenset(
    "by with against to for of from on in at into between than toward towards under over par avec contre "
    "à a au aux pour de des du sur dans entre envers vers sous chez".split()
)


@dataclass(frozen=True)
class Mention:
    """One mention in a sentence; offsets are relative to the sentence text."""

    actor_id: str
    actor_type: str
    side: str
    surface: str
    label: str
    start_char: int
    end_char: int
    is_subject: bool
    resolved_from: str = ""  # the generic group this mention was resolved from, if any


DOMINANT_CITY_SHARE = 2 / 3


def document_city(mentions: list[Mention], gazetteer: Gazetteer) -> str:
    """The city a document is about: the named city with at least two thirds of its city mentions."""
    counts: dict[str, int] = {}
    for m in mentions:
        actor = gazetteer.actors.get(m.actor_id)
        if actor and actor.type == "city" and not actor.is_group:
            counts[m.actor_id] = counts.get(m.actor_id, 0) + 1
    if not counts:
        return ""
    best = min(counts, key=lambda a: (-counts[a], a))
    return best if counts[best] >= DOMINANT_CITY_SHARE * sum(counts.values()) else ""


def resolve_generic_city(sentences: list[list[Mention]], gazetteer: Gazetteer) -> list[list[Mention]]:
    """Replace generic city-government mentions ("la mairie", "City Hall") by the document's city.

    Only groups flagged ``resolve_to_document_city`` in the gazetteer are resolved, and only when one
    named city dominates the document; the group id is kept in ``resolved_from``.
    """
    city = document_city([m for found in sentences for m in found], gazetteer)
    if not city:
        return sentences
    target = gazetteer.actors[city]

    def resolve(m: Mention) -> Mention:
        group = gazetteer.actors.get(m.actor_id)
        if group and group.resolve_to_document_city:
            return replace(m, actor_id=city, actor_type=target.type, side=target.side, resolved_from=m.actor_id)
        return m

    return [[resolve(m) for m in found] for found in sentences]


def _parsed(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def _is_subject(span: Span, parsed: bool, first_in_sentence: bool) -> bool:
    if parsed:
        token = span.root
        # "Uber et Lyft ont signé": the second conjunct shares the subject role.
        while token.dep_ == "conj" and token.head is not token:
            token = token.head
        return token.dep_ in SUBJECT_DEPS
    # Fallback without a parser (blank English pipeline): the first mention of the sentence is taken as
    # its subject unless a preposition introduces it ("fined by the city"); passives are not recognised.
    if not first_in_sentence:
        return False
    sent_start = span.sent.start
    before = [t.lower_ for t in span.doc[max(sent_start, span.start - 2) : span.start]]
    return not any(word in _NON_SUBJECT_CUES for word in before)


def sentence_mentions(sent: Span, gazetteer: Gazetteer, actor_spans: list[Span]) -> list[Mention]:
    """Mentions in one sentence: gazetteer spans first, then statistical entities they do not cover."""
    parsed = _parsed(sent.doc)
    inside = [s for s in actor_spans if s.start >= sent.start and s.end <= sent.end]
    covered = {i for s in inside for i in range(s.start, s.end)}
    out: list[Mention] = []
    for rank, span in enumerate(sorted(inside, key=lambda s: s.start)):
        actor = gazetteer.actors[span.label_]
        out.append(
            Mention(
                actor.id, actor.type, actor.side, span.text, "ACTOR",
                span.start_char - sent.start_char, span.end_char - sent.start_char,
                _is_subject(span, parsed, rank == 0),
            )
        )
    for ent in sent.ents:
        if ent.label_ in NER_LABELS and not covered.intersection(range(ent.start, ent.end)):
            out.append(
                Mention(
                    "", "", "", ent.text, ent.label_,
                    ent.start_char - sent.start_char, ent.end_char - sent.start_char,
                    _is_subject(ent, parsed, False),
                )
            )
    out.sort(key=lambda m: (m.start_char, m.end_char))
    return _share_coordinated_subjects(out, sent.text)


_COORDINATION = re.compile(r"^\s*(,|et|and|ou|or|&|as well as|ainsi que)\s*$", re.IGNORECASE)


def _share_coordinated_subjects(mentions: list[Mention], text: str) -> list[Mention]:
    """Give the subject role to every actor coordinated with a subject ("Uber et Lyft ont signé").

    The small French parser often attaches the first conjunct as the root and only the second as the
    subject; the words between two mentions tell more reliably that they share the role.
    """
    actors = [m for m in mentions if m.actor_id]
    changed = True
    while changed:
        changed = False
        for a, b in zip(actors, actors[1:]):
            if a.is_subject != b.is_subject and _COORDINATION.match(text[a.end_char : b.start_char]):
                actors = [replace(m, is_subject=True) if m in (a, b) else m for m in actors]
                changed = True
                break
    by_pos = {(m.start_char, m.end_char, m.label): m for m in actors}
    return [by_pos.get((m.start_char, m.end_char, m.label), m) for m in mentions]


def iter_sentences(doc: Doc, gazetteer: Gazetteer) -> Iterator[tuple[Span, list[Mention]]]:
    """Yield each sentence of ``doc`` with its mentions."""
    actor_spans = list(doc.spans.get(ACTOR_SPANS_KEY, []))
    for sent in doc.sents:
        if sent.text.strip():
            yield sent, sentence_mentions(sent, gazetteer, actor_spans)


def choose_source_target(mentions: list[Mention], gazetteer: Gazetteer) -> tuple[str, str]:
    """Pick the source (platform-side, the subject if any) and target (institution-side) actor ids.

    With no platform-side mention the subject actor is the source (statements between two institutions
    still get a direction); when no actor is the subject, there is no source.
    """
    resolved = [m for m in mentions if m.actor_id]
    if not resolved:
        return "", ""
    platform = [m for m in resolved if gazetteer.is_platform_side(m.actor_id)]
    if platform:
        source = next((m for m in platform if m.is_subject), platform[0]).actor_id
    else:
        source = next((m.actor_id for m in resolved if m.is_subject), "")
    target = next(
        (m.actor_id for m in resolved if m.actor_id != source and gazetteer.is_institution_side(m.actor_id)), ""
    )
    return source, target
