"""The BERT-tiny-class classifier under MPC: real SPU parties (SEMI2K, two processes) on a tiny
trained encoder, against the same function in float. Needs the crypto environment (``make
crypto-env``), which CI does not build: skipped when it is absent. The full-size figures come
from ``veil crypto bench-classifier``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from veil.crypto.encoder_train import EncoderShape, encode, train_encoder
from veil.crypto.he_classifier import LABELS, dataset
from veil.crypto.mpc import MPCConfig, MPCSession, crypto_python
from veil.crypto.mpc_classifier import _torch_predictions
from veil.errors import ConfigError, MPCInputError

try:
    crypto_python()
    HAVE_ENV = True
except ConfigError:
    HAVE_ENV = False

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not HAVE_ENV, reason="crypto environment missing (make crypto-env)"),
]

SHAPE = EncoderShape(hidden=32, heads=2, layers=2, ffn=64, max_len=24)


@pytest.fixture(scope="module")
def encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("encoder")
    card = train_encoder(out_dir=d, n_train=80, n_test=20, epochs=2, seed=5, shape=SHAPE,
                         progress=False)
    # The exported arrays reload into the same torch function: same held-out accuracy.
    texts, gold = dataset(20, seed=5 + 1001)
    pred = _torch_predictions(d, encode(texts, SHAPE.max_len), card)
    assert np.mean([LABELS[p] == g for p, g in zip(pred, gold, strict=True)]) == \
        card["torch_test_accuracy"]
    return d


def test_encoder_logits_under_mpc_match_the_float_model(encoder: Path) -> None:
    texts, _ = dataset(6, seed=77)
    ids = encode(texts, SHAPE.max_len)
    cfg = MPCConfig(protocol="SEMI2K", model="encoder", batch=4, model_dir=encoder,
                    timeout_s=300)
    with MPCSession(cfg) as s:
        runs = [s.classify_ids(ids[:4]), s.classify_ids(ids[4:])]  # a full and a partial batch
        with pytest.raises(MPCInputError, match="1 to 4 texts"):
            s.classify_ids(ids[:5])
    for r, n in zip(runs, (4, 2), strict=True):
        lg, ref = np.asarray(r["logits"]), np.asarray(r["plain_logits"])
        assert lg.shape == ref.shape == (n, 6)
        # Fixed point (18 fraction bits) through two blocks: small, bounded error, not noise.
        assert np.max(np.abs(lg - ref)) < 0.05
        assert len(r["client_bytes"]) == 2 and min(r["client_bytes"]) > 4 * 24 * 32 * 8
        assert all(b is not None and b > 1000 for b in r["link_bytes"])  # the parties talked
