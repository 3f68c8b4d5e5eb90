"""Reproducible random samples, optionally stratified, and the strata themselves.

The draw: every document gets the rank key SHA-256(«frø:fingeravtrykk»); the sample is the n
documents with the smallest keys (per stratum when stratified). This is a simple random sample
without replacement (SHA-256 acts as a random permutation), it depends only on the seed and the
documents' bytes (not on file names, folder order or the Python version), anyone can redo it by
hand, and a larger n with the same seed contains the smaller sample.

Stratification: proportional allocation n_h = n·N_h/N rounded by the largest-remainder method (ties
by stratum name); when n is at least the number of strata every stratum gets at least one document.
The field comes from a `metadata.csv` beside the documents (column `fil` + the field), from the
folder name, or for `dokumenttype` from a quick type detection of every document.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .walk import ZIP_SEPARATOR, DocRef

UNKNOWN_STRATUM = "(ukjent)"
ROOT_STRATUM = "(rotmappen)"
FOLDER_FIELDS = ("mappe", "mappenavn")


@dataclass
class SampledDoc:
    nr: int
    ref: DocRef
    stratum: str


def rank_key(seed: str, fingerprint: str) -> str:
    return hashlib.sha256(f"{seed}:{fingerprint}".encode()).hexdigest()


# -- metadata ---------------------------------------------------------------------------------
@dataclass
class Metadata:
    columns: list[str]  # lower-case column names seen in any file
    by_path: dict[str, dict[str, str]]  # normalised path relative to the root → row (lower-case keys)
    by_name: dict[str, list[dict[str, str]]]  # base name → rows
    warnings: list[str]

    def row_for(self, ref: DocRef) -> dict[str, str] | None:
        candidates = [ref.rel]
        if ZIP_SEPARATOR in ref.rel:
            outer, inner = ref.rel.split(ZIP_SEPARATOR, 1)
            candidates += [f"{outer}/{inner}", outer]
        for c in candidates:
            row = self.by_path.get(_norm(c))
            if row is not None:
                return row
        rows = self.by_name.get(ref.name.lower())
        if rows and len(rows) == 1:
            return rows[0]
        return None


def _norm(p: str) -> str:
    p = p.strip().replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p.lower()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_metadata(files: list[Path], root: Path, explicit: Path | None = None) -> Metadata:
    """Read every metadata CSV; `fil` in a CSV is relative to the CSV's own folder, except in the
    explicitly given file (--metadata), where it is relative to the root. The explicit file wins."""
    md = Metadata(columns=[], by_path={}, by_name={}, warnings=[])
    for f in list(files) + ([explicit] if explicit is not None else []):
        if f is explicit:
            rel_dir = ""
        else:
            try:
                rel_dir = f.parent.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                rel_dir = ""
            rel_dir = "" if rel_dir == "." else rel_dir
        try:
            text = _decode(f.read_bytes()[: 50 * 1024 * 1024])
        except OSError:
            md.warnings.append(f"Metadatafilen «{f.name}» kunne ikke leses.")
            continue
        first = text.split("\n", 1)[0]
        delim = max(";,\t", key=first.count)
        reader = csv.DictReader(io.StringIO(text), delimiter=delim)
        if not reader.fieldnames:
            continue
        fields = {name: (name or "").strip().lower() for name in reader.fieldnames}
        if "fil" not in fields.values():
            md.warnings.append(f"Metadatafilen «{(Path(rel_dir) / f.name).as_posix()}» mangler kolonnen «fil» "
                               "og ble ikke brukt.")
            continue
        for c in fields.values():
            if c and c not in md.columns:
                md.columns.append(c)
        for raw in reader:
            row = {fields[k]: (v or "").strip() for k, v in raw.items() if k is not None}
            fil = row.get("fil", "")
            if not fil:
                continue
            full = f"{rel_dir}/{fil}" if rel_dir else fil
            md.by_path[_norm(full)] = row
            md.by_name.setdefault(PurePosixPath(fil.replace("\\", "/")).name.lower(), []).append(row)
    return md


# -- strata -----------------------------------------------------------------------------------
def strata_from_metadata(docs: list[DocRef], md: Metadata, field: str) -> tuple[dict[str, str], int]:
    """fingerprint → stratum from a metadata column; also the number of documents without a value."""
    out: dict[str, str] = {}
    missing = 0
    for ref in docs:
        row = md.row_for(ref)
        value = (row or {}).get(field, "")
        if not value:
            missing += 1
            value = UNKNOWN_STRATUM
        out[ref.fingerprint] = value
    return out, missing


def strata_from_folders(docs: list[DocRef]) -> dict[str, str]:
    return {ref.fingerprint: (ref.folder or ROOT_STRATUM) for ref in docs}


# -- allocation and draw ----------------------------------------------------------------------
def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Proportional allocation by largest remainder; at least one per stratum when n ≥ #strata."""
    total = sum(sizes.values())
    if total == 0 or n <= 0:
        return {k: 0 for k in sizes}
    n = min(n, total)
    quotas = {k: n * v / total for k, v in sizes.items()}
    alloc = {k: math.floor(q) for k, q in quotas.items()}
    rest = n - sum(alloc.values())
    for k in sorted(sizes, key=lambda k: (-(quotas[k] - alloc[k]), k))[:rest]:
        alloc[k] += 1
    nonempty = [k for k in sizes if sizes[k] > 0]
    if n >= len(nonempty):
        for k in sorted(nonempty):
            if alloc[k] == 0:
                donor = max((d for d in sizes if alloc[d] > 1), key=lambda d: (alloc[d] - quotas[d], d), default=None)
                if donor is None:
                    break
                alloc[donor] -= 1
                alloc[k] = 1
    return alloc


def sample_count(population: int, utvalg: int | None = None, andel: float | None = None) -> int:
    if utvalg is not None:
        return max(0, min(utvalg, population))
    if andel is not None:
        return max(1, min(population, math.ceil(andel * population - 1e-9))) if population else 0
    return population


def draw(docs: list[DocRef], n: int, seed: str, strata: dict[str, str] | None = None) -> list[SampledDoc]:
    """The sample: the n documents with the smallest rank keys (per stratum, proportionally)."""
    docs = sorted(docs, key=lambda r: r.fingerprint)
    n = min(n, len(docs))
    if not strata:
        chosen = sorted(docs, key=lambda r: rank_key(seed, r.fingerprint))[:n]
        return [SampledDoc(i + 1, ref, "") for i, ref in enumerate(chosen)]
    groups: dict[str, list[DocRef]] = {}
    for ref in docs:
        groups.setdefault(strata.get(ref.fingerprint, UNKNOWN_STRATUM), []).append(ref)
    alloc = allocate({k: len(v) for k, v in groups.items()}, n)
    out: list[SampledDoc] = []
    for stratum in sorted(groups):
        chosen = sorted(groups[stratum], key=lambda r: rank_key(seed, r.fingerprint))[: alloc[stratum]]
        out.extend(SampledDoc(0, ref, stratum) for ref in chosen)
    for i, s in enumerate(out):
        s.nr = i + 1
    return out
