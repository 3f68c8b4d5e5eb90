"""`gjennomgang tilsyn MAPPE`: walk, sample, check in parallel, report — resumable.

Results are stored per document as they finish (one JSON line per document in
<ut>/resultater.jsonl, keyed by fingerprint, without document text); a rerun with the same output
folder skips every document already checked with the same tool, catalogue, pipeline and model.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import logging
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .. import __version__
from ..catalogue import load_catalogue
from .privacy import mask_text
from .stats import sample_size

log = logging.getLogger(__name__)

EXIT_OK, EXIT_USAGE, EXIT_NOTHING, EXIT_INTERRUPTED = 0, 2, 3, 130
RESULTS_FILE = "resultater.jsonl"
DOCTYPES_FILE = "dokumenttyper.jsonl"
RUN_FILE = "kjoring.json"
STOP_AFTER_ENV = "GJENNOMGANG_TILSYN_STOPP_ETTER"  # test hook: stop (as if interrupted) after k new results
HANG_ENV = "GJENNOMGANG_TILSYN_TEST_HENG"  # test hook: a worker hangs on files whose name contains this
DEFAULT_MARGIN = 0.1

HELP_EPILOG = f"""\
Utvalgsstørrelse:
  --utvalg N        trekk N dokumenter
  --andel P         trekk andelen P av dokumentene (0,2 eller 20 %), rundet opp
  --feilmargin E    trekk så mange at feilmarginen for en andel blir høyst ±E med 95 % sikkerhet:
                      n₀ = z²·p(1−p)/e²  med z = 1,96 (95 %) og p = 0,5 (det mest forsiktige valget),
                      n  = n₀ / (1 + (n₀ − 1)/N)  (endelighetskorreksjon; N = dokumenter i mappen),
                    rundet opp. Eksempel: E = 0,1 gir n₀ = 1,96²·0,25/0,1² ≈ 96,04, altså 97;
                    med N = 400 dokumenter blir n = 78.
  Uten noen av dem brukes --feilmargin {str(DEFAULT_MARGIN).replace('.', ',')}. --forslag skriver bare ut forslaget.

Trekningen er reproduserbar: samme frø og samme filer gir samme utvalg (uavhengig av filnavn og
rekkefølge): dokumentene sorteres etter SHA-256(«frø:fingeravtrykk»), og de n første trekkes.
Lagdeling (--lag FELT) henter feltet fra metadata.csv ved siden av dokumentene (kolonnen «fil»
+ feltet), ellers fra mappenavnet; «--lag dokumenttype» uten metadata bestemmer typen for hvert
dokument først. Fordelingen på lagene er proporsjonal.

Andel oppfylt per krav = oppfylt / (oppfylt + mangler + usikker) blant dokumentene der kravet
gjelder, med 95 % konfidensintervall etter Wilson. Usikre teller ikke som oppfylt.

Resultatene lagres fortløpende i RAPPORTMAPPE/{RESULTS_FILE}; kjør samme kommando på nytt for å
fortsette en avbrutt kjøring.

Utdata i RAPPORTMAPPE: utvalg.csv, resultater.csv, resultater.xlsx, sammendrag.html,
sammendrag.json (og mappeproblemer.csv når filer ikke kunne tas med).
"""


def _usable_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _fraction(text: str) -> float:
    t = text.strip().replace(",", ".").replace(" ", "")
    percent = t.endswith("%")
    try:
        value = float(t.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» er ikke et tall (skriv for eksempel 0,2 eller 20 %)")
    if percent or value > 1:
        value /= 100
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"«{text}» må ligge mellom 0 og 1 (eller 0 og 100 %)")
    return value


def _margin(text: str) -> float:
    value = _fraction(text)
    if value > 0.5:
        raise argparse.ArgumentTypeError("feilmarginen må være høyst 0,5 (50 %)")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» er ikke et heltall")
    if value < 1:
        raise argparse.ArgumentTypeError("må være minst 1")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» er ikke et tall")
    if value <= 0:
        raise argparse.ArgumentTypeError("må være større enn 0")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = ("Trekker et reproduserbart tilfeldig utvalg av dokumentene i en mappe, sjekker dem "
                          "parallelt og rapporterer kompletthet per krav og per lag med 95 %% konfidensintervall "
                          "(Wilson). Alt kjører lokalt.").replace("%%", "%")
    parser.epilog = HELP_EPILOG
    parser.add_argument("mappe", metavar="MAPPE", help="mappen med dokumenter (PDF, DOCX, TXT og zip-filer; "
                                                       "undermapper tas med)")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--utvalg", type=_positive_int, metavar="N", help="antall dokumenter i utvalget")
    size.add_argument("--andel", type=_fraction, metavar="P", help="andel av dokumentene (0,2 eller 20 %%)")
    parser.add_argument("--feilmargin", type=_margin, metavar="E",
                        help="ønsket feilmargin ved 95 %% (f.eks. 0,1); gir utvalgsstørrelsen når --utvalg/--andel "
                             "mangler, ellers skrives forslaget ut (formel under)")
    parser.add_argument("--forslag", action="store_true", help="skriv bare ut foreslått utvalgsstørrelse og avslutt")
    parser.add_argument("--seed", "--frø", dest="seed", metavar="S",
                        help="frø for trekningen (standard: tilfeldig, lagret og skrevet ut; en avbrutt kjøring "
                             "fortsetter med det lagrede frøet)")
    parser.add_argument("--lag", metavar="FELT", help="lagdel utvalget etter FELT (f.eks. senter, dokumenttype, mappe)")
    parser.add_argument("--metadata", metavar="CSV", help="metadatafil med kolonnen «fil» (stier relative til MAPPE); "
                                                          "standard: metadata.csv i mappene")
    parser.add_argument("--ut", metavar="RAPPORTMAPPE", default="tilsynsrapport",
                        help="mappe for rapportene (standard: tilsynsrapport)")
    parser.add_argument("--arbeidere", type=_positive_int, metavar="N", default=None,
                        help=f"antall parallelle prosesser (standard: alle kjerner, her {_usable_cpus()})")
    parser.add_argument("--tidsgrense", type=_seconds, metavar="SEK", default=120.0,
                        help="høyeste tid per fil før den avbrytes og listes som «tidsavbrudd» (standard: 120)")
    parser.add_argument("--vis-filnavn", action="store_true",
                        help="vis (maskerte) filnavn i sammendraget; standard er bare nummer og fingeravtrykk")
    parser.add_argument("--sprakmodell", default="auto", choices=["auto", "official", "own", "fallback"],
                        help="hvilken norsk spaCy-pipeline (standard: beste tilgjengelige)")
    parser.add_argument("--modell", default=None, help="sti til klassifiseringsmodell (standard: modeller/)")
    parser.add_argument("--uten-modell", action="store_true", help="bare regler, ingen klassifiseringsmodell")


# -- storage ----------------------------------------------------------------------------------
def load_jsonl(path: Path) -> dict[str, dict]:
    """fingerprint → the last stored line; a torn last line (interrupted write) is ignored."""
    out: dict[str, dict] = {}
    if not path.exists():
        return out
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            fp = rec.get("fingeravtrykk")
            if fp:
                out[fp] = rec
    return out


class _Appender:
    def __init__(self, path: Path):
        # a torn last line must not glue itself to the next record
        if path.exists() and path.stat().st_size:
            with open(path, "rb") as fh:
                fh.seek(-1, os.SEEK_END)
                torn = fh.read(1) != b"\n"
        else:
            torn = False
        self.fh = open(path, "a", encoding="utf-8")
        if torn:
            self.fh.write("\n")

    def write(self, rec: dict) -> None:
        self.fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()


def settings_key(info: dict) -> str:
    return "|".join(str(info.get(k, "")) for k in ("versjon", "katalog", "pipeline", "modell"))


# -- the run ----------------------------------------------------------------------------------
class _Stop(Exception):
    pass


def _err(msg: str) -> None:
    sys.stderr.write(f"gjennomgang: {msg}\n")


def _progress(total: int, description: str):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    console = Console(stderr=True)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("igjen"), TimeRemainingColumn(), console=console, transient=False,
                    disable=not console.is_terminal and os.environ.get("GJENNOMGANG_FREMDRIFT") != "1")


def run_from_args(args) -> int:
    from .pool import ENV_PREFIX, TASK_CHECK, TASK_DOCTYPE, Pool, PoolError, WorkerConfig
    from .report import (build_summary, suggested_size_text, write_problems_csv, write_results_csv,
                         write_results_xlsx, write_sample_csv, write_summary_html, write_summary_json)
    from .sampling import (FOLDER_FIELDS, UNKNOWN_STRATUM, draw, read_metadata, sample_count,
                           strata_from_folders, strata_from_metadata)
    from .walk import Refused, materialise, walk

    started = time.monotonic()
    root = Path(args.mappe)
    if not root.exists():
        _err(f"Fant ikke mappen «{root.name}».")
        return EXIT_USAGE
    if not root.is_dir():
        _err(f"«{root.name}» er ikke en mappe. Bruk «gjennomgang sjekk» for enkeltfiler.")
        return EXIT_USAGE
    out = Path(args.ut)
    try:
        if out.resolve() == root.resolve() or root.resolve() in out.resolve().parents:
            _err("Rapportmappen kan ikke ligge inne i dokumentmappen (den ville blitt tatt med i trekningen).")
            return EXIT_USAGE
        out.mkdir(parents=True, exist_ok=True)
    except OSError:
        _err(f"Rapportmappen «{out.name}» kunne ikke opprettes.")
        return EXIT_USAGE

    previous = {}
    if (out / RUN_FILE).exists():
        try:
            previous = json.loads((out / RUN_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
    if args.seed is not None:
        seed = str(args.seed)
        if previous.get("seed") not in (None, seed):
            sys.stderr.write(f"Merk: rapportmappen ble brukt med frø {previous['seed']}; nytt frø {seed} gir et nytt "
                             "utvalg (resultater for dokumenter som alt er sjekket, brukes om igjen).\n")
    elif previous.get("seed") is not None:
        seed = str(previous["seed"])
        sys.stderr.write(f"Fortsetter med lagret frø {seed}.\n")
    else:
        seed = str(secrets.randbelow(1_000_000))

    # 1. walk and fingerprint
    found = walk(root)
    docs = found.documents
    N = len(docs)
    if N == 0:
        _err("Fant ingen dokumenter (PDF, DOCX, TXT eller zip med slike) i mappen.")
        return EXIT_NOTHING

    # 2. sample size
    margin = args.feilmargin
    suggestion = None
    if margin is not None or (args.utvalg is None and args.andel is None):
        m = margin if margin is not None else DEFAULT_MARGIN
        suggestion = sample_size(m, N)
        sys.stderr.write(suggested_size_text(m, N, suggestion) + "\n")
    if args.forslag:
        print(suggestion if suggestion is not None else sample_size(DEFAULT_MARGIN, N))
        return EXIT_OK
    if args.utvalg is not None:
        n = sample_count(N, utvalg=args.utvalg)
        method = f"{args.utvalg} dokumenter (--utvalg)"
        if args.utvalg > N:
            sys.stderr.write(f"Merk: mappen har bare {N} dokumenter; alle tas med.\n")
    elif args.andel is not None:
        n = sample_count(N, andel=args.andel)
        method = f"andel {str(round(args.andel, 4)).replace('.', ',')} av {N} dokumenter, rundet opp (--andel)"
    else:
        n = suggestion
        m = margin if margin is not None else DEFAULT_MARGIN
        method = f"størrelse for feilmargin ±{str(m).replace('.', ',')} ved 95 % (--feilmargin)"

    model = None if args.uten_modell else (args.modell or "auto")
    env = {k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIX)}
    cfg = WorkerConfig(pipeline=args.sprakmodell, model=model, env=env, hang_on=os.environ.get(HANG_ENV, ""))
    workers = args.arbeidere or _usable_cpus()
    stop_after = int(os.environ.get(STOP_AFTER_ENV, "0") or 0)
    new_results = 0
    workdir = Path(tempfile.mkdtemp(prefix="gjennomgang-tilsyn-"))
    pool: Pool | None = None
    by_fp = {d.fingerprint: d for d in docs}

    state = {"kind": TASK_CHECK}

    def prepare(fp: str):
        ref = by_fp[fp]
        try:
            return (state["kind"], materialise(ref, workdir), ref.name)
        except Refused as exc:
            return {"feil": exc.kode, "melding": exc.melding}
        except Exception:
            return {"feil": "ulesbar", "melding": "Filen kunne ikke pakkes ut av zip-arkivet."}

    def cleanup(fp: str) -> None:
        ref = by_fp[fp]
        if ref.archive is not None:
            shutil.rmtree(workdir / fp[:32], ignore_errors=True)

    try:
        def get_pool(size: int) -> Pool:
            nonlocal pool
            if pool is None:
                pool = Pool(min(workers, max(1, size)), cfg, timeout=args.tidsgrense)
                pool.start()
            return pool

        # 3. strata
        strata = None
        lag_felt, lag_kilde = "", ""
        warnings: list[str] = []
        if args.lag:
            lag_felt = args.lag.strip().lower()
            explicit = Path(args.metadata) if args.metadata else None
            if explicit is not None and not explicit.is_file():
                _err(f"Fant ikke metadatafilen «{explicit.name}».")
                return EXIT_USAGE
            md = read_metadata(found.metadata_files, root, explicit=explicit)
            warnings += md.warnings
            if lag_felt in FOLDER_FIELDS:
                strata, lag_kilde = strata_from_folders(docs), "mappenavn"
            elif lag_felt in md.columns:
                strata, missing = strata_from_metadata(docs, md, lag_felt)
                lag_kilde = "metadata.csv"
                if missing:
                    warnings.append(f"{missing} dokumenter mangler «{lag_felt}» i metadata og er lagt i laget "
                                    f"«{UNKNOWN_STRATUM}».")
            elif lag_felt == "dokumenttype":
                lag_kilde = "typebestemmelse av hvert dokument"
                state["kind"] = TASK_DOCTYPE
                strata = _doctype_strata(docs, out, get_pool(N), prepare, cleanup)
                state["kind"] = TASK_CHECK
                if strata is None:
                    return EXIT_INTERRUPTED
            else:
                strata, lag_kilde = strata_from_folders(docs), "mappenavn"
                warnings.append(f"Feltet «{lag_felt}» finnes ikke i metadata; mappenavnet brukes som lag.")
            for w in warnings:
                sys.stderr.write(f"Merk: {mask_text(w)}\n")

        # 4. draw and write the sample list
        sample = draw(docs, n, seed, strata)
        write_sample_csv(out / "utvalg.csv", sample, seed)
        population_per = {}
        if strata:
            for fp, s in strata.items():
                population_per[s] = population_per.get(s, 0) + 1
        sample_per: dict[str, int] = {}
        for s in sample:
            sample_per[s.stratum] = sample_per.get(s.stratum, 0) + 1
        (out / RUN_FILE).write_text(json.dumps({"seed": seed, "utvalg": len(sample), "lag": lag_felt},
                                               ensure_ascii=False), encoding="utf-8")

        # 5. check what is not done yet
        stored = load_jsonl(out / RESULTS_FILE)
        p = get_pool(len(sample))
        info = dict(p.info or {})
        key = settings_key(info)
        todo = [s.ref.fingerprint for s in sample if stored.get(s.ref.fingerprint, {}).get("innstillinger") != key]
        reused = len(sample) - len(todo)
        if reused:
            sys.stderr.write(f"{reused} av {len(sample)} dokumenter er allerede sjekket og hoppes over.\n")
        stratum_of = {s.ref.fingerprint: s.stratum for s in sample}
        appender = _Appender(out / RESULTS_FILE)
        interrupted = False
        check_seconds = 0.0
        try:
            with _progress(len(todo), "Sjekker dokumenter") as progress:
                bar = progress.add_task("Sjekker dokumenter", total=len(todo))

                def on_done(fp: str, res: dict) -> bool:
                    nonlocal new_results
                    cleanup(fp)
                    ref = by_fp[fp]
                    rec = {"fingeravtrykk": fp, "fil": mask_text_numbers(ref.rel), "innstillinger": key, **res}
                    rec.setdefault("krav", {})
                    if rec.get("feil"):
                        rec.setdefault("beslutning", f"Kunne ikke sjekkes: {rec.get('melding', '')}")
                    appender.write(rec)
                    stored[fp] = rec
                    new_results += 1
                    progress.advance(bar)
                    return bool(stop_after and new_results >= stop_after)

                check_started = time.monotonic()
                interrupted = p.run(todo, prepare, on_done)
                check_seconds = time.monotonic() - check_started
        finally:
            appender.close()
        if interrupted:
            _err(f"Kjøringen ble stoppet etter {new_results} nye dokumenter. Kjør samme kommando på nytt for å "
                 "fortsette der den stoppet.")
            return EXIT_INTERRUPTED
        p.close()
        pool = None

        # 6. reports
        records = []
        for s in sample:
            rec = dict(stored.get(s.ref.fingerprint) or {"feil": "mangler_resultat",
                                                         "melding": "Resultatet mangler.", "krav": {}})
            rec.update(nr=s.nr, fil=s.ref.rel, fingeravtrykk=s.ref.fingerprint, lag=stratum_of[s.ref.fingerprint])
            records.append(rec)
        problems = [{"id": f"P{i + 1}", "fil": pr.rel, "kode": pr.kode, "melding": pr.melding}
                    for i, pr in enumerate(found.problems)]
        seen = {k: sorted({r.get(k) for r in records if r.get(k)}) for k in ("pipeline", "modell", "katalog")}
        params = {
            "seed": seed, "mappe": mask_text(root.resolve().name), "tidspunkt": _dt.datetime.now().strftime("%d.%m.%Y %H:%M"),
            "utvalgsmetode": method, "utvalg": len(sample), "populasjon": N,
            "feilmargin": margin, "feilmargin_tekst": suggested_size_text(margin, N, sample_size(margin, N)) if margin else "",
            "lag_felt": lag_felt, "lag_kilde": lag_kilde, "arbeidere": workers, "tidsgrense": args.tidsgrense,
            "verktoy_versjon": __version__,
            "modell": seen["modell"] or [info.get("modell", "")], "pipeline": seen["pipeline"] or [info.get("pipeline", "")],
            "katalog": seen["katalog"] or [info.get("katalog", load_catalogue().version)],
            "gjenbrukt": reused, "varighet_sekunder": round(time.monotonic() - started, 1),
            "sjekketid_sekunder": round(check_seconds, 2),
            "dokumenter_per_sekund": round(len(todo) / check_seconds, 2) if todo and check_seconds > 0 else None,
            "kommando": _command_line(args),
        }
        population = {"dokumenter": N, "duplikater": found.duplicate_count, "andre_filer": found.ignored,
                      "per_lag": {k: population_per[k] for k in sorted(population_per)}}
        summary = build_summary(records, params=params, population=population, sample_sizes=sample_per,
                                problems=problems, show_names=args.vis_filnavn)
        write_results_csv(out / "resultater.csv", records)
        write_results_xlsx(out / "resultater.xlsx", records, summary)
        write_summary_json(out / "sammendrag.json", summary)
        write_summary_html(out / "sammendrag.html", summary)
        if problems:
            write_problems_csv(out / "mappeproblemer.csv", problems)
        _print_summary(summary, out)
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("\nAvbrutt. Resultatene så langt er lagret; kjør samme kommando på nytt for å fortsette.\n")
        raise
    except PoolError as exc:
        _err(exc.melding)
        return exc.exit_status
    finally:
        if pool is not None:
            pool.close(graceful=False)
        shutil.rmtree(workdir, ignore_errors=True)


def mask_text_numbers(text: str) -> str:
    from .privacy import mask_personal_numbers

    return mask_personal_numbers(text)


def _command_line(args) -> str:
    parts = ["gjennomgang tilsyn", "MAPPE"]
    for opt in ("utvalg", "andel", "feilmargin", "seed", "lag", "arbeidere", "tidsgrense", "sprakmodell"):
        v = getattr(args, opt, None)
        if v is not None and not (opt == "sprakmodell" and v == "auto"):
            parts.append(f"--{opt} {v}")
    if args.uten_modell:
        parts.append("--uten-modell")
    return " ".join(parts)


def _doctype_strata(docs, out: Path, pool, prepare, cleanup) -> dict[str, str] | None:
    """Stratify by document type without metadata: detect the type of every document (cached)."""
    from ..reporting.labels import DOCTYPE_WORDS

    key = settings_key(pool.info or {})
    cache = {fp: r for fp, r in load_jsonl(out / DOCTYPES_FILE).items() if r.get("innstillinger") == key}
    todo = [d.fingerprint for d in docs if d.fingerprint not in cache]
    if todo:
        appender = _Appender(out / DOCTYPES_FILE)
        try:
            with _progress(len(todo), "Bestemmer dokumenttype") as progress:
                bar = progress.add_task("Bestemmer dokumenttype", total=len(todo))

                def on_done(fp: str, res: dict) -> bool:
                    cleanup(fp)
                    rec = {"fingeravtrykk": fp, "innstillinger": key, "dokumenttype": res.get("dokumenttype", ""),
                           "feil": res.get("feil", ""), "skannet": bool(res.get("skannet"))}
                    appender.write(rec)
                    cache[fp] = rec
                    progress.advance(bar)
                    return False

                if pool.run(todo, prepare, on_done):
                    return None
        finally:
            appender.close()
    out_map = {}
    for d in docs:
        rec = cache.get(d.fingerprint, {})
        t = rec.get("dokumenttype")
        if t:
            out_map[d.fingerprint] = DOCTYPE_WORDS.get(t, t)
        elif rec.get("skannet"):
            out_map[d.fingerprint] = "(skannet)"
        else:
            out_map[d.fingerprint] = "(ulesbar)"
    return out_map


def _print_summary(summary: dict, out: Path) -> None:
    from .report import interval_text, pct

    k = summary["kompletthet"]["alle"]
    print(f"Utvalg: {summary['utvalg']['dokumenter']} av {summary['populasjon']['dokumenter']} dokumenter "
          f"(frø {summary['parametre']['seed']}); sjekket {summary['sjekket']}, ulesbare {len(summary['ulesbare'])}, "
          f"skannede {len(summary['skannede'])}.")
    print(f"Komplette dokumenter (alle krav oppfylt): {pct(k['andel'])} (95 % KI {interval_text(k['wilson_95'])}).")
    for dt in summary["dokumenttyper"]:
        print(f"{dt['navn']}:")
        for req in dt["krav"]:
            c = req["totalt"]
            print(f"  {req['tittel'][:44]:<44} {pct(c['andel_oppfylt']):>6}  ({interval_text(c['wilson_95'])}, "
                  f"n = {c['aktuelle']}, usikre {c['usikker']})")
    for d in summary["ulesbare"]:
        sys.stderr.write(f"Kunne ikke leses: {d['id']}: {d['grunn']}\n")
    print(f"Rapporter skrevet til {out}/: sammendrag.html, sammendrag.json, resultater.csv, resultater.xlsx, utvalg.csv")
