"""Evaluation against gold labels: deficiency recall, false alarms, share usikker, confusion.

Works on the public examples (`gold.jsonl` beside PDFs) and on the annotated corpus
(`korpus.jsonl` with the text inline, filtered by split).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .checker import Checker
from .reading.txt import text_to_blocks
from .document import build_document, sha256_of

FLAGGED = ("mangler", "usikker")


@dataclass
class GoldDoc:
    name: str
    doctype: str
    labels: dict[str, str]
    path: Path | None = None
    text: str | None = None
    meta: dict = field(default_factory=dict)


def load_gold(path: str | Path, split: str | None = None, kilde: str | None = None) -> list[GoldDoc]:
    path = Path(path)
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if split and rec.get("split") and rec.get("split") != split:
            continue
        if kilde and rec.get("kilde") != kilde:
            continue
        if "file" in rec:
            docs.append(GoldDoc(rec["file"], rec["doc_type"], rec["labels"], path=path.parent / rec["file"], meta=rec))
        else:
            docs.append(GoldDoc(rec["id"], rec["dokumenttype"], rec["labels"], text=rec["tekst"], meta=rec))
    return docs


def check_gold_doc(checker: Checker, g: GoldDoc):
    if g.text is not None:
        document = build_document(g.name + ".txt", text_to_blocks(g.text), 1, sha256=sha256_of(g.text.encode()), fmt="txt")
        return checker.check_document(document)
    return checker.check_file(g.path)


def rates(c: Counter, digits: int | None = 3) -> dict:
    """Deficiency recall, false alarms, share usikker and accuracy from verdict counts."""
    def ratio(a: int, b: int) -> float | None:
        return (round(a / b, digits) if digits is not None else a / b) if b else None

    return {
        "n": c["n"],
        "mangel_recall": ratio(c["flagget_mangler"], c["gold_mangler"]),
        "falsk_alarm": ratio(c["falsk_alarm"], c["gold_oppfylt"]),
        "andel_usikker": ratio(c["usikker"], c["n"]),
        "noyaktighet": ratio(c["riktig"], c["n"]),
        "gold_mangler": c["gold_mangler"], "gold_oppfylt": c["gold_oppfylt"],
    }


def evaluate(checker: Checker, docs: list[GoldDoc], results: list | None = None) -> dict:
    per_req: dict[str, Counter] = defaultdict(Counter)
    per_level: dict[str, Counter] = defaultdict(Counter)
    type_ok = 0
    unreadable = []
    skipped_scanned = []
    all_verdicts = Counter()
    per_doc = []
    for k, g in enumerate(docs):
        r = results[k] if results else check_gold_doc(checker, g)
        if r.feil:
            unreadable.append({"dokument": g.name, "melding": r.melding})
            continue
        if r.skannet and not r.krav:
            skipped_scanned.append(g.name)
            continue
        type_ok += r.dokumenttype == g.doctype
        pred = {v.id: v for v in r.krav}
        wrong = {}
        in_doc = Counter()
        for rid, gold in g.labels.items():
            v = pred.get(rid)
            p = v.vurdering if v else "mangler_i_utdata"
            level = v.niva if v else "krav"
            c = per_req[rid]
            c[f"{gold}->{p}"] += 1
            all_verdicts[p] += 1
            for counter in (c, per_level[level], in_doc):
                counter["n"] += 1
                counter["usikker"] += p == "usikker"
                if gold == "mangler":
                    counter["gold_mangler"] += 1
                    counter["flagget_mangler"] += p in FLAGGED
                elif gold == "oppfylt":
                    counter["gold_oppfylt"] += 1
                    counter["falsk_alarm"] += p in FLAGGED
                counter["riktig"] += p == gold
            if p != gold:
                wrong[rid] = f"{gold}->{p}"
        per_doc.append({"dokument": g.name, "type": r.dokumenttype, "gold_type": g.doctype, "feil": wrong,
                        "telling": dict(in_doc)})
    total = Counter()
    for c in per_req.values():
        total.update(c)
    checked = len(docs) - len(unreadable) - len(skipped_scanned)
    return {
        "dokumenter": len(docs), "vurdert": checked,
        "dokumenttype_noyaktighet": round(type_ok / checked, 3) if checked else None,
        "samlet": rates(total),
        "per_niva": {lvl: rates(c) for lvl, c in sorted(per_level.items())},
        "per_krav": {rid: {**rates(c), "forvirring": {k: v for k, v in sorted(c.items()) if "->" in k}}
                     for rid, c in sorted(per_req.items())},
        "uleselige": unreadable, "skannet_uten_ocr": skipped_scanned,
        "per_dokument": per_doc,
        "pipeline": checker.loaded.name, "modell": checker.model_name,
    }


def format_report(rep: dict) -> str:
    lines = []
    lines.append(f"Dokumenter: {rep['dokumenter']} (vurdert {rep['vurdert']}); dokumenttype riktig: {rep['dokumenttype_noyaktighet']}")
    lines.append(f"Språkmodell: {rep['pipeline']}; modell: {rep['modell']}")
    lines.append("")
    lines.append(f"{'krav':30s} {'n':>4s} {'mangel-recall':>14s} {'falsk alarm':>12s} {'usikker':>8s} {'riktig':>7s}  forvirring (gull->svar)")
    def f(x):
        return "   –" if x is None else f"{x:.2f}"
    for rid, r in rep["per_krav"].items():
        conf = ", ".join(f"{k}:{v}" for k, v in r["forvirring"].items() if k.split("->")[0] != k.split("->")[1])
        lines.append(f"{rid:30s} {r['n']:4d} {f(r['mangel_recall']):>14s} {f(r['falsk_alarm']):>12s} {f(r['andel_usikker']):>8s} {f(r['noyaktighet']):>7s}  {conf}")
    lines.append("")
    for lvl, r in rep["per_niva"].items():
        lines.append(f"nivå {lvl:14s} n={r['n']:4d} mangel-recall={f(r['mangel_recall'])} falsk alarm={f(r['falsk_alarm'])} usikker={f(r['andel_usikker'])}")
    s = rep["samlet"]
    if rep["uleselige"]:
        lines.append(f"Uleselige: {', '.join(d['dokument'] for d in rep['uleselige'])}")
    if rep["skannet_uten_ocr"]:
        lines.append(f"Skannet uten OCR (ikke vurdert): {', '.join(rep['skannet_uten_ocr'])}")
    lines.append(f"SAMLET: mangel-recall {f(s['mangel_recall'])} ({s['gold_mangler']} gull-mangler), "
                 f"falsk alarm {f(s['falsk_alarm'])} ({s['gold_oppfylt']} gull-oppfylt), usikker {f(s['andel_usikker'])}, "
                 f"riktig {f(s['noyaktighet'])}")
    return "\n".join(lines)
