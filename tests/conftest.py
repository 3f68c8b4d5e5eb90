"""Shared fixtures: repository paths, one Checker per session, small PDF builders."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = SHARED / "eksempler"
OWN_EXAMPLES = ROOT / "eksempler"

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture(scope="session")
def checker():
    """Rules only, fallback NLP pipeline: what every machine has."""
    from gjennomgang.checker import Checker

    return Checker(pipeline="fallback", model=None)


@pytest.fixture(scope="session")
def shared_examples():
    if not (EXAMPLES / "gold.jsonl").exists():
        pytest.skip("../shared/eksempler mangler")
    return EXAMPLES


def make_pdf(pages: list[list[tuple[str, str]]], *, header: str | None = None, footer: bool = True,
             two_columns: bool = False) -> bytes:
    """Tiny reportlab PDF. Each page is a list of (style, text); style: h (heading), p, pre (no wrap)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    for n, page in enumerate(pages, start=1):
        if header:
            c.setFont("Helvetica", 8)
            c.drawString(56, height - 30, header)
        if footer:
            c.setFont("Helvetica", 8)
            c.drawCentredString(width / 2, 25, f"Side {n}")
        cols = [(56, page)] if not two_columns else [(56, page[: len(page) // 2]), (310, page[len(page) // 2:])]
        for x, items in cols:
            y = height - 100
            for style, text in items:
                if style == "h":
                    c.setFont("Helvetica-Bold", 13)
                else:
                    c.setFont("Helvetica", 10.5)
                c.drawString(x, y, text)
                y -= 20 if style == "h" else 14
        c.showPage()
    c.save()
    return buf.getvalue()
