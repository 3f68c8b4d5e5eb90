"""The worker process: loads `Checker()` once, then checks one file per message.

It returns a compact, text-free result (verdicts per requirement, document type, error code and
Norwegian message); the document text and the evidence sentences never leave the worker.
"""

from __future__ import annotations

import os
import signal
import time
from .. import __version__
from ..checker import Checker
from ..errors import GjennomgangError
from ..reading.limits import Limits
from ..result import Result
from .pool import ENV_PREFIX, TASK_DOCTYPE, WorkerConfig

WARM_UP_TEXT = ("# Sluttrapport\n\n## Endringsarbeid\n\nVi har veiledet mor i rutiner for søvn og måltider, og "
                "barnet har vært med i lek. Tiltaket har hatt god virkning.\n")


def compact(result: Result) -> dict:
    """The part of a Result the audit needs — no document text, no evidence sentences."""
    return {
        "dokumenttype": result.dokumenttype, "dokumenttype_sikkerhet": round(result.dokumenttype_sikkerhet, 3),
        "skannet": result.skannet, "sider": result.sider, "sprak": result.sprak, "pipeline": result.pipeline,
        "modell": result.modell, "katalog": result.katalog, "versjon": result.versjon, "feil": result.feil,
        "melding": result.melding, "beslutning": result.decision_line(),
        "krav": {v.id: {"vurdering": v.vurdering, "niva": v.niva, "tittel": v.tittel,
                        "sikkerhet": round(v.sikkerhet, 3)} for v in result.krav},
    }


def _doctype(checker: Checker, path: str) -> dict:
    from ..analysis.doctype import detect_doctype
    from ..reading import read_file

    try:
        doc = read_file(path, Limits())
    except GjennomgangError as exc:
        return {"dokumenttype": "", "feil": exc.kode, "melding": exc.melding}
    if doc.scanned and doc.char_count < 50:
        return {"dokumenttype": "", "skannet": True}
    guess = detect_doctype(doc, checker.catalogue)
    return {"dokumenttype": guess.type, "dokumenttype_sikkerhet": guess.confidence}


def _apply_env(env: dict[str, str]) -> None:
    for key in [k for k in os.environ if k.startswith(ENV_PREFIX) and k not in env]:
        del os.environ[key]
    os.environ.update(env)


def worker_main(conn, cfg: WorkerConfig) -> None:
    """Entry point of a worker process (see pool.Pool)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    _apply_env(cfg.env)
    try:
        checker = Checker(pipeline=cfg.pipeline, model=cfg.model)
    except GjennomgangError as exc:
        conn.send(("init_feil", exc.melding, exc.exit_status))
        return
    except Exception as exc:  # never a traceback to the user
        conn.send(("init_feil", f"Sjekkeverktøyet kunne ikke starte ({type(exc).__name__}).", 1))
        return
    try:  # load lazily loaded resources (lemma tables, …) now, not inside the first file's time limit
        checker.check_bytes(WARM_UP_TEXT.encode("utf-8"), "oppvarming.txt")
    except Exception:
        pass
    conn.send(("klar", {"pipeline": checker.loaded.name, "modell": checker.model_name,
                        "katalog": checker.catalogue.version, "versjon": __version__, "pid": os.getpid()}))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        task_id, kind, path, display = msg
        if cfg.hang_on and cfg.hang_on in display:
            time.sleep(10 ** 6)
        started, cpu_started = time.monotonic(), time.process_time()
        try:
            if kind == TASK_DOCTYPE:
                out = _doctype(checker, path)
            else:
                out = compact(checker.check_file(path))
        except MemoryError:
            out = {"feil": "minne", "melding": "Filen krevde for mye minne og ble avbrutt."}
        except Exception as exc:  # Checker never raises for a bad file; this is the last line of defence
            out = {"feil": "intern", "melding": "Filen kunne ikke sjekkes på grunn av en uventet feil i verktøyet "
                                                f"({type(exc).__name__})."}
        out["sekunder"] = round(time.monotonic() - started, 4)
        out["cpu_sekunder"] = round(time.process_time() - cpu_started, 4)
        try:
            conn.send(("ferdig", task_id, out))
        except (BrokenPipeError, OSError):
            return
