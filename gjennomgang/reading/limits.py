"""Limits per file (bytes, pages, seconds) so that one hostile file cannot hold a run hostage."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from ..errors import ForStorFil, Tidsavbrudd


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass
class Limits:
    max_bytes: int = field(default_factory=lambda: _env_int("GJENNOMGANG_MAKS_MB", 50) * 1024 * 1024)
    max_pages: int = field(default_factory=lambda: _env_int("GJENNOMGANG_MAKS_SIDER", 300))
    max_seconds: float = field(default_factory=lambda: float(_env_int("GJENNOMGANG_MAKS_SEKUNDER", 120)))
    max_unpacked_bytes: int = 200 * 1024 * 1024
    pdf_password: str | None = None
    started: float = field(default_factory=time.monotonic)

    def restart(self) -> "Limits":
        self.started = time.monotonic()
        return self

    def check_time(self) -> None:
        if time.monotonic() - self.started > self.max_seconds:
            raise Tidsavbrudd(
                f"Lesingen tok mer enn {self.max_seconds:.0f} sekunder og ble avbrutt. "
                "Filen kan være svært stor eller uvanlig bygget; del den opp eller lagre den på nytt som PDF.")

    def check_size(self, n_bytes: int) -> None:
        if n_bytes > self.max_bytes:
            raise ForStorFil(
                f"Filen er {n_bytes / 1024 / 1024:.1f} MB, mer enn grensen på {self.max_bytes / 1024 / 1024:.0f} MB.")

    def too_many_pages(self, n_pages: int) -> ForStorFil:
        return ForStorFil(
            f"Dokumentet har {n_pages} sider, mer enn grensen på {self.max_pages}. "
            "Sjekk at det er riktig fil, eller øk grensen med GJENNOMGANG_MAKS_SIDER.")
