"""Tests for our own Norwegian pipeline `nb_gjennomgang` (gjennomgang/nlp/training.py).

* a smoke test that really trains (1 epoch, 200 sentences) into tmp_path;
* the shipped model in modeller/nb_gjennomgang re-evaluated on a sample of the UD Bokmål test
  file and compared with the figures in its meta.json;
* NER finds invented Norwegian person names.

The NDT/NorNE archive (../shared/data/norne-ndt.tar.xz) is only read and unpacked into tmp_path;
nothing from it is written into the repository.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from gjennomgang.nlp.training import MODEL_VERSION  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "data" / "norne-ndt.tar.xz"
MODEL = ROOT / "modeller" / "nb_gjennomgang"

PERFORMANCE_KEYS = ("lemma_acc", "pos_acc", "tag_acc", "dep_las", "ents_f", "ents_p", "ents_r")


def _need_archive() -> None:
    if not ARCHIVE.exists():
        pytest.skip(f"NDT/NorNE-arkivet mangler: {ARCHIVE} (../shared/data/norne-ndt.tar.xz fra repo-roten)")


def _need_model() -> None:
    if not (MODEL / "meta.json").exists():
        pytest.skip("modeller/nb_gjennomgang mangler; tren med `python -m gjennomgang.nlp.training --ut modeller/nb_gjennomgang`")


@pytest.fixture(scope="module")
def nlp():
    _need_model()
    return spacy.load(MODEL)


@pytest.fixture(scope="module")
def meta():
    _need_model()
    return json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))


# (a) ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_trening_1_epoke_200_setninger(tmp_path):
    _need_archive()
    from gjennomgang.nlp.training import train_language_model

    start = time.monotonic()
    out = tmp_path / "modell"
    result = train_language_model(
        ARCHIVE, out, tmp_path / "arbeid", max_epochs=1, max_sentences=200, seed=0
    )
    elapsed = time.monotonic() - start
    assert elapsed < 120, f"røyktesten brukte {elapsed:.0f} s"
    assert result["data"]["train_sentences"] == 200
    # no sentence of UD dev/test may be used for training
    assert result["data"]["excluded_dev_test_sentences"] >= 2410 + 1939 - 10

    trained = spacy.load(out)
    assert trained.pipe_names == ["tok2vec", "tagger", "morphologizer", "trainable_lemmatizer",
                                  "gjennomgang_lemmasjekk", "parser", "ner"]
    # stage 2 added the lexicon check, knowing the lemmas of the training sentences
    assert 300 < len(trained.get_pipe("gjennomgang_lemmasjekk").known) < 3000
    doc = trained("Barnet bor sammen med moren sin i Bergen. Hun har fått hjelp fra kommunen.")
    assert len(doc) == 16
    assert all(t.tag_ for t in doc)
    assert all(t.pos_ for t in doc)
    assert all(t.lemma_ for t in doc)
    assert all(t.dep_ for t in doc)
    assert doc.has_annotation("MORPH")

    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "nb_gjennomgang" and meta["lang"] == "nb" and meta["version"] == MODEL_VERSION
    assert meta["training"]["lemma_check"] is True
    # core and NER were trained as two stages, each with its own checkpoint choice
    assert meta["training"]["seconds_training_core"] > 0 and meta["training"]["seconds_training_ner"] > 0
    for key in PERFORMANCE_KEYS:
        assert 0.0 <= meta["performance"][key] <= 1.0
    card = (out / "MODELLKORT.md").read_text(encoding="utf-8")
    assert "Nynorsk" in card and "røyktest" in card
    # the DocBins and the unpacked corpus stay in the work directory
    assert not list(out.rglob("*.spacy")) and not list(out.rglob("*.conll*"))


# (b) ------------------------------------------------------------------------------------------


def test_levert_modell_pa_ud_bokmal_test(tmp_path, meta):
    _need_archive()
    from gjennomgang.nlp.training import evaluate_language_model

    res = evaluate_language_model(MODEL, ARCHIVE, tmp_path, split="test", limit=300)
    assert res["n_sentences"] == 300
    assert res["lemma_acc"] >= 0.95, res
    assert res["pos_acc"] >= 0.94, res
    perf = meta["performance"]
    tolerance = {"lemma_acc": 0.025, "pos_acc": 0.025, "tag_acc": 0.025, "dep_las": 0.05, "ents_f": 0.10}
    for key, tol in tolerance.items():
        assert abs(res[key] - perf[key]) <= tol, f"{key}: utvalg {res[key]} vs meta.json {perf[key]}"


def test_meta_og_modellkort(meta):
    assert meta["name"] == "nb_gjennomgang"
    # the shipped model is the one the training code in this repository describes
    assert meta["version"] == MODEL_VERSION
    assert meta["lang"] == "nb"
    for key in PERFORMANCE_KEYS:
        assert key in meta["performance"], key
    perf = meta["performance"]
    # the targets on UD Bokmål test (figures published for nb_core_news_sm 3.x)
    assert perf["lemma_acc"] >= 0.969 and perf["pos_acc"] >= 0.95, perf
    # NER F target 0.75 is not reached (0.745 with 0.4.0, see MODELLKORT.md); it must not fall back
    assert perf["ents_f"] >= 0.74, perf
    names = " ".join(s["name"] for s in meta["sources"])
    assert "NDT" in names and "NorNE" in names
    assert meta["performance_nynorsk_test"]["lemma_acc"] > 0
    assert meta["speed"]["words_per_second_tok2vec_tagger_morphologizer"] >= 5000
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size <= 25 * 1024 * 1024
    assert not (MODEL / "model-last").exists()
    card = (MODEL / "MODELLKORT.md").read_text(encoding="utf-8")
    assert "Nynorsk" in card and "ord/s" in card
    # only the model itself is shipped: no corpus files
    assert not list(MODEL.rglob("*.spacy")) and not list(MODEL.rglob("*.conll*"))


# (c) ------------------------------------------------------------------------------------------


def test_ner_finner_personnavn(nlp):
    doc = nlp("Mor, Kari Nordmann, og sønnen Ola møtte Per Hansen fra barnevernstjenesten.")
    persons = {ent.text for ent in doc.ents if ent.label_ == "PER"}
    assert "Kari Nordmann" in persons, persons
    assert "Per Hansen" in persons, persons
    assert "Ola" in persons, persons
    assert "barnevernstjenesten" not in {ent.text for ent in doc.ents}


def test_analyse_av_en_setning(nlp):
    doc = nlp("Foreldrene har ikke møtt til samtalene med barneverntjenesten.")
    by_text = {t.text: t for t in doc}
    assert by_text["har"].pos_ == "AUX"
    assert by_text["møtt"].lemma_ == "møte"
    assert by_text["Foreldrene"].lemma_ == "forelder"
    assert by_text["samtalene"].lemma_ == "samtale"
    assert by_text["ikke"].pos_ == "PART"
    assert "Number=Plur" in str(by_text["samtalene"].morph)
    assert len(list(doc.sents)) == 1


def test_lemmasjekk_retter_ukjente_lemma_og_lar_kjente_sta():
    """The lexicon check replaces a non-word lemma of an unseen compound, never a known lemma."""
    import spacy as _spacy

    import gjennomgang.nlp  # noqa: F401  (registers the factory)

    nlp = _spacy.blank("nb")
    check = nlp.add_pipe("gjennomgang_lemmasjekk")
    check.initialize(lambda: [], nlp, lemmas=["sone", "notat", "møte", "fiskerisone"])
    doc = nlp.make_doc("fiskerisonen notater møtt Bergen")
    for token, wrong in zip(doc, ["fiskerison", "notate", "møte", "Bergen"]):
        token.lemma_ = wrong
    doc[0].pos_, doc[1].pos_, doc[2].pos_, doc[3].pos_ = "NOUN", "NOUN", "VERB", "PROPN"
    doc = check(doc)
    assert doc[0].lemma_ == "fiskerisone"  # not a known lemma → the dictionary's
    assert doc[1].lemma_ == "notat"
    assert doc[2].lemma_ == "møte"  # already a known lemma: untouched
    assert doc[3].lemma_ == "Bergen"  # proper nouns are not touched
    # saved and loaded with the pipeline
    with tempfile.TemporaryDirectory() as tmp:
        nlp.to_disk(tmp)
        again = _spacy.load(tmp).get_pipe("gjennomgang_lemmasjekk")
    assert again.known == check.known
