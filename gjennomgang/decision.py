"""Decision: evidence from all recognizers + conditions + facts → one Verdict per requirement.

Two steps, kept apart so a learned model can replace the hand-set one:
1. `evidence_features` summarises the evidence for one requirement (rule, heading and model
   support, statements of absence, fact checks);
2. a scorer turns the features into P(oppfylt). Without a trained model the `RuleScorer`
   (noisy-or of the sources, lowered by statements of absence) is used; with one, the model's
   document-level scorer (logistic regression, stored with the model) is used.
Thresholds for oppfylt/usikker/mangler come from the model card (chosen on the dev split) or
from the defaults below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .analysis.evidence import Evidence
from .analysis.facts import Facts
from .analysis.passages import Passage
from .catalogue import Requirement
from .result import Verdict


@dataclass
class Thresholds:
    oppfylt: float = 0.55
    mangler: float = 0.30
    mot_vekt: float = 0.6  # how much one statement of absence lowers rule support


def _noisy_or(values: list[float], k: int = 3) -> float:
    p = 1.0
    for v in sorted(values, reverse=True)[:k]:
        p *= 1.0 - v
    return 1.0 - p


#: P(oppfylt) when one of the catalogue's own hard rules says `mangler`, whatever the learned
#: score: an unexplained deviation (under six months / away from home), or a requirement whose
#: `krever_begrep` concepts occur nowhere in the text. (A cap at 0.3 once met a threshold of 0.3.)
#: On train+dev the deviation finding agreed with the gold label in 6 of 8 final reports; every
#: gold-`oppfylt` `tolk` (68) and `samtykke_video` (45) had its required concept.
RULE_SCORE = 0.0


class FactResult(NamedTuple):
    """Outcome of a requirement's fact check; `deviation` = an unexplained short/away-from-home measure."""

    ok: bool
    why: str = ""
    deviation: bool = False


FACTS_OK = FactResult(True)


def missing_required_concept(req: Requirement, passages: list[Passage]) -> bool:
    """True when the requirement cannot be met without one of its `krever_begrep` concepts
    and none occurs in the text, affirmed or negated («Mor snakker arabisk» names no interpreter)."""
    if not req.krever_begrep:
        return False
    need = set(req.krever_begrep)
    return not any(need & (p.concepts | p.negated) for p in passages if not p.placeholder)


def capped_score(req: Requirement, p: float, fact_result: FactResult, passages: list[Passage]) -> float:
    """The catalogue's hard rules over any learned score (see RULE_SCORE)."""
    if fact_result.deviation or missing_required_concept(req, passages):
        return min(p, RULE_SCORE)
    return p


def fact_result_for(req: Requirement, facts: Facts, passages: list[Passage]) -> FactResult:
    """The fact check for requirements that have one; FACTS_OK for the rest."""
    return fact_check(req, facts, passages) if req.fakta_krav else FACTS_OK


def fact_check(req: Requirement, facts: Facts, passages: list[Passage]) -> FactResult:
    """Structured check for requirements defined by facts (period + arena + justified deviation)."""
    spec = req.fakta_krav
    v = facts.values
    missing = []
    if "periode" in spec.get("krever", []) and not (v.get("tiltak_start") or v.get("varighet_maneder")):
        missing.append("tiltaksperioden")
    if "arena" in spec.get("krever", []) and not v.get("arena"):
        missing.append("arena")
    if missing:
        return FactResult(False, f"Mangler {' og '.join(missing)}.")
    if spec.get("avvik_krever_begrunnelse"):
        months = v.get("varighet_maneder")
        deviation = []
        if months is not None and months < 5.8:
            deviation.append(f"varighet {months:g} måneder (under seks)")
        if v.get("arena") and v.get("arena") != "hjemme":
            deviation.append(f"arena «{v.get('arena')}» (ikke hjemme)")
        if deviation:
            topics = facts.values.get("_avvik_tema") or ("avslutt", "måned", "arena")
            justified = any(p.reason and any(t in p.text.lower() for t in topics)
                            for p in passages if not p.placeholder)
            if not justified:
                return FactResult(False, f"Avvik uten begrunnelse: {', '.join(deviation)}.", deviation=True)
    return FACTS_OK


def evidence_features(req: Requirement, evidence: list[Evidence], facts: Facts, passages: list[Passage],
                      fact_result: FactResult | None = None) -> dict:
    by_source: dict[str, list[float]] = {}
    against = own_section_against = 0.0
    for e in evidence:
        if e.polaritet == "for":
            by_source.setdefault(e.kilde, []).append(e.styrke)
        else:
            against = max(against, e.styrke)
            if e.styrke >= 0.85:
                own_section_against = 1.0
    model = sorted(by_source.get("modell", []), reverse=True)
    f = {
        "regel": _noisy_or(by_source.get("regel", [])),
        "regel_maks": max(by_source.get("regel", [0.0])),
        "regel_antall": min(5, len(by_source.get("regel", []))) / 5,
        "seksjon": _noisy_or(by_source.get("seksjon", [])),
        "modell_maks": model[0] if model else 0.0,
        "modell_topp3": sum(model[:3]) / 3 if model else 0.0,
        "modell_antall": min(5, sum(1 for p in model if p >= 0.5)) / 5,
        "mot": against,
        "mot_egen_seksjon": own_section_against,
    }
    if req.fakta_krav:
        ok = (fact_result or fact_check(req, facts, passages)).ok
        f["fakta_ok"] = 1.0 if ok else 0.0
        f["fakta_brukt"] = 1.0
    return f


class RuleScorer:
    """The hand-set scorer used without a trained model."""

    name = "regler"

    def __init__(self, mot_vekt: float = 0.6):
        self.mot_vekt = mot_vekt

    def score(self, req: Requirement, f: dict) -> float:
        sources = [f["regel"], f["seksjon"]]
        if f["modell_maks"]:
            rule = _noisy_or(sources, 2)
            s = max(f["modell_maks"], 0.5 * f["modell_maks"] + 0.5 * rule)
        else:
            s = _noisy_or(sources, 2)
        if f["mot"] > 0:
            s *= 1.0 - self.mot_vekt * f["mot"]
        if "fakta_ok" in f:
            s = max(s, 0.7) if f["fakta_ok"] else min(s, 0.4)
        return s


def decide(req: Requirement, evidence: list[Evidence], facts: Facts, passages: list[Passage],
           thresholds: Thresholds, scorer=None) -> Verdict:
    base = dict(id=req.id, niva=req.niva, tittel=req.tittel, hint=req.hint,
                kilde={"dokument": req.kilde_dokument, "sitat": req.kilde_sitat})
    if req.betingelse:
        key = {"sprakbehov": "sprakbehov", "video": "video_brukt"}.get(req.betingelse, req.betingelse)
        if not facts.values.get(key):
            cond = {"sprakbehov": "Ingen tegn til språkbehov (annet morsmål, lite norsk eller tolk) i teksten.",
                    "video": "Ingen tegn til at video eller filming er brukt eller planlagt."}.get(req.betingelse, "")
            return Verdict(**base, vurdering="ikke_relevant", sikkerhet=0.8, forklaring=cond)
    scorer = scorer or RuleScorer(thresholds.mot_vekt)
    fact_result = fact_result_for(req, facts, passages)
    feats = evidence_features(req, evidence, facts, passages, fact_result)
    p = capped_score(req, float(scorer.score(req, feats)), fact_result, passages)
    pro = sorted([e for e in evidence if e.polaritet == "for"], key=lambda e: -e.styrke)
    con = sorted([e for e in evidence if e.polaritet == "mot"], key=lambda e: -e.styrke)
    forklaring = "" if fact_result.ok else fact_result.why
    if p >= thresholds.oppfylt:
        verdict = "oppfylt"
        conf = 0.5 + 0.5 * min(1.0, (p - thresholds.oppfylt) / max(1e-6, 1 - thresholds.oppfylt))
    elif p < thresholds.mangler:
        verdict = "mangler"
        conf = 0.5 + 0.5 * min(1.0, (thresholds.mangler - p) / max(1e-6, thresholds.mangler))
    else:
        verdict = "usikker"
        mid = (thresholds.oppfylt + thresholds.mangler) / 2
        conf = 0.5 - abs(p - mid) / max(1e-6, thresholds.oppfylt - thresholds.mangler)
    if verdict == "mangler" and not forklaring:
        forklaring = req.mangler_tekst
        if con:
            forklaring += f" Teksten sier: «{con[0].tekst[:160]}» ({con[0].grunn})."
    elif verdict == "usikker" and not forklaring:
        forklaring = "Noe tyder på at innholdet finnes, men det er svakt eller motsies; en person bør se på det."
    elif verdict == "oppfylt":
        forklaring = ""
    feats["samlet"] = p
    return Verdict(**base, vurdering=verdict, sikkerhet=max(0.0, min(1.0, conf)),
                   belegg=[e.as_dict() for e in _dedupe(pro)[:4]] if verdict != "mangler" else [],
                   mot=[e.as_dict() for e in _dedupe(con)[:2]], forklaring=forklaring, poeng=feats)


def _dedupe(evs: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for e in evs:
        if e.passage in seen:
            continue
        seen.add(e.passage)
        out.append(e)
    return out
