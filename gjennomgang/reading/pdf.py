"""PDF reading with pdfplumber: layout → blocks with page numbers.

What the layout does to text, and what this module undoes:
- running headers/footers and page numbers (lines repeating in the page margins) are dropped;
- words hyphenated at line ends are joined; zero-width «spaces» left by soft hyphens removed;
- tables (filled-in Word templates) become «spørsmål: svar» rows;
- headings are recognised from bold/larger fonts and numbering;
- two-column pages are read column by column;
- pages without a text layer are reported (and OCR-read when tesseract is installed).
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections import Counter
from dataclasses import dataclass

from ..document import Block, Document, build_document
from ..errors import PassordBeskyttet, UlesbarFil
from . import ocr
from .headings import BULLET, heading_level, looks_like_heading
from .limits import Limits, memory_error
from .streams import check_pdf_streams
from .normalise import join_hyphenated, normalise_text

log = logging.getLogger(__name__)

_PAGE_NUMBER = re.compile(r"^(side|s\.|page|sida)?\s*\d{1,4}(\s*(av|/|of|\|)\s*\d{1,4})?$", re.I)
_SENTENCE_END = (".", "!", "?", ":", ";")


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    page: int


@dataclass
class _Table:
    top: float
    rows: list[list[str]]
    page: int


def _is_bold(fontname: str) -> bool:
    f = fontname.lower()
    return any(k in f for k in ("bold", "black", "heavy", ",b", "-bd", "semibold"))


def _drop_ghost_spaces(page):
    """Soft hyphens often come out as a space of zero advance; drop those chars.

    A soft hyphen drawn with a width of its own stays: dropping it would leave a gap that splits
    the word («foreldre medvirkning»). It is removed from the word text later (`_word_text`).
    """
    chars = page.chars
    ghosts = set()
    for a, b in zip(chars, chars[1:]):
        if a["text"] in (" ", "\u00ad") and b["x0"] < a["x1"] - 0.5 and abs(a["top"] - b["top"]) < 1:
            ghosts.add(id(a))
    if not ghosts:
        return page
    return page.filter(lambda obj: id(obj) not in ghosts)


def _word_text(text: str) -> str:
    """Normalised word; a soft hyphen ending a word (a line-end break) becomes «-» so lines join."""
    if text.endswith("\u00ad"):
        text = text.rstrip("\u00ad") + "-"
    return normalise_text(text)


def _words_to_lines(words: list[dict], page_no: int) -> list[_Line]:
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    rows: list[list[dict]] = []
    for w in words:
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= 2.5:
            rows[-1].append(w)
        else:
            rows.append([w])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        text = " ".join(w["text"] for w in row)
        n_chars = sum(len(w["text"]) for w in row) or 1
        bold_chars = sum(len(w["text"]) for w in row if _is_bold(w.get("fontname", "")))
        size = Counter(round(w.get("size", 0), 1) for w in row).most_common(1)[0][0]
        lines.append(_Line(text=text, top=min(w["top"] for w in row), bottom=max(w["bottom"] for w in row),
                           x0=row[0]["x0"], x1=row[-1]["x1"], size=size, bold=bold_chars / n_chars > 0.8,
                           page=page_no))
    return lines


def _split_columns(words: list[dict], width: float) -> float | None:
    """Return the x of a gutter between two columns, or None for one-column pages."""
    if len(words) < 40:
        return None
    best_x, best_cross = None, None
    for x in range(int(width * 0.35), int(width * 0.65), 3):
        cross = sum(1 for w in words if w["x0"] < x < w["x1"])
        if best_cross is None or cross < best_cross:
            best_x, best_cross = x, cross
    if best_x is None or best_cross > max(2, len(words) * 0.02):
        return None
    left = [w for w in words if w["x1"] <= best_x]
    right = [w for w in words if w["x0"] >= best_x]
    if len(left) < len(words) * 0.2 or len(right) < len(words) * 0.2:
        return None
    # Side-by-side text: both sides hold many lines over an overlapping stretch of the page,
    # and the left side is real running text (wide lines), not a column of form labels.
    left_tops = {round(w["top"]) for w in left}
    right_tops = {round(w["top"]) for w in right}
    if len(left_tops) < 8 or len(right_tops) < 8:
        return None
    lo = max(min(left_tops), min(right_tops))
    hi = min(max(left_tops), max(right_tops))
    span = max(max(left_tops), max(right_tops)) - min(min(left_tops), min(right_tops))
    left_extent = max(w["x1"] for w in left) - min(w["x0"] for w in left)
    if hi - lo < span * 0.5 or left_extent < width * 0.3:
        return None
    return float(best_x)


def _clean_cell(cell: str | None) -> str:
    if not cell:
        return ""
    lines = [normalise_text(line) for line in cell.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out:
            merged, used = join_hyphenated(out[-1], line)
            if used:
                out[-1] = merged
                continue
        out.append(line)
    return " ".join(out).strip()


def _page_items(page, page_no: int) -> tuple[list, int]:
    """Lines and tables of one page in reading order, and the page's character count."""
    page = _drop_ghost_spaces(page)
    tables = []
    text_page = page
    try:
        found = page.find_tables()
    except Exception:  # pdfplumber may fail on odd vector graphics; read as text then
        found = []
    for table in found:
        try:
            rows = [[_clean_cell(c) for c in row] for row in table.extract()]
        except Exception:
            continue
        rows = [r for r in rows if any(r)]
        if not rows:
            continue
        tables.append(_Table(top=table.bbox[1], rows=rows, page=page_no))
        try:
            text_page = text_page.outside_bbox(table.bbox, strict=False)
        except Exception:
            pass
    words = text_page.extract_words(extra_attrs=["fontname", "size"], x_tolerance=1.5, y_tolerance=2.5)
    for w in words:
        w["text"] = _word_text(w["text"])
    words = [w for w in words if w["text"]]
    n_chars = sum(len(w["text"]) for w in words) + sum(len(c) for t in tables for r in t.rows for c in r)
    gutter = _split_columns(words, float(page.width))
    if gutter is None:
        items = _words_to_lines(words, page_no) + tables
        items.sort(key=lambda it: it.top)
        return items, n_chars
    span_rows = {round(w["top"]) for w in words if w["x0"] < gutter < w["x1"]}

    def in_span_row(w: dict) -> bool:
        return any(abs(round(w["top"]) - t) <= 2 for t in span_rows)

    spanning = [w for w in words if in_span_row(w)]
    left = [w for w in words if w["x1"] <= gutter and not in_span_row(w)]
    right = [w for w in words if w["x0"] >= gutter and not in_span_row(w)]
    span_lines = _words_to_lines(spanning, page_no)
    left_lines = _words_to_lines(left, page_no)
    right_lines = _words_to_lines(right, page_no)
    # Full-width lines (titles) cut the page into bands; each band is read left, then right.
    items: list = []
    lower = float("-inf")
    for cut in span_lines + [None]:
        upper = cut.top if cut is not None else float("inf")
        items += [ln for ln in left_lines if lower <= ln.top < upper]
        items += [ln for ln in right_lines if lower <= ln.top < upper]
        if cut is not None:
            items.append(cut)
            lower = cut.top
    for table in tables:  # tables are rare on two-column pages: place them by position
        pos = next((i for i, it in enumerate(items) if it.top > table.top), len(items))
        items.insert(pos, table)
    return items, n_chars


def _margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def _drop_running_lines(pages: list[list], heights: list[float]) -> None:
    """Remove headers/footers: margin lines repeating on many pages, and page numbers."""
    n = len(pages)
    counts: Counter[str] = Counter()
    for items, h in zip(pages, heights):
        keys = {_margin_key(it.text) for it in items if isinstance(it, _Line) and (it.top < h * 0.1 or it.bottom > h * 0.9)}
        counts.update(keys)
    threshold = max(2, int(n * 0.5 + 0.5))
    for items, h in zip(pages, heights):
        keep = []
        for it in items:
            if isinstance(it, _Line) and (it.top < h * 0.1 or it.bottom > h * 0.9):
                if (n >= 2 and counts[_margin_key(it.text)] >= threshold) or _PAGE_NUMBER.match(it.text.strip()):
                    continue
            keep.append(it)
        items[:] = keep


def _table_blocks(table: _Table) -> list[Block]:
    blocks = []
    rows = table.rows
    width = max(len(r) for r in rows)
    header = rows[0] if width > 2 and len(rows) > 1 else None
    for row in rows[1:] if header else rows:
        cells = [c for c in row]
        nonempty = [c for c in cells if c]
        if len(nonempty) == 1 and (len(cells) == 1 or not cells[-1] or cells.count(nonempty[0]) == len(cells)):
            text = nonempty[0]
            if looks_like_heading(text, emphasised=True) and len(cells) > 1 and not cells[-1]:
                blocks.append(Block(text=f"{text}:", page=table.page, kind="table_row", label=text))
            elif looks_like_heading(text, emphasised=True):
                blocks.append(Block(text=text, page=table.page, kind="heading", level=heading_level(text, 2)))
            else:
                blocks.append(Block(text=text, page=table.page, kind="paragraph"))
            continue
        if header:
            parts = [f"{h}: {c}" for h, c in zip(header, cells) if c]
            blocks.append(Block(text="; ".join(parts), page=table.page, kind="table_row", label=cells[0]))
        else:
            question, answer = cells[0], " ".join(c for c in cells[1:] if c)
            text = f"{question}: {answer}" if question and not question.endswith(":") else f"{question} {answer}"
            blocks.append(Block(text=text.strip(), page=table.page, kind="table_row", label=question))
    return blocks


def _lines_to_blocks(items: list, body_size: float) -> list[Block]:
    blocks: list[Block] = []
    prev: _Line | None = None
    gaps = [b.top - a.bottom for a, b in zip(items, items[1:]) if isinstance(a, _Line) and isinstance(b, _Line) and 0 <= b.top - a.bottom < 30]
    typical_gap = sorted(gaps)[len(gaps) // 2] if gaps else 3.0
    for it in items:
        if isinstance(it, _Table):
            blocks.extend(_table_blocks(it))
            prev = None
            continue
        text = it.text.strip()
        larger = it.size > body_size * 1.12
        if blocks and blocks[-1].kind == "heading" and prev is not None and it.page == prev.page \
                and 0 <= it.top - prev.bottom < typical_gap + 2 and prev.size == it.size and prev.bold == it.bold \
                and (it.bold or larger) and text[:1].islower() and len(blocks[-1].text) + len(text) < 100:
            blocks[-1].text += " " + text
            prev = it
            continue
        if looks_like_heading(text, emphasised=it.bold, larger=larger):
            level = 1 if it.size > body_size * 1.45 else heading_level(text, 2)
            if blocks and blocks[-1].kind == "heading" and prev is not None and it.top - prev.bottom < typical_gap + 2 \
                    and prev.size == it.size and prev.bold == it.bold and not re.match(r"^\d", text):
                blocks[-1].text += " " + text
            else:
                blocks.append(Block(text=text, page=it.page, kind="heading", level=level))
            prev = it
            continue
        is_bullet = bool(BULLET.match(text))
        new_para = (
            prev is None or is_bullet or not blocks or blocks[-1].kind in ("heading", "table_row")
            or it.top - prev.bottom > max(typical_gap * 1.8, typical_gap + 3)
            or it.top < prev.top  # column change
        )
        if new_para:
            blocks.append(Block(text=text, page=it.page, kind="bullet" if is_bullet else "paragraph"))
        else:
            merged, used = join_hyphenated(blocks[-1].text, text)
            blocks[-1].text = merged if used else blocks[-1].text + " " + text
        prev = it
    return blocks


def _merge_across_pages(blocks: list[Block]) -> list[Block]:
    """A paragraph cut by a page break continues on the next page with a lower-case word."""
    out: list[Block] = []
    for b in blocks:
        if out and b.kind == "paragraph" and out[-1].kind in ("paragraph", "bullet") and out[-1].page + 1 == b.page \
                and not out[-1].text.endswith(_SENTENCE_END) and b.text[:1].islower():
            merged, used = join_hyphenated(out[-1].text, b.text)
            out[-1].text = merged if used else out[-1].text + " " + b.text
            continue
        out.append(b)
    return out


_PASSWORD_MISSING = ("PDF-filen er passordbeskyttet. Lagre en kopi uten passord, eller oppgi passordet med "
                     "--passord på kommandolinjen.")
_PASSWORD_WRONG = ("Passordet som ble oppgitt for PDF-filen, er feil. Sjekk passordet, eller lagre en kopi uten passord.")
_UNREADABLE = "Filen kunne ikke leses som PDF. Den kan være skadet eller ikke være en ekte PDF-fil."
_TRUNCATED = ("PDF-filen er ufullstendig: slutten av filen mangler, trolig fordi en nedlasting eller kopiering "
              "ble avbrutt. Hent en ny kopi av dokumentet.")


def _unwrap(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors in PdfminerException(original)."""
    for _ in range(3):
        inner = exc.args[0] if getattr(exc, "args", None) and isinstance(exc.args[0], BaseException) else None
        inner = inner or exc.__cause__
        if inner is None or inner is exc:
            break
        exc = inner
    return exc


def _is_truncated(data: bytes) -> bool:
    """Objects, but no end-of-file marker: the end of a real PDF is missing."""
    return b"%%EOF" not in data[-2048:] and re.search(rb"\d+\s+\d+\s+obj\b", data[:65536]) is not None


def _open_error(exc: BaseException, data: bytes, limits: Limits) -> Exception:
    """The Norwegian error for a PDF that pdfplumber could not open."""
    inner = _unwrap(exc)
    name = type(inner).__name__
    if isinstance(inner, MemoryError):
        return memory_error()
    if name == "PDFPasswordIncorrect" or "password" in str(inner).lower():
        return PassordBeskyttet(_PASSWORD_WRONG if limits.pdf_password else _PASSWORD_MISSING)
    if name in ("PDFEncryptionError", "PDFEncryptionWarning") or "encrypt" in str(inner).lower():
        return PassordBeskyttet("PDF-filen er kryptert på en måte verktøyet ikke kan lese. "
                                "Lagre en kopi uten passord eller kryptering.")
    if _is_truncated(data):
        return UlesbarFil(_TRUNCATED)
    return UlesbarFil(_UNREADABLE)


@contextlib.contextmanager
def _closed_quietly(pdf):
    """Close the PDF afterwards; pdfplumber's close() re-parses pages and can fail on a broken file."""
    try:
        yield pdf
    finally:
        try:
            if hasattr(pdf, "_pages"):  # close() would otherwise build every page just to close it
                pdf.close()
            elif not pdf.stream_is_external:
                pdf.stream.close()
        except Exception:
            pass


def _has_images(page) -> bool:
    try:
        return bool(page.images)
    except MemoryError:
        raise memory_error() from None
    except Exception:
        return False


def _declared_page_count(pdf) -> int | None:
    """/Count of the page tree: lets a 5000-page file be refused before its pages are built."""
    try:
        from pdfminer.pdftypes import resolve1

        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
        return int(count) if isinstance(count, int) and count >= 0 else None
    except Exception:
        return None


def read_pdf(data: bytes, source: str, sha256: str, limits: Limits) -> Document:
    import pdfplumber

    check_pdf_streams(data, limits)
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=limits.pdf_password or "")
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise _open_error(exc, data, limits) from None
    warnings: list[str] = []
    with _closed_quietly(pdf):
        declared = _declared_page_count(pdf)
        if declared is not None and declared > limits.max_pages:
            raise limits.too_many_pages(declared)
        try:
            pages = pdf.pages
            n_pages = len(pages)
        except Exception as exc:
            raise _open_error(exc, data, limits) from None
        if n_pages == 0:
            raise UlesbarFil(_TRUNCATED if _is_truncated(data) else "PDF-filen har ingen sider.")
        if n_pages > limits.max_pages:
            raise limits.too_many_pages(n_pages)
        page_items: list[list] = []
        heights: list[float] = []
        empty_pages: list[int] = []
        total_chars = 0
        for i, page in enumerate(pages, start=1):
            limits.check_time()
            try:
                items, n_chars = _page_items(page, i)
            except MemoryError:
                raise memory_error() from None
            except Exception as exc:
                if isinstance(_unwrap(exc), MemoryError):
                    raise memory_error() from None
                log.warning("side %d kunne ikke leses (%s)", i, type(_unwrap(exc)).__name__)
                items, n_chars = [], 0
                warnings.append(f"Side {i} kunne ikke leses og er hoppet over.")
            finally:
                try:
                    page.close()  # drop the page's parsed objects; only the items are kept
                except Exception:
                    pass
            page_items.append(items)
            heights.append(float(page.height))
            total_chars += n_chars
            if n_chars < 25:
                empty_pages.append(i)
        _drop_running_lines(page_items, heights)
        sizes: Counter[float] = Counter()
        for items in page_items:
            for it in items:
                if isinstance(it, _Line):
                    sizes[it.size] += len(it.text)
        body_size = sizes.most_common(1)[0][0] if sizes else 10.0
        blocks: list[Block] = []
        for items in page_items:
            blocks.extend(_lines_to_blocks(items, body_size))
        blocks = _merge_across_pages(blocks)

        ocr_pages: list[int] = []
        scanned = False
        image_pages = [i for i in empty_pages if _has_images(pages[i - 1])]
        if image_pages:
            if ocr.available():
                log.info("leser %d skannede sider med OCR", len(image_pages))
                read = ocr.read_pages([(i, pages[i - 1]) for i in image_pages], limits)
                for i in image_pages:
                    if read.get(i):
                        ocr_pages.append(i)
                        blocks.extend(read[i])
                blocks.sort(key=lambda b: b.page)
                if len(image_pages) == n_pages and not ocr_pages:
                    scanned = True
            else:
                scanned = len(image_pages) == n_pages or total_chars < 25 * n_pages
                if not scanned:
                    warnings.append(
                        f"Side {', '.join(map(str, image_pages))} er skannet (bilde uten tekst) og ble ikke lest. "
                        "Installer tesseract-ocr og tesseract-ocr-nor for å lese dem med OCR.")
        elif total_chars < 25 * n_pages and not blocks:
            scanned = True
    # Scanned documents that were OCR-read are still flagged as scanned input.
    is_scanned_input = scanned or (bool(image_pages) and len(image_pages) == n_pages)
    return build_document(source, blocks, n_pages, sha256=sha256, fmt="pdf", scanned=is_scanned_input,
                          ocr_pages=ocr_pages, warnings=warnings)
