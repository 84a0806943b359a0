"""Each supported family has an adapter naming its modules; others are refused clearly."""

from __future__ import annotations

import pytest

from veil.errors import UnsupportedModelError


def test_architecture_adapters_cover_the_supported_families() -> None:
    from transformers import LlamaConfig

    from veil.obfuscation import SUPPORTED_MODEL_TYPES
    from veil.obfuscation.architectures import LLAMA, QWEN2, adapter_for

    assert SUPPORTED_MODEL_TYPES == ("llama", "mistral", "qwen2")
    assert adapter_for(LlamaConfig()) is LLAMA
    assert LLAMA.inner_linears == ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
                                   "up_proj", "down_proj")
    assert QWEN2.layer_prefix(2) == "model.layers.2."
    with pytest.raises(UnsupportedModelError, match="supported families are llama, mistral"):
        adapter_for(type("Cfg", (), {"model_type": "gpt2"})())
