"""Downloadable reports for one result: JSON always, HTML when the report renderer is available."""

from __future__ import annotations

import importlib
import json
import logging
import re
from pathlib import Path

from ..result import Result

log = logging.getLogger(__name__)


def safe_stem(name: str, fallback: str = "dokument") -> str:
    """A file-name stem that is safe on every system (the user's file name is only a hint)."""
    stem = Path(name or "").stem
    stem = re.sub(r"[^\w\-. ]+", "_", stem, flags=re.UNICODE).strip(" ._")[:80]
    return stem or fallback


def write_json(result: Result, out_dir: Path) -> Path:
    path = Path(out_dir) / f"{safe_stem(result.fil)}-gjennomgang.json"
    path.write_text(json.dumps(result.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_html(result: Result, out_dir: Path) -> Path | None:
    """Write the HTML report, or return None when no renderer is available or it fails."""
    try:
        mod = importlib.import_module("gjennomgang.reporting.documents")
    except ImportError:
        return None
    path = Path(out_dir) / f"{safe_stem(result.fil)}-gjennomgang.html"
    try:
        render = getattr(mod, "render_html", None)
        if render is not None:
            path.write_text(render(result), encoding="utf-8")
            return path
        write_report = getattr(mod, "write_report", None)
        if write_report is not None:
            sub = Path(out_dir) / "html"
            sub.mkdir(exist_ok=True)
            written = Path(write_report(result, "html", sub))
            written.replace(path)
            return path
    except Exception as exc:  # the report is a bonus; the page must still show the result
        log.error("HTML-rapporten kunne ikke lages: %s", type(exc).__name__)
    return None
