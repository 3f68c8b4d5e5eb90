"""Result → what the page shows (HTML snippets, highlight segments, choices). No gradio here.

All user-visible text is Norwegian bokmål; every piece of document text is HTML-escaped.
"""

from __future__ import annotations

import html
import re

from ..reporting.labels import DOCTYPE_WORDS, LEVEL_WORDS, SOURCE_WORDS, VERDICT_ICONS, VERDICT_WORDS
from ..result import Result, Verdict

ALL = "alle"  # the requirement-picker value meaning «all evidence»
LEVEL_ORDER = ["krav", "bor_folges", "bor_vurderes"]
VERDICT_ORDER = ["mangler", "usikker", "oppfylt", "ikke_relevant"]
MAX_VIEW_CHARS = 120_000  # longer texts are shown as excerpts around the evidence
CONTEXT_CHARS = 700
LABEL_FOR = "Belegg"
LABEL_FOR_OCR = "Belegg (OCR-lest)"
LABEL_AGAINST = "Tyder på at det mangler"

e = html.escape


def _pct(x: float) -> str:
    return f"{round(100 * float(x or 0))} %"


def decision_state(result: Result) -> str:
    """klar | ikke_klar | manuell | feil — drives the colour of the banner (words say the same)."""
    state = result.decision_state()
    return "manuell" if state == "skannet" else state


_STATE_ICON = {"klar": "✔", "ikke_klar": "✘", "manuell": "?", "feil": "⚠"}


def verdict_badge(vurdering: str) -> str:
    return (f'<span class="gj-badge gj-{e(vurdering)}"><span aria-hidden="true">{e(VERDICT_ICONS.get(vurdering, ""))}</span> '
            f'{e(VERDICT_WORDS.get(vurdering, vurdering))}</span>')


def count_line(result: Result) -> str:
    """«Krav: ✔ 5 oppfylt · ? 2 usikker» per level, in words and icons."""
    parts = []
    counts = result.counts()
    for level in LEVEL_ORDER:
        c = counts.get(level)
        if not c:
            continue
        items = [f'{e(VERDICT_ICONS[v])} {n} {e(VERDICT_WORDS[v].lower())}' for v in VERDICT_ORDER if (n := c.get(v))]
        parts.append(f'<span class="gj-count"><b>{e(LEVEL_WORDS.get(level, level))}:</b> {", ".join(items)}</span>')
    return " · ".join(parts)


def decision_html(result: Result | None) -> str:
    if result is None:
        return ('<div class="gj-decision gj-tom" role="status">Last opp et dokument eller lim inn tekst, '
                'og trykk «Sjekk dokumentet».</div>')
    state = decision_state(result)
    line = result.decision_line()
    counts = count_line(result) if result.krav else ""
    return (f'<div class="gj-decision gj-{state}" role="status" id="gj-beslutning">'
            f'<div class="gj-decision-line"><span aria-hidden="true">{_STATE_ICON[state]}</span> '
            f'<span class="gj-decision-text">{e(line)}</span></div>'
            + (f'<div class="gj-decision-counts">{counts}</div>' if counts else "")
            + '</div>')


def info_html(result: Result | None, deleted_upload: bool = False, note: str = "") -> str:
    if result is None:
        return f'<div class="gj-info">{e(note)}</div>' if note else ""
    rows = [("Fil", e(result.fil))]
    if result.dokumenttype:
        how = ("valgt av deg" if result.dokumenttype_overstyrt
               else f"gjenkjent automatisk, sikkerhet {_pct(result.dokumenttype_sikkerhet)}")
        rows.append(("Dokumenttype", f"{e(DOCTYPE_WORDS.get(result.dokumenttype, result.dokumenttype))} ({how})"))
    if result.sider:
        rows.append(("Sider", str(result.sider)))
    if result.ocr_sider:
        rows.append(("OCR-leste sider", e(", ".join(map(str, result.ocr_sider)))))
    if result.pipeline:
        rows.append(("Språkmodell / modell", f"{e(result.pipeline)} / {e(result.modell)}"))
    if result.sha256:
        rows.append(("Fingeravtrykk (SHA-256)", f'<code title="{e(result.sha256)}">{e(result.sha256[:16])}…</code>'))
    body = "".join(f"<tr><th scope='row'>{k}</th><td>{v}</td></tr>" for k, v in rows)
    notes = []
    if result.melding and not result.feil:
        notes.append(f'<p class="gj-melding">{e(result.melding)}</p>')
    for w in result.advarsler:
        notes.append(f'<p class="gj-advarsel">Advarsel: {e(w)}</p>')
    if note:
        notes.append(f'<p class="gj-advarsel">{e(note)}</p>')
    if deleted_upload:
        notes.append('<p class="gj-personvern">Den opplastede filen er slettet fra serveren. '
                     'Resultatet og rapportene slettes automatisk etter en kort tid.</p>')
    return f'<div class="gj-info"><table class="gj-facts">{body}</table>{"".join(notes)}</div>'


def _pages(v: Verdict) -> list[int]:
    return sorted({b["side"] for b in v.belegg if isinstance(b.get("side"), int)})


def _remark(v: Verdict) -> str:
    if v.vurdering == "oppfylt":
        pages = _pages(v)
        n = len(v.belegg)
        where = f" på side {', '.join(map(str, pages))}" if pages else ""
        return f"{n} setning{'er' if n != 1 else ''} som belegg{where}." if n else e(v.forklaring)
    out = e(v.forklaring) if v.forklaring else ""
    if v.vurdering in ("mangler", "usikker") and v.hint:
        out += f'<br><span class="gj-hint"><b>Tips:</b> {e(v.hint)}</span>'
    return out


def checklist_html(result: Result | None) -> str:
    if result is None:
        return ""
    if result.feil:
        return (f'<div class="gj-feil" role="alert"><b>Filen kunne ikke sjekkes.</b> {e(result.melding)}</div>')
    if not result.krav:
        return f'<div class="gj-melding">{e(result.melding or "Ingen krav ble vurdert.")}</div>'
    parts = ['<div class="gj-checklist" id="gj-sjekkliste">']
    for level in LEVEL_ORDER + sorted({v.niva for v in result.krav} - set(LEVEL_ORDER)):
        items = [v for v in result.krav if v.niva == level]
        if not items:
            continue
        parts.append(f'<h3 class="gj-level">{e(LEVEL_WORDS.get(level, level))} <span class="gj-n">({len(items)})</span></h3>')
        parts.append('<table class="gj-table"><thead><tr><th scope="col">Vurdering</th><th scope="col">Krav</th>'
                     '<th scope="col">Sikkerhet</th><th scope="col">Belegg og merknad</th></tr></thead><tbody>')
        for v in items:
            parts.append(f'<tr class="gj-row gj-row-{e(v.vurdering)}" data-krav="{e(v.id)}">'
                         f'<td>{verdict_badge(v.vurdering)}</td>'
                         f'<td><b>{e(v.tittel)}</b><br><span class="gj-id">{e(v.id)}</span></td>'
                         f'<td>{_pct(v.sikkerhet)}</td><td>{_remark(v)}</td></tr>')
        parts.append("</tbody></table>")
    parts.append("</div>")
    return "".join(parts)


def requirement_choices(result: Result | None) -> list[tuple[str, str]]:
    if result is None or not result.krav:
        return []
    choices = [("Alle krav (alt belegg)", ALL)]
    for v in result.krav:
        choices.append((f"{VERDICT_ICONS.get(v.vurdering, '')} {VERDICT_WORDS.get(v.vurdering, v.vurdering)} · {v.tittel}", v.id))
    return choices


# -- highlighting ---------------------------------------------------------------------------
def _span(text: str, ev: dict) -> tuple[int, int] | None:
    """The evidence's offsets into the text; found by search when they are missing or stale."""
    s, t = ev.get("start"), ev.get("slutt")
    sentence = ev.get("tekst") or ""
    if isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text):
        if not sentence or text[s:t] == sentence or text[s:t].split() == sentence.split():
            return s, t
    if sentence:
        i = text.find(sentence)
        if i >= 0:
            return i, i + len(sentence)
    return None


def _spans(result: Result, req_id: str) -> list[tuple[int, int, str]]:
    text = result.tekst or ""
    out = []
    verdicts = result.krav if req_id == ALL else [v for v in result.krav if v.id == req_id]
    for v in verdicts:
        if req_id == ALL:
            groups = [(v.belegg, v.tittel)]
        else:
            groups = [(v.belegg, None), (v.mot, LABEL_AGAINST)]
        for evs, label in groups:
            for ev in evs:
                sp = _span(text, ev)
                if sp:
                    lab = label or (LABEL_FOR_OCR if ev.get("ocr") else LABEL_FOR)
                    out.append((sp[0], sp[1], lab))
    return out


def _segment(text: str, spans: list[tuple[int, int, str]], lo: int, hi: int) -> list[tuple[str, str | None]]:
    """Split text[lo:hi] into (piece, label) with no overlaps: the first span covering a piece wins."""
    cuts = {lo, hi}
    for s, t, _ in spans:
        if s < hi and t > lo:
            cuts.update((max(s, lo), min(t, hi)))
    cuts = sorted(cuts)
    out: list[tuple[str, str | None]] = []
    for a, b in zip(cuts, cuts[1:]):
        label = next((lab for s, t, lab in spans if s <= a and b <= t), None)
        piece = text[a:b]
        if out and out[-1][1] == label:
            out[-1] = (out[-1][0] + piece, label)
        else:
            out.append((piece, label))
    return [p for p in out if p[0]]


def highlights(result: Result | None, req_id: str | None = ALL) -> list[tuple[str, str | None]]:
    """Segments for gr.HighlightedText: the document text with the chosen evidence labelled."""
    if result is None or not result.tekst:
        return []
    text = result.tekst
    spans = _spans(result, req_id or ALL)
    if len(text) <= MAX_VIEW_CHARS:
        return _segment(text, spans, 0, len(text))
    # Long documents: show excerpts around the evidence only.
    windows: list[list[int]] = []
    for s, t, _ in sorted(spans):
        a, b = max(0, s - CONTEXT_CHARS), min(len(text), t + CONTEXT_CHARS)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    if not windows:
        return [(text[:MAX_VIEW_CHARS], None), ("\n\n[… resten av teksten er ikke vist her]", None)]
    out: list[tuple[str, str | None]] = []
    for a, b in windows:
        out.append(("\n[…]\n" if a > 0 else "", None))
        out.extend(_segment(text, spans, a, b))
    if windows[-1][1] < len(text):
        out.append(("\n[…]", None))
    return [p for p in out if p[0]]


def _mark_hits(sentence: str, hits: list[str]) -> str:
    out = e(sentence)
    words = sorted({h for h in hits or [] if isinstance(h, str) and len(h) > 1}, key=len, reverse=True)
    if not words:
        return out
    pattern = re.compile("|".join(re.escape(e(w)) for w in words), re.IGNORECASE)
    return pattern.sub(lambda m: f"<b>{m.group(0)}</b>", out)


def _evidence_item(ev: dict) -> str:
    meta = []
    if ev.get("side"):
        meta.append(f"Side {e(str(ev['side']))}")
    if ev.get("avsnitt"):
        meta.append(f"«{e(str(ev['avsnitt']))}»")
    src = SOURCE_WORDS.get(ev.get("kilde", ""), ev.get("kilde", ""))
    if src:
        meta.append(f"funnet av {e(str(src))}" + (f", styrke {_pct(ev['styrke'])}" if ev.get("styrke") is not None else ""))
    if ev.get("ocr"):
        meta.append("OCR-lest tekst")
    if ev.get("grunn"):
        meta.append(e(str(ev["grunn"])))
    return (f'<li><div class="gj-meta">{" · ".join(meta)}</div>'
            f'<blockquote>{_mark_hits(ev.get("tekst", ""), ev.get("treff", []))}</blockquote></li>')


def evidence_html(result: Result | None, req_id: str | None) -> str:
    if result is None:
        return ""
    if not result.krav:
        return ""
    if not req_id or req_id == ALL:
        n = sum(len(v.belegg) for v in result.krav)
        return (f'<div class="gj-evidence"><p>Teksten til høyre viser alt belegget verktøyet fant '
                f'({n} setning{"er" if n != 1 else ""}), '
                'farget per krav. <b>Velg et krav</b> i listen for å se belegget for det kravet, med side og avsnitt.</p></div>')
    v = next((x for x in result.krav if x.id == req_id), None)
    if v is None:
        return '<div class="gj-evidence"><p>Fant ikke kravet. Sjekk dokumentet på nytt.</p></div>'
    parts = [f'<div class="gj-evidence" id="gj-belegg"><h3>{e(v.tittel)}</h3>',
             f'<p>{verdict_badge(v.vurdering)} <span class="gj-id">sikkerhet {_pct(v.sikkerhet)} · {e(LEVEL_WORDS.get(v.niva, v.niva))}</span></p>']
    if v.forklaring:
        parts.append(f"<p>{e(v.forklaring)}</p>")
    if v.belegg:
        parts.append(f"<h4>Belegg ({len(v.belegg)})</h4><ol>{''.join(_evidence_item(b) for b in v.belegg)}</ol>")
    else:
        parts.append("<p><b>Fant ikke belegg for dette kravet i teksten.</b></p>")
    if v.mot:
        parts.append(f"<h4>Tekst som tyder på at det mangler ({len(v.mot)})</h4>"
                     f"<ol>{''.join(_evidence_item(b) for b in v.mot)}</ol>")
    if v.vurdering in ("mangler", "usikker"):
        if v.hint:
            parts.append(f'<p class="gj-hint"><b>Slik kan det skrives:</b> {e(v.hint)}</p>')
        if v.kilde and v.kilde.get("sitat"):
            parts.append(f'<p class="gj-kilde"><b>Retningslinjen sier:</b> «{e(v.kilde["sitat"])}» '
                         f'({e(v.kilde.get("dokument", ""))})</p>')
    parts.append("</div>")
    return "".join(parts)


def color_map(result: Result | None, req_id: str | None) -> dict[str, str]:
    """Colours for the labels that occur (the legend lists exactly these; words carry the meaning)."""
    if req_id and req_id != ALL:
        present = {lab for _, _, lab in _spans(result, req_id)} if result else set()
        colours = {LABEL_FOR: "#9be3b0", LABEL_FOR_OCR: "#b9d9f5", LABEL_AGAINST: "#f7b89a"}
        return {k: c for k, c in colours.items() if k in present}
    palette = ["#9be3b0", "#f9d77e", "#a8c8f5", "#f5a8c8", "#c8b3f0", "#8fd9d2", "#f0bb8a", "#d3e58f",
               "#e3b4e8", "#b5d3a7", "#f5c2a8", "#a9b8e8"]
    present = {lab for _, _, lab in _spans(result, ALL)} if result else set()
    titles = [v.tittel for v in (result.krav if result else []) if v.tittel in present]
    return {t: palette[i % len(palette)] for i, t in enumerate(titles)}
