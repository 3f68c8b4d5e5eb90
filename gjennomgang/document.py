"""The Document: text with pages, blocks and sections — nothing else.

Readers (PDF, DOCX, TXT) produce blocks in reading order; `build_document` joins them into
one text with character offsets, so every later step can point back to page and section.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field


@dataclass
class Block:
    """One unit of text from a reader: a heading, a paragraph, a bullet or a table row."""

    text: str
    page: int
    kind: str = "paragraph"  # heading | paragraph | bullet | table_row
    level: int = 1  # heading level (1 = title/top)
    label: str = ""  # for table rows: the question cell
    ocr: bool = False
    start: int = 0
    end: int = 0


@dataclass
class Section:
    """A heading and the text under it, as character offsets into Document.text."""

    title: str
    level: int
    start: int
    end: int
    page: int
    heading_end: int  # end offset of the heading line itself (content starts after it)


@dataclass
class Document:
    """The read document. `text` is the blocks joined by newlines."""

    source: str
    text: str
    blocks: list[Block]
    sections: list[Section]
    n_pages: int
    sha256: str = ""
    scanned: bool = False
    ocr_pages: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    format: str = "pdf"

    def __post_init__(self) -> None:
        self._block_starts = [b.start for b in self.blocks]
        self._section_starts = [s.start for s in self.sections]

    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, offset) - 1
        return self.blocks[i] if i >= 0 else None

    def page_at(self, offset: int) -> int:
        block = self.block_at(offset)
        return block.page if block else 1

    def section_at(self, offset: int) -> Section | None:
        i = bisect.bisect_right(self._section_starts, offset) - 1
        return self.sections[i] if i >= 0 else None

    def section_title_at(self, offset: int) -> str:
        """The nearest heading above the offset; table rows use their question cell."""
        block = self.block_at(offset)
        if block is not None and block.kind == "table_row" and block.label:
            return block.label
        section = self.section_at(offset)
        return section.title if section else ""

    def is_ocr_at(self, offset: int) -> bool:
        block = self.block_at(offset)
        return bool(block and block.ocr)

    @property
    def char_count(self) -> int:
        return len(self.text.strip())


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_document(source: str, blocks: list[Block], n_pages: int, *, sha256: str = "",
                   fmt: str = "pdf", scanned: bool = False, ocr_pages: list[int] | None = None,
                   warnings: list[str] | None = None) -> Document:
    """Join blocks into one text with offsets and derive sections from the headings."""
    parts: list[str] = []
    pos = 0
    kept: list[Block] = []
    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        block.text = text
        block.start = pos
        block.end = pos + len(text)
        parts.append(text)
        pos = block.end + 1  # the joining newline
        kept.append(block)
    text = "\n".join(parts)

    sections: list[Section] = []
    for i, block in enumerate(kept):
        if block.kind != "heading":
            continue
        sections.append(Section(title=block.text, level=block.level, start=block.start,
                                end=len(text), page=block.page, heading_end=block.end))
    for a, b in zip(sections, sections[1:]):
        a.end = b.start - 1 if b.start > 0 else b.start
    if not sections or (kept and sections[0].start > 0):
        first_page = kept[0].page if kept else 1
        end = sections[0].start - 1 if sections else len(text)
        sections.insert(0, Section(title="", level=0, start=0, end=max(end, 0), page=first_page,
                                   heading_end=0))
    return Document(source=source, text=text, blocks=kept, sections=sections, n_pages=n_pages,
                    sha256=sha256, scanned=scanned, ocr_pages=list(ocr_pages or []),
                    warnings=list(warnings or []), format=fmt)
