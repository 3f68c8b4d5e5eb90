"""Concept tagging: the lexicon in begreper.yaml → `doc.spans["begreper"]`, one span per hit.

A registered spaCy component, in the manner of an EntityRuler: single-word terms (with *
wildcards for inflection and compounds, «foreldremedvirkning» → MEDVIRKNING) are looked up
per distinct word and cached; multi-word terms are matched as token sequences.
"""

from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

SPAN_KEY = "begreper"


def _term_regex(term: str) -> str:
    t = term.strip().lower()
    if t == "*":
        return r".+"
    body = re.escape(t.strip("*"))
    start = "" if t.startswith("*") else "^"
    end = "" if t.endswith("*") else "$"
    return f"{start}{body}{end}" if (start or end) else body


class ConceptLexicon:
    """Compiled concept lexicon: word → concepts, and multi-word sequences."""

    def __init__(self, concepts: dict[str, list[str]]):
        single: dict[str, list[str]] = {}
        self.multi: list[tuple[str, list[re.Pattern]]] = []
        for name, terms in concepts.items():
            for term in terms:
                parts = str(term).lower().split()
                if len(parts) == 1:
                    single.setdefault(name, []).append(_term_regex(parts[0]))
                else:
                    self.multi.append((name, [re.compile(_term_regex(p)) for p in parts]))
        self._single = {name: re.compile("|".join(f"(?:{r})" for r in regs)) for name, regs in single.items()}
        self._first_exact: dict[str, list[int]] = {}
        self._first_wild: list[int] = []
        for idx, (_, pats) in enumerate(self.multi):
            p = pats[0].pattern
            if p.startswith("^") and p.endswith("$") and not any(ch in p[1:-1] for ch in ".+*?[("):
                self._first_exact.setdefault(p[1:-1].replace("\\", ""), []).append(idx)
            else:
                self._first_wild.append(idx)

    @functools.lru_cache(maxsize=100_000)
    def concepts_of(self, word: str) -> frozenset[str]:
        if not word or not any(ch.isalnum() for ch in word):
            return frozenset()
        return frozenset(name for name, rx in self._single.items() if rx.search(word))

    def multi_candidates(self, word: str) -> list[int]:
        return self._first_exact.get(word, []) + [i for i in self._first_wild if self.multi[i][1][0].search(word)]


@Language.factory("gjennomgang_begreper", default_config={"concepts": {}})
def make_concept_tagger(nlp: Language, name: str, concepts: dict):
    lexicon = ConceptLexicon(concepts)

    def tag(doc: Doc) -> Doc:
        spans: list[Span] = []
        lowers = [t.lower_ for t in doc]
        lemmas = [t.lemma_.lower() if t.lemma_ else t.lower_ for t in doc]
        for i, token in enumerate(doc):
            if token.is_space or token.is_punct:
                continue
            found = lexicon.concepts_of(lowers[i]) | lexicon.concepts_of(lemmas[i])
            for c in found:
                spans.append(Span(doc, i, i + 1, label=c))
            for idx in lexicon.multi_candidates(lowers[i]):
                concept, pats = lexicon.multi[idx]
                j, ok = i, True
                for p in pats:
                    while j < len(doc) and doc[j].is_space:
                        j += 1
                    if j >= len(doc) or not (p.search(lowers[j]) or p.search(lemmas[j])):
                        ok = False
                        break
                    j += 1
                if ok:
                    spans.append(Span(doc, i, j, label=concept))
        doc.spans[SPAN_KEY] = spans
        return doc

    return tag
