"""The learned recognizer: one scikit-learn Pipeline from passage to per-requirement probability.

Input rows are four text fields — the sentence's lemmas, the raw sentence (for character
n-grams that catch compounds), its section title, and its neighbours. The Pipeline is saved with
skops (never pickle) next to a model card; loading checks the card against the catalogue and
refuses unknown types, a changed catalogue or a changed file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..catalogue import Catalogue, Requirement
from ..decision import Thresholds
from ..errors import ModellFeil
from .evidence import Evidence
from .passages import Passage
from .recognizers import AnalysedText, denied_patterns, register

MODEL_DIR = Path(__file__).resolve().parents[2] / "modeller" / "klassifiserer"
MODEL_FILE = "klassifiserer.skops"
CARD_FILE = "modellkort.json"


def default_model_path() -> Path | None:
    return MODEL_DIR if (MODEL_DIR / MODEL_FILE).exists() else None


def passage_rows(passages: list[Passage]) -> np.ndarray:
    """Four text columns per passage: lemmas, lower text, section title, neighbour context."""
    rows = []
    for i, p in enumerate(passages):
        prev = passages[i - 1].text if i > 0 else ""
        nxt = passages[i + 1].text if i + 1 < len(passages) else ""
        rows.append([p.lemmas.lower(), (p.body or p.text).lower(), p.section.lower(), f"{prev} {nxt}".lower()])
    return np.array(rows, dtype=object).reshape(-1, 4)


def build_pipeline(seed: int = 13):
    """The scikit-learn Pipeline: text features → one linear model per requirement."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    from .applicable import ApplicableOneVsRest

    features = ColumnTransformer([
        ("lemma", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=40000), 0),
        ("tegn", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, sublinear_tf=True, max_features=40000), 1),
        ("avsnitt", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True, max_features=5000), 2),
        ("naboer", TfidfVectorizer(ngram_range=(1, 1), min_df=3, sublinear_tf=True, max_features=10000), 3),
    ], transformer_weights={"lemma": 1.0, "tegn": 1.0, "avsnitt": 0.6, "naboer": 0.6})
    # C and the neighbour weight chosen by out-of-fold false alarms on train+dev (C 2/4/8/16,
    # neighbours 0.3/0.6/1.0): C=8, 0.6 gave 0.064 against 0.075 for C=4, 0.3
    model = ApplicableOneVsRest(LogisticRegression(C=8.0, class_weight="balanced", solver="liblinear",
                                                   random_state=seed))
    return Pipeline([("trekk", features), ("modell", model)])


def build_document_scorer(seed: int = 13):
    """Document level: evidence features (+ which requirement) → calibrated P(oppfylt)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline([("trekk", DictVectorizer(sparse=False)),
                     ("modell", LogisticRegression(C=1.0, max_iter=2000, random_state=seed))])


def document_row(req_id: str, features: dict) -> dict:
    row = {k: float(v) for k, v in features.items() if k != "samlet"}
    row[f"krav={req_id}"] = 1.0
    # interactions: the same model evidence means more for some requirements than others
    row[f"modell_maks|{req_id}"] = row.get("modell_maks", 0.0)
    row[f"regel|{req_id}"] = row.get("regel", 0.0)
    return row


class DocumentScorer:
    """Wraps the document-level model so decision.decide can use it like the RuleScorer."""

    name = "dokumentmodell"

    def __init__(self, pipeline):
        self.pipeline = pipeline

    def score(self, req, features: dict) -> float:
        return float(self.pipeline.predict_proba([document_row(req.id, features)])[0, 1])


@dataclass
class ModelBundle:
    pipeline: object
    labels: list[str]
    thresholds: dict[str, Thresholds]
    card: dict
    name: str
    min_probability: float = 0.2
    document_model: object = None
    type_thresholds: dict = None  # document type → Thresholds

    @property
    def scorer(self):
        return DocumentScorer(self.document_model) if self.document_model is not None else None

    def predict(self, passages: list[Passage]) -> np.ndarray:
        if not passages:
            return np.zeros((0, len(self.labels)))
        return self.pipeline.predict_proba(passage_rows(passages))


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def slim(pipeline) -> None:
    """Shrink a fitted passage pipeline for shipping: drop the vectorizers' `stop_words_`
    (every pruned term; only kept for introspection), store vocabularies with plain ints and
    coefficients as float32."""
    for _, vec, _ in pipeline.named_steps["trekk"].transformers_:
        if hasattr(vec, "stop_words_"):
            delattr(vec, "stop_words_")
        if hasattr(vec, "vocabulary_"):
            # numpy integers become one skops node each (46 000 of them took ~2.5 s to load);
            # plain ints are read as one builtin dict
            vec.vocabulary_ = {term: int(i) for term, i in vec.vocabulary_.items()}
    for est in getattr(pipeline.named_steps["modell"], "estimators_", []):
        if hasattr(est, "coef_"):
            est.coef_ = est.coef_.astype(np.float32)


def save_model(pipeline, labels: list[str], card: dict, out_dir: Path, document_model=None) -> None:
    import zipfile

    import skops.io as sio

    out_dir.mkdir(parents=True, exist_ok=True)
    slim(pipeline)
    sio.dump({"passasje": pipeline, "dokument": document_model}, out_dir / MODEL_FILE,
             compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    card = dict(card)
    card["etiketter"] = labels
    # the exact types the file holds, so loading can trust exactly these and nothing else
    card["typer"] = sorted(sio.get_untrusted_types(file=out_dir / MODEL_FILE))
    card["fil_sha256"] = _file_hash(out_dir / MODEL_FILE)
    (out_dir / CARD_FILE).write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# The only types a model file may contain: scikit-learn's own and our label-masking estimator.
_ALLOWED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.", "gjennomgang.analysis.applicable.")


def load_model(path: Path, catalogue: Catalogue) -> ModelBundle:
    import skops.io as sio

    path = Path(path)
    card_path, model_path = path / CARD_FILE, path / MODEL_FILE
    if not card_path.exists() or not model_path.exists():
        raise ModellFeil(f"Modellmappen «{path}» mangler {CARD_FILE} eller {MODEL_FILE}.")
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        raise ModellFeil("Modellkortet kunne ikke leses (ugyldig JSON).")
    if card.get("fil_sha256") != _file_hash(model_path):
        raise ModellFeil("Modellfilen stemmer ikke med modellkortet (endret eller skadet). "
                         "Tren modellen på nytt med «gjennomgang tren».")
    if card.get("katalog") != catalogue.version:
        raise ModellFeil(f"Modellen er trent mot kravkatalog {card.get('katalog')}, men katalogen nå er "
                         f"{catalogue.version}. Tren modellen på nytt med «gjennomgang tren».")
    unknown = set(card.get("etiketter", [])) - set(catalogue.requirements)
    if unknown:
        raise ModellFeil(f"Modellen kjenner krav som ikke finnes i katalogen: {', '.join(sorted(unknown))}.")
    untrusted = card.get("typer")
    if untrusted is None:
        try:
            untrusted = sio.get_untrusted_types(file=model_path)
        except Exception:
            raise ModellFeil("Modellfilen kunne ikke leses som skops-fil.")
    bad = [t for t in untrusted if not t.startswith(_ALLOWED_PREFIXES)]
    if bad:
        raise ModellFeil(f"Modellfilen inneholder ukjente typer og lastes ikke: {', '.join(bad[:5])}.")
    try:
        # skops refuses any type that is not in `untrusted` (the list checked above)
        stored = sio.load(model_path, trusted=untrusted)
    except Exception:
        raise ModellFeil("Modellfilen kunne ikke lastes (ukjente typer eller skadet fil).")
    if isinstance(stored, dict):
        pipeline, document_model = stored.get("passasje"), stored.get("dokument")
    else:
        pipeline, document_model = stored, None
    th = card.get("terskler", {})
    default = Thresholds(**th.get("standard", {})) if th.get("standard") else Thresholds()
    thresholds = {rid: Thresholds(**t) for rid, t in th.get("per_krav", {}).items()}
    for rid in catalogue.requirements:
        thresholds.setdefault(rid, default)
    type_thresholds = {t: Thresholds(**x) for t, x in th.get("per_dokumenttype", {}).items()}
    name = f"klassifiserer {card.get('versjon', '?')} (data {card.get('data_versjon', '?')})"
    return ModelBundle(pipeline, card["etiketter"], thresholds, card, name, float(card.get("min_sannsynlighet", 0.2)),
                       document_model, type_thresholds)


@register
class ClassifierRecognizer:
    """Evidence from the classifier: passages whose probability for a requirement is high."""

    name = "modell"

    def __init__(self, bundle: ModelBundle):
        self.bundle = bundle
        # (the text object itself, its probabilities): compared by identity, and holding the
        # reference keeps the id from being reused by the next document's text
        self._cache: tuple[AnalysedText, np.ndarray] | None = None
        self._index = {rid: i for i, rid in enumerate(bundle.labels)}

    def set_probabilities(self, text: AnalysedText, probs: np.ndarray) -> None:
        """Use precomputed passage probabilities (out-of-fold during training)."""
        self._cache = (text, probs)

    def probabilities(self, text: AnalysedText) -> np.ndarray:
        if self._cache is None or self._cache[0] is not text:
            self._cache = (text, self.bundle.predict(list(text.passages)))
        return self._cache[1]

    def analyze(self, text: AnalysedText, req: Requirement) -> list[Evidence]:
        j = self._index.get(req.id)
        if j is None or not text.passages:
            return []
        probs = self.probabilities(text)[:, j]
        out = []
        for k in np.argsort(-probs)[:5]:
            p = text.passages[int(k)]
            prob = float(probs[k])
            if prob < self.bundle.min_probability or p.placeholder:
                continue
            polarity = "for"
            reason = ""
            explained = req.begrunnelse_teller and p.reason
            if p.dismissal or (not explained and ((p.negated and not p.concepts) or denied_patterns(req, p))):
                polarity, reason = "mot", "modellen fant temaet, men setningen nekter eller avviser det"
            out.append(Evidence(krav=req.id, passage=p.index, start=p.start, end=p.end, tekst=p.text, side=p.page,
                                avsnitt=p.section, kilde=self.name, styrke=prob if polarity == "for" else min(prob, 0.6),
                                polaritet=polarity, grunn=reason, ocr=p.ocr))
        return out
