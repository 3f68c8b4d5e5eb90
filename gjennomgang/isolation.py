"""Run one check in a child process with a memory limit and a wall-clock deadline.

The readers stop themselves between pages (`Limits.check_time`) and refuse known bombs, but a
file can still hang inside one page or eat memory inside a library. Isolated, the check runs
in a forked child that inherits the loaded Checker (no reloading per file):

- memory: RLIMIT_AS of the child = its size at the fork + `Limits.max_memory_mb`; an allocation
  past it fails inside the child, never in the parent;
- time: the parent waits `Limits.max_seconds` (+ a short grace) and then kills the child's
  whole process group (the child and any tesseract it started);
- temporary files: the child gets a private TMPDIR that the parent deletes afterwards, also on
  Ctrl-C and when the child was killed.

The result travels back as a plain dict (`dataclasses.asdict`) and is rebuilt into a Result, so
the caller cannot tell an isolated check from an ordinary one except by its limits.
Used by `gjennomgang sjekk --isoler` or GJENNOMGANG_ISOLER=1.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

from .reading.limits import Limits, memory_error, timeout_error
from .result import Result, Verdict, error_result

log = logging.getLogger(__name__)

GRACE_SECONDS = 3.0


def wanted(flag: bool = False) -> bool:
    """Isolation is on with `--isoler` or GJENNOMGANG_ISOLER=1."""
    return bool(flag) or os.environ.get("GJENNOMGANG_ISOLER", "").strip().lower() in ("1", "ja", "true", "yes")


def supported() -> bool:
    return hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()


def result_to_dict(result: Result) -> dict:
    return dataclasses.asdict(result)


def result_from_dict(d: dict) -> Result:
    d = dict(d)
    d["krav"] = [Verdict(**v) for v in d.get("krav", [])]
    return Result(**d)


def _vm_bytes() -> int:
    """Current virtual size of this process (what RLIMIT_AS counts)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit_memory(extra_bytes: int) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = _vm_bytes() + extra_bytes
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    if soft != resource.RLIM_INFINITY:
        want = min(want, soft)
    resource.setrlimit(resource.RLIMIT_AS, (want, hard))


def _child(conn, checker, path, data, name, doctype, limits: Limits, tmpdir: str) -> None:
    """Runs in the forked child: check, send one message, exit without cleanup handlers."""
    status = 0
    try:
        try:
            os.setpgid(0, 0)  # own process group, so the parent can kill us with our tesseracts
        except OSError:
            pass
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
        os.environ["TMPDIR"] = tmpdir
        tempfile.tempdir = tmpdir
        _limit_memory(int(limits.max_memory_mb) * 1024 * 1024)
        try:
            if data is not None:
                result = checker.check_bytes(data, name, doctype=doctype, limits=limits)
            else:
                result = checker.check_file(path, doctype=doctype, limits=limits)
            if result.feil == "minne":
                message = ("minne", None)
            else:
                message = ("ok", result_to_dict(result))
        except MemoryError:
            message = ("minne", None)
        except BaseException as exc:  # never a traceback; the parent makes the message
            message = ("intern", type(exc).__name__)
        try:
            conn.send(message)
        except MemoryError:
            conn.send(("minne", None))
    except BaseException:
        status = 1
    finally:
        try:
            conn.close()
        finally:
            os._exit(status)


def _kill_group(proc) -> None:
    if proc.pid is None:
        return
    for kill in (lambda: os.killpg(proc.pid, signal.SIGKILL), proc.kill):
        try:
            kill()
        except (ProcessLookupError, PermissionError, OSError):
            continue
    proc.join(5)


def check_isolated(checker, path: str | Path | None = None, *, data: bytes | None = None, name: str | None = None,
                   doctype: str | None = None, limits: Limits | None = None) -> Result:
    """Check one file (a path, or bytes with a name) in a child process. Never raises for a bad file.

    Falls back to an ordinary check where fork is unavailable (the readers' own limits still apply).
    """
    limits = limits or Limits()
    name = name or (Path(path).name if path is not None else "dokument")
    if not supported():
        log.warning("isolering støttes ikke på denne plattformen; sjekker uten egen prosess")
        if data is not None:
            return checker.check_bytes(data, name, doctype=doctype, limits=limits)
        return checker.check_file(path, doctype=doctype, limits=limits)

    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    tmpdir = tempfile.mkdtemp(prefix="gjennomgang-")
    limits.restart()
    proc = ctx.Process(target=_child, args=(sender, checker, path, data, name, doctype, limits, tmpdir),
                       name="gjennomgang-sjekk", daemon=True)
    started = time.monotonic()
    message = None
    try:
        proc.start()
        sender.close()
        deadline = limits.max_seconds + GRACE_SECONDS
        if receiver.poll(deadline):
            try:
                message = receiver.recv()
            except (EOFError, OSError):
                message = None  # the child died before it could answer
        else:
            log.warning("sjekken av en fil nådde tidsgrensen (%.0f s) og ble stoppet", limits.max_seconds)
            message = ("tid", None)
    finally:
        receiver.close()
        _kill_group(proc)
        shutil.rmtree(tmpdir, ignore_errors=True)
    elapsed = time.monotonic() - started
    log.debug("isolert sjekk ferdig på %.1f s (utgangsstatus %s)", elapsed, proc.exitcode)

    kind, payload = message if message else ("død", None)
    if kind == "ok":
        return result_from_dict(payload)
    if kind == "tid":
        err = timeout_error(limits.max_seconds)
    elif kind in ("minne", "død"):
        if kind == "død":
            log.warning("sjekken av en fil stoppet uten svar (utgangsstatus %s)", proc.exitcode)
        err = memory_error(limits.max_memory_mb)
    else:
        log.error("uventet feil ved isolert sjekk av en fil: %s", payload)
        return error_result(name, "intern", "Filen kunne ikke sjekkes på grunn av en uventet feil i verktøyet. "
                                            "Feilen er logget uten dokumentinnhold.")
    return error_result(name, err.kode, err.melding)
