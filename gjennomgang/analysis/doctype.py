"""Document type detection from title, headings and content (patterns in dokumenttyper.yaml)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..catalogue import Catalogue
from ..document import Document


@dataclass
class DocTypeGuess:
    type: str
    confidence: float
    scores: dict[str, float]


def detect_doctype(document: Document, catalogue: Catalogue) -> DocTypeGuess:
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    opening = " ".join(b.text for b in document.blocks[:4])
    title = (headings[0] + " " if headings else "") + opening
    title_l = title.lower()[:600]
    body = document.text.lower()
    heading_text = " ".join(headings).lower()
    scores: dict[str, float] = {}
    for tid, dt in catalogue.doctypes.items():
        s = 0.0
        if any(rx.search(title_l) for rx in dt.title_patterns):
            s += 4.0
        if any(rx.search(heading_text) for rx in dt.title_patterns):
            s += 1.0
        s += min(3.0, 0.4 * sum(len(rx.findall(body)) > 0 for rx in dt.content_patterns) +
                 0.05 * sum(min(len(rx.findall(body)), 5) for rx in dt.content_patterns))
        scores[tid] = s
    # a «referat»/«møte» title is minutes, even when it mentions the final report
    if "referat" in title_l or "møte" in title_l[:120]:
        scores["sluttrapport"] = scores.get("sluttrapport", 0) - 2.0
    best = max(scores, key=scores.get)
    exp = {k: math.exp(v) for k, v in scores.items()}
    conf = exp[best] / sum(exp.values())
    return DocTypeGuess(best, round(conf, 3), {k: round(v, 2) for k, v in scores.items()})
