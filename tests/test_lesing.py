"""Reading: headers/footers, hyphenation, tables, headings, two columns, scanned pages, DOCX, TXT."""

from __future__ import annotations

import io

import pytest

from conftest import make_pdf
from gjennomgang.reading import read_bytes
from gjennomgang.reading.normalise import join_hyphenated, normalise_text


def test_running_header_footer_and_page_numbers_removed():
    pages = [[("h", "Bakgrunn"), ("p", f"Dette er avsnitt nummer {i} om familien og tiltaket.")] for i in range(3)]
    doc = read_bytes(make_pdf(pages, header="Senter for foreldre og barn – Sluttrapport"), "x.pdf")
    assert "Senter for foreldre og barn – Sluttrapport" not in doc.text
    assert "Side 1" not in doc.text and "Side 2" not in doc.text
    assert "avsnitt nummer 2" in doc.text
    assert [b.page for b in doc.blocks if "nummer 2" in b.text] == [3]


def test_hyphenated_line_ends_are_joined():
    pages = [[("h", "Endringsarbeid"), ("p", "Vi arbeidet med foreldre-"), ("p", "medvirkning og handlings-"),
              ("p", "planen hver uke, barne- og ungdomsarbeid.")]]
    doc = read_bytes(make_pdf(pages), "x.pdf")
    assert "foreldremedvirkning" in doc.text
    assert "handlingsplanen" in doc.text
    assert "barne- og" in doc.text  # a real hyphen before «og» stays


def test_headings_become_sections_with_pages():
    pages = [[("h", "1. Mål og handlingsplan"), ("p", "Målet var faste rutiner for legging.")],
             [("h", "2. Slik gikk det"), ("p", "Samlet mener vi at tiltaket har virket.")]]
    doc = read_bytes(make_pdf(pages), "x.pdf")
    titles = [(s.title, s.page) for s in doc.sections if s.title]
    assert ("1. Mål og handlingsplan", 1) in titles and ("2. Slik gikk det", 2) in titles
    offset = doc.text.index("Samlet mener")
    assert doc.section_title_at(offset) == "2. Slik gikk det" and doc.page_at(offset) == 2


def test_table_rows_become_question_answer_blocks():
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    buf = io.BytesIO()
    t = Table([["Hvordan ble barnet møtt?", "Vi lekte med Yasin hver uke."], ["Barnets medvirkning", ""]])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    SimpleDocTemplate(buf, pagesize=A4).build([t])
    doc = read_bytes(buf.getvalue(), "mal.pdf")
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert rows[0].text == "Hvordan ble barnet møtt?: Vi lekte med Yasin hver uke."
    assert rows[0].label == "Hvordan ble barnet møtt?"
    assert doc.section_title_at(doc.text.index("Vi lekte")) == "Hvordan ble barnet møtt?"


def test_two_columns_are_read_column_by_column():
    left = [("p", f"Venstre linje {i} om mor og barnet i hjemmet.") for i in range(14)]
    right = [("p", f"Høyre linje {i} om far og veiledningen hver uke.") for i in range(14)]
    doc = read_bytes(make_pdf([left + right], two_columns=True, footer=False), "x.pdf")
    assert doc.text.index("Venstre linje 13") < doc.text.index("Høyre linje 0")
    assert "Venstre linje 0 om mor og barnet i hjemmet." in doc.text


def test_image_only_pdf_is_reported_as_scanned(monkeypatch):
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from gjennomgang.reading import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    img = Image.new("RGB", (400, 300), "white")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(img), 50, 400, 400, 300)
    c.showPage()
    c.save()
    doc = read_bytes(buf.getvalue(), "skannet.pdf")
    assert doc.scanned is True and doc.char_count == 0


def test_docx_paragraphs_headings_and_tables():
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Sluttrapport", level=0)
    d.add_heading("Barnets medvirkning", level=1)
    d.add_paragraph("Vi lekte med Ali og fulgte signalene hans.")
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text = "Bruk av tolk"
    t.rows[0].cells[1].text = "Kvalifisert tolk i alle møter."
    buf = io.BytesIO()
    d.save(buf)
    doc = read_bytes(buf.getvalue(), "utkast.docx")
    assert doc.format == "docx"
    assert "Bruk av tolk: Kvalifisert tolk i alle møter." in doc.text
    assert doc.section_title_at(doc.text.index("Vi lekte")) == "Barnets medvirkning"


def test_txt_windows_1252_and_markdown():
    text = "# Referat fra stoppunkt\n\nRisikovurdering\nIngen fare for barnet nå; vi følger med på søvnen.\n"
    doc = read_bytes(text.encode("cp1252"), "referat.txt")
    assert "Ingen fare for barnet nå" in doc.text
    assert [s.title for s in doc.sections if s.title] == ["Referat fra stoppunkt", "Risikovurdering"]


def test_normalise_invisible_characters_and_ligatures():
    s = normalise_text("foreldre\u00admedvirkning \ufb01nt\u200b og\u00a0bra\u200f")
    assert s == "foreldremedvirkning fint og bra"
    assert join_hyphenated("handlings-", "planen ble fulgt") == ("handlingsplanen ble fulgt", True)
