"""Train our own Norwegian Bokmål spaCy pipeline (``nb_gjennomgang``).

The pipeline is meant as a stand-in for ``nb_core_news_sm`` and is trained from
the Norwegian Dependency Treebank (NDT) with the NorNE named-entity layer
(``norne-ndt.tar.xz``).

Data handling
-------------
* The archive is unpacked into ``workdir`` (never into the repository: the
  annotations are CC0, but the texts must not be republished).
* Training data = every Bokmål NDT sentence whose normalised text does *not*
  occur in the UD Norwegian Bokmål dev or test files.
* Dev (early stopping / model selection) = the sentences of the UD Bokmål dev
  file; test (final figures only) = the sentences of the UD Bokmål test file.
  For dev/test the gold tokens, spacing, UPOS, morphology and lemmas are taken
  from the UD file itself, and the fine tag, the dependency tree and the
  entities from the matching NDT sentence (NorNE).
* Annotation scheme of the trained pipeline:
    - ``pos_``: Universal POS, converted from NDT by rules (verified against
      UD dev): ``være/ha/bli/få`` and the modals become ``AUX`` when they govern
      an infinitive/participle (INFV) and ``være`` as copula; ``som`` as
      relative is ``PRON``; prepositions governing a clause are ``SCONJ``; ...
    - ``morph``: Universal Features converted from the NDT features.
    - ``tag_``: the NDT (Oslo-Bergen) POS tag (``subst``, ``verb``, ``<komma>``...).
    - ``lemma_``: NDT lemma (identical to UD's).
    - ``dep_``: NDT functions (``SUBJ``, ``DOBJ``, ``ADV``, ``ATR``, ...), NOT UD
      labels; NDT ``IP``/``IK`` (punctuation) become ``punct`` and the root
      becomes ``ROOT``.  Sentence boundaries come from the parser.
    - entities: NorNE ``PER, ORG, LOC, GPE, PROD, EVT, DRV`` (NorNE ``GPE_LOC``
      and ``GPE_ORG`` are merged into ``GPE``; the 12 ``MISC`` mentions are
      dropped).  By default the entity recogniser (which has its own tok2vec)
      is also trained on the Nynorsk half of NorNE, as NER-only documents,
      leaving out the sentences of UD Nynorsk dev/test.

Usage::

    python -m gjennomgang.nlp.training --ut modeller/nb_gjennomgang
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import re
import shutil
import sys
import tarfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG_PATH = Path(__file__).with_name("sprakmodell.cfg")
NER_CONFIG_PATH = Path(__file__).with_name("sprakmodell_ner.cfg")
#: Stage 2 adds this component after the trainable lemmatizer (no training; it collects the
#: training lemmas). The experiments behind the stages are in MODEL_SELECTION_NOTES.
LEMMA_CHECK = "gjennomgang_lemmasjekk"
DEFAULT_ARCHIVE = REPO_ROOT.parent / "shared" / "data" / "norne-ndt.tar.xz"
DEFAULT_WORKDIR = Path("/tmp/sprak")
DEFAULT_OUTPUT = REPO_ROOT / "modeller" / "nb_gjennomgang"

MODEL_NAME = "nb_gjennomgang"
MODEL_VERSION = "0.4.0"
MODEL_LANG = "nb"

#: Entity labels of the trained pipeline (NorNE GPE_LOC/GPE_ORG -> GPE, MISC dropped).
NER_LABELS = ("PER", "ORG", "LOC", "GPE", "PROD", "EVT", "DRV")
NER_LABEL_MAP = {"GPE_LOC": "GPE", "GPE_ORG": "GPE", "MISC": None}

#: Sentences per training/evaluation document (lets the parser learn sentence splitting).
SENTENCES_PER_DOC = 10

#: Splits understood by :func:`evaluate_language_model`.
EVAL_SPLITS = {
    "dev": ("nob", "ud/nob/no_bokmaal-ud-dev.conllu"),
    "test": ("nob", "ud/nob/no_bokmaal-ud-test.conllu"),
    "nn-dev": ("nno", "ud/nno/no_nynorsk-ud-dev.conllu"),
    "nn-test": ("nno", "ud/nno/no_nynorsk-ud-test.conllu"),
}

PERFORMANCE_KEYS = (
    "token_acc",
    "tag_acc",
    "pos_acc",
    "morph_acc",
    "lemma_acc",
    "dep_uas",
    "dep_las",
    "sents_p",
    "sents_r",
    "sents_f",
    "ents_p",
    "ents_r",
    "ents_f",
)

SOURCES = [
    {
        "name": "Norwegian Dependency Treebank (NDT) 1.0, bokmål (nynorsk bare for NER)",
        "url": "https://www.nb.no/sprakbanken/ressurskatalog/oai-nb-no-sbr-10/",
        "license": "CC0 1.0 (annotasjoner); tekstene kan brukes, men ikke republiseres",
        "author": "Nasjonalbiblioteket (Språkbanken) / UiO",
    },
    {
        "name": "NorNE: Annotating Named Entities for Norwegian",
        "url": "https://github.com/ltgoslo/norne",
        "license": "Samme lisens som NDT (CC0 for annotasjonene)",
        "author": "Jørgensen, Aasmoe, Ruud Husevåg, Øvrelid og Velldal (LREC 2020)",
    },
    {
        "name": "UD Norwegian Bokmål / Nynorsk (kun dev/test-inndelingen, til evaluering)",
        "url": "https://universaldependencies.org/",
        "license": "CC BY-SA 4.0",
        "author": "Øvrelid og Hohle (2016)",
    },
]

LICENCE_NOTE = (
    "Annotasjonene (NDT/NorNE) er CC0. Tekstene i NDT kan brukes til trening, men skal "
    "ikke republiseres; derfor ligger verken korpus eller konverterte DocBin-filer i repoet, "
    "bare den trente modellen."
)


# ---------------------------------------------------------------------------
# Reading CoNLL-X / CoNLL-U
# ---------------------------------------------------------------------------


@dataclass
class Tok:
    form: str
    lemma: str
    upos: str
    tag: str
    feats: str  # UD feature string ("" = none)
    head: int  # 0-based index within the sentence, -1 = root
    dep: str
    ner: str  # "O", "B-PER", "I-PER", ...
    space_after: bool = True


@dataclass
class Sentence:
    toks: List[Tok]
    source: str
    sent_id: str = ""
    has_deps: bool = True
    has_tags: bool = True
    ner_only: bool = False  # only tokens, sentence boundary and entities (Nynorsk NorNE)

    @property
    def forms(self) -> List[str]:
        return [t.form for t in self.toks]


def _read_conll_rows(path: Path) -> Iterator[Tuple[Dict[str, str], List[List[str]]]]:
    meta: Dict[str, str] = {}
    rows: List[List[str]] = []
    with open(path, encoding="utf8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if rows:
                    yield meta, rows
                meta, rows = {}, []
                continue
            if line.startswith("#"):
                if "=" in line:
                    key, value = line[1:].split("=", 1)
                    meta[key.strip()] = value.strip()
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue  # multiword tokens / empty nodes (not present in these files)
            rows.append(cols)
    if rows:
        yield meta, rows


def _misc_get(misc: str, key: str) -> Optional[str]:
    for part in misc.split("|"):
        if part.startswith(key + "="):
            return part[len(key) + 1 :]
    return None


def _ner_tag(misc: str) -> str:
    value = _misc_get(misc, "name") or "O"
    if value == "O" or "-" not in value:
        return "O"
    iob, label = value.split("-", 1)
    label = NER_LABEL_MAP.get(label, label)
    if label is None:
        return "O"
    return f"{iob}-{label}"


# ---------------------------------------------------------------------------
# NDT -> Universal POS / Universal Features
# ---------------------------------------------------------------------------

AUX_LEMMAS = {
    "være", "vere", "ha", "bli", "verte", "få", "kunne", "skulle", "ville", "måtte",
    "burde", "tørre", "trenge", "gidde", "matte",
}
NUMBER_WORDS = {
    "null", "to", "tre", "fire", "fem", "seks", "sju", "syv", "åtte", "ni", "ti", "elleve",
    "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten", "tjue",
    "tyve", "tretti", "tredve", "førti", "femti", "seksti", "sytti", "åtti", "nitti", "hundre",
    "tusen", "million", "millioner", "milliard", "halvannen", "halvtannan", "én", "ett", "ene",
    "eneste", "eine", "einaste", "eitt", "tjuefem", "hundrede",
}
_NUM_RE = re.compile(r"^[\d.,:/½¼¾ -]*\d[\d.,:/½¼¾ -]*$")
PUNCT_TAGS = {"clb", "<komma>", "<anf>", "<strek>", "<parentes-beg>", "<parentes-slutt>"}
POSS_LEMMAS = {
    "min", "din", "sin", "vår", "hans", "hennes", "deres", "dens", "dets", "hvis",
    "hverandres", "ens", "mi", "di", "si", "vår", "dykkar", "hennar", "deira", "hans",
}
_GENDER = {"mask": "Masc", "fem": "Fem", "nøyt": "Neut"}


def _is_number(lemma: str) -> bool:
    low = lemma.lower()
    return bool(_NUM_RE.match(low)) or low in NUMBER_WORDS or (
        len(low) > 4 and any(low.endswith(n) for n in ("ti", "tjue", "hundre", "tusen"))
        and low.startswith(("to", "tre", "fire", "fem", "seks", "sju", "syv", "åtte", "ni", "hundre", "tusen"))
    )


def ndt_upos(sent_rows: Sequence[Sequence[str]], i: int, children: Dict[int, List[int]]) -> str:
    """Universal POS for token ``i`` of an NDT sentence (rows are CoNLL-X columns)."""
    row = sent_rows[i]
    lemma, tag, feats, deprel = row[2], row[3], row[5], row[7]
    fset = set(feats.split("|"))
    low = lemma.lower()
    kids = children.get(i, [])
    if tag in PUNCT_TAGS:
        return "PUNCT"
    if tag == "subst":
        return "PROPN" if "prop" in fset else "NOUN"
    if tag == "verb":
        kid_deps = {sent_rows[k][7] for k in kids}
        if low in AUX_LEMMAS and "INFV" in kid_deps:
            return "AUX"
        if low in ("være", "vere") and "SPRED" in kid_deps:
            return "AUX"
        return "VERB"
    if tag == "prep":
        if low.startswith(("her", "der", "dit", "hit")):
            return "ADV"
        if low == "som" and deprel in ("SPRED", "OPRED", "FSPRED", "FOPRED"):
            return "SCONJ"
        for k in kids:
            if sent_rows[k][7] == "PUTFYLL" and sent_rows[k][3] in ("verb", "inf-merke"):
                return "SCONJ"
        return "ADP"
    if tag == "det":
        if "kvant" in fset:
            return "NUM" if _is_number(lemma) else "DET"
        if "poss" in fset or low in POSS_LEMMAS:
            return "PRON"
        return "DET"
    if tag == "adv":
        return "PART" if low in ("ikke", "ikkje") else "ADV"
    if tag == "sbu":
        if low == "som" and deprel != "SBU":
            return "PRON"
        if low == "som" and deprel == "SBU" and not kids:
            return "PRON"
        return "SCONJ"
    return {
        "adj": "ADJ",
        "pron": "PRON",
        "konj": "CCONJ",
        "inf-merke": "PART",
        "interj": "INTJ",
        "symb": "SYM",
        "ukjent": "X",
    }.get(tag, "X")


def ndt_feats(upos: str, lemma: str, feats: str) -> str:
    """Universal Features (canonical string) from NDT features."""
    fset = set(f for f in feats.split("|") if f and f != "_")
    low = lemma.lower()
    out: Dict[str, str] = {}
    if "fork" in fset:
        out["Abbr"] = "Yes"
    if "gen" in fset:
        out["Case"] = "Gen"
    genders = sorted(_GENDER[g] for g in ("mask", "fem", "nøyt") if g in fset)
    gender = ",".join(genders) if genders else None
    number = "Sing" if ("ent" in fset or "eint" in fset) else ("Plur" if "fl" in fset else None)
    definite = "Ind" if "ub" in fset else ("Def" if ("be" in fset or "bu" in fset) else None)

    def put(key: str, value: Optional[str]) -> None:
        if value:
            out[key] = value

    if upos == "NOUN":
        put("Definite", definite)
        put("Gender", gender)
        put("Number", number)
    elif upos == "PROPN":
        put("Gender", gender)
    elif upos == "ADJ":
        part = "<perf-part>" in fset or "<pres-part>" in fset or "perf-part" in fset
        put("Definite", definite)
        if gender == "Neut":
            put("Gender", gender)
        put("Number", number)
        if part:
            out["VerbForm"] = "Part"
        else:
            degree = (
                "Pos" if "pos" in fset else "Cmp" if "komp" in fset else "Sup" if "sup" in fset else None
            )
            put("Degree", degree)
    elif upos in ("VERB", "AUX"):
        if "pres" in fset:
            out.update(Mood="Ind", Tense="Pres", VerbForm="Fin")
        elif "pret" in fset:
            out.update(Mood="Ind", Tense="Past", VerbForm="Fin")
        elif "imp" in fset:
            out.update(Mood="Imp", VerbForm="Fin")
        elif "inf" in fset:
            out["VerbForm"] = "Inf"
        elif "perf-part" in fset or "<perf-part>" in fset:
            out["VerbForm"] = "Part"
        if "pass" in fset:
            out["Voice"] = "Pass"
    elif upos == "NUM":
        out["NumType"] = "Card"
        put("Definite", definite)
        put("Gender", gender)
        put("Number", number)
    elif upos == "PART":
        if low in ("ikke", "ikkje"):
            out["Polarity"] = "Neg"
    elif upos == "DET":
        put("Definite", definite)
        put("Gender", gender)
        put("Number", number)
        if "kvant" in fset:
            if low in ("en", "ein"):
                out["PronType"] = "Art"
            elif low in ("all", "alle", "hver", "kvar", "enhver", "einkvar", "begge"):
                out["PronType"] = "Tot"
            elif low in ("ingen", "inga", "intet", "ikkje-noko"):
                out.update(PronType="Neg", Polarity="Neg")
            else:
                out["PronType"] = "Ind"
        elif "dem" in fset:
            out["PronType"] = "Dem"
        elif "sp" in fset:
            out["PronType"] = "Int"
        else:
            out["PronType"] = "Prs"
    elif upos == "PRON":
        if low == "som":
            return "PronType=Rel"
        put("Gender", gender)
        put("Number", number)
        if "hum" in fset:
            out["Animacy"] = "Hum"
        if "nom" in fset:
            out["Case"] = "Nom"
        elif "akk" in fset:
            out["Case"] = "Acc"
        for person in ("1", "2", "3"):
            if person in fset:
                out["Person"] = person
        if "poss" in fset or low in POSS_LEMMAS:
            out["Poss"] = "Yes"
        if "refl" in fset:
            out["Reflex"] = "Yes"
        if "res" in fset:
            prontype = "Rcp"
        elif "sp" in fset:
            prontype = "Int"
        elif low in ("ingenting", "ingen", "inkje", "ingenting"):
            out["Polarity"] = "Neg"
            prontype = "Neg,Prs" if "pers" in fset else "Neg"
        elif low in ("noe", "noen", "noko", "nokon"):
            prontype = "Ind,Prs"
        elif low in ("alle", "begge", "enhver", "einkvar"):
            prontype = "Prs,Tot"
        elif low in ("en", "ein") and "pers" in fset:
            prontype = "Art,Prs"
        else:
            prontype = "Prs"
        out["PronType"] = prontype
    elif upos == "ADV":
        pass
    return "|".join(f"{k}={v}" for k, v in sorted(out.items(), key=lambda kv: kv[0].lower()))


# ---------------------------------------------------------------------------
# Sentences from NDT and UD files
# ---------------------------------------------------------------------------


def _children(rows: Sequence[Sequence[str]]) -> Dict[int, List[int]]:
    kids: Dict[int, List[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        head = int(row[6]) - 1
        if head >= 0:
            kids[head].append(i)
    return kids


def _drop_tokens(rows: List[List[str]], drop: Iterable[int]) -> List[List[str]]:
    """Remove tokens (0-based) from a CoNLL sentence, re-attaching their dependents."""
    drop = set(drop)
    if not drop:
        return rows
    heads = {i: int(r[6]) - 1 for i, r in enumerate(rows)}

    def resolve(h: int) -> int:
        seen = set()
        while h in drop and h not in seen:
            seen.add(h)
            h = heads[h]
        return h

    keep = [i for i in range(len(rows)) if i not in drop]
    new_index = {old: new for new, old in enumerate(keep)}
    out = []
    for old in keep:
        row = list(rows[old])
        h = resolve(heads[old])
        row[6] = str(new_index[h] + 1) if h >= 0 else "0"
        out.append(row)
    # a sentence must keep exactly one root: if the dropped token was the root, the
    # first token attached to "0" stays root and other roots hang on it
    roots = [i for i, r in enumerate(out) if r[6] == "0"]
    for extra in roots[1:]:
        out[extra][6] = str(roots[0] + 1)
    return out


def _ndt_dep(label: str, head: int) -> str:
    if head < 0:
        return "ROOT"
    if label in ("IP", "IK"):
        return "punct"
    return label


def ndt_sentence(rows: List[List[str]], source: str) -> Sentence:
    """NDT rows -> Sentence with UD-style UPOS/features (for training)."""
    drop = [i for i, r in enumerate(rows) if r[1] == "|" and r[3] == "clb"]
    if len(drop) == len(rows):
        drop = []
    rows = _drop_tokens(rows, drop)
    kids = _children(rows)
    toks = []
    for i, row in enumerate(rows):
        upos = ndt_upos(rows, i, kids)
        head = int(row[6]) - 1
        toks.append(
            Tok(
                form=row[1],
                lemma=row[2],
                upos=upos,
                tag=row[3],
                feats=ndt_feats(upos, row[2], row[5]),
                head=head,
                dep=_ndt_dep(row[7], head),
                ner=_ner_tag(row[9] if len(row) > 9 else "_"),
            )
        )
    _set_spaces(toks)
    return Sentence(toks=toks, source=source)


def ner_only_sentence(rows: List[List[str]], source: str) -> Sentence:
    """NDT rows -> Sentence carrying only words, sentence boundary and NorNE entities.

    Used for the Nynorsk half of NorNE, which only trains the entity recogniser (the
    tagger, lemmatizer and parser stay Bokmål-only: these tokens have no such annotation).
    """
    drop = [i for i, r in enumerate(rows) if r[1] == "|" and r[3] == "clb"]
    if len(drop) == len(rows):
        drop = []
    rows = _drop_tokens(rows, drop)
    toks = [
        Tok(form=r[1], lemma="", upos="", tag="", feats="", head=-1, dep="",
            ner=_ner_tag(r[9] if len(r) > 9 else "_"))
        for r in rows
    ]
    _set_spaces(toks)
    return Sentence(toks=toks, source=source, has_deps=False, has_tags=False, ner_only=True)


_NOSPACE_BEFORE = set(",.:;!?)]}»”…%")
_NOSPACE_AFTER = set("([{«“")


def _set_spaces(toks: List[Tok]) -> None:
    """Heuristic detokenisation (NDT has no spacing); ~99.8 % agreement with UD dev."""
    forms = [t.form for t in toks]
    quote_open = False
    for i, form in enumerate(forms):
        toks[i].space_after = True
    for i, form in enumerate(forms):
        nxt = forms[i + 1] if i + 1 < len(forms) else None
        if form in ('"', "'"):
            if not quote_open:
                toks[i].space_after = False
            elif i > 0:
                toks[i - 1].space_after = False
            quote_open = not quote_open
        if form in _NOSPACE_AFTER:
            toks[i].space_after = False
        if nxt is not None and (
            nxt in _NOSPACE_BEFORE or (len(nxt) > 1 and all(c in ".!?" for c in nxt))
        ):
            toks[i].space_after = False
        if form == "/" or nxt == "/":
            toks[i].space_after = False
    if toks:
        toks[-1].space_after = True


def text_key(forms: Sequence[str]) -> str:
    """Normalised sentence text used to match NDT and UD sentences."""
    forms = [f for f in forms if f != "|"]
    text = unicodedata.normalize("NFC", "".join(forms))
    return re.sub(r"\s+", "", text).lower()


def loose_key(forms: Sequence[str]) -> str:
    """Like :func:`text_key`, but ignoring trailing punctuation (UD dropped a few final dots)."""
    return text_key(forms).rstrip(".!?:;|…")


def unpack_archive(archive: Path, workdir: Path) -> Path:
    """Unpack ``archive`` into ``workdir`` (once) and return the data root."""
    archive = Path(archive)
    workdir = Path(workdir)
    root = workdir / "data"
    marker = root / ".unpacked"
    stamp = f"{archive.resolve()}:{archive.stat().st_size}:{int(archive.stat().st_mtime)}"
    if marker.exists() and marker.read_text() == stamp:
        return root
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    with tarfile.open(archive, "r:*") as tar:
        try:
            tar.extractall(root, filter="data")
        except TypeError:  # Python without extraction filters
            tar.extractall(root)
    marker.write_text(stamp)
    return root


def read_ndt(root: Path, variant: str = "nob") -> List[Tuple[str, List[List[str]]]]:
    """All NDT sentences (file name, rows), in file order."""
    out = []
    for path in sorted((root / "ndt" / variant).glob("*.conll")):
        for _meta, rows in _read_conll_rows(path):
            out.append((path.name, rows))
    return out


def ud_sentences(
    root: Path, variant: str, rel_path: str, ndt: List[Tuple[str, List[List[str]]]]
) -> List[Sentence]:
    """Gold evaluation sentences: UD tokens/UPOS/features/lemmas + NDT tag/tree/NorNE."""
    by_key: Dict[str, List[List[str]]] = {}
    by_loose: Dict[str, List[List[str]]] = {}
    for _name, rows in ndt:
        by_key.setdefault(text_key([r[1] for r in rows]), rows)
        by_loose.setdefault(loose_key([r[1] for r in rows]), rows)
    out = []
    for meta, rows in _read_conll_rows(root / rel_path):
        forms = [r[1] for r in rows]
        match = by_key.get(text_key(forms)) or by_loose.get(loose_key(forms))
        ndt_rows = None
        if match is not None:
            cand = [r for r in match if not (r[1] == "|" and r[3] == "clb")]
            cand_forms = [r[1] for r in cand]
            if cand_forms == forms:
                ndt_rows = _drop_tokens(match, [i for i, r in enumerate(match) if r[1] == "|" and r[3] == "clb"])
            elif cand_forms[: len(forms)] == forms:
                # UD dropped trailing punctuation: drop it from the NDT tree as well
                extra = [i for i, r in enumerate(match) if (r[1] == "|" and r[3] == "clb")]
                kept = [i for i in range(len(match)) if i not in extra]
                extra += kept[len(forms):]
                ndt_rows = _drop_tokens(match, extra)
        toks = []
        for i, row in enumerate(rows):
            misc = row[9] if len(row) > 9 else "_"
            if ndt_rows is not None:
                nrow = ndt_rows[i]
                head = int(nrow[6]) - 1
                tag, dep = nrow[3], _ndt_dep(nrow[7], head)
            else:
                head, tag, dep = -1, "", ""
            toks.append(
                Tok(
                    form=row[1],
                    lemma=row[2],
                    upos=row[3],
                    tag=tag,
                    feats="" if row[5] == "_" else row[5],
                    head=head,
                    dep=dep,
                    ner=_ner_tag(misc),
                    space_after=_misc_get(misc, "SpaceAfter") != "No",
                )
            )
        toks[-1].space_after = True
        out.append(
            Sentence(
                toks=toks,
                source=rel_path,
                sent_id=meta.get("sent_id", ""),
                has_deps=ndt_rows is not None,
                has_tags=ndt_rows is not None,
            )
        )
    return out


# ---------------------------------------------------------------------------
# Docs / DocBins
# ---------------------------------------------------------------------------


def sentences_to_doc(vocab, sents: Sequence[Sentence]):
    """Several sentences -> one annotated spaCy ``Doc``."""
    from spacy.tokens import Doc

    words, spaces, tags, pos, morphs, lemmas, heads, deps, starts, ents = ([] for _ in range(10))
    with_deps = all(s.has_deps for s in sents)
    with_tags = all(s.has_tags for s in sents)
    for sent in sents:
        offset = len(words)
        for j, tok in enumerate(sent.toks):
            words.append(tok.form)
            spaces.append(tok.space_after)
            tags.append(tok.tag)
            pos.append(tok.upos)
            morphs.append(tok.feats)
            lemmas.append(tok.lemma)
            heads.append(offset + (tok.head if tok.head >= 0 else j))
            deps.append(tok.dep)
            starts.append(j == 0)
            ents.append(tok.ner)
    if spaces:
        spaces[-1] = False
    if any(s.ner_only for s in sents):
        return Doc(vocab, words=words, spaces=spaces, sent_starts=starts, ents=ents)
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        tags=tags if with_tags else None,
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads if with_deps else None,
        deps=deps if with_deps else None,
        sent_starts=None if with_deps else starts,
        ents=ents,
    )


def group_sentences(
    sents: Sequence[Sentence], size: int = SENTENCES_PER_DOC
) -> List[List[Sentence]]:
    """Consecutive sentences of the same source (and annotation status) in groups of ``size``."""
    groups: List[List[Sentence]] = []
    cur: List[Sentence] = []
    for sent in sents:
        if cur and (
            len(cur) >= size or cur[-1].source != sent.source or cur[-1].has_deps != sent.has_deps
        ):
            groups.append(cur)
            cur = []
        cur.append(sent)
    if cur:
        groups.append(cur)
    # groups without trees last: works around spaCy's scorer keeping missing indices
    # across examples
    return [g for g in groups if g[0].has_deps] + [g for g in groups if not g[0].has_deps]


@dataclass
class PreparedData:
    root: Path
    train: Path  # Bokmål NDT: every layer (core pipeline)
    train_ner: Path  # train + the Nynorsk NorNE sentences as entity-only documents (NER)
    dev: Path
    test: Path
    stats: Dict[str, object] = field(default_factory=dict)


def prepare_data(
    archive: Path,
    workdir: Path,
    max_sentences: Optional[int] = None,
    dev_limit: Optional[int] = None,
    seed: int = 0,
    nynorsk_ner: bool = False,
) -> PreparedData:
    """Unpack, convert NDT to DocBins and write train/dev/test ``.spacy`` files in workdir."""
    import spacy
    from spacy.tokens import DocBin

    workdir = Path(workdir)
    root = unpack_archive(archive, workdir)
    ndt = read_ndt(root, "nob")
    dev = ud_sentences(root, "nob", EVAL_SPLITS["dev"][1], ndt)
    test = ud_sentences(root, "nob", EVAL_SPLITS["test"][1], ndt)
    held_out = set()
    for sent in dev + test:
        held_out.add(text_key(sent.forms))
        held_out.add(loose_key(sent.forms))
    train: List[Sentence] = []
    excluded = 0
    for name, rows in ndt:
        forms = [r[1] for r in rows]
        if text_key(forms) in held_out or loose_key(forms) in held_out:
            excluded += 1
            continue
        train.append(ndt_sentence(rows, name))
    n_train_all = len(train)
    if max_sentences:
        train = train[:max_sentences]
    nn_ner: List[Sentence] = []
    if nynorsk_ner:
        ndt_nn = read_ndt(root, "nno")
        nn_held_out = set()
        for split in ("nn-dev", "nn-test"):
            for sent in ud_sentences(root, "nno", EVAL_SPLITS[split][1], ndt_nn):
                nn_held_out.add(text_key(sent.forms))
                nn_held_out.add(loose_key(sent.forms))
        for name, rows in ndt_nn:
            forms = [r[1] for r in rows]
            keys = (text_key(forms), loose_key(forms))
            if any(k in nn_held_out or k in held_out for k in keys):
                continue
            nn_ner.append(ner_only_sentence(rows, "nno/" + name))
        if max_sentences:
            nn_ner = nn_ner[:max_sentences]
    if dev_limit:
        dev = dev[:dev_limit]

    nlp = spacy.blank(MODEL_LANG)
    out_dir = workdir / "corpus"
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, sents in (("train", train), ("train_ner", train + nn_ner), ("dev", dev), ("test", test)):
        db = DocBin(store_user_data=False)
        for group in group_sentences(sents):
            db.add(sentences_to_doc(nlp.vocab, group))
        path = out_dir / f"{name}.spacy"
        db.to_disk(path)
        paths[name] = path
    stats = {
        "ndt_sentences": len(ndt),
        "excluded_dev_test_sentences": excluded,
        "train_sentences_available": n_train_all,
        "train_sentences": len(train),
        "train_tokens": sum(len(s.toks) for s in train),
        "train_sentences_nynorsk_ner_only": len(nn_ner),
        "train_tokens_nynorsk_ner_only": sum(len(s.toks) for s in nn_ner),
        "dev_sentences": len(dev),
        "dev_sentences_with_ndt_tree": sum(s.has_deps for s in dev),
        "test_sentences": len(test),
        "test_sentences_with_ndt_tree": sum(s.has_deps for s in test),
        "test_tokens": sum(len(s.toks) for s in test),
    }
    return PreparedData(
        root=root, train=paths["train"], train_ner=paths["train_ner"], dev=paths["dev"], test=paths["test"], stats=stats
    )


# ---------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------


class TrainingTimeLimit(Exception):
    """Raised from the ``before_update`` callback when the wall-clock budget is used up."""


TIME_LIMIT_CALLBACK = "gjennomgang.tidsgrense.v1"


def _register_time_limit() -> None:
    from spacy import registry

    if TIME_LIMIT_CALLBACK in registry.callbacks:
        return

    @registry.callbacks(TIME_LIMIT_CALLBACK)
    def make_time_limit(max_minutes: float):
        start = time.monotonic()

        def before_update(nlp, args):  # noqa: ARG001 - spaCy callback signature
            if time.monotonic() - start > max_minutes * 60:
                raise TrainingTimeLimit(f"tidsgrense på {max_minutes:.1f} min nådd (steg {args.get('step')})")

        return before_update


def _limit_threads(n: int = 2) -> None:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ.setdefault(var, str(n))


def _run_spacy_training(
    config_path: Path,
    output_path: Path,
    overrides: Dict[str, object],
    max_minutes: Optional[float],
) -> Dict[str, object]:
    """Run spaCy's training loop (same as ``spacy train``) with an optional time budget."""
    from spacy import util
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_loop

    start = time.monotonic()
    config = util.load_config(config_path, overrides=overrides, interpolate=False)
    if max_minutes:
        _register_time_limit()
        config["training"]["before_update"] = {"@callbacks": TIME_LIMIT_CALLBACK, "max_minutes": float(max_minutes)}
    nlp = init_nlp(config, use_gpu=-1)
    output_path.mkdir(parents=True, exist_ok=True)
    stopped_by_time = False
    try:
        train_loop(nlp, output_path, use_gpu=-1, stdout=sys.stdout, stderr=sys.stderr)
    except TrainingTimeLimit as exc:
        stopped_by_time = True
        log.warning("Trening stoppet: %s (beste modell så langt beholdes)", exc)
    return {"seconds": round(time.monotonic() - start, 1), "stopped_by_time_limit": stopped_by_time}


def train_language_model(
    archive: Path = DEFAULT_ARCHIVE,
    output_dir: Path = DEFAULT_OUTPUT,
    workdir: Path = DEFAULT_WORKDIR,
    max_epochs: Optional[int] = None,
    max_sentences: Optional[int] = None,
    seed: int = 0,
    max_minutes: Optional[float] = 85.0,
    config_path: Path = CONFIG_PATH,
    eval_nynorsk: bool = True,
    nynorsk_ner: bool = True,
    lemma_check: bool = True,
    stage1_dir: Optional[Path] = None,
    ner_config_path: Path = NER_CONFIG_PATH,
    ner_dir: Optional[Path] = None,
) -> dict:
    """Train the pipeline and write it (with ``meta.json`` and ``MODELLKORT.md``) to ``output_dir``.

    Stage 1a trains the core pipeline (``config_path``: tok2vec, tagger, morphologizer,
    trainable lemmatizer, parser) on the Bokmål sentences; stage 1b trains the entity
    recogniser alone (``ner_config_path``, its own tok2vec) on the Bokmål sentences plus,
    with ``nynorsk_ner``, the Nynorsk NorNE sentences.  Stage 2 appends the NER to the core
    pipeline and (with ``lemma_check``) adds the lemma lexicon check after the trainable
    lemmatizer, knowing the lemmas of the training sentences.  ``stage1_dir`` / ``ner_dir``
    reuse an already trained core / NER pipeline.  ``max_sentences`` limits the training
    sentences (first N in file order) and then also limits dev (N // 2, at least 50) and the
    final test/speed evaluation (N sentences) so that smoke tests stay fast.  ``max_minutes``
    is a wall-clock budget for both training loops together (the best checkpoint so far is
    kept).  Returns a summary dict.
    """
    import spacy

    _limit_threads(2)
    archive, output_dir, workdir = Path(archive), Path(output_dir), Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    dev_limit = max(50, max_sentences // 2) if max_sentences else None
    data = prepare_data(
        archive, workdir, max_sentences=max_sentences, dev_limit=dev_limit, seed=seed, nynorsk_ner=nynorsk_ner
    )
    t_convert = time.monotonic() - t0
    log.info("Data: %s", data.stats)

    overrides: Dict[str, object] = {"paths.dev": str(data.dev), "system.seed": seed, "training.seed": seed}
    if max_epochs is not None:
        overrides["training.max_epochs"] = int(max_epochs)
    if max_sentences:
        overrides["training.eval_frequency"] = 50
    random.seed(seed)
    runs: Dict[str, Dict[str, object]] = {}
    # stage 1a: the core pipeline (tok2vec, tagger, morphologizer, lemmatizer, parser)
    core_best, runs["core"] = _train_stage(
        "kjerne", config_path, workdir / "training", {**overrides, "paths.train": str(data.train)}, max_minutes, stage1_dir
    )
    # stage 1b: NER with its own tok2vec, trained and early-stopped on entities alone
    left = None if max_minutes is None else max(1.0, max_minutes - float(runs["core"]["seconds"]) / 60)
    ner_best, runs["ner"] = _train_stage(
        "ner", ner_config_path, workdir / "training_ner", {**overrides, "paths.train": str(data.train_ner)},
        left, ner_dir,
    )
    run = {
        "seconds": round(sum(float(r["seconds"]) for r in runs.values()), 1),
        "stopped_by_time_limit": any(r["stopped_by_time_limit"] for r in runs.values()),
    }

    nlp = assemble(core_best, ner_best)
    if lemma_check and LEMMA_CHECK not in nlp.pipe_names:
        add_lemma_check(nlp, data.train)
    eval_limit = max_sentences if max_sentences else None
    dev_scores = _evaluate_nlp(nlp, data.root, "dev", limit=dev_limit)
    test_scores = _evaluate_nlp(nlp, data.root, "test", limit=eval_limit)
    nn_scores = _evaluate_nlp(nlp, data.root, "nn-test", limit=eval_limit) if eval_nynorsk else {}
    speed = measure_speed(nlp, data.root, limit=eval_limit, repeats=1 if max_sentences else 3)

    meta = dict(nlp.meta)
    meta.update(
        {
            "lang": MODEL_LANG,
            "name": MODEL_NAME,
            "version": MODEL_VERSION,
            "description": (
                "Norsk bokmål-pipeline for gjennomgang (tok2vec CNN, tagger, morphologizer, "
                "trainable_lemmatizer + lemmasjekk, parser, ner) trent på NDT + NorNE. Erstatning for nb_core_news_sm."
            ),
            "author": "gjennomgang",
            "license": "CC0-1.0 (annotasjoner); se sources",
            "sources": SOURCES,
            "licence_note": LICENCE_NOTE,
            "performance": _performance(test_scores),
            "performance_dev": _performance(dev_scores),
            "performance_nynorsk_test": _performance(nn_scores) if nn_scores else {},
            "speed": speed,
            "training": {
                "seed": seed,
                "max_epochs": max_epochs,
                "max_sentences": max_sentences,
                "max_minutes": max_minutes,
                "seconds_training": run["seconds"],
                "lemma_check": lemma_check,
                "stage1_reused": str(stage1_dir) if stage1_dir else None,
                "ner_reused": str(ner_dir) if ner_dir else None,
                "seconds_training_core": runs["core"]["seconds"],
                "seconds_training_ner": runs["ner"]["seconds"],
                "ner_config": _rel(ner_config_path),
                "ner_search": _ner_search(nlp),
                "seconds_total": None,
                "stopped_by_time_limit": run["stopped_by_time_limit"],
                "data": data.stats,
                "ner_labels": list(NER_LABELS),
                "ner_label_note": "NorNE GPE_LOC og GPE_ORG slått sammen til GPE; MISC utelatt.",
                "dep_scheme": "NDT-funksjoner (SUBJ, DOBJ, ADV, ...); IP/IK -> punct, rot -> ROOT",
                "command": _retrain_command(
                    output_dir, max_epochs, max_sentences, seed, max_minutes, config_path, nynorsk_ner, ner_config_path
                ),
                "config": _rel(config_path),
                "nynorsk_ner": nynorsk_ner,
                "python": platform.python_version(),
                "spacy": spacy.__version__,
            },
        }
    )
    nlp.meta.update(meta)
    # the saved config must not point at our temporary corpus files
    for key in ("train", "dev"):
        nlp.config["paths"][key] = None
    nlp.config["training"]["before_update"] = None
    if output_dir.exists():
        shutil.rmtree(output_dir)
    nlp.to_disk(output_dir)
    meta["training"]["seconds_total"] = round(time.monotonic() - t0, 1)
    meta["training"]["seconds_conversion"] = round(t_convert, 1)
    meta["size_mb"] = round(_dir_size(output_dir) / 1e6, 2)
    (output_dir / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf8")
    write_model_card(output_dir / "MODELLKORT.md", meta)
    return {
        "output_dir": str(output_dir),
        "model_best": {"kjerne": str(core_best), "ner": str(ner_best)},
        "data": data.stats,
        "dev": _performance(dev_scores),
        "test": _performance(test_scores),
        "nynorsk_test": _performance(nn_scores) if nn_scores else {},
        "speed": speed,
        "training_seconds": run["seconds"],
        "total_seconds": meta["training"]["seconds_total"],
        "stopped_by_time_limit": run["stopped_by_time_limit"],
        "size_mb": meta["size_mb"],
    }


def _train_stage(
    name: str,
    config_path: Path,
    train_out: Path,
    overrides: Dict[str, object],
    max_minutes: Optional[float],
    reuse: Optional[Path],
) -> Tuple[Path, Dict[str, object]]:
    """Train one stage with spaCy's loop (or reuse ``reuse``); return its best checkpoint and timing."""
    if reuse is not None:
        log.info("Trinn %s: gjenbruker %s", name, reuse)
        return Path(reuse), {"seconds": 0.0, "stopped_by_time_limit": False, "reused": str(reuse)}
    if train_out.exists():
        shutil.rmtree(train_out)
    log.info("Trinn %s: trener med %s", name, _rel(config_path))
    run = _run_spacy_training(config_path, train_out, overrides, max_minutes)
    best = train_out / "model-best"
    if not best.exists():
        best = train_out / "model-last"
    return best, run


def assemble(core_dir: Path, ner_dir: Path):
    """One pipeline: the core pipeline with the separately trained ``ner`` appended.

    The NER has its own tok2vec, so it is independent of the core's shared one; training it
    apart lets it keep its own best checkpoint (chosen on entity F) instead of the checkpoint
    that suits tagging and parsing.
    """
    import spacy

    nlp = spacy.load(core_dir)
    ner_nlp = spacy.load(ner_dir)
    nlp.add_pipe("ner", source=ner_nlp)
    return nlp


def _ner_search(nlp) -> str:
    """How the entity recogniser decodes, for the model card (greedy or beam search)."""
    if "ner" not in nlp.pipe_names:
        return "ingen NER"
    factory = nlp.get_pipe_meta("ner").factory
    if factory == "beam_ner":
        return f"strålesøk (`beam_ner`, bredde {nlp.get_pipe_config('ner').get('beam_width')})"
    return "grådig søk (`ner`)"


def add_lemma_check(nlp, train_docbin: Path) -> None:
    """Stage 2: add the lemma lexicon check, knowing every lemma of the training sentences."""
    from spacy.tokens import DocBin

    from . import lemma_lexicon  # noqa: F401  (registers the factory)

    docs = DocBin().from_disk(train_docbin).get_docs(nlp.vocab)
    lemmas = [t.lemma_ for doc in docs for t in doc if t.lemma_]
    pipe = nlp.add_pipe(LEMMA_CHECK, after="trainable_lemmatizer")
    pipe.initialize(lambda: [], nlp, lemmas=lemmas)


def _rel(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def _retrain_command(
    output_dir, max_epochs, max_sentences, seed, max_minutes, config_path, nynorsk_ner, ner_config_path=NER_CONFIG_PATH
) -> str:
    cmd = f"python -m gjennomgang.nlp.training --ut {_rel(output_dir)}"
    if Path(config_path).resolve() != CONFIG_PATH.resolve():
        cmd += f" --config {_rel(config_path)}"
    if Path(ner_config_path).resolve() != NER_CONFIG_PATH.resolve():
        cmd += f" --ner-config {_rel(ner_config_path)}"
    if not nynorsk_ner:
        cmd += " --no-nynorsk-ner"
    if max_epochs is not None:
        cmd += f" --max-epoker {max_epochs}"
    if max_sentences:
        cmd += f" --max-setninger {max_sentences}"
    if seed:
        cmd += f" --seed {seed}"
    if max_minutes != 85.0:
        cmd += f" --max-minutter {max_minutes}"
    return cmd


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def _performance(scores: Dict[str, object]) -> Dict[str, object]:
    out: Dict[str, object] = {}
    for key in PERFORMANCE_KEYS:
        value = scores.get(key)
        if isinstance(value, (int, float)):
            out[key] = round(float(value), 4)
    per_type = scores.get("ents_per_type")
    if isinstance(per_type, dict):
        out["ents_per_type"] = {
            label: {k: round(float(v), 4) for k, v in prf.items()} for label, prf in sorted(per_type.items())
        }
    for key in ("n_sentences", "n_tokens"):
        if key in scores:
            out[key] = scores[key]
    return out


# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------


def _eval_docs(nlp, root: Path, split: str, limit: Optional[int] = None):
    if split not in EVAL_SPLITS:
        raise ValueError(f"ukjent split {split!r}; bruk en av {sorted(EVAL_SPLITS)}")
    variant, rel = EVAL_SPLITS[split]
    ndt = read_ndt(root, variant)
    sents = sample_evenly(ud_sentences(root, variant, rel, ndt), limit)
    docs = [sentences_to_doc(nlp.vocab, g) for g in group_sentences(sents)]
    return sents, docs


def sample_evenly(items: Sequence, limit: Optional[int]) -> list:
    """``limit`` items spread evenly over ``items`` (all when ``limit`` is falsy), order kept."""
    items = list(items)
    if not limit or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def _evaluate_nlp(nlp, root: Path, split: str, limit: Optional[int] = None) -> Dict[str, object]:
    from spacy.training import Example

    sents, docs = _eval_docs(nlp, root, split, limit)
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in docs]
    scores = nlp.evaluate(examples)
    scores = dict(scores)
    scores["n_sentences"] = len(sents)
    scores["n_tokens"] = sum(len(s.toks) for s in sents)
    scores["n_sentences_with_ndt_tree"] = sum(s.has_deps for s in sents)
    return scores


def evaluate_language_model(
    model_dir: Path = DEFAULT_OUTPUT,
    archive: Path = DEFAULT_ARCHIVE,
    workdir: Path = DEFAULT_WORKDIR,
    split: str = "test",
    limit: Optional[int] = None,
) -> dict:
    """Evaluate a trained pipeline on a UD split (``dev``, ``test``, ``nn-dev``, ``nn-test``).

    UPOS, features and lemmas are scored against the UD file, the tag/tree against the NDT
    analysis of the same sentences and entities against NorNE.
    ``limit`` = that many sentences spread evenly over the file (deterministic).  Returns the
    (rounded) figures as in ``meta.json["performance"]`` plus sentence/token counts.
    """
    import spacy

    nlp = spacy.load(model_dir)
    root = unpack_archive(Path(archive), Path(workdir))
    scores = _evaluate_nlp(nlp, root, split, limit)
    out = _performance(scores)
    out["split"] = split
    out["n_sentences_with_ndt_tree"] = scores["n_sentences_with_ndt_tree"]
    out["speed_wps"] = round(float(scores.get("speed", 0.0)), 1)
    return out


def measure_speed(nlp, root: Path, limit: Optional[int] = None, repeats: int = 3) -> Dict[str, object]:
    """Words per second on one CPU core (UD Bokmål test texts), full pipeline and tagger only.

    The process is pinned to one core while measuring.  Because the machine may be shared,
    the main figure is words per *CPU* second of this process (``time.process_time``), which
    does not depend on how much other work runs; wall-clock figures are reported as well.
    """
    _variant, rel = EVAL_SPLITS["test"]
    texts = []
    for _meta, rows in _read_conll_rows(root / rel):
        texts.append(" ".join(r[1] for r in rows))
    texts = sample_evenly(texts, limit)
    n_words = sum(len(t.split()) for t in texts)
    old_affinity = None
    if hasattr(os, "sched_getaffinity"):
        old_affinity = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {sorted(old_affinity)[-1]})
    try:
        def run(disable: Sequence[str]) -> Tuple[float, float]:
            best_cpu = best_wall = 0.0
            for _ in range(repeats):
                wall, cpu = time.perf_counter(), time.process_time()
                for _doc in nlp.pipe(texts, batch_size=256, disable=list(disable)):
                    pass
                best_cpu = max(best_cpu, n_words / max(time.process_time() - cpu, 1e-9))
                best_wall = max(best_wall, n_words / max(time.perf_counter() - wall, 1e-9))
            return round(best_cpu), round(best_wall)

        list(nlp.pipe(texts[:50]))  # warm-up
        full_cpu, full_wall = run(())
        tag_cpu, tag_wall = run([p for p in nlp.pipe_names if p not in ("tok2vec", "tagger", "morphologizer")])
        no_ner_cpu, no_ner_wall = run(["ner"])
    finally:
        if old_affinity is not None:
            os.sched_setaffinity(0, old_affinity)
    return {
        "words": n_words,
        "cores": 1,
        "batch_size": 256,
        "words_per_second_full_pipeline": full_cpu,
        "words_per_second_without_ner": no_ner_cpu,
        "words_per_second_tok2vec_tagger_morphologizer": tag_cpu,
        "wall_clock_words_per_second_full_pipeline": full_wall,
        "wall_clock_words_per_second_tok2vec_tagger_morphologizer": tag_wall,
        "note": "ord per CPU-sekund for denne prosessen, låst til én kjerne (time.process_time)",
        "cpu": _cpu_name(),
    }


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


# ---------------------------------------------------------------------------
# Model card
# ---------------------------------------------------------------------------


def _num(value) -> str:
    """Thousands separated by a (narrow) space, as in Norwegian."""
    return f"{float(value or 0):,.0f}".replace(",", "\u202f")


def _pct(value) -> str:
    return "–" if value is None else f"{100 * float(value):.1f}".replace(".", ",")


#: Targets from the issue, on the UD Bokmål test file.
TARGETS = {"lemma_acc": 0.969, "ents_f": 0.75, "pos_acc": 0.95}
MIN_WORDS_PER_SECOND = 5000


MODEL_SELECTION_NOTES = """
## Hvordan konfigurasjonen ble valgt (på dev)

Valgene er gjort på UD-dev (beste sjekkpunkt i hver kjøring). Testtallene ble regnet ut
automatisk etter hver kjøring, men ble ikke brukt til å velge.

| Forsøk | Endring | Dev lemma | Dev UPOS | Dev NER F |
|---|---|---:|---:|---:|
| A | sm-standard (hashtabeller 5000/1000/2500/2500, alt delt); avbrutt etter 25 min | 96,09 | 96,01 | 66,52 |
| B | større hashtabeller + egen tok2vec for NER; 45 min | 96,63 | 96,37 | 75,65 |
| C | B + parametergjennomsnitt, lineært fallende læringsrate, 2000 steg, `top_k = 3` | 96,87 | 96,62 | 75,92 |
| D | C + nynorsk NorNE (bare enheter) til NER – **valgt** | 96,85 | 96,57 | 79,74 |
| E | D med tegnbasert innbygging (CharacterEmbed) i den delte tok2vec; avbrutt ved steg 1500 | 96,55 | 96,19 | 79,37 |

| F | D + lemmasjekk (trinn 2, ingen trening) – versjon 0.2.0 | 98,10 | 96,57 | 79,74 |
| G | F + et NER-trinn 2 (bare NER, 8000 steg, læringsrate 0,001) | – | – | 78,7 |
| H | F + et NER-trinn 2 (bare NER, 5000 steg, skjult bredde 128); stoppet ved steg 2400 | – | – | 79,5 |
| I | NER lytter på den delte tok2vec (24000 rader); avbrutt ved steg 1000 | 96,73 | 96,51 | 75,97 |
| J | rader flyttet fra den delte tok2vec (12000/2000/6000/2500) til NER (14000/2000/6000/2500); 25,4 MB, for stor | 98,21 | 96,65 | 80,18 |
| K | som J, men delt tok2vec 11000/2000/5000/2500 så modellen holder seg under 25 MB – **valgt** (0.3.0) | 98,13 | 96,65 | 79,08 |

`top_k = 3` i lemmatisereren ga +0,1 lemma på dev (målt på B). B ble 27 MB, så hashtabellene
ble krympet for C–E (16000/2000/8000/2500 i den delte tok2vec, 8000/1000/4000/2000 for NER).
Lemma for F–K er med lemmasjekken; for A–E og I uten (I er tallet fra treningsloggen).

Ærlig om valget av K: retningen (rader fra den delte tok2vec til NER) ble valgt fordi J var
bedre på dev. K ble tvunget fram av størrelsesgrensen, og på dev alene er K og F omtrent like
(NER F −0,7, UPOS +0,1, LAS +0,1). Testtallene ble regnet ut automatisk for alle kjøringer, så
den store forskjellen på test (NER F 74,1 for K mot 70,5 for F) var kjent da K ble levert; les
den med det i tankene.

### Versjon 0.4.0: NER trent for seg

I K ble beste sjekkpunkt valgt på en vektet sum der NER F bare teller 25 %, så NER fikk det
sjekkpunktet som passet ordklasser og parsing. Siden NER har sin egen tok2vec, kan den trenes
for seg og stoppes på sitt eget beste sjekkpunkt uten at noe annet endres. Forsøkene L–T er bare
NER (samme data og seed; kjernen trenes uendret, men nå uten `ents_f` i vektingen). NER F er fra
treningsloggen (fasit-tokenisering), derfor litt høyere enn i tabellen over:

| Forsøk | Endring (bare NER) | Dev NER F |
|---|---|---:|
| L | NER trent for seg, grådig søk, ellers som K | 80,77 |
| M | L + forhåndstrening av NER-ens tok2vec (`spacy pretrain`, tegnmål, 9 epoker på råteksten av treningssetningene) | 80,55 |
| N | L med dropout 0,2 | 80,35 |
| O | L med strålesøk (`beam_ner`, bredde 4) – **valgt** (0.4.0) | 81,31 |
| P | L med skjult bredde 128 og 3 maxout-biter; avbrutt ved steg 1700 | 80,17 |
| Q | O med dybde 6 (rader 12000/1500/5000/2000 for å holde størrelsen); avbrutt ved steg 1300 | 78,68 |
| R | O med bredde 128 (rader 9000/1500/4000/1500); avbrutt ved steg 1800 | 80,90 |
| S | O med strålebredde 8; avbrutt ved steg 1800 | 81,27 |
| T | O + navnebytte (med sannsynlighet 0,3 også en kopi av dokumentet med andre navn av samme type fra treningsdataene, «mention replacement») | 79,49 |

M ble ikke tatt med: forhåndstrening på den samme lille teksten hjalp ikke, og den koster
10 minutter. Ærlig om rekkefølgen: testtallet for O (NER F 74,5, fortsatt under målet 75) ble
regnet ut da O ble satt sammen med kjernen, før Q–T ble kjørt. De ble valgt bort på dev.

**Hvor mye er tilfeldighet?** O trent på nytt med seed 1 og 2 (bare NER, samme kjerne; målt etter
sammensetting, med spaCys tokenisering): NER F på dev 80,3 / 78,9 / 79,4 og på test 74,5 / 70,9 /
72,1 for seed 0 / 1 / 2. Forskjellen mellom seeds er altså like stor som avstanden til målet på 75,
og seed 0 (den som leveres, valgt før dette ble målt) ligger i den heldige enden; snittet over tre
seeds er 72,5 på test.
"""


def write_model_card(path: Path, meta: Dict[str, object]) -> None:
    """Write ``MODELLKORT.md`` (model card in Norwegian Bokmål) from the figures in ``meta``."""
    tr = meta["training"]
    data = tr["data"]
    speed = meta["speed"]
    test = meta.get("performance") or {}
    dev = meta.get("performance_dev") or {}
    nn = meta.get("performance_nynorsk_test") or {}

    def row(name: str, key: str) -> str:
        return f"| {name} | {_pct(dev.get(key))} | {_pct(test.get(key))} | {_pct(nn.get(key)) if nn else '–'} |"

    def ent_table(perf: Dict[str, object]) -> str:
        per_type = perf.get("ents_per_type") or {}
        return "\n".join(
            f"| {label} | {_pct(v.get('p'))} | {_pct(v.get('r'))} | {_pct(v.get('f'))} |"
            for label, v in sorted(per_type.items())
        )

    target_names = {"lemma_acc": "Lemma", "ents_f": "NER F", "pos_acc": "UPOS"}
    target_rows = []
    for key, goal in TARGETS.items():
        value = test.get(key)
        ok = value is not None and value >= goal
        target_rows.append(
            f"| {target_names[key]} | ≥ {_pct(goal)} | {_pct(value)} | {'nådd' if ok else '**ikke nådd**'} |"
        )
    tagger_wps = speed.get("words_per_second_tok2vec_tagger_morphologizer") or 0
    target_rows.append(
        f"| Hastighet tagger (ord/s, én kjerne) | ≥ {_num(MIN_WORDS_PER_SECOND)} | {_num(tagger_wps)} | "
        f"{'nådd' if tagger_wps >= MIN_WORDS_PER_SECOND else '**ikke nådd**'} |"
    )
    minutes = (tr.get("seconds_training") or 0) / 60
    smoke = " (røyktest – IKKE en fullverdig modell)" if tr.get("max_sentences") else ""
    nn_ner = data.get("train_sentences_nynorsk_ner_only") or 0
    nn_ner_text = (
        f"\n* I tillegg: {nn_ner} setninger / {data.get('train_tokens_nynorsk_ner_only')} ord fra den "
        "nynorske delen av NDT/NorNE, **bare med navngitte enheter** (ingen ordklasser, lemma eller "
        "tre), slik at NER får mer data. Setninger som finnes i UD Nynorsk dev/test er utelatt."
        if nn_ner
        else ""
    )
    stop = tr.get("stopped_by_time_limit")
    nn_eval_note = (
        "; NER-tallet for nynorsk er derimot hjulpet av den nynorske NorNE-treningen "
        "(testsetningene var holdt utenfor)"
        if nn_ner
        else ""
    )
    gap_note = ""
    if dev.get("ents_f") is not None and test.get("ents_f") is not None:
        gap_note = (
            f"\nNER F er {_pct(dev.get('ents_f'))} på dev, men {_pct(test.get('ents_f'))} på test; forskjellen "
            "kommer særlig fra `ORG`, `LOC` og `PROD` (se tabellene under), som avhenger mye av tekstene "
            "i hvert utvalg. Tallene er rapportert som de ble; innstillingene er valgt på dev (se "
            "avsnittet om valget av konfigurasjon nederst).\n"
        )
    extra_note = f"\n* {tr['note']}" if tr.get("note") else ""
    history = "" if tr.get("max_sentences") else MODEL_SELECTION_NOTES
    ner_kind = tr.get("ner_search") or "grådig søk"
    card = f"""# Modellkort: `{meta['name']}` {meta['version']}{smoke}

Egen norsk bokmålsmodell (pipeline) for spaCy {tr['spacy']}, laget som erstatning for
`nb_core_news_sm` (som ikke kan lastes ned i dette miljøet). Lastes med
`spacy.load("modeller/nb_gjennomgang")` når `gjennomgang` er installert (lemmasjekken er en
komponent i pakken, funnet via inngangspunktet `spacy_factories`; den bruker `simplemma`).

## Komponenter

| Komponent | Gir | Merknad |
|---|---|---|
| `tok2vec` | delte vektorer | MultiHashEmbed (NORM, PREFIX, SUFFIX, SHAPE) + MaxoutWindowEncoder (CNN), bredde 96, dybde 4 |
| `tagger` | `tag_` | NDT-ordklassen (`subst`, `verb`, `adj`, `prep`, `konj`, `sbu`, `adv`, `pron`, `det`, `inf-merke`, `interj`, `clb`, `<komma>`, ...) |
| `morphologizer` | `pos_`, `morph` | Universal POS og Universal Features |
| `trainable_lemmatizer` | `lemma_` | redigeringstrær, `backoff = "orth"`, `top_k = 3` |
| `gjennomgang_lemmasjekk` | `lemma_` (retting) | trinn 2, ingen trening: et lemma som ikke finnes blant treningslemmaene (substantiv, adjektiv, verb) erstattes med `simplemma`s ordbokslemma når ordboka kjenner ordet; regelen er laget på UD-dev |
| `parser` | `dep_`, `head`, setningsgrenser | NDT-funksjoner |
| `ner` | `ents` | {', '.join(NER_LABELS)}; egen tok2vec (samme arkitektur), trent for seg (trinn 1b); {ner_kind} |

Konfigurasjon: `gjennomgang/nlp/sprakmodell.cfg` (kjernen) og `gjennomgang/nlp/sprakmodell_ner.cfg`
(NER). Alt trenes med spaCys treningsløkke, seed {tr['seed']}, i tre trinn:

1. **Trinn 1a – kjernen** (`tok2vec`, `tagger`, `morphologizer`, `trainable_lemmatizer`, `parser`) på
   bokmålssetningene; beste sjekkpunkt velges på en vektet sum av ordklasser, trekk, lemma og LAS på dev.
2. **Trinn 1b – NER** for seg, med egen tok2vec, på bokmålssetningene pluss den nynorske NorNE-delen;
   beste sjekkpunkt velges på NER F på dev alene. NER deler ingen vekter med kjernen, så å trene den
   for seg endrer ingenting for de andre komponentene, men den får sitt eget beste sjekkpunkt
   (i felles trening var det sjekkpunktet som passet ordklasser og parsing).
3. **Trinn 2** setter NER inn i kjernepipelinen (`assemble`) og legger til lemmasjekken
   (`add_lemma_check` i `gjennomgang/nlp/training.py`).

* **`pos_`** er Universal POS konvertert fra NDT med regler som er kontrollert mot UD-dev
  (99,7 % samsvar med UD-fasiten på dev): *være/ha/bli/få* og modalverbene er `AUX` når de
  styrer et infinitt verb (NDT `INFV`), *være* som kopula er `AUX`, ellers `VERB`; relativt *som*
  er `PRON`; preposisjoner som styrer en setning/infinitiv er `SCONJ`; *ikke* er `PART`;
  tallord er `NUM`; possessiver er `PRON`; egennavn (`subst` + `prop`) er `PROPN`.
* **`morph`** er Universal Features oversatt fra NDT-trekkene (kjønn, tall, bestemthet, grad,
  tid, modus, verbform, passiv, kasus, person, pronomentype ...).
* **`lemma_`** er NDT-lemmaene (identiske med UDs). Tegnsetting har lemma som `$.` og `$,`.
* **`dep_`** er NDT-funksjonene (`SUBJ`, `DOBJ`, `IOBJ`, `ADV`, `ATR`, `DET`, `PUTFYLL`, `INFV`,
  `FINV`, `SPRED`, `OPRED`, `KONJ`, `KOORD`, `SBU`, `FLAT`, `APP`, ...), **ikke** UD-etiketter;
  NDT `IP`/`IK` heter `punct`, roten `ROOT`.
* **Navngitte enheter** følger NorNE, men `GPE_LOC` og `GPE_ORG` er slått sammen til `GPE`
  (forskjellen er ofte uklar og lite nyttig her); de 12 `MISC`-forekomstene er utelatt.

## Data og inndeling

* Kilde: Norsk dependenstrebank (NDT) med NorNE-annotasjon av navngitte enheter
  (`norne-ndt.tar.xz`). {LICENCE_NOTE}
* **Trening:** alle {data.get('train_sentences_available')} NDT-setninger på bokmål som **ikke** finnes i UD
  Norwegian Bokmål dev eller test. Match på normalisert tekst (NFC, små bokstaver, uten
  mellomrom, uten NDTs overskriftsmarkør `|`, også uten avsluttende tegnsetting);
  {data.get('excluded_dev_test_sentences')} setninger er utelatt. Brukt: {data.get('train_sentences')} setninger /
  {data.get('train_tokens')} ord, i dokumenter på {SENTENCES_PER_DOC} påfølgende setninger (så parseren lærer
  setningsgrenser), med mellomrom gjenskapt ved heuristikk.{nn_ner_text}
* **Dev** (tidlig stopp og valg av beste sjekkpunkt): UD Bokmål dev, {data.get('dev_sentences')} setninger.
* **Test** (bare de endelige tallene, aldri brukt til valg): UD Bokmål test,
  {data.get('test_sentences')} setninger / {data.get('test_tokens')} ord.
* I dev og test er ord, mellomrom, `pos_`, `morph` og lemma fasit fra UD-filen; NDT-taggen,
  treet og enhetene kommer fra NDT/NorNE-versjonen av de samme setningene
  ({data.get('test_sentences_with_ndt_tree')} av {data.get('test_sentences')} testsetninger har NDT-tre).
* **Nynorsk:** den samme modellen evaluert på UD Norwegian Nynorsk test
  ({nn.get('n_sentences', '–')} setninger). Modellen er ikke trent på nynorske ordklasser, lemma
  eller trær{nn_eval_note}.

## Resultater

Teksten tokeniseres av spaCy (ikke fasit-tokenisering), så tokeniseringsfeil teller med.
UAS/LAS er målt i NDT-skjemaet og uten tegnsetting (`punct`), som spaCy gjør.

| Mål (%) | Bokmål dev | Bokmål test | Nynorsk test |
|---|---:|---:|---:|
{row('Tokenisering (token_acc)', 'token_acc')}
{row('UPOS (pos_acc)', 'pos_acc')}
{row('NDT-tagg (tag_acc)', 'tag_acc')}
{row('Morfologi (morph_acc)', 'morph_acc')}
{row('Lemma (lemma_acc)', 'lemma_acc')}
{row('UAS (dep_uas)', 'dep_uas')}
{row('LAS (dep_las)', 'dep_las')}
{row('Setningsgrenser F (sents_f)', 'sents_f')}
{row('NER presisjon (ents_p)', 'ents_p')}
{row('NER dekning (ents_r)', 'ents_r')}
{row('NER F (ents_f)', 'ents_f')}

### Mål fra saken (UD bokmål test)

| Mål | Krav | Oppnådd | |
|---|---:|---:|---|
{chr(10).join(target_rows)}
{gap_note}
### Navngitte enheter per type

Bokmål test:

| Type | P | R | F |
|---|---:|---:|---:|
{ent_table(test)}

Bokmål dev:

| Type | P | R | F |
|---|---:|---:|---:|
{ent_table(dev)}

## Hastighet og størrelse

Målt med `measure_speed` i `gjennomgang/nlp/training.py` (prosessen låst til én CPU-kjerne,
`nlp.pipe(batch_size=256)`, {speed.get('words')} ord fra UD bokmål test, {speed.get('cpu')}).
Tallene er ord per CPU-sekund, fordi maskinen deles med annet arbeid (veggklokke i parentes):

* tok2vec + tagger + morphologizer: **{_num(tagger_wps)} ord/s**
  ({_num(speed.get('wall_clock_words_per_second_tok2vec_tagger_morphologizer', 0))} ord/s veggklokke)
* hele pipelinen uten NER: {_num(speed.get('words_per_second_without_ner', 0))} ord/s
* hele pipelinen med NER: {_num(speed.get('words_per_second_full_pipeline', 0))} ord/s
  ({_num(speed.get('wall_clock_words_per_second_full_pipeline', 0))} ord/s veggklokke)
* Størrelse på disk: {str(meta.get('size_mb')).replace('.', ',')} MB.
* Treningstid: {f"{minutes:.1f}".replace(".", ",")} min på en delt maskin med 2 kjerner (spaCy-treningen bruker én
  kjerne){', avbrutt av tidsgrensen – beste sjekkpunkt er beholdt' if stop else ''}; totalt med konvertering og
  evaluering {f"{(tr.get('seconds_total') or 0) / 60:.1f}".replace(".", ",")} min.{extra_note}
{history}
## Begrensninger

* Trent på redigert tekst fra NDT (aviser, blogger, offentlige utredninger, stortingsreferater o.l.).
  Sluttrapporter og møtereferater fra barnevernet, punktlister og tabeller er ikke representert,
  så kvaliteten kan være lavere der.
* Avhengighetsetikettene følger NDT, ikke UD: kode som forventer `nsubj`/`obj` må bruke
  `SUBJ`/`DOBJ`. Setningsgrenser kommer fra parseren og er svakest ved overskrifter uten punktum.
* NER skiller ikke mellom `GPE_LOC` og `GPE_ORG`. `PROD`, `EVT` og `LOC` er sjeldne i
  treningsdataene og har lav treffsikkerhet. Navn som også er vanlige ord (f.eks. «Mor», «Sol»)
  og navn skrevet med liten forbokstav blir ofte oversett; NER er ikke god nok alene til
  anonymisering.
* Ordklasser, morfologi og lemma er bare trent på bokmål; nynorsktallene viser hvor mye som tapes.
* Mellomrom i treningsdata er gjenskapt med heuristikk (NDT har ikke originalteksten).

## Gjenskaping

```
{tr['command']}
```

Data: `../shared/data/norne-ndt.tar.xz` (endres med `--arkiv`); arkivet pakkes ut og DocBin-filene
skrives bare i arbeidskatalogen (`/tmp/sprak`, endres med `--arbeidskatalog`), aldri i repoet.
Trening stopper etter `max_steps` i konfigurasjonen; `--max-minutter` (standard 85) er en
sikkerhetsgrense. Evaluering på nytt: `python -m gjennomgang.nlp.training --evaluer
modeller/nb_gjennomgang --split test` (også `dev`, `nn-test`, `nn-dev`).
"""
    Path(path).write_text(card, encoding="utf8")


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m gjennomgang.nlp.training",
        description="Tren (eller evaluer) den norske spaCy-modellen nb_gjennomgang fra NDT + NorNE.",
    )
    parser.add_argument("--ut", type=Path, default=DEFAULT_OUTPUT, help="katalog for den trente modellen")
    parser.add_argument("--arkiv", type=Path, default=DEFAULT_ARCHIVE, help="norne-ndt.tar.xz")
    parser.add_argument("--arbeidskatalog", type=Path, default=DEFAULT_WORKDIR, help="for utpakking/DocBin (utenfor repoet)")
    parser.add_argument("--max-epoker", type=int, default=None)
    parser.add_argument("--max-setninger", type=int, default=None, help="bare for røyktester")
    parser.add_argument("--max-minutter", type=float, default=85.0, help="sikkerhetsgrense (minutter) for treningsløkka")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--nynorsk-ner",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="tren NER også på den nynorske NorNE-delen (bare enheter; UD-nn dev/test utelatt). Standard: på",
    )
    parser.add_argument("--config", type=Path, default=CONFIG_PATH)
    parser.add_argument("--ner-config", type=Path, default=NER_CONFIG_PATH)
    parser.add_argument("--trinn1", type=Path, default=None,
                        help="bruk en ferdig trent kjerne (trinn 1a) i stedet for å trene den")
    parser.add_argument("--ner-trinn", type=Path, default=None,
                        help="bruk en ferdig trent NER (trinn 1b) i stedet for å trene den")
    parser.add_argument("--evaluer", type=Path, default=None, help="evaluer en ferdig modell i stedet for å trene")
    parser.add_argument("--split", default="test", choices=sorted(EVAL_SPLITS))
    parser.add_argument("--grense", type=int, default=None, help="antall setninger ved evaluering")
    parser.add_argument("--hastighet", type=Path, default=None, help="mål ord/s for en ferdig modell (én kjerne)")
    parser.add_argument("--modellkort", type=Path, default=None, help="skriv MODELLKORT.md på nytt fra meta.json")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    if args.modellkort:
        meta = json.loads((args.modellkort / "meta.json").read_text(encoding="utf8"))
        write_model_card(args.modellkort / "MODELLKORT.md", meta)
        result = {"modellkort": str(args.modellkort / "MODELLKORT.md")}
    elif args.hastighet:
        import spacy

        root = unpack_archive(args.arkiv, args.arbeidskatalog)
        result = measure_speed(spacy.load(args.hastighet), root, limit=args.grense)
    elif args.evaluer:
        result = evaluate_language_model(args.evaluer, args.arkiv, args.arbeidskatalog, args.split, args.grense)
    else:
        result = train_language_model(
            args.arkiv,
            args.ut,
            args.arbeidskatalog,
            max_epochs=args.max_epoker,
            max_sentences=args.max_setninger,
            seed=args.seed,
            max_minutes=args.max_minutter,
            config_path=args.config,
            nynorsk_ner=args.nynorsk_ner,
            stage1_dir=args.trinn1,
            ner_config_path=args.ner_config,
            ner_dir=args.ner_trinn,
        )
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
