"""Long texts detected on several cores: the text is cut into chunks where detection is local,
and worker processes read chunks beside the caller.

A megabyte takes about two seconds of one core, nearly all of it Python under one GIL; threads
cannot share that work, processes can. A worker (:func:`serve`, in a new interpreter) builds
the caller's engine from the same :class:`~veil.config.Policy` and runs the recognizers it has
exactly as the caller would (same name, same class), on a chunk with ``MARGIN`` characters of
context on each side; it returns the detections that start inside the chunk.

**Where a text may be cut.** The learned model reads the text in pieces (runs of sentences
that need a name model, :func:`veil.detect.ner.ner_spans`) whose windows depend on where the
piece starts. A chunk begins only after a line break whose line needs no name model: no piece
of the whole text crosses it, so the chunk's pieces, windows and scores are the whole text's.
The other recognizers look at most a few hundred characters around a value, well inside the
margin. Detections are collected per recognizer in the registry's order and, within one, in
chunk order; ties between candidates are decided by their start, which one chunk owns, so the
engine's overlap rules pick the same winners as on the whole text.

**When.** Only texts of at least two chunks (``CHUNK_CHARS`` each), only with workers that are
idle and already hold the engine: a caller never waits for a worker to start, and under load
(every worker busy) it reads its text alone. The first long text starts the workers in the
background and is read by the caller alone. A worker that fails or dies leaves its chunk to
the caller, which reads it again: a chunk is never lost, and a recognizer's failure in a
worker refuses the request as it would in the caller (fail closed).

Privacy: texts and detections cross a socket pair between the process and its own children;
nothing is logged but recognizer and exception class names.
"""

from __future__ import annotations

import collections
import hashlib
import logging
import os
import pickle  # nosec B403 # only between this process and the workers it started
import re
import socket
import subprocess  # nosec B404 # the workers: this interpreter, a fixed module
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from veil.detect.entity import Detection
from veil.errors import DetectionError, VeilError

if TYPE_CHECKING:
    from veil.config import Policy
    from veil.detect.engine import DetectionEngine
    from veil.detect.recognizer import Recognizer

log = logging.getLogger(__name__)

#: the size a chunk aims at: large enough that a worker's hand-off (~1 ms) is noise, small
#: enough that the caller and the workers finish close together
CHUNK_CHARS = 64_000
#: context read on each side of a chunk (a recognizer's context window is at most a few
#: hundred characters; a line before a cut is at most this long)
MARGIN = 2_000
#: the longest stretch searched for a cut after a chunk's target end
_SEARCH = CHUNK_CHARS // 2
#: workers lost (failed to start, died) before the pool stops starting new ones
_MAX_DEATHS = 3

_Identity = tuple[str, str, str, str]  # name, class, model folder, registering module
#: environment variables a worker is not given (``VEIL_MASTER_KEY``, API keys and tokens)
_SECRET_NAME = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL", re.IGNORECASE)


def identity(r: Recognizer) -> _Identity:
    """What makes a worker's recognizer the caller's: its name, its class, for a model the
    folder it reads, and the module that registered it (an application's own, or one that
    replaces a built-in under its name, is not in a worker)."""
    from veil.detect.recognizer import registered_by

    cls = type(r)
    return (r.name, f"{cls.__module__}.{cls.__qualname__}", str(getattr(r, "folder", "")),
            registered_by(r.name))


# -- where a text may be cut ----------------------------------------------------------------------
def _cuttable(text: str, a: int) -> bool:
    """Whether a chunk may begin at ``a``: just after a line break, at a line that starts a
    sentence segment, after a line no segment of which needs the name model."""
    from veil.detect.ner import line_needs_ner

    if text[a - 1] != "\n" or text[a] in ".!?\n":
        return False
    p = text.rfind("\n", 0, a - 1) + 1
    if a - p > MARGIN or (p > 0 and text[p] in ".!?\n"):
        return False
    return not line_needs_ner(text, p, a)


def plan(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """[start, end) of each chunk: one per ``size`` characters where a cut can be found within
    half a chunk after the target (else the chunk grows); one chunk for a shorter text."""
    n = len(text)
    cuts = [0]
    target = size
    while target < n - size // 2:
        a = text.find("\n", target) + 1
        limit = min(n - 1, target + _SEARCH)
        while 0 < a <= limit and not _cuttable(text, a):
            a = text.find("\n", a) + 1
        if 0 < a <= limit:
            cuts.append(a)
            target = a + size
        else:
            target += _SEARCH
    cuts.append(n)
    return list(zip(cuts, cuts[1:], strict=False))


# -- one chunk ------------------------------------------------------------------------------------
def with_margins(text: str, own: tuple[int, int]) -> tuple[int, int]:
    """[start, end) of what is read for chunk ``own``: ``MARGIN`` characters around it."""
    return max(0, own[0] - MARGIN), min(len(text), own[1] + MARGIN)


def read_chunk(engine: DetectionEngine, recognizers: Sequence[Recognizer], text: str,
               own: tuple[int, int], lang: str | None, shift: int = 0) -> list[list[Detection]]:
    """Each recognizer's detections that start in ``text[own[0]:own[1]]``, read with
    ``MARGIN`` characters around it; offsets index ``text``, plus ``shift`` (``text`` being
    the part of a longer one that starts there)."""
    a, b = own
    lo, hi = with_margins(text, own)
    found = engine.per_recognizer(list(recognizers), [text[lo:hi]],
                                  None if lang is None else [lang])
    out: list[list[Detection]] = []
    by = lo + shift
    for per_text in found:
        kept = []
        for d in per_text[0]:
            if a <= d.start + lo < b:
                kept.append(d if by == 0 else Detection(d.type, d.start + by, d.end + by,
                                                        d.score, d.recognizer, d.text))
        out.append(kept)
    return out


# -- the workers ----------------------------------------------------------------------------------
@dataclass
class _Job:
    """One long text's chunks, taken by the caller from the left and by workers from the
    right; the caller waits only for chunks a worker has taken (a worker still busy with
    something else when the text came takes none)."""

    chunks: list[tuple[int, int]]
    results: dict[int, list[list[Detection]]] = field(default_factory=dict)
    left: int = 0
    right: int = -1
    error: str | None = None
    in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    done: threading.Condition = field(init=False)

    def __post_init__(self) -> None:
        self.right = len(self.chunks) - 1
        self.done = threading.Condition(self.lock)

    def take_left(self) -> int | None:
        with self.lock:
            if self.left > self.right or self.error is not None:
                return None
            self.left += 1
            return self.left - 1

    def take_right(self) -> int | None:
        with self.lock:
            if self.left > self.right or self.error is not None:
                return None
            self.right -= 1
            self.in_flight += 1
            return self.right + 1

    def settle(self, c: int, found: list[list[Detection]] | None,
               error: str | None = None) -> None:
        """Chunk ``c`` came back (``found``), failed (``error``) or was lost (neither)."""
        with self.lock:
            if found is not None:
                self.results[c] = found
            if error is not None and self.error is None:
                self.error = error
            self.in_flight -= 1
            self.done.notify_all()

    def wait(self) -> None:
        with self.lock:
            while self.in_flight:
                self.done.wait()


class _Worker:
    """A worker process and the thread of this process that talks to it."""

    def __init__(self) -> None:
        mine, theirs = socket.socketpair()
        # it reads text and nothing else: the vault's key and upstream credentials stay here
        env = {k: v for k, v in os.environ.items() if not _SECRET_NAME.search(k)}
        self.proc = subprocess.Popen(  # nosec B603 # this interpreter, a fixed module
            [sys.executable, "-c", _WORKER_MAIN, str(theirs.fileno())], env=env,
            pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, close_fds=True)
        theirs.close()
        self.conn = Connection(mine.detach())
        self.specs: dict[str, set[_Identity]] = {}  # engines it holds: what each runs
        self.loading: set[str] = set()
        self.busy = False
        self.alive = True
        self.jobs: collections.deque[Callable[[], None]] = collections.deque()
        self.wake = threading.Condition()
        threading.Thread(target=self._loop, name="veil-shard-worker", daemon=True).start()

    def submit(self, job: Callable[[], None]) -> None:
        with self.wake:
            self.jobs.append(job)
            self.wake.notify()

    def _loop(self) -> None:
        while True:
            with self.wake:
                while not self.jobs:
                    self.wake.wait()
                job = self.jobs.popleft()
            try:
                job()
            except Exception as e:  # noqa: BLE001 - a job settles its chunks itself
                log.error("a detection worker's job failed (%s)", type(e).__name__)
                self.alive = False
            if not self.alive:
                return

    def call(self, message: tuple[Any, ...]) -> Any:
        """Send ``message``, return the reply; a dead worker raises EOFError/OSError."""
        self.conn.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        return pickle.loads(self.conn.recv_bytes())  # nosec B301 # our own child's reply

    def close(self) -> None:
        self.alive = False
        try:
            self.conn.close()
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()


class ShardPool:
    """Worker processes shared by every engine of this process (see the module's note)."""

    def __init__(self, workers: int, *, chunk_chars: int = CHUNK_CHARS) -> None:
        self.size = workers
        self.chunk_chars = chunk_chars
        self._workers: list[_Worker] = []
        self.lock = threading.Lock()
        self._pid = os.getpid()
        self._deaths = 0  # workers lost; past _MAX_DEATHS none is started again
        #: chunks the workers have read (benchmarks report it; tests check it moved)
        self.chunks_read = 0

    def __repr__(self) -> str:
        return f"ShardPool(workers={self.size}, started={len(self._workers)})"

    # -- workers ---------------------------------------------------------------------------
    def _live(self) -> list[_Worker]:
        """The workers, started or replaced as needed (under ``lock``)."""
        if os.getpid() != self._pid:  # a forked child: its parent's workers are not its own
            self._workers, self._pid = [], os.getpid()
        live = [w for w in self._workers if w.alive]
        for w in self._workers:
            if not w.alive:
                self._deaths += 1
                w.close()  # reaped: no zombie left behind
        self._workers = live
        if self._deaths >= _MAX_DEATHS:
            if self._deaths == _MAX_DEATHS:
                self._deaths += 1
                log.warning("detection workers keep failing to start or dying: long texts "
                            "are read by the request alone")
            return self._workers
        while len(self._workers) < self.size:
            try:
                self._workers.append(_Worker())
            except OSError as e:
                self._deaths = _MAX_DEATHS
                log.warning("a detection worker could not start (%s)", type(e).__name__)
                break
        return self._workers

    def _load(self, w: _Worker, key: str, blob: bytes) -> None:
        """Build the engine ``key`` in worker ``w`` (on its thread: never waited for)."""
        def job() -> None:
            try:
                reply = w.call(("spec", key, blob))
            except (EOFError, OSError):
                w.alive = False
                return
            with self.lock:
                w.loading.discard(key)
                if reply[0] == "have":
                    w.specs[key] = set(reply[1])
                else:  # the policy does not build there: this engine is read in the caller
                    # (the reason is not logged: it could quote the policy's terms)
                    log.warning("a detection worker could not build an engine")
                    w.specs[key] = set()
        w.loading.add(key)
        w.submit(job)

    def claim(self, key: str, blob: bytes, most: int) -> list[_Worker]:
        """Up to ``most`` idle workers that hold engine ``key``; the others are asked to load
        it for later texts."""
        got: list[_Worker] = []
        with self.lock:
            for w in self._live():
                if key in w.specs:
                    if not w.busy and w.specs[key] and len(got) < most:
                        w.busy = True
                        got.append(w)
                elif key not in w.loading:
                    self._load(w, key, blob)
        return got

    def prepare(self, engine: DetectionEngine, timeout: float = 120.0) -> int:
        """Start the workers and have each build ``engine`` now; how many are ready within
        ``timeout`` seconds. (Otherwise the first long text starts them: a server that never
        reads one never holds them.)"""
        spec = engine.shard_spec()
        if spec is None:
            return 0
        key, blob = spec
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.claim(key, blob, 0)  # starts them, and asks any new one to build it
            with self.lock:
                workers = self._live()
                if all(key in w.specs for w in workers):
                    return sum(1 for w in workers if w.specs[key])
            time.sleep(0.05)
        return 0

    def workers(self) -> list[_Worker]:
        """The workers started so far."""
        with self.lock:
            return list(self._workers)

    def release(self, workers: list[_Worker]) -> None:
        with self.lock:
            for w in workers:
                w.busy = False

    def close(self) -> None:
        with self.lock:
            workers, self._workers = self._workers, []
        for w in workers:
            w.close()

    # -- one text --------------------------------------------------------------------------
    def raw(self, engine: DetectionEngine, recognizers: Sequence[Recognizer], text: str,
            lang: str | None) -> list[list[Detection]] | None:
        """Each recognizer's detections in ``text`` (as :meth:`DetectionEngine.per_recognizer`
        gives them), read in chunks by the caller and idle workers; None when the text is too
        short or no worker is ready (the caller reads it whole)."""
        chunks = plan(text, self.chunk_chars)
        if len(chunks) < 2:
            return None
        spec = engine.shard_spec()
        if spec is None:
            return None
        key, blob = spec
        helpers = self.claim(key, blob, len(chunks) - 1)
        if not helpers:
            return None
        try:
            return self._read(engine, recognizers, text, lang, chunks, key, helpers)
        finally:
            self.release(helpers)

    def _read(self, engine: DetectionEngine, recognizers: Sequence[Recognizer], text: str,
              lang: str | None, chunks: list[tuple[int, int]], key: str,
              helpers: list[_Worker]) -> list[list[Detection]]:
        have = set.intersection(*(w.specs[key] for w in helpers))
        remote = [k for k, r in enumerate(recognizers)
                  if identity(r) in have and not r.local_only]
        names = [recognizers[k].name for k in remote]
        job = _Job(chunks)
        for w in helpers:
            w.submit(_feeder(self, w, job, key, text, lang, names))
        mine = [recognizers[k] for k in remote]
        try:
            while (c := job.take_left()) is not None:
                job.results[c] = read_chunk(engine, mine, text, chunks[c], lang)
        finally:
            job.wait()
        if job.error is not None:
            raise DetectionError(job.error)
        failed = [c for c in range(len(chunks)) if c not in job.results]
        for c in failed:  # a worker died with it: read here
            job.results[c] = read_chunk(engine, mine, text, chunks[c], lang)
        out: list[list[Detection]] = [[] for _ in recognizers]
        for j, k in enumerate(remote):
            for c in range(len(chunks)):
                out[k].extend(job.results[c][j])
        rest = sorted(set(range(len(recognizers))) - set(remote))
        if rest:  # the session's values, term databases, recognizers workers lack: whole
            found = engine.per_recognizer([recognizers[k] for k in rest], [text],
                                          None if lang is None else [lang])
            for k, per_text in zip(rest, found, strict=True):
                out[k] = per_text[0]
        return out


def _feeder(pool: ShardPool, w: _Worker, job: _Job, key: str, text: str, lang: str | None,
            names: list[str]) -> Callable[[], None]:
    def run() -> None:
        while (c := job.take_right()) is not None:
            try:
                # only what the chunk is read with goes across, not the whole text
                a, b = job.chunks[c]
                lo, hi = with_margins(text, (a, b))
                reply = w.call(("run", key, names, text[lo:hi], (a - lo, b - lo), lang, lo))
                if reply[0] == "error":
                    job.settle(c, None, reply[1])
                    return
                found = [[Detection(*t) for t in ds] for ds in reply[1]]
            except Exception as e:  # noqa: BLE001 - dead, or a reply not understood
                # the worker is dropped and its chunk left to the caller, which reads it
                w.alive = False
                log.warning("a detection worker failed (%s); its chunk is read by the caller",
                            type(e).__name__)
                job.settle(c, None)
                return
            job.settle(c, found)
            with pool.lock:
                pool.chunks_read += 1
    return run


_POOL: ShardPool | None = None
_POOL_LOCK = threading.Lock()


def default_workers() -> int:
    """Workers beside the caller: one per other core it may use, at most three."""
    from veil.cores import available_cpus

    return max(0, min(3, available_cpus() - 1))


def shared_pool(workers: int) -> ShardPool | None:
    """This process's pool (None for ``workers`` 0); the first caller's size wins."""
    global _POOL
    if workers <= 0:
        return None
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ShardPool(workers)
        return _POOL


def spec_of(policy: Policy, memo: dict[str, int]) -> tuple[str, bytes]:
    """A worker's engine: the policy, and each model's memo size (a benchmark turns the memo
    off in the caller, and the workers follow)."""
    blob = pickle.dumps((policy, memo), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(blob).hexdigest(), blob


# -- the worker's side ----------------------------------------------------------------------------
#: what a worker runs: not ``-m`` (this module is imported with the package first)
_WORKER_MAIN = ("import sys; from multiprocessing.connection import Connection; "
                "from veil.detect.shards import serve; serve(Connection(int(sys.argv[1])))")


def serve(conn: Connection) -> None:
    """A worker's loop: engines built on request, chunks read until the parent is gone."""
    from veil.detect.engine import DetectionEngine
    from veil.heap import settle_heap

    engines: dict[str, DetectionEngine] = {}
    while True:
        try:
            message = pickle.loads(conn.recv_bytes())  # nosec B301 # from our parent only
        except (EOFError, OSError):
            return  # the parent is gone
        kind, key = message[0], message[1]
        try:
            if kind == "spec":
                policy, memo = pickle.loads(message[2])  # nosec B301
                engine = DetectionEngine(policy)
                for r in engine.registry:
                    if r.name in memo and hasattr(r, "cache_size"):
                        r.cache_size = memo[r.name]
                # the caller tells each chunk's language: no language model, and another
                # language's NER only once a chunk needs it
                engine.prepare(languages=[policy.language])
                engines[key] = engine
                settle_heap()  # a server's settings: what start-up loaded, out of the way
                reply: tuple[Any, ...] = ("have", [identity(r) for r in engine.recognizers()])
            else:
                _, _, names, text, own, lang, shift = message
                engine = engines[key]
                by_name = {r.name: r for r in engine.recognizers()}
                found = read_chunk(engine, [by_name[n] for n in names], text, own, lang, shift)
                reply = ("found", [[(d.type, d.start, d.end, d.score, d.recognizer, d.text)
                                    for d in ds] for ds in found])
        except VeilError as e:  # the engine's errors name no text
            reply = ("error", str(e))
        except Exception as e:  # noqa: BLE001 - refused, by class name only (privacy rule)
            reply = ("error", f"detection failed in a worker ({type(e).__name__}); the "
                              "request was refused. Retry, or set VEIL_DETECT_WORKERS=0")
        conn.send_bytes(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))


