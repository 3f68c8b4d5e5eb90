"""Plain text and light Markdown (headings with #, bullets, pipe tables) → blocks.

Authors paste drafts; the annotated corpus is written in this form too.
"""

from __future__ import annotations

import re

from ..document import Block, Document, build_document
from ..errors import UlesbarFil
from .headings import BULLET, heading_level, looks_like_heading
from .limits import Limits
from .normalise import join_hyphenated, normalise_text

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_TABLE_SEP = re.compile(r"^\|?\s*:?-{2,}")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, otherwise Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def text_to_blocks(text: str) -> list[Block]:
    text = _FRONT_MATTER.sub("", text.replace("\r\n", "\n"))
    text = normalise_text(text)
    blocks: list[Block] = []
    para: Block | None = None
    lines = text.split("\n")
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            para = None
            continue
        m = _MD_HEADING.match(s)
        if m:
            blocks.append(Block(text=m.group(2).strip(), page=1, kind="heading", level=len(m.group(1))))
            para = None
            continue
        if s.startswith("|"):
            para = None
            if _TABLE_SEP.match(s):
                continue
            cells = [c.strip() for c in s.strip("|").split("|")]
            nonempty = [c for c in cells if c]
            if not nonempty:
                continue
            if len(cells) == 1:
                blocks.append(Block(text=cells[0], page=1, kind="paragraph"))
                continue
            question, answer = cells[0], " ".join(c for c in cells[1:] if c)
            t = f"{question}: {answer}" if question and not question.endswith(":") else f"{question} {answer}"
            blocks.append(Block(text=t.strip(), page=1, kind="table_row", label=question))
            continue
        next_line = lines[i + 1].strip() if i + 1 < len(lines) else ""
        colon_inside = ":" in s.rstrip(":")
        if para is None and not colon_inside and not BULLET.match(s) and looks_like_heading(s, emphasised=True) \
                and (not next_line or len(next_line) > len(s) or next_line.startswith(("|", "-", "•"))):
            blocks.append(Block(text=s, page=1, kind="heading", level=heading_level(s, 2)))
            continue
        if BULLET.match(s) or para is None:
            para = Block(text=s, page=1, kind="bullet" if BULLET.match(s) else "paragraph")
            blocks.append(para)
            continue
        merged, used = join_hyphenated(para.text, s)
        para.text = merged if used else para.text + " " + s
    return blocks


def read_txt(data: bytes, source: str, sha256: str, limits: Limits) -> Document:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UlesbarFil("Filen ser ut til å være en binærfil, ikke tekst.")
    text = decode(data)
    return build_document(source, text_to_blocks(text), 1, sha256=sha256, fmt="txt")
