"""The catalogue as data: every ID of kravkatalog.md per type, seed quotes that really exist."""

import re

import pytest

from conftest import SHARED
from gjennomgang.catalogue import LEVELS, load_catalogue


def _catalogue_md_ids():
    path = SHARED / "kravkatalog.md"
    if not path.exists():
        pytest.skip("../shared/kravkatalog.md mangler")
    text = path.read_text(encoding="utf-8")
    out, current = {}, None
    for line in text.splitlines():
        m = re.match(r"## Requirements for `(\w+)`", line)
        if m:
            current = m.group(1)
            out[current] = {}
            continue
        if line.startswith("## "):
            current = None
        m = re.match(r"\| `(\w+)` \| (krav|bor_folges|bor_vurderes)", line)
        if current and m:
            out[current][m.group(1)] = m.group(2)
    return out


def test_every_requirement_of_the_markdown_catalogue_is_in_the_data():
    cat = load_catalogue()
    expected = _catalogue_md_ids()
    assert set(expected) == set(cat.doctypes)
    for doctype, reqs in expected.items():
        assert cat.doctypes[doctype].krav == reqs, doctype


def test_seed_quotes_occur_in_the_seeds():
    seeds = SHARED / "seeds"
    if not seeds.exists():
        pytest.skip("../shared/seeds mangler")
    norm = lambda s: re.sub(r"\s+", " ", s).strip().lower()
    corpus = norm(" ".join(p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")))
    for req in load_catalogue().requirements.values():
        assert norm(req.kilde_sitat) in corpus, req.id


def test_requirements_are_complete_records():
    cat = load_catalogue()
    for t in cat.doctypes.values():
        assert set(t.krav.values()) <= set(LEVELS)
    for r in cat.requirements.values():
        assert r.tittel and r.hint and r.mangler_tekst and r.regler or r.fakta_krav, r.id
    assert cat.requirements["tolk"].betingelse == "sprakbehov"
    assert cat.requirements["samtykke_video"].betingelse == "video"


def test_adding_a_requirement_is_a_data_change(tmp_path):
    import shutil

    from gjennomgang.catalogue import DATA_DIR

    for f in DATA_DIR.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    krav = (tmp_path / "krav.yaml").read_text(encoding="utf-8")
    krav += """
barnehage:
  tittel: Samarbeid med barnehagen
  beskrivelse: Om barnehagen er orientert.
  kilde: {dokument: test, sitat: test}
  hint: Skriv om barnehagen.
  mangler_tekst: Fant ikke barnehagen.
  seksjoner: ["barnehage"]
  regler:
    - {alle: [PRAKTISK], vekt: 0.6}
"""
    (tmp_path / "krav.yaml").write_text(krav, encoding="utf-8")
    types = (tmp_path / "dokumenttyper.yaml").read_text(encoding="utf-8")
    types = types.replace("    videre_oppfolging: bor_folges\n", "    videre_oppfolging: bor_folges\n    barnehage: bor_vurderes\n", 1)
    (tmp_path / "dokumenttyper.yaml").write_text(types, encoding="utf-8")
    from gjennomgang.checker import Checker

    cat = load_catalogue(tmp_path)
    result = Checker(pipeline="fallback", model=None, catalogue=cat).check_bytes(
        "# Sluttrapport\nBarnehagen får besøk av oss to ganger i uka, etter avtale med styrer.".encode(), "x.txt")
    assert "barnehage" in [v.id for v in result.krav]
