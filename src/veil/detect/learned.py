"""The learned NER backend: Veil's own token classifier, run with onnxruntime (int8).

Chosen by ``Policy.ner_backend`` ("spacy" default, "learned", "both"). The model is trained
by ``veil train detector`` (``veil.train``) on synthetic text and exported to the detector
folder (``$VEIL_DETECTOR_DIR``, default ``<cache_dir>/detector``); weights never live in git.
Serving needs onnxruntime and ``tokenizers`` only, not torch.

Text is tokenized with character offsets; each window of at most ``max_length`` tokens (long
text overlaps by a stride, every token is decided by the window where it has context on both
sides) is classified, and BIO tags become character spans. The same name heuristics as the
spaCy backend (titles, greetings, field labels) then add PERSON spans the model missed.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from veil.caches import MemoizedModel, PieceMemo
from veil.detect.entity import Detection, SpanIndex
from veil.detect.lexicon import CALENDAR_WORDS, GREETINGS, PROMPT_VERBS

# (at the module's top: imported per call, ~4,000 model pieces and ~7,000 spans of the 1 MB
# document paid for the import statements; the engine imports the name rules anyway)
from veil.detect.ner import (
    _org_after_place_word,
    _org_is_person,
    after_label_word,
    after_titles,
    before_next_label,
    extend_person,
    is_label_word,
    is_role_word,
    with_first_half,
)
from veil.detect.place_names import ALSO_NAMES, PLACES
from veil.detect.recognizer import Recognizer, register_factory
from veil.detect.trade_words import place_after, trade_word
from veil.detect.wordpieces import WordPieces
from veil.errors import DetectionError, PolicyError

if TYPE_CHECKING:
    from veil.config import Policy

#: the command that builds the detector folder, named in every error about a missing one
BUILD_COMMAND = "veil train detector (or scripts/ensure-detector.sh)"
_STRIDE = 16
#: tokens per window of a conv tagger. Its tokens see 7-8 tokens on each side however long the
#: window (dilated convolutions, no attention, no positions), so a longer window only means
#: fewer cuts and fewer runs: a ~1 KB prompt in one run instead of two overlapping ones. A
#: transformer keeps the length it was trained on.
_CONV_WINDOW = 512
#: tokens per row when a conv tagger's windows share rows (``reach``): long enough that a
#: ~1 KB prompt is one row, short enough that a 1 MB text's batches stay small
_PACKED_ROW = 2048
#: the largest ``reach`` a detector folder may give (its convolutions' widest read)
_MAX_REACH = 64
#: windows of a batch's row: (text index, window index, encoding, first column)
_Row = list[tuple[int, int, Any, int]]
_ALNUM = re.compile(r"\w")
Gate = Literal["none", "segments"]


def detector_dir() -> Path:
    """Where the learned detector lives: ``$VEIL_DETECTOR_DIR`` or ``<cache_dir>/detector``."""
    env = os.environ.get("VEIL_DETECTOR_DIR")
    if env:
        return Path(env).expanduser()
    from veil.config import Settings

    return Settings().cache_dir / "detector"


def detector_available(folder: Path | None = None) -> bool:
    folder = folder or detector_dir()
    return all((folder / f).is_file() for f in ("model.onnx", "tokenizer.json", "detector.json"))


class _Runtime:
    """ONNX session + tokenizer of one detector folder (loaded once per process)."""

    def __init__(self, folder: Path) -> None:
        try:
            import numpy as np
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as e:
            raise DetectionError(
                f"the learned NER backend needs onnxruntime ({type(e).__name__}): "
                "pip install 'veil[train]', or set `ner_backend: spacy`"
            ) from None
        try:
            meta = json.loads((folder / "detector.json").read_text())
            # No spin-waiting: the gateway already runs requests in parallel (2 x CPUs masking
            # threads), and spinning pool threads burnt CPU that the other requests needed
            # (wall time per call halved at load 20 on 2 cores). Two sessions of the same
            # model: one runs a short input in the caller's thread (VEIL_DETECTOR_THREADS, 1 by
            # default); the other (run_async needs a pool of two) runs a longer one on a
            # thread of its own while the caller's other recognizers go on.
            self._model = str(folder / "model.onnx")
            self.session = _session(ort, self._model,
                                    int(os.environ.get("VEIL_DETECTOR_THREADS") or 1))
            tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        except Exception as e:  # corrupt or partial folder: fail closed, say how to rebuild
            raise DetectionError(
                f"cannot load the learned detector from {folder} ({type(e).__name__}); "
                f"rebuild it with {BUILD_COMMAND}"
            ) from None
        self.np = np
        self.run_async = hasattr(self.session, "run_async")
        self._background: Any = None  # the second session, made when a long input needs it
        self._background_lock = threading.Lock()
        self._lanes: _Lanes | None = None  # made when an input of several batches needs them
        self._busy: dict[int, float] = {}  # thread id -> when its detection began
        self._busy_lock = threading.Lock()
        self.labels: list[str] = list(meta["labels"])
        from veil.train.data import LABEL_IDS

        # the folder's label order may differ from this build's: map through the names
        self.label_map = np.array([LABEL_IDS.get(label, 0) for label in self.labels])
        self.max_length = int(meta.get("max_length", 128))
        if meta.get("arch") == "conv":
            self.max_length = max(self.max_length, _CONV_WINDOW)
        # detectors trained with the case channel read each token's case class as its
        # token type (older folders were trained on zeros there)
        self.case = bool(meta.get("case", False))
        # a conv tagger's token reads at most `reach` positions on either side per layer, and
        # masked positions are zero after every layer: windows placed in one row that far
        # apart score as they do alone in a padded batch, without the padding (a ~1 KB
        # prompt's sentences padded to the longest one made the model compute 2.2x its tokens)
        reach = meta.get("reach") if meta.get("arch") == "conv" else None
        if reach is not None and not (type(reach) is int and 0 <= reach <= _MAX_REACH):
            # too small a gap would let windows read each other: refuse, as a corrupt folder
            raise DetectionError(
                f"the learned detector in {folder} gives an invalid reach in detector.json; "
                f"rebuild it with {BUILD_COMMAND}"
            )
        self.reach: int | None = reach
        self.tokenizer = WordPieces(tok, folder, self.max_length, _STRIDE)
        self.inputs = {i.name for i in self.session.get_inputs()}

    def spans(
        self, texts: Sequence[str], batch_size: int = 32
    ) -> list[list[tuple[int, int, str, float]]]:
        """(start, end, type, score) per text."""
        return self.begin(texts, batch_size)()

    def begin(
        self, texts: Sequence[str], batch_size: int = 32
    ) -> Callable[[], list[list[tuple[int, int, str, float]]]]:
        """Start :meth:`spans`: the inputs are prepared here and the model starts on a thread
        of its own (outside the GIL); the returned call waits for it and decodes. Whatever the
        caller does in between runs beside the model."""
        from veil.train.casing import WordCases, WordClasses

        windows: list[tuple[int, int, Any]] = []  # (text index, window index, encoding)
        if len(texts) >= _LARGE_PIECES:
            # a long text: tokenizers' thread pool pays for itself (Rust, no GIL) on the
            # pieces Blingfire does not read
            encodings = self.tokenizer.encode_batch(list(texts))
        else:
            # one at a time: encode_batch spreads a request's few pieces over a thread pool
            # whose hand-offs cost more than the work (1.15 against 0.50 ms per KB on 2 busy
            # cores), and the gateway already runs requests in parallel
            encodings = [self.tokenizer.encode(t) for t in texts]
        offsets: dict[tuple[int, int], list[tuple[int, int]]] = {}
        cases: dict[tuple[int, int], list[int]] = {}
        seen = WordClasses()  # the texts' words, each class worked out once for them all
        for i, enc in enumerate(encodings):
            words = WordCases(texts[i], seen) if self.case else None
            for k, w in enumerate([enc, *enc.overflowing]):
                windows.append((i, k, w))
                # Encoding.offsets builds a new list on every access: read it once per window
                offsets[(i, k)] = w.offsets
                if words is not None:
                    cases[(i, k)] = words.ids(offsets[(i, k)])
        if self.reach is not None:
            chunks = self._packed(windows, batch_size)
        else:  # one window per row, rows of like length batched together
            order = sorted(range(len(windows)), key=lambda j: len(windows[j][2].ids))
            chunks = [[[(*windows[j], 0)] for j in order[b : b + batch_size]]
                      for b in range(0, len(order), batch_size)]
        feeds = [self._feed(chunk, cases) for chunk in chunks]
        me = threading.get_ident()
        alone = self._detecting(me)
        # beside the caller: on lanes when there are several batches, else on the session of
        # its own (run_async False: everything in the caller)
        aside = (self.run_async and alone
                 and sum(len(w.ids) for _, _, w in windows) >= _BACKGROUND_TOKENS)
        if aside and len(feeds) >= _LANE_FEEDS:
            logits = self.lanes().start(feeds)
        elif aside:
            logits = _AsyncRuns(self.background(), feeds).wait
        else:
            done = [self._run(feed) for feed in feeds]

            def logits() -> list[Any]:
                return done

        def finish() -> list[list[tuple[int, int, str, float]]]:
            try:
                return self._finish(texts, encodings, offsets, chunks, logits())
            finally:
                with self._busy_lock:  # another thread may be reading the marks
                    self._busy.pop(me, None)

        return finish

    def _detecting(self, me: int) -> bool:
        """Mark thread ``me`` as detecting until its ``finish``; whether it is the only one in
        this process. The model's own thread overlaps it with the caller's other recognizers,
        a gain on an idle core; while other requests are being detected the cores are busy,
        and its two-thread pool and hand-off cost CPU they need (a 1-worker gateway at 16
        connections: 7.1 against 6.8 ms of CPU per request). A mark whose ``finish`` never
        ran (a recognizer failed in between) is the thread's own, replaced on its next call,
        and ignored once stale."""
        now = time.monotonic()
        with self._busy_lock:
            self._busy[me] = now
            return not any(t != me and now - since < _BUSY_STALE_S
                           for t, since in self._busy.items())

    def _finish(
        self,
        texts: Sequence[str],
        encodings: list[Any],
        offsets: dict[tuple[int, int], list[tuple[int, int]]],
        chunks: list[list[_Row]],
        results: list[Any],
    ) -> list[list[tuple[int, int, str, float]]]:
        np = self.np
        preds: dict[tuple[int, int], tuple[Any, Any]] = {}
        for chunk, logits in zip(chunks, results, strict=True):
            # the winning class and its softmax probability, 1 / sum(exp(logit - max))
            top = logits.argmax(-1)
            prob = 1.0 / np.exp(logits - logits.max(-1, keepdims=True)).sum(-1)
            labels = self.label_map[top]
            for r, row in enumerate(chunk):
                for i, k, w, col in row:
                    n = len(w.ids)
                    preds[(i, k)] = (labels[r, col : col + n], prob[r, col : col + n])
        out: list[list[tuple[int, int, str, float]]] = []
        for i, enc in enumerate(encodings):
            n_windows = 1 + len(enc.overflowing)
            tokens: list[tuple[int, int, int, float]] = []  # (start, end, label id, prob)
            for k, w in enumerate([enc, *enc.overflowing]):
                label_ids, probs = preds[(i, k)]
                last = k == n_windows - 1
                # tokens near a window's cut lack right context: the next window decides them
                limit = len(w.ids) if last else len(w.ids) - _STRIDE // 2
                covered = tokens[-1][1] if tokens else -1
                window_offsets = offsets[(i, k)]
                labels_t, probs_t = label_ids.tolist(), probs.tolist()
                for t in range(limit):
                    s, e = window_offsets[t]
                    if s == e or s < covered:
                        continue
                    tokens.append((s, e, labels_t[t], probs_t[t]))
            out.append(self._decode(texts[i], tokens))
        return out

    def background(self) -> Any:
        """The session whose own thread runs long inputs (made on first use: a command that
        reads one short text never loads the model twice)."""
        if self._background is None:
            with self._background_lock:
                if self._background is None:
                    import onnxruntime as ort

                    self._background = _session(ort, self._model, 2)
        return self._background

    def lanes(self) -> _Lanes:
        """The single-thread sessions that run a long input's batches side by side (made on
        first use)."""
        if self._lanes is None:
            with self._background_lock:
                if self._lanes is None:
                    import onnxruntime as ort

                    self._lanes = _Lanes(ort, self._model, _lane_count())
        return self._lanes

    def _packed(self, windows: list[tuple[int, int, Any]], batch_size: int) -> list[list[_Row]]:
        """Windows in text order, each row filled up to ``_PACKED_ROW`` tokens with ``reach``
        masked positions between two windows; as many tokens per batch as ``batch_size``
        full windows."""
        gap = self.reach or 0
        rows: list[_Row] = []
        row: _Row = []
        used = 0
        for i, k, w in windows:
            col = used + gap if row else 0
            if row and col + len(w.ids) > _PACKED_ROW:
                rows.append(row)
                row, col = [], 0
            row.append((i, k, w, col))
            used = col + len(w.ids)
        if row:
            rows.append(row)
        per_batch = max(1, batch_size * self.max_length // _PACKED_ROW)
        return [rows[b : b + per_batch] for b in range(0, len(rows), per_batch)]

    def _feed(self, chunk: list[_Row],
              cases: dict[tuple[int, int], list[int]]) -> dict[str, Any]:
        """The model's inputs for one batch of rows (padded to the longest)."""
        np = self.np
        width = max(col + len(w.ids) for row in chunk for _, _, w, col in row)
        ids = np.zeros((len(chunk), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for r, row in enumerate(chunk):
            for i, k, w, col in row:
                end = col + len(w.ids)
                ids[r, col:end] = w.ids
                mask[r, col:end] = 1
                if self.case:
                    types[r, col:end] = cases[(i, k)]
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        if "position_ids" in self.inputs:  # most exported models have none: not built for them
            feed["position_ids"] = np.broadcast_to(np.arange(width, dtype=np.int64),
                                                   ids.shape).copy()
        return {k: v for k, v in feed.items() if k in self.inputs}

    def _run(self, feed: dict[str, Any]) -> Any:
        (logits,) = self.session.run(["logits"], feed)
        return logits

    def _decode(
        self, text: str, tokens: list[tuple[int, int, int, float]]
    ) -> list[tuple[int, int, str, float]]:
        from veil.train.data import bio_to_spans

        spans = bio_to_spans([t[2] for t in tokens], [(t[0], t[1]) for t in tokens], text)
        # tokens and spans are both in text order and spans do not overlap: one pass scores
        # every span by the mean probability of the tokens inside it (was spans x tokens)
        out = []
        j, n = 0, len(tokens)
        for sp in spans:
            while j < n and tokens[j][0] < sp.start:
                j += 1
            ps = []
            while j < n and tokens[j][0] < sp.end:
                if tokens[j][1] <= sp.end:
                    ps.append(tokens[j][3])
                j += 1
            out.append((sp.start, sp.end, sp.label, sum(ps) / len(ps) if ps else 0.5))
        return out


def _session(ort: Any, model: str, threads: int) -> Any:
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"])


class _AsyncRuns:
    """Batches handed to onnxruntime's own thread (``run_async``); :meth:`wait` returns their
    logits in order. The callbacks only store what came back: no text, no work."""

    def __init__(self, session: Any, feeds: list[dict[str, Any]]) -> None:
        # the inputs stay referenced until every run is back: the runs may read the arrays'
        # memory in place
        self._feeds = feeds
        self._out: list[Any] = [None] * len(feeds)
        self._errors: list[str] = []
        self._left = len(feeds)
        self._lock = threading.Lock()
        self._done = threading.Event()
        if not feeds:
            self._done.set()
        for k, feed in enumerate(feeds):
            session.run_async(["logits"], feed, self._back, k)

    def _back(self, outputs: Any, k: int, error: str) -> None:
        with self._lock:
            if error:
                self._errors.append(error)
            else:
                self._out[k] = outputs[0]
            self._left -= 1
            if self._left == 0:
                self._done.set()

    def wait(self) -> list[Any]:
        if not self._done.wait(_RUN_TIMEOUT_S):
            raise _no_answer()
        if self._errors:  # onnxruntime's message names the node, never the input
            raise _run_failed()
        return self._out


class _Lanes:
    """Single-thread sessions of one model, each on a thread of its own: a long input's
    batches run side by side, one per lane. One session's intra-op threads split each batch's
    operators instead and scale worse: the 17 batches of the 1 MB benchmark text took
    0.60-0.64 s on two lanes against 1.10-1.13 s on one session of two threads (1.45 s on
    one thread; 2 cores)."""

    def __init__(self, ort: Any, model: str, lanes: int) -> None:
        self._ort, self._model = ort, model
        self._local = threading.local()  # each lane thread's own session
        self._pool = ThreadPoolExecutor(lanes, thread_name_prefix="veil-detector-lane")

    def start(self, feeds: list[dict[str, Any]]) -> Callable[[], list[Any]]:
        """Run every batch; the returned call waits for their logits, in order."""
        # the futures hold the inputs until each run is back
        futures = [self._pool.submit(self._run, feed) for feed in feeds]

        def wait() -> list[Any]:
            _, late = futures_wait(futures, timeout=_RUN_TIMEOUT_S)
            if late:
                for f in late:
                    f.cancel()
                raise _no_answer()
            if any(f.exception() is not None for f in futures):
                raise _run_failed()  # onnxruntime's message is not kept either way
            return [f.result() for f in futures]

        return wait

    def _run(self, feed: dict[str, Any]) -> Any:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = _session(self._ort, self._model, 1)
        (logits,) = session.run(["logits"], feed)
        return logits


def _no_answer() -> DetectionError:
    """A model run that did not come back in time: the request is refused (fail closed)."""
    return DetectionError(f"the learned detector gave no answer within {_RUN_TIMEOUT_S:.0f} s; "
                          "retry, or set ner_backend: spacy")


def _run_failed() -> DetectionError:
    """A model run that failed; its message (a node's name) is not passed on."""
    return DetectionError("the learned detector failed on this input; retry, or set "
                          "ner_backend: spacy")


def _lane_count() -> int:
    """Lanes for long inputs: one per core this process may use, at most four."""
    from veil.cores import available_cpus

    return max(1, min(_MAX_LANES, available_cpus()))


_lock = threading.Lock()

#: batches from which a long input runs on :class:`_Lanes` (one batch: the two-thread
#: session, whose threads split that batch)
_LANE_FEEDS = 2
_MAX_LANES = 4
#: how long a request waits for the model's thread before it is refused (fail closed)
_RUN_TIMEOUT_S = 120.0
#: tokens from which the model runs on its own thread: handing an input over and back costs
#: about 0.1 ms, more than the overlap saves on a short prompt (0.22 ms of model)
_BACKGROUND_TOKENS = 192
#: seconds after which another thread's detection no longer counts as in progress (its
#: ``finish`` never ran); far above any detection, far below a server's lifetime
_BUSY_STALE_S = 60.0
#: pieces from which one call tokenizes in a batch: a text of several KB (a 1 MB text has
#: thousands of pieces); a chat request stays below
_LARGE_PIECES = 64


@lru_cache(maxsize=4)
def _runtime(folder: str, mtime: float) -> _Runtime:
    with _lock:
        return _Runtime(Path(folder))


#: how long a checked folder is trusted before its files are looked at again: four stat calls
#: per request were 4% of a busy gateway's samples; a rebuilt detector is picked up this late
_RECHECK_S = 1.0
_checked: dict[str, tuple[float, _Runtime]] = {}


def load_runtime(folder: Path) -> _Runtime:
    key = str(folder)
    now = time.monotonic()
    hit = _checked.get(key)
    if hit is not None and now - hit[0] < _RECHECK_S:
        return hit[1]
    if not detector_available(folder):
        _checked.pop(key, None)
        raise DetectionError(f"no learned detector in {folder}: build it with {BUILD_COMMAND}")
    rt = _runtime(key, (folder / "model.onnx").stat().st_mtime)
    _checked[key] = (now, rt)
    return rt


class LearnedNerRecognizer(MemoizedModel, Recognizer):
    """PERSON / ORGANIZATION / LOCATION from the learned ONNX detector plus name heuristics.

    ``gate="segments"`` sends only sentences with a capitalised word to the model (as the
    spaCy backend does); ``"none"`` reads everything (lower-case chat, at a speed cost).
    """

    name = "learned_ner"
    statistical = True
    entities = ("PERSON", "ORGANIZATION", "LOCATION")
    validated = False
    message_languages = ("en",)
    background = True

    def __init__(
        self,
        folder: Path | None = None,
        *,
        gate: Gate = "segments",
        name_heuristics: bool = True,
        batch_size: int = 32,
        cache_size: int = 4096,
    ) -> None:
        self.folder = folder or detector_dir()
        self.gate = gate
        self.name_heuristics = name_heuristics
        self.batch_size = batch_size
        self._memo: PieceMemo[list[tuple[int, int, str, float]]] = PieceMemo(cache_size)
        self._memo_of: _Runtime | None = None  # the model the memo's spans came from

    def _begin_spans(
        self, rt: _Runtime, pieces: list[str]
    ) -> Callable[[], list[list[tuple[int, int, str, float]]]]:
        """Start the model on each piece; the returned call gives their spans. Pieces read
        before come from the memo."""
        if rt is not self._memo_of:  # a rebuilt detector: its spans may differ
            self.clear_cache()
            self._memo_of = rt
        out: list[list[tuple[int, int, str, float]] | None] = [self._memo.get(p) for p in pieces]
        todo = [j for j, hit in enumerate(out) if hit is None]
        pending = rt.begin([pieces[j] for j in todo], self.batch_size) if todo else None

        def finish() -> list[list[tuple[int, int, str, float]]]:
            if pending is not None:
                for j, spans in zip(todo, pending(), strict=True):
                    out[j] = spans
                    self._memo.put(pieces[j], spans)
            return [o or [] for o in out]

        return finish

    def analyze(self, text: str) -> list[Detection]:
        return self.analyze_batch([text])[0]

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Detection]]:
        return self.begin_batch(texts)()

    def prepare(self) -> None:
        # Blingfire loads by itself once a process has read 16 KB with tokenizers (a command
        # reading one short text never pays for it); a server's warm-up reads less, and the
        # request that crossed the line waited ~80 ms for it
        load_runtime(self.folder).tokenizer.load()

    def begin_batch(self, texts: Sequence[str]) -> Callable[[], list[list[Detection]]]:
        from veil.detect.ner import ner_spans

        rt = load_runtime(self.folder)
        pieces: list[tuple[int, int, int]] = []  # (text index, start, end)
        for i, t in enumerate(texts):
            if self.gate == "segments":
                pieces += [(i, s, e) for s, e in ner_spans(t, margin=None)]
            elif _ALNUM.search(t):
                pieces.append((i, 0, len(t)))
        pending = self._begin_spans(rt, [texts[i][s:e] for i, s, e in pieces])

        def finish() -> list[list[Detection]]:
            heuristic: list[list[Detection]] | None = None
            if self.name_heuristics:  # while the model may still be running
                from veil.detect.ner import heuristic_names

                heuristic = [heuristic_names(t) for t in texts]
            found = pending()
            results: list[list[Detection]] = [[] for _ in texts]
            for (i, off, end), spans in zip(pieces, found, strict=True):
                text = texts[i]
                results[i] += [Detection(label, s, e, score, self.name, text[s:e])
                               for s, e, label, score in model_spans(text, off, end, spans)]
            if heuristic is not None:
                from veil.detect.places import add_places

                for i, t in enumerate(texts):
                    results[i] = add_places(t, _merge(t, results[i], heuristic[i]))
            return results

        return finish


def model_spans(text: str, off: int, end: int, spans: Sequence[tuple[int, int, str, float]]
                ) -> list[tuple[int, int, str, float]]:
    """The model's spans of ``text[off:end]`` (offsets in the piece) as detections of the
    text: trimmed, titles off, never-names dropped, a name grown over the known names,
    initials and surname beside it."""
    cased = not text[off:end].islower()  # its writer uses capitals
    trimmed = [_trim(text, off + s, off + e) for s, e, _, _ in spans]
    others = [s for (s, _), (_, _, label, _) in zip(trimmed, spans, strict=True)
              if label != "PERSON"]
    out: list[tuple[int, int, str, float]] = []
    for (s, e), (_, _, label, score) in zip(trimmed, spans, strict=True):
        brk = text.find("\n", s, e)  # a name ends at its line's end ("Jane Doe\nSenior"), a
        if brk > s:  # unit's letter too ("mmol/L\nWhite Cell")
            s, e = _trim(text, s, brk)
        s, e = after_label_word(text, s, e), before_next_label(text, s, e)
        if label == "PERSON":  # "Mrs" of "Mrs. Jones" read as a name of its own
            s = after_titles(text, s, e)
            gap = _GAP.search(text, s, e)  # a label after a wide gap ("Quennell   Hosp No")
            if gap is not None and trade_word(text, gap.end(), e, label):
                e = gap.start()
            if "I" in text[max(s, e - 5):e]:  # "Hi Sarah I need": the pronoun is no name
                pronoun = _PRONOUN_END.search(text, s, e)
                if pronoun is not None and pronoun.start() > s and (
                        pronoun.group(1) or _PRONOUN_ON.match(text, e)):
                    e = pronoun.start()
        if e > s and not _not_a_name(text, s, e, cased=cased):
            if label != "PERSON" and is_label_word(text[s:e]) or is_role_word(text[s:e]):
                continue  # "DOB", "NDA", "VIN": a form's label or an acronym; "Claimant"
            if trade_word(text, s, e, label):
                continue  # "Warfarin 5 mg", "Crohn's disease", "Assets:", "Ford Focus"
            if label != "PERSON" and _typed_a_person(text, s, e, label):
                label = "PERSON"  # "Hedda, can I speak to your boss?", "leave me Mariya,"
            if label == "PERSON" and place_after(text, e):
                label = "LOCATION"  # "Jan Mayen Islands"
            s = with_first_half(text, s)
            if out and out[-1][1] > s:  # the first half was its own span ("Anne" of
                # "Anne-Lise"): one span of both, or the half that lost would go upstream
                ps, _, plabel, pscore = out.pop()
                s = min(s, ps)
                if pscore > score:
                    label, score = plabel, pscore
            if label == "PERSON":
                # known names, initials and a surname's other half beside it
                s, e = extend_person(text, s, e, others)
                if cased:
                    e = _surname_after(text, s, e, others)
                    if trade_word(text, s, e, label):
                        continue  # grown into a trade's words ("Blood" + "Culture")
            out.append((s, e, label, score))
    return out


def _typed_a_person(text: str, s: int, e: int, label: str) -> bool:
    """Whether the model's ORGANIZATION or LOCATION is a person's name: a known given name
    that is no word and no place first, no company word (the spaCy backend's rule for its
    ORG), and for a place one word that no list holds as a place, not after a word of moving
    or living ("in", "moved to"). The model types a rare given name by its sound: a name
    masked as a place reads wrong upstream and in the restored answer."""
    span = text[s:e]
    if label == "ORGANIZATION":
        return _org_is_person(span)
    low = span.lower()
    return label == "LOCATION" and " " not in span and low not in PLACES \
        and low not in ALSO_NAMES and _org_is_person(span) \
        and not _org_after_place_word(text, s, e)


_WORDS = re.compile(r"\w+")
#: a wide gap inside a span, as a form's columns leave one (two spaces or more, a tab)
_GAP = re.compile(r"[ \t]{2,}|\t")
#: what follows the pronoun "I" (a verb in lower case, "'m", "'ll"): after a name, a pronoun
#: and not a regnal numeral or an initial ("Sarah I need", "John I'll check")
_PRONOUN_ON = re.compile(r"[ \t]+[a-z]|['’](?:m|ll|d|ve)\b")
#: the pronoun at a span's end, or its contraction ("John I'll")
_PRONOUN_END = re.compile(r"[ \t]+I(['’](?:m|ll|d|ve))?\Z")


@lru_cache(maxsize=1)
def _stop_words_and_names() -> tuple[frozenset[str], frozenset[str]]:
    """English stop words and the first names that are also words (an import inside
    :func:`_function_words` cost 1.4 of its 2.2 us per model span)."""
    from veil.detect.names import ambiguous_first_names
    from veil.detect.stopwords import stop_words

    return stop_words("en"), ambiguous_first_names()


def _function_words(value: str) -> bool:
    """Whether every word of ``value`` is an English stop word ("The", "He", "Can I") that no
    list holds as a first name: a capital at a sentence's start, not a name. "Will" or "May"
    (names that are also stop words) stay."""
    stop, names = _stop_words_and_names()
    seen = False
    for m in _WORDS.finditer(value):  # most spans are names: their first word decides
        w = m.group().lower()
        if w not in stop or w in names:
            return False
        seen = True
    return seen


_NEGATION = re.compile(r"['’]t\b")
def _not_a_name(text: str, s: int, e: int, *, cased: bool = True) -> bool:
    """Model spans that are never a name, whatever the model's score: stop words only, a span
    in lower case in a ``cased`` piece, one with capitals (its writer capitalises names:
    "lunacy", the "mon" of "C'mon"; the gate sends only such pieces), and a negation's stem
    ("Don" of "Don't"). Lower-case chat read ungated keeps its lower-case names."""
    value = text[s:e]
    low = value.lower()
    if _function_words(value) or cased and value.islower() or low in PROMPT_VERBS or \
            low in GREETINGS:
        return True
    return " " not in value and _NEGATION.match(text, e) is not None


# The capitalised word after a one-word name, before a word in lower case or punctuation (not
# one of a run of capitalised words: a heading, a product's name).
_NEXT_WORD = re.compile(r" (?P<w>[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?)"
                        r"(?=$|[,.;:!?)\n]|[ \t]+[^A-ZÀ-Þ\s])")
_CALENDAR = CALENDAR_WORDS | {"today", "tomorrow", "tonight", "yesterday"}


def _surname_after(text: str, s: int, e: int, others: list[int]) -> int:
    """``e`` moved over the surname of a one-word name the model stopped short of ("Wei" of
    "Wei Zhang", "Priyanka" of "Priyanka Raghunathan"): a capitalised word right after it
    that no list says is a given name or a common word, and the model did not read as an
    organisation or place (``others``: where its other spans start); the given name alone
    sent the surname upstream."""
    if " " in text[s:e]:
        return e
    m = _NEXT_WORD.match(text, e)
    if m is None or m.start("w") in others:
        return e
    from veil.detect.names import first_names, last_names, not_surnames

    word = m.group("w").lower()
    stop, ambiguous = _stop_words_and_names()
    if word in last_names() or not (word in stop or word in ambiguous or word in first_names()
                                    or word in PROMPT_VERBS or word in _CALENDAR
                                    or word in not_surnames()):
        return m.end()
    return e


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    # spans never start or end on punctuation/space (a stray "," tagged I-PERSON)
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not (text[e - 1].isalnum() or text[e - 1] == "."):
        e -= 1
    if e > s and text[e - 1] == "." and not re.search(r"(?:\b[A-Z]|Jr|Sr)\.$", text[s:e]):
        e -= 1
    return s, e


def _merge(text: str, model: list[Detection], extra: list[Detection]) -> list[Detection]:
    """Heuristic PERSON spans join overlapping model PERSON spans or fill the model's gaps.

    Over a model span of another type, the name stays a candidate beside it and the engine
    keeps the better score: a model span scored under the threshold ("Sean, Pamela and Nicole"
    as one organisation) would otherwise hide names that then nobody masks."""
    kept = SpanIndex(model)
    for h in extra:
        hits = kept.overlapping(h)
        if not hits or any(kept[k].type != "PERSON" for k in hits):
            kept.add(h)
        else:
            s = min([h.start] + [kept[k].start for k in hits])
            e = max([h.end] + [kept[k].end for k in hits])
            score = max([h.score] + [kept[k].score for k in hits])
            for k in hits:
                kept.drop(k)
            kept.add(Detection("PERSON", s, e, score, "learned_ner", text[s:e]))
    return kept.detections()


def _learned_ner(policy: Policy) -> Recognizer | None:
    if not policy.ner or policy.ner_backend == "spacy":
        return None
    folder = detector_dir()
    if not detector_available(folder):
        if policy.ner_backend == "both":
            return None  # spaCy still runs; the learned half joins once it is built
        raise PolicyError(
            f"ner_backend: learned needs the learned detector in {folder}; build it with "
            f"{BUILD_COMMAND}, or set ner_backend: spacy"
        )
    return LearnedNerRecognizer(folder)


register_factory("learned_ner", _learned_ner)
