"""Errors a user can meet, each with a plain Norwegian message and a stable code.

Every bad input ends in one of these — never a traceback. The CLI maps codes to exit status.
"""

from __future__ import annotations


class GjennomgangError(Exception):
    """Base class: `melding` is shown to the user as it is."""

    kode = "feil"
    exit_status = 2

    def __init__(self, melding: str):
        super().__init__(melding)
        self.melding = melding


class UlesbarFil(GjennomgangError):
    """The file cannot be read as the format it claims to be."""

    kode = "ulesbar"
    exit_status = 3


class TomFil(GjennomgangError):
    kode = "tom_fil"
    exit_status = 3


class UkjentFormat(GjennomgangError):
    kode = "ukjent_format"
    exit_status = 3


class PassordBeskyttet(GjennomgangError):
    kode = "passord"
    exit_status = 4


class ForStorFil(GjennomgangError):
    kode = "for_stor"
    exit_status = 5


class Tidsavbrudd(GjennomgangError):
    kode = "tidsavbrudd"
    exit_status = 6


class ModellFeil(GjennomgangError):
    """A trained model is missing, mismatched or tampered with."""

    kode = "modell"
    exit_status = 7


class KatalogFeil(GjennomgangError):
    kode = "katalog"
    exit_status = 8
