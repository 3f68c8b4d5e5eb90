"""The completeness report as a document: self-contained HTML (print to A4) and Markdown.

Both are rendered from the same Result through Jinja2 templates in `templates/`. The Python side
only prepares a plain view of the result (`build_view`): Norwegian words, formatted numbers and
dates, highlighted evidence split into segments, and, when asked, personal names masked. The
templates decide the layout. The HTML has its CSS inline and references nothing outside itself
(no fonts, no scripts, no images, no links), and a Content-Security-Policy that forbids loading
anything, so opening it can never reach the network.
"""

from __future__ import annotations

import datetime as _dt
import errno
import functools
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..catalogue import LEVELS
from ..errors import GjennomgangError
from ..result import Result, Verdict
from .labels import DOCTYPE_WORDS, FACT_WORDS, LEVEL_WORDS, SOURCE_WORDS, VERDICT_ICONS, VERDICT_WORDS, fact_value
from .masking import NameMasker

TEMPLATE_DIR = Path(__file__).parent / "templates"
FORMATS = {"html": ("rapport.html", ".gjennomgang.html"), "md": ("rapport.md", ".gjennomgang.md")}
# Within a level, what needs action comes first.
_VERDICT_ORDER = {"mangler": 0, "usikker": 1, "oppfylt": 2, "ikke_relevant": 3}
_LANGUAGE_WORDS = {"nb": "bokmål", "nn": "nynorsk"}
_MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"]
_DECISION = {  # state → (icon, short explanation)
    "klar": ("✔", "Alle krav er dokumentert."),
    "ikke_klar": ("✘", "Minst ett krav mangler. Rapporten bør sendes tilbake til forfatteren."),
    "manuell": ("?", "Verktøyet er usikkert på minst ett krav. Les de markerte punktene før du godkjenner."),
    "skannet": ("!", "Ingen krav er vurdert, og ingenting er markert som manglende. Dokumentet må leses manuelt."),
    "feil": ("!", "Ingen krav er vurdert, og ingenting er markert som manglende."),
}


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)), autoescape=select_autoescape(["html"], default=False),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = escape_markdown
    return env



# -- formatting helpers -------------------------------------------------------------------
def percent(value: float) -> str:
    return f"{round(float(value) * 100)}\u00a0%"


def number(value) -> str:
    if isinstance(value, float):
        text = f"{value:.1f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    return str(value)


def norwegian_date(value) -> str:
    """'2024-10-01' → '1. oktober 2024'; anything else unchanged."""
    if isinstance(value, str):
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
        if m:
            year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if 1 <= month <= 12:
                return f"{day}. {_MONTHS[month - 1]} {year}"
    return str(value)


def fact_display(key: str, value) -> str:
    if key in ("tiltak_start", "tiltak_slutt"):
        return norwegian_date(value)
    if isinstance(value, float):
        return number(value)
    return fact_value(value)


def escape_markdown(text) -> str:
    """Make document text inert in Markdown: no emphasis, links, HTML or tables from it."""
    text = "" if text is None else str(text)
    text = re.sub(r"\s*\n\s*", " ", text)
    text = re.sub(r"([\\`*\[\]{}<>#|~])", r"\\\1", text)
    # the masks are no links (nothing follows that could make them one): keep them readable
    text = re.sub(r"\\\[(navn|fødselsnummer)\\\](?![(\[:\\])", r"[\1]", text)
    return re.sub(r"(?<![^\W_])_|_(?![^\W_])", r"\_", text)  # intraword «_» is literal already


def highlight(text: str, words) -> list[tuple[str, bool]]:
    """Split `text` into (segment, is_match) pairs, matching the evidence words (`treff`) as whole
    words regardless of case; longer matches win, overlapping matches merge."""
    spans: list[tuple[int, int]] = []
    for word in sorted({str(w).strip() for w in (words or []) if str(w).strip()}, key=len, reverse=True):
        pattern = r"(?<![^\W_])" + r"\s+".join(re.escape(p) for p in word.split()) + r"(?![^\W_])"
        spans.extend((m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE))
    if not spans:
        return [(text, False)] if text else []
    spans.sort()
    merged = [list(spans[0])]
    for s, e in spans[1:]:
        if s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out


# -- the view ------------------------------------------------------------------------------
def _decision_state(result: Result) -> str:
    return result.decision_state()


def _evidence_view(e: dict, mask) -> dict:
    text = mask(str(e.get("tekst", "")))
    return {
        "side": e.get("side"),
        "avsnitt": mask(str(e.get("avsnitt") or "")),
        "segmenter": highlight(text, e.get("treff")),
        "kilde": SOURCE_WORDS.get(e.get("kilde", ""), str(e.get("kilde", ""))),
        "ocr": bool(e.get("ocr")),
        "grunn": mask(str(e.get("grunn") or "")),
    }


def _verdict_view(v: Verdict, mask) -> dict:
    return {
        "id": v.id,
        "niva": v.niva,
        "tittel": v.tittel,
        "vurdering": v.vurdering,
        "ord": VERDICT_WORDS.get(v.vurdering, v.vurdering),
        "ikon": VERDICT_ICONS.get(v.vurdering, "?"),
        "sikkerhet": percent(v.sikkerhet),
        "belegg": [_evidence_view(e, mask) for e in v.belegg],
        "mot": [_evidence_view(e, mask) for e in v.mot],
        "forklaring": mask(v.forklaring or ""),
        "hint": v.hint or "",
        "kilde_dokument": (v.kilde or {}).get("dokument", ""),
        "kilde_sitat": (v.kilde or {}).get("sitat", ""),
        "ocr": any(e.get("ocr") for e in v.belegg + v.mot),
    }


def _facts_view(fakta: dict, mask) -> list[dict]:
    sources = fakta.get("kilder") or {}
    keys = [k for k in FACT_WORDS if k in fakta] + sorted(k for k in fakta if k not in FACT_WORDS and k != "kilder")
    out = []
    for key in keys:
        src = sources.get(key) or {}
        out.append({"navn": FACT_WORDS.get(key, key.replace("_", " ").capitalize()),
                    "verdi": mask(fact_display(key, fakta[key])),
                    "side": src.get("side"),
                    "kilde": mask(str(src.get("tekst") or ""))})
    return out


def _decision_detail(result: Result) -> list[str]:
    """Which requirements the decision line is about, by title."""
    lines = []
    krav = [v for v in result.krav if v.niva == "krav"]
    missing = [v.tittel for v in krav if v.vurdering == "mangler"]
    unsure = [v.tittel for v in krav if v.vurdering == "usikker"]
    if missing:
        lines.append("Krav som mangler: " + ", ".join(missing) + ".")
    if unsure:
        lines.append("Krav som er usikre: " + ", ".join(unsure) + ".")
    others = [v for v in result.krav if v.niva != "krav" and v.vurdering in ("mangler", "usikker")]
    if others:
        lines.append("Anbefalinger som mangler eller er usikre: " + ", ".join(
            f"{v.tittel} ({LEVEL_WORDS.get(v.niva, v.niva).lower()}, {VERDICT_WORDS[v.vurdering].lower()})"
            for v in others) + ".")
    return lines


def build_view(result: Result, mask_names: bool = False, checked_at: _dt.datetime | None = None) -> dict:
    """Everything the templates show, as plain data (Norwegian words, formatted numbers)."""
    if mask_names:
        masker = NameMasker.for_document(result.tekst or "")
        mask = masker
        masking = masker.method
    else:
        def mask(text: str) -> str:
            return text
        masking = ""
    checked_at = checked_at or _dt.datetime.now()
    state = _decision_state(result)
    icon, explanation = _DECISION[state]
    counts = result.counts()
    groups = []
    for level in LEVELS:
        items = [v for v in result.krav if v.niva == level]
        if not items:
            continue
        items.sort(key=lambda v: _VERDICT_ORDER.get(v.vurdering, 9))
        groups.append({"niva": level, "navn": LEVEL_WORDS.get(level, level), "krav": [_verdict_view(v, mask) for v in items],
                       "telling": {k: counts.get(level, {}).get(k, 0) for k in VERDICT_WORDS}, "antall": len(items)})
    doctype = DOCTYPE_WORDS.get(result.dokumenttype, result.dokumenttype or "Ukjent dokumenttype")
    if result.dokumenttype_overstyrt:
        doctype_how = "valgt av brukeren"
    elif result.dokumenttype:
        doctype_how = f"gjenkjent av verktøyet, sikkerhet {percent(result.dokumenttype_sikkerhet)}"
    else:
        doctype_how = "ikke bestemt"
    file_name = "skjult (navn er maskert)" if mask_names else (result.fil or "–")
    meta = [
        ("Dokumenttype", f"{doctype} ({doctype_how})"),
        ("Fil", file_name),
        ("Sider", str(result.sider) if result.sider else "–"),
    ]
    if result.ocr_sider:
        meta.append(("Lest med OCR", "side " + ", ".join(map(str, result.ocr_sider))))
    if result.sprak:
        meta.append(("Språk", _LANGUAGE_WORDS.get(result.sprak, result.sprak)))
    meta += [
        ("Språkmodell (NLP)", result.pipeline or "–"),
        ("Klassifiseringsmodell", "ingen (bare regler)" if result.modell == "regler" else (result.modell or "–")),
        ("Kravkatalog", f"versjon {result.katalog}" if result.katalog else "–"),
        ("Verktøy", f"gjennomgang {result.versjon}"),
        ("Sjekket", checked_at.strftime("%d.%m.%Y kl. %H.%M")),
    ]
    if masking:
        meta.append(("Navnemaskering", f"på – {masking}"))
    notices = [mask(w) for w in result.advarsler]
    if result.melding and state not in ("skannet", "feil"):
        notices.append(mask(result.melding))
    return {
        "tittel": doctype if result.dokumenttype else {"skannet": "Skannet dokument", "feil": "Dokument som ikke kunne sjekkes"}.get(state, "Dokument"),
        "fil": file_name,
        "maskert": bool(mask_names),
        "beslutning": result.decision_line(),
        "tilstand": state,
        "ikon": icon,
        "forklaring": explanation,
        "detaljer": _decision_detail(result),
        "grupper": groups,
        "verdikt_ord": VERDICT_WORDS,
        "verdikt_ikon": VERDICT_ICONS,
        "fakta": _facts_view(result.fakta or {}, mask),
        "meta": meta,
        "sha256": result.sha256 or "",
        "melding": mask(result.melding or ""),
        "merknader": notices,
        "dato": checked_at.strftime("%d.%m.%Y"),
        "har_ocr": bool(result.ocr_sider),
    }


def render_html(result: Result, mask_names: bool = False, checked_at: _dt.datetime | None = None) -> str:
    return _environment().get_template(FORMATS["html"][0]).render(**build_view(result, mask_names, checked_at))


def render_markdown(result: Result, mask_names: bool = False, checked_at: _dt.datetime | None = None) -> str:
    return _environment().get_template(FORMATS["md"][0]).render(**build_view(result, mask_names, checked_at))


def report_name(result: Result, fmt: str) -> str:
    """`<stem>.gjennomgang.html`: the input file's name with a safe set of characters."""
    stem = Path(result.fil or "dokument").stem or "dokument"
    stem = re.sub(r"[^\w.\-]+", "_", stem).strip("._") or "dokument"
    return stem + FORMATS[fmt][1]


def write_report(result: Result, fmt: str, out_dir: str | Path, mask_names: bool = False) -> Path:
    """Render `result` as `fmt` ("html" or "md") into `out_dir` and return the file's path."""
    if fmt not in FORMATS:
        raise ValueError(f"ukjent rapportformat: {fmt}")
    out_dir = Path(out_dir)
    text = render_html(result, mask_names) if fmt == "html" else render_markdown(result, mask_names)
    path = out_dir / report_name(result, fmt)
    tmp = path.with_name(path.name + ".tmp")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        why = {errno.ENOENT: "mappen finnes ikke og kunne ikke lages", errno.EACCES: "mangler skrivetilgang",
               errno.EPERM: "mangler skrivetilgang", errno.ENOSPC: "disken er full",
               errno.EROFS: "mappen er skrivebeskyttet", errno.ENOTDIR: "stien er ikke en mappe"}.get(exc.errno, "skrivefeil")
        raise GjennomgangError(f"Kunne ikke skrive rapporten til mappen «{out_dir}» ({why}). "
                               "Sjekk at mappen finnes og at du har skrivetilgang.") from None
    return path
