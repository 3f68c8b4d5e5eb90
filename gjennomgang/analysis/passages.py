"""Passages: the sentences of a document with page, section and the concepts found in them.

Every recognizer (rules, sections, classifier) works on the same passages, so evidence from
any source points at the same sentence, page and section.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..document import Document
from .concepts import SPAN_KEY
from .context import ContextRules


@dataclass
class Passage:
    index: int
    start: int
    end: int
    text: str
    page: int
    section: str
    block_kind: str
    ocr: bool
    concepts: set[str] = field(default_factory=set)  # concepts found un-negated
    negated: set[str] = field(default_factory=set)  # concepts found only in a negation's scope
    hits: dict[str, list[str]] = field(default_factory=dict)  # concept → matched words
    lemmas: str = ""
    body: str = ""  # the text without a template row's question
    placeholder: bool = False
    dismissal: bool = False
    reason: bool = False
    n_words: int = 0

    @property
    def substantive(self) -> bool:
        return not self.placeholder and self.n_words >= 4


def build_passages(document: Document, doc: Doc, rules: ContextRules) -> list[Passage]:
    spans_by_sent: dict[int, list] = {}
    sent_starts = {}
    sents = list(doc.sents)
    for k, s in enumerate(sents):
        sent_starts[s.start] = k
    token_sent = [0] * len(doc)
    for k, s in enumerate(sents):
        for i in range(s.start, s.end):
            token_sent[i] = k
    for span in doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []:
        spans_by_sent.setdefault(token_sent[span.start], []).append(span)
    passages: list[Passage] = []
    for k, sent in enumerate(sents):
        text = sent.text.strip()
        if not text or not any(ch.isalnum() for ch in text):
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        block = document.block_at(start)
        p = Passage(index=len(passages), start=start, end=start + len(text), text=text,
                    page=block.page if block else 1, section=document.section_title_at(start),
                    block_kind=block.kind if block else "paragraph", ocr=bool(block and block.ocr))
        words = [t for t in sent if t.is_alpha]
        p.n_words = len(words)
        # in a template row «Spørsmål: svar», the question's words are not the author's content
        label_end = start
        if block is not None and block.kind == "table_row" and block.label and text.startswith(block.label):
            label_end = start + len(block.label)
        p.lemmas = " ".join(t.lemma_ or t.lower_ for t in sent if not t.is_space and t.idx >= label_end)
        for span in spans_by_sent.get(k, []):
            if span.start_char < label_end:
                continue
            negated = all(t._.negert for t in span)
            target = p.negated if negated else p.concepts
            target.add(span.label_)
            p.hits.setdefault(span.label_, []).append(span.text)
        p.negated -= p.concepts
        body = text
        if block is not None and block.kind == "table_row" and block.label and text.startswith(block.label):
            body = text[len(block.label):].lstrip(" :")  # the question is not the answer
            if not body:
                p.placeholder = True
        p.body = body
        p.placeholder = p.placeholder or rules.is_placeholder(body)
        p.dismissal = rules.is_dismissal(body)
        p.reason = rules.has_reason(text)
        if block is not None and block.kind == "heading":
            p.placeholder = True  # a heading is a signpost, not content
        passages.append(p)
    return passages
