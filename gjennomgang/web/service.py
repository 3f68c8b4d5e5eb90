"""One Checker for the whole page, loaded lazily once; checks with a progress callback."""

from __future__ import annotations

import logging
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Callable

from ..errors import GjennomgangError
from ..reading.limits import Limits
from ..result import Result, error_result

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]

_lock = threading.Lock()
_checker = None
_startup_note = ""  # Norwegian note shown in the page when the checker had to fall back
_startup_error = ""  # Norwegian message when no checker could be loaded at all


def get_checker():
    """The shared Checker; falls back to rules only when the trained model cannot be loaded."""
    global _checker, _startup_note, _startup_error
    if _checker is not None:
        return _checker
    with _lock:
        if _checker is not None:
            return _checker
        from ..checker import Checker

        started = time.monotonic()
        try:
            _checker = Checker()
        except GjennomgangError as exc:
            log.warning("modellen kunne ikke lastes (%s); bruker bare regler", exc.kode)
            _startup_note = (f"Den trente modellen kunne ikke lastes ({exc.melding}) "
                             "Sjekken bruker derfor bare regler og overskrifter.")
            try:
                _checker = Checker(model=None)
            except GjennomgangError as exc2:
                _startup_error = exc2.melding
                raise
        log.info("sjekkeren er lastet på %.1f s (språkmodell: %s, modell: %s)", time.monotonic() - started,
                 _checker.loaded.name, _checker.model_name)
        return _checker


def startup_note() -> str:
    return _startup_note


def warm_up_in_background() -> None:
    """Load the checker in a thread so the page is up at once and the first check is fast."""
    def run():
        try:
            get_checker()
        except Exception as exc:
            log.error("sjekkeren kunne ikke lastes: %s", type(exc).__name__)
    threading.Thread(target=run, name="gjennomgang-oppvarming", daemon=True).start()


def doctypes() -> list[str]:
    try:
        return list(get_checker().catalogue.doctypes)
    except Exception:
        from ..reporting.labels import DOCTYPE_WORDS
        return list(DOCTYPE_WORDS)


def requirement_order() -> list[str] | None:
    try:
        return list(get_checker().catalogue.requirements)
    except Exception:
        return None


def check_bytes(data: bytes, name: str, doctype: str | None = None, max_bytes: int | None = None,
                progress: Progress | None = None, tick: float = 0.4) -> Result:
    """Check one document held in memory. Never raises: a bad file gives a Result with `feil`.

    While the (possibly long) reading and analysis run in a worker thread, `progress` is called
    every `tick` seconds from the calling thread with an estimated fraction and a Norwegian text.
    """
    try:
        checker = get_checker()
    except Exception as exc:
        melding = getattr(exc, "melding", "") or "Verktøyet kunne ikke starte sjekkeren."
        return error_result(name, "oppstart", f"Sjekken kan ikke kjøres: {melding}")
    limits = Limits()
    if max_bytes:
        limits.max_bytes = max_bytes
    if doctype in ("", "auto"):
        doctype = None
    if progress is None:
        return checker.check_bytes(data, name, doctype=doctype, limits=limits)

    expected = 2.0 + len(data) / 150_000  # rough seconds: reading a PDF dominates
    started = time.monotonic()
    progress(0.02, f"Leser «{name}» …")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gjennomgang-sjekk") as pool:
        future = pool.submit(checker.check_bytes, data, name, doctype, limits)
        while True:
            try:
                result = future.result(timeout=tick)
                break
            except FutureTimeout:
                elapsed = time.monotonic() - started
                fraction = 0.02 + 0.93 * (1 - math.exp(-elapsed / expected))
                what = "Leser og analyserer" if elapsed < expected else "Analyserer fortsatt"
                try:
                    progress(fraction, f"{what} «{name}» … ({elapsed:.0f} s)")
                except Exception:
                    pass
    progress(0.97, "Lager oversikten …")
    return result
