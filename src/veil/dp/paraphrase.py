"""DP paraphrasing (DP-Prompt, Utpala et al., EMNLP Findings 2023) with the embedded SmolLM2.

A local language model is asked to paraphrase the prompt, and every output token is SAMPLED from
the model's logits clipped to ``[clip_low, clip_high]`` at temperature ``T``. Sampling
``softmax(clip(logits) / T)`` is the exponential mechanism with utility = clipped logit, whose
sensitivity is the clip range ``Δ = clip_high - clip_low`` (any two prompts move a clipped logit by
at most Δ), so each token is ``2Δ/T``-DP and a paraphrase of ``L`` tokens is ``2·L·Δ/T``-DP by
basic composition (the whole text, not per word: DP-Prompt protects the prompt as a document).
``L`` is ``max_new_tokens``: the output length is part of the release, so the budget is always
charged for the longest possible output.

What it costs: the vocabulary has 49,152 tokens, so the clipped tail keeps ``V·exp(-eps/2)`` of the
top token's mass; below ``eps ≈ 2·ln V ≈ 22`` per token the sample is mostly noise whatever the
model. docs/dp.md has the measured figures.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from veil.dp.mechanisms import check_epsilon
from veil.errors import DPError

__all__ = ["DPParaphraser", "ParaphraseResult", "dp_prompt_epsilon", "dp_prompt_temperature"]

#: Logit clip bounds for SmolLM2-135M-Instruct: its top logit averages ~26 (std ~5) and its
#: median logit ~3 while paraphrasing, so [5, 25] keeps the ranking of the likely tokens.
CLIP = (5.0, 25.0)

_INSTRUCTION = ("Paraphrase the user's text. Keep its meaning and use different words. Reply with "
                "the paraphrase only, do not answer it.")


def dp_prompt_epsilon(*, temperature: float, clip: tuple[float, float] = CLIP,
                      tokens: int = 1) -> float:
    """Epsilon of ``tokens`` tokens sampled at ``temperature`` from logits clipped to ``clip``."""
    lo, hi = clip
    if not (math.isfinite(lo) and math.isfinite(hi) and hi > lo):
        raise DPError("clip must be two finite logit bounds (low, high) with high > low")
    if not (math.isfinite(temperature) and temperature > 0):
        raise DPError("temperature must be a finite number > 0")
    return 2.0 * tokens * (hi - lo) / temperature


def dp_prompt_temperature(*, epsilon_per_token: float, clip: tuple[float, float] = CLIP) -> float:
    """The sampling temperature that spends ``epsilon_per_token`` per generated token."""
    check_epsilon(epsilon_per_token)
    return dp_prompt_epsilon(temperature=1.0, clip=clip) / epsilon_per_token


@dataclass(frozen=True)
class ParaphraseResult:
    """A DP paraphrase and its cost; the text stays out of ``repr``."""

    text: str = field(repr=False)
    epsilon_per_token: float
    epsilon_total: float  #: charged for ``max_new_tokens`` tokens (the longest release)
    temperature: float
    n_tokens: int  #: tokens actually generated (<= max_new_tokens)


class _Clip:
    """Logits processor: clip to the bounds, then divide by the temperature (the mechanism)."""

    def __init__(self, clip: tuple[float, float], temperature: float) -> None:
        self.lo, self.hi = clip
        self.temperature = temperature

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        return scores.float().clamp(self.lo, self.hi) / self.temperature


class DPParaphraser:
    """``paraphrase_many(texts, epsilon=...)``: DP-Prompt paraphrases of a batch of texts."""

    name = "dp-prompt"

    def __init__(self, *, model: tuple[Any, Any] | None = None,
                 clip: tuple[float, float] = CLIP, max_new_tokens: int = 48,
                 batch_size: int = 10) -> None:
        dp_prompt_epsilon(temperature=1.0, clip=clip)  # validates the bounds
        if max_new_tokens < 1:
            raise DPError("max_new_tokens must be >= 1")
        self.clip = clip
        self.max_new_tokens = max_new_tokens
        self.batch_size = batch_size
        self._model = model

    def _load(self) -> tuple[Any, Any]:
        if self._model is None:
            from veil.dp.extraction import load_local_model

            self._model = load_local_model()
        return self._model

    def paraphrase_many(self, texts: Sequence[str], *, epsilon: float,
                        seed: int | None = None) -> list[ParaphraseResult]:
        """One paraphrase per text, each token ``epsilon``-DP (``seed``: reproducible runs only;
        None draws the sampler's seed from ``secrets``)."""
        import torch
        from transformers import LogitsProcessorList

        temperature = dp_prompt_temperature(epsilon_per_token=epsilon, clip=self.clip)
        model, tok = self._load()
        gen = torch.Generator().manual_seed(seed if seed is not None else secrets.randbits(63))
        out: list[ParaphraseResult] = []
        tok.padding_side = "left"  # generation appends on the right
        if tok.pad_token is None:
            tok.pad_token = tok.eos_token
        for s in range(0, len(texts), self.batch_size):
            chunk = texts[s:s + self.batch_size]
            prompts = [tok.apply_chat_template(
                [{"role": "system", "content": _INSTRUCTION}, {"role": "user", "content": t}],
                add_generation_prompt=True, tokenize=False) for t in chunk]
            enc = tok(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
            torch.manual_seed(int(torch.randint(0, 2**62, (1,), generator=gen)))
            with torch.inference_mode():
                ids = model.generate(
                    **enc, max_new_tokens=self.max_new_tokens, do_sample=True, temperature=1.0,
                    top_k=0, top_p=1.0, logits_processor=LogitsProcessorList(
                        [_Clip(self.clip, temperature)]),
                    pad_token_id=tok.pad_token_id)
            new = ids[:, enc["input_ids"].shape[1]:]
            for row in new:
                n = int((row != tok.pad_token_id).sum())
                out.append(ParaphraseResult(
                    text=tok.decode(row, skip_special_tokens=True).strip(),
                    epsilon_per_token=epsilon,
                    epsilon_total=epsilon * self.max_new_tokens,
                    temperature=temperature, n_tokens=n))
        return out
