"""The annotated corpus: build korpus.jsonl from the hand-written sources, validate, split.

Sources: annoterte_data/kilder/<id>.md (text with front matter) + <id>.json (labels and
verbatim evidence quotes). See annoterte_data/SKJEMA.md for the schema.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import yaml

from .catalogue import load_catalogue

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
SPLIT_SHARES = (("test", 0.2), ("dev", 0.15))
GOLD_VERDICTS = ("oppfylt", "mangler", "ikke_relevant")
CONDITIONAL = ("tolk", "samtykke_video")


def _split_for(ids_by_type: dict[str, list[str]], fixed: dict[str, str]) -> dict[str, str]:
    """Deterministic split by document, stratified by type; existing assignments never move."""
    out = dict(fixed)
    for doctype, ids in ids_by_type.items():
        new = sorted((i for i in ids if i not in out), key=lambda i: hashlib.sha1(i.encode()).hexdigest())
        total = len(ids)
        counts = {s: sum(1 for i in ids if out.get(i) == s) for s in ("test", "dev", "train")}
        for i in new:
            for split, share in SPLIT_SHARES:
                if counts[split] < round(total * share):
                    out[i] = split
                    counts[split] += 1
                    break
            else:
                out[i] = "train"
                counts["train"] += 1
    return out


def read_source(md_path: Path) -> tuple[dict, str]:
    raw = md_path.read_text(encoding="utf-8")
    m = _FRONT.match(raw)
    meta = yaml.safe_load(m.group(1)) if m else {}
    return meta or {}, raw


def _records(folder: Path):
    for md in sorted((folder / "kilder").glob("*.md")):
        meta, text = read_source(md)
        lab_path = md.with_suffix(".json")
        labels = json.loads(lab_path.read_text(encoding="utf-8")) if lab_path.exists() else None
        yield md, meta, text, labels


def validate(folder: Path) -> list[str]:
    cat = load_catalogue()
    problems = []
    seen = set()
    for md, meta, text, labels in _records(folder):
        name = md.stem
        if labels is None:
            problems.append(f"{name}: mangler {name}.json")
            continue
        if meta.get("id") != name or labels.get("id") != name:
            problems.append(f"{name}: id i front matter/json stemmer ikke med filnavnet")
        if name in seen:
            problems.append(f"{name}: duplisert id")
        seen.add(name)
        doctype = meta.get("dokumenttype")
        if doctype not in cat.doctypes:
            problems.append(f"{name}: ukjent dokumenttype {doctype!r}")
            continue
        if meta.get("sprak") not in ("nb", "nn"):
            problems.append(f"{name}: sprak må være nb eller nn")
        if meta.get("kilde") not in ("skrevet", "generert"):
            problems.append(f"{name}: kilde må være skrevet eller generert")
        expected = set(cat.doctypes[doctype].krav)
        got = set(labels.get("labels", {}))
        if expected != got:
            problems.append(f"{name}: merker mangler {sorted(expected - got)} / ukjente {sorted(got - expected)}")
        for rid, verdict in labels.get("labels", {}).items():
            if verdict not in GOLD_VERDICTS:
                problems.append(f"{name}: {rid} har ugyldig vurdering {verdict!r}")
            if verdict == "ikke_relevant" and rid not in CONDITIONAL:
                problems.append(f"{name}: {rid} kan ikke være ikke_relevant")
        for rid, quotes in labels.get("belegg", {}).items():
            if rid not in expected:
                problems.append(f"{name}: belegg for ukjent krav {rid}")
            for q in quotes:
                if q not in text:
                    problems.append(f"{name}: sitat for {rid} finnes ikke ordrett: «{q[:60]}»")
    korpus = folder / "korpus.jsonl"
    if korpus.exists():
        for line in korpus.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            for span in rec.get("spenn", []):
                if rec["tekst"][span["start"]:span["slutt"]] != span["tekst"]:
                    problems.append(f"{rec['id']}: spenn {span['start']}–{span['slutt']} stemmer ikke med teksten")
    return problems


def build(folder: Path) -> int:
    """Write korpus.jsonl (text, labels, evidence offsets, split) and splits.json."""
    splits_path = folder / "splits.json"
    fixed = json.loads(splits_path.read_text(encoding="utf-8")) if splits_path.exists() else {}
    recs = list(_records(folder))
    by_type: dict[str, list[str]] = {}
    for md, meta, _, _ in recs:
        by_type.setdefault(meta.get("dokumenttype", "?"), []).append(md.stem)
    splits = _split_for(by_type, fixed)
    lines = []
    for md, meta, text, labels in recs:
        if labels is None:
            continue
        spans = []
        for rid, quotes in labels.get("belegg", {}).items():
            for q in quotes:
                pos = text.find(q)
                if pos >= 0:
                    spans.append({"krav": rid, "start": pos, "slutt": pos + len(q), "tekst": q,
                                  "polaritet": "for" if labels["labels"].get(rid) == "oppfylt" else "mot"})
        lines.append(json.dumps({
            "id": md.stem, "dokumenttype": meta["dokumenttype"], "sprak": meta.get("sprak"), "stil": meta.get("stil"),
            "kilde": meta.get("kilde"), "senter": meta.get("senter"), "split": splits[md.stem], "tekst": text,
            "labels": labels["labels"], "spenn": spans, "hvorfor": labels.get("hvorfor", {}),
        }, ensure_ascii=False))
    (folder / "korpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    splits_path.write_text(json.dumps(dict(sorted(splits.items())), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(lines)


def data_version(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted((folder / "kilder").glob("*")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def load_corpus(folder: Path) -> list[dict]:
    path = folder / "korpus.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
