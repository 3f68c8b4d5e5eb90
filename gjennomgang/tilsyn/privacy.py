"""Masking of anything shown in the audit summary: personal names and national identity numbers.

Names are masked by `gjennomgang.reporting.masking.mask_names` when that module exists (it uses the
Norwegian pipeline's NER); national identity numbers (fødselsnummer and D-nummer, validated with
python-stdnum) are always masked here as well, so the summary never depends on the NER alone.
"""

from __future__ import annotations

import functools
import logging
import re

log = logging.getLogger(__name__)

FNR_MASK = "[fødselsnummer]"
# 11 digits, optionally written as 6 + 5 with a space, dot or dash between; not part of a longer number.
_CANDIDATE = re.compile(r"(?<!\d)(\d{6})[ .\-]?(\d{5})(?!\d)")


def _valid_fnr(number: str) -> bool:
    try:
        from stdnum.no import fodselsnummer
    except ImportError:  # pragma: no cover - python-stdnum is a dependency
        return True  # without the validator, mask every 11-digit number rather than risk one
    try:
        return bool(fodselsnummer.is_valid(number))
    except Exception:
        return False


def mask_personal_numbers(text: str) -> str:
    """Replace every valid Norwegian national identity number in text with «[fødselsnummer]»."""
    if not text:
        return text

    def repl(m: re.Match) -> str:
        return FNR_MASK if _valid_fnr(m.group(1) + m.group(2)) else m.group(0)

    return _CANDIDATE.sub(repl, text)


@functools.lru_cache(maxsize=1)
def _name_masker():
    """The shared name masker, imported lazily; None when it does not exist (yet)."""
    try:
        from ..reporting.masking import mask_names  # type: ignore[attr-defined]
    except Exception:
        return None
    return mask_names


def mask_text(text: str) -> str:
    """Mask names (when the shared masker exists) and national identity numbers."""
    if not text:
        return text
    masker = _name_masker()
    if masker is not None:
        try:
            out = masker(text)
            if isinstance(out, tuple):
                out = out[0]
            if isinstance(out, str):
                text = out
        except Exception as exc:  # a failing masker must not stop the report; numbers are still masked
            log.warning("navnemaskering feilet (%s); bare fødselsnummer maskeres", type(exc).__name__)
    return mask_personal_numbers(text)


def masking_description() -> str:
    if _name_masker() is not None:
        return "Personnavn er maskert med navnegjenkjenning, og fødselsnumre er maskert."
    return ("Fødselsnumre er maskert. Navnemaskering er ikke tilgjengelig i denne versjonen, derfor vises "
            "dokumentene bare med fingeravtrykk.")
