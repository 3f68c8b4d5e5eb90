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
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

def _rates(docs: list[dict]) -> dict:
    """Rates over the per-document counts of ``evaluation.evaluate`` (unrounded)."""
    from gjennomgang.evaluation import rates

    total: Counter = Counter()
    for d in docs:
        total.update(d["telling"])
    return rates(total, digits=None)


def _disagreements(a: list[dict], b: list[dict]) -> list[dict]:
    """Verdicts where the two pipelines answer differently (synthetic test documents only).

    ``feil`` holds each document's wrong verdicts as «gull->svar»; a requirement absent there
    was answered as in gold.
    """
    out = []
    for da, db in zip(a, b):
        for rid in sorted(set(da["feil"]) | set(db["feil"])):
            gold = (da["feil"].get(rid) or db["feil"][rid]).split("->")[0]
            pa = da["feil"].get(rid, f"{gold}->{gold}").split("->")[1]
            pb = db["feil"].get(rid, f"{gold}->{gold}").split("->")[1]
            if pa != pb:
                out.append({"dokument": da["dokument"], "krav": rid, "gull": gold, "egen": pa, "fallback": pb})
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


def measure(pipeline: str, folder: Path, work: Path, examples: Path | None) -> tuple[dict, list[dict]]:
    from gjennomgang.checker import Checker
    from gjennomgang.corpus import load_corpus
    from gjennomgang.evaluation import GoldDoc, evaluate, load_gold
    from gjennomgang.training import train_and_save

    out = work / pipeline
    card = train_and_save(folder, out, pipeline=pipeline, log=lambda *_: None)
    checker = Checker(pipeline=pipeline, model=str(out))
    test = [r for r in load_corpus(folder) if r["split"] == "test"]
    gold = [GoldDoc(r["id"], r["dokumenttype"], r["labels"], text=r["tekst"], meta=r) for r in test]
    test_docs = evaluate(checker, gold)["per_dokument"]
    example_docs: list[dict] = []
    if examples and (examples / "gold.jsonl").exists():
        example_docs = evaluate(checker, load_gold(examples / "gold.jsonl"))["per_dokument"]
    summary = {"sprakmodell": checker.loaded.name, "test": _rates(test_docs),
               "eksempler": _rates(example_docs) if example_docs else None,
               "utenfor_utvalg_train_dev": card["utenfor_utvalg_train_dev"]["samlet"]}
    return summary, test_docs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT / "annoterte_data")
    ap.add_argument("--eksempler", type=Path, default=ROOT.parent / "shared" / "eksempler")
    ap.add_argument("--runder", type=int, default=2000)
    ap.add_argument("--ut", type=Path, default=None)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="gjennomgang-sammenlign-") as tmp:
        own, own_rows = measure("own", args.data, Path(tmp), args.eksempler)
        fb, fb_rows = measure("fallback", args.data, Path(tmp), args.eksempler)
    if [d["dokument"] for d in own_rows] != [d["dokument"] for d in fb_rows]:
        print("De to kjøringene vurderte ikke de samme testdokumentene; parvis sammenligning er umulig.")
        return 2
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
