"""Command line: one subcommand per user task.

  gjennomgang sjekk FIL ...        check documents (table, JSON lines, HTML/Markdown report)
  gjennomgang evaluer GULL.jsonl   score the tool against gold labels
  gjennomgang tren                 train the classifiers from annoterte_data/
  gjennomgang data bygg|sjekk|pdf  build, validate and render the annotated corpus
  gjennomgang tilsyn MAPPE         audit a sample of many documents
  gjennomgang tren-sprak           train our own Norwegian spaCy pipeline
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE = 0, 3, 2


class _Parser(argparse.ArgumentParser):
    """argparse with Norwegian error messages and exit status 2."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        sys.stderr.write(f"gjennomgang: feil i kommandoen: {message}\n")
        sys.exit(EXIT_USAGE)


def _setup_logging(verbose: bool) -> None:
    level = logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def cmd_sjekk(args) -> int:
    from rich.console import Console

    from . import isolation
    from .checker import Checker
    from .reading.limits import Limits
    from .reporting.jsonl import to_json_line
    from .reporting.table import print_result

    checker = Checker(pipeline=args.sprakmodell, model=None if args.uten_modell else (args.modell or "auto"))
    console = Console(stderr=False, width=None if sys.stdout.isatty() else 150)
    status = EXIT_OK
    for name in args.filer:
        limits = Limits()
        if args.passord:
            limits.pdf_password = args.passord
        _apply_limit_options(limits, args)
        if isolation.wanted(getattr(args, "isoler", False)):
            result = isolation.check_isolated(checker, name, doctype=args.dokumenttype, limits=limits)
        else:
            result = checker.check_file(name, doctype=args.dokumenttype, limits=limits)
        if result.feil:
            sys.stderr.write(f"gjennomgang: {Path(name).name}: {result.melding}\n")
            status = max(status, _exit_for(result.feil))
        elif result.skannet and not result.krav:
            sys.stderr.write(f"gjennomgang: {Path(name).name}: {result.melding}\n")
            status = max(status, 9)
        if args.format == "json":
            sys.stdout.write(to_json_line(result) + "\n")
        else:
            print_result(result, console)
        if args.rapport and not result.feil:
            from .reporting.documents import write_report
            out = write_report(result, args.rapport, Path(args.ut) if args.ut else Path.cwd(), mask_names=args.masker_navn)
            sys.stderr.write(f"Rapport skrevet: {out}\n")
    return status


def _apply_limit_options(limits, args) -> None:
    """--maks-* options override the GJENNOMGANG_MAKS_* defaults for this run."""
    if getattr(args, "maks_mb", None):
        limits.max_bytes = int(args.maks_mb * 1024 * 1024)
    if getattr(args, "maks_sider", None):
        limits.max_pages = args.maks_sider
    if getattr(args, "maks_sekunder", None):
        limits.max_seconds = float(args.maks_sekunder)
    if getattr(args, "maks_minne_mb", None):
        limits.max_memory_mb = args.maks_minne_mb


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text.replace(",", "."))
        except ValueError:
            raise argparse.ArgumentTypeError(f"«{text}» er ikke et tall")
        if value <= 0:
            raise argparse.ArgumentTypeError(f"«{text}» må være større enn 0")
        return value
    return parse


def _exit_for(code: str) -> int:
    from . import errors

    if code == "minne":
        return errors.ForStorFil.exit_status
    for cls in (errors.UlesbarFil, errors.TomFil, errors.UkjentFormat, errors.PassordBeskyttet, errors.ForStorFil,
                errors.Tidsavbrudd, errors.ModellFeil, errors.KatalogFeil):
        if cls.kode == code:
            return cls.exit_status
    return EXIT_UNREADABLE


def cmd_evaluer(args) -> int:
    import json

    from .checker import Checker
    from .evaluation import evaluate, format_report, load_gold

    checker = Checker(pipeline=args.sprakmodell, model=None if args.uten_modell else (args.modell or "auto"))
    docs = load_gold(args.gull, split=args.split, kilde=args.kilde)
    if not docs:
        sys.stderr.write("gjennomgang: fant ingen dokumenter i gullfilen (sjekk --split/--kilde).\n")
        return EXIT_USAGE
    rep = evaluate(checker, docs)
    if args.format == "json":
        print(json.dumps(rep, ensure_ascii=False, indent=1))
    else:
        print(format_report(rep))
    return EXIT_OK


def cmd_tren(args) -> int:
    from .training import train_and_save

    card = train_and_save(Path(args.data), Path(args.ut), seed=args.seed, pipeline=args.sprakmodell)
    print(f"Modell lagret i {args.ut} (data {card['data_versjon']}, {card['treningstid_sekunder']:.0f} s).")
    return EXIT_OK


def cmd_data(args) -> int:
    from . import corpus

    if args.handling == "bygg":
        n = corpus.build(Path(args.mappe))
        print(f"Korpus bygget: {n} dokumenter → {Path(args.mappe) / 'korpus.jsonl'}")
        return EXIT_OK
    if args.handling == "sjekk":
        problems = corpus.validate(Path(args.mappe))
        if problems:
            for p in problems:
                print(p)
            print(f"{len(problems)} problem(er) funnet.")
            return 1
        print("Korpuset er gyldig.")
        return EXIT_OK
    if args.handling == "pdf":
        from .corpus_render import render_corpus
        n = render_corpus(Path(args.mappe), Path(args.ut or "korpus_pdf"), split=args.split)
        print(f"{n} PDF-er skrevet til {args.ut or 'korpus_pdf'}")
        return EXIT_OK
    return EXIT_USAGE


def cmd_tilsyn(args) -> int:
    from .tilsyn.run import run_from_args

    return run_from_args(args)


def cmd_tren_sprak(args) -> int:
    from .nlp.training import train_language_model

    info = train_language_model(Path(args.arkiv), Path(args.ut), Path(args.arbeidsmappe), max_epochs=args.epoker,
                                max_sentences=args.maks_setninger, seed=args.seed)
    print(info)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="gjennomgang", description="Sjekker om sluttrapporter og møtereferater har innholdet "
                                                "veilederen krever. Alt kjører lokalt.")
    p.add_argument("-v", "--detaljert", action="store_true", help="mer logging (aldri dokumenttekst)")
    sub = p.add_subparsers(dest="kommando", parser_class=_Parser)

    def common(sp):
        sp.add_argument("--sprakmodell", default="auto", choices=["auto", "official", "own", "fallback"],
                        help="hvilken norsk spaCy-pipeline (standard: beste tilgjengelige)")
        sp.add_argument("--modell", default=None, help="sti til klassifiseringsmodell (standard: modeller/)")
        sp.add_argument("--uten-modell", action="store_true", help="bare regler, ingen klassifiseringsmodell")

    s = sub.add_parser("sjekk", help="sjekk ett eller flere dokumenter (PDF, DOCX, TXT)")
    s.add_argument("filer", nargs="+", metavar="FIL")
    s.add_argument("--format", choices=["tabell", "json"], default="tabell")
    s.add_argument("--rapport", choices=["html", "md"], help="skriv en rapport per dokument")
    s.add_argument("--ut", help="mappe for rapporter (standard: nåværende mappe)")
    s.add_argument("--masker-navn", action="store_true", help="masker personnavn i rapporten")
    s.add_argument("--dokumenttype", choices=["sluttrapport", "referat_samarbeidsmote", "referat_stoppunkt",
                                              "referat_tilbakemeldingsmote", "referat_oppstartsmote"])
    s.add_argument("--passord", help="passord til en passordbeskyttet PDF")
    s.add_argument("--isoler", action="store_true",
                   help="sjekk hver fil i en egen prosess med minne- og tidsgrense (også GJENNOMGANG_ISOLER=1)")
    s.add_argument("--maks-mb", type=_positive(float), metavar="MB",
                   help="største filstørrelse i MB (standard 50, GJENNOMGANG_MAKS_MB)")
    s.add_argument("--maks-sider", type=_positive(int), metavar="N",
                   help="flest sider i en PDF (standard 300, GJENNOMGANG_MAKS_SIDER)")
    s.add_argument("--maks-sekunder", type=_positive(float), metavar="S",
                   help="lengste tid per fil i sekunder (standard 120, GJENNOMGANG_MAKS_SEKUNDER)")
    s.add_argument("--maks-minne-mb", type=_positive(int), metavar="MB",
                   help="mest minne per fil i MB med --isoler (standard 2048, GJENNOMGANG_MAKS_MINNE_MB)")
    common(s)
    s.set_defaults(func=cmd_sjekk)

    e = sub.add_parser("evaluer", help="mål verktøyet mot gullmerker")
    e.add_argument("gull", metavar="GULL.jsonl")
    e.add_argument("--split", choices=["train", "dev", "test"], help="bare denne delen av korpuset")
    e.add_argument("--kilde", choices=["skrevet", "generert"], help="bare skrevne eller genererte dokumenter")
    e.add_argument("--format", choices=["tabell", "json"], default="tabell")
    common(e)
    e.set_defaults(func=cmd_evaluer)

    t = sub.add_parser("tren", help="tren klassifiseringsmodellen fra annoterte_data/")
    t.add_argument("--data", default="annoterte_data")
    t.add_argument("--ut", default="modeller/klassifiserer")
    t.add_argument("--seed", type=int, default=13)
    t.add_argument("--sprakmodell", default="auto", choices=["auto", "official", "own", "fallback"])
    t.set_defaults(func=cmd_tren)

    d = sub.add_parser("data", help="bygg, valider eller gjengi korpuset")
    d.add_argument("handling", choices=["bygg", "sjekk", "pdf"])
    d.add_argument("--mappe", default="annoterte_data")
    d.add_argument("--ut")
    d.add_argument("--split", choices=["train", "dev", "test"])
    d.set_defaults(func=cmd_data)

    ts = sub.add_parser("tilsyn", help="trekk et utvalg og rapporter kompletthet med usikkerhet")
    try:
        from .tilsyn.run import add_arguments
        add_arguments(ts)
    except ImportError:
        pass
    ts.set_defaults(func=cmd_tilsyn)

    ls = sub.add_parser("tren-sprak", help="tren egen norsk spaCy-pipeline fra NDT/NorNE")
    ls.add_argument("--arkiv", default="../shared/data/norne-ndt.tar.xz")
    ls.add_argument("--ut", default="modeller/nb_gjennomgang")
    ls.add_argument("--arbeidsmappe", default="/tmp/gjennomgang-sprak")
    ls.add_argument("--epoker", type=int, default=None)
    ls.add_argument("--maks-setninger", type=int, default=None)
    ls.add_argument("--seed", type=int, default=0)
    ls.set_defaults(func=cmd_tren_sprak)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(getattr(args, "detaljert", False))
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except KeyboardInterrupt:
        sys.stderr.write("\ngjennomgang: avbrutt.\n")
        return 130
    except Exception as exc:  # never a traceback to the user
        from .errors import GjennomgangError

        if isinstance(exc, GjennomgangError):
            sys.stderr.write(f"gjennomgang: {exc.melding}\n")
            return exc.exit_status
        logging.getLogger(__name__).debug("uventet feil", exc_info=os.environ.get("GJENNOMGANG_DEBUG") == "1")
        sys.stderr.write(f"gjennomgang: uventet feil ({type(exc).__name__}). Kjør med GJENNOMGANG_DEBUG=1 for detaljer.\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
