"""Distillation of the fine-tuned teacher into a smaller, faster student.

Two kinds of student: a copy of the teacher with layers dropped (embeddings, kept layers and
the head are the teacher's fine-tuned weights, as in DistilBERT), or a BERT-tiny-class model
(``hidden`` 128-256, its embeddings a projection of MiniLM's; see ``model.build_model``), several
times cheaper per token than any cut of the 384-wide teacher. Either learns from the teacher's
softened token distributions plus the gold BIO labels.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import torch
from torch import nn

from veil.train import data
from veil.train.central import CentralConfig, linear_schedule, run_epochs, run_settings
from veil.train.model import (
    INPUT_NAMES,
    TokenClassifier,
    _as_inputs,
    make_loader,
    token_loss,
    trim_padding,
)


def student_from(teacher: TokenClassifier, layers: int) -> TokenClassifier:
    """A copy of ``teacher`` keeping ``layers`` of its transformer layers, evenly spaced."""
    if not isinstance(teacher, TokenClassifier):
        raise ValueError("a layer-cut student needs a transformer teacher (not a conv tagger)")
    total = teacher.num_layers
    if not 1 <= layers <= total:
        raise ValueError(f"layers must be between 1 and {total}")
    student = copy.deepcopy(teacher)
    keep = [i * total // layers for i in range(layers)]
    enc: Any = student.encoder
    enc.encoder.layer = nn.ModuleList(enc.encoder.layer[i] for i in keep)
    enc.config.num_hidden_layers = layers
    return student


def distill_loss(
    student_logits: torch.Tensor,
    teacher_logits: torch.Tensor,
    labels: torch.Tensor,
    *,
    temperature: float = 2.0,
    alpha: float = 0.5,
) -> torch.Tensor:
    """``alpha`` * KL(teacher || student) at ``temperature`` (scaled by T^2) + the rest * CE,
    over the labelled tokens only."""
    mask = labels != -100
    t = temperature
    s = nn.functional.log_softmax(student_logits[mask] / t, dim=-1)
    p = nn.functional.softmax(teacher_logits[mask] / t, dim=-1)
    kl = nn.functional.kl_div(s, p, reduction="batchmean") * t * t
    return alpha * kl + (1 - alpha) * token_loss(student_logits, labels)


def distill(
    teacher: TokenClassifier,
    sentences: Sequence[data.TaggedSentence],
    tokenizer: Any,
    cfg: CentralConfig,
    *,
    layers: int = 3,
    hidden: int | None = None,
    alpha: float = 0.5,
    progress: bool = True,
    checkpoints: Path | str | None = None,
    checkpoint_every: int = 0,
    resume: bool = False,
) -> tuple[TokenClassifier, list[float]]:
    """Train a ``layers``-layer student on ``sentences`` against ``teacher``: a cut of the
    teacher, or with ``hidden`` a tiny student of that width. ``alpha`` weighs the teacher's
    soft labels against the gold ones. ``checkpoints``/``resume`` as in
    :func:`veil.train.central.fit` (a checkpoint does not identify its teacher: resume with
    the same one)."""
    torch.manual_seed(cfg.seed)
    student: TokenClassifier
    if hidden:
        from veil.train.model import build_model

        tiny = build_model(base="tiny", layers=layers, hidden=hidden, seed=cfg.seed)
        if not isinstance(tiny, TokenClassifier):
            raise TypeError("a tiny student is a transformer")
        student = tiny
    else:
        student = student_from(teacher, layers)
    teacher.eval()
    loader = make_loader(
        sentences,
        tokenizer,
        batch_size=cfg.batch_size,
        seed=cfg.seed + 1,
        max_length=cfg.max_length,
        group_by_length=cfg.group_by_length,
    )
    trainable = [p for p in student.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=cfg.lr, weight_decay=cfg.weight_decay)
    scheduler = linear_schedule(optimizer, cfg.epochs * len(loader), cfg.warmup)

    def epoch(batches: Iterable[Any], hook: Callable[[float], None]) -> None:
        student.train()
        for batch in batches:
            inputs, labels = trim_padding(*_as_inputs(batch))
            assert labels is not None  # make_loader always adds labels
            with torch.no_grad():
                t_logits = teacher(**inputs)
            loss = distill_loss(student(**{k: inputs[k] for k in INPUT_NAMES}), t_logits, labels,
                                alpha=alpha)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            scheduler.step()
            hook(float(loss.detach()))

    settings = {**run_settings(cfg, student, len(loader)), "alpha": alpha,
                "teacher_layers": teacher.num_layers}
    losses = run_epochs(
        student, loader, optimizer, scheduler, cfg, epoch, settings=settings,
        progress=progress, desc="distill", checkpoints=checkpoints,
        checkpoint_every=checkpoint_every, resume=resume,
    )
    student.eval()
    return student, losses
