"""Limits per file (bytes, pages, seconds, memory) so that one hostile file cannot hold a run hostage.

Defaults come from environment variables and can be overridden per run (CLI options):

  GJENNOMGANG_MAKS_MB         largest file in MB (50)
  GJENNOMGANG_MAKS_SIDER      most pages in a PDF (300)
  GJENNOMGANG_MAKS_SEKUNDER   seconds per file (120)
  GJENNOMGANG_MAKS_MINNE_MB   memory per file in MB when checks run isolated (`--isoler`) (2048)

Inside the readers, `check_time()` stops between pages; the hard stop for a file that hangs
inside one page, or that eats memory, is `gjennomgang.isolation` (a child process with a
memory limit that is killed at the deadline).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from ..errors import ForStorFil, Tidsavbrudd

MB = 1024 * 1024


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip().replace(",", ".")
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value > 0 else default


def _env_int(name: str, default: int) -> int:
    return int(_env_number(name, default))


def _mb(n_bytes: float) -> str:
    """Megabytes the Norwegian way: «1,5», «50», «0,002»."""
    mb = n_bytes / MB
    text = f"{mb:.0f}" if mb >= 10 else f"{mb:.1f}" if mb >= 1 else f"{mb:.2g}"
    return text.replace(".", ",")


def timeout_error(seconds: float) -> Tidsavbrudd:
    return Tidsavbrudd(
        f"Lesingen tok mer enn {seconds:.0f} sekunder og ble avbrutt. "
        "Filen kan være svært stor eller uvanlig bygget; del den opp eller lagre den på nytt som PDF. "
        "Grensen kan økes med --maks-sekunder eller GJENNOMGANG_MAKS_SEKUNDER.")


def memory_error(megabytes: float | None = None) -> ForStorFil:
    limit = f" (mer enn {megabytes:.0f} MB)" if megabytes else ""
    return ForStorFil(
        f"Filen brukte for mye minne{limit} og ble avbrutt. Den kan være skadet eller bygget for å "
        "sprenge minnet; lagre den på nytt som PDF, eller øk grensen med --maks-minne-mb eller "
        "GJENNOMGANG_MAKS_MINNE_MB.")


@dataclass
class Limits:
    max_bytes: int = field(default_factory=lambda: int(_env_number("GJENNOMGANG_MAKS_MB", 50) * MB))
    max_pages: int = field(default_factory=lambda: _env_int("GJENNOMGANG_MAKS_SIDER", 300))
    max_seconds: float = field(default_factory=lambda: _env_number("GJENNOMGANG_MAKS_SEKUNDER", 120.0))
    max_memory_mb: int = field(default_factory=lambda: _env_int("GJENNOMGANG_MAKS_MINNE_MB", 2048))
    # What a file may unpack to: all of a DOCX, or all compressed non-image streams of a PDF.
    max_unpacked_bytes: int = 200 * MB
    # One compressed PDF stream (content, fonts, object streams) or one DOCX XML part.
    max_stream_bytes: int = 64 * MB
    # A stream that inflates more than this many times its packed size, past 8 MB, is a bomb.
    max_ratio: int = 400
    # Pixels of one image in a PDF, and of one page rendered for OCR.
    max_image_pixels: int = 150_000_000
    max_ocr_pixels: int = 30_000_000
    # Characters of text in one document (the language pipeline must hold all of it).
    max_chars: int = 3_000_000
    pdf_password: str | None = None
    started: float = field(default_factory=time.monotonic)

    def restart(self) -> "Limits":
        self.started = time.monotonic()
        return self

    def remaining(self) -> float:
        return self.max_seconds - (time.monotonic() - self.started)

    def check_time(self) -> None:
        if time.monotonic() - self.started > self.max_seconds:
            raise timeout_error(self.max_seconds)

    def check_size(self, n_bytes: int) -> None:
        if n_bytes > self.max_bytes:
            raise ForStorFil(
                f"Filen er {_mb(n_bytes)} MB, mer enn grensen på {_mb(self.max_bytes)} MB. "
                "Grensen kan økes med --maks-mb eller GJENNOMGANG_MAKS_MB.")

    def check_chars(self, n_chars: int) -> None:
        if n_chars > self.max_chars:
            raise ForStorFil(
                f"Dokumentet har {n_chars:,} tegn tekst, mer enn grensen på {self.max_chars:,}. ".replace(",", " ")
                + "Sjekk at det er riktig fil, eller del det opp.")

    def too_many_pages(self, n_pages: int) -> ForStorFil:
        return ForStorFil(
            f"Dokumentet har {n_pages} sider, mer enn grensen på {self.max_pages}. "
            "Sjekk at det er riktig fil, eller øk grensen med --maks-sider eller GJENNOMGANG_MAKS_SIDER.")
