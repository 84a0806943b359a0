"""Secret-shared inference end to end: real SPU parties (separate processes on loopback, SPU's
brpc link) computing a tiny Llama-architecture model, against its float twin.

The model is tiny (random weights, same code path as SmolLM2) so that the suite stays fast; the
SmolLM2 figures come from ``veil crypto bench``. Needs the crypto environment (``make
crypto-env``), an optional environment outside ``make install``: skipped when it is absent.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import numpy as np
import pytest

from veil.crypto.mpc import AGREEMENT_TARGET, MPCConfig, MPCSession, crypto_python
from veil.errors import ConfigError, MPCInputError, MPCPartyError

try:
    crypto_python()
    HAVE_ENV = True
except ConfigError:
    HAVE_ENV = False

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not HAVE_ENV, reason="crypto environment missing (make crypto-env)"),
]

VOCAB, HIDDEN, HEADS, KV, HEAD_DIM, FFN = 48, 32, 2, 1, 16, 64


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1-block Llama with SmolLM2's layout and random weights (seeded)."""
    from safetensors.numpy import save_file

    d = tmp_path_factory.mktemp("tiny-llama")
    rng = np.random.default_rng(7)

    def w(*shape: int, scale: float = 0.3) -> np.ndarray:
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    p = "model.layers.0."
    tensors = {
        "model.embed_tokens.weight": w(VOCAB, HIDDEN, scale=1.0),
        p + "input_layernorm.weight": 1 + w(HIDDEN, scale=0.1),
        p + "self_attn.q_proj.weight": w(HEADS * HEAD_DIM, HIDDEN),
        p + "self_attn.k_proj.weight": w(KV * HEAD_DIM, HIDDEN),
        p + "self_attn.v_proj.weight": w(KV * HEAD_DIM, HIDDEN),
        p + "self_attn.o_proj.weight": w(HIDDEN, HEADS * HEAD_DIM),
        p + "post_attention_layernorm.weight": 1 + w(HIDDEN, scale=0.1),
        p + "mlp.gate_proj.weight": w(FFN, HIDDEN),
        p + "mlp.up_proj.weight": w(FFN, HIDDEN),
        p + "mlp.down_proj.weight": w(HIDDEN, FFN),
        "model.norm.weight": 1 + w(HIDDEN, scale=0.1),
    }
    save_file(tensors, str(d / "model.safetensors"))
    (d / "config.json").write_text(json.dumps({
        "hidden_size": HIDDEN, "num_attention_heads": HEADS, "num_key_value_heads": KV,
        "head_dim": HEAD_DIM, "num_hidden_layers": 1, "vocab_size": VOCAB,
        "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "intermediate_size": FFN,
    }))
    return d


def _cfg(model: Path, protocol: str, **kw: object) -> MPCConfig:
    return MPCConfig(protocol=protocol, layers=1, max_len=12, timeout_s=240, model_dir=model,
                     **kw)  # type: ignore[arg-type]


PROMPT = [3, 17, 5, 41, 8]


@pytest.mark.parametrize("protocol", ["ABY3", "CHEETAH"])
def test_generation_matches_float_model_and_parties_hold_only_shares(
    tiny_model: Path, protocol: str
) -> None:
    n = {"ABY3": 3, "CHEETAH": 2}[protocol]
    with MPCSession(_cfg(tiny_model, protocol)) as s:
        pids = s.party_pids
        assert len(set(pids)) == n and os.getpid() not in pids  # one process per party
        gen = s.generate_ids(PROMPT, max_new_tokens=3)
        # A prompt longer than the compiled shape is refused before anything is shared, and
        # the session stays usable afterwards.
        with pytest.raises(MPCInputError, match="compiled for 12"):
            s.generate_ids(list(range(12)), max_new_tokens=1)
        again = s.generate_ids(PROMPT, max_new_tokens=1)
    assert len(gen.tokens) == 3 and all(0 <= t < VOCAB for t in gen.tokens)
    assert gen.agreement is not None and gen.agreement >= AGREEMENT_TARGET
    assert again.tokens == gen.tokens[:1]  # deterministic greedy under fresh random shares
    for step in gen.steps:
        assert step.max_abs_err is not None and step.max_abs_err < 0.05  # fixed point, not noise
        assert len(step.link_bytes) == n
        # Every party exchanged shares with its peers (a local-only run would send nothing) ...
        assert all(b is not None and b > 1000 for b in step.link_bytes)
        # ... and the client sent each party its own share of the 12x32 embeddings.
        assert len(step.client_bytes) == n and min(step.client_bytes) > 12 * HIDDEN * 8


def test_generation_stops_at_the_compiled_length(tiny_model: Path) -> None:
    with MPCSession(_cfg(tiny_model, "SEMI2K")) as s:
        gen = s.generate_ids(PROMPT, max_new_tokens=50)
        # A dying party is noticed within seconds, never a hang.
        os.kill(s.party_pids[1], signal.SIGKILL)
        t0 = time.monotonic()
        with pytest.raises(MPCPartyError, match="party"):
            s.generate_ids(PROMPT, max_new_tokens=2)
        assert time.monotonic() - t0 < 30
    assert gen.stopped == "length" and len(PROMPT) + len(gen.tokens) == 12


@pytest.mark.parametrize(("corrupt", "message"), [
    ("digest", "integrity check"),
    ("meta", "malformed"),
])
def test_damaged_share_is_refused(tiny_model: Path, corrupt: str, message: str) -> None:
    with MPCSession(_cfg(tiny_model, "SEMI2K", corrupt=corrupt)) as s:
        t0 = time.monotonic()
        with pytest.raises(MPCPartyError, match=message):
            s.generate_ids(PROMPT, max_new_tokens=1)
        assert time.monotonic() - t0 < 240


def test_teacher_forced_forward_scores_every_position_like_generation(tiny_model: Path) -> None:
    """One teacher-forced forward over the prompt and its greedy continuation reproduces, at
    every generated position, the token the generation session picked (same prefix, same
    model), and the client got every position's logits back, not only the last one's."""
    with MPCSession(_cfg(tiny_model, "ABY3")) as s:
        gen = s.generate_ids(PROMPT, max_new_tokens=4)
    seq = PROMPT + gen.tokens
    with MPCSession(_cfg(tiny_model, "ABY3", teacher_forced=True)) as s:
        scored = s.score_ids(seq)
        with pytest.raises(MPCInputError, match="teacher-forced"):
            s.generate_ids(PROMPT, max_new_tokens=1)
        with pytest.raises(MPCInputError, match="compiled for 12"):
            s.score_ids(list(range(13)))
        full = s.score_ids(list(range(12)))  # the session stays usable at the full shape
    pos = scored.positions
    assert len(pos["mpc_top1"]) == len(seq) and len(full.positions["mpc_top1"]) == 12
    assert pos["mpc_top1"][len(PROMPT) - 1 : -1] == gen.tokens
    assert scored.agreement >= AGREEMENT_TARGET
    assert max(pos["max_abs_err"]) < 0.05 and min(pos["mean_abs_err"]) > 0  # fixed point
    assert all(b is not None and b > 1000 for b in scored.link_bytes)
    # ABY3: each party returns two of the three replicated shares of all 12 x VOCAB logits.
    assert len(scored.client_recv_bytes) == 3
    assert min(scored.client_recv_bytes) >= 2 * 12 * VOCAB * 8
