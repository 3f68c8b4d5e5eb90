"""spaCy components registered by name: language guess, sentence splitter, lemmatizer.

Together with `spacy.blank("nb")` they form the fallback pipeline used when no trained
Norwegian model is installed.
"""

from __future__ import annotations

import functools
import re

import numpy

from spacy.language import Language
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Token

if not Doc.has_extension("sprak"):
    Doc.set_extension("sprak", default="nb")

_NYNORSK = {"ikkje", "eg", "kva", "korleis", "kven", "kvifor", "frå", "heime", "berre", "dei", "vart", "vore",
            "meir", "mykje", "noko", "nokon", "òg", "ho", "foreldra", "medverknad", "rettleiing", "saman",
            "kvar", "fekk", "gjekk", "seier", "høyrer", "difor", "sjølv", "tenesta", "barnevernstenesta", "eit",
            "mellom", "me", "vere", "blei", "hjå", "dykk", "deira", "kjem", "ynskjer", "gong"}
_BOKMAL = {"ikke", "jeg", "hva", "hvordan", "hvem", "hvorfor", "fra", "hjemme", "bare", "de", "ble", "vært",
           "mer", "mye", "noe", "noen", "også", "hun", "foreldrene", "medvirkning", "veiledning", "sammen",
           "hver", "fikk", "gikk", "sier", "hører", "derfor", "selv", "tjenesten", "barnevernstjenesten", "et",
           "være", "hos", "dere", "deres", "kommer", "ønsker", "gang"}


def guess_language(text: str) -> str:
    """'nn' when Nynorsk marker words clearly outnumber Bokmål ones, else 'nb'."""
    words = re.findall(r"[a-zæøåàéòô]+", text.lower()[:20000])
    nn = sum(1 for w in words if w in _NYNORSK)
    nb = sum(1 for w in words if w in _BOKMAL)
    return "nn" if nn > nb * 1.2 and nn >= 3 else "nb"


@Language.component("gjennomgang_sprak")
def language_component(doc: Doc) -> Doc:
    doc._.sprak = guess_language(doc.text)
    return doc


ABBREVIATIONS = {"f.eks", "bl.a", "ca", "jf", "jfr", "kl", "nr", "dvs", "mht", "evt", "ev", "pga", "osv", "mv", "m.v",
                 "m.m", "mm", "etc", "ift", "iht", "vha", "t.o.m", "f.o.m", "o.l", "ol", "stk", "tlf", "pkt", "s",
                 "f", "ifm", "inkl", "ekskl", "adm", "avd", "nb", "ped", "spes", "sos", "dr", "hr", "fr", "st",
                 "mnd", "md", "år", "kap", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
                 "nov", "des", "prof", "c.a", "a.s", "m.fl", "bl", "e.l", "el"}
_BULLET_TOKENS = {"-", "–", "•", "*", "▪", "◦", "·"}
_CLOSERS = {'"', "»", "”", "'", ")", "]"}


def _ends_with_abbreviation(token: Token) -> bool:
    text = token.text.lower().rstrip(".")
    if text in ABBREVIATIONS or (len(text) == 1 and text.isalpha() and token.text.endswith(".")):
        return True
    if token.text.endswith(".") and text.isdigit() and len(text) <= 2 and token.i + 1 < len(token.doc):
        nxt = token.nbor(1).text
        return nxt[:1].islower()
    prev = token.nbor(-1) if token.i > 0 else None
    if token.text == "." and prev is not None:
        p = prev.text.lower()
        if p in ABBREVIATIONS or (len(p) == 1 and p.isalpha()):
            return True
        if p.isdigit() and len(p) <= 2 and token.i + 1 < len(token.doc):
            nxt = token.nbor(1).text
            return nxt[:1].islower() or nxt.isdigit()  # «1. oktober», «3. 2»
    return False


def _write_sentence_starts(doc: Doc, starts: list) -> None:
    """Write all boundaries at once. Setting ``token.is_sent_start`` one by one checks the whole
    doc for a parse each time — quadratic, half a second on a 12-page report."""
    if doc.has_annotation("DEP") or not len(doc):
        return
    values = numpy.array([1 if s else (-1 if s is False else 0) for s in starts], dtype="int64")
    doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))


@Language.component("gjennomgang_setninger")
def sentence_splitter(doc: Doc) -> Doc:
    """Split at . ! ? (not after abbreviations or ordinal numbers), at line breaks and bullets."""
    starts: list = []
    for i, token in enumerate(doc):
        if i == 0:
            starts.append(True)
            continue
        prev = doc[i - 1]
        start = False
        if "\n" in prev.whitespace_ or "\n" in prev.text:
            start = True
        elif prev.text in (".", "!", "?", "…") or (prev.text.endswith(".") and len(prev.text) > 1 and prev.text[-2].isalnum()):
            if not _ends_with_abbreviation(prev):
                start = token.text[:1].isupper() or token.text[:1].isdigit() or token.text in _BULLET_TOKENS \
                    or token.text[:1] in "«\"(–-"
        elif prev.text in _CLOSERS and i >= 2 and doc[i - 2].text in (".", "!", "?"):
            start = token.text[:1].isupper()
        elif token.text in _BULLET_TOKENS and i + 1 < len(doc) and prev.text in (":", ";"):
            start = True
        starts.append(start)
    _write_sentence_starts(doc, starts)
    return doc


@Language.component("gjennomgang_linjeskift")
def line_break_boundaries(doc: Doc) -> Doc:
    """For trained pipelines: a line break always starts a sentence (blocks never merge)."""
    starts = [t.is_sent_start for t in doc]
    changed = False
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or prev.is_space and "\n" in prev.text:
            changed = changed or starts[i] is not True
            starts[i] = True
    if changed:
        _write_sentence_starts(doc, starts)
    return doc


@functools.lru_cache(maxsize=200_000)
def dictionary_lemma(word: str, lang: str) -> str:
    """simplemma's lemma for a word (cached; the word itself when simplemma cannot say)."""
    import simplemma

    try:
        return simplemma.lemmatize(word, lang=lang)
    except Exception:  # simplemma raises on unexpected input
        return word


def _lemma(word: str, lang: str) -> str:
    return dictionary_lemma(word, lang).lower()


@Language.factory("gjennomgang_lemmatiserer", default_config={"overwrite": True})
def make_lemmatizer(nlp: Language, name: str, overwrite: bool):
    """simplemma lemmas for Bokmål or Nynorsk (by doc._.sprak); lower-case, cached per word."""

    def lemmatize(doc: Doc) -> Doc:
        lang = "nn" if doc._.sprak == "nn" else "nb"
        for token in doc:
            if token.is_space or token.is_punct:
                continue
            if overwrite or not token.lemma_:
                lower = token.lower_
                token.lemma_ = _lemma(lower, lang) if lower.isalpha() else lower
        return doc

    return lemmatize
