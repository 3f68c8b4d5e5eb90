"""Reading: any supported file → Document. The one entry point is `read_file`."""

from __future__ import annotations

import logging
from pathlib import Path

from ..document import Document, sha256_of
from ..errors import PassordBeskyttet, TomFil, UkjentFormat, UlesbarFil
from .limits import Limits, memory_error

# Libraries that log document content (pdfminer logs every text operator with its string at
# DEBUG, and raw bytes of broken objects in warnings): keep them at ERROR even when the user asks
# for -v, so document text never reaches a log. Our own modules log what went wrong, by page number.
_CHATTY_LOGGERS = ("pdfminer", "pdfplumber", "PIL", "pypdfium2", "docx", "pytesseract", "fontTools")
for _name in _CHATTY_LOGGERS:
    logging.getLogger(_name).setLevel(logging.ERROR)

log = logging.getLogger(__name__)
SUPPORTED = (".pdf", ".docx", ".txt", ".md")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(data: bytes, suffix: str) -> str:
    """Decide the format from the bytes, not only the file name."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(_OLE):  # Word's own container: old .doc, or a password-protected .docx
        if suffix == ".docx":
            raise PassordBeskyttet("Word-filen er passordbeskyttet (kryptert). Lagre en kopi uten passord, "
                                   "eller lagre den som PDF.")
        if suffix in (".doc", ".pdf", ".txt", ".md", ""):
            raise UkjentFormat("Filen er et eldre Word-dokument (.doc) eller en kryptert Office-fil, som ikke "
                               "støttes. Lagre dokumentet som .docx eller PDF.")
    if suffix == ".pdf":
        raise UlesbarFil("Filen heter .pdf, men er ikke en PDF-fil (den mangler PDF-signaturen). "
                         "Åpne den og lagre den på nytt som PDF.")
    if suffix == ".docx":
        raise UlesbarFil("Filen heter .docx, men er ikke et Word-dokument.")
    if suffix in (".txt", ".md", ""):
        return "txt"
    if suffix == ".doc":
        raise UkjentFormat("Eldre Word-filer (.doc) støttes ikke. Lagre dokumentet som .docx eller PDF.")
    raise UkjentFormat(f"Filtypen «{suffix}» støttes ikke. Bruk PDF, DOCX eller TXT.")


def read_bytes(data: bytes, name: str, limits: Limits | None = None) -> Document:
    """Read a file held in memory (an upload) into a Document, or raise a GjennomgangError."""
    limits = (limits or Limits()).restart()
    if not data or not data.strip():
        raise TomFil("Filen er tom (0 byte eller bare blanke tegn).")
    limits.check_size(len(data))
    fmt = sniff_format(data, Path(name).suffix.lower())
    log.debug("leser %s som %s (%d byte)", name, fmt, len(data))  # file name and size only, never text
    digest = sha256_of(data)
    try:
        if fmt == "pdf":
            from .pdf import read_pdf
            document = read_pdf(data, name, digest, limits)
        elif fmt == "docx":
            from .docx import read_docx
            document = read_docx(data, name, digest, limits)
        else:
            from .txt import read_txt
            document = read_txt(data, name, digest, limits)
    except MemoryError:
        raise memory_error() from None
    limits.check_chars(len(document.text))
    return document


def read_file(path: str | Path, limits: Limits | None = None) -> Document:
    """Read a PDF, DOCX or TXT file into a Document, or raise a GjennomgangError."""
    path = Path(path)
    limits = limits or Limits()
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UlesbarFil(f"Fant ikke filen «{path.name}».")
    except OSError:
        raise UlesbarFil(f"Filen «{path.name}» kunne ikke åpnes.")
    if path.is_dir():
        raise UlesbarFil(f"«{path.name}» er en mappe, ikke en fil.")
    limits.check_size(size)
    try:
        data = path.read_bytes()
    except OSError:
        raise UlesbarFil(f"Filen «{path.name}» kunne ikke leses (mangler tilgang?).")
    return read_bytes(data, path.name, limits)
