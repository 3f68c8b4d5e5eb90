"""Heading heuristics shared by the readers: numbering, length, punctuation, emphasis."""

from __future__ import annotations

import re

NUMBERED = re.compile(r"^(\d{1,2}(\.\d{1,2}){0,3}\.?|[A-H]\.|[IVX]{1,4}\.)\s+\S")
BULLET = re.compile(r"^\s*([-–•*▪◦·]|\d{1,2}[.)]|[a-h][.)])\s+")
_END_PUNCT = (".", ",", ";", "!")


def looks_like_heading(text: str, *, emphasised: bool = False, larger: bool = False) -> bool:
    """A short line that does not end like a sentence, emphasised or numbered."""
    t = text.strip()
    if not t or len(t) > 90 or len(t.split()) > 12:
        return False
    if t.endswith(_END_PUNCT) and not NUMBERED.match(t):
        return False
    if not (t[0].isupper() or t[0].isdigit()):
        return False
    if BULLET.match(t) and not NUMBERED.match(t):
        return False
    if larger or emphasised:
        return True
    return bool(NUMBERED.match(t)) and not t.endswith(".")


def heading_level(text: str, default: int = 2) -> int:
    m = re.match(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s", text.strip())
    if m:
        return 1 + m.group(1).count(".") + 1
    return default
