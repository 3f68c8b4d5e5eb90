"""Several documents at once: safe zip unpacking (in memory), the verdict table, CSV and XLSX.

Zip members are read into memory one at a time and never written to disk, so member names are
only ever used as labels (no path traversal is possible). Guards: number of members, declared
and actual size per member, total unpacked size, compression ratio, encryption, nested zips.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator

from ..errors import ForStorFil, GjennomgangError, UkjentFormat, UlesbarFil
from ..reporting.labels import DOCTYPE_WORDS, LEVEL_WORDS, VERDICT_ICONS, VERDICT_WORDS
from ..result import Result, error_result

MAX_RATIO = 150  # uncompressed/compressed above this (for members over 1 MB) looks like a zip bomb
CHUNK = 1 << 20


@dataclass
class Item:
    """One document to check: its bytes, or the reason it cannot be checked."""

    name: str
    data: bytes | None = None
    error: GjennomgangError | None = None


def is_zip(name: str, data: bytes) -> bool:
    return Path(name).suffix.lower() == ".zip" or (data[:4] == b"PK\x03\x04" and Path(name).suffix.lower() not in
                                                   (".docx", ".pdf", ".txt", ".md"))


def _label(zip_name: str, member: str) -> str:
    parts = [p for p in PurePosixPath(member.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    return f"{zip_name}/{'/'.join(parts) or '(uten navn)'}"


def _skip(member: str) -> bool:
    p = PurePosixPath(member.replace("\\", "/"))
    return member.endswith("/") or "__MACOSX" in p.parts or p.name.startswith(".") or p.name in ("Thumbs.db",
                                                                                                "desktop.ini")


def unpack_zip(name: str, data: bytes, max_bytes: int, max_total: int, max_members: int) -> Iterator[Item]:
    """Yield the documents inside a zip file (one level, in memory), or items with the reason."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        yield Item(name, error=UlesbarFil("Zip-filen er skadet eller ikke en zip-fil, og kunne ikke pakkes ut."))
        return
    infos = [i for i in infos if not _skip(i.filename)]
    if not infos:
        yield Item(name, error=UlesbarFil("Zip-filen inneholder ingen dokumenter."))
        return
    if len(infos) > max_members:
        yield Item(name, error=ForStorFil(f"Zip-filen inneholder {len(infos)} filer, mer enn grensen på {max_members}. "
                                          "Del den opp i mindre zip-filer."))
        return
    total = 0
    with zf:
        for info in infos:
            label = _label(name, info.filename)
            if info.flag_bits & 0x1:
                yield Item(label, error=UlesbarFil("Filen er passordbeskyttet i zip-filen og kan ikke pakkes ut."))
                continue
            if info.filename.lower().endswith(".zip"):
                yield Item(label, error=UkjentFormat("Zip-filer inne i zip-filer pakkes ikke ut. Pakk dem ut først."))
                continue
            if info.file_size > max_bytes:
                yield Item(label, error=ForStorFil(f"Filen er {info.file_size / 1024 / 1024:.1f} MB utpakket, mer enn "
                                                   f"grensen på {max_bytes / 1024 / 1024:.0f} MB."))
                continue
            if info.file_size > CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                yield Item(label, error=ForStorFil("Filen er mistenkelig hardt komprimert (mulig «zip-bombe») og ble "
                                                   "ikke pakket ut."))
                continue
            if total + info.file_size > max_total:
                yield Item(label, error=ForStorFil(f"Zip-filen blir større enn {max_total / 1024 / 1024:.0f} MB utpakket; "
                                                   "resten av filene ble ikke pakket ut. Del den opp."))
                continue
            # The header can lie: count the bytes actually produced.
            buf = bytearray()
            try:
                with zf.open(info) as fh:
                    while chunk := fh.read(CHUNK):
                        buf += chunk
                        if len(buf) > max_bytes or total + len(buf) > max_total:
                            raise ForStorFil("Filen ble større enn grensen da den ble pakket ut (mulig «zip-bombe»).")
            except ForStorFil as exc:
                yield Item(label, error=exc)
                continue
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
                yield Item(label, error=UlesbarFil("Filen er skadet i zip-filen og kunne ikke pakkes ut."))
                continue
            total += len(buf)
            yield Item(label, data=bytes(buf))


def expand(uploads: list[tuple[str, bytes | GjennomgangError]], max_bytes: int, max_total: int,
           max_members: int) -> Iterator[Item]:
    """Uploaded (name, bytes-or-error) pairs → items, with zip files unpacked."""
    for name, data in uploads:
        if isinstance(data, GjennomgangError):
            yield Item(name, error=data)
        elif is_zip(name, data):
            yield from unpack_zip(name, data, max_bytes, max_total, max_members)
        else:
            yield Item(name, data=data)


def check_items(items: list[Item], check: Callable[[bytes, str], Result],
                on_item: Callable[[int, int, str], None] | None = None) -> list[Result]:
    results = []
    for i, item in enumerate(items):
        if on_item:
            on_item(i, len(items), item.name)
        if item.error is not None:
            results.append(error_result(item.name, item.error.kode, item.error.melding))
            continue
        data, item.data = item.data, None  # let the bytes go as soon as they are checked
        results.append(check(data, item.name))
    return results


# -- the table -------------------------------------------------------------------------------
FIXED_HEADERS = ["Fil", "Dokumenttype", "Beslutning"]


def requirement_columns(results: list[Result], order: list[str] | None = None) -> list[str]:
    seen: list[str] = []
    for r in results:
        for v in r.krav:
            if v.id not in seen:
                seen.append(v.id)
    if order:
        rank = {k: i for i, k in enumerate(order)}
        seen.sort(key=lambda k: rank.get(k, len(rank)))
    return seen


def cell(vurdering: str | None) -> str:
    if not vurdering:
        return ""
    return f"{VERDICT_ICONS.get(vurdering, '')} {VERDICT_WORDS.get(vurdering, vurdering)}".strip()


def table(results: list[Result], order: list[str] | None = None) -> tuple[list[str], list[list[str]]]:
    """Rows = documents, columns = requirement ids. Empty cell: the requirement does not apply to that type."""
    cols = requirement_columns(results, order)
    rows = []
    for r in results:
        by_id = {v.id: v.vurdering for v in r.krav}
        doctype = DOCTYPE_WORDS.get(r.dokumenttype, r.dokumenttype) if r.dokumenttype else ""
        rows.append([r.fil, doctype, r.decision_line()] + [cell(by_id.get(c)) for c in cols])
    return FIXED_HEADERS + cols, rows


def summary(results: list[Result]) -> dict[str, int]:
    out = {"dokumenter": len(results), "klar": 0, "ikke_klar": 0, "manuell": 0, "feil": 0}
    for r in results:
        state = r.decision_state()
        out["manuell" if state == "skannet" else state] += 1
    return out


def _safe(value) -> str:
    """Neutralise spreadsheet formulas in text that comes from file names or documents."""
    s = "" if value is None else str(value)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    """Semicolon-separated UTF-8 with BOM, so Excel with Norwegian settings opens it directly."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(headers)
        for row in rows:
            w.writerow([_safe(c) for c in row])
    return path


_FILLS = {"oppfylt": "C6EFCE", "mangler": "FFC7CE", "usikker": "FFEB9C", "ikke_relevant": "EDEDED"}


def write_xlsx(path: Path, headers: list[str], rows: list[list[str]],
               titles: dict[str, tuple[str, str]] | None = None) -> Path:
    """An Excel workbook: the verdict table (coloured, with words) and a sheet explaining the columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Vurderinger"
    ws.append(headers)
    for c in ws[1]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    word_to_code = {cell(k): k for k in VERDICT_WORDS}
    for row in rows:
        ws.append([_safe(c) for c in row])
        for c in ws[ws.max_row][len(FIXED_HEADERS):]:
            code = word_to_code.get(c.value or "")
            if code:
                c.fill = PatternFill("solid", fgColor=_FILLS[code])
    ws.freeze_panes = ws.cell(row=2, column=len(FIXED_HEADERS) + 1)
    widths = [40, 26, 34] + [16] * (len(headers) - len(FIXED_HEADERS))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.auto_filter.ref = ws.dimensions

    info = wb.create_sheet("Krav")
    info.append(["Kolonne (krav-id)", "Krav", "Nivå"])
    for c in info[1]:
        c.font = Font(bold=True)
    titles = titles or {}
    for col in headers[len(FIXED_HEADERS):]:
        title, level = titles.get(col, ("", ""))
        info.append([col, title, LEVEL_WORDS.get(level, level)])
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 60
    info.column_dimensions["C"].width = 16
    wb.save(path)
    return path


def titles_of(results: list[Result]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for r in results:
        for v in r.krav:
            out.setdefault(v.id, (v.tittel, v.niva))
    return out
