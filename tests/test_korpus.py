"""The annotated corpus: valid, complete, split by document, and as large and varied as promised."""

from __future__ import annotations

import json
from collections import Counter

from conftest import ROOT
from gjennomgang import corpus

DATA = ROOT / "annoterte_data"


def test_corpus_sources_are_valid():
    assert corpus.validate(DATA) == []


def test_built_corpus_matches_sources_and_offsets(tmp_path):
    import shutil

    shutil.copytree(DATA / "kilder", tmp_path / "kilder")
    shutil.copy(DATA / "splits.json", tmp_path / "splits.json")
    n = corpus.build(tmp_path)
    rebuilt = (tmp_path / "korpus.jsonl").read_text(encoding="utf-8")
    assert rebuilt == (DATA / "korpus.jsonl").read_text(encoding="utf-8"), "kjør «gjennomgang data bygg»"
    for rec in map(json.loads, rebuilt.splitlines()):
        for span in rec["spenn"]:
            assert rec["tekst"][span["start"]:span["slutt"]] == span["tekst"]
    assert n == len(rebuilt.splitlines())


def test_corpus_size_and_variety():
    recs = corpus.load_corpus(DATA)
    types = Counter(r["dokumenttype"] for r in recs)
    assert len(recs) >= 120 and types["sluttrapport"] >= 50
    assert sum(r["kilde"] == "skrevet" for r in recs) >= 80
    assert sum(r["sprak"] == "nn" for r in recs) >= 0.1 * len(recs)
    assert {r["stil"] for r in recs} >= {"prosa", "punkt", "tabell", "blandet"}
    assert len(types) == 5


def test_splits_are_by_document_and_stratified():
    recs = corpus.load_corpus(DATA)
    splits = json.loads((DATA / "splits.json").read_text(encoding="utf-8"))
    assert {r["id"]: r["split"] for r in recs} == {k: v for k, v in splits.items() if k in {r["id"] for r in recs}}
    for doctype in {r["dokumenttype"] for r in recs}:
        c = Counter(r["split"] for r in recs if r["dokumenttype"] == doctype)
        assert c["test"] >= 2 and c["dev"] >= 1 and c["train"] > c["test"], (doctype, c)


def test_hard_negatives_are_present_in_numbers():
    recs = corpus.load_corpus(DATA)
    mangler = sum(v == "mangler" for r in recs for v in r["labels"].values())
    assert mangler >= 0.2 * sum(len(r["labels"]) for r in recs)
    texts = " ".join(r["tekst"].lower() for r in recs)
    for cue in ("ikke aktuelt", "[", "ikke gjort", "for liten", "kommer fra"):
        assert cue in texts, cue


def test_rendered_pdfs_read_like_their_text(tmp_path, checker):
    """The corpus renders to PDF in several layouts; the PDF path must give (nearly) the same verdicts."""
    from gjennomgang.corpus_render import render_corpus
    from gjennomgang.evaluation import GoldDoc, check_gold_doc, load_gold

    recs = [r for r in corpus.load_corpus(DATA) if r["split"] == "test"][:9]
    sub = tmp_path / "data"
    sub.mkdir()
    (sub / "korpus.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    assert render_corpus(sub, tmp_path / "pdf") == len(recs)
    pdf_docs = load_gold(tmp_path / "pdf" / "gull.jsonl")
    layouts = {d.meta["layout"] for d in pdf_docs}
    assert len(layouts) >= 2
    same = total = 0
    for rec, g in zip(recs, pdf_docs):
        from_text = {v.id: v.vurdering for v in check_gold_doc(checker, GoldDoc(rec["id"], rec["dokumenttype"], rec["labels"], text=rec["tekst"])).krav}
        from_pdf = checker.check_file(g.path)
        assert not from_pdf.feil and from_pdf.dokumenttype == rec["dokumenttype"]
        for v in from_pdf.krav:
            total += 1
            same += v.vurdering == from_text[v.id]
    assert same / total >= 0.85, same / total
