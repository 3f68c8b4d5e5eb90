"""Document type detection from title, headings and content (patterns in dokumenttyper.yaml).

The title (first heading, or the first line) weighs most; the opening lines a little; the
body's typical phrases add up to a capped amount. A «referat»/«møte» title is minutes even
when the text talks about the final report.
"""

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


def _title(document: Document) -> str:
    for b in document.blocks[:6]:
        if b.kind == "heading":
            return b.text
    return document.blocks[0].text[:200] if document.blocks else ""


def detect_doctype(document: Document, catalogue: Catalogue) -> DocTypeGuess:
    title = _title(document).lower()
    opening = " ".join(b.text for b in document.blocks[:3]).lower()[:300]
    headings = " ".join(b.text for b in document.blocks if b.kind == "heading").lower()
    body = document.text.lower()
    scores: dict[str, float] = {}
    for tid, dt in catalogue.doctypes.items():
        s = 0.0
        if any(rx.search(title) for rx in dt.title_patterns):
            s += 4.0
        elif any(rx.search(opening) for rx in dt.title_patterns):
            s += 1.5
        if any(rx.search(headings) for rx in dt.title_patterns):
            s += 0.5
        s += min(3.0, 0.4 * sum(bool(rx.search(body)) for rx in dt.content_patterns) +
                 0.05 * sum(min(len(rx.findall(body)), 5) for rx in dt.content_patterns))
        scores[tid] = s
    if "referat" in title or "møte" in title:
        scores["sluttrapport"] = scores.get("sluttrapport", 0) - 2.0
    best = max(scores, key=scores.get)
    exp = {k: math.exp(v) for k, v in scores.items()}
    conf = exp[best] / sum(exp.values())
    return DocTypeGuess(best, round(conf, 3), {k: round(v, 2) for k, v in scores.items()})
