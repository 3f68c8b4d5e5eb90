"""Outputs of an audit run: utvalg.csv, resultater.csv/.xlsx, sammendrag.json and sammendrag.html.

The summary (JSON and HTML) is built once as a dict in which every shown text has already been
masked; the HTML is rendered from that dict only. Documents are identified in the summary by their
number in the sample and a short fingerprint (file names only with --vis-filnavn, and then masked).
The CSV/XLSX lists are the auditor's working files: they hold the relative paths (with national
identity numbers masked) so that a document can be found again.
"""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

from jinja2 import Environment, select_autoescape

from ..catalogue import load_catalogue
from ..reporting.labels import DOCTYPE_WORDS, LEVEL_WORDS, VERDICT_WORDS
from .privacy import mask_personal_numbers, mask_text, masking_description
from .stats import Counts, Z95, aggregate, checked, completeness, wilson

SHORT_FP = 12
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Keep spreadsheet programs from running a cell as a formula (CSV/XLSX injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def doc_id(nr: int, fingerprint: str) -> str:
    return f"Dok. {nr} ({fingerprint[:SHORT_FP]})"


def pct(x: float | None, decimals: int = 0) -> str:
    if x is None:
        return "–"
    return f"{100 * x:.{decimals}f}".replace(".", ",") + " %"


def interval_text(ci) -> str:
    if not ci:
        return "–"
    return f"{pct(ci[0])}–{pct(ci[1])}"


def status_of(rec: dict) -> str:
    if rec.get("feil") == "tidsavbrudd":
        return "tidsavbrudd"
    if rec.get("feil"):
        return "ulesbar"
    if rec.get("skannet") and not rec.get("krav"):
        return "skannet"
    return "sjekket"


def requirement_columns(records: list[dict]) -> list[str]:
    """Requirement ids in catalogue order for the document types present in the records."""
    cat = load_catalogue()
    types = [t for t in cat.doctypes if any(r.get("dokumenttype") == t for r in records)]
    cols: list[str] = []
    for t in types:
        for req in cat.requirements_for(t):
            if req.id not in cols:
                cols.append(req.id)
    for r in records:  # anything not in the catalogue (another catalogue version) goes last
        for rid in r.get("krav", {}):
            if rid not in cols:
                cols.append(rid)
    return cols


# -- working lists ----------------------------------------------------------------------------
def write_sample_csv(path: Path, sample, seed: str) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["nr", "fil", "fingeravtrykk", "lag", "frø", "rangnøkkel"])
        from .sampling import rank_key

        for s in sample:
            w.writerow([s.nr, safe_cell(mask_personal_numbers(s.ref.rel)), s.ref.fingerprint, safe_cell(s.stratum),
                        seed, rank_key(seed, s.ref.fingerprint)])


def result_rows(records: list[dict]) -> tuple[list[str], list[list]]:
    cols = requirement_columns(records)
    header = ["nr", "fil", "fingeravtrykk", "lag", "dokumenttype", "status", "skannet", "beslutning", "melding"] + cols
    rows = []
    for r in records:
        krav = r.get("krav", {})
        rows.append([r["nr"], mask_personal_numbers(r["fil"]), r["fingeravtrykk"], r.get("lag", ""),
                     r.get("dokumenttype", ""), status_of(r), "ja" if r.get("skannet") else "nei",
                     mask_text(r.get("beslutning", "")) if r.get("feil") else r.get("beslutning", ""),
                     mask_text(r.get("melding", ""))]
                    + [krav.get(c, {}).get("vurdering", "") for c in cols])
    return header, rows


def write_results_csv(path: Path, records: list[dict]) -> None:
    header, rows = result_rows(records)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(header)
        for row in rows:
            w.writerow([safe_cell(v) for v in row])


def write_results_xlsx(path: Path, records: list[dict], summary: dict) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header, rows = result_rows(records)
    wb = Workbook()
    ws = wb.active
    ws.title = "Resultater"
    ws.append(header)
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    fills = {"oppfylt": "E6F4EA", "mangler": "FDECEC", "usikker": "FFF3D6", "ikke_relevant": "EEEEEE"}
    first_req = header.index("melding") + 2
    for row in ws.iter_rows(min_row=2, min_col=first_req, max_col=len(header)):
        for cell in row:
            colour = fills.get(cell.value)
            if colour:
                cell.fill = PatternFill("solid", fgColor=colour)
    widths = {"nr": 6, "fil": 40, "fingeravtrykk": 18, "lag": 18, "dokumenttype": 16, "status": 12, "skannet": 8,
              "beslutning": 28, "melding": 40}
    for i, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(name, 14)
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = ws.dimensions

    ws2 = wb.create_sheet("Kompletthet")
    ws2.append(["dokumenttype", "krav", "tittel", "nivå", "lag", "aktuelle", "oppfylt", "mangler", "usikker",
                "ikke relevant", "andel oppfylt", "95 % nedre", "95 % øvre", "andel hvis usikre er oppfylt"])
    for cell in ws2[1]:
        cell.font = bold
    for dt in summary["dokumenttyper"]:
        for req in dt["krav"]:
            for lag, c in [("(alle)", req["totalt"])] + list(req["per_lag"].items()):
                ci = c["wilson_95"] or [None, None]
                ws2.append([dt["id"], req["id"], req["tittel"], req["niva_navn"], safe_cell(lag), c["aktuelle"],
                            c["oppfylt"], c["mangler"], c["usikker"], c["ikke_relevant"], c["andel_oppfylt"],
                            ci[0], ci[1], c["andel_hvis_usikre_oppfylt"]])
    for col in "KLMN":
        for cell in ws2[col][1:]:
            cell.number_format = "0.0%"
    for i, w in enumerate([16, 24, 40, 12, 18], start=1):
        ws2.column_dimensions[get_column_letter(i)].width = w
    ws2.freeze_panes = "C2"
    wb.save(path)


def write_problems_csv(path: Path, problems: list[dict]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["id", "fil", "kode", "melding"])
        for p in problems:
            w.writerow([p["id"], safe_cell(mask_personal_numbers(p["fil"])), p["kode"], safe_cell(p["melding"])])


# -- the summary ------------------------------------------------------------------------------
def _strip_names(text: str, rec: dict, show_names: bool) -> str:
    """A reason may quote the file name; without --vis-filnavn it is replaced before masking."""
    if not show_names:
        base = Path(rec.get("fil", "").split("!/")[-1])
        names = {base.name, base.stem, re.sub(r"[^\w.\-]+", "_", base.name), re.sub(r"[^\w.\-]+", "_", base.stem)}
        for name in sorted(names, key=len, reverse=True):
            if name and len(name) > 2:
                text = text.replace(name, "[filnavn]")
    return mask_text(text)


def _doc_entry(rec: dict, show_names: bool) -> dict:
    entry = {"nr": rec["nr"], "id": doc_id(rec["nr"], rec["fingeravtrykk"]),
             "fingeravtrykk": rec["fingeravtrykk"], "lag": mask_personal_numbers(rec.get("lag", ""))}
    if show_names:
        entry["fil"] = mask_text(rec.get("fil", ""))
    return entry


def build_summary(records: list[dict], *, params: dict, population: dict, sample_sizes: dict[str, int],
                  problems: list[dict], show_names: bool) -> dict:
    """Everything the HTML shows, already masked. `records` are the sampled documents in order."""
    agg = aggregate(records)
    strata = sorted({r.get("lag", "") for r in records})
    stratified = strata != [""]
    cat = load_catalogue()
    order = list(cat.doctypes)
    doctypes = []
    for dt in sorted(agg, key=lambda t: order.index(t) if t in order else len(order)):
        reqs = agg[dt]
        if dt in cat.doctypes:
            cat_order = [r.id for r in cat.requirements_for(dt)]
        else:
            cat_order = []
        ids = sorted(reqs, key=lambda rid: cat_order.index(rid) if rid in cat_order else len(cat_order))
        n_docs = sum(1 for r in records if checked(r) and r.get("dokumenttype") == dt)
        dt_strata = [s for s in strata if any(reqs[rid].per_stratum.get(s) for rid in reqs)] if stratified else []
        doctypes.append({
            "id": dt, "navn": DOCTYPE_WORDS.get(dt, dt), "dokumenter": n_docs,
            "lag": [mask_personal_numbers(s) for s in dt_strata],
            "krav": [{"id": rid, "tittel": reqs[rid].tittel, "niva": reqs[rid].niva,
                      "niva_navn": LEVEL_WORDS.get(reqs[rid].niva, reqs[rid].niva),
                      "totalt": reqs[rid].total.as_dict(),
                      "per_lag": {mask_personal_numbers(s): reqs[rid].per_stratum.get(s, Counts()).as_dict()
                                  for s in dt_strata}}
                     for rid in ids],
        })
    (c_ok, c_n), per = completeness(records)
    komplett = {"komplette": c_ok, "sjekket": c_n, "andel": round(c_ok / c_n, 4) if c_n else None,
                "wilson_95": _round_ci(wilson(c_ok, c_n))}
    komplett_lag = {mask_personal_numbers(s): {"komplette": k, "sjekket": n, "andel": round(k / n, 4) if n else None,
                                               "wilson_95": _round_ci(wilson(k, n))}
                    for s, (k, n) in sorted(per.items())} if stratified else {}

    missing, unsure = [], []
    for dt in doctypes:
        for req in dt["krav"]:
            for verdict, bucket in (("mangler", missing), ("usikker", unsure)):
                docs = [_doc_entry(r, show_names) for r in records
                        if r.get("dokumenttype") == dt["id"] and r.get("krav", {}).get(req["id"], {}).get("vurdering") == verdict]
                if docs:
                    bucket.append({"dokumenttype": dt["id"], "dokumenttype_navn": dt["navn"], "krav": req["id"],
                                   "tittel": req["tittel"], "niva_navn": req["niva_navn"], "dokumenter": docs})

    unreadable, scanned = [], []
    for r in records:
        st = status_of(r)
        if st in ("ulesbar", "tidsavbrudd"):
            e = _doc_entry(r, show_names)
            e.update(kode=r.get("feil", ""), grunn=_strip_names(r.get("melding", ""), r, show_names),
                     tidsavbrudd=st == "tidsavbrudd")
            unreadable.append(e)
        elif r.get("skannet"):
            e = _doc_entry(r, show_names)
            e.update(vurdert=bool(r.get("krav")), grunn=_strip_names(r.get("melding", ""), r, show_names))
            scanned.append(e)

    shown_problems = [{"id": p["id"], "kode": p["kode"], "grunn": mask_text(p["melding"]),
                       **({"fil": mask_text(p["fil"])} if show_names else {})} for p in problems]
    return {
        "tittel": "Tilsyn: kompletthet i et tilfeldig utvalg",
        "parametre": params,
        "populasjon": population,
        "utvalg": {"dokumenter": len(records), "per_lag": {mask_personal_numbers(k): v for k, v in sample_sizes.items()}
                   if stratified else {}},
        "sjekket": sum(1 for r in records if checked(r)),
        "lagdelt": stratified,
        "lag": [mask_personal_numbers(s) for s in strata] if stratified else [],
        "kompletthet": {"alle": komplett, "per_lag": komplett_lag},
        "dokumenttyper": doctypes,
        "mangler": missing,
        "usikre": unsure,
        "ulesbare": unreadable,
        "skannede": scanned,
        "problemer_i_mappen": shown_problems,
        "personvern": masking_description(),
        "z": round(Z95, 6),
    }


def _round_ci(ci):
    return None if ci is None else [round(ci[0], 4), round(ci[1], 4)]


def write_summary_json(path: Path, summary: dict) -> None:
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")


# -- HTML -------------------------------------------------------------------------------------
def svg_chart(doctype: dict) -> str:
    """Horizontal bars (share oppfylt) with Wilson 95 % whiskers, one row per requirement."""
    rows = doctype["krav"]
    label_w, bar_w, row_h, top = 250, 420, 26, 28
    width = label_w + bar_w + 120
    height = top + row_h * len(rows) + 24
    out = [f'<svg viewBox="0 0 {width} {height}" width="100%" '
           f'role="img" aria-labelledby="figtittel-{doctype["id"]}" class="diagram">',
           f'<title id="figtittel-{doctype["id"]}">Andel oppfylt per krav med 95 % konfidensintervall '
           f'(Wilson), {_esc(doctype["navn"])}</title>']
    for tick in range(0, 101, 20):
        x = label_w + bar_w * tick / 100
        out.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 20}" stroke="#d6d6d6" stroke-width="1"/>')
        out.append(f'<text x="{x:.1f}" y="{top - 10}" font-size="11" text-anchor="middle" fill="#4a4a4a">{tick} %</text>')
    for i, req in enumerate(rows):
        y = top + i * row_h
        c = req["totalt"]
        label = _esc(req["tittel"] if len(req["tittel"]) <= 38 else req["tittel"][:36] + "…")
        out.append(f'<text x="{label_w - 8}" y="{y + 16}" font-size="12" text-anchor="end" fill="#1a1a1a">{label}</text>')
        rate = c["andel_oppfylt"]
        if rate is None:
            out.append(f'<text x="{label_w + 4}" y="{y + 16}" font-size="11" fill="#4a4a4a">ikke aktuelt i utvalget</text>')
            continue
        colour = "#2e7d32" if rate >= 0.8 else "#b26a00" if rate >= 0.5 else "#c62828"
        out.append(f'<rect x="{label_w}" y="{y + 5}" width="{bar_w * rate:.1f}" height="{row_h - 10}" fill="{colour}" '
                   f'opacity="0.85"><title>{_esc(req["tittel"])}: {pct(rate)} '
                   f'({interval_text(c["wilson_95"])}), n = {c["aktuelle"]}</title></rect>')
        lo, hi = c["wilson_95"]
        x1, x2, ym = label_w + bar_w * lo, label_w + bar_w * hi, y + row_h / 2
        out.append(f'<line x1="{x1:.1f}" y1="{ym:.1f}" x2="{x2:.1f}" y2="{ym:.1f}" stroke="#1a1a1a" stroke-width="1.6"/>')
        for x in (x1, x2):
            out.append(f'<line x1="{x:.1f}" y1="{ym - 6:.1f}" x2="{x:.1f}" y2="{ym + 6:.1f}" stroke="#1a1a1a" stroke-width="1.6"/>')
        out.append(f'<text x="{label_w + bar_w + 8}" y="{y + 16}" font-size="12" fill="#1a1a1a">{pct(rate)} '
                   f'(n = {c["aktuelle"]})</text>')
    out.append(f'<text x="{label_w}" y="{height - 4}" font-size="11" fill="#4a4a4a">Stolpe: andel oppfylt. '
               'Strek: 95 % konfidensintervall (Wilson).</text>')
    out.append("</svg>")
    return "\n".join(out)


def _esc(s: str) -> str:
    return (str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


_TEMPLATE = r"""<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="gjennomgang">
<title>{{ s.tittel }}</title>
<style>
:root { --tekst:#1a1a1a; --dempet:#4a4a4a; --linje:#c8c8c8; --flate:#f5f5f3; --ok:#1d5b2a; --ok-bg:#e6f4ea;
        --mangler:#a4161a; --mangler-bg:#fdecec; --usikker:#6b4500; --usikker-bg:#fff3d6; }
* { box-sizing: border-box; }
body { margin:0; color:var(--tekst); background:#fff; line-height:1.45;
       font-family:"Segoe UI","Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif; }
.side { max-width:76rem; margin:0 auto; padding:1.5rem 1.5rem 3rem; }
header.topp { border-bottom:3px solid var(--tekst); padding-bottom:.6rem; margin-bottom:1rem; }
.overtittel { margin:0; font-size:.85rem; letter-spacing:.06em; text-transform:uppercase; color:var(--dempet); }
h1 { font-size:1.7rem; margin:.15rem 0 .25rem; line-height:1.2; }
h2 { font-size:1.3rem; margin:2rem 0 .6rem; padding-bottom:.2rem; border-bottom:1px solid var(--linje); }
h3 { font-size:1.08rem; margin:1.2rem 0 .3rem; }
.nokkeltall { display:grid; grid-template-columns:repeat(auto-fit,minmax(10rem,1fr)); gap:.6rem; margin:1rem 0; }
.nokkeltall div { background:var(--flate); border:1px solid var(--linje); border-radius:4px; padding:.6rem .8rem; }
.nokkeltall b { display:block; font-size:1.5rem; }
table { border-collapse:collapse; width:100%; margin:.4rem 0 .8rem; font-size:.86rem; }
caption { text-align:left; font-weight:700; padding:0 0 .3rem; }
th, td { border:1px solid var(--linje); padding:.3rem .5rem; text-align:left; vertical-align:top; }
th { background:var(--flate); }
td.tall, th.tall { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
.dempet { color:var(--dempet); }
.merknad { background:var(--flate); border-left:4px solid var(--linje); padding:.6rem .9rem; margin:.8rem 0; }
.fingeravtrykk, code { font-family:"DejaVu Sans Mono","Liberation Mono",Consolas,monospace; font-size:.85em; }
ul.dokliste { columns:2 18rem; margin:.2rem 0 .8rem; padding-left:1.2rem; }
.rull { overflow-x:auto; }
.diagram { max-width:48rem; display:block; margin:.4rem 0 1rem; }
.lav { color:var(--mangler); } .middels { color:var(--usikker); } .hoy { color:var(--ok); }
@media print { .side { max-width:none; } h2 { break-after:avoid; } }
</style>
</head>
<body>
<div class="side">
<header class="topp">
<p class="overtittel">gjennomgang · tilsyn</p>
<h1>{{ s.tittel }}</h1>
<p class="dempet">Mappe «{{ p.mappe }}» · kjørt {{ p.tidspunkt }} · frø {{ p.seed }}</p>
</header>

<main>
<section aria-labelledby="h-hovedtall">
<h2 id="h-hovedtall">Hovedtall</h2>
<div class="nokkeltall">
<div>Dokumenter i mappen<b>{{ s.populasjon.dokumenter }}</b></div>
<div>Trukket til utvalget<b>{{ s.utvalg.dokumenter }}</b></div>
<div>Sjekket<b>{{ s.sjekket }}</b></div>
<div>Kunne ikke leses<b>{{ s.ulesbare|length }}</b></div>
<div>Skannet<b>{{ s.skannede|length }}</b></div>
<div>Komplette dokumenter<b>{{ pct(s.kompletthet.alle.andel) }}</b><span class="dempet">95 % KI {{ ci(s.kompletthet.alle.wilson_95) }}</span></div>
</div>
<p class="merknad">Et dokument er <b>komplett</b> når alle krav på nivå «Krav» er oppfylt (eller ikke relevante).
Et usikkert krav regnes ikke som oppfylt her. Tallene gjelder utvalget og sier med 95 % sikkerhet hvor
andelen i hele mappen ligger (konfidensintervall etter Wilson).</p>
</section>

{% for dt in s.dokumenttyper %}
<section aria-labelledby="h-{{ dt.id }}">
<h2 id="h-{{ dt.id }}">Kompletthet per krav: {{ dt.navn }} ({{ antall(dt.dokumenter, 'dokument', 'dokumenter') }})</h2>
{{ chart(dt)|safe }}
<div class="rull"><table>
<caption>Andel oppfylt blant dokumentene der kravet gjelder</caption>
<thead><tr><th scope="col">Krav</th><th scope="col">Nivå</th><th scope="col" class="tall">Aktuelle</th>
<th scope="col" class="tall">Oppfylt</th><th scope="col" class="tall">Mangler</th><th scope="col" class="tall">Usikker</th>
<th scope="col" class="tall">Ikke relevant</th><th scope="col" class="tall">Andel oppfylt</th>
<th scope="col" class="tall">95 % KI (Wilson)</th><th scope="col" class="tall">Hvis usikre er oppfylt</th></tr></thead>
<tbody>
{% for k in dt.krav %}{% set c = k.totalt %}
<tr><th scope="row">{{ k.tittel }} <span class="dempet">({{ k.id }})</span></th><td>{{ k.niva_navn }}</td>
<td class="tall">{{ c.aktuelle }}</td><td class="tall">{{ c.oppfylt }}</td><td class="tall">{{ c.mangler }}</td>
<td class="tall">{{ c.usikker }}</td><td class="tall">{{ c.ikke_relevant }}</td>
<td class="tall {{ level(c.andel_oppfylt) }}"><b>{{ pct(c.andel_oppfylt) }}</b></td><td class="tall">{{ ci(c.wilson_95) }}</td>
<td class="tall">{{ pct(c.andel_hvis_usikre_oppfylt) }}</td></tr>
{% endfor %}
</tbody>
</table></div>
{% if dt.lag|length > 1 %}
<div class="rull"><table>
<caption>Andel oppfylt per lag ({{ p.lag_felt }}): andel, 95 % KI og antall aktuelle</caption>
<thead><tr><th scope="col">Krav</th>{% for l in dt.lag %}<th scope="col" class="tall">{{ l }}</th>{% endfor %}</tr></thead>
<tbody>
{% for k in dt.krav %}
<tr><th scope="row">{{ k.tittel }}</th>{% for l in dt.lag %}{% set c = k.per_lag[l] %}
<td class="tall">{% if c.aktuelle %}<span class="{{ level(c.andel_oppfylt) }}">{{ pct(c.andel_oppfylt) }}</span><br><span class="dempet">{{ ci(c.wilson_95) }} · n = {{ c.aktuelle }}</span>{% else %}–{% endif %}</td>{% endfor %}</tr>
{% endfor %}
</tbody>
</table></div>
{% endif %}
</section>
{% endfor %}

{% if s.lagdelt %}
<section aria-labelledby="h-lag">
<h2 id="h-lag">Per lag ({{ p.lag_felt }})</h2>
<table>
<thead><tr><th scope="col">Lag</th><th scope="col" class="tall">I mappen</th><th scope="col" class="tall">I utvalget</th>
<th scope="col" class="tall">Sjekket</th><th scope="col" class="tall">Komplette</th><th scope="col" class="tall">95 % KI (Wilson)</th></tr></thead>
<tbody>
{% for l in s.lag %}{% set c = s.kompletthet.per_lag.get(l) %}
<tr><th scope="row">{{ l }}</th><td class="tall">{{ s.populasjon.per_lag.get(l, '–') }}</td><td class="tall">{{ s.utvalg.per_lag.get(l, '–') }}</td>
<td class="tall">{{ c.sjekket if c else 0 }}</td><td class="tall">{{ pct(c.andel) if c else '–' }}</td><td class="tall">{{ ci(c.wilson_95) if c else '–' }}</td></tr>
{% endfor %}
</tbody>
</table>
</section>
{% endif %}

<section aria-labelledby="h-mangler">
<h2 id="h-mangler">Dokumenter per manglende krav</h2>
{% if not s.mangler %}<p>Ingen krav mangler i utvalget.</p>{% endif %}
{% for m in s.mangler %}
<h3>{{ m.tittel }} <span class="dempet">({{ m.dokumenttype_navn }}, {{ m.niva_navn }}) – {{ antall(m.dokumenter|length, 'dokument', 'dokumenter') }}</span></h3>
<ul class="dokliste">{% for d in m.dokumenter %}<li>{{ ident(d) }}</li>{% endfor %}</ul>
{% endfor %}
{% if s.usikre %}
<h3>Må vurderes manuelt (usikre)</h3>
{% for m in s.usikre %}
<p><b>{{ m.tittel }}</b> <span class="dempet">({{ m.dokumenttype_navn }})</span>: {% for d in m.dokumenter %}{{ ident(d) }}{% if not loop.last %}; {% endif %}{% endfor %}</p>
{% endfor %}
{% endif %}
</section>

<section aria-labelledby="h-ulesbare">
<h2 id="h-ulesbare">Dokumenter som ikke kunne leses eller er skannet</h2>
{% if s.ulesbare %}
<table><caption>Kunne ikke leses ({{ s.ulesbare|length }}) – ikke med i andelene</caption>
<thead><tr><th scope="col">Dokument</th><th scope="col">Grunn</th></tr></thead><tbody>
{% for d in s.ulesbare %}<tr><td>{{ ident(d) }}{% if d.tidsavbrudd %} <b>(tidsavbrudd)</b>{% endif %}</td><td>{{ d.grunn }}</td></tr>{% endfor %}
</tbody></table>
{% else %}<p>Alle dokumentene i utvalget kunne leses.</p>{% endif %}
{% if s.skannede %}
<table><caption>Skannede dokumenter ({{ s.skannede|length }})</caption>
<thead><tr><th scope="col">Dokument</th><th scope="col">Vurdert?</th><th scope="col">Merknad</th></tr></thead><tbody>
{% for d in s.skannede %}<tr><td>{{ ident(d) }}</td><td>{{ 'ja, lest med OCR' if d.vurdert else 'nei – må leses manuelt' }}</td><td>{{ d.grunn }}</td></tr>{% endfor %}
</tbody></table>
{% endif %}
{% if s.problemer_i_mappen %}
<table><caption>Filer i mappen som ikke kom med i trekningen ({{ s.problemer_i_mappen|length }}); se mappeproblemer.csv</caption>
<thead><tr><th scope="col">Id</th><th scope="col">Grunn</th></tr></thead><tbody>
{% for d in s.problemer_i_mappen %}<tr><td><span class="fingeravtrykk">{{ d.id }}</span>{% if d.fil %} {{ d.fil }}{% endif %}</td><td>{{ d.grunn }}</td></tr>{% endfor %}
</tbody></table>
{% endif %}
</section>

<section aria-labelledby="h-metode">
<h2 id="h-metode">Slik er tallene laget</h2>
<ul>
<li><b>Utvalg:</b> {{ p.utvalgsmetode }}</li>
<li><b>Trekning:</b> hvert dokument får rangnøkkelen SHA-256(«frø:fingeravtrykk»), og utvalget er dokumentene med
de minste nøklene{% if s.lagdelt %} i hvert lag{% endif %}. Samme frø og samme filer gir alltid samme utvalg; se utvalg.csv.</li>
{% if s.lagdelt %}<li><b>Lagdeling:</b> etter «{{ p.lag_felt }}» ({{ p.lag_kilde }}), proporsjonal fordeling
(størst rest; minst ett dokument per lag når utvalget er stort nok). Andelene for hele utvalget er uvektede; med
proporsjonal fordeling er utvalget tilnærmet selvveiende.</li>{% endif %}
<li><b>Andel oppfylt</b> for et krav = oppfylt / (oppfylt + mangler + usikker), blant dokumentene der kravet gjelder
(«ikke relevant» er holdt utenfor). <b>Usikre</b> vurderinger står i nevneren, men teller ikke som oppfylt, så andelen
er forsiktig; kolonnen «Hvis usikre er oppfylt» viser den øvre grensen.</li>
<li><b>Konfidensintervall:</b> Wilson score-intervall, 95 % (z = {{ ('%.2f'|format(s.z)).replace('.', ',') }}), uten endelighetskorreksjon
(litt for brede når utvalget er en stor del av mappen).</li>
<li><b>Ulesbare og skannede</b> dokumenter uten tekst er ikke med i andelene; de er listet over.</li>
{% if p.feilmargin %}<li><b>Feilmargin:</b> {{ p.feilmargin_tekst }}</li>{% endif %}
</ul>
</section>

<section aria-labelledby="h-parametre">
<h2 id="h-parametre">Parametre for kjøringen</h2>
<table><tbody>
<tr><th scope="row">Frø</th><td>{{ p.seed }}</td></tr>
<tr><th scope="row">Dokumenter i mappen / i utvalget</th><td>{{ s.populasjon.dokumenter }} / {{ s.utvalg.dokumenter }}{% if s.populasjon.duplikater %} ({{ s.populasjon.duplikater }} like filer telt én gang){% endif %}</td></tr>
<tr><th scope="row">Lagdeling</th><td>{{ p.lag_felt or 'ingen' }}{% if p.lag_kilde %} ({{ p.lag_kilde }}){% endif %}</td></tr>
<tr><th scope="row">Verktøyversjon</th><td>gjennomgang {{ p.verktoy_versjon }}</td></tr>
<tr><th scope="row">Modell</th><td>{{ p.modell|join(', ') }}</td></tr>
<tr><th scope="row">Språkpipeline</th><td>{{ p.pipeline|join(', ') }}</td></tr>
<tr><th scope="row">Kravkatalog</th><td>{{ p.katalog|join(', ') }}</td></tr>
<tr><th scope="row">Arbeidsprosesser / tidsgrense per fil</th><td>{{ p.arbeidere }} / {{ ('%g'|format(p.tidsgrense)).replace('.', ',') }} s</td></tr>
<tr><th scope="row">Personvern</th><td>{{ s.personvern }} Dokumentene er identifisert med nummer i utvalget og fingeravtrykk (SHA-256).</td></tr>
</tbody></table>
</section>
</main>
</div>
</body>
</html>
"""


def _level(rate):
    if rate is None:
        return ""
    return "hoy" if rate >= 0.8 else "middels" if rate >= 0.5 else "lav"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _ident(d: dict) -> str:
    return f"{d['id']}" + (f" {d['fil']}" if d.get("fil") else "") + (f" · {d['lag']}" if d.get("lag") else "")


def render_html(summary: dict) -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(pct=pct, ci=interval_text, chart=svg_chart, level=_level, ident=_ident, antall=_count)
    return env.from_string(_TEMPLATE).render(s=summary, p=summary["parametre"])


def write_summary_html(path: Path, summary: dict) -> None:
    path.write_text(render_html(summary), encoding="utf-8")


def suggested_size_text(margin: float, population: int, n: int) -> str:
    n0 = math.ceil(Z95 ** 2 * 0.25 / margin ** 2 - 1e-9)
    return (f"For en feilmargin på ±{pct(margin, 1 if margin * 100 % 1 else 0)} (95 %) trengs {n} dokumenter av {population} "
            f"(n₀ = 1,96²·0,5·0,5/{str(margin).replace('.', ',')}² ≈ {n0} før endelighetskorreksjon).")


__all__ = ["VERDICT_WORDS", "build_summary", "render_html", "write_results_csv", "write_results_xlsx",
           "write_sample_csv", "write_summary_html", "write_summary_json", "write_problems_csv"]
