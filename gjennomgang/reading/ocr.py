"""OCR for pages without a text layer, when tesseract with Norwegian data is installed."""

from __future__ import annotations

import functools
import shutil
import subprocess

from ..document import Block
from .headings import BULLET, looks_like_heading
from .normalise import join_hyphenated, normalise_text

INSTALL_HINT = "Installer tesseract-ocr og tesseract-ocr-nor (apt-get install tesseract-ocr tesseract-ocr-nor) for å lese skannede sider."


@functools.lru_cache(maxsize=1)
def available() -> bool:
    """True when the tesseract binary, Norwegian language data and pytesseract are present."""
    if not shutil.which("tesseract"):
        return False
    try:
        import pytesseract  # noqa: F401
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20)
    except Exception:
        return False
    return "nor" in out.stdout.split()


def _text_to_blocks(text: str, page_no: int) -> list[Block]:
    blocks: list[Block] = []
    for para in text.split("\n\n"):
        lines = [normalise_text(line) for line in para.split("\n") if line.strip()]
        current: Block | None = None
        for line in lines:
            if looks_like_heading(line) and current is None:
                blocks.append(Block(text=line, page=page_no, kind="heading", level=2, ocr=True))
                continue
            if current is None or BULLET.match(line):
                current = Block(text=line, page=page_no, kind="bullet" if BULLET.match(line) else "paragraph", ocr=True)
                blocks.append(current)
            else:
                merged, used = join_hyphenated(current.text, line)
                current.text = merged if used else current.text + " " + line
    return blocks


def read_page(page, page_no: int, resolution: int = 300) -> list[Block]:
    """OCR one pdfplumber page into blocks marked `ocr=True`."""
    import pytesseract

    image = page.to_image(resolution=resolution).original
    text = pytesseract.image_to_string(image, lang="nor", config="--psm 4")
    return _text_to_blocks(text, page_no)
