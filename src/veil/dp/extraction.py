"""InferDPT's extraction step, on the client side, with the embedded SmolLM2.

The upstream only ever sees the perturbed prompt; its answer is rewritten locally "in the light of"
the original prompt, which never leaves the client. The local model is small (135M parameters), so
the rewrite is a best effort: it keeps the upstream's content and repairs what the perturbation
broke (wrong words, off-topic details).
"""

from __future__ import annotations

from threading import Lock
from typing import Any

from veil.errors import InputError

__all__ = ["extract_answer", "generate", "generate_many", "load_local_model"]

_MODEL: tuple[Any, Any] | None = None
_LOCK = Lock()

_SYSTEM = (
    "You are a careful assistant. A draft answer was written for a garbled version of the user's "
    "question. Rewrite the draft so that it answers the user's real question. Keep the useful "
    "content of the draft, drop what does not fit the question, and answer concisely."
)


def load_local_model() -> tuple[Any, Any]:
    """(model, tokenizer) of the embedded SmolLM2, loaded once per process (offline)."""
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            from veil.models.smollm2 import load_smollm2

            _MODEL = load_smollm2()
        return _MODEL


def generate(messages: list[dict[str, str]], *, model: tuple[Any, Any] | None = None,
             max_new_tokens: int = 64, temperature: float | None = None,
             seed: int | None = None) -> str:
    """Chat completion with a local (model, tokenizer) pair: greedy, or sampled at
    ``temperature`` (seeded with ``seed``) to measure how much two answers differ by chance."""
    import torch

    mdl, tok = model if model is not None else load_local_model()
    ids = tok.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt",
                                  return_dict=True)
    input_ids = ids["input_ids"]
    sampling: dict[str, Any] = {"do_sample": False}
    if temperature is not None:
        sampling = {"do_sample": True, "temperature": temperature, "top_k": 0, "top_p": 1.0}
        if seed is not None:
            torch.manual_seed(seed)
    with torch.inference_mode():
        out = mdl.generate(input_ids, attention_mask=ids.get("attention_mask"),
                           max_new_tokens=max_new_tokens, **sampling,
                           pad_token_id=tok.pad_token_id or tok.eos_token_id)
    return tok.decode(out[0, input_ids.shape[1]:], skip_special_tokens=True).strip()


def generate_many(prompts: list[str], *, model: tuple[Any, Any] | None = None,
                  max_new_tokens: int = 64, temperature: float = 0.7, seed: int = 0
                  ) -> list[str]:
    """Sampled answers to many user prompts in ONE batched generation (left padding): the
    answer-utility sweep's cost is one pass per setting instead of one per prompt."""
    import torch

    mdl, tok = model if model is not None else load_local_model()
    tok.padding_side = "left"
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    texts = [tok.apply_chat_template([{"role": "user", "content": p}], add_generation_prompt=True,
                                     tokenize=False) for p in prompts]
    enc = tok(texts, return_tensors="pt", padding=True, add_special_tokens=False)
    torch.manual_seed(seed)
    with torch.inference_mode():
        out = mdl.generate(**enc, max_new_tokens=max_new_tokens, do_sample=True,
                           temperature=temperature, top_k=0, top_p=1.0,
                           pad_token_id=tok.pad_token_id)
    return [tok.decode(row, skip_special_tokens=True).strip()
            for row in out[:, enc["input_ids"].shape[1]:]]


def extract_answer(original_prompt: str, perturbed_answer: str, *,
                   model: tuple[Any, Any] | None = None, max_new_tokens: int = 128) -> str:
    """Rewrite ``perturbed_answer`` (the upstream's answer to the perturbed prompt) so that it
    answers ``original_prompt``. Runs entirely on the client."""
    if not original_prompt.strip():
        raise InputError("original_prompt is empty; nothing to extract an answer for")
    if not perturbed_answer.strip():
        raise InputError("perturbed_answer is empty; the upstream returned no text to rewrite")
    messages = [
        {"role": "system", "content": _SYSTEM},
        {"role": "user", "content": f"Question: {original_prompt}\n\nDraft answer: "
                                    f"{perturbed_answer}\n\nRewritten answer:"},
    ]
    return generate(messages, model=model, max_new_tokens=max_new_tokens)
