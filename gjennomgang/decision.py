"""Decision: evidence from all recognizers + conditions + facts → one Verdict per requirement.

Scores: support S = noisy-or of the strongest «for» evidence per source, combined across
sources; against A = strongest «mot» evidence. Thresholds (oppfylt/usikker/mangler) come from
the model card when a trained model is loaded, else from the defaults below.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analysis.evidence import Evidence
from .analysis.facts import Facts
from .analysis.passages import Passage
from .catalogue import Requirement
from .result import Verdict


@dataclass
class Thresholds:
    oppfylt: float = 0.55
    mangler: float = 0.30
    # how much one «mot» statement lowers support
    mot_vekt: float = 0.6


def _noisy_or(values: list[float], k: int = 3) -> float:
    p = 1.0
    for v in sorted(values, reverse=True)[:k]:
        p *= 1.0 - v
    return 1.0 - p


def support(evidence: list[Evidence]) -> tuple[float, float, dict]:
    by_source: dict[str, list[float]] = {}
    against = 0.0
    for e in evidence:
        if e.polaritet == "for":
            by_source.setdefault(e.kilde, []).append(e.styrke)
        else:
            against = max(against, e.styrke)
    scores = {src: _noisy_or(vals) for src, vals in by_source.items()}
    if "modell" in scores:
        # the classifier is calibrated; rules and headings add to it but do not replace it
        rule = _noisy_or([scores.get("regel", 0.0), scores.get("seksjon", 0.0)], 2)
        s = max(scores["modell"], 0.5 * scores["modell"] + 0.5 * rule)
    else:
        s = _noisy_or(list(scores.values()), 3)
    scores["mot"] = against
    return s, against, scores


def _fact_check(req: Requirement, facts: Facts, passages: list[Passage]) -> tuple[bool, str]:
    """Structured check for requirements defined by facts (period + arena + justified deviation)."""
    spec = req.fakta_krav
    v = facts.values
    missing = []
    if "periode" in spec.get("krever", []) and not (v.get("tiltak_start") or v.get("varighet_maneder")):
        missing.append("tiltaksperioden")
    if "arena" in spec.get("krever", []) and not v.get("arena"):
        missing.append("arena")
    if missing:
        return False, f"Mangler {' og '.join(missing)}."
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
                return False, f"Avvik uten begrunnelse: {', '.join(deviation)}."
    return True, ""


def decide(req: Requirement, evidence: list[Evidence], facts: Facts, passages: list[Passage],
           thresholds: Thresholds) -> Verdict:
    base = dict(id=req.id, niva=req.niva, tittel=req.tittel, hint=req.hint,
                kilde={"dokument": req.kilde_dokument, "sitat": req.kilde_sitat})
    if req.betingelse:
        holds = bool(facts.values.get({"sprakbehov": "sprakbehov", "video": "video_brukt"}.get(req.betingelse, req.betingelse)))
        if not holds:
            cond = {"sprakbehov": "Ingen tegn til språkbehov (annet morsmål, lite norsk eller tolk) i teksten.",
                    "video": "Ingen tegn til at video eller filming er brukt eller planlagt."}.get(req.betingelse, "")
            return Verdict(**base, vurdering="ikke_relevant", sikkerhet=0.8, forklaring=cond)
    s, against, scores = support(evidence)
    pro = sorted([e for e in evidence if e.polaritet == "for"], key=lambda e: -e.styrke)
    con = sorted([e for e in evidence if e.polaritet == "mot"], key=lambda e: -e.styrke)
    # a statement of absence weighs against support that is not clearly stronger
    adjusted = s * (1.0 - thresholds.mot_vekt * against) if against > 0 else s
    if req.fakta_krav:
        ok, why = _fact_check(req, facts, passages)
        if not ok:
            adjusted = min(adjusted, thresholds.mangler - 0.01 if "Mangler" in why and s < 0.8 else thresholds.oppfylt - 0.05)
            base["forklaring"] = why
        else:
            adjusted = max(adjusted, thresholds.oppfylt + 0.1)
    if adjusted >= thresholds.oppfylt:
        verdict = "oppfylt"
        conf = 0.5 + 0.5 * min(1.0, (adjusted - thresholds.oppfylt) / max(1e-6, 1 - thresholds.oppfylt))
    elif adjusted < thresholds.mangler:
        verdict = "mangler"
        conf = 0.5 + 0.5 * min(1.0, (thresholds.mangler - adjusted) / max(1e-6, thresholds.mangler))
    else:
        verdict = "usikker"
        mid = (thresholds.oppfylt + thresholds.mangler) / 2
        conf = 0.5 - abs(adjusted - mid) / max(1e-6, thresholds.oppfylt - thresholds.mangler)
    forklaring = base.pop("forklaring", "")
    if verdict == "mangler" and not forklaring:
        forklaring = req.mangler_tekst
        if con:
            forklaring += f" Teksten sier: «{con[0].tekst[:160]}» ({con[0].grunn})."
    elif verdict == "usikker" and not forklaring:
        forklaring = "Noe tyder på at innholdet finnes, men det er svakt eller motsies; en person bør se på det."
    scores["samlet"] = adjusted
    return Verdict(**base, vurdering=verdict, sikkerhet=max(0.0, min(1.0, conf)),
                   belegg=[e.as_dict() for e in _dedupe(pro)[:4]] if verdict != "mangler" else [],
                   mot=[e.as_dict() for e in _dedupe(con)[:2]], forklaring=forklaring, poeng=scores)


def _dedupe(evs: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for e in evs:
        if e.passage in seen:
            continue
        seen.add(e.passage)
        out.append(e)
    return out
