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

import logging
import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import wait

from .worker import WorkerConfig

log = logging.getLogger(__name__)

TIMEOUT_CODE = "tidsavbrudd"
CRASH_CODE = "krasj"


class PoolError(Exception):
    """The workers could not start; `melding` is Norwegian."""

    def __init__(self, melding: str):
        super().__init__(melding)
        self.melding = melding


def _context():
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["gjennomgang.tilsyn.worker"])
        return ctx
    return mp.get_context("spawn")


def _entry(conn, cfg):  # module-level so that every start method can find it
    from .worker import worker_main

    worker_main(conn, cfg)


@dataclass(eq=False)
class _Worker:
    proc: object
    conn: object
    state: str = "starting"  # starting | idle | busy
    task: object = None
    deadline: float = 0.0
    started: float = 0.0
    done: int = 0


class Pool:
    def __init__(self, n_workers: int, cfg: WorkerConfig, timeout: float, max_tasks: int = 500,
                 start_timeout: float = 600.0):
        self.n = max(1, n_workers)
        self.cfg = cfg
        self.timeout = timeout
        self.max_tasks = max_tasks
        self.start_timeout = start_timeout
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.info: dict | None = None  # what the first ready worker reported (pipeline, model, …)
        self.restarts = 0

    # -- life cycle ------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_entry, args=(child, self.cfg), daemon=True, name="gjennomgang-tilsyn")
        proc.start()
        child.close()
        w = _Worker(proc=proc, conn=parent, started=time.monotonic())
        return w

    def start(self) -> dict:
        """Start the workers and wait until they have loaded the checker; return their info."""
        if not self.workers:
            self.workers = [self._spawn() for _ in range(self.n)]
        deadline = time.monotonic() + self.start_timeout
        while any(w.state == "starting" for w in self.workers):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PoolError("Arbeidsprosessene startet ikke innen tidsgrensen.")
            self._poll(min(remaining, 1.0), on_done=None)
        return self.info or {}

    def close(self, graceful: bool = True) -> None:
        for w in self.workers:
            try:
                if graceful and w.proc.is_alive() and w.state != "busy":
                    w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in self.workers:
            if graceful:
                w.proc.join(timeout=3)
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(timeout=3)
            try:
                w.conn.close()
            except OSError:
                pass
        self.workers = []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close(graceful=exc_type is None)

    # -- the loop --------------------------------------------------------------------------
    def _replace(self, w: _Worker, kill: bool) -> None:
        if kill and w.proc.is_alive():
            w.proc.kill()
        w.proc.join(timeout=5)
        try:
            w.conn.close()
        except OSError:
            pass
        i = self.workers.index(w)
        self.workers[i] = self._spawn()
        self.restarts += 1

    def _finish(self, w: _Worker, result: dict, on_done) -> bool:
        task = w.task
        w.task = None
        w.state = "idle"
        w.done += 1
        return bool(on_done(task, result)) if on_done else False

    def _poll(self, timeout: float, on_done) -> bool:
        """Wait for messages, deaths and deadlines once; True when on_done asked to stop."""
        stop = False
        now = time.monotonic()
        busy_deadlines = [w.deadline for w in self.workers if w.state == "busy"]
        if busy_deadlines:
            timeout = max(0.0, min(timeout, min(busy_deadlines) - now))
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
            msg = None
            if obj is w.conn or w.conn.poll():
                try:
                    msg = w.conn.recv()
                except (EOFError, OSError):
                    msg = None
            if msg is None:  # the process died
                if w.state == "starting":
                    w.proc.join(timeout=5)
                    raise PoolError("En arbeidsprosess stoppet mens sjekkeverktøyet ble lastet "
                                    f"(avslutningskode {w.proc.exitcode}).")
                task = w.task
                was_busy = w.state == "busy"
                self._replace(w, kill=True)
                if was_busy and on_done:
                    stop |= bool(on_done(task, {"feil": CRASH_CODE, "melding": (
                        "Sjekken av filen stoppet uventet (arbeidsprosessen stoppet, kanskje for lite minne). "
                        "Filen ble hoppet over; de andre filene er sjekket som vanlig.")}))
                continue
            kind = msg[0]
            if kind == "klar":
                w.state = "idle"
                if self.info is None:
                    self.info = msg[1]
            elif kind == "init_feil":
                raise PoolError(msg[1])
            elif kind == "ferdig" and w.state == "busy":
                stop |= self._finish(w, msg[2], on_done)
                if self.max_tasks and w.done >= self.max_tasks:
                    try:
                        w.conn.send(None)
                    except OSError:
                        pass
                    self._replace(w, kill=False)
        now = time.monotonic()
        for w in list(self.workers):
            if w.state == "busy" and now > w.deadline:
                task = w.task
                log.warning("tidsavbrudd: en fil brukte mer enn %.0f s; arbeidsprosessen startes på nytt", self.timeout)
                self._replace(w, kill=True)
                if on_done:
                    stop |= bool(on_done(task, {"feil": TIMEOUT_CODE, "melding": (
                        f"Sjekken tok mer enn {self.timeout:.0f} sekunder og ble avbrutt. Filen kan være svært stor "
                        "eller uvanlig bygget; sjekk den for seg selv med «gjennomgang sjekk».")}))
            elif w.state == "starting" and now - w.started > self.start_timeout:
                raise PoolError("En arbeidsprosess startet ikke innen tidsgrensen.")
        return stop

    def run(self, tasks: Iterable, prepare: Callable, on_done: Callable) -> bool:
        """Run every task; True when on_done asked to stop early.

        prepare(task) → (kind, path, display) or a dict (an error result, the task is not sent);
        on_done(task, result_dict) → True to stop.
        """
        pending = deque(tasks)
        self.start()
        while True:
            for w in self.workers:
                while w.state == "idle" and pending:
                    task = pending.popleft()
                    prepared = prepare(task)
                    if isinstance(prepared, dict):
                        if on_done(task, prepared):
                            return True
                        continue
                    kind, path, display = prepared
                    w.task = task
                    w.state = "busy"
                    w.deadline = time.monotonic() + self.timeout
                    try:
                        w.conn.send((id(task), kind, str(path), display))
                    except (OSError, ValueError):
                        pass  # the death is noticed by _poll
            if not pending and not any(w.state == "busy" for w in self.workers):
                return False
            if self._poll(1.0, on_done):
                return True
