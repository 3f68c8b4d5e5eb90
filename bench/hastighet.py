"""Speed benchmark: reading and analysis timed separately, seconds per page.

    python bench/hastighet.py [--uten-modell] [--sprakmodell fallback|own|auto]

Builds a ~10-page report from corpus documents (rendered with reportlab), times reading
(PDF → Document) and analysis (everything after reading, once loaded) on it and on the
example PDFs, and times a cold-start CLI check of one file.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def ten_page_pdf(out: Path) -> Path:
    from gjennomgang.corpus_render import render_markdown_pdf

    recs = [json.loads(l) for l in (ROOT / "annoterte_data" / "korpus.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = [r["tekst"] for r in recs if r["dokumenttype"] == "sluttrapport"]
    body = "# Sluttrapport – samlet\n\n"
    k = 0
    while len(body) < 32000:
        t = texts[k % len(texts)]
        body += "\n".join(line for line in t.split("\n") if not line.startswith(("---", "id:", "dokumenttype:", "sprak:", "stil:", "kilde:", "senter:"))) + "\n\n"
        k += 1
    return render_markdown_pdf(body, out, "enkel")


def time_it(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--uten-modell", action="store_true")
    ap.add_argument("--sprakmodell", default="auto")
    args = ap.parse_args()
    from gjennomgang.checker import Checker
    from gjennomgang.reading import read_file

    t0 = time.perf_counter()
    checker = Checker(pipeline=args.sprakmodell, model=None if args.uten_modell else "auto")
    print(f"Innlasting: {time.perf_counter() - t0:.2f} s  (pipeline: {checker.loaded.name}; modell: {checker.model_name})")
    tmp = Path(tempfile.mkdtemp(prefix="gjennomgang-bench-"))
    files = [ten_page_pdf(tmp / "ti_sider.pdf")]
    files += sorted((ROOT / "eksempler").glob("*.pdf"))
    shared = ROOT.parent / "shared" / "eksempler"
    files += sorted(p for p in shared.glob("*.pdf") if "skannet" not in p.name)
    print(f"{'fil':55s} {'sider':>5s} {'lesing s/side':>14s} {'analyse s/side':>15s} {'analyse s':>10s}")
    tot_pages = tot_read = tot_an = 0.0
    for f in files:
        t_read, doc = time_it(lambda: read_file(f))
        t_an, _ = time_it(lambda: checker.check_document(doc))
        pages = max(1, doc.n_pages)
        tot_pages += pages
        tot_read += t_read
        tot_an += t_an
        print(f"{f.name[:55]:55s} {pages:5d} {t_read / pages:14.3f} {t_an / pages:15.3f} {t_an:10.3f}")
    print(f"{'SAMLET':55s} {int(tot_pages):5d} {tot_read / tot_pages:14.3f} {tot_an / tot_pages:15.3f}")
    cmd = [sys.executable, "-m", "gjennomgang", "sjekk", "--format", "json", str(ROOT / "eksempler" / "sluttrapport_eksempel_mal.pdf")]
    if args.uten_modell:
        cmd.append("--uten-modell")
    cold = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, cwd=ROOT)
        cold.append(time.perf_counter() - t)
    print(f"Kaldstart CLI, én fil (median av 3): {statistics.median(cold):.2f} s")


if __name__ == "__main__":
    main()
