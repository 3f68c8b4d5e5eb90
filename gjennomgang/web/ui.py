"""The Gradio page. Imports gradio: call `server.prepare_environment()` before importing this module.

Handlers are thin: they move bytes in and out and call the gradio-free modules. Every handler is
wrapped so that a user only ever sees a Norwegian message, never a traceback.
"""

from __future__ import annotations

import functools
import logging
import time
from pathlib import Path

import gradio as gr

from ..errors import GjennomgangError
from ..reading.limits import Limits
from ..reporting.labels import DOCTYPE_WORDS
from ..result import Result, error_result
from . import batch, reports, service, views
from .settings import Settings
from .storage import TempStore

log = logging.getLogger(__name__)

AUTO = "auto"
PASTED_NAME = "innlimt tekst.txt"
INTERNAL_ERROR = ("Det oppstod en uventet feil i verktøyet, og sjekken ble avbrutt. Feilen er logget uten "
                  "dokumentinnhold. Prøv igjen, eller kontakt den som drifter verktøyet.")

CSS = """
.gj-header h1 {margin-bottom: 0.2em;}
.gj-header p {margin-top: 0; color: var(--body-text-color-subdued);}
.gj-decision {border-radius: 10px; padding: 14px 18px; border: 2px solid; color: #111;}
.gj-decision-line {font-size: 1.6em; font-weight: 700; line-height: 1.25;}
.gj-decision-counts {margin-top: 6px; font-size: 1em;}
.gj-decision.gj-klar {background: #e3f6e8; border-color: #1e7b3a;}
.gj-decision.gj-ikke_klar {background: #fde4e4; border-color: #b3261e;}
.gj-decision.gj-manuell {background: #fff4d6; border-color: #a66a00;}
.gj-decision.gj-feil {background: #f1f1f1; border-color: #555;}
.gj-decision.gj-tom {background: transparent; border: 2px dashed var(--border-color-primary); color: inherit;
  font-size: 1.1em;}
.gj-count {white-space: nowrap;}
.gj-info table.gj-facts {border-collapse: collapse; font-size: 0.95em; border: 0 !important;}
.gj-info table.gj-facts tr {border: 0 !important;}
.gj-info table.gj-facts th, .gj-info table.gj-facts td {border: 0 !important; background: transparent !important;
  text-align: left; padding: 2px 14px 2px 0; vertical-align: top;}
.gj-info table.gj-facts th {font-weight: 600; white-space: nowrap;}
.gj-advarsel {color: #8a4b00;}
.gj-personvern {font-size: 0.9em; color: var(--body-text-color-subdued);}
.gj-feil {background: #fde4e4; color: #111; border-left: 5px solid #b3261e; padding: 10px 14px; border-radius: 6px;}
.gj-level {margin: 18px 0 6px 0;}
.gj-n {font-weight: 400; color: var(--body-text-color-subdued);}
table.gj-table {width: 100%; border-collapse: collapse;}
table.gj-table th, table.gj-table td {border-bottom: 1px solid var(--border-color-primary); padding: 6px 8px;
  text-align: left; vertical-align: top;}
table.gj-table th {font-size: 0.9em;}
table.gj-table td:first-child {white-space: nowrap; width: 9em;}
table.gj-table td:nth-child(3) {white-space: nowrap; width: 6em;}
.gj-id {font-size: 0.85em; color: var(--body-text-color-subdued);}
.gj-badge {display: inline-block; padding: 2px 9px; border-radius: 12px; font-weight: 600; color: #111;
  border: 1px solid;}
.gj-badge.gj-oppfylt {background: #d6f0dc; border-color: #1e7b3a;}
.gj-badge.gj-mangler {background: #fbd5d2; border-color: #b3261e;}
.gj-badge.gj-usikker {background: #ffefc2; border-color: #a66a00;}
.gj-badge.gj-ikke_relevant {background: #ececec; border-color: #777;}
.gj-hint {font-size: 0.95em;}
.gj-evidence blockquote {margin: 4px 0 10px 0; padding: 6px 10px; border-left: 4px solid #1e7b3a;
  background: var(--background-fill-secondary);}
.gj-evidence ol {padding-left: 1.4em;}
.gj-meta {font-size: 0.85em; color: var(--body-text-color-subdued);}
.gj-kilde {font-style: italic;}
.gj-summary {font-size: 1.15em;}
#gj-tekst {max-height: 720px; overflow-y: auto;}
#gj-tekst .text {word-break: normal !important; overflow-wrap: break-word;}
#gj-tekst .token.highlighted {outline: 1px solid rgba(0, 0, 0, 0.25);}
#gj-kravvalg .wrap {flex-direction: column; align-items: stretch; gap: 4px;}
#gj-kravvalg .wrap label {width: 100%;}
#gj-tabell, #gj-tabell * {font-family: var(--font) !important;}
"""

# After a requirement is chosen: scroll the text panel (not the page) to the first highlight.
SCROLL_JS = """() => { setTimeout(() => {
  const box = document.querySelector('#gj-tekst');
  const hit = box && box.querySelector('.token.highlighted');
  if (box && hit) { box.scrollTop = hit.getBoundingClientRect().top - box.getBoundingClientRect().top
                                    + box.scrollTop - 60; }
}, 150); }"""


# Gradio's own upload limit (launch(max_file_size=...)) reports in hard-coded English in a toast;
# this page-load script rewrites that toast in Norwegian. {mb} is filled in from the settings.
TOAST_JS = """() => {
  const MB = __MB__;
  const fix = (root) => {
    if (!root || !root.querySelectorAll) return;
    root.querySelectorAll('[data-testid="toast-text"], .toast-title').forEach((el) => {
      const t = el.textContent || '';
      const m = t.match(/File\\(s\\) exceed the maximum allowed size of [^:]+: (.*)/);
      if (m) {
        el.textContent = 'Filen er for stor: ' + m[1] + '. Grensen er ' + MB +
          ' MB per fil. Del dokumentet opp eller komprimer PDF-en, og last det opp på nytt.';
      } else if (t.trim() === 'Error' && el.classList.contains('toast-title')) {
        el.textContent = 'Feil';
      }
    });
  };
  new MutationObserver((ms) => ms.forEach((m) => m.addedNodes.forEach((n) => fix(n.nodeType === 1 ? n : n.parentElement))))
    .observe(document.body, {childList: true, subtree: true});
}"""


def page_js(settings: Settings) -> str:
    return TOAST_JS.replace("__MB__", str(int(settings.max_mb)))


def _doctype_choices() -> list[tuple[str, str]]:
    return [("Gjenkjenn automatisk", AUTO)] + [(word, key) for key, word in DOCTYPE_WORDS.items()]


def _guarded(n_outputs: int, error_outputs):
    """Wrap a handler: any unexpected exception becomes a Norwegian message in the page."""
    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                log.error("uventet feil i %s: %s", fn.__name__, type(exc).__name__)
                return error_outputs()
        return inner
    return wrap


class Page:
    def __init__(self, settings: Settings, store: TempStore):
        self.settings = settings
        self.store = store

    # -- the single-document tab ----------------------------------------------------------
    def _single_outputs(self, result: Result | None, memory: dict | None, *, deleted: bool = False,
                        note: str = "", html_path: Path | None = None, json_path: Path | None = None,
                        clear_file: bool = True):
        choices = views.requirement_choices(result)
        startup = service.startup_note()
        note = " ".join(x for x in (note, startup) if x)
        return (
            views.decision_html(result),
            views.info_html(result, deleted_upload=deleted, note=note),
            views.checklist_html(result),
            gr.Radio(choices=choices, value=views.ALL if choices else None, visible=bool(choices)),
            gr.HighlightedText(value=views.highlights(result, views.ALL), color_map=views.color_map(result, views.ALL),
                               visible=bool(result is not None and result.tekst)),
            views.evidence_html(result, views.ALL),
            gr.DownloadButton(value=str(html_path) if html_path else None, visible=html_path is not None),
            gr.DownloadButton(value=str(json_path) if json_path else None, visible=json_path is not None),
            None if clear_file else gr.skip(),
            memory,
        )

    def _error_single(self):
        return self._single_outputs(error_result("", "intern", INTERNAL_ERROR), None)

    def _run_single(self, data: bytes, name: str, doctype: str, progress, deleted: bool):
        started = time.monotonic()
        result = service.check_bytes(data, name, doctype, max_bytes=self.settings.max_bytes,
                                     progress=lambda f, d: progress(f, desc=d))
        log.info("sjekket «%s»: %s (%.1f s)", name, result.feil or views.decision_state(result),
                 time.monotonic() - started)
        html_path = json_path = None
        note = ""
        if not result.feil:
            out = self.store.new_report_dir()
            json_path = reports.write_json(result, out)
            html_path = reports.write_html(result, out)
            if html_path is None:
                note = "HTML-rapporten er ikke tilgjengelig i denne versjonen; JSON-rapporten kan lastes ned."
        memory = {"navn": name, "data": data, "result": result} if not result.feil else None
        return self._single_outputs(result, memory, deleted=deleted, note=note, html_path=html_path,
                                    json_path=json_path)

    def check(self, file, text, doctype, memory, progress=gr.Progress()):
        """Check an uploaded file, pasted text, or (again) the document held in memory."""
        deleted = False
        if file:
            name = Path(file).name
            try:
                data = self.store.take_upload(file, self.settings.max_bytes)
            except GjennomgangError as exc:
                return self._single_outputs(error_result(name, exc.kode, exc.melding), None)
            deleted = True
        elif text and text.strip():
            name = PASTED_NAME
            data = text.encode("utf-8")
            if len(data) > self.settings.max_bytes:
                return self._single_outputs(error_result(name, "for_stor", (
                    f"Teksten er {len(data) / 1024 / 1024:.1f} MB, mer enn grensen på {self.settings.max_mb} MB.")),
                    None, clear_file=False)
        elif memory and memory.get("data"):
            name, data = memory["navn"], memory["data"]
        else:
            return self._single_outputs(None, None, note="Last opp en fil eller lim inn tekst først.", clear_file=False)
        return self._run_single(data, name, doctype, progress, deleted)

    def recheck(self, doctype, memory, progress=gr.Progress()):
        """The user chose another document type: check the document in memory again."""
        if not memory or not memory.get("data"):
            return gr.skip()
        return self._run_single(memory["data"], memory["navn"], doctype, progress, False)

    def show_requirement(self, req_id, memory):
        result = (memory or {}).get("result")
        if result is None:
            return (gr.HighlightedText(value=[]),
                    '<div class="gj-evidence"><p>Resultatet er ikke lenger i minnet (det slettes etter en kort tid). '
                    'Sjekk dokumentet på nytt.</p></div>')
        return (gr.HighlightedText(value=views.highlights(result, req_id), color_map=views.color_map(result, req_id)),
                views.evidence_html(result, req_id))

    def forget(self):
        return self._single_outputs(None, None, note="Dokumentet og resultatet er fjernet fra siden.")

    # -- the batch tab --------------------------------------------------------------------
    def _batch_outputs(self, summary_html: str, headers=None, rows=None, csv_path=None, xlsx_path=None):
        import pandas as pd

        frame = pd.DataFrame(rows or [], columns=headers or batch.FIXED_HEADERS)
        return (
            summary_html,
            gr.Dataframe(value=frame, visible=bool(rows),
                         column_widths=["240px", "170px", "300px"] + ["130px"] * (len(frame.columns) - 3)),
            gr.DownloadButton(value=str(csv_path) if csv_path else None, visible=csv_path is not None),
            gr.DownloadButton(value=str(xlsx_path) if xlsx_path else None, visible=xlsx_path is not None),
            None,
        )

    def _error_batch(self):
        return self._batch_outputs(f'<div class="gj-feil" role="alert">{INTERNAL_ERROR}</div>')

    def check_many(self, files, doctype, progress=gr.Progress()):
        files = [f for f in (files or []) if f]
        if not files:
            return self._batch_outputs('<div class="gj-decision gj-tom">Last opp én eller flere filer (eller en zip-fil) først.</div>')
        s = self.settings
        limits = Limits()
        started = time.monotonic()
        results: list[Result] = []
        claimed: list[Path | GjennomgangError] = []
        try:
            for path in files:  # first take them all out of the cleaner's reach: a batch can take long
                try:
                    claimed.append(self.store.claim(path))
                except GjennomgangError as exc:
                    claimed.append(exc)
            for i, (path, held) in enumerate(zip(files, claimed)):
                name = Path(path).name
                progress((i, len(files)), desc=f"Pakker ut og leser «{name}» …", unit="filer")
                try:
                    if isinstance(held, GjennomgangError):
                        raise held
                    data: bytes | GjennomgangError = self.store.take_upload(held, s.max_bytes if not name.lower().endswith(
                        ".zip") else max(s.max_bytes, limits.max_unpacked_bytes))
                except GjennomgangError as exc:
                    data = exc
                items = list(batch.expand([(name, data)], s.max_bytes, limits.max_unpacked_bytes, s.max_files))
                del data
                for j, item in enumerate(items):
                    if len(results) >= s.max_files:
                        results.append(error_result(item.name, "for_mange", (
                            f"Ikke sjekket: grensen på {s.max_files} dokumenter per kjøring er nådd.")))
                        continue
                    progress((i + j / max(len(items), 1)) / len(files),
                             desc=f"Sjekker «{item.name}» (dokument {len(results) + 1}) …")
                    results.extend(batch.check_items(
                        [item], lambda b, n: service.check_bytes(b, n, doctype, max_bytes=s.max_bytes)))
        finally:
            for path in files + [c for c in claimed if isinstance(c, Path)]:  # nothing uploaded stays behind
                self.store.delete(path)
        progress(0.99, desc="Lager tabellen …")
        order = service.requirement_order()
        headers, rows = batch.table(results, order)
        out = self.store.new_report_dir()
        csv_path = batch.write_csv(out / "gjennomgang-vurderinger.csv", headers, rows)
        xlsx_path = batch.write_xlsx(out / "gjennomgang-vurderinger.xlsx", headers, rows, batch.titles_of(results))
        log.info("sjekket %d dokumenter på %.1f s", len(results), time.monotonic() - started)
        return self._batch_outputs(self._summary_html(results), headers, rows, csv_path, xlsx_path)

    @staticmethod
    def _summary_html(results: list[Result]) -> str:
        c = batch.summary(results)
        head = f"<b>{c['dokumenter']} dokument{'er' if c['dokumenter'] != 1 else ''}:</b> "
        parts = [f"✔ {c['klar']} klar for godkjenning", f"✘ {c['ikke_klar']} ikke klar",
                 f"? {c['manuell']} må vurderes manuelt", f"⚠ {c['feil']} kunne ikke sjekkes"]
        titles = batch.titles_of(results)
        legend = "".join(f"<li><code>{views.e(k)}</code>: {views.e(t)}</li>" for k, (t, _) in titles.items())
        return (f'<div class="gj-summary" id="gj-oppsummering">{head}{" · ".join(parts)}</div>'
                + (f'<details><summary>Hva kolonnene betyr</summary><ul>{legend}</ul>'
                   '<p>Tom celle: kravet gjelder ikke for den dokumenttypen.</p></details>' if legend else ""))

    # -- layout ---------------------------------------------------------------------------
    def build(self) -> gr.Blocks:
        s = self.settings
        with gr.Blocks(title="Gjennomgang – kompletthetssjekk", delete_cache=(s.sweep_interval, s.delete_after),
                       analytics_enabled=False) as demo:
            gr.Markdown(
                "# Gjennomgang – kompletthetssjekk\n"
                "Sjekk at en sluttrapport eller et møtereferat inneholder det retningslinjene krever. "
                "Alt kjøres lokalt; ingenting sendes ut. Opplastede filer slettes straks etter sjekken.",
                elem_classes=["gj-header"])
            memory = gr.State(None, time_to_live=s.delete_after)
            with gr.Tabs():
                with gr.Tab("Sjekk dokument", id="sjekk"):
                    with gr.Row(equal_height=False):
                        with gr.Column(scale=2, min_width=300):
                            file = gr.File(label=f"Last opp dokument (PDF, DOCX eller TXT, maks {s.max_mb} MB)",
                                           file_count="single", type="filepath", elem_id="gj-fil", height=140)
                            text = gr.Textbox(label="… eller lim inn tekst", lines=4, max_lines=12,
                                              placeholder="Lim inn teksten fra utkastet her", elem_id="gj-innlimt")
                            doctype = gr.Dropdown(choices=_doctype_choices(), value=AUTO, label="Dokumenttype",
                                                  info="La verktøyet gjenkjenne typen, eller velg selv.",
                                                  elem_id="gj-doktype")
                            with gr.Row():
                                run = gr.Button("Sjekk dokumentet", variant="primary", elem_id="gj-sjekk")
                                clear = gr.Button("Fjern", variant="secondary", elem_id="gj-fjern", scale=0)
                        with gr.Column(scale=3, min_width=320):
                            decision = gr.HTML(views.decision_html(None), elem_id="gj-beslutning-boks")
                            info = gr.HTML("", elem_id="gj-info")
                            with gr.Row():
                                dl_html = gr.DownloadButton("Last ned HTML-rapport", visible=False, variant="primary",
                                                            elem_id="gj-last-html")
                                dl_json = gr.DownloadButton("Last ned JSON", visible=False, elem_id="gj-last-json")
                    checklist = gr.HTML("", elem_id="gj-sjekkliste-boks")
                    with gr.Row(equal_height=False):
                        with gr.Column(scale=2, min_width=300):
                            picker = gr.Radio(choices=[], label="Velg krav for å se belegget i teksten", visible=False,
                                              elem_id="gj-kravvalg")
                            evidence = gr.HTML("", elem_id="gj-belegg-boks")
                        with gr.Column(scale=3, min_width=320):
                            shown = gr.HighlightedText(label="Dokumentteksten med belegg uthevet", show_legend=True,
                                                       show_inline_category=False, combine_adjacent=False,
                                                       visible=False, elem_id="gj-tekst")

                    single_out = [decision, info, checklist, picker, shown, evidence, dl_html, dl_json, file, memory]
                    run.click(_guarded(len(single_out), self._error_single)(self.check),
                              inputs=[file, text, doctype, memory], outputs=single_out, api_name="sjekk",
                              concurrency_id="sjekk", concurrency_limit=1)
                    doctype.input(_guarded(len(single_out), self._error_single)(self.recheck),
                                  inputs=[doctype, memory], outputs=single_out, api_name="sjekk_som_type",
                                  concurrency_id="sjekk", concurrency_limit=1)
                    picker.input(_guarded(2, lambda: (gr.skip(), f'<div class="gj-feil">{INTERNAL_ERROR}</div>'))(
                        self.show_requirement), inputs=[picker, memory], outputs=[shown, evidence],
                        api_name="vis_krav", api_visibility="undocumented", show_progress="hidden"
                    ).then(None, js=SCROLL_JS)
                    clear.click(self.forget, outputs=single_out, api_name="fjern", api_visibility="undocumented")

                with gr.Tab("Flere dokumenter", id="flere"):
                    gr.Markdown("Last opp flere dokumenter, eller én zip-fil med dokumenter, og få en tabell med "
                                "vurderingen per dokument og krav. Filer som ikke kan leses, står i tabellen med "
                                "grunnen.")
                    with gr.Row(equal_height=False):
                        with gr.Column(scale=3):
                            files = gr.File(label=f"Dokumenter eller zip-fil (maks {s.max_mb} MB per fil)",
                                            file_count="multiple", type="filepath", elem_id="gj-filer", height=140)
                        with gr.Column(scale=2):
                            doctype_many = gr.Dropdown(choices=_doctype_choices(), value=AUTO,
                                                       label="Dokumenttype for alle", elem_id="gj-doktype-flere")
                            run_many = gr.Button("Sjekk dokumentene", variant="primary", elem_id="gj-sjekk-flere")
                    summary = gr.HTML('<div class="gj-decision gj-tom">Ingen dokumenter er sjekket ennå.</div>',
                                      elem_id="gj-oppsummering-boks")
                    with gr.Row():
                        dl_csv = gr.DownloadButton("Last ned CSV", visible=False, elem_id="gj-last-csv")
                        dl_xlsx = gr.DownloadButton("Last ned Excel (XLSX)", visible=False, variant="primary",
                                                    elem_id="gj-last-xlsx")
                    table = gr.Dataframe(headers=batch.FIXED_HEADERS, interactive=False, wrap=True, visible=False,
                                         label="Vurdering per dokument og krav", elem_id="gj-tabell",
                                         pinned_columns=1, max_height=600)
                    many_out = [summary, table, dl_csv, dl_xlsx, files]
                    run_many.click(_guarded(len(many_out), self._error_batch)(self.check_many),
                                   inputs=[files, doctype_many], outputs=many_out, api_name="sjekk_flere",
                                   concurrency_id="sjekk", concurrency_limit=1)
            gr.Markdown("Verktøyet er et hjelpemiddel: det finner belegg i teksten, men det er du som vurderer. "
                        f"Opplastinger og rapporter slettes senest etter {s.delete_after} sekunder.",
                        elem_classes=["gj-header"])
        return demo


def build(settings: Settings, store: TempStore) -> gr.Blocks:
    return Page(settings, store).build()


def theme():
    # Fonts shipped with gradio (no web fonts from the internet); 700 declared so bold text is not synthesised.
    from gradio.themes.utils.fonts import LocalFont

    return gr.themes.Default(primary_hue="blue", neutral_hue="slate",
                             font=[LocalFont("Source Sans Pro", weights=(400, 600, 700)), "ui-sans-serif", "system-ui",
                                   "sans-serif"])
