"""The page's private temporary directory: uploads, Gradio's cache and generated reports.

Everything the page writes lands under one directory made with `tempfile.mkdtemp` (mode 0700).
Uploaded files are deleted as soon as their bytes are read; everything else is swept away
once it is older than the configured age, and the whole directory is removed at exit.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from ..errors import ForStorFil, UlesbarFil

log = logging.getLogger(__name__)

PREFIX = "gjennomgang-"


class TempStore:
    def __init__(self, root: Path, delete_after: int):
        self.root = Path(root).resolve()
        self.delete_after = delete_after
        self.gradio_dir = self.root / "gradio"
        self.reports_dir = self.root / "rapporter"
        self.tmp_dir = self.root / "tmp"
        self.busy_dir = self.root / "i_bruk"  # uploads being worked on: not swept until released
        for d in (self.gradio_dir, self.reports_dir, self.tmp_dir, self.busy_dir):
            d.mkdir(mode=0o700, exist_ok=True)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def create(cls, delete_after: int, parent: str | Path | None = None) -> "TempStore":
        if parent:
            Path(parent).mkdir(parents=True, exist_ok=True)
        root = tempfile.mkdtemp(prefix=PREFIX, dir=str(parent) if parent else None)
        os.chmod(root, 0o700)
        return cls(Path(root), delete_after)

    # -- paths ----------------------------------------------------------------------------
    def owns(self, path: str | Path) -> bool:
        try:
            Path(path).resolve().relative_to(self.root)
            return True
        except (ValueError, OSError):
            return False

    def new_report_dir(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="r", dir=self.reports_dir))

    # -- uploads --------------------------------------------------------------------------
    def take_upload(self, path: str | Path, max_bytes: int) -> bytes:
        """Read an uploaded file into memory and delete it from disk at once.

        Raises a GjennomgangError with a Norwegian message when the file is gone or too large.
        """
        p = Path(path)
        name = p.name
        if not self.owns(p):
            raise UlesbarFil(f"Filen «{name}» ble ikke funnet blant opplastingene. Last den opp på nytt.")
        try:
            size = p.stat().st_size
        except FileNotFoundError:
            raise UlesbarFil(f"Filen «{name}» er allerede slettet fra serveren (opplastinger slettes etter bruk, "
                             f"og senest etter {self.delete_after} sekunder). Last den opp på nytt.")
        try:
            if size > max_bytes:
                raise ForStorFil(f"Filen «{name}» er {size / 1024 / 1024:.1f} MB, mer enn grensen på "
                                 f"{max_bytes / 1024 / 1024:.0f} MB per fil. Del dokumentet opp eller komprimer PDF-en.")
            try:
                return p.read_bytes()
            except OSError:
                raise UlesbarFil(f"Filen «{name}» kunne ikke leses fra opplastingen. Last den opp på nytt.")
        finally:
            self.delete(p)

    def claim(self, path: str | Path) -> Path:
        """Move an upload out of the cleaner's reach while a long batch works through it.

        The caller must `delete()` the returned path when done (it is removed at exit anyway).
        """
        p = Path(path)
        if not self.owns(p):
            raise UlesbarFil(f"Filen «{p.name}» ble ikke funnet blant opplastingene. Last den opp på nytt.")
        if not p.is_file():
            raise UlesbarFil(f"Filen «{p.name}» er allerede slettet fra serveren (opplastinger slettes etter bruk, "
                             f"og senest etter {self.delete_after} sekunder). Last den opp på nytt.")
        dest = Path(tempfile.mkdtemp(prefix="b", dir=self.busy_dir)) / p.name
        os.replace(p, dest)
        self._remove_empty_parents(p.parent)
        return dest

    def delete(self, path: str | Path) -> None:
        """Delete one file we own, and its directory when that becomes empty."""
        p = Path(path)
        if not self.owns(p):
            return
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("kunne ikke slette en midlertidig fil: %s", type(exc).__name__)
        self._remove_empty_parents(p.parent)

    def _remove_empty_parents(self, d: Path) -> None:
        keep = {self.root, self.gradio_dir, self.reports_dir, self.tmp_dir, self.busy_dir}
        d = d.resolve()
        while d not in keep and self.owns(d):
            try:
                d.rmdir()
            except OSError:
                return
            d = d.parent

    # -- cleaning -------------------------------------------------------------------------
    def files(self) -> list[Path]:
        return [p for p in self.root.rglob("*") if p.is_file() or p.is_symlink()]

    def sweep(self, age: float | None = None) -> int:
        """Delete files older than `age` seconds (default: delete_after). Returns how many."""
        age = self.delete_after if age is None else age
        now = time.time()
        removed = 0
        for p in self.files():
            if self.busy_dir in p.parents:
                continue
            try:
                st = p.lstat()
            except FileNotFoundError:
                continue
            if now - max(st.st_mtime, st.st_ctime) >= age:
                try:
                    p.unlink()
                    removed += 1
                except OSError:
                    continue
        for d in sorted((d for d in self.root.rglob("*") if d.is_dir()), key=lambda x: len(x.parts), reverse=True):
            self._remove_empty_parents(d)
        if removed:
            log.info("slettet %d utløpte midlertidige filer", removed)
        return removed

    def start_sweeper(self, interval: float) -> None:
        if self._thread is not None:
            return

        def run():
            while not self._stop.wait(interval):
                try:
                    self.sweep()
                except Exception as exc:  # the cleaner must never die
                    log.warning("opprydding feilet: %s", type(exc).__name__)

        self._thread = threading.Thread(target=run, name="gjennomgang-opprydding", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop the cleaner and remove the whole directory."""
        self._stop.set()
        shutil.rmtree(self.root, ignore_errors=True)
