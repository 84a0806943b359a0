"""Fixtures for the obfuscation tests: tiny random models in float64, offline."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")


def _rmsnorm_float64(self, hidden_states):  # type: ignore[no-untyped-def]
    # HF's RMSNorm rounds through float32 even for float64 inputs, which would cap the
    # equivalence checks at ~1e-7; the ladder needs the math in float64.
    variance = hidden_states.pow(2).mean(-1, keepdim=True)
    return self.weight * (hidden_states * torch.rsqrt(variance + self.variance_epsilon))


@pytest.fixture
def float64_norms(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from transformers.models.llama import modeling_llama
    from transformers.models.mistral import modeling_mistral
    from transformers.models.qwen2 import modeling_qwen2

    for mod, cls in ((modeling_llama, "LlamaRMSNorm"), (modeling_qwen2, "Qwen2RMSNorm"),
                     (modeling_mistral, "MistralRMSNorm")):
        monkeypatch.setattr(getattr(mod, cls), "forward", _rmsnorm_float64)
    yield


@pytest.fixture
def bypassed_norms(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """RMSNorm -> multiply by its weight (no normalization), to isolate the key matrices."""
    from transformers.models.llama import modeling_llama
    from transformers.models.mistral import modeling_mistral
    from transformers.models.qwen2 import modeling_qwen2

    def forward(self, hidden_states):  # type: ignore[no-untyped-def]
        return self.weight * hidden_states

    for mod, cls in ((modeling_llama, "LlamaRMSNorm"), (modeling_qwen2, "Qwen2RMSNorm"),
                     (modeling_mistral, "MistralRMSNorm")):
        monkeypatch.setattr(getattr(mod, cls), "forward", forward)
    yield
