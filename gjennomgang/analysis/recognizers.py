"""Recognizers: one interface, many sources of evidence (Presidio-style registry).

A recognizer takes the analysed document and one requirement and returns Evidence. The rule
and section recognizers live here; the classifier recognizer registers itself when a trained
model is loaded. Each can be run and tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..catalogue import Requirement
from .context import ContextRules
from .evidence import Evidence
from .passages import Passage


@dataclass
class AnalysedText:
    """What recognizers see: passages plus the section structure."""

    passages: list[Passage]
    section_titles: list[tuple[str, int, int]]  # (title, start, end) incl. table-row labels
    context: ContextRules
    sprak: str = "nb"


class Recognizer(Protocol):
    name: str

    def analyze(self, text: AnalysedText, requirement: Requirement) -> list[Evidence]: ...


_REGISTRY: dict[str, type] = {}


def register(cls):
    _REGISTRY[cls.name] = cls
    return cls


def registered() -> dict[str, type]:
    return dict(_REGISTRY)


def _evidence(req: Requirement, p: Passage, source: str, strength: float, polarity: str = "for",
              hits: list[str] | None = None, reason: str = "") -> Evidence:
    return Evidence(krav=req.id, passage=p.index, start=p.start, end=p.end, tekst=p.text, side=p.page,
                    avsnitt=p.section, kilde=source, styrke=max(0.0, min(1.0, strength)), polaritet=polarity,
                    treff=hits or [], grunn=reason, ocr=p.ocr)


def section_matches(req: Requirement, title: str) -> bool:
    t = title.lower()
    return bool(t) and any(rx.search(t) for rx in req.seksjoner)


def denied_patterns(req: Requirement, p) -> list[set[str]]:
    """The requirement's «avvisning» concept sets that this passage states with a negation
    («Rapporten ble ikke gjennomgått»: SLUTTRAPPORT present, GJENNOMGATT negated)."""
    return [set(a) for a in req.avvisning
            if all(c in p.concepts | p.negated for c in a) and any(c in p.negated for c in a)]


@register
class RuleRecognizer:
    """Concept rules from krav.yaml, with negation, dismissals and reasons."""

    name = "regel"

    def analyze(self, text: AnalysedText, req: Requirement) -> list[Evidence]:
        out: list[Evidence] = []
        for p in text.passages:
            if p.placeholder:
                continue
            denied = denied_patterns(req, p)
            negated_rule = bool(denied)
            best, best_rule = 0.0, None
            for rule in req.regler:
                # «Rapporten ble ikke gjennomgått»: a rule that only sees part of what the
                # sentence denies (the report) is not support for the requirement
                if any(set(rule.concepts) <= a for a in denied):
                    continue
                if rule.fires(p.concepts) and rule.weight > best:
                    best, best_rule = rule.weight, rule
            dismissed = p.dismissal and (any(all(c in p.concepts | p.negated for c in a) for a in req.avvisning)
                                         or section_matches(req, p.section))
            if dismissed or (negated_rule and best_rule is None):
                if req.begrunnelse_teller and p.reason and not dismissed:
                    hits = [w for c in (req.avvisning[0] if req.avvisning else ()) for w in p.hits.get(c, [])]
                    out.append(_evidence(req, p, self.name, 0.45, "for", hits, "begrunnet fravær"))
                else:
                    hits = [w for a in req.avvisning for c in a for w in p.hits.get(c, [])]
                    why = "avvist uten begrunnelse" if dismissed else "nektet («ikke», «ingen» …)"
                    # a statement of absence under the requirement's own heading weighs most
                    strength = 0.85 if section_matches(req, p.section) else (0.7 if dismissed else 0.6)
                    out.append(_evidence(req, p, self.name, strength, "mot", hits, why))
                continue
            if best_rule is None:
                # content that only looks like the topic («Familien er fra Eritrea» under «Kultur»)
                for concepts, weight, why in req.motregler:
                    if all(c in p.concepts for c in concepts):
                        strength = 0.85 if section_matches(req, p.section) else weight
                        hits = [w for c in concepts for w in p.hits.get(c, [])]
                        out.append(_evidence(req, p, self.name, strength, "mot", hits, why))
                        break
            if best_rule is not None:
                hits = [w for c in best_rule.concepts for w in p.hits.get(c, [])]
                strength = best
                if section_matches(req, p.section):
                    strength = min(1.0, strength + 0.2)
                if p.n_words < 4:
                    strength *= 0.5
                out.append(_evidence(req, p, self.name, strength, "for", hits))
        return out


@register
class SectionRecognizer:
    """Headings and template questions that speak to a requirement, and whether anything is under them."""

    name = "seksjon"

    def analyze(self, text: AnalysedText, req: Requirement) -> list[Evidence]:
        out: list[Evidence] = []
        for title, start, end in text.section_titles:
            if not section_matches(req, title):
                continue
            inside = [p for p in text.passages if start <= p.start < end or (p.start <= start < p.end)]
            content = [p for p in inside if p.substantive and not p.text.strip().rstrip(":").strip() == title.strip()]
            if not content:
                anchor = inside[0] if inside else None
                if anchor is not None:
                    out.append(_evidence(req, anchor, self.name, 0.6, "mot", [title],
                                         f"overskriften «{title}» står uten innhold"))
                continue
            if all(p.dismissal or p.placeholder for p in content):
                out.append(_evidence(req, content[0], self.name, 0.85, "mot", [title],
                                     f"under «{title}» står bare «ikke aktuelt» eller maltekst"))
                continue
            if req.seksjon_krever_regel:
                continue
            # content must touch the requirement's topic: a nationality alone under «Kultur» is not enough
            topic = req.concepts
            positive = [p for p in content if not p.dismissal and not (p.negated and not p.concepts)
                        and (p.concepts & topic)]
            if not positive:
                continue
            # only the first few sentences: a long section is not all about this requirement
            for p in positive[:3]:
                out.append(_evidence(req, p, self.name, 0.35 if len(positive) > 1 else 0.25, "for", [title]))
        return out
