"""The requirement catalogue as data: loads and validates the YAML files in `data/`.

Adding a requirement, a synonym or a cue word is a change to these files, never to code.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import KatalogFeil

DATA_DIR = Path(__file__).parent / "data"
LEVELS = ("krav", "bor_folges", "bor_vurderes")
LEVEL_TITLES = {"krav": "Krav", "bor_folges": "Bør følges", "bor_vurderes": "Bør vurderes"}
VERDICTS = ("oppfylt", "mangler", "usikker", "ikke_relevant")


@dataclass(frozen=True)
class Rule:
    concepts: tuple[str, ...]
    weight: float
    unless: tuple[str, ...] = ()  # the rule does not fire when any of these concepts is present

    def fires(self, present: set[str]) -> bool:
        return all(c in present for c in self.concepts) and not any(c in present for c in self.unless)


@dataclass
class Requirement:
    id: str
    tittel: str
    beskrivelse: str
    kilde_dokument: str
    kilde_sitat: str
    hint: str
    mangler_tekst: str
    seksjoner: list[re.Pattern]
    regler: list[Rule]
    avvisning: list[tuple[str, ...]]
    betingelse: str | None = None
    motregler: list[tuple[tuple[str, ...], float, str]] = field(default_factory=list)  # (concepts, weight, reason)
    begrunnelse_teller: bool = False
    seksjon_krever_regel: bool = False
    fakta_krav: dict = field(default_factory=dict)
    krever_begrep: tuple[str, ...] = ()  # oppfylt needs one of these concepts somewhere (affirmed or negated)
    niva: str = "krav"  # set per document type

    @property
    def concepts(self) -> set[str]:
        out = {c for r in self.regler for c in r.concepts + r.unless}
        out.update(c for a in self.avvisning for c in a)
        return out

    @property
    def all_concepts(self) -> set[str]:
        return self.concepts | {c for m in self.motregler for c in m[0]} | set(self.krever_begrep)


@dataclass
class DocType:
    id: str
    tittel: str
    title_patterns: list[re.Pattern]
    content_patterns: list[re.Pattern]
    krav: dict[str, str]  # requirement id → level


@dataclass
class Catalogue:
    requirements: dict[str, Requirement]
    doctypes: dict[str, DocType]
    concepts: dict[str, list[str]]
    context: dict
    facts: dict
    version: str

    def requirements_for(self, doctype: str) -> list[Requirement]:
        """The requirements of a document type, each with its level for that type."""
        out = []
        for rid, level in self.doctypes[doctype].krav.items():
            base = self.requirements[rid]
            req = Requirement(**{**base.__dict__, "niva": level})
            out.append(req)
        return out


def _compile_all(patterns: list[str], where: str, word_start: bool = False) -> list[re.Pattern]:
    """Compile regexes; with word_start, a pattern only matches at the start of a word
    («virkning» must not match inside «medvirkning»)."""
    out = []
    for p in patterns or []:
        if word_start and not p.startswith("^"):
            p = r"(?<!\w)(?:" + p + ")"
        try:
            out.append(re.compile(p, re.I))
        except re.error as exc:
            raise KatalogFeil(f"Ugyldig mønster «{p}» i {where}: {exc}")
    return out


def _load_yaml(name: str, data_dir: Path) -> dict:
    path = data_dir / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise KatalogFeil(f"Kravkatalogen mangler filen {name}.")
    except yaml.YAMLError as exc:
        raise KatalogFeil(f"Kravkatalogen kunne ikke leses ({name}): {exc}")


@functools.lru_cache(maxsize=4)
def load_catalogue(data_dir: Path = DATA_DIR) -> Catalogue:
    data_dir = Path(data_dir)
    files = ["begreper.yaml", "krav.yaml", "dokumenttyper.yaml", "kontekst.yaml", "fakta.yaml"]
    digest = hashlib.sha256()
    for name in files:
        digest.update((data_dir / name).read_bytes() if (data_dir / name).exists() else b"")
    concepts = _load_yaml("begreper.yaml", data_dir)
    raw_krav = _load_yaml("krav.yaml", data_dir)
    raw_types = _load_yaml("dokumenttyper.yaml", data_dir)
    requirements: dict[str, Requirement] = {}
    for rid, spec in raw_krav.items():
        try:
            regler = [Rule(tuple(r["alle"]), float(r["vekt"]), tuple(r.get("ikke", []))) for r in spec.get("regler", [])]
            avvisning = [tuple(a["alle"]) for a in spec.get("avvisning", []) or []]
            req = Requirement(
                id=rid, tittel=spec["tittel"], beskrivelse=spec["beskrivelse"],
                kilde_dokument=spec["kilde"]["dokument"], kilde_sitat=spec["kilde"]["sitat"],
                hint=spec["hint"], mangler_tekst=spec["mangler_tekst"],
                seksjoner=_compile_all(spec.get("seksjoner", []), f"krav.yaml/{rid}", word_start=True),
                regler=regler, avvisning=avvisning, betingelse=spec.get("betingelse"),
                begrunnelse_teller=bool(spec.get("begrunnelse_teller", False)),
                seksjon_krever_regel=bool(spec.get("seksjon_krever_regel", False)),
                fakta_krav=spec.get("fakta_krav") or {},
                krever_begrep=tuple(spec.get("krever_begrep", []) or []),
                motregler=[(tuple(m["alle"]), float(m.get("vekt", 0.6)), m.get("grunn", "")) for m in spec.get("motregler", []) or []],
            )
        except (KeyError, TypeError) as exc:
            raise KatalogFeil(f"Kravet «{rid}» i krav.yaml mangler feltet {exc}.")
        unknown = req.all_concepts - set(concepts)
        if unknown:
            raise KatalogFeil(f"Kravet «{rid}» bruker ukjente begreper: {', '.join(sorted(unknown))}.")
        requirements[rid] = req
    doctypes: dict[str, DocType] = {}
    for tid, spec in raw_types.items():
        for rid, level in spec["krav"].items():
            if rid not in requirements:
                raise KatalogFeil(f"Dokumenttypen «{tid}» viser til ukjent krav «{rid}».")
            if level not in LEVELS:
                raise KatalogFeil(f"Ukjent nivå «{level}» for «{rid}» i «{tid}».")
        doctypes[tid] = DocType(
            id=tid, tittel=spec["tittel"],
            title_patterns=_compile_all(spec["gjenkjenning"]["tittel"], f"dokumenttyper.yaml/{tid}"),
            content_patterns=_compile_all(spec["gjenkjenning"]["innhold"], f"dokumenttyper.yaml/{tid}"),
            krav=dict(spec["krav"]),
        )
    return Catalogue(requirements=requirements, doctypes=doctypes, concepts=concepts,
                     context=_load_yaml("kontekst.yaml", data_dir), facts=_load_yaml("fakta.yaml", data_dir),
                     version=digest.hexdigest()[:12])
