"""SmolLM2-135M (the packaged model): loader and exact-mode equivalence. One shared load."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

pytestmark = pytest.mark.slow

TEXT = ("The quick brown fox jumps over the lazy dog. Water boils at one hundred degrees Celsius "
        "at sea level, and freezes at zero.")


@pytest.fixture(scope="module")
def smollm2():  # type: ignore[no-untyped-def]
    from veil.models import load_smollm2

    return load_smollm2()


def test_loader_gives_a_standard_cached_checkpoint(smollm2) -> None:  # type: ignore[no-untyped-def]
    from veil.models import smollm2_gguf_path, smollm2_hf_dir

    model, tok = smollm2
    d = smollm2_hf_dir()
    assert (d / "config.json").is_file() and any(d.glob("*.safetensors"))
    assert smollm2_gguf_path().suffix == ".gguf"
    assert model.config.model_type == "llama" and model.config.hidden_size == 576
    assert len(tok) == 49152 and tok.chat_template and tok.eos_token == "<|im_end|>"
    assert next(model.parameters()).dtype == torch.float32


def test_exact_mode_matches_plaintext(smollm2) -> None:  # type: ignore[no-untyped-def]
    from veil.obfuscation import ObfuscationConfig, generate_key, obfuscate

    model, tok = smollm2
    conf = ObfuscationConfig.for_mode("exact")
    key = generate_key(conf, 49152, seed=3)
    obf = obfuscate(model, conf, key=key)
    tau = torch.as_tensor(key.tau)
    ids = torch.tensor([tok(TEXT)["input_ids"]])
    with torch.no_grad():
        base = model(ids).logits
        got = obf(tau[ids]).logits[..., tau]
        assert (base - got).abs().max().item() <= 1e-3
        chat = torch.tensor([tok.apply_chat_template(
            [{"role": "user", "content": "What is the capital of France?"}],
            add_generation_prompt=True, tokenize=True, return_dict=False)])
        want = model.generate(chat, max_new_tokens=8, do_sample=False)
        out = obf.generate(tau[chat], max_new_tokens=8, do_sample=False)
    assert key.decode_ids(out[0].numpy()) == want[0].tolist()
    # the obfuscated weights are not the plaintext ones in disguise
    assert not torch.allclose(obf.model.embed_tokens.weight[tau[:100]],
                              model.model.embed_tokens.weight[:100], atol=1e-3)
