"""The fallback pipeline: sentences (abbreviations, bullets, ordinals), lemmas (bokmål/nynorsk)."""

from gjennomgang.nlp import build_fallback, load_pipeline
from gjennomgang.nlp.components import guess_language


def _sents(text):
    nlp = build_fallback()
    return [s.text.strip() for s in nlp(text).sents]


def test_sentence_splitter_respects_abbreviations_and_ordinals():
    sents = _sents("Møtet var 1. oktober kl. 10.00, jf. planen. Mor sa bl.a. at hun var sliten. Far kom f.eks. sent.")
    assert sents == ["Møtet var 1. oktober kl. 10.00, jf. planen.", "Mor sa bl.a. at hun var sliten.", "Far kom f.eks. sent."]


def test_sentence_splitter_breaks_lines_and_bullets():
    sents = _sents("Til stede:\n- Mor\n- Far og saksbehandler\nNeste møte er 3. mars")
    assert sents == ["Til stede:", "- Mor", "- Far og saksbehandler", "Neste møte er 3. mars"]


def test_lemmatizer_bokmal_and_nynorsk():
    nlp = build_fallback()
    doc = nlp("Foreldrene fikk veiledning og barna lekte.")
    assert doc._.sprak == "nb"
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["Foreldrene"] == "forelder" and lemmas["fikk"] == "få"
    nn = nlp("Foreldra fekk rettleiing, og dei seier at barnet ikkje søv godt heime.")
    assert nn._.sprak == "nn"


def test_language_guess():
    assert guess_language("Vi har ikkje sett at dei har endra seg, men mora fekk hjelp heime.") == "nn"
    assert guess_language("Vi har ikke sett at de har endret seg, men mor fikk hjelp hjemme.") == "nb"


def test_pipeline_reports_its_name():
    loaded = load_pipeline("fallback")
    assert loaded.kind == "fallback" and "fallback" in loaded.name
