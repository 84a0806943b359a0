"""Bad input fails closed with a clear Veil error, never silent garbage."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from transformers import GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM

from veil.errors import (
    ConfigError,
    CorruptKeyError,
    KeyMismatchError,
    TokenIdError,
    UnsupportedModelError,
)
from veil.obfuscation import ObfuscationConfig, generate_key, load_key, obfuscate, save_key


def _tiny_llama() -> LlamaForCausalLM:
    cfg = LlamaConfig(vocab_size=50, hidden_size=16, intermediate_size=24, num_hidden_layers=1,
                      num_attention_heads=2, num_key_value_heads=1, head_dim=8)
    return LlamaForCausalLM(cfg).eval()


def test_unsupported_architecture_is_refused() -> None:
    model = GPT2LMHeadModel(GPT2Config(vocab_size=50, n_embd=16, n_layer=1, n_head=2))
    cfg = ObfuscationConfig.for_mode("exact")
    with pytest.raises(UnsupportedModelError, match="supported families"):
        obfuscate(model, cfg, key=generate_key(cfg, 50, seed=0))


def test_key_for_another_vocabulary_is_refused() -> None:
    cfg = ObfuscationConfig.for_mode("exact")
    with pytest.raises(KeyMismatchError, match="token ids"):
        obfuscate(_tiny_llama(), cfg, key=generate_key(cfg, 51, seed=0))


def test_token_ids_out_of_range() -> None:
    key = generate_key(ObfuscationConfig.for_mode("exact"), 50, seed=0)
    for bad in ([0, 50], [-1], [1.5]):
        with pytest.raises(TokenIdError):
            key.encode_ids(bad)
        with pytest.raises(TokenIdError):
            key.decode_ids(bad)
    ids = [0, 7, 49]
    assert key.decode_ids(key.encode_ids(ids)) == ids


def test_invalid_config_values() -> None:
    for bad in (dict(h=3), dict(alpha_e=-1.0), dict(lam=float("nan")), dict(kappa=0.0)):
        with pytest.raises(ConfigError):
            ObfuscationConfig.for_mode("default", **bad)
    with pytest.raises(ConfigError, match="unknown obfuscation mode"):
        ObfuscationConfig.for_mode("fast")  # type: ignore[arg-type]


def test_key_round_trip_and_repr_hides_secrets(tmp_path) -> None:
    cfg = ObfuscationConfig.for_mode("default", alpha_e=0.2)
    key = generate_key(cfg, 50, seed=1234)
    key.fingerprint = "f" * 64
    save_key(key, tmp_path)
    again = load_key(tmp_path, fingerprint="f" * 64)
    assert np.array_equal(again.tau, key.tau) and again.seed == 1234 and again.config == cfg
    assert "1234" not in repr(again) and str(key.tau[:3].tolist()) not in repr(again)
    assert (tmp_path / "key.json").stat().st_mode & 0o077 == 0
    with pytest.raises(KeyMismatchError, match="different obfuscated checkpoint"):
        load_key(tmp_path, fingerprint="0" * 64)


def test_corrupt_key_files(tmp_path) -> None:
    key = generate_key(ObfuscationConfig.for_mode("exact"), 50, seed=1)
    save_key(key, tmp_path)
    tensors = tmp_path / "key.safetensors"
    raw = tensors.read_bytes()
    tensors.write_bytes(raw[:-8])  # truncated
    with pytest.raises(CorruptKeyError):
        load_key(tmp_path)
    tensors.write_bytes(raw)
    meta = json.loads((tmp_path / "key.json").read_text())
    (tmp_path / "key.json").write_text("{not json")
    with pytest.raises(CorruptKeyError):
        load_key(tmp_path)
    meta["vocab_size"] = 49
    (tmp_path / "key.json").write_text(json.dumps(meta))
    with pytest.raises(CorruptKeyError):
        load_key(tmp_path)
    (tmp_path / "key.json").unlink()
    with pytest.raises(CorruptKeyError, match="must contain"):
        load_key(tmp_path)


def test_tau_that_is_not_a_permutation_is_corrupt(tmp_path) -> None:
    from safetensors.torch import save_file

    key = generate_key(ObfuscationConfig.for_mode("exact"), 50, seed=1)
    save_key(key, tmp_path)
    tau = torch.from_numpy(key.tau.copy())
    tau[0] = tau[1]
    save_file({"tau": tau}, str(tmp_path / "key.safetensors"))
    meta = json.loads((tmp_path / "key.json").read_text())
    import hashlib

    meta["tensors_sha256"] = hashlib.sha256((tmp_path / "key.safetensors").read_bytes()).hexdigest()
    (tmp_path / "key.json").write_text(json.dumps(meta))
    with pytest.raises(CorruptKeyError, match="not a permutation"):
        load_key(tmp_path)
