"""A small process pool with a hard time limit per file.

`concurrent.futures` cannot stop one hung task, so each worker here is its own process with its
own pipe: the parent hands a worker one file at a time, and when a file takes longer than the time
limit, the worker is killed, the file is recorded as «tidsavbrudd» and a fresh worker takes its
place. A worker that dies (crash, out of memory) costs only its current file («krasj»). Each
worker loads `Checker()` once; workers are recycled after `max_tasks` files to bound memory.

Workers start from a fork server that has already imported the checker (fast start, no threads
inherited from the parent); where that is unavailable, they are spawned.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import wait

log = logging.getLogger(__name__)

TASK_CHECK = "sjekk"
TASK_DOCTYPE = "type"
ENV_PREFIX = "GJENNOMGANG_"
TIMEOUT_CODE = "tidsavbrudd"
CRASH_CODE = "krasj"


@dataclass
class WorkerConfig:
    pipeline: str = "auto"
    model: str | None = "auto"
    env: dict[str, str] = field(default_factory=dict)  # the parent's GJENNOMGANG_* variables
    hang_on: str = ""  # test hook: hang on files whose display name contains this


class PoolError(Exception):
    """The workers could not start; `melding` is Norwegian."""

    def __init__(self, melding: str, exit_status: int = 1):
        super().__init__(melding)
        self.melding = melding
        self.exit_status = exit_status


def _context():
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["gjennomgang.tilsyn.worker"])
        return ctx
    return mp.get_context("spawn")


@contextlib.contextmanager
def _without_main_module():
    """Keep the worker from re-running the parent's main script.

    multiprocessing (spawn/forkserver) imports the parent's `__main__` in every child. Our workers
    need nothing from it, and it can be anything — a script without a main guard, `python -` from a
    pipe, a test runner — so it is hidden while a worker is started.
    """
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = {a: getattr(main, a) for a in ("__file__", "__spec__") if hasattr(main, a)}
    try:
        if "__file__" in saved:
            del main.__file__
        main.__spec__ = None
        yield
    finally:
        for a, v in saved.items():
            setattr(main, a, v)
        if "__spec__" not in saved:
            with contextlib.suppress(AttributeError):
                del main.__spec__


def _entry(conn, cfg):  # module-level so that every start method can find it
    import os

    try:
        from .worker import worker_main

        worker_main(conn, cfg)
    except BaseException:  # never a traceback on the user's screen; the parent reports the exit
        if os.environ.get("GJENNOMGANG_DEBUG") == "1":
            import traceback

            traceback.print_exc()
        os._exit(1)


@dataclass(eq=False)
class _Worker:
    proc: object
    conn: object
    ready: bool = False  # has loaded the checker
    queue: deque = field(default_factory=deque)  # tasks sent, in order; the first is running
    deadline: float = 0.0  # for the first task in the queue
    started: float = 0.0
    done: int = 0
    retiring: bool = False  # takes no new tasks; replaced when its queue is empty


class Pool:
    """Each worker gets up to `depth` files at a time (the next file waits in its pipe, so the
    worker never idles waiting for the parent); the time limit runs for the file being checked."""

    def __init__(self, n_workers: int, cfg: WorkerConfig, timeout: float, max_tasks: int = 500,
                 start_timeout: float = 600.0, depth: int = 2):
        self.n = max(1, n_workers)
        self.cfg = cfg
        self.timeout = timeout
        self.max_tasks = max_tasks
        self.start_timeout = start_timeout
        self.depth = max(1, depth)
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.info: dict | None = None  # what the first ready worker reported (pipeline, model, …)
        self.restarts = 0
        self._pending: deque = deque()

    # -- life cycle ------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_entry, args=(child, self.cfg), daemon=True, name="gjennomgang-tilsyn")
        with _without_main_module():
            proc.start()
        child.close()
        return _Worker(proc=proc, conn=parent, started=time.monotonic())

    def start(self) -> dict:
        """Start the workers and wait until they have loaded the checker; return their info."""
        if not self.workers:
            self.workers = [self._spawn() for _ in range(self.n)]
        deadline = time.monotonic() + self.start_timeout
        while not all(w.ready for w in self.workers):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PoolError("Arbeidsprosessene startet ikke innen tidsgrensen.")
            self._poll(min(remaining, 1.0), on_done=None)
        return self.info or {}

    def close(self, graceful: bool = True) -> None:
        for w in self.workers:
            try:
                if graceful and w.proc.is_alive() and not w.queue:
                    w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in self.workers:
            if graceful:
                w.proc.join(timeout=3)
            _stop(w, kill=True)
        self.workers = []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close(graceful=exc_type is None)

    # -- the loop --------------------------------------------------------------------------
    def _replace(self, w: _Worker, kill: bool) -> None:
        """Replace a worker; files queued behind the running one go back to the front of the line."""
        _stop(w, kill)
        for task in reversed(list(w.queue)[1:]):
            self._pending.appendleft(task)
        w.queue.clear()
        self.workers[self.workers.index(w)] = self._spawn()
        self.restarts += 1

    def _poll(self, timeout: float, on_done) -> bool:
        """Wait for messages, deaths and deadlines once; True when on_done asked to stop."""
        stop = False
        now = time.monotonic()
        deadlines = [w.deadline for w in self.workers if w.queue]
        if deadlines:
            timeout = max(0.0, min(timeout, min(deadlines) - now))
        objs = {}
        for w in self.workers:
            objs[w.conn] = w
            objs[w.proc.sentinel] = w
        ready = wait(list(objs), timeout=timeout)
        handled: set[int] = set()
        for obj in ready:
            w = objs[obj]
            if id(w) in handled or w not in self.workers:
                continue
            handled.add(id(w))
            while True:  # every message that is waiting, then a possible death
                msg = None
                try:
                    if w.conn.poll():
                        msg = w.conn.recv()
                    elif w.proc.is_alive():
                        break
                except (EOFError, OSError):
                    msg = None
                if msg is None:  # the process died
                    if not w.ready:
                        w.proc.join(timeout=5)
                        raise PoolError("En arbeidsprosess stoppet mens sjekkeverktøyet ble lastet "
                                        f"(avslutningskode {w.proc.exitcode}).")
                    task = w.queue[0] if w.queue else None
                    self._replace(w, kill=True)
                    if task is not None and on_done:
                        stop |= bool(on_done(task, {"feil": CRASH_CODE, "melding": (
                            "Sjekken av filen stoppet uventet (arbeidsprosessen stoppet, kanskje for lite minne). "
                            "Filen ble hoppet over; de andre filene er sjekket som vanlig.")}))
                    break
                kind = msg[0]
                if kind == "klar":
                    w.ready = True
                    if self.info is None:
                        self.info = msg[1]
                elif kind == "init_feil":
                    raise PoolError(msg[1], msg[2] if len(msg) > 2 else 1)
                elif kind == "ferdig" and w.queue:
                    task = w.queue.popleft()
                    w.done += 1
                    w.deadline = time.monotonic() + self.timeout  # the next file starts now
                    if on_done:
                        stop |= bool(on_done(task, msg[2]))
                    if self.max_tasks and w.done >= self.max_tasks:
                        w.retiring = True
                    if w.retiring and not w.queue:
                        try:
                            w.conn.send(None)
                        except OSError:
                            pass
                        self._replace(w, kill=False)
                        break
        now = time.monotonic()
        for w in list(self.workers):
            if w.queue and now > w.deadline:
                task = w.queue[0]
                log.warning("tidsavbrudd: en fil brukte mer enn %.0f s; arbeidsprosessen startes på nytt", self.timeout)
                self._replace(w, kill=True)
                if on_done:
                    stop |= bool(on_done(task, {"feil": TIMEOUT_CODE, "melding": (
                        f"Sjekken tok mer enn {self.timeout:.0f} sekunder og ble avbrutt. Filen kan være svært stor "
                        "eller uvanlig bygget; sjekk den for seg selv med «gjennomgang sjekk».")}))
            elif not w.ready and now - w.started > self.start_timeout:
                raise PoolError("En arbeidsprosess startet ikke innen tidsgrensen.")
        return stop

    def run(self, tasks: Iterable, prepare: Callable, on_done: Callable) -> bool:
        """Run every task; True when on_done asked to stop early.

        prepare(task) → (kind, path, display) or a dict (an error result, the task is not sent);
        on_done(task, result_dict) → True to stop.
        """
        self._pending = deque(tasks)
        self.start()
        while True:
            for w in self.workers:
                while w.ready and not w.retiring and len(w.queue) < self.depth and self._pending:
                    task = self._pending.popleft()
                    prepared = prepare(task)
                    if isinstance(prepared, dict):
                        if on_done(task, prepared):
                            return True
                        continue
                    kind, path, display = prepared
                    if not w.queue:
                        w.deadline = time.monotonic() + self.timeout
                    w.queue.append(task)
                    try:
                        w.conn.send((id(task), kind, str(path), display))
                    except (OSError, ValueError):
                        pass  # the death is noticed by _poll
            if not self._pending and not any(w.queue for w in self.workers):
                return False
            if self._poll(1.0, on_done):
                return True


def _stop(w: _Worker, kill: bool) -> None:
    """End one worker (killing it if asked and still alive) and close its pipe."""
    if kill and w.proc.is_alive():
        w.proc.kill()
    w.proc.join(timeout=5)
    try:
        w.conn.close()
    except OSError:
        pass
