"""The checker: one object that runs the rooms in order.

file → reading → Document → nlp (spaCy Doc with concepts and negation) → analysis (passages,
facts, evidence from every recognizer) → decision (verdicts) → Result.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .analysis import concepts as _concepts  # noqa: F401  (registers gjennomgang_begreper)
from .analysis import context as _context  # noqa: F401  (registers gjennomgang_kontekst)
from .analysis.context import ContextRules
from .analysis.doctype import detect_doctype
from .analysis.facts import extract_facts
from .analysis.passages import build_passages
from .analysis.recognizers import AnalysedText, RuleRecognizer, SectionRecognizer
from .catalogue import Catalogue, load_catalogue
from .decision import Thresholds, decide
from .document import Document
from .errors import GjennomgangError, ModellFeil
from .nlp import LoadedPipeline, load_pipeline
from .reading import read_bytes, read_file
from .reading.limits import Limits
from .reading.ocr import INSTALL_HINT
from .result import Result, error_result

log = logging.getLogger(__name__)

SCANNED_MESSAGE = ("Dokumentet er skannet (bilder uten tekstlag), så innholdet kunne ikke leses. "
                   "Det er IKKE vurdert som mangelfullt. " + INSTALL_HINT)


class Checker:
    """Checks documents against the catalogue. Load once, check many."""

    def __init__(self, pipeline: str = "auto", model: str | Path | None = "auto", catalogue: Catalogue | None = None):
        self.catalogue = catalogue or load_catalogue()
        self.loaded: LoadedPipeline = load_pipeline(pipeline)
        nlp = self.loaded.nlp
        if "gjennomgang_begreper" not in nlp.pipe_names:
            nlp.add_pipe("gjennomgang_begreper", config={"concepts": self.catalogue.concepts})
            nlp.add_pipe("gjennomgang_kontekst", config={"context": self.catalogue.context})
        self.context = ContextRules(self.catalogue.context)
        self.recognizers = [RuleRecognizer(), SectionRecognizer()]
        self.thresholds: dict[str, Thresholds] = {}
        self.type_thresholds: dict[str, Thresholds] = {}
        self.default_thresholds = Thresholds()
        self.model_name = "regler"
        self.classifier = None
        self.scorer = None
        self.model_warning = ""
        if model:
            try:
                self._load_model(model)
            except ModellFeil as exc:
                if model != "auto":
                    raise
                # the default model is refused, not used: say so in every result and go on with rules
                self.model_warning = f"Klassifiseringsmodellen ble avvist og ikke brukt: {exc.melding} Sjekken bygger bare på regler."
                self.model_name = "regler (modell avvist)"
                log.warning("klassifiseringsmodellen ble avvist (%s)", exc.kode)

    def _load_model(self, model) -> None:
        from .analysis.classifier import ClassifierRecognizer, default_model_path, load_model

        path = default_model_path() if model == "auto" else Path(model)
        if path is None or not Path(path).exists():
            if model != "auto":
                raise GjennomgangError(f"Fant ikke modellen «{model}».")
            return
        bundle = load_model(path, self.catalogue)
        self.classifier = bundle
        self.recognizers.append(ClassifierRecognizer(bundle))
        self.thresholds = bundle.thresholds
        self.type_thresholds = bundle.type_thresholds or {}
        self.scorer = bundle.scorer
        self.model_name = bundle.name

    # -- the rooms, in order -------------------------------------------------------------
    def analyse(self, document: Document, doctype: str | None = None):
        doc = self.loaded.nlp(document.text)
        passages = build_passages(document, doc, self.context)
        titles = [(s.title, s.start, s.end) for s in document.sections if s.title]
        titles += [(b.label, b.start, b.end + 1) for b in document.blocks if b.kind == "table_row" and b.label]
        text = AnalysedText(passages=passages, section_titles=titles, context=self.context, sprak=doc._.sprak)
        guess = detect_doctype(document, self.catalogue)
        chosen = doctype or guess.type
        facts = extract_facts(passages, self.catalogue.facts)
        return doc, text, guess, chosen, facts

    def check_document(self, document: Document, doctype: str | None = None) -> Result:
        if doctype is not None and doctype not in self.catalogue.doctypes:
            raise GjennomgangError(
                f"Ukjent dokumenttype «{doctype}». Gyldige typer: {', '.join(self.catalogue.doctypes)}.")
        warnings = list(document.warnings) + ([self.model_warning] if self.model_warning else [])
        base = dict(fil=document.source, sha256=document.sha256, pipeline=self.loaded.name, modell=self.model_name,
                    sider=document.n_pages, ocr_sider=document.ocr_pages, advarsler=warnings,
                    katalog=self.catalogue.version)
        if document.scanned and document.char_count < 50:
            return Result(**base, dokumenttype=doctype or "", dokumenttype_sikkerhet=0.0,
                          dokumenttype_overstyrt=doctype is not None, skannet=True, sprak="", krav=[], fakta={},
                          melding=SCANNED_MESSAGE)
        if document.char_count < 20:
            raise GjennomgangError("Dokumentet inneholder nesten ingen tekst, så det kan ikke vurderes.")
        doc, text, guess, chosen, facts = self.analyse(document, doctype)
        verdicts = []
        for req in self.catalogue.requirements_for(chosen):
            evidence = []
            for rec in self.recognizers:
                evidence.extend(rec.analyze(text, req))
            th = self.type_thresholds.get(chosen) or self.thresholds.get(req.id, self.default_thresholds)
            verdicts.append(decide(req, evidence, facts, text.passages, th, self.scorer))
        fakta = {k: v for k, v in facts.values.items() if not k.startswith("_")}
        fakta["kilder"] = {k: {"side": text.passages[i].page, "tekst": text.passages[i].text}
                           for k, i in facts.sources.items() if i is not None}
        melding = ""
        if document.scanned:
            melding = f"Dokumentet er skannet; side {', '.join(map(str, document.ocr_pages))} er lest med OCR. Belegg fra OCR-tekst er merket."
        return Result(**base, dokumenttype=chosen, dokumenttype_sikkerhet=guess.confidence,
                      dokumenttype_overstyrt=doctype is not None, skannet=document.scanned, sprak=text.sprak,
                      krav=verdicts, fakta=fakta, melding=melding, tekst=document.text)

    def check_file(self, path: str | Path, doctype: str | None = None, limits: Limits | None = None) -> Result:
        """Never raises for a bad file: the Result carries the Norwegian message instead."""
        name = Path(path).name
        try:
            return self.check_document(read_file(path, limits), doctype)
        except GjennomgangError as exc:
            return error_result(name, exc.kode, exc.melding)
        except MemoryError:
            return error_result(name, "minne", "Filen krevde for mye minne og ble avbrutt.")
        except Exception as exc:  # last line of defence: never a traceback to the user
            log.error("uventet feil ved sjekk av en fil: %s", type(exc).__name__)
            return error_result(name, "intern", "Filen kunne ikke sjekkes på grunn av en uventet feil i verktøyet. "
                                                "Feilen er logget uten dokumentinnhold.")

    def check_bytes(self, data: bytes, name: str, doctype: str | None = None, limits: Limits | None = None) -> Result:
        try:
            return self.check_document(read_bytes(data, name, limits), doctype)
        except GjennomgangError as exc:
            return error_result(name, exc.kode, exc.melding)
        except MemoryError:
            return error_result(name, "minne", "Filen krevde for mye minne og ble avbrutt.")
        except Exception as exc:
            log.error("uventet feil ved sjekk av en fil: %s", type(exc).__name__)
            return error_result(name, "intern", "Filen kunne ikke sjekkes på grunn av en uventet feil i verktøyet. "
                                                "Feilen er logget uten dokumentinnhold.")
