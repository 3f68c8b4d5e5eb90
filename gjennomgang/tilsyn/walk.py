"""Walk a folder for documents (PDF, DOCX, TXT, and the same inside zip files) and fingerprint each.

Every document gets a SHA-256 fingerprint of its bytes; the fingerprint is the document's identity
in the sample, the results and the summary. Zip files are opened read-only: members are hashed
while streaming (never trusting the sizes the archive claims), and only the members that end up in
the sample are extracted later, under generated names, into a private temporary folder that the
run deletes afterwards. Guards: member count, per-member and per-archive unpacked size, compression
ratio (zip bombs), absolute or «..» member paths (path traversal), symbolic links, encrypted members
and zip files inside zip files are refused with a Norwegian reason.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".txt")
ZIP_SUFFIX = ".zip"
ZIP_SEPARATOR = "!/"  # «arkiv.zip!/mappe/rapport.pdf»
CHUNK = 1 << 20


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass
class ZipLimits:
    max_members: int = field(default_factory=lambda: _env_int("GJENNOMGANG_ZIP_MAKS_FILER", 20_000))
    max_member_bytes: int = field(default_factory=lambda: _env_int("GJENNOMGANG_MAKS_MB", 50) * 1024 * 1024)
    max_total_bytes: int = field(default_factory=lambda: _env_int("GJENNOMGANG_ZIP_MAKS_MB", 4096) * 1024 * 1024)
    max_ratio: float = 200.0  # unpacked / packed, for members larger than ratio_floor
    ratio_floor: int = 1024 * 1024


@dataclass
class DocRef:
    """One document in the population."""

    fingerprint: str
    rel: str  # display path relative to the folder; zip members as «a.zip!/b/c.pdf»
    size: int
    path: Path | None = None  # the file on disk (plain documents)
    archive: Path | None = None  # the zip file (zip members)
    member: str | None = None  # member name inside the zip
    duplicates: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return PurePosixPath(self.rel.split(ZIP_SEPARATOR)[-1]).name

    @property
    def folder(self) -> str:
        """The first folder under the root (a zip at the root counts as a folder, without «.zip»)."""
        first = self.rel.split(ZIP_SEPARATOR)[0]
        parts = PurePosixPath(first).parts
        if self.archive is not None:
            if len(parts) > 1:
                return parts[0]
            return PurePosixPath(parts[0]).stem
        return parts[0] if len(parts) > 1 else ""


@dataclass
class Problem:
    rel: str
    melding: str
    kode: str = "ulesbar"


@dataclass
class WalkResult:
    root: Path
    documents: list[DocRef]  # unique by fingerprint, sorted by fingerprint
    problems: list[Problem]
    ignored: int  # files of other types
    duplicate_count: int
    metadata_files: list[Path]


def _hash_file(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    n = 0
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            h.update(chunk)
            n += len(chunk)
    return h.hexdigest(), n


def _unsafe_member_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return True
    parts = re.split(r"[\\/]+", name)
    return any(p == ".." for p in parts)


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def _stream_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ZipLimits, budget: int, sink=None) -> tuple[str, int]:
    """Hash (and optionally write) a member while counting the bytes actually unpacked."""
    h = hashlib.sha256()
    n = 0
    cap = min(limits.max_member_bytes, budget)
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            n += len(chunk)
            if n > cap:
                if n > limits.max_member_bytes:
                    raise Refused(f"Filen pakker seg ut til mer enn {limits.max_member_bytes // (1024 * 1024)} MB "
                                   "og ble hoppet over.", "for_stor")
                raise Refused("Arkivet pakker seg ut til mer enn den samlede grensen og ble ikke lest videre "
                               "(mulig zip-bombe).", "zip_bombe")
            if info.compress_size and n > limits.ratio_floor and n / max(info.compress_size, 1) > limits.max_ratio:
                raise Refused("Filen er pakket uvanlig kraftig (mulig zip-bombe) og ble hoppet over.", "zip_bombe")
            h.update(chunk)
            if sink is not None:
                sink.write(chunk)
    return h.hexdigest(), n


class Refused(Exception):
    def __init__(self, melding: str, kode: str):
        super().__init__(melding)
        self.melding = melding
        self.kode = kode


def _walk_zip(path: Path, rel: str, limits: ZipLimits, docs: list[DocRef], problems: list[Problem]) -> int:
    """Add the documents inside one zip file; return the number of ignored members."""
    ignored = 0
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        problems.append(Problem(rel, "Zip-filen er skadet eller ikke en zip-fil, og kunne ikke åpnes."))
        return 0
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_members:
            problems.append(Problem(rel, f"Zip-filen har {len(infos)} filer, mer enn grensen på "
                                         f"{limits.max_members}, og ble ikke lest.", "zip_bombe"))
            return 0
        budget = limits.max_total_bytes
        for info in infos:
            if info.is_dir():
                continue
            name = info.filename
            member_rel = f"{rel}{ZIP_SEPARATOR}{name.lstrip('/')}"
            suffix = PurePosixPath(name).suffix.lower()
            base = PurePosixPath(name.replace("\\", "/")).name
            if base.startswith((".", "~$")) or "__MACOSX" in name:
                continue
            if suffix == ZIP_SUFFIX:
                problems.append(Problem(member_rel, "Zip-filer inne i zip-filer leses ikke. Pakk ut den indre "
                                                    "zip-filen først.", "zip_i_zip"))
                continue
            if suffix not in DOCUMENT_SUFFIXES:
                ignored += 1
                continue
            if _unsafe_member_name(name):
                problems.append(Problem(member_rel, "Filen har en mistenkelig sti i arkivet (absolutt sti eller «..») "
                                                    "og ble hoppet over.", "mistenkelig_sti"))
                continue
            if _is_symlink(info):
                problems.append(Problem(member_rel, "Filen er en symbolsk lenke i arkivet og ble hoppet over.",
                                        "lenke"))
                continue
            if info.flag_bits & 0x1:
                problems.append(Problem(member_rel, "Filen er kryptert (passordbeskyttet zip) og kunne ikke leses.",
                                        "passord"))
                continue
            if info.file_size > limits.max_member_bytes:
                problems.append(Problem(member_rel, f"Filen er {info.file_size / 1024 / 1024:.0f} MB utpakket, mer "
                                                    f"enn grensen på {limits.max_member_bytes // (1024 * 1024)} MB.",
                                        "for_stor"))
                continue
            try:
                digest, n = _stream_member(zf, info, limits, budget)
            except Refused as exc:
                problems.append(Problem(member_rel, exc.melding, exc.kode))
                if exc.kode == "zip_bombe" and "samlede" in exc.melding:
                    break
                continue
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
                problems.append(Problem(member_rel, "Filen i zip-arkivet er skadet og kunne ikke pakkes ut."))
                continue
            budget -= n
            docs.append(DocRef(fingerprint=digest, rel=member_rel, size=n, archive=path, member=name))
    return ignored


def walk(root: str | Path, zip_limits: ZipLimits | None = None) -> WalkResult:
    """Find every document under root (recursively, zip files included) and fingerprint it."""
    root = Path(root)
    zip_limits = zip_limits or ZipLimits()
    found: list[DocRef] = []
    problems: list[Problem] = []
    metadata: list[Path] = []
    ignored = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        for fname in sorted(filenames):
            if fname.startswith((".", "~$")):
                continue
            path = here / fname
            rel = path.relative_to(root).as_posix()
            suffix = path.suffix.lower()
            if fname.lower() == "metadata.csv":
                metadata.append(path)
                continue
            if suffix == ZIP_SUFFIX:
                ignored += _walk_zip(path, rel, zip_limits, found, problems)
                continue
            if suffix not in DOCUMENT_SUFFIXES:
                ignored += 1
                continue
            try:
                if not path.is_file():
                    continue
                digest, n = _hash_file(path)
            except OSError:
                problems.append(Problem(rel, "Filen kunne ikke leses (mangler tilgang?)."))
                continue
            found.append(DocRef(fingerprint=digest, rel=rel, size=n, path=path))
    # one document per fingerprint: the same bytes twice must not count twice
    by_fp: dict[str, DocRef] = {}
    dup = 0
    for ref in sorted(found, key=lambda r: (r.fingerprint, r.rel)):
        first = by_fp.get(ref.fingerprint)
        if first is None:
            by_fp[ref.fingerprint] = ref
        else:
            first.duplicates.append(ref.rel)
            dup += 1
    docs = [by_fp[k] for k in sorted(by_fp)]
    return WalkResult(root=root, documents=docs, problems=problems, ignored=ignored, duplicate_count=dup,
                      metadata_files=sorted(metadata))


_SAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def materialise(ref: DocRef, workdir: Path, limits: ZipLimits | None = None) -> Path:
    """The path a worker can read: the file itself, or the zip member extracted into workdir.

    The member is written under a generated folder (the fingerprint) with a sanitised base name, so
    no name in the archive can point outside workdir. Raises Refused / OSError on failure.
    """
    if ref.archive is None:
        assert ref.path is not None
        return ref.path
    limits = limits or ZipLimits()
    base = _SAFE.sub("_", ref.name)[:120] or "dokument"
    target_dir = workdir / ref.fingerprint[:32]
    target_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = target_dir / base
    with zipfile.ZipFile(ref.archive) as zf:
        info = zf.getinfo(ref.member)
        with open(target, "wb") as out:
            digest, _ = _stream_member(zf, info, limits, limits.max_member_bytes, sink=out)
    if digest != ref.fingerprint:
        target.unlink(missing_ok=True)
        raise Refused("Filen i zip-arkivet er endret siden mappen ble lest.", "endret")
    return target
