"""A guard against PDF compression bombs, run on the raw bytes before pdfminer sees the file.

pdfminer inflates every stream it reads (page content, fonts, object streams) completely in
memory; a few hundred kB of FlateDecode can inflate to gigabytes. Here each compressed stream is
inflated piece by piece, counting bytes and keeping none, and the file is refused when one stream
or all of them together would inflate past the limits, or when a large stream is packed far more
tightly than real content ever is. Images are not inflated here (the text reader never decodes
them); their declared pixel count is checked instead, because OCR rendering would decode them.

The scan works on the bytes, not on pdfminer's objects, so it also covers object streams and
files with a broken cross-reference table. Streams it cannot inflate (encrypted, damaged) are
skipped: they are not bombs for pdfminer either, except in encrypted files, where the memory
limit of `--isoler` is the guard.
"""

from __future__ import annotations

import re
import zlib

from ..errors import ForStorFil
from .limits import MB, Limits

_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_IMAGE = re.compile(rb"/Subtype\s*/Image")
_WIDTH = re.compile(rb"/Width\s+(\d+)(?!\s+\d+\s+R)")
_HEIGHT = re.compile(rb"/Height\s+(\d+)(?!\s+\d+\s+R)")
_FLATE = {b"FlateDecode", b"Fl"}
_ASCII = {b"ASCIIHexDecode", b"AHx", b"ASCII85Decode", b"A85"}
_CHUNK = 1 * MB
_RATIO_FLOOR = 8 * MB


def _bomb(detail: str) -> ForStorFil:
    return ForStorFil(
        "PDF-filen inneholder data som pakker seg ut til " + detail + ", langt mer enn et vanlig dokument. "
        "Den er avvist som en mulig «komprimeringsbombe». Lagre dokumentet på nytt som PDF fra programmet "
        "det ble laget i.")


def _dictionary(data: bytes, stream_pos: int) -> bytes:
    """The object dictionary in front of a `stream` keyword (bounded look-back)."""
    start = max(0, stream_pos - 8192)
    obj = data.rfind(b"obj", start, stream_pos)
    return data[obj if obj >= 0 else start: stream_pos + 2]


def _filters(dictionary: bytes) -> list[bytes]:
    m = _FILTER.search(dictionary)
    if not m:
        return []
    return _NAME.findall(m.group(1))


def _ascii_decode(raw: bytes, filters: list[bytes]) -> bytes:
    """Undo ASCIIHex/ASCII85 layers (they only shrink the data) in front of FlateDecode."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode

    for f in filters:
        try:
            raw = ascii85decode(raw) if f in (b"ASCII85Decode", b"A85") else asciihexdecode(raw)
        except Exception:
            return b""
    return raw


def _inflated_size(raw: bytes, cap: int) -> int:
    """Bytes `raw` inflates to, counting up to just past `cap`. -1 when it is not valid zlib."""
    d = zlib.decompressobj()
    total = 0
    buf = raw
    try:
        while buf:
            out = d.decompress(buf, _CHUNK)
            total += len(out)
            if total > cap:
                return total
            buf = d.unconsumed_tail
            if d.eof:
                break
        if not d.eof:
            total += len(d.flush())
    except zlib.error:
        return total if total else -1
    return total


def _inflate_capped(raw: bytes, cap: int) -> bytes | None:
    """Inflate fully, but only when the result stays under `cap` (None otherwise or on error)."""
    d = zlib.decompressobj()
    try:
        out = d.decompress(raw, cap + 1)
    except zlib.error:
        return None
    return None if len(out) > cap else out


def check_pdf_streams(data: bytes, limits: Limits) -> None:
    """Raise ForStorFil when the PDF holds a compression bomb or an absurdly large image."""
    total = 0
    per_stream = min(limits.max_stream_bytes, limits.max_unpacked_bytes)
    for m in _STREAM.finditer(data):
        dictionary = _dictionary(data, m.start())
        filters = _filters(dictionary)
        if _IMAGE.search(dictionary):
            w, h = _WIDTH.search(dictionary), _HEIGHT.search(dictionary)
            if w and h and int(w.group(1)) * int(h.group(1)) > limits.max_image_pixels:
                raise ForStorFil(
                    f"PDF-filen inneholder et bilde på {int(w.group(1))} × {int(h.group(1))} punkter, langt mer enn "
                    "en skannet side. Den er avvist som mulig skadelig; skann eller lagre dokumentet på nytt.")
            continue
        ascii_layers = 0
        while ascii_layers < len(filters) and filters[ascii_layers] in _ASCII:
            ascii_layers += 1
        if ascii_layers >= len(filters) or filters[ascii_layers] not in _FLATE:
            continue
        begin = m.end()
        length = _LENGTH.search(dictionary)
        end = -1
        if length:
            n = int(length.group(1))
            tail = data[begin + n: begin + n + 12].lstrip(b"\r\n \t")
            if tail.startswith(b"endstream"):
                end = begin + n
        if end < 0:
            end = data.find(b"endstream", begin)
            if end < 0:
                end = len(data)
        raw = data[begin:end]
        if ascii_layers:
            raw = _ascii_decode(raw, filters[:ascii_layers])
            filters = filters[ascii_layers:]
        budget = min(per_stream, limits.max_unpacked_bytes - total)
        ratio_stop = max(_RATIO_FLOOR, limits.max_ratio * len(raw))
        size = _inflated_size(raw, min(budget, ratio_stop))
        if size < 0:
            continue  # not valid zlib (encrypted or damaged): pdfminer cannot inflate it either
        if size > ratio_stop and ratio_stop < budget:
            raise _bomb(f"over {size // MB} MB fra {max(len(raw) // 1024, 1)} kB "
                        f"(pakket mer enn {limits.max_ratio} ganger tettere enn vanlig innhold)")
        if size > per_stream:
            raise _bomb(f"mer enn {per_stream // MB} MB i én enkelt datastrøm")
        if size > budget:
            raise _bomb(f"mer enn {limits.max_unpacked_bytes // MB} MB til sammen")
        # Filter chains (FlateDecode twice, …): inflate the first layer, then measure the next.
        if len(filters) > 1 and filters[1] in _FLATE:
            inner = _inflate_capped(raw, budget)
            if inner is not None:
                size = _inflated_size(inner, budget)
                if size > budget:
                    raise _bomb(f"mer enn {budget // MB} MB i én enkelt datastrøm")
        total += max(size, 0)
