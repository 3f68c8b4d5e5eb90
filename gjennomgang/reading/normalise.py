"""Text normalisation before analysis: invisible and look-alike characters that hide words.

Soft hyphens, zero-width characters, bidi marks and ligatures are common in text from PDF and
Word; left alone they split «foreldre­medvirkning» into pieces no rule or model recognises.
"""

from __future__ import annotations

import re
import unicodedata

# Invisible: soft hyphen, zero-width space/joiners, word joiner, BOM, bidi marks and embeddings,
# Mongolian vowel separator, combining grapheme joiner, variation selectors.
_REMOVE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                 "\u2066\u2067\u2068\u2069\u061c\u180e\u034f\u2061\u2062\u2063\u2064"
                                 + "".join(map(chr, range(0xFE00, 0xFE10)))), None)
_REPLACE = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u2002": " ", "\u2003": " ",
    "\u2000": " ", "\u2001": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u200a": " ",
    "\u205f": " ", "\u3000": " ", "\u1680": " ", "\u2028": "\n", "\u2029": "\n", "\x85": "\n",
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
    "\u2010": "-", "\u2011": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2022": "•", "\u25cf": "•", "\u25aa": "•", "\uf0b7": "•", "\u2023": "•", "\u2043": "•",
    "\r": "\n",
}
_TABLE = {**_REMOVE, **{ord(k): v for k, v in _REPLACE.items()}}
_CID = re.compile(r"\(cid:\d+\)")  # glyphs pdfminer could not map (often bullets)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Lone surrogates (from broken PDF font maps) cannot be written as UTF-8: replace them.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t]+")


def normalise_text(text: str) -> str:
    """NFC, invisible characters removed, ligatures expanded, spaces collapsed per line."""
    if not text:
        return ""
    text = _SURROGATE.sub("\ufffd", text).replace("\r\n", "\n")
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_TABLE)
    text = _CID.sub("•", text)
    text = _CONTROL.sub(" ", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


_HYPHEN_END = re.compile(r"(\w)[-\u2010\u00ad]$")
_KEEP_HYPHEN_NEXT = {"og", "eller", "samt", "enn", "til"}


def join_hyphenated(first: str, second: str) -> tuple[str, bool]:
    """Join a line ending in a hyphen with the next line when the hyphen split a word.

    «handlings-» + «planen» → «handlingsplanen»; «barne- og» keeps its hyphen.
    Returns the first line (possibly merged) and whether the second was consumed.
    """
    m = _HYPHEN_END.search(first)
    if not m or not second:
        return first, False
    next_word = second.split(" ", 1)[0]
    if not next_word or not next_word[0].islower() or next_word.strip(".,;:") in _KEEP_HYPHEN_NEXT:
        return first, False
    return first[:-1] + second, True
