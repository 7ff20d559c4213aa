"""The actor gazetteer (config/actors.yaml) as typed records and spaCy span-ruler patterns."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from civicscope.nlp.text import fold, plural_variants

logger = logging.getLogger(__name__)

PLATFORM_SIDE_TYPES = frozenset({"platform", "civic_tech", "neighbourhood_network"})


@dataclass(frozen=True)
class Actor:
    """One actor or generic group of the gazetteer."""

    id: str
    name: str
    type: str
    side: str
    is_group: bool = False
    resolve_to_document_city: bool = False


@dataclass
class Ambiguity:
    """Forms of an actor that are also common words: they count only with a context cue."""

    forms: set[str] = field(default_factory=set)  # folded forms
    exact: set[str] = field(default_factory=set)  # forms as written, for case-sensitive checks
    case_sensitive: bool = False
    context: list[str] = field(default_factory=list)  # folded cue words

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable form (spaCy component configs must serialise)."""
        return {
            "forms": sorted(self.forms),
            "exact": sorted(self.exact),
            "case_sensitive": self.case_sensitive,
            "context": sorted(self.context),
        }


@dataclass
class Gazetteer:
    """Actors, their surface forms per language and the ambiguity rules."""

    actors: dict[str, Actor]
    forms: dict[str, dict[str, str]]  # lang ("*" for all) -> folded form -> actor id
    surfaces: dict[str, str]  # folded form -> one surface form as written (for the pattern text)
    ambiguities: dict[str, Ambiguity]

    def patterns(self, lang: str) -> list[dict[str, str]]:
        """Phrase patterns for one language, one per surface form, sorted for reproducibility."""
        merged = dict(self.forms.get("*", {}))
        for form, actor_id in self.forms.get(lang, {}).items():
            merged.setdefault(form, actor_id)
        return [
            {"label": actor_id, "pattern": self.surfaces[form]} for form, actor_id in sorted(merged.items())
        ]

    def is_platform_side(self, actor_id: str) -> bool:
        """True for platforms, civic techs and neighbourhood networks (and their groups)."""
        actor = self.actors.get(actor_id)
        return bool(actor and (actor.side == "platform" or actor.type in PLATFORM_SIDE_TYPES))

    def is_institution_side(self, actor_id: str) -> bool:
        """True for cities, states, regulators, courts, transport authorities, public bodies."""
        actor = self.actors.get(actor_id)
        return bool(actor and actor.side == "institution")


def _add_form(gaz: Gazetteer, lang: str, surface: str, actor_id: str, plurals: bool) -> None:
    surface = " ".join(surface.split())
    if not surface:
        return
    table = gaz.forms.setdefault(lang, {})
    candidates = {fold(surface): surface}
    if " " not in surface and not surface.endswith("."):
        # spaCy keeps a final period on some short mixed-case words ("TfL." at sentence end).
        candidates[fold(surface + ".")] = surface + "."
    if plurals:
        candidates.update({fold(v): v for v in plural_variants(surface)})
    for form, written in candidates.items():
        owner = table.get(form)
        if owner and owner != actor_id:
            # Named actors win over generic groups; otherwise the first definition is kept.
            if gaz.actors[owner].is_group and not gaz.actors[actor_id].is_group:
                table[form] = actor_id
            else:
                logger.debug("alias %r of %s already belongs to %s; kept for %s", written, actor_id, owner, owner)
            continue
        table[form] = actor_id
        gaz.surfaces.setdefault(form, written)


def load_gazetteer(path: str | Path) -> Gazetteer:
    """Load ``actors.yaml`` (validated by the workflow against workflow/schemas/actors.schema.yaml)."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    gaz = Gazetteer(actors={}, forms={}, surfaces={}, ambiguities={})
    entries = [(e, False) for e in data.get("actors", [])] + [(e, True) for e in data.get("groups", [])]
    for entry, is_group in entries:
        gaz.actors[entry["id"]] = Actor(
            entry["id"], entry.get("name", entry["id"]), entry["type"], entry["side"], is_group,
            bool(entry.get("resolve_to_document_city", False)),
        )
    for entry, is_group in entries:
        actor_id = entry["id"]
        names = entry.get("terms" if is_group else "aliases") or {}
        if isinstance(names, list):
            names = {"any": names}
        for lang, surfaces in sorted(names.items()):
            # Named actors are recognised in every language ("Conseil d'État" appears in English texts);
            # generic group terms only in their own language ("ville" is not an English word).
            target = lang if (is_group and lang != "any") else "*"
            for surface in surfaces or []:
                plurals = is_group or surface[:1].islower()
                _add_form(gaz, target, str(surface), actor_id, plurals)
        if not is_group and entry.get("name"):
            _add_form(gaz, "*", str(entry["name"]), actor_id, False)
        amb = entry.get("ambiguous")
        if amb:
            rule = gaz.ambiguities.setdefault(actor_id, Ambiguity())
            rule.case_sensitive = bool(amb.get("case_sensitive", False))
            rule.context = sorted({fold(c) for c in amb.get("context", [])})
            for surface in amb.get("aliases", []):
                rule.forms.add(fold(surface))
                rule.exact.add(surface)
                _add_form(gaz, "*", str(surface), actor_id, False)
    n_forms = sum(len(v) for v in gaz.forms.values())
    logger.info("gazetteer: %d actors/groups, %d surface forms, %d ambiguity rules", len(gaz.actors), n_forms, len(gaz.ambiguities))
    return gaz
