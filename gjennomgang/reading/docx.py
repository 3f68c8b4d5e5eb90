"""DOCX reading with python-docx: paragraphs, headings by style, template tables in order."""

from __future__ import annotations

import io
import zipfile

from ..document import Block, Document, build_document
from ..errors import ForStorFil, PassordBeskyttet, UlesbarFil
from .headings import BULLET, heading_level, looks_like_heading
from .limits import Limits, memory_error
from .normalise import normalise_text


_ZIP_BOMB = "Den er avvist som en mulig «zip-bombe»."
_MAX_MEMBERS = 5000


def _check_zip(data: bytes, limits: Limits) -> None:
    """Refuse zip bombs before python-docx unpacks anything (sizes from the zip directory).

    A zip that lies about its sizes is safe too: Python's zipfile stops at the declared size and
    then fails the CRC check, which ends as «kunne ikke leses».
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise UlesbarFil("Filen kunne ikke leses som Word-dokument (.docx). Den kan være skadet.")
    if len(infos) > _MAX_MEMBERS:
        raise ForStorFil(f"Word-filen består av {len(infos)} deler, langt flere enn et vanlig dokument. {_ZIP_BOMB}")
    if any(i.flag_bits & 0x1 for i in infos):
        raise PassordBeskyttet("Word-filen er passordbeskyttet. Lagre en kopi uten passord.")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked_bytes:
        raise ForStorFil(
            f"Word-filen pakker seg ut til {total / 1024 / 1024:.0f} MB, langt mer enn et vanlig dokument. {_ZIP_BOMB}")
    for i in infos:
        if i.filename.lower().endswith((".xml", ".rels")) and i.file_size > limits.max_stream_bytes:
            raise ForStorFil(
                f"Teksten i Word-filen pakker seg ut til {i.file_size / 1024 / 1024:.0f} MB, langt mer enn et "
                f"vanlig dokument. {_ZIP_BOMB}")
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise UlesbarFil("Filen er en zip-fil, men ikke et Word-dokument (.docx).")


def _paragraph_block(par) -> Block | None:
    text = normalise_text(par.text)
    if not text:
        return None
    style = (par.style.name or "").lower() if par.style is not None else ""
    if style.startswith(("heading", "overskrift", "title", "tittel")):
        digits = "".join(ch for ch in style if ch.isdigit())
        level = 1 if style.startswith(("title", "tittel")) else int(digits or 1) + 1
        return Block(text=text, page=1, kind="heading", level=level)
    runs = [r for r in par.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold for r in runs)
    if looks_like_heading(text, emphasised=bold):
        return Block(text=text, page=1, kind="heading", level=heading_level(text, 2))
    if "list" in style or BULLET.match(text):
        return Block(text=text, page=1, kind="bullet")
    return Block(text=text, page=1, kind="paragraph")


def read_docx(data: bytes, source: str, sha256: str, limits: Limits) -> Document:
    _check_zip(data, limits)
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        d = docx.Document(io.BytesIO(data))
    except MemoryError:
        raise memory_error() from None
    except Exception:
        raise UlesbarFil("Filen kunne ikke leses som Word-dokument (.docx). Den kan være skadet.") from None
    blocks: list[Block] = []
    for child in d.element.body.iterchildren():
        limits.check_time()
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            b = _paragraph_block(Paragraph(child, d))
            if b:
                blocks.append(b)
        elif tag == "tbl":
            table = Table(child, d)
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    t = normalise_text(" ".join(p.text for p in cell.paragraphs)).replace("\n", " ")
                    if not cells or cells[-1] != t:  # merged cells repeat
                        cells.append(t)
                nonempty = [c for c in cells if c]
                if not nonempty:
                    continue
                if len(nonempty) == 1 and len(cells) == 1:
                    text = nonempty[0]
                    kind = "heading" if looks_like_heading(text, emphasised=True) else "paragraph"
                    blocks.append(Block(text=text, page=1, kind=kind, level=heading_level(text, 2)))
                    continue
                question, answer = cells[0], " ".join(c for c in cells[1:] if c)
                text = f"{question}: {answer}" if question and not question.endswith(":") else f"{question} {answer}"
                blocks.append(Block(text=text.strip(), page=1, kind="table_row", label=question))
    return build_document(source, blocks, 1, sha256=sha256, fmt="docx")
