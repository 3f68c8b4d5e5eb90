"""Bad inputs for the hostile-file tests, generated on the fly (nothing binary is checked in).

Every function returns the file's bytes. The texts are invented for testing and hold no case data.
"""

from __future__ import annotations

import io
import re
import zlib

# A short, complete-looking final report (invented). Used for the good files and as the text of
# the scanned and odd-Unicode variants, so their verdicts can be compared with a clean reading.
REPORT_TITLE = "Sluttrapport – hjelpetiltak i hjemmet"
REPORT_SECTIONS = [
    ("Bakgrunn", [
        "Familien Lia ble henvist fra barneverntjenesten i Nordvik etter bekymring for rutiner og samspill.",
        "Tiltaket har vært hjemmebasert og varte fra 3. mars til 28. august 2025, i alt seks måneder.",
    ]),
    ("Endringsarbeidet", [
        "Vi har arbeidet med faste måltider, kveldsrutiner og mors sensitivitet for barnets signaler.",
        "Familieansvarlig har brukt veiledning, modellering og videoveiledning med tilbakemelding etter hvert opptak.",
        "Mor har vært motivert og har brukt veiledningen aktivt mellom besøkene.",
    ]),
    ("Samtykke", [
        "Mor ga skriftlig samtykke til filming før det første opptaket.",
    ]),
    ("Barnets medvirkning", [
        "Vi har vært sammen med Ida i lek ved hvert besøk og fulgt med på signalene hennes.",
        "Ida viste oss lekene sine og var med på å lage bildene til kveldsskjemaet.",
    ]),
    ("Foreldrenes medvirkning", [
        "Mor ønsket særlig hjelp til leggingen og var med på å lage handlingsplanen.",
        "Hun har sagt at hun er bekymret for tiden etter at besøkene slutter.",
    ]),
    ("Kultur, språk og religion", [
        "Vi spurte familien om kulturelle, språklige og religiøse forhold vi burde ta hensyn til.",
        "Familien er norsktalende, og mor mente det ikke var behov for særlige hensyn.",
    ]),
    ("Virkning", [
        "Teamet vurderer at tiltaket har hatt god virkning på Idas omsorgssituasjon.",
        "Målene om faste måltider og leggetider er nådd, og barnehagen melder at Ida er mer opplagt.",
    ]),
    ("Videre oppfølging", [
        "Vi anbefaler at barneverntjenesten følger opp familien med besøk annenhver uke i tre måneder.",
    ]),
]


def report_text() -> str:
    """The report as plain text with Markdown headings."""
    parts = [f"# {REPORT_TITLE}", ""]
    for title, paragraphs in REPORT_SECTIONS:
        parts += [f"## {title}", "", " ".join(paragraphs), ""]
    return "\n".join(parts)


def report_sentences() -> list[str]:
    return [s for _, ps in REPORT_SECTIONS for s in ps]


# -- PDFs made with reportlab --------------------------------------------------------------

def _canvas(buf, **kw):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    return canvas.Canvas(buf, pagesize=A4, pageCompression=1, **kw)


def _draw_report_page(c, sections=REPORT_SECTIONS, title: str | None = REPORT_TITLE) -> None:
    from reportlab.lib.utils import simpleSplit

    y = 800
    if title:
        c.setFont("Helvetica-Bold", 15)
        c.drawString(60, y, title)
        y -= 30
    for heading, paragraphs in sections:
        c.setFont("Helvetica-Bold", 11.5)
        c.drawString(60, y, heading)
        y -= 17
        c.setFont("Helvetica", 10)
        for line in simpleSplit(" ".join(paragraphs), "Helvetica", 10, 470):
            c.drawString(60, y, line)
            y -= 13
        y -= 9


def report_pdf(**canvas_kw) -> bytes:
    """The report as a normal one-page text PDF (optionally encrypted via canvas_kw)."""
    buf = io.BytesIO()
    c = _canvas(buf, **canvas_kw)
    _draw_report_page(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf(password: str = "hemmelig") -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return report_pdf(encrypt=StandardEncryption(password, ownerPassword=password + "-eier", canCopy=0))


def text_renamed_pdf() -> bytes:
    return "Dette er et notat i ren tekst som noen har gitt navnet .pdf.\n".encode("utf-8") * 5


def truncated_pdf() -> bytes:
    data = report_pdf()
    return data[: len(data) // 3]


def broken_xref_pdf() -> bytes:
    """Every xref offset and startxref point to the wrong place."""
    data = report_pdf()
    data = re.sub(rb"\d{10} 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(0)[:10]) + 7), data)
    return re.sub(rb"startxref\s+\d+", b"startxref\n123", data)


def garbage_pdf() -> bytes:
    """Starts like a PDF, then nothing but noise: no objects, no xref, no trailer."""
    return b"%PDF-1.7\n" + bytes((i * 131 + 7) % 256 for i in range(4000))


def many_pages_pdf(n_pages: int = 500) -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf)
    for i in range(1, n_pages + 1):
        c.setFont("Helvetica", 11)
        c.drawString(72, 760, f"Side {i}: Vedlegg med referat fra besøk nummer {i}.")
        c.showPage()
    c.save()
    return buf.getvalue()


def tiny_objects_pdf(n_objects: int = 6000) -> bytes:
    """One page holding thousands of separate one-letter text objects."""
    buf = io.BytesIO()
    c = _canvas(buf)
    letters = "abcdefghijklmnopqrstuvwxyzæøå"
    per_row = 100
    for k in range(n_objects):
        row, col = divmod(k, per_row)
        c.setFont("Helvetica", 3)
        c.drawString(20 + col * 5.5, 820 - (row % 150) * 5.3, letters[k % len(letters)])
    c.showPage()
    c.save()
    return buf.getvalue()


# -- scanned pages -------------------------------------------------------------------------

def _font(size: int):
    from PIL import ImageFont

    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def page_image(lines: list[str], dpi: int = 150):
    """An A4 page image with the lines written on it (what a scanner would give)."""
    from PIL import Image, ImageDraw

    w, h = int(8.27 * dpi), int(11.69 * dpi)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = _font(int(dpi * 0.16))
    y = int(dpi * 0.8)
    for line in lines:
        if line:
            draw.text((int(dpi * 0.8), y), line, fill=0, font=font)
        y += int(dpi * 0.26)
    return img


def _wrap(text: str, width: int = 70) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]


def scanned_lines(sections=REPORT_SECTIONS, title: str | None = REPORT_TITLE) -> list[str]:
    lines = [title, ""] if title else []
    for heading, paragraphs in sections:
        lines += [heading] + _wrap(" ".join(paragraphs)) + [""]
    return lines


def _image_page(c, img) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader

    c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
    c.showPage()


def scanned_pdf() -> bytes:
    """Two pages of images with text on them and no text layer."""
    buf = io.BytesIO()
    c = _canvas(buf)
    half = len(REPORT_SECTIONS) // 2
    _image_page(c, page_image(scanned_lines(REPORT_SECTIONS[:half])))
    _image_page(c, page_image(scanned_lines(REPORT_SECTIONS[half:], title=None)))
    c.save()
    return buf.getvalue()


def mixed_pdf() -> bytes:
    """Page 1 has a text layer; page 2 is a scanned image (e.g. a signed page)."""
    buf = io.BytesIO()
    c = _canvas(buf)
    half = len(REPORT_SECTIONS) // 2
    _draw_report_page(c, REPORT_SECTIONS[:half])
    c.showPage()
    _image_page(c, page_image(scanned_lines(REPORT_SECTIONS[half:], title=None)))
    c.save()
    return buf.getvalue()


# -- hand-written PDFs ---------------------------------------------------------------------

def _assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _repeated_deflate(chunk: bytes, times: int, head: bytes = b"") -> tuple[bytes, int]:
    """Raw deflate of `head + chunk * times`, built from one compressed chunk (fast: no 400 MB pass).

    After a full flush the compressor forgets its history, so every further copy of the chunk
    compresses to the same bytes. Returns the raw stream and the uncompressed length.
    """
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head + chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.flush()
    return first + again * (times - 1) + end, len(head) + len(chunk) * times


def _checksums(chunk: bytes, times: int, head: bytes = b"") -> tuple[int, int]:
    adler, crc = zlib.adler32(head), zlib.crc32(head)
    for _ in range(times):
        adler, crc = zlib.adler32(chunk, adler), zlib.crc32(chunk, crc)
    return adler, crc


def _zlib_bomb(chunk: bytes, times: int, head: bytes = b"") -> bytes:
    raw, _ = _repeated_deflate(chunk, times, head)
    adler, _ = _checksums(chunk, times, head)
    return b"\x78\xda" + raw + adler.to_bytes(4, "big")


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def compression_bomb_pdf(unpacked_mb: int = 400) -> bytes:
    """A one-page PDF whose content stream inflates from about 0.4 MB to `unpacked_mb` MB."""
    head = b"BT /F1 12 Tf 72 720 Td (Sluttrapport) Tj ET\n"
    packed = _zlib_bomb(b" " * (1024 * 1024), unpacked_mb, head)
    return _assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(packed, b" /Filter /FlateDecode"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def double_bomb_pdf(unpacked_mb: int = 400) -> bytes:
    """The same bomb behind two FlateDecode filters (the raw stream is only a few kB)."""
    packed = zlib.compress(_zlib_bomb(b" " * (1024 * 1024), unpacked_mb), 9)
    return _assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(packed, b" /Filter [/FlateDecode /FlateDecode]"),
    ])


# -- DOCX ----------------------------------------------------------------------------------

_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  b'<Default Extension="xml" ContentType="application/xml"/>'
                  b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                  b'officedocument.wordprocessingml.document.main+xml"/></Types>')


def _zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip from (name, raw deflate data, crc32, uncompressed size, size to declare)."""
    import struct

    out = bytearray()
    central = bytearray()
    for name, raw, crc, size, declared in entries:
        fname = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(raw), declared, len(fname), 0)
        out += fname + raw
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(raw), declared,
                               len(fname), 0, 0, 0, 0, 0, offset)
        central += fname
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


def _docx_bomb(unpacked_mb: int, declare: int | None) -> bytes:
    head = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
    chunk = b"a" * (1024 * 1024)
    raw, size = _repeated_deflate(chunk, unpacked_mb, head)
    _, crc = _checksums(chunk, unpacked_mb, head)
    ct = zlib.compressobj(9, zlib.DEFLATED, -15)
    ct_raw = ct.compress(_CONTENT_TYPES) + ct.flush()
    return _zip([("[Content_Types].xml", ct_raw, zlib.crc32(_CONTENT_TYPES), len(_CONTENT_TYPES), len(_CONTENT_TYPES)),
                 ("word/document.xml", raw, crc, size, size if declare is None else declare)])


def zip_bomb_docx(unpacked_mb: int = 300) -> bytes:
    """A «.docx» whose document.xml inflates to `unpacked_mb` MB (about 0.3 MB on disk)."""
    return _docx_bomb(unpacked_mb, None)


def lying_zip_docx(unpacked_mb: int = 300) -> bytes:
    """A zip bomb whose directory claims document.xml is only 1 kB (so a size check alone passes)."""
    return _docx_bomb(unpacked_mb, 1024)


# -- text ----------------------------------------------------------------------------------

def cp1252_txt() -> bytes:
    return report_text().replace("–", "-").encode("cp1252")


ODD = {
    "soft_hyphen": "\u00ad", "zwsp": "\u200b", "zwnj": "\u200c", "nbsp": "\u00a0", "rlm": "\u200f",
    "lrm": "\u200e", "fi": "\ufb01", "fl": "\ufb02", "bom": "\ufeff",
}


def clean_unicode_text() -> str:
    """What `odd_unicode_text` must normalise to."""
    return report_text().replace("Foreldrenes medvirkning", "Foreldremedvirkning")


def odd_unicode_text() -> str:
    """The report with invisible and look-alike characters sprinkled in, as PDFs and Word leave them."""
    t = report_text()
    t = t.replace("Foreldrenes medvirkning", "Foreldre\u00admedvirkning")
    t = t.replace("familieansvarlig", "familie\u00adansvar\u200blig")
    t = t.replace("fikk", "\ufb01kk").replace("fl", "\ufb02").replace("fi", "\ufb01")
    t = t.replace(" i lek", "\u00a0i\u00a0lek").replace("Ida", "\u200fIda\u200e")
    t = t.replace("Virkning", "Virk\u200cning").replace("tiltaket", "til\u2060taket")
    return "\ufeff" + t.replace("\n", "\r\n")


def odd_unicode_txt() -> bytes:
    return odd_unicode_text().encode("utf-8")


def odd_unicode_pdf() -> bytes:
    """A text PDF (embedded DejaVu font) whose text holds ligatures, soft hyphens and odd spaces."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    pdfmetrics.registerFont(TTFont("DejaVuSans", path))
    buf = io.BytesIO()
    c = _canvas(buf)
    y = 780
    for line in ODD_PDF_LINES:
        c.setFont("DejaVuSans", 11)
        c.drawString(60, y, line)
        y -= 18
    c.showPage()
    c.save()
    return buf.getvalue()


ODD_PDF_LINES = [
    "Foreldre\u00admedvirkning",
    "Mor \ufb01kk veiledning og var \ufb02ink til å \ufb01nne gode rutiner.",
    "Teamet\u00a0vurderer at tiltaket har hatt god virkning.",
    "Vi har vært sammen med \u200fIda\u200e i lek ved hvert besøk, og vi la vekt på foreldre\u00ad",
    "medvirkning i hele perioden.",
]
ODD_PDF_EXPECTED = ["Foreldremedvirkning", "Mor fikk veiledning og var flink til å finne gode rutiner.",
                    "Teamet vurderer at tiltaket har hatt god virkning.",
                    "Vi har vært sammen med Ida i lek ved hvert besøk, og vi la vekt på foreldremedvirkning i hele perioden."]


def scanned_pages_pdf(n_pages: int) -> bytes:
    """A longer scan: the report's sections spread over `n_pages` image pages."""
    buf = io.BytesIO()
    c = _canvas(buf)
    for k in range(n_pages):
        section = REPORT_SECTIONS[k % len(REPORT_SECTIONS)]
        _image_page(c, page_image(scanned_lines([section], title=None)))
    c.save()
    return buf.getvalue()
