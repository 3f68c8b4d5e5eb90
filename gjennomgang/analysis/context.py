"""Negation, placeholders, dismissals and reasons — ConText/NegEx-style, cues from kontekst.yaml.

`gjennomgang_kontekst` marks tokens that sit in the scope of a negation cue
(`Token._.negert`). With a dependency parser, «ikke» also negates the subtree of the verb it
attaches to. Sentence-level checks (placeholder, dismissal, reason) are plain functions.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

if not Token.has_extension("negert"):
    Token.set_extension("negert", default=False)


class ContextRules:
    """Compiled cues from kontekst.yaml."""

    def __init__(self, context: dict):
        neg = context.get("negasjon", {})
        self.scope = int(neg.get("omfang", 8))
        self.forward = [c.lower().split() for c in neg.get("foran", [])]
        self.backward = [c.lower().split() for c in neg.get("etter", [])]
        self.terminators = {t.lower() for t in neg.get("avslutning", [])}
        self.exceptions = [e.lower().split() for e in neg.get("unntak", [])]
        self.dismissals = [re.compile(p, re.I) for p in context.get("avvisning", [])]
        self.placeholders = [re.compile(p, re.I) for p in context.get("plassholder", [])]
        self.reasons = [re.compile(p, re.I) for p in context.get("begrunnelse", [])]
        # cues by their first word, in catalogue order: a token is only compared with the cues
        # that can start at it
        self.forward_at = _by_first_word(self.forward)
        self.backward_at = _by_first_word(self.backward)
        self.exceptions_at = _by_first_word(self.exceptions)

    def is_placeholder(self, text: str) -> bool:
        t = text.strip()
        if not t:
            return True
        if any(p.search(t) for p in self.placeholders[:1]):
            rest = self.placeholders[0].sub("", t).strip(" .:;-–—")
            # «Mål: [Beskriv målene]» — the label before the bracket is not content either
            return len(rest.split()) <= 6
        return any(p.search(t) for p in self.placeholders[1:])

    def is_dismissal(self, text: str) -> bool:
        return any(p.search(text.strip()) for p in self.dismissals)

    def has_reason(self, text: str) -> bool:
        return any(p.search(text) for p in self.reasons)


def _by_first_word(cues: list[list[str]]) -> dict[str, list[list[str]]]:
    index: dict[str, list[list[str]]] = {}
    for cue in cues:
        if cue:
            index.setdefault(cue[0], []).append(cue)
    return index


def _match_at(words: list[str], i: int, cue: list[str]) -> bool:
    return words[i:i + len(cue)] == cue


@Language.factory("gjennomgang_kontekst", default_config={"context": {}})
def make_context_component(nlp: Language, name: str, context: dict):
    rules = ContextRules(context)

    def mark(doc: Doc) -> Doc:
        for sent in doc.sents:
            tokens = [t for t in sent if not t.is_space]
            words = [t.lower_ for t in tokens]
            n = len(words)
            protected = set()
            for i in range(n):
                for exc in rules.exceptions_at.get(words[i], ()):
                    if _match_at(words, i, exc):
                        protected.update(range(i, i + len(exc)))
            for i in range(n):
                if i in protected:
                    continue
                for cue in rules.forward_at.get(words[i], ()):
                    if _match_at(words, i, cue):
                        j = i + len(cue)
                        for k in range(j, min(n, j + rules.scope)):
                            if words[k] in rules.terminators or k in protected:
                                break
                            tokens[k]._.negert = True
                        # with a parser: «ikke» negates the verb it hangs on and that verb's objects
                        head = tokens[i].head
                        if tokens[i].dep_ in ("advmod", "neg", "ADV") and head is not tokens[i] and len(cue) == 1:
                            for t in head.subtree:
                                if t.i >= tokens[i].i and t.sent == sent:
                                    t._.negert = True
                        break
                for cue in rules.backward_at.get(words[i], ()):
                    if _match_at(words, i, cue):
                        for k in range(i - 1, max(-1, i - 1 - rules.scope), -1):
                            if words[k] in rules.terminators or k in protected:
                                break
                            tokens[k]._.negert = True
                        break
        return doc

    return mark
