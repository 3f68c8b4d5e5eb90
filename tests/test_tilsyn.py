"""`gjennomgang tilsyn`: sample, check in parallel, report completeness with Wilson intervals.

The documents are generated sluttrapport texts with known gaps (gjennomgang.tilsyn.synthetic); their
verdicts with the fallback pipeline and no model were checked once by hand, so the «known truth» of
each document is the generator's. Runs use 2 workers, rules only, the fallback pipeline.
"""

from __future__ import annotations

import csv
import json
import math
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from gjennomgang.cli import main
from gjennomgang.tilsyn import report as report_mod
from gjennomgang.tilsyn.privacy import mask_personal_numbers
from gjennomgang.tilsyn.sampling import allocate, draw, rank_key, read_metadata, strata_from_metadata
from gjennomgang.tilsyn.stats import sample_size, wilson
from gjennomgang.tilsyn.synthetic import (CHILDREN, PARENTS, STAFF, build_text, fodselsnummer, gaps_for, make_corpus,
                                          truth_for, video_for)
from gjennomgang.tilsyn.walk import DocRef, walk

N_DOCS = 36
ZIP_MEMBERS = (100, 101)
COMMON = ["--arbeidere", "2", "--uten-modell", "--sprakmodell", "fallback"]


def _run(argv: list[str]) -> int:
    return main(["tilsyn", *argv])


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def _sample_fps(out: Path) -> list[str]:
    return [r["fingeravtrykk"] for r in _read_csv(out / "utvalg.csv")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, tuple[str, dict]]]:
    """36 generated reports in three centre folders, a zip with two more, and a corrupt PDF.

    Returns the folder and fingerprint → (senter, truth) for every readable document.
    """
    import hashlib

    root = tmp_path_factory.mktemp("tilsyn") / "rapporter"
    docs = make_corpus(root, N_DOCS)
    truth = {hashlib.sha256(d.path.read_bytes()).hexdigest(): (f"Senter {d.senter}", d.truth) for d in docs}
    with zipfile.ZipFile(root / "Bjørkås" / "arkiv.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for i in ZIP_MEMBERS:
            data = build_text(i, missing=gaps_for(i), video=video_for(i)).encode("utf-8")
            zf.writestr(f"2024/rapport_{i}.txt", data)
            truth[hashlib.sha256(data).hexdigest()] = ("Senter Bjørkås", truth_for(i))
    (root / "Lyngtun" / "skadet.pdf").write_bytes(b"%PDF-1.4\nDette er ikke en ekte PDF.\n")
    with open(root / "metadata.csv", "a", encoding="utf-8") as fh:
        fh.write("Bjørkås/arkiv.zip;Senter Bjørkås;Sør\nLyngtun/skadet.pdf;Senter Lyngtun;Sør\n")
    return root, truth


@pytest.fixture(scope="module")
def full_run(corpus, tmp_path_factory):
    """Every document (--andel 1), stratified by centre from metadata.csv."""
    root, _ = corpus
    out = tmp_path_factory.mktemp("ut") / "rapport"
    status = _run([str(root), "--andel", "1", "--seed", "11", "--lag", "senter", "--ut", str(out), *COMMON])
    assert status == 0
    return out, json.loads((out / "sammendrag.json").read_text(encoding="utf-8"))


# -- statistics -------------------------------------------------------------------------------
def test_wilson_against_hand_computed_values():
    # k = 14, n = 20: p̂ = 0.7, z² = 3.8415, denominator 1 + z²/n = 1.19207,
    # centre (0.7 + 0.09604)/1.19207 = 0.66778, half width 1.64417 · sqrt(0.0105 + 0.00240) = 0.18675
    low, high = wilson(14, 20)
    assert low == pytest.approx(0.4810, abs=1e-4) and high == pytest.approx(0.8545, abs=1e-4)
    assert wilson(8, 10) == pytest.approx((0.4902, 0.9433), abs=1e-4)
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson(10, 10) == pytest.approx((0.7225, 1.0), abs=1e-4)
    assert wilson(1, 3) == pytest.approx((0.0615, 0.7923), abs=1e-4)
    assert wilson(0, 0) is None


def test_sample_size_formula():
    assert sample_size(0.1) == 97  # 1.96² · 0.25 / 0.01 = 96.04 → 97
    assert sample_size(0.05) == 385
    assert sample_size(0.1, 400) == 78  # 96.04 / (1 + 95.04/400) = 77.6 → 78
    assert sample_size(0.1, 40) == 29
    assert sample_size(0.1, 10) == 10


# -- sampling ---------------------------------------------------------------------------------
def _refs(n: int) -> list[DocRef]:
    import hashlib

    return [DocRef(fingerprint=hashlib.sha256(str(i).encode()).hexdigest(), rel=f"f{i}.txt", size=1) for i in range(n)]


def test_draw_is_reproducible_and_independent_of_order():
    refs = _refs(50)
    a = [s.ref.fingerprint for s in draw(refs, 10, "42")]
    b = [s.ref.fingerprint for s in draw(list(reversed(refs)), 10, "42")]
    assert a == b
    assert a != [s.ref.fingerprint for s in draw(refs, 10, "43")]
    # a larger sample with the same seed contains the smaller one
    assert set(a) <= {s.ref.fingerprint for s in draw(refs, 20, "42")}
    # it is exactly «sort by SHA-256(seed:fingerprint), take the first n»
    assert a == sorted((r.fingerprint for r in refs), key=lambda fp: rank_key("42", fp))[:10]


def test_proportional_allocation():
    assert allocate({"a": 50, "b": 30, "c": 20}, 10) == {"a": 5, "b": 3, "c": 2}
    alloc = allocate({"a": 11, "b": 11, "c": 18}, 20)
    assert sum(alloc.values()) == 20 and alloc["c"] == 9
    # every stratum gets at least one when the sample is large enough
    assert allocate({"a": 97, "b": 2, "c": 1}, 5) == {"a": 3, "b": 1, "c": 1}
    assert sum(allocate({"a": 3, "b": 4}, 7).values()) == 7


def test_metadata_beside_documents(tmp_path):
    (tmp_path / "A").mkdir()
    (tmp_path / "A" / "x.txt").write_text("x")
    (tmp_path / "A" / "metadata.csv").write_text("\ufefffil;Senter\nx.txt;Senter Nord\n", encoding="utf-8")
    found = walk(tmp_path)
    md = read_metadata(found.metadata_files, tmp_path)
    strata, missing = strata_from_metadata(found.documents, md, "senter")
    assert list(strata.values()) == ["Senter Nord"] and missing == 0


# -- walking ----------------------------------------------------------------------------------
def test_walk_guards_zip_files(tmp_path):
    text = build_text(0, missing=set()).encode("utf-8")
    (tmp_path / "a.txt").write_bytes(text)
    (tmp_path / "kopi.txt").write_bytes(text)  # the same document twice counts once
    with zipfile.ZipFile(tmp_path / "arkiv.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("inne/b.txt", build_text(1, missing=set()))
        zf.writestr("../../utenfor.txt", "x")
        zf.writestr("/absolutt.txt", "x")
        zf.writestr("bombe.txt", b"0" * (20 * 1024 * 1024))  # 20 MB of zeros: compression ratio ≈ 1000
        zf.writestr("indre.zip", b"PK\x03\x04")
        zf.writestr("bilde.png", b"x")
    (tmp_path / "skadet.zip").write_bytes(b"PK\x03\x04 ikke en zip")
    found = walk(tmp_path)
    assert sorted(d.rel for d in found.documents) == ["a.txt", "arkiv.zip!/inne/b.txt"]
    assert found.duplicate_count == 1
    codes = {p.rel.split("!/")[-1]: p.kode for p in found.problems}
    assert codes["../../utenfor.txt"] == "mistenkelig_sti"
    assert codes["absolutt.txt"] == "mistenkelig_sti"
    assert codes["bombe.txt"] == "zip_bombe"
    assert codes["indre.zip"] == "zip_i_zip"
    assert codes["skadet.zip"] == "ulesbar"
    assert all(p.melding for p in found.problems)


# -- the command ------------------------------------------------------------------------------
def test_rates_match_the_known_truth(corpus, full_run):
    root, truth = corpus
    out, summary = full_run
    assert summary["populasjon"]["dokumenter"] == N_DOCS + len(ZIP_MEMBERS) + 1
    assert summary["sjekket"] == N_DOCS + len(ZIP_MEMBERS)
    (dt,) = summary["dokumenttyper"]
    assert dt["id"] == "sluttrapport"
    for req in dt["krav"]:
        expected = Counter(t[req["id"]] for _, t in truth.values())
        c = req["totalt"]
        got = {v: c[v] for v in ("oppfylt", "mangler", "usikker", "ikke_relevant")}
        assert got == {v: expected.get(v, 0) for v in got}, req["id"]
        applicable = expected["oppfylt"] + expected["mangler"]
        if applicable:
            assert c["andel_oppfylt"] == pytest.approx(expected["oppfylt"] / applicable, abs=1e-4)
            low, high = wilson(expected["oppfylt"], applicable)
            assert c["wilson_95"] == pytest.approx([low, high], abs=1e-4)
        else:
            assert c["andel_oppfylt"] is None and c["wilson_95"] is None
    # tolk never applies in these texts: it is left out, not counted as missing
    tolk = next(r for r in dt["krav"] if r["id"] == "tolk")
    assert tolk["totalt"]["ikke_relevant"] == N_DOCS + len(ZIP_MEMBERS)
    # documents per missing requirement
    missing = {m["krav"]: len(m["dokumenter"]) for m in summary["mangler"]}
    assert missing["kultur_sprak_religion"] == sum(t["kultur_sprak_religion"] == "mangler" for _, t in truth.values())


def test_rates_per_stratum_and_completeness(corpus, full_run):
    _, truth = corpus
    out, summary = full_run
    assert summary["lagdelt"]
    per_centre = Counter(s for s, _ in truth.values())
    assert set(summary["lag"]) == set(per_centre)
    (dt,) = summary["dokumenttyper"]
    virkning = next(r for r in dt["krav"] if r["id"] == "virkning")
    for senter, n in per_centre.items():
        ok = sum(1 for s, t in truth.values() if s == senter and t["virkning"] == "oppfylt")
        c = virkning["per_lag"][senter]
        assert (c["oppfylt"], c["aktuelle"]) == (ok, n)
        assert c["wilson_95"] == pytest.approx(list(wilson(ok, n)), abs=1e-4)
    complete = sum(1 for _, t in truth.values() if all(v in ("oppfylt", "ikke_relevant") for v in t.values()))
    k = summary["kompletthet"]["alle"]
    assert (k["komplette"], k["sjekket"]) == (complete, len(truth))
    assert k["wilson_95"] == pytest.approx(list(wilson(complete, len(truth))), abs=1e-4)


def test_corrupt_file_is_listed_and_the_run_continues(full_run):
    out, summary = full_run
    (bad,) = summary["ulesbare"]
    assert bad["kode"] == "ulesbar" and "PDF" in bad["grunn"]
    rows = _read_csv(out / "resultater.csv")
    assert [r["status"] for r in rows].count("ulesbar") == 1
    assert sum(r["status"] == "sjekket" for r in rows) == N_DOCS + len(ZIP_MEMBERS)


def test_outputs(full_run):
    out, summary = full_run
    rows = _read_csv(out / "resultater.csv")
    assert len(rows) == summary["utvalg"]["dokumenter"]
    for rid in ("endringsarbeid", "virkning", "tolk", "samtykke_video", "videre_oppfolging"):
        assert rid in rows[0]
    assert {"fingeravtrykk", "lag", "dokumenttype", "fil"} <= set(rows[0])
    from openpyxl import load_workbook

    wb = load_workbook(out / "resultater.xlsx", read_only=True)
    assert wb.sheetnames == ["Resultater", "Kompletthet"]
    assert wb["Resultater"].max_row == len(rows) + 1
    html = (out / "sammendrag.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Wilson" in html and "Frø" in html
    assert "http://" not in html and "https://" not in html and "<script" not in html and "<link" not in html
    params = summary["parametre"]
    assert params["seed"] == "11" and params["katalog"] and params["pipeline"] and params["modell"] == ["regler"]
    assert params["verktoy_versjon"]
    # the extracted zip members are gone
    assert not list(Path(out).glob("**/rapport_100.txt"))


def test_stratified_sample_is_reproducible(corpus, tmp_path, monkeypatch):
    root, truth = corpus
    out = tmp_path / "a"
    assert _run([str(root), "--utvalg", "12", "--seed", "5", "--lag", "senter", "--ut", str(out), *COMMON]) == 0
    sample = _read_csv(out / "utvalg.csv")
    assert len(sample) == 12
    # proportional allocation over the centres (population counts from the summary)
    summary = json.loads((out / "sammendrag.json").read_text(encoding="utf-8"))
    pop = summary["populasjon"]["per_lag"]
    assert Counter(r["lag"] for r in sample) == Counter(allocate(pop, 12))
    assert summary["utvalg"]["per_lag"] == allocate(pop, 12)

    # the same files under other names and in another order give the same sample; stop after one
    # document, since only the sample list is compared
    other = tmp_path / "kopi"
    shutil.copytree(root, other)
    for i, f in enumerate(sorted(other.glob("*/*.txt"))):
        f.rename(f.with_name(f"z{99 - i}_{f.name}"))
    monkeypatch.setenv("GJENNOMGANG_TILSYN_STOPP_ETTER", "1")
    meta = tmp_path / "meta.csv"  # the renamed files need their own metadata
    rows = ["fil;senter"] + [f"{f.relative_to(other).as_posix()};Senter {f.parent.name}" for f in other.glob("*/*.txt")]
    rows += ["Bjørkås/arkiv.zip;Senter Bjørkås", "Lyngtun/skadet.pdf;Senter Lyngtun"]
    (other / "metadata.csv").unlink()
    meta.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out2 = tmp_path / "b"
    _run([str(other), "--utvalg", "12", "--seed", "5", "--lag", "senter", "--metadata", str(meta), "--ut", str(out2),
          *COMMON])
    assert _sample_fps(out2) == [r["fingeravtrykk"] for r in sample]


def test_resume_after_interruption(corpus, tmp_path, monkeypatch, capsys):
    root, _ = corpus
    out = tmp_path / "ut"
    args = [str(root), "--utvalg", "16", "--seed", "3", "--ut", str(out), *COMMON]
    monkeypatch.setenv("GJENNOMGANG_TILSYN_STOPP_ETTER", "5")
    assert _run(args) == 130
    lines = (out / "resultater.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    assert not (out / "sammendrag.html").exists()
    first = {json.loads(line)["fingeravtrykk"]: json.loads(line) for line in lines}
    capsys.readouterr()

    monkeypatch.delenv("GJENNOMGANG_TILSYN_STOPP_ETTER")
    assert _run([a for a in args if a not in ("--seed", "3")]) == 0  # the stored seed is reused
    err = capsys.readouterr().err
    assert "5 av 16 dokumenter er allerede sjekket" in err
    records = [json.loads(line) for line in (out / "resultater.jsonl").read_text(encoding="utf-8").splitlines()]
    fps = [r["fingeravtrykk"] for r in records]
    assert len(fps) == 16 and len(set(fps)) == 16  # nothing was checked twice
    for fp, rec in first.items():
        assert records[fps.index(fp)] == rec
    assert set(fps) == set(_sample_fps(out))
    assert (out / "sammendrag.html").exists()


def test_summary_has_no_names_or_personal_numbers(tmp_path):
    import datetime

    fnr = fodselsnummer(datetime.date(2022, 2, 14))
    spaced = f"{fnr[:6]} {fnr[6:]}"
    root = tmp_path / "mappe"
    root.mkdir()
    (root / f"Sluttrapport {PARENTS[0]} {fnr}.txt").write_text(
        build_text(0, missing={"virkning"}, personal_number=spaced), encoding="utf-8")
    (root / f"sluttrapport_{CHILDREN[1].replace(' ', '_').lower()}_{fnr}.txt").write_text(
        build_text(1, missing=set(), personal_number=fnr), encoding="utf-8")
    (root / f"{PARENTS[2]} {fnr}.pdf").write_bytes(b"%PDF-1.4 skadet")
    out = tmp_path / "ut"
    assert _run([str(root), "--andel", "1", "--seed", "1", "--ut", str(out), *COMMON]) == 0
    for name in ("sammendrag.html", "sammendrag.json"):
        text = (out / name).read_text(encoding="utf-8")
        for person in CHILDREN + PARENTS + STAFF:
            for part in person.split():
                assert part not in text and part.lower() not in text, (name, part)
        assert fnr not in text and spaced not in text
    # the working lists name the files, but never the personal number
    for name in ("utvalg.csv", "resultater.csv", "resultater.jsonl"):
        assert fnr not in (out / name).read_text(encoding="utf-8-sig")


def test_shown_file_names_are_masked():
    import datetime

    fnr = fodselsnummer(datetime.date(2021, 6, 3))
    assert mask_personal_numbers(f"rapport_{fnr}.pdf") == "rapport_[fødselsnummer].pdf"
    assert mask_personal_numbers("rapport_12345678901.pdf") == "rapport_12345678901.pdf"  # not a valid number
    rec = {"nr": 1, "fil": f"mappe/rapport {fnr}.pdf", "fingeravtrykk": "ab" * 32, "lag": "", "feil": "ulesbar",
           "melding": f"Fant ikke filen «rapport {fnr}.pdf».", "krav": {}}
    summary = report_mod.build_summary([rec], params={"seed": "1"}, population={"dokumenter": 1, "per_lag": {}},
                                       sample_sizes={}, problems=[], show_names=True)
    text = json.dumps(summary, ensure_ascii=False)
    assert fnr not in text and "[fødselsnummer]" in text


def test_hung_file_times_out(tmp_path, monkeypatch):
    root = tmp_path / "mappe"
    root.mkdir()
    for i in range(3):
        (root / f"rapport_{i}.txt").write_text(build_text(i, missing=set()), encoding="utf-8")
    monkeypatch.setenv("GJENNOMGANG_TILSYN_TEST_HENG", "rapport_1")
    out = tmp_path / "ut"
    assert _run([str(root), "--andel", "1", "--seed", "1", "--tidsgrense", "2", "--ut", str(out), *COMMON]) == 0
    summary = json.loads((out / "sammendrag.json").read_text(encoding="utf-8"))
    assert summary["sjekket"] == 2
    (hung,) = summary["ulesbare"]
    assert hung["tidsavbrudd"] and hung["kode"] == "tidsavbrudd"


def test_bad_arguments_give_norwegian_messages(tmp_path, capsys):
    assert _run([str(tmp_path / "finnes_ikke")]) == 2
    assert "Fant ikke mappen" in capsys.readouterr().err
    empty = tmp_path / "tom"
    empty.mkdir()
    assert _run([str(empty), "--ut", str(tmp_path / "ut")]) == 3
    assert "Fant ingen dokumenter" in capsys.readouterr().err
    assert _run([str(empty), "--ut", str(empty / "ut")]) == 2
    assert "inne i dokumentmappen" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        _run([str(empty), "--andel", "150"])
    assert exc.value.code == 2
    assert "mellom 0 og 1" in capsys.readouterr().err


def test_suggested_sample_size(corpus, capsys):
    root, _ = corpus
    assert _run([str(root), "--feilmargin", "0,1", "--forslag"]) == 0
    n_pop = N_DOCS + len(ZIP_MEMBERS) + 1
    expected = math.ceil(96.0365 / (1 + 95.0365 / n_pop) - 1e-9)
    assert capsys.readouterr().out.strip() == str(expected)
