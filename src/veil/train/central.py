"""Central (non-federated, non-private) fine-tuning of the detector on synthetic data.

Synthetic text is public by construction, so this is the non-private pre-training step that the
DP and federated trainers start from (DP-SGD from scratch needs far more data for the same F1).
"""

from __future__ import annotations

import collections
import itertools
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch

from veil.train import data
from veil.train.checkpoint import CheckpointDir, Progress
from veil.train.model import (
    MAX_LENGTH,
    Tagger,
    build_model,
    evaluate,
    make_loader,
    train_epoch,
)


@dataclass(frozen=True)
class CentralConfig:
    """Sizes of one training run (defaults fit a shared 2-core machine in minutes)."""

    sentences: int = 3000  # training sentences, spread evenly over the domains, mixed locales
    # the domains trained on; the evaluation sets stay on the four prose domains
    # (data.DOMAINS), so scores compare across recipes
    domains: tuple[str, ...] = data.DOMAINS
    epochs: int = 2
    batch_size: int = 16
    lr: float = 1e-4
    warmup: float = 0.1  # fraction of the steps with a rising learning rate
    weight_decay: float = 0.01
    arch: str = "minilm"  # or "conv" (veil.train.model.ARCHITECTURES)
    layers: int | None = None  # None: all six MiniLM layers (the teacher), 4 conv blocks
    hidden: int | None = None  # width of a conv tagger (None: 128)
    # share of the words outside names replaced by random words in every batch: the model
    # must read the name and its nearest words, not the template around it
    context_noise: float = 0.0
    max_length: int = MAX_LENGTH  # 64 tokens: longer than all but ~0.2% of the sentences
    # the 30k x 384 word-embedding table is half the weights: frozen, a step costs less and
    # the few thousand synthetic sentences cannot overwrite what pre-training learned
    freeze_embeddings: bool = True
    # batches of similar length (as Hugging Face's group_by_length): a random batch is padded
    # to its longest sentence, about twice the median, so this nearly halves a step
    group_by_length: bool = True
    seed: int = 0
    locale: str = "mixed"
    held_out_sentences: int = 400  # from the held-out template families
    unseen_sentences: int = 300  # from presidio-evaluator's generator (0: skip, it is slow)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def training_set(cfg: CentralConfig) -> list[data.TaggedSentence]:
    return data.generate_mixed(cfg.sentences, seed=cfg.seed, locale=cfg.locale, split="train",
                               domains=cfg.domains)


def technical_held_out_set(cfg: CentralConfig) -> list[data.TaggedSentence]:
    """The technical domain's held-out families (empty when the recipe does not train on it)."""
    if data.TECHNICAL not in cfg.domains:
        return []
    return data.generate(data.TECHNICAL, cfg.held_out_sentences, seed=cfg.seed + 10_000,
                         locale=cfg.locale, split="held_out")


def held_out_set(cfg: CentralConfig) -> list[data.TaggedSentence]:
    # another seed than training: new fillers as well as new skeletons
    return data.generate_mixed(
        cfg.held_out_sentences, seed=cfg.seed + 10_000, locale=cfg.locale, split="held_out"
    )


def seen_set(cfg: CentralConfig) -> list[data.TaggedSentence]:
    """Training templates with new fillers: what the model learned, against the held-out set's
    how far it generalises."""
    return data.generate_mixed(
        cfg.held_out_sentences, seed=cfg.seed + 20_000, locale=cfg.locale, split="train"
    )


def unseen_set(cfg: CentralConfig) -> list[data.TaggedSentence]:
    return data.generate_unseen(cfg.unseen_sentences, seed=cfg.seed) if cfg.unseen_sentences else []


def freeze_word_embeddings(model: Tagger) -> None:
    model.word_embeddings.weight.requires_grad_(False)


def linear_schedule(optimizer: torch.optim.Optimizer, total: int, warmup: float) -> Any:
    """Linear warm-up then linear decay to zero (the usual BERT fine-tuning schedule)."""
    warm = max(1, int(total * warmup))

    def factor(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (total - step) / max(1, total - warm))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def fit(
    model: Tagger,
    sentences: Sequence[data.TaggedSentence],
    tokenizer: Any,
    cfg: CentralConfig,
    *,
    progress: bool = True,
    desc: str = "train",
    checkpoints: Path | str | None = None,
    checkpoint_every: int = 0,
    resume: bool = False,
    on_step: Callable[[int, float], None] | None = None,
) -> list[float]:
    """Fine-tune ``model`` on ``sentences``; returns the mean loss of every epoch.

    With ``checkpoints`` (a folder), the run is saved every ``checkpoint_every`` optimizer steps
    (0: only at epoch ends) and at every epoch end; ``resume=True`` continues from the newest
    checkpoint there (the same final weights as an uninterrupted run with the same settings),
    or starts afresh when there is none. A run without ``resume`` replaces old checkpoints.
    ``on_step(step, loss)`` is called after every optimizer step, after any checkpoint.
    """
    loader = make_loader(
        sentences, tokenizer, batch_size=cfg.batch_size, seed=cfg.seed,
        max_length=cfg.max_length, group_by_length=cfg.group_by_length,
    )
    if cfg.freeze_embeddings:
        freeze_word_embeddings(model)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=cfg.lr, weight_decay=cfg.weight_decay)
    scheduler = linear_schedule(optimizer, cfg.epochs * len(loader), cfg.warmup)

    noise = torch.Generator().manual_seed(cfg.seed + 1)

    def epoch(batches: Iterable[Any], hook: Callable[[float], None]) -> None:
        train_epoch(model, batches, optimizer, scheduler=scheduler, max_grad_norm=1.0,
                    progress=hook, context_noise=cfg.context_noise, generator=noise)

    return run_epochs(
        model, loader, optimizer, scheduler, cfg, epoch,
        settings=run_settings(cfg, model, len(loader)), progress=progress, desc=desc,
        checkpoints=checkpoints, checkpoint_every=checkpoint_every, resume=resume,
        on_step=on_step,
    )


def run_epochs(
    model: Tagger,
    loader: Any,
    optimizer: torch.optim.Optimizer,
    scheduler: Any,
    cfg: CentralConfig,
    epoch: Callable[[Iterable[Any], Callable[[float], None]], None],
    *,
    settings: dict[str, Any],
    progress: bool = True,
    desc: str = "train",
    checkpoints: Path | str | None = None,
    checkpoint_every: int = 0,
    resume: bool = False,
    on_step: Callable[[int, float], None] | None = None,
) -> list[float]:
    """The epochs of a run, checkpointed: ``epoch(batches, hook)`` trains on ``batches`` and
    calls ``hook(loss)`` after every optimizer step. Returns the mean loss of every epoch.
    ``settings`` are what a checkpoint must match to be resumed (see :func:`fit`)."""
    per_epoch = len(loader)
    store = CheckpointDir(checkpoints) if checkpoints is not None else None
    state = Progress()
    if store is not None:
        last = store.latest() if resume else None
        if last is not None:
            state = store.restore(last, model, optimizer, scheduler, settings)
        else:
            store.clear()

    def save() -> None:
        if store is not None:
            store.save(model, optimizer, scheduler, state, settings)

    for n in range(cfg.epochs):
        # the loader draws each epoch's order from its own generator as it is read: a resumed
        # run reads the batches it has done (without training) so later epochs match
        batches: Iterator[Any] = iter(loader)
        done = state.step - n * per_epoch
        if done >= per_epoch:
            collections.deque(batches, maxlen=0)
            continue
        if done > 0:
            batches = itertools.islice(batches, done, None)
        bar = _bar(per_epoch, f"{desc} epoch {n + 1}/{cfg.epochs}", progress)
        if bar is not None and done > 0:
            bar.update(done)

        def step(loss: float, bar: Any = bar) -> None:
            state.step += 1
            if math.isfinite(loss):  # train_epoch's mean skips non-finite losses too
                state.partial_sum += loss
                state.partial_steps += 1
            _tick(bar, loss)
            at_end = state.step % per_epoch == 0
            if checkpoint_every and state.step % checkpoint_every == 0 and not at_end:
                save()
            if on_step is not None:
                on_step(state.step, loss)

        epoch(batches, step)
        if bar is not None:
            bar.close()
        state.epoch_losses.append(state.partial_sum / max(1, state.partial_steps))
        state.partial_sum, state.partial_steps = 0.0, 0
        save()
    return list(state.epoch_losses)


def run_settings(cfg: CentralConfig, model: Tagger, per_epoch: int) -> dict[str, Any]:
    """What a checkpoint must share with the run that resumes it (data, schedule, model)."""
    keep = ("sentences", "epochs", "batch_size", "lr", "warmup", "weight_decay", "max_length",
            "freeze_embeddings", "group_by_length", "seed", "locale", "context_noise")
    return {**{k: getattr(cfg, k) for k in keep}, "batches_per_epoch": per_epoch,
            "arch": model.arch, "layers": model.num_layers, "hidden": model.hidden_size}


def train_central(
    cfg: CentralConfig, tokenizer: Any, *, progress: bool = True
) -> tuple[Tagger, dict[str, Any]]:
    """Build, fine-tune and score a model; returns it with a record of the run."""
    random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    t0 = time.perf_counter()
    train = training_set(cfg)
    model = build_model(base=cfg.arch, layers=cfg.layers, hidden=cfg.hidden, seed=cfg.seed)
    losses = fit(model, train, tokenizer, cfg, progress=progress)
    record: dict[str, Any] = {
        "config": cfg.as_dict(),
        "layers": model.num_layers,
        "train_sentences": len(train),
        "epoch_losses": losses,
        "train_seconds": round(time.perf_counter() - t0, 1),
    }
    return model, record


def score(
    model: Tagger,
    tokenizer: Any,
    sets: Mapping[str, Sequence[data.TaggedSentence]],
) -> dict[str, dict[str, float]]:
    """Exact-span scores of ``model`` on each named evaluation set."""
    return {name: evaluate(model, s, tokenizer) for name, s in sets.items() if s}


def _bar(total: int, desc: str, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="batch", leave=False)


def _tick(bar: Any, loss: float) -> None:
    if bar is not None:
        bar.update(1)
        bar.set_postfix(loss=f"{loss:.3f}")
