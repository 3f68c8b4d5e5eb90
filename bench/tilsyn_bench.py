"""Benchmark: `gjennomgang tilsyn` over generated sluttrapporter on 1 and 2 workers.

    python bench/tilsyn_bench.py                 # 200 documents, workers 1 and 2, 3 rounds
    python bench/tilsyn_bench.py --antall 400 --arbeidere 1,2,4 --runder 5

Each run is a separate process (`python -m gjennomgang tilsyn MAPPE --andel 1 …`) with a fresh
output folder, so nothing is resumed. Runs alternate between the worker counts (1, 2, 1, 2, …) so
that a drifting machine load hits both alike. Two figures per run:

- documents per second in the checking phase (from sammendrag.json: `sjekketid_sekunder`, the time
  from the first file handed to a worker to the last result, with all workers already started);
- documents per second end to end (the whole process: start-up, walk, sample, check, reports).

The medians are printed, with the speed-up of each worker count over 1 worker. The load average is
printed before and after: on a shared machine the figures are only as good as the machine is idle.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _load() -> str:
    try:
        a, b, c = os.getloadavg()
        return f"{a:.2f} {b:.2f} {c:.2f}"
    except OSError:
        return "?"


def run_once(folder: Path, workers: int, extra: list[str]) -> tuple[float, float, int, float, float, float]:
    """(check-phase seconds, whole-process seconds, documents checked, worker utilisation, CPU seconds
    per document, CPU cores actually obtained in the check phase).

    Utilisation = the workers' summed time inside Checker.check_file / (check-phase seconds × workers):
    the share of the check phase the workers spent checking rather than waiting for the parent.
    Near 1 means the pool adds no serial bottleneck, whatever else the machine is doing."""
    with tempfile.TemporaryDirectory(prefix="tilsyn-bench-ut-") as out:
        cmd = [sys.executable, "-m", "gjennomgang", "tilsyn", str(folder), "--andel", "1", "--seed", "1",
               "--arbeidere", str(workers), "--ut", out, *extra]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            raise SystemExit(f"kjøringen feilet med status {proc.returncode}")
        summary = json.loads((Path(out) / "sammendrag.json").read_text(encoding="utf-8"))
        lines = [json.loads(line) for line in (Path(out) / "resultater.jsonl").read_text(encoding="utf-8").splitlines()]
        busy = sum(r.get("sekunder", 0.0) for r in lines)
        cpu = sum(r.get("cpu_sekunder", 0.0) for r in lines)
        secs = summary["parametre"]["sjekketid_sekunder"]
        return secs, wall, summary["sjekket"], busy / (secs * workers), cpu / max(1, len(lines)), cpu / secs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--antall", type=int, default=200, help="antall genererte dokumenter (standard 200)")
    ap.add_argument("--arbeidere", default="1,2", help="arbeidsprosesser å sammenligne (standard 1,2)")
    ap.add_argument("--runder", type=int, default=3, help="kjøringer per antall arbeidere (standard 3)")
    ap.add_argument("--fyll", type=int, default=4,
                    help="ekstra bakgrunnsavsnitt per dokument, for mer realistisk lengde (standard 4)")
    ap.add_argument("--med-modell", action="store_true", help="bruk klassifiseringsmodellen (standard: bare regler)")
    ap.add_argument("--sprakmodell", default="fallback", choices=["auto", "official", "own", "fallback"])
    args = ap.parse_args(argv)

    from gjennomgang.tilsyn.synthetic import make_corpus

    worker_counts = [int(x) for x in args.arbeidere.split(",")]
    extra = ["--sprakmodell", args.sprakmodell] + ([] if args.med_modell else ["--uten-modell"])
    with tempfile.TemporaryDirectory(prefix="tilsyn-bench-") as tmp:
        folder = Path(tmp) / "rapporter"
        make_corpus(folder, args.antall, filler_paragraphs=args.fyll)
        sizes = [p.stat().st_size for p in folder.glob("*/*.txt")]
        print(f"{args.antall} genererte sluttrapporter (TXT, median {statistics.median(sizes) / 1024:.1f} KB), "
              f"språkpipeline {args.sprakmodell}, {'med' if args.med_modell else 'uten'} modell; "
              f"{os.cpu_count()} kjerner; belastning før: {_load()}")
        check: dict[int, list[float]] = {w: [] for w in worker_counts}
        whole: dict[int, list[float]] = {w: [] for w in worker_counts}
        busy: dict[int, list[float]] = {w: [] for w in worker_counts}
        cpu_per_doc: dict[int, list[float]] = {w: [] for w in worker_counts}
        got: dict[int, list[float]] = {w: [] for w in worker_counts}
        for r in range(args.runder):
            for w in worker_counts:
                secs, wall, n, util, cpu_doc, cores = run_once(folder, w, extra)
                cpu_per_doc[w].append(cpu_doc)
                got[w].append(cores)
                check[w].append(n / secs)
                whole[w].append(n / wall)
                busy[w].append(util)
                print(f"  runde {r + 1}, {w} arbeider(e): sjekkefase {n / secs:6.1f} dok/s ({secs:.1f} s), "
                      f"hele prosessen {n / wall:6.1f} dok/s ({wall:.1f} s), utnyttelse {util:.2f}, "
                      f"CPU {1000 * cpu_doc:.0f} ms/dok, kjerner fått {cores:.2f}  "
                      f"[belastning {_load()}]", flush=True)
        print(f"belastning etter: {_load()}")
        base_c = statistics.median(check[worker_counts[0]])
        base_w = statistics.median(whole[worker_counts[0]])
        print(f"{'arbeidere':>9} | {'sjekkefase dok/s':>16} | {'forhold':>7} | {'hele prosessen dok/s':>20} | "
              f"{'forhold':>7} | {'utnyttelse':>10} | {'CPU ms/dok':>10} | {'kjerner fått':>12}")
        for w in worker_counts:
            c, h = statistics.median(check[w]), statistics.median(whole[w])
            print(f"{w:>9} | {c:>16.1f} | {c / base_c:>6.2f}× | {h:>20.1f} | {h / base_w:>6.2f}× | "
                  f"{statistics.median(busy[w]):>10.2f} | {1000 * statistics.median(cpu_per_doc[w]):>10.0f} | "
                  f"{statistics.median(got[w]):>12.2f}")
        print("Medianer. Forholdet er mot første antall arbeidere. På en delt maskin med belastning over antall "
              "kjerner sier forholdet lite; utnyttelsen viser om bassenget selv har en seriell flaskehals, og «kjerner "
              "fått» (arbeidernes CPU-tid / sjekketid) hvor mye maskinen faktisk ga.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
