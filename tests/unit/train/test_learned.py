"""The learned NER backend (veil.detect.learned) chosen by ``Policy.ner_backend``.

A 1-layer detector is trained on a few dozen sentences and exported (ONNX int8) once for the
module; the backend must reproduce the torch model's spans and run inside the real engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from veil.config import Policy
from veil.detect import DetectionEngine
from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer
from veil.errors import PolicyError


def test_learned_without_weights_is_a_policy_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEIL_DETECTOR_DIR", str(tmp_path / "missing"))
    with pytest.raises(PolicyError, match="veil train detector"):
        DetectionEngine(Policy(ner_backend="learned"))
    # "both" falls back to spaCy alone until the detector is built
    both = DetectionEngine(Policy(ner_backend="both")).registry.names
    assert "spacy_ner" in both and "learned_ner" not in both
    spacy = DetectionEngine(Policy()).registry.names
    assert "spacy_ner" in spacy and "learned_ner" not in spacy
    with pytest.raises(ValueError, match="ner_backend"):
        Policy(ner_backend="bert")  # type: ignore[arg-type]


@pytest.mark.slow
def test_onnx_backend_reproduces_the_torch_model(detector: tuple[Path, object, list]) -> None:
    from veil.detect.learned import LearnedNerRecognizer, model_spans
    from veil.train import model as M  # noqa: N812
    from veil.train.data import score_spans

    folder, model, sents = detector
    texts = [s.text for s in sents]
    torch_spans = M.predict(model, texts)  # type: ignore[arg-type]
    rec = LearnedNerRecognizer(folder, gate="none", name_heuristics=False)
    found = rec.analyze_batch(texts)
    same = 0
    for text, want, got in zip(texts, torch_spans, found, strict=True):
        assert all(d.text == text[d.start : d.end] and d.recognizer == "learned_ner" for d in got)
        # the backend trims punctuation off span edges ("Borg HB." -> "Borg HB"), drops
        # spans that are never names (stop words, lower case) and grows names over the known
        # names beside them: the torch model's spans, read the same way
        read = model_spans(text, 0, len(text), [(s.start, s.end, s.label, 1.0) for s in want])
        same += sorted((d.start, d.end, d.type) for d in got) == sorted(
            (s, e, label) for s, e, label, _ in read)
    # 45 to 47 of the 48 agree from run to run (training's and the runtime's threaded sums are
    # not repeatable bit for bit; a name on the edge of PERSON and ORGANIZATION flips)
    assert same >= 0.9 * len(texts)
    from veil.train.data import Span

    seen = score_spans(
        [s.spans for s in sents], [[Span(d.start, d.end, d.type) for d in f] for f in found]
    )
    assert seen["micro_recall"] > 0.3  # it learned something from its own training sentences


@pytest.mark.slow
def test_long_text_is_windowed_without_losing_spans(detector: tuple[Path, object, list]) -> None:
    from veil.detect.learned import LearnedNerRecognizer

    folder, _, sents = detector
    rec = LearnedNerRecognizer(folder, gate="none", name_heuristics=False)
    short = next(s.text for s in sents if rec.analyze(s.text))
    want = {(d.start, d.end, d.type) for d in rec.analyze(short)}
    filler = "the report was filed and reviewed again . " * 40  # > 128 tokens
    text = filler + short + " " + filler + short
    got = {(d.start, d.end, d.type) for d in rec.analyze(text)}
    second = len(filler) + len(short) + 1 + len(filler)  # far past the first 128-token window
    values = {short[s:e] for s, e, _ in want}
    late = [(s, e) for s, e, _ in got if s >= second]
    assert any(text[s:e] in values for s, e in late)  # offsets of later windows map back right
    spans = sorted((s, e) for s, e, _ in got)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))
    assert all(e <= len(text) for _, e in spans)


@pytest.mark.slow
def test_engine_runs_the_learned_backend_with_name_heuristics(
    detector: tuple[Path, object, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _, _ = detector
    monkeypatch.setenv("VEIL_DETECTOR_DIR", str(folder))
    engine = DetectionEngine(Policy(ner_backend="learned"))
    assert "learned_ner" in engine.registry.names and "spacy_ner" not in engine.registry.names
    text = "Dear Mr. Okonkwo, your card ending 4242 was blocked. Mail me at ana@example.org"
    found = engine.analyze(text)
    kinds = {(d.type, text[d.start : d.end]) for d in found}
    assert ("EMAIL", "ana@example.org") in kinds  # pattern recognizers still run
    assert any(t == "PERSON" and "Okonkwo" in v for t, v in kinds)  # title heuristic at least
    assert "Okonkwo" not in repr(found)  # detected values never reach a repr
    both = DetectionEngine(Policy(ner_backend="both")).registry.names
    assert "learned_ner" in both and "spacy_ner" in both


def test_a_prepared_engine_reads_its_first_texts_with_blingfire(
    detector: tuple[Path, object, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Blingfire loads by itself after 16 KB read with tokenizers; a server's first requests
    # would have paid for it. A folder whose tokenizer Blingfire reproduces loads it in prepare
    pytest.importorskip("blingfire")
    from veil.detect import learned

    folder, _, _ = detector
    monkeypatch.setenv("VEIL_DETECTOR_DIR", str(folder))
    learned._runtime.cache_clear()  # a new process: nothing read yet
    learned._checked.clear()
    engine = DetectionEngine(Policy(ner_backend="learned", languages=["en"]))
    engine.analyze("Ann Lee met Bob in Paris.")
    assert not learned.load_runtime(folder).tokenizer.fast
    engine.prepare()
    assert learned.load_runtime(folder).tokenizer.fast


def test_span_scores_are_the_mean_probability_of_their_tokens() -> None:
    from types import SimpleNamespace

    from veil.detect.learned import _Runtime
    from veil.train.data import LABEL_IDS, LABELS

    text = "Ana Silvason met Bob at Acme Corp"
    ids = {k: LABEL_IDS[k] for k in LABELS}
    # (start, end, label id, prob): "Silva" + "##son" (tagged O, swallowed into the name)
    tokens = [(0, 3, ids["B-PERSON"], 0.9), (4, 9, ids["I-PERSON"], 0.7),
              (9, 12, ids["O"], 0.4), (13, 16, ids["O"], 0.99), (17, 20, ids["B-PERSON"], 0.6),
              (21, 23, ids["O"], 0.99), (24, 28, ids["B-ORGANIZATION"], 0.8),
              (29, 33, ids["I-ORGANIZATION"], 0.5)]
    fake = SimpleNamespace(labels=list(LABELS))
    got = _Runtime._decode(fake, text, tokens)  # type: ignore[arg-type]
    assert [(s, e, label) for s, e, label, _ in got] == [
        (0, 12, "PERSON"), (17, 20, "PERSON"), (24, 33, "ORGANIZATION")]
    assert [round(p, 6) for *_, p in got] == [round((0.9 + 0.7 + 0.4) / 3, 6), 0.6, 0.65]


def test_names_over_a_model_span_of_another_type_stay_candidates() -> None:
    from veil.detect.learned import _merge

    text = "They had: Sean, Pamela and Nicole."
    org = Detection("ORGANIZATION", 10, 33, 0.45, "learned_ner", text[10:33])
    names = [Detection("PERSON", text.index(n), text.index(n) + len(n), 0.75,
                       "name_heuristic", n) for n in ("Sean", "Pamela", "Nicole")]
    got = _merge(text, [org], names)
    # all stay: the engine drops the organisation under its threshold and masks the names
    assert sorted((d.type, d.text) for d in got) == sorted(
        [("ORGANIZATION", text[10:33])] + [("PERSON", n.text) for n in names])
    engine = DetectionEngine(Policy(ner=False), recognizers=[_Fixed(got)])
    assert [d.text for d in engine.analyze(text)] == ["Sean", "Pamela", "Nicole"]
    # a model PERSON span still absorbs an overlapping heuristic name into one span
    person = Detection("PERSON", 10, 14, 0.9, "learned_ner", "Sean")
    longer = Detection("PERSON", 10, 22, 0.75, "name_heuristic", text[10:22])
    assert [(d.text, d.score) for d in _merge(text, [person], [longer])] == [(text[10:22], 0.9)]


def test_a_label_or_acronym_is_no_organisation_or_place() -> None:
    """The model reads "DOB" and "NDA" as organisations; spaCy's spans were filtered so."""
    from veil.detect.learned import model_spans

    text = "Send the NDA to Acme Corp, DOB on file, cc HR and VIN below."
    spans = [(text.index(w), text.index(w) + len(w), label, 0.9)
             for w, label in (("NDA", "ORGANIZATION"), ("Acme Corp", "ORGANIZATION"),
                              ("DOB", "ORGANIZATION"), ("HR", "LOCATION"),
                              ("VIN", "ORGANIZATION"))]
    got = model_spans(text, 0, len(text), spans)
    assert [(text[s:e], label) for s, e, label, _ in got] == [("Acme Corp", "ORGANIZATION")]


class _Fixed(Recognizer):
    """A statistical recognizer returning given detections (what the learned backend built)."""

    name = "learned_ner"
    statistical = True
    entities = ("PERSON", "ORGANIZATION", "LOCATION")

    def __init__(self, found: list[Detection]) -> None:
        self.found = found

    def analyze(self, text: str) -> list[Detection]:
        return list(self.found)


@pytest.mark.slow
def test_a_removed_detector_fails_closed_once_the_recheck_is_due(
    detector: tuple[Path, object, list], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import veil.detect.learned as L  # noqa: N812
    from veil.errors import DetectionError

    folder = tmp_path / "copy"
    shutil.copytree(detector[0], folder)
    first = L.load_runtime(folder)
    assert L.load_runtime(folder) is first  # within the recheck interval: no file checks
    (folder / "model.onnx").unlink()
    monkeypatch.setattr(L, "_RECHECK_S", 0.0)
    with pytest.raises(DetectionError, match="veil train detector"):
        L.load_runtime(folder)


@pytest.mark.slow
def test_pieces_read_before_come_from_the_memo_with_the_same_spans(
    detector: tuple[Path, object, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    import veil.detect.learned as L  # noqa: N812

    folder, _, sents = detector
    rec = L.LearnedNerRecognizer(folder, gate="none", name_heuristics=False)
    rt = L.load_runtime(folder)
    texts = [s.text for s in sents[:6]]
    first = rec.analyze_batch(texts)
    read: list[int] = []
    begin = rt.begin
    monkeypatch.setattr(rt, "begin", lambda ts, bs=32: read.append(len(ts)) or begin(ts, bs))
    # a chat resends its history with one new message: only the new one reaches the model
    new = "Please ask Margarethe Oyelaran-Whitfield to call back."
    again = rec.analyze_batch([*texts, new])
    assert read == [1]
    assert [[(d.start, d.end, d.type, d.score) for d in ds] for ds in again[:-1]] == [
        [(d.start, d.end, d.type, d.score) for d in ds] for ds in first
    ]
    assert all(isinstance(k, bytes) and len(k) == 16 for k in rec._memo.lru._items)  # digests
    rec.cache_size = 0  # off (benchmarks measure the model itself): every piece is read
    rec.analyze_batch(texts)
    assert read == [1, len(texts)]


@pytest.mark.slow
def test_the_model_on_its_own_thread_gives_the_spans_of_a_run_in_the_caller(
    detector: tuple[Path, object, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    import veil.detect.learned as L  # noqa: N812

    folder, _, sents = detector
    rt = L.load_runtime(folder)
    assert rt.run_async  # a session with a thread of its own beside the caller's
    texts = [s.text for s in sents] * 3  # 144 pieces: tokenized in one batch, 5 batches
    assert len(texts) >= L._LARGE_PIECES
    pending = rt.begin(texts, batch_size=32)
    background = pending()
    monkeypatch.setattr(rt, "run_async", False)
    monkeypatch.setattr(L, "_LARGE_PIECES", 10**9)
    in_caller = rt.spans(texts, batch_size=32)
    assert background == in_caller
    assert any(background)  # the comparison covers real spans
    assert rt.spans([]) == []


def test_a_failed_background_run_refuses_the_request() -> None:
    from veil.detect.learned import _AsyncRuns
    from veil.errors import DetectionError

    class Failing:
        def run_async(self, names: list[str], feed: dict, back: object, k: int) -> None:
            back(None, k, "node Conv_3 failed")  # type: ignore[operator]

    with pytest.raises(DetectionError, match="failed on this input") as e:
        _AsyncRuns(Failing(), [{}, {}]).wait()
    assert "Conv_3" not in str(e.value)


@pytest.mark.slow
def test_train_bench_pools_the_samples_of_several_seeds(
    detector: tuple[Path, object, list], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from typer.testing import CliRunner

    from veil.cli.app import app

    monkeypatch.setenv("VEIL_DETECTOR_DIR", str(detector[0]))
    args = ["train", "bench", "--n", "6", "--timing-texts", "1", "--out", str(tmp_path)]
    res = CliRunner().invoke(app, [*args, "--seeds", "5, 6", "--name", "two"])
    assert res.exit_code == 0, res.output
    two = json.loads((tmp_path / "two.json").read_text())
    assert two["seeds"] == [5, 6]
    # each seed's samples of each kind, pooled
    one = CliRunner().invoke(app, [*args, "--seed", "5", "--name", "one"])
    assert one.exit_code == 0, one.output
    single = json.loads((tmp_path / "one.json").read_text())
    assert single["seeds"] == [5]
    assert two["samples"]["combined"] == 2 * single["samples"]["combined"] > 0
    assert "seeds 5, 6, pooled" in (tmp_path / "two.md").read_text()
    bad = CliRunner().invoke(app, [*args, "--seeds", "5,x"])
    assert bad.exit_code != 0 and "comma-separated list of integers" in bad.output


def test_train_detector_trains_on_the_chosen_domains(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from veil.cli.app import app

    pytest.importorskip("onnxruntime")
    args = ["train", "detector", "--conv-layers", "1", "--hidden", "32", "--sentences", "40",
            "--epochs", "1", "--held-out", "10", "--unseen", "0", "--no-progress",
            "--checkpoint-every", "0"]
    res = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "all")])
    assert res.exit_code == 0, res.output
    card = json.loads((tmp_path / "all" / "card.json").read_text())
    assert card["data"]["domains"] == ["medical", "banking", "legal", "support", "technical"]
    assert card["run"]["sizes"]["technical_held_out"] == 10
    assert set(card["scores"]["conv-L1-H32"]) == {"held_out_templates", "seen_templates",
                                                  "technical_held_out"}
    prose = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "prose"),
                                     "--domains", "legal, support,legal"])
    assert prose.exit_code == 0, prose.output
    card = json.loads((tmp_path / "prose" / "card.json").read_text())
    assert card["data"]["domains"] == ["legal", "support"]
    assert "technical_held_out" not in card["run"]["sizes"]
    bad = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "x"), "--domains", "astrology"])
    assert bad.exit_code != 0 and "technical" in bad.output
    assert not (tmp_path / "x").exists()
