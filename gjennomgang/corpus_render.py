"""Render corpus documents (light Markdown) to PDF in several layouts with reportlab.

Layouts exercise the PDF reader the way real files do: running header/footer and page
numbers, bold headings, Word-like «spørsmål | svar» tables, two columns, hyphenation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

LAYOUTS = ("enkel", "mal", "tokolonne")


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_markdown_pdf(text: str, out: Path, layout: str = "enkel", header: str = "Senter for foreldre og barn",
                        footer_note: str = "Unntatt offentlighet, jf. offl. § 13") -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table,
                                    TableStyle)

    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Helvetica", fontSize=10.5, leading=14)
    h1 = ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=8)
    h2 = ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold", fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=4)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=4)
    cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=13)
    cell_b = ParagraphStyle("cellb", parent=cell, fontName="Helvetica-Bold")

    story = []
    table_rows: list[list[str]] = []

    def flush_table():
        if not table_rows:
            return
        rows = [[Paragraph(_escape(r[0]), cell_b), Paragraph(_escape(" ".join(r[1:])), cell)] for r in table_rows]
        t = Table(rows, colWidths=[5.5 * cm, 10.5 * cm] if layout != "tokolonne" else [3 * cm, 4.6 * cm], repeatRows=0)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)
        story.append(Spacer(1, 6))
        table_rows.clear()

    para: list[str] = []

    def flush_para():
        if para:
            story.append(Paragraph(_escape(" ".join(para)), body))
            story.append(Spacer(1, 4))
            para.clear()

    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("|"):
            flush_para()
            if re.match(r"^\|?\s*:?-{2,}", s):
                continue
            cells = [c.strip() for c in s.strip("|").split("|")]
            if layout == "mal" or layout == "tokolonne":
                table_rows.append(cells + [""] * (2 - len(cells)))
            else:
                story.append(Paragraph(_escape(f"{cells[0]}: {' '.join(cells[1:])}"), body))
            continue
        flush_table()
        if not s:
            flush_para()
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", s)
        if m:
            flush_para()
            story.append(Paragraph(_escape(m.group(2)), h1 if len(m.group(1)) == 1 else h2))
            continue
        b = re.match(r"^([-*•]|\d{1,2}[.)])\s+(.*)$", s)
        if b:
            flush_para()
            story.append(Paragraph(_escape(b.group(2)), bullet, bulletText="•" if not b.group(1)[0].isdigit() else b.group(1)))
            continue
        para.append(s)
    flush_para()
    flush_table()

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2 * cm, A4[1] - 1.2 * cm, header)
        canvas.drawRightString(A4[0] - 2 * cm, A4[1] - 1.2 * cm, footer_note)
        canvas.drawCentredString(A4[0] / 2, 1.0 * cm, f"Side {doc.page}")
        canvas.restoreState()

    out.parent.mkdir(parents=True, exist_ok=True)
    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm)
    if layout == "tokolonne":
        w = (A4[0] - 4 * cm - 0.8 * cm) / 2
        frames = [Frame(2 * cm, 2 * cm, w, A4[1] - 4 * cm, id="v"), Frame(2 * cm + w + 0.8 * cm, 2 * cm, w, A4[1] - 4 * cm, id="h")]
    else:
        frames = [Frame(2 * cm, 2 * cm, A4[0] - 4 * cm, A4[1] - 4 * cm, id="f")]
    doc.addPageTemplates([PageTemplate(id="p", frames=frames, onPage=decorate)])
    doc.build(story)
    return out


def render_corpus(folder: Path, out_dir: Path, split: str | None = None) -> int:
    """Render every corpus document to PDF, cycling through the layouts; writes gull.jsonl beside them."""
    recs = [json.loads(line) for line in (folder / "korpus.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = []
    n = 0
    for k, rec in enumerate(recs):
        if split and rec["split"] != split:
            continue
        layout = "mal" if rec.get("stil") == "tabell" else LAYOUTS[k % len(LAYOUTS)]
        name = f"{rec['id']}.pdf"
        render_markdown_pdf(rec["tekst"], out_dir / name, layout, header=rec.get("senter") or "Senter for foreldre og barn")
        gold.append({"file": name, "doc_type": rec["dokumenttype"], "scanned": False, "nynorsk": rec.get("sprak") == "nn",
                     "layout": layout, "labels": rec["labels"], "split": rec["split"], "kilde": rec.get("kilde")})
        n += 1
    (out_dir / "gull.jsonl").write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in gold) + "\n", encoding="utf-8")
    return n
