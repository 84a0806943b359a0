"""The client's side of teacher-forced agreement: per-position comparison, pooling, Wilson
interval, and the session's refusals (no SPU needed)."""

from __future__ import annotations

import numpy as np
import pytest

from veil.crypto import teacher_forced as tf
from veil.crypto.mpc import (
    TEACHER_FORCED_TEXTS,
    MPCConfig,
    MPCSession,
    ScoredForward,
    TeacherForcedMeasurement,
    _teacher_forced_measurement,
)
from veil.crypto.mpc_bench import teacher_forced_markdown
from veil.errors import ConfigError, MPCInputError


def _logits(rows: list[list[float]], pad: int = 0) -> np.ndarray:
    out = np.asarray(rows, dtype=np.float32)
    # Padding rows past n hold garbage the comparison must ignore.
    return np.vstack([out, np.full((pad, out.shape[1]), 99.0, dtype=np.float32)]) if pad else out


def test_compare_positions_finds_each_flip_and_ignores_padding() -> None:
    plain = _logits([[0.0, 1.0, 0.5], [2.0, 0.0, 1.95], [0.0, 0.0, 3.0]], pad=2)
    mpc = plain.copy()
    mpc[1, 2] += 0.1  # 1.95 -> 2.05 overtakes 2.0: a flip on a 0.05 margin
    mpc[0, 0] -= 0.02  # an error that changes nothing
    mpc[3:] = -99.0  # padding disagrees completely
    pos = tf.compare_positions(mpc, plain, 3)
    assert pos["plain_top1"] == [1, 0, 2] and pos["mpc_top1"] == [1, 2, 2]
    assert pos["max_abs_err"] == pytest.approx([0.02, 0.1, 0.0], abs=1e-6)
    assert pos["mean_abs_err"] == pytest.approx([0.02 / 3, 0.1 / 3, 0.0], abs=1e-6)
    assert pos["plain_margin"] == pytest.approx([0.5, 0.05, 3.0], abs=1e-6)


def test_compare_positions_refuses_mismatched_or_short_inputs() -> None:
    a = np.zeros((4, 5))
    with pytest.raises(ValueError, match="one shape"):
        tf.compare_positions(a, np.zeros((4, 6)), 2)
    with pytest.raises(ValueError, match="one shape"):
        tf.compare_positions(np.zeros((4, 1)), np.zeros((4, 1)), 2)
    with pytest.raises(ValueError, match="between 1 and the compiled length 4"):
        tf.compare_positions(a, a, 5)


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (158, 158, 0.9763, 1.0),  # all agree: the lower bound is what the sample supports
    (150, 158, 0.9033, 0.9741),  # roots of (k/n - p)^2 = z^2 p (1 - p) / n
    (0, 10, 0.0, 0.2775),
    (5, 10, 0.2366, 0.7634),
])
def test_wilson_interval_matches_reference_values(k: int, n: int, low: float,
                                                  high: float) -> None:
    lo, hi = tf.wilson_interval(k, n)
    assert lo == pytest.approx(low, abs=1e-4) and hi == pytest.approx(high, abs=1e-4)


def test_wilson_interval_refuses_impossible_counts() -> None:
    for k, n in [(1, 0), (3, 2), (-1, 2)]:
        with pytest.raises(ValueError, match="Wilson"):
            tf.wilson_interval(k, n)


def _pos(mpc: list[int], plain: list[int], err: float = 0.01,
         margin: float = 1.0) -> dict[str, list[float | int]]:
    n = len(mpc)
    return {"mpc_top1": mpc, "plain_top1": plain, "max_abs_err": [err] * n,
            "mean_abs_err": [err / 10] * n, "plain_margin": [margin] * n}


def test_summarize_counts_a_shared_prefix_once_and_pools_the_rest() -> None:
    # Two sequences share their first two tokens: those two positions are the same computation.
    a = ([1, 4, 7, 9], _pos([5, 6, 8, 2], [5, 6, 8, 2]))
    b = ([1, 4, 3], _pos([5, 6, 0], [5, 6, 1], err=0.2, margin=0.05))
    s = tf.summarize([a, b])
    assert s["positions"] == 5 and s["agree"] == 4 and s["agreement"] == pytest.approx(0.8)
    assert s["wilson95"] == pytest.approx(list(tf.wilson_interval(4, 5)))
    assert s["max_abs_logit_err"] == pytest.approx(0.2)
    assert s["disagreements"] == [{"plain_margin": 0.05, "max_abs_err": 0.2}]
    assert s["unexplained"] == 0  # a 0.05 margin is within reach of a 0.2 error
    assert s["close_calls"] == 1 and s["min_plain_margin"] == pytest.approx(0.05)


def test_summarize_flags_a_flip_fixed_point_error_cannot_explain() -> None:
    s = tf.summarize([([3, 2], _pos([1, 0], [1, 2], err=0.01, margin=0.5))])
    assert s["agree"] == 1 and s["unexplained"] == 1


def test_summarize_refuses_nothing_or_more_positions_than_tokens() -> None:
    with pytest.raises(ValueError, match="no positions"):
        tf.summarize([])
    with pytest.raises(ValueError, match="more positions"):
        tf.summarize([([1], _pos([0, 0], [0, 0]))])


def test_measurement_pools_forwards_and_cost() -> None:
    cfg = MPCConfig(protocol="ABY3", layers=30, max_len=4, teacher_forced=True)
    done = [
        ScoredForward(ids=[1, 2, 3], positions=_pos([4, 5, 6], [4, 5, 6]), seconds=100.0,
                      party_seconds=[99.0] * 3, link_bytes=[10, 30, None],
                      client_bytes=[5, 5, 5], client_recv_bytes=[7, 7, 7]),
        ScoredForward(ids=[1, 9], positions=_pos([4, 0], [4, 1], err=0.3, margin=0.1),
                      seconds=300.0, party_seconds=[299.0] * 3, link_bytes=[50, 40, 20],
                      client_bytes=[6, 6, 6], client_recv_bytes=[8, 8, 8]),
    ]
    m = _teacher_forced_measurement(cfg, done, 12.0, ["1.0", "2.0", "3.0"])
    assert isinstance(m, TeacherForcedMeasurement)
    assert (m.positions, m.agree, m.sequences, m.sequence_tokens) == (4, 3, 2, [3, 2])
    assert m.seconds_per_forward == 200.0 and m.forward_seconds == [100.0, 300.0]
    assert m.bytes_per_party_per_forward == 40.0  # the busiest party's link, per forward
    assert m.client_bytes_per_forward == 16.5 and m.client_recv_bytes_per_forward == 22.5
    assert done[1].agreement == 0.5
    md = teacher_forced_markdown({"model": "m", "what": "teacher-forced", "agreement_target": 0.95,
                                  "runs": [{**m.as_dict(), "command": "veil crypto bench"}]})
    assert "| 3/4 (75.0%) |" in md and "0.100 / 0.300" in md and "1.0; 2.0; 3.0" in md


def test_builtin_sequences_fill_a_40_token_shape() -> None:
    pytest.importorskip("transformers")
    from veil.crypto.mpc import text_ids

    try:
        lens = [len(text_ids(t)) for t in TEACHER_FORCED_TEXTS]
    except Exception as exc:  # noqa: BLE001 - no local SmolLM2 checkpoint on this machine
        pytest.skip(f"SmolLM2 tokenizer unavailable ({type(exc).__name__})")
    assert min(lens) >= 40
    assert len(text_ids(TEACHER_FORCED_TEXTS[0], max_len=40)) == 40


def test_teacher_forced_config_and_session_refuse_the_other_path() -> None:
    with pytest.raises(ConfigError, match="reference=True"):
        MPCConfig(teacher_forced=True, reference=False)
    with pytest.raises(ConfigError, match="model='smollm2'"):
        MPCConfig(teacher_forced=True, model="encoder")
    # Neither call starts a process: the refusals come before anything is sent.
    tfs, plain = MPCSession(MPCConfig(teacher_forced=True, max_len=8)), \
        MPCSession(MPCConfig(max_len=8))
    try:
        with pytest.raises(MPCInputError, match="teacher-forced"):
            next(tfs.stream_ids([1, 2], max_new_tokens=1))
        with pytest.raises(MPCInputError, match="compiled for 8"):
            tfs.score_ids(list(range(9)))
        with pytest.raises(MPCInputError, match="teacher_forced=True"):
            plain.score_ids([1, 2])
    finally:
        tfs.close()
        plain.close()
