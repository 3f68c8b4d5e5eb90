"""Statistics for the audit: Wilson score intervals, sample size for a margin of error, and the
completeness rates per requirement and per stratum.

Completeness rate for a requirement = oppfylt / (oppfylt + mangler + usikker): the share of the
sampled documents where the requirement applies (``ikke_relevant`` is left out) that fulfil it.
``usikker`` stays in the denominator but is not counted as fulfilled, so the rate is a cautious
(lower) figure; the rate if every uncertain verdict were fulfilled is reported beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import NormalDist

CONFIDENCE = 0.95
Z95 = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)  # 1.959964…

SAMPLE_SIZE_FORMULA = ("n₀ = z²·p(1−p)/e² med z = 1,96 (95 %) og p = 0,5 (det mest forsiktige valget), "
                       "deretter endelighetskorreksjon n = n₀ / (1 + (n₀ − 1)/N), der N er antall dokumenter "
                       "i mappen; rundet opp")


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval for k successes out of n; None when n == 0.

    centre = (p̂ + z²/2n) / (1 + z²/n);  half width = z/(1 + z²/n) · sqrt(p̂(1−p̂)/n + z²/4n²)
    """
    if n <= 0:
        return None
    if not 0 <= k <= n:
        raise ValueError("k må ligge mellom 0 og n")
    p = k / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


def sample_size(margin: float, population: int | None = None, p: float = 0.5, z: float = Z95) -> int:
    """Sample size for a wanted margin of error (half width) at 95 %, with finite-population correction.

    n₀ = z²·p(1−p)/e²;  n = n₀ / (1 + (n₀ − 1)/N);  rounded up, never more than N.
    """
    if not 0 < margin < 1:
        raise ValueError("feilmarginen må ligge mellom 0 og 1")
    n0 = z * z * p * (1 - p) / (margin * margin)
    if population is None:
        return math.ceil(n0 - 1e-9)
    if population <= 0:
        return 0
    n = n0 / (1 + (n0 - 1) / population)
    return min(population, math.ceil(n - 1e-9))


@dataclass
class Counts:
    oppfylt: int = 0
    mangler: int = 0
    usikker: int = 0
    ikke_relevant: int = 0

    def add(self, verdict: str) -> None:
        if verdict in ("oppfylt", "mangler", "usikker", "ikke_relevant"):
            setattr(self, verdict, getattr(self, verdict) + 1)

    @property
    def applicable(self) -> int:
        return self.oppfylt + self.mangler + self.usikker

    def rate(self) -> float | None:
        return self.oppfylt / self.applicable if self.applicable else None

    def rate_if_unsure_fulfilled(self) -> float | None:
        return (self.oppfylt + self.usikker) / self.applicable if self.applicable else None

    def interval(self) -> tuple[float, float] | None:
        return wilson(self.oppfylt, self.applicable)

    def as_dict(self) -> dict:
        ci = self.interval()
        rate = self.rate()
        upper = self.rate_if_unsure_fulfilled()
        return {"aktuelle": self.applicable, "oppfylt": self.oppfylt, "mangler": self.mangler,
                "usikker": self.usikker, "ikke_relevant": self.ikke_relevant,
                "andel_oppfylt": None if rate is None else round(rate, 4),
                "wilson_95": None if ci is None else [round(ci[0], 4), round(ci[1], 4)],
                "andel_hvis_usikre_oppfylt": None if upper is None else round(upper, 4)}


@dataclass
class RequirementStats:
    id: str
    tittel: str
    niva: str
    total: Counts = field(default_factory=Counts)
    per_stratum: dict[str, Counts] = field(default_factory=dict)


def complete(record: dict) -> bool:
    """A document is complete when every requirement at level «krav» is oppfylt or ikke_relevant."""
    return all(v["vurdering"] in ("oppfylt", "ikke_relevant") for v in record.get("krav", {}).values()
               if v.get("niva") == "krav")


def checked(record: dict) -> bool:
    """True when the document was read and assessed (not an error, not an unreadable scan)."""
    return not record.get("feil") and bool(record.get("krav"))


def aggregate(records: list[dict]) -> dict[str, dict[str, RequirementStats]]:
    """doctype → requirement id → counts (total and per stratum), in catalogue order."""
    out: dict[str, dict[str, RequirementStats]] = {}
    for rec in records:
        if not checked(rec):
            continue
        per_type = out.setdefault(rec.get("dokumenttype") or "ukjent", {})
        stratum = rec.get("lag") or ""
        for rid, v in rec["krav"].items():
            rs = per_type.get(rid)
            if rs is None:
                rs = per_type[rid] = RequirementStats(rid, v.get("tittel", rid), v.get("niva", ""))
            rs.total.add(v["vurdering"])
            rs.per_stratum.setdefault(stratum, Counts()).add(v["vurdering"])
    return out


def completeness(records: list[dict]) -> tuple[tuple[int, int], dict[str, tuple[int, int]]]:
    """(complete, checked) for the whole sample, and per stratum."""
    total = [0, 0]
    per: dict[str, list[int]] = {}
    for rec in records:
        if not checked(rec):
            continue
        ok = int(complete(rec))
        total[0] += ok
        total[1] += 1
        c = per.setdefault(rec.get("lag") or "", [0, 0])
        c[0] += ok
        c[1] += 1
    return (total[0], total[1]), {k: (v[0], v[1]) for k, v in per.items()}
