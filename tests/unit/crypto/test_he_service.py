"""HE classification over a real HTTP boundary with real MiniLM embeddings."""

from __future__ import annotations

import httpx
import numpy as np
import pytest

pytest.importorskip("tenseal")  # the `crypto` extra; `make install` installs it

from veil.console.demo import ThreadServer  # noqa: E402
from veil.crypto.he import HEServer  # noqa: E402
from veil.crypto.he_classifier import LABELS, dataset, minilm_embedder, train  # noqa: E402
from veil.crypto.he_service import CONTEXT_HEADER, RemoteHEClassifier, create_he_app  # noqa: E402


@pytest.mark.slow
def test_encrypted_classification_over_http_agrees_with_plaintext():
    embed = minilm_embedder()
    train_x, train_y = dataset(40, seed=5)
    test_x, test_y = dataset(3, seed=1005)
    model = train(embed(train_x), train_y)
    xte = embed(test_x)
    plain = [LABELS[i] for i in np.argmax(model.scores(xte), axis=1)]
    server = HEServer(model)
    with ThreadServer(create_he_app(server)) as srv:
        remote = RemoteHEClassifier(srv.url, embed)
        encrypted = remote.classify(test_x)
        # The server only ever held public contexts.
        assert all(not c.has_secret_key() for c in server._contexts.values())
        with httpx.Client(base_url=srv.url, timeout=60) as http:
            ct = remote.client.encrypt(xte[0])
            bad_ctx = http.post("/v1/he/classify", content=ct,
                                headers={CONTEXT_HEADER: "f" * 32})
            no_ctx = http.post("/v1/he/classify", content=ct)
            short = http.post("/v1/he/classify", content=ct[: len(ct) // 2],
                              headers={CONTEXT_HEADER: remote.context_id})
        remote.close()
    assert encrypted == plain  # top-1 agreement on every text
    acc_plain = np.mean(np.array(plain) == np.array(test_y))
    acc_enc = np.mean(np.array(encrypted) == np.array(test_y))
    assert abs(acc_plain - acc_enc) <= 0.01
    t = remote.traffic
    assert t.queries == len(test_x)
    assert 100_000 < t.sent_bytes / t.queries < 1_000_000  # one CKKS ciphertext per input
    assert t.context_bytes > 1_000_000  # Galois keys dominate the one-time upload
    for resp, code in ((bad_ctx, "he_context_error"), (no_ctx, "he_context_error"),
                       (short, "he_ciphertext_error")):
        assert resp.status_code == 400
        assert resp.json()["error"]["code"] == code
