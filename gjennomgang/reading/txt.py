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


def _utf16_without_bom(data: bytes) -> str | None:
    """«Unicode» text saved by Windows tools without a BOM: every other byte is zero."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.6 * len(zeros) and (even if zeros is odd else odd).count(0) < 0.1 * len(zeros):
            try:
                return data[: len(data) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with or without BOM, otherwise Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
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
    text = decode(data)
    if "\x00" in text[:4096]:
        raise UlesbarFil("Filen ser ut til å være en binærfil, ikke tekst. Bruk PDF, DOCX eller TXT.")
    limits.check_chars(len(text))
    return build_document(source, text_to_blocks(text), 1, sha256=sha256, fmt="txt")
