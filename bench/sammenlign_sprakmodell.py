"""Does our own pipeline do at least as well as the blank fallback? Paired comparison.

    python bench/sammenlign_sprakmodell.py [--ut sammenligning.json] [--runder 2000]

For each pipeline (our ``nb_gjennomgang`` and the blank ``nb`` + simplemma fallback) the
classifier is trained from ``annoterte_data/`` exactly as ``gjennomgang tren`` does (train+dev,
thresholds out-of-fold), then both are measured on the same held-out test documents and on
the public examples in ``../shared/eksempler``.  The difference is given with a 95 % interval
from a paired bootstrap over test *documents* (verdicts in one document are not independent).
Nothing is written into ``modeller/``; the two classifiers live in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FLAGGED = ("mangler", "usikker")


def _doc_counts(results, gold_docs) -> list[dict]:
    """Per document: deficiencies (gold) and caught, fulfilled (gold) and false alarms."""
    rows = []
    for r, g in zip(results, gold_docs):
        pred = {v.id: v.vurdering for v in r.krav}
        c = {"mangler": 0, "fanget": 0, "oppfylt": 0, "alarm": 0, "riktig": 0, "n": 0,
             "svar": {rid: (gold, pred.get(rid, "mangler_i_utdata")) for rid, gold in g.labels.items()},
             "dokument": g.name}
        for rid, gold in g.labels.items():
            p = pred.get(rid, "mangler_i_utdata")
            c["n"] += 1
            c["riktig"] += p == gold
            if gold == "mangler":
                c["mangler"] += 1
                c["fanget"] += p in FLAGGED
            elif gold == "oppfylt":
                c["oppfylt"] += 1
                c["alarm"] += p in FLAGGED
        rows.append(c)
    return rows


def _rates(rows: list[dict]) -> dict:
    tot = {k: sum(r[k] for r in rows) for k in rows[0] if isinstance(rows[0][k], int)}
    return {
        "mangel_recall": tot["fanget"] / tot["mangler"] if tot["mangler"] else None,
        "falsk_alarm": tot["alarm"] / tot["oppfylt"] if tot["oppfylt"] else None,
        "noyaktighet": tot["riktig"] / tot["n"],
        "gold_mangler": tot["mangler"], "gold_oppfylt": tot["oppfylt"], "n": tot["n"],
    }


def _disagreements(a: list[dict], b: list[dict]) -> list[dict]:
    """Verdicts where the two pipelines answer differently (synthetic test documents only)."""
    out = []
    for ra, rb in zip(a, b):
        for rid, (gold, pa) in ra["svar"].items():
            pb = rb["svar"][rid][1]
            if pa != pb:
                out.append({"dokument": ra["dokument"], "krav": rid, "gull": gold, "egen": pa, "fallback": pb})
    return out


def paired_bootstrap(a: list[dict], b: list[dict], rounds: int, seed: int = 7) -> dict:
    """95 % interval for (a − b) in recall, false alarms and accuracy, resampling documents."""
    rng = random.Random(seed)
    idx = range(len(a))
    diffs = {"mangel_recall": [], "falsk_alarm": [], "noyaktighet": []}
    for _ in range(rounds):
        pick = [rng.choice(idx) for _ in idx]
        ra, rb = _rates([a[i] for i in pick]), _rates([b[i] for i in pick])
        for k in diffs:
            if ra[k] is not None and rb[k] is not None:
                diffs[k].append(ra[k] - rb[k])
    out = {}
    full_a, full_b = _rates(a), _rates(b)
    for k, values in diffs.items():
        values.sort()
        lo, hi = values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1]
        out[k] = {"differanse": round(full_a[k] - full_b[k], 4), "ki95": [round(lo, 4), round(hi, 4)]}
    return out


def measure(pipeline: str, folder: Path, work: Path, examples: Path | None) -> tuple[dict, list[dict], list[dict]]:
    from gjennomgang.checker import Checker
    from gjennomgang.corpus import load_corpus
    from gjennomgang.evaluation import GoldDoc, check_gold_doc, load_gold
    from gjennomgang.training import train_and_save

    out = work / pipeline
    card = train_and_save(folder, out, pipeline=pipeline, log=lambda *_: None)
    checker = Checker(pipeline=pipeline, model=str(out))
    test = [r for r in load_corpus(folder) if r["split"] == "test"]
    gold = [GoldDoc(r["id"], r["dokumenttype"], r["labels"], text=r["tekst"], meta=r) for r in test]
    rows = _doc_counts([check_gold_doc(checker, g) for g in gold], gold)
    ex_rows: list[dict] = []
    if examples and (examples / "gold.jsonl").exists():
        ex_gold = load_gold(examples / "gold.jsonl")
        ex_rows = _doc_counts([check_gold_doc(checker, g) for g in ex_gold], ex_gold)
    summary = {"sprakmodell": checker.loaded.name, "test": _rates(rows),
               "eksempler": _rates(ex_rows) if ex_rows else None,
               "utenfor_utvalg_train_dev": card["utenfor_utvalg_train_dev"]["samlet"]}
    return summary, rows, ex_rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT / "annoterte_data")
    ap.add_argument("--eksempler", type=Path, default=ROOT.parent / "shared" / "eksempler")
    ap.add_argument("--runder", type=int, default=2000)
    ap.add_argument("--ut", type=Path, default=None)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="gjennomgang-sammenlign-") as tmp:
        own, own_rows, own_ex = measure("own", args.data, Path(tmp), args.eksempler)
        fb, fb_rows, fb_ex = measure("fallback", args.data, Path(tmp), args.eksempler)
    if not own["sprakmodell"].startswith("nb_gjennomgang"):
        print(f"Egen språkmodell ble ikke lastet (fikk {own['sprakmodell']}); sammenligningen er meningsløs.")
        return 2
    report = {
        "egen": own, "fallback": fb,
        "test_differanse_egen_minus_fallback": paired_bootstrap(own_rows, fb_rows, args.runder),
        "test_dokumenter": len(own_rows), "bootstrap_runder": args.runder,
        "ulike_svar_test": _disagreements(own_rows, fb_rows),
    }
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if args.ut:
        args.ut.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
