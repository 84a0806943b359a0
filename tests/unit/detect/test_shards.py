"""Long texts read in chunks by worker processes beside the caller (veil.detect.shards): the
same detections as the whole text read at once, values only the caller holds still found, a
worker's failure refused and a dead worker's chunk read again."""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from veil.config import Policy, Settings
from veil.detect import DetectionEngine
from veil.detect.entity import Detection
from veil.detect.ner import ner_spans
from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.shards import MARGIN, ShardPool, plan, serve, spec_of
from veil.detect.terms import TermDatabase, TermRule
from veil.errors import DetectionError
from veil.evaluation.datasets import hard_samples, presidio_samples

#: small chunks: a document of a few tens of kilobytes is cut many times
CHUNK = 4_000


def _document(seed: int, size: int) -> str:
    """Chat prompts and records as lines (some of which need no name model), now and then a
    blank line, a line of capitalised words or a line starting with punctuation."""
    rng = random.Random(seed)
    samples = [s.text for pair in zip(presidio_samples(60, seed), hard_samples(60, seed),
                                        strict=True) for s in pair]
    extra = ["", "... and then", "Call Dr. Ana Ruiz Soto at Banco Sabadell Madrid Office",
             "ok thanks, see you tomorrow", "!! urgent: ref 4111 1111 1111 1111"]
    lines: list[str] = []
    while sum(map(len, lines)) < size:
        lines.append(rng.choice(samples) if rng.random() < 0.8 else rng.choice(extra))
    return "\n".join(lines)


def _rows(found: list[Detection]) -> list[tuple[object, ...]]:
    return [(d.type, d.start, d.end, d.score, d.recognizer, d.text) for d in found]


@pytest.fixture
def pool() -> Iterator[ShardPool]:
    p = ShardPool(1, chunk_chars=CHUNK)
    try:
        yield p
    finally:
        p.close()


_Engines = tuple[DetectionEngine, DetectionEngine]


@pytest.fixture
def engines(pool: ShardPool) -> _Engines:
    """A pattern engine reading texts whole, and one with ``pool``'s worker ready."""
    policy = Policy(ner=False)
    whole, sharded = DetectionEngine(policy), DetectionEngine(policy, shards=pool)
    assert pool.prepare(sharded, timeout=120) == 1
    return whole, sharded


def test_plan_cuts_only_where_no_model_piece_crosses() -> None:
    text = _document(3, 60_000)
    chunks = plan(text, CHUNK)
    assert len(chunks) >= 8
    assert chunks[0][0] == 0 and chunks[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in zip(chunks, chunks[1:], strict=False))
    pieces = ner_spans(text, margin=None)
    for a, _ in chunks[1:]:
        assert text[a - 1] == "\n" and text[a] not in ".!?\n"
        assert not any(s < a < e for s, e in pieces)  # the model reads the same pieces
        line = text.rfind("\n", 0, a - 1) + 1
        assert a - line <= MARGIN


def test_plan_leaves_short_texts_and_texts_without_a_cut_whole() -> None:
    assert plan("Jane Doe lives in Paris.\n" * 100, CHUNK) == [(0, 2500)]
    # every line names someone: the model's pieces run on, so no cut is safe
    text = "Jane Doe met Paul Martin in Paris.\n" * 400
    assert plan(text, CHUNK) == [(0, len(text))]


def test_sharded_detections_are_the_whole_texts(pool: ShardPool, engines: _Engines) -> None:
    whole, sharded = engines
    for seed in (1, 2):
        text = _document(seed, 50_000)
        assert _rows(sharded.analyze(text)) == _rows(whole.analyze(text))
    assert pool.chunks_read > 0  # the worker read some of them


@pytest.mark.slow
def test_sharded_learned_model_reads_the_same_pieces(
        pool: ShardPool, detector: tuple[Path, object, list[object]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A small learned model (fp32: an int8 export with per-batch scales scores a token a
    little differently in another batch, chunk or not)."""
    monkeypatch.setenv("VEIL_DETECTOR_DIR", str(detector[0]))  # the worker inherits it
    policy = Policy(ner_backend="learned")
    whole, sharded = DetectionEngine(policy), DetectionEngine(policy, shards=pool)
    for e in (whole, sharded):  # every piece through the model, none from a memo
        for r in e.registry:
            if hasattr(r, "cache_size"):
                r.cache_size = 0
    assert pool.prepare(sharded, timeout=120) == 1
    text = _document(5, 60_000)
    got = sharded.analyze(text)
    assert any(d.recognizer == "learned_ner" for d in got)
    assert _rows(got) == _rows(whole.analyze(text))
    assert pool.chunks_read > 0


def test_values_only_the_caller_holds_are_found(pool: ShardPool) -> None:
    """A tenant's terms and a session's values are not in the worker's engine: the caller
    reads them over the whole text."""
    from veil.detect.seen import SeenEntityCache

    terms = TermDatabase([TermRule(term="Project Bluebird", type="PROJECT")])
    engine = DetectionEngine(Policy(ner=False), terms=terms, shards=pool)
    assert pool.prepare(engine, timeout=120) == 1
    text = _document(7, 40_000)
    cut = plan(text, CHUNK)[3][0]
    text = text[:cut] + "Project Bluebird, zq-77-alpha\n" + text[cut:]
    seen = SeenEntityCache([("ACCOUNT", "zq-77-alpha")])
    found = {(d.type, d.text) for d in engine.analyze(text, seen=seen)}
    assert ("PROJECT", "Project Bluebird") in found
    assert ("ACCOUNT", "zq-77-alpha") in found
    assert pool.chunks_read > 0


def test_an_engine_changed_after_it_was_built_is_read_by_the_caller(pool: ShardPool) -> None:
    engine = DetectionEngine(Policy(ner=False), shards=pool)
    assert engine.shard_spec() is not None
    engine.registry.add(PatternRecognizer(name="ticket", entity="TICKET",
                                          patterns=[Pattern(r"TCK-\d{6}", 0.9)]))
    assert engine.shard_spec() is None  # the worker could not rebuild this one
    text = _document(8, 30_000) + "\nTCK-123456\n"
    assert ("TICKET", "TCK-123456") in {(d.type, d.text) for d in engine.analyze(text)}
    given = DetectionEngine(Policy(ner=False), shards=pool,
                            recognizers=[PatternRecognizer(name="email", entity="EMAIL",
                                                           patterns=[Pattern(r"x@y", 0.9)])])
    assert given.shard_spec() is None
    assert pool.chunks_read == 0


def test_a_dead_workers_chunks_are_read_by_the_caller(pool: ShardPool, engines: _Engines) -> None:
    whole, sharded = engines
    text = _document(9, 40_000)
    for w in pool.workers():
        w.proc.kill()
        w.proc.wait()
    assert _rows(sharded.analyze(text)) == _rows(whole.analyze(text))
    assert pool.prepare(sharded, timeout=120) == 1  # replaced
    assert _rows(sharded.analyze(text)) == _rows(whole.analyze(text))
    assert pool.chunks_read > 0


def test_a_workers_failure_refuses_the_text(pool: ShardPool) -> None:
    engine = DetectionEngine(Policy(ner=False), shards=pool)
    assert pool.prepare(engine, timeout=120) == 1
    for w in pool.workers():  # as if a recognizer failed there
        w.call = lambda message: ("error", "detector 'email' failed (ValueError); refused")
    with pytest.raises(DetectionError, match="refused"):
        engine.analyze(_document(10, 40_000))


def test_worker_errors_name_no_text() -> None:
    """The worker's side: an engine built on request, an unknown recognizer refused by its
    exception's class alone."""
    import pickle

    mine, theirs = socket.socketpair()
    conn, child = Connection(mine.detach()), Connection(theirs.detach())
    t = threading.Thread(target=serve, args=(child,), daemon=True)
    t.start()
    key, blob = spec_of(Policy(ner=False), {})

    def call(message: tuple[object, ...]) -> tuple[object, ...]:
        conn.send_bytes(pickle.dumps(message))
        return pickle.loads(conn.recv_bytes())  # type: ignore[no-any-return]

    kind, have = call(("spec", key, blob))
    assert kind == "have" and ("email", "veil.detect.patterns.PatternRecognizer", "",
                               "veil.detect.builtin") in have
    secret = "Jane Secret-Person jane.secret@example.org"
    kind, found = call(("run", key, ["email"], secret, (0, len(secret)), None, 0))
    assert kind == "found" and found == [[("EMAIL", 19, 42, 0.95, "email",
                                          "jane.secret@example.org")]]
    # a part of a longer text starting at 1000: offsets index the longer text
    kind, found = call(("run", key, ["email"], secret, (0, len(secret)), None, 1000))
    assert found == [[("EMAIL", 1019, 1042, 0.95, "email", "jane.secret@example.org")]]
    kind, message = call(("run", key, ["no_such_recognizer"], secret, (0, len(secret)), None,
                          0))
    assert kind == "error" and "KeyError" in str(message)
    assert "Jane" not in str(message) and "example" not in str(message)
    conn.close()
    t.join(timeout=10)
    assert not t.is_alive()  # the parent gone: the loop ends


def test_settings_and_the_one_shot_cli_choose_no_workers(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from veil.detect.shards import default_workers

    assert Settings(home=tmp_path, detect_workers=0).detect_workers == 0
    monkeypatch.setenv("VEIL_DETECT_WORKERS", "2")
    assert Settings(home=tmp_path).detect_workers == 2
    with pytest.raises(ValueError):
        Settings(home=tmp_path, detect_workers=-1)
    assert 0 <= default_workers() <= 3


def test_a_workers_warm_up_asks_no_language_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker is told each chunk's language: its warm-up loads the main language's models
    and never the language detector (which holds hundreds of megabytes)."""
    import veil.detect.engine as engine_module

    def refuse(*_: object, **__: object) -> str:
        raise AssertionError("the language detector was asked")

    monkeypatch.setattr(engine_module, "detect_language", refuse)
    monkeypatch.setattr(engine_module, "load_models", refuse)
    engine = DetectionEngine(Policy(ner=False))
    assert len(engine.policy.languages) > 1
    engine.prepare(languages=[engine.policy.language])
    with pytest.raises(AssertionError, match="language detector"):
        engine.prepare()


def test_a_worker_gets_no_keys_or_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker reads text only: the vault's master key and upstream credentials are not in
    its environment."""
    monkeypatch.setenv("VEIL_MASTER_KEY", "bWFzdGVyLWtleS1vZi10aGUtdGVzdC0zMi1ieXRlcyEh")
    monkeypatch.setenv("VEIL_UPSTREAM_API_KEY", "sk-test-upstream")
    monkeypatch.setenv("VEIL_SHARD_TEST_MARK", "kept")
    pool = ShardPool(1, chunk_chars=CHUNK)
    try:
        assert pool.prepare(DetectionEngine(Policy(ner=False), shards=pool), timeout=120) == 1
        (w,) = pool.workers()
        env = Path(f"/proc/{w.proc.pid}/environ").read_bytes().split(b"\0")
    finally:
        pool.close()
    assert b"VEIL_SHARD_TEST_MARK=kept" in env
    assert not [v for v in env if v.startswith((b"VEIL_MASTER_KEY=", b"VEIL_UPSTREAM_API_KEY="))]


def test_workers_follow_the_cores_a_container_may_use(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A container sees its node's cores; its cgroup's quota is what it may use."""
    from veil import cores
    from veil.detect import shards

    monkeypatch.setattr(cores.os, "sched_getaffinity", lambda _pid: set(range(16)))
    cpu_max = tmp_path / "cpu.max"
    monkeypatch.setattr(cores, "CPU_MAX", cpu_max)
    monkeypatch.setattr(cores, "CFS_QUOTA", tmp_path / "missing")
    assert cores.available_cpus() == 16 and shards.default_workers() == 3  # no cgroup file
    cpu_max.write_text("max 100000\n")
    assert cores.available_cpus() == 16
    cpu_max.write_text("150000 100000\n")  # 1.5 cores: two, one of them the caller's
    assert cores.available_cpus() == 2 and shards.default_workers() == 1
    cpu_max.write_text("50000 100000\n")
    assert cores.available_cpus() == 1 and shards.default_workers() == 0
    cpu_max.unlink()
    quota, period = tmp_path / "quota", tmp_path / "period"
    quota.write_text("300000\n")
    period.write_text("100000\n")
    monkeypatch.setattr(cores, "CFS_QUOTA", quota)
    monkeypatch.setattr(cores, "CFS_PERIOD", period)
    assert cores.available_cpus() == 3


def test_a_reply_not_understood_leaves_the_chunk_to_the_caller(pool: ShardPool,
                                                               engines: _Engines) -> None:
    whole, sharded = engines
    text = _document(11, 40_000)
    for w in pool.workers():
        w.call = lambda message: ("found", [[("EMAIL", -1, 3)]])  # no such detection
    assert _rows(sharded.analyze(text)) == _rows(whole.analyze(text))
    assert pool.chunks_read == 0


def test_long_texts_at_once_share_the_workers(pool: ShardPool, engines: _Engines) -> None:
    """Two requests' long texts in two threads: one has the idle worker, the other reads its
    own text alone; both get the whole text's detections."""
    whole, sharded = engines
    texts = [_document(s, 40_000) for s in (12, 13, 14, 15)]
    want = [_rows(whole.analyze(t)) for t in texts]
    got: dict[int, list[tuple[object, ...]]] = {}

    def read(i: int) -> None:
        got[i] = _rows(sharded.analyze(texts[i]))

    threads = [threading.Thread(target=read, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert [got[i] for i in range(len(texts))] == want
    assert pool.chunks_read > 0


def test_the_first_long_text_starts_the_workers(pool: ShardPool) -> None:
    """Nothing starts with the engine or its prepare(); the first long text starts the
    workers and is read alone, a later one has them."""
    import time

    policy = Policy(ner=False)
    whole, sharded = DetectionEngine(policy), DetectionEngine(policy, shards=pool)
    sharded.prepare()
    assert pool.workers() == []
    sharded.analyze("Jane Doe, jane@example.org\n" * 100)  # short: nothing starts
    assert pool.workers() == []
    text = _document(16, 40_000)
    assert _rows(sharded.analyze(text)) == _rows(whole.analyze(text))
    assert len(pool.workers()) == 1 and pool.chunks_read == 0
    deadline = time.monotonic() + 120
    while not all(w.specs for w in pool.workers()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _rows(sharded.analyze(text)) == _rows(whole.analyze(text))
    assert pool.chunks_read > 0


def test_a_recognizer_an_application_registers_is_read_by_the_caller(
        pool: ShardPool, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker imports Veil alone: a recognizer the application registers, or one that
    replaces a built-in under its name, is not the worker's and is read by the caller."""
    from veil.detect import recognizer as registry_module
    from veil.detect.recognizer import register

    monkeypatch.setattr(registry_module, "_DEFAULTS", dict(registry_module._DEFAULTS))
    monkeypatch.setattr(registry_module, "_ORIGIN", dict(registry_module._ORIGIN))
    register(PatternRecognizer(name="ticket", entity="TICKET",
                               patterns=[Pattern(r"\bTCK-\d{6}\b", 0.9)]))
    # "email" replaced under its name by one that finds what the built-in one does not
    register(PatternRecognizer(name="email", entity="EMAIL",
                               patterns=[Pattern(r"\bmbox-\d{4}\b", 0.9)]))
    engine = DetectionEngine(Policy(ner=False, entities={"TICKET": {}}), shards=pool)
    assert pool.prepare(engine, timeout=120) == 1
    text = _document(17, 40_000)
    cuts = plan(text, CHUNK)
    assert len(cuts) > 4
    far = cuts[-2][0]  # a chunk a worker takes (they read from the back)
    text = text[:far] + "TCK-123456 mbox-0042\n" + text[far:]
    found = {(d.type, d.text) for d in engine.analyze(text)}
    assert {("TICKET", "TCK-123456"), ("EMAIL", "mbox-0042")} <= found
    assert pool.chunks_read > 0


def test_protect_with_the_process_workers_masks_as_without(settings: Settings) -> None:
    """Veil's own path (the detection stage's shared pool): a long text masked with a worker
    beside the request is the text masked without one, and restores the same."""
    import time

    from veil import Veil

    alone = Veil(settings.model_copy(update={"detect_workers": 0}),
                 policy=Policy(ner=False))
    helped = Veil(settings.model_copy(update={"detect_workers": 1,
                                              "home": settings.home.parent / "other"}),
                  policy=Policy(ner=False))
    shards = helped.engine().shards
    assert alone.engine().shards is None and shards is not None
    text = _document(18, 300_000)
    first = helped.protect(text, session="s1")  # starts the worker, read alone
    deadline = time.monotonic() + 120
    while not all(w.specs for w in shards.workers()) and time.monotonic() < deadline:
        time.sleep(0.1)
    read0 = shards.chunks_read
    second = helped.protect(text, session="s2")
    assert shards.chunks_read > read0
    want = alone.protect(text, session="s1")
    assert first.masked == second.masked == want.masked
    assert helped.restore(second.masked, session="s2") == text
