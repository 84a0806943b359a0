"""Federated training of the learned detector on Flower (FedAvg / FedProx, SecAgg+, DP).

Each client is one organisation with its own domain and locale (non-IID: a hospital in the US,
a bank in Germany, a law firm in France, a support desk in India, ...). The same code runs in
Flower's simulation engine (:func:`run_simulation`: tests, ``veil eval training``) and in the
deployment engine (:mod:`veil.train.flower_app`: a SuperLink and SuperNodes as processes, driven
by ``flwr run``); a :class:`FederatedConfig` travels as Flower's flat ``run_config``.

What the server sees: with SecAgg+ only the sum of the clients' updates (never one client's);
with DP-SGD on each client (``dp_epsilon > 0``) that sum — and the released model — is
(epsilon, delta)-DP per sentence of every client; with central DP (``central_noise > 0``)
clients clip their update and the server noises the sum (client-level DP, meaningful with many
clients). The threat model of each is in :mod:`veil.train.dp` and :mod:`veil.train.secagg`.

Only the trainable weights travel: the embeddings stay frozen (they are public pre-trained
weights), which keeps SecAgg+'s masking and Opacus' per-sample hooks affordable.

A client trains on synthetic sentences of its profile (the research setting every recorded
comparison uses) or on its organisation's own annotated documents: a SuperNode started with
``--node-config "... data-file='<path>'"`` reads that file (:mod:`veil.train.documents`) and
nothing of it leaves the node but the (masked, noised) update. The server scores each round
on public synthetic sets only, and with ``detector_path`` exports the released model as a
detector folder that ``ner_backend: learned`` serves.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from veil.errors import ConfigError
from veil.train import canary as canary_mod
from veil.train.data import TaggedSentence

#: (domain, locale) of client i (wraps around): each client a different domain and locale
CLIENT_PROFILES: tuple[tuple[str, str], ...] = (
    ("medical", "en_US"), ("banking", "de_DE"), ("legal", "fr_FR"), ("support", "en_IN"),
    ("medical", "es_ES"), ("banking", "it_IT"), ("legal", "nl_NL"), ("support", "pl_PL"),
)  # fmt: skip
STRATEGIES = ("fedavg", "fedprox")
LR_SCHEDULES = ("constant", "cosine")


@dataclass(frozen=True, kw_only=True)
class FederatedConfig:
    """One federated run. Flat scalars only: it is also Flower's ``run_config``."""

    clients: int = 4
    n_per_client: int = 200
    rounds: int = 3
    local_epochs: int = 1
    batch_size: int = 16
    lr: float = 5e-4
    strategy: str = "fedavg"
    proximal_mu: float = 0.01
    secagg: bool = True
    #: DP-SGD on every client; 0 = off
    dp_epsilon: float = 0.0
    dp_delta: float = 1e-5
    dp_max_grad_norm: float = 1.0
    #: how epsilon follows from the noise (``veil.train.dp.ACCOUNTANTS``), DP-SGD and central DP
    dp_accountant: str = "rdp"
    #: central DP (client-side clipping, server noise); 0 = off
    central_noise: float = 0.0
    central_clip: float = 1.0
    #: architecture (``veil.train.model.build_model``'s base): minilm or conv
    base: str = "minilm"
    #: encoder layers kept (0 = all 6) or conv blocks (0 = 4)
    layers: int = 0
    #: share of the words around names replaced by random words in each batch
    #: (``veil.train.model.noisy_context``); each sentence's noise depends on it alone
    context_noise: float = 0.0
    #: what trains (``veil.train.dp.TRAINABLE``: all, bitfit, head), the same in every run
    trainable: str = "all"
    seed: int = 0
    #: canaries planted in client 0's data (the privacy audit); 0 = none
    canaries: int = 0
    canary_repeats: int = 8
    #: public synthetic sentences the server pre-trains on before federation (no privacy cost)
    warmup: int = 0
    #: a detector folder (``veil train detector``: public synthetic data) whose weights the
    #: federation starts from instead of a fresh model; read by the server only, no privacy
    #: cost. Its architecture must be this run's (base, layers)
    start_from: str = ""
    #: learning rate over the rounds: constant, or cosine (down to a tenth in the last round)
    lr_schedule: str = "constant"
    #: DP-SGD only: each sentence's gradient is the mean over this many context-noise draws
    #: of it before clipping (augmentation multiplicity; no privacy cost)
    aug_multiplicity: int = 1
    #: the released model: 0 = the last round's, else an exponential moving average of the
    #: rounds' models with this decay (post-processing: no privacy cost)
    ema: float = 0.0
    eval_n: int = 200
    results_path: str = ""
    #: where the server exports the released model as a detector folder (ONNX int8 + card);
    #: "" = not exported
    detector_path: str = ""

    def __post_init__(self) -> None:
        if self.strategy not in STRATEGIES:
            raise ConfigError(f"unknown strategy {self.strategy!r}: use one of {STRATEGIES}")
        if self.clients < 2 or self.rounds < 1 or self.n_per_client < 1:
            raise ConfigError("federated training needs >= 2 clients, >= 1 round and data")
        from veil.train.dp import TRAINABLE

        if self.trainable not in TRAINABLE:
            raise ConfigError(f"unknown trainable set {self.trainable!r}: use one of "
                              f"{TRAINABLE}")
        if self.lr_schedule not in LR_SCHEDULES:
            raise ConfigError(f"unknown lr schedule {self.lr_schedule!r}: use one of "
                              f"{LR_SCHEDULES}")
        if not 0.0 <= self.ema < 1.0:
            raise ConfigError("ema must be in [0, 1): 0 releases the last round's model")
        from veil.train.dp import check_accountant

        check_accountant(self.dp_accountant)
        if self.aug_multiplicity < 1:
            raise ConfigError("aug_multiplicity must be >= 1 (1 = one noise draw per sentence)")
        if self.dp_epsilon and self.central_noise:
            raise ConfigError("pick one of DP-SGD per client (dp_epsilon) or central DP "
                              "(central_noise), not both")

    def to_run_config(self) -> dict[str, bool | int | float | str]:
        return dict(asdict(self))

    @classmethod
    def from_run_config(cls, raw: dict[str, Any]) -> FederatedConfig:
        kinds = {f.name: f.type for f in fields(cls)}
        known = {k: v for k, v in raw.items() if k in kinds}
        conv: dict[str, Any] = {}
        for k, v in known.items():
            t = str(kinds[k])
            conv[k] = (bool(v) if t == "bool" else int(v) if t == "int"
                       else float(v) if t == "float" else str(v))
        return cls(**conv)


# ---- data -------------------------------------------------------------------------------------


def client_data(cfg: FederatedConfig, pid: int, data_file: str | Path | None = None
                ) -> list[TaggedSentence]:
    """Client ``pid``'s private sentences: its organisation's own annotated documents when it
    has a ``data_file``, else synthetic ones of its domain and locale (canaries in client 0)."""
    from veil.train import data

    if data_file:
        if cfg.canaries:
            raise ConfigError("the canary audit plants synthetic names in synthetic data; "
                              "train on own documents with canaries=0 (--canaries 0)")
        path = Path(data_file)
        try:
            stat = path.stat()
        except OSError:
            raise ConfigError(f"this node's data file {path} cannot be read: check its "
                              "data-file setting") from None
        return list(_own_documents(str(path), stat.st_mtime_ns, stat.st_size))
    domain, locale = CLIENT_PROFILES[pid % len(CLIENT_PROFILES)]
    sents = data.generate(domain, cfg.n_per_client, seed=cfg.seed * 1000 + pid, locale=locale)
    if pid == 0 and cfg.canaries:
        sents, _ = canary_mod.plant(sents, n_canaries=cfg.canaries,
                                    repeats=cfg.canary_repeats, seed=cfg.seed)
    return sents


@functools.lru_cache(maxsize=4)
def _own_documents(path: str, _mtime_ns: int, _size: int) -> tuple[TaggedSentence, ...]:
    """A node's documents, read and cut once per version of the file (every round trains on
    them: the tokenizer's pass over a large file is not repeated)."""
    from veil.train.documents import load_documents

    return tuple(load_documents(path, tokenizer=tokenizer())[0])


def planted_canaries(cfg: FederatedConfig) -> list[canary_mod.Canary]:
    """The canaries of client 0 (re-derived: the server never receives client data)."""
    if not cfg.canaries:
        return []
    from veil.train import data

    domain, locale = CLIENT_PROFILES[0]
    sents = data.generate(domain, cfg.n_per_client, seed=cfg.seed * 1000, locale=locale)
    return canary_mod.plant(sents, n_canaries=cfg.canaries, repeats=cfg.canary_repeats,
                            seed=cfg.seed)[1]


def eval_sets(cfg: FederatedConfig) -> dict[str, list[TaggedSentence]]:
    """Held-out template families (all domains, mixed locales), the unseen generator, and a
    development set: the held-out families with other fillers, on which a comparison may choose
    each run's round without looking at the sets it reports. It is public text the server
    holds, so choosing a DP run's round by it is post-processing and costs no privacy."""
    from veil.train import data

    return {
        "held_out": data.generate_mixed(cfg.eval_n, seed=7_777 + cfg.seed, split="held_out"),
        "unseen": data.generate_unseen(cfg.eval_n, seed=7_777 + cfg.seed),
        "dev": data.generate_mixed(cfg.eval_n, seed=5_555 + cfg.seed, split="held_out"),
    }


# ---- model plumbing ---------------------------------------------------------------------------

_TOKENIZER: Any = None


def tokenizer() -> Any:
    global _TOKENIZER
    if _TOKENIZER is None:
        from veil.train.model import load_tokenizer

        _TOKENIZER = load_tokenizer()
    return _TOKENIZER


def new_model(cfg: FederatedConfig) -> Any:
    """The shared architecture with frozen embeddings, and whatever ``cfg.trainable`` freezes
    too (identical on server and clients)."""
    from veil.train.dp import freeze_for_dp
    from veil.train.model import build_model

    model = build_model(base=cfg.base, layers=cfg.layers or None, seed=cfg.seed)
    freeze_for_dp(model, cfg.trainable)
    return model


class Release:
    """What a run releases after each round: that round's model or, with ``decay`` > 0, an
    exponential moving average of the rounds' models (Polyak averaging; De et al. 2022 use it
    for DP-SGD). DP noise makes the rounds' models scatter around where training has got
    to; their average scatters less. It reads only released models: no privacy cost."""

    def __init__(self, decay: float) -> None:
        self.decay = decay
        self._avg: list[np.ndarray] | None = None

    def update(self, arrays: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Take the model of a new round (never the start point); return what is released."""
        if not self.decay:
            return list(arrays)
        if self._avg is None:
            self._avg = [np.array(a, copy=True) for a in arrays]
        else:
            self._avg = [self.decay * m + (1.0 - self.decay) * a
                         for m, a in zip(self._avg, arrays, strict=True)]
        return self._avg


#: rows of the frozen word table whose column sums sign it. Not all rows: the table is centred,
#: so a column's full sum is zero. Over the first 4,096 the smallest |sum| of the conv
#: tagger's 128 columns is 1.65 (median 267), far above float noise between machines
_SIGNATURE_ROWS = 4096


def table_signature(model: Any) -> str:
    """The signs of the frozen word table's columns ("+-+..."), sent with every round.

    The table never travels: each node rebuilds it. The conv tagger's is MiniLM's table on its
    principal directions, and an eigenvector's sign is the linear algebra library's choice: a
    node on another CPU or library may get some columns negated, and its updates would then
    be trained against another table than everyone else's."""
    table = model.word_embeddings.weight.detach()[:_SIGNATURE_ROWS]
    return "".join("+" if v >= 0 else "-" for v in table.double().sum(0).tolist())


def align_table(model: Any, signature: str) -> None:
    """Negate this node's table columns whose signs differ from the server's ``signature``
    (see :func:`table_signature`); refuse a table that differs otherwise."""
    if not signature:
        return
    import torch

    mine = table_signature(model)
    if mine == signature:
        return
    if len(mine) != len(signature) or model.arch != "conv":  # MiniLM's own table: read as is
        raise ConfigError("this node's word table is not the server's: run the same Veil "
                          "version and --arch/--layers on every node")
    flip = torch.tensor([-1.0 if a != b else 1.0 for a, b in zip(mine, signature, strict=True)])
    with torch.no_grad():
        model.word_embeddings.weight.mul_(flip)


def get_trainable(model: Any) -> list[np.ndarray]:
    return [p.detach().cpu().numpy().copy() for p in model.parameters() if p.requires_grad]


def set_trainable(model: Any, arrays: Sequence[np.ndarray]) -> None:
    import torch

    params = [p for p in model.parameters() if p.requires_grad]
    if len(params) != len(arrays):
        raise ConfigError(f"got {len(arrays)} weight arrays for {len(params)} trainable tensors: "
                          "server and clients must use the same base/layers")
    with torch.no_grad():
        for p, a in zip(params, arrays, strict=True):
            p.copy_(torch.from_numpy(np.asarray(a, dtype=np.float32)).view_as(p))


def sentence_losses(model: Any, sentences: list[TaggedSentence]) -> list[float]:
    """Mean token cross-entropy per sentence (the canary audit's score)."""
    import torch

    from veil.train.model import INPUT_NAMES, encode

    model.eval()
    out: list[float] = []
    with torch.no_grad():
        for i in range(0, len(sentences), 64):
            enc = encode(sentences[i : i + 64], tokenizer())
            logits = model(**{k: enc[k] for k in INPUT_NAMES})
            labels = enc["labels"]
            ce = torch.nn.functional.cross_entropy(
                logits.transpose(1, 2), labels, ignore_index=-100, reduction="none")
            mask = (labels != -100).float()
            out += (ce.sum(1) / mask.sum(1).clamp(min=1)).tolist()
    return out


def round_lr(cfg: FederatedConfig, server_round: int) -> float:
    """The learning rate of round ``server_round`` (1-based) of ``cfg.rounds``.

    Under DP-SGD the last rounds' noise moves the released weights as much as the first
    rounds' did; a cosine decay to a tenth lets the model settle instead."""
    if cfg.lr_schedule == "constant" or cfg.rounds < 2:
        return cfg.lr
    done = min(max(server_round - 1, 0), cfg.rounds - 1) / (cfg.rounds - 1)
    return cfg.lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * done)))


def local_train(
    cfg: FederatedConfig,
    model: Any,
    sentences: Sequence[TaggedSentence],
    *,
    server_round: int,
    proximal_mu: float = 0.0,
) -> dict[str, float]:
    """``cfg.local_epochs`` epochs on one client's data (DP-SGD when ``cfg.dp_epsilon``).

    Returns metrics: the mean loss and, under DP, the epsilon this client has spent so far
    (its noise is sized once for all ``cfg.rounds`` rounds, so round r reports r rounds' worth).
    """
    import torch

    from veil.train.model import Prox, make_loader, train_epoch

    loader = make_loader(sentences, tokenizer(), batch_size=cfg.batch_size, shuffle=True,
                         seed=cfg.seed * 7919 + server_round)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=round_lr(cfg, server_round))
    reference = [p.detach().clone() for p in model.parameters()]
    prox = Prox(proximal_mu, reference) if proximal_mu > 0 else None
    noise = torch.Generator().manual_seed(cfg.seed * 7919 + server_round + 1)
    if not cfg.dp_epsilon:
        losses = [train_epoch(model, loader, optimizer, prox=prox,
                              context_noise=cfg.context_noise, generator=noise)
                  for _ in range(cfg.local_epochs)]
        return {"loss": float(np.mean(losses)), "epsilon": 0.0, "delta": 0.0}
    from veil.train import dp

    n = len(sentences)
    dp.check_privacy(epsilon=cfg.dp_epsilon, delta=cfg.dp_delta, n=n,
                     max_grad_norm=cfg.dp_max_grad_norm)
    q = min(1.0, cfg.batch_size / n)
    steps_per_round = cfg.local_epochs * math.ceil(1 / q)
    z = dp.noise_multiplier_for(epsilon=cfg.dp_epsilon, delta=cfg.dp_delta, sample_rate=q,
                                steps=steps_per_round * cfg.rounds, accountant=cfg.dp_accountant)
    pmodel, poptim, ploader = dp.make_private(model, optimizer, loader, noise_multiplier=z,
                                              max_grad_norm=cfg.dp_max_grad_norm,
                                              accountant=cfg.dp_accountant)
    losses = [_dp_epoch(pmodel, ploader, poptim, model, prox, cfg.context_noise, noise,
                        multiplicity=cfg.aug_multiplicity)
              for _ in range(cfg.local_epochs)]
    pmodel._close()  # drop Opacus' hooks: the plain model goes back to Flower
    eps = dp.spent_epsilon(noise_multiplier=z, sample_rate=q, delta=cfg.dp_delta,
                           steps=steps_per_round * server_round, accountant=cfg.dp_accountant)
    return {"loss": float(np.mean(losses)), "epsilon": eps, "delta": cfg.dp_delta,
            "noise_multiplier": z}


def _dp_epoch(
    pmodel: Any, loader: Any, optimizer: Any, model: Any, prox: Any,
    context_noise: float = 0.0, generator: Any = None, *, multiplicity: int = 1,
) -> float:  # fmt: skip
    """One DP-SGD epoch. FedProx's proximal gradient mu*(w - w_global) is added *after*
    Opacus has clipped and noised the data gradient: it does not depend on private data (no
    privacy cost), and Opacus would overwrite it if it were part of the loss. Context noise
    changes each sentence from itself alone, so per-sample clipping still bounds what one
    sentence adds.

    ``multiplicity`` > 1 (De et al. 2022, "augmentation multiplicity"): each sentence goes
    through the model that many times with different context noise and dropout, and its per-sample
    gradient is the mean of its copies before Opacus clips it. One sentence still adds one
    clipped gradient, so the accounting is unchanged; the clipped direction is less noisy."""
    from veil.train.model import INPUT_NAMES, noisy_context, token_loss

    pmodel.train()
    total, steps = 0.0, 0
    for batch in loader:
        inputs = dict(zip(INPUT_NAMES, batch[:4], strict=True))
        labels = batch[4]
        optimizer.zero_grad(set_to_none=True)
        if labels.shape[0]:
            if multiplicity > 1:  # the copies differ in context noise and dropout
                inputs = {k: v.repeat_interleave(multiplicity, dim=0) for k, v in inputs.items()}
                labels = labels.repeat_interleave(multiplicity, dim=0)
            if context_noise > 0:
                inputs = noisy_context(inputs, labels, context_noise, generator)
            loss = token_loss(pmodel(**inputs), labels)
            loss.backward()
            total, steps = total + float(loss.detach()), steps + 1
            if multiplicity > 1:
                _merge_copies(model, multiplicity)
        # an empty Poisson batch still takes a (pure-noise) step, as the accountant assumes
        if optimizer.pre_step():
            if prox is not None:
                for p, r in zip(model.parameters(), prox.reference, strict=True):
                    if p.requires_grad and p.grad is not None:
                        p.grad.add_(p.detach() - r, alpha=prox.mu)
            optimizer.original_optimizer.step()
    return total / steps if steps else 0.0


def _merge_copies(model: Any, copies: int) -> None:
    """Per-sample gradients of ``copies`` consecutive rows become one row: their mean.

    Opacus scales each row's gradient by the rows in the batch (its "mean" reduction), and
    every sentence has ``copies`` rows of the same length, so the mean of a sentence's rows
    is on the same scale as one row without copies."""
    for p in model.parameters():
        grad = getattr(p, "grad_sample", None)
        if p.requires_grad and grad is not None:
            if isinstance(grad, list):  # accumulated over several backward passes: not here
                raise RuntimeError("augmentation multiplicity needs one backward pass a step")
            p.grad_sample = grad.reshape(-1, copies, *grad.shape[1:]).mean(dim=1)


def warm_up(cfg: FederatedConfig, model: Any) -> None:
    """Non-private pre-training on *public* synthetic data (a seed no client uses)."""
    if not cfg.warmup:
        return
    import torch

    from veil.train import data
    from veil.train.model import make_loader, train_epoch

    public = data.generate_mixed(cfg.warmup, seed=50_000 + cfg.seed, split="train")
    trainable = [p for p in model.parameters() if p.requires_grad]
    train_epoch(model, make_loader(public, tokenizer(), batch_size=cfg.batch_size, seed=cfg.seed),
                torch.optim.AdamW(trainable, lr=cfg.lr), context_noise=cfg.context_noise,
                generator=torch.Generator().manual_seed(cfg.seed + 3))


# ---- Flower client ----------------------------------------------------------------------------


def _numpy_client(cfg: FederatedConfig, pid: int, data_file: str | None = None) -> Any:
    from flwr.client import NumPyClient

    from veil.train.secagg import SecAggSettings, check_range

    class VeilClient(NumPyClient):
        def fit(self, parameters: list[np.ndarray], config: dict[str, Any]
                ) -> tuple[list[np.ndarray], int, dict[str, Any]]:
            import torch

            torch.set_num_threads(1)  # one core per simulated client
            sents = client_data(cfg, pid, data_file)
            # a document cut into k pieces is k of DP-SGD's units: the server states the
            # guarantee per document from this group size (counts only, never text)
            own = {"own_data": True, "document_pieces_max": max(
                Counter(s.family for s in sents).values(), default=0)} if data_file else {}
            model = new_model(cfg)
            align_table(model, str(config.get("table", "")))
            set_trainable(model, parameters)
            metrics = local_train(cfg, model, sents, server_round=int(config["server_round"]),
                                  proximal_mu=float(config.get("proximal_mu", 0.0)))
            out = get_trainable(model)
            if cfg.secagg:
                check_range(out, SecAggSettings(), n=len(sents))
            return out, len(sents), {"client": pid, **own, **metrics}

    return VeilClient()


#: the SuperNode setting (``--node-config``) that points a client at its own documents
DATA_FILE_KEY = "data-file"


def client_fn(context: Any, cfg: FederatedConfig | None = None,
              data_files: Sequence[str | Path] | None = None) -> Any:
    """Flower ``client_fn``: the SuperNode's ``partition-id`` picks the client's profile, its
    ``data-file`` (if set) its own documents; ``data_files`` (simulation) gives them by
    partition instead."""
    cfg = cfg or FederatedConfig.from_run_config(dict(context.run_config))
    pid = int(context.node_config["partition-id"])
    data_file = context.node_config.get(DATA_FILE_KEY) or None
    if data_file is None and data_files:
        data_file = data_files[pid]
    return _numpy_client(cfg, pid, str(data_file) if data_file else None).to_client()


def veil_mod(msg: Any, ctxt: Any, call_next: Any) -> Any:
    """SecAgg+ when the server runs it, client-side clipping when central DP asks for it.

    Order matters: clipping acts on the plain update *inside* SecAgg+'s masking."""
    from flwr.app.message_type import MessageType
    from flwr.client.mod import fixedclipping_mod, secaggplus_mod
    from flwr.common.secure_aggregation.secaggplus_constants import RECORD_KEY_CONFIGS

    def clip_if_asked(m: Any, c: Any) -> Any:
        if m.metadata.message_type == MessageType.TRAIN and any(
            "clipping_norm" in rec for rec in m.content.config_records.values()
        ):
            return fixedclipping_mod(m, c, call_next)
        return call_next(m, c)

    if (msg.metadata.message_type == MessageType.TRAIN
            and RECORD_KEY_CONFIGS in msg.content.config_records):
        return secaggplus_mod(msg, ctxt, clip_if_asked)
    return clip_if_asked(msg, ctxt)


# ---- Flower server ----------------------------------------------------------------------------


@dataclass
class ServerState:
    """What the server prepares before the first round: the (warmed-up) model and the
    evaluation sets."""

    model: Any
    sets: dict[str, list[TaggedSentence]]


def prepare_server(cfg: FederatedConfig) -> ServerState:
    model = start_model(cfg)
    warm_up(cfg, model)
    return ServerState(model, eval_sets(cfg))


def start_model(cfg: FederatedConfig) -> Any:
    """The server's first model: fresh, or ``cfg.start_from``'s weights. Only the trainable
    weights travel, so the clients' fresh models must equal the start model in everything
    else: the same shapes, and the same frozen word table (the public projection that
    ``veil train detector`` keeps frozen too)."""
    import torch

    from veil.train.dp import freeze_for_dp
    from veil.train.model import load

    model = new_model(cfg)
    if not cfg.start_from:
        return model
    if cfg.trainable != "all":
        # the weights a smaller trainable set freezes would have to reach every node as the
        # start detector's; only trainable weights travel, so the nodes would keep fresh ones
        raise ConfigError("a run that starts from a detector trains all its weights "
                          "(trainable all): the nodes receive only the trainable ones")
    folder = Path(cfg.start_from).expanduser()
    if not (folder / "torch" / "model.json").is_file():
        raise ConfigError(f"{folder} holds no trained weights (torch/model.json): give a folder "
                          "built by `veil train detector`")
    start = load(folder / "torch")
    freeze_for_dp(start, cfg.trainable)
    want = [tuple(p.shape) for p in model.parameters() if p.requires_grad]
    got = [tuple(p.shape) for p in start.parameters() if p.requires_grad]
    if want != got or start.arch != getattr(model, "arch", None):
        raise ConfigError(
            f"{folder} holds a {start.arch} model with {start.num_layers} layers of width "
            f"{start.hidden_size}; start this run with the same architecture (--arch "
            f"{start.arch} --layers {start.num_layers})")
    align_table(model, table_signature(start))  # built where the library chose other signs
    with torch.no_grad():
        if not torch.allclose(start.word_embeddings.weight, model.word_embeddings.weight,
                              rtol=1e-4, atol=1e-5):
            raise ConfigError(f"{folder} trained its word table, which the federation keeps "
                              "frozen and never sends; start from a detector that froze it")
    set_trainable(model, get_trainable(start))
    return model


def server_main(
    grid: Any, context: Any, cfg: FederatedConfig, state: ServerState | None = None
) -> dict[str, Any]:
    """The ServerApp body: strategy (+ central DP wrapper), SecAgg+ workflow, per-round
    evaluation on the server, canary exposure of the final model. Returns (and, with
    ``results_path``, writes) the run's report."""
    from flwr.common import ndarrays_to_parameters
    from flwr.server import LegacyContext, ServerConfig
    from flwr.server.strategy import (
        DifferentialPrivacyClientSideFixedClipping,
        FedAvg,
        FedProx,
    )
    from flwr.server.workflow import DefaultWorkflow

    from veil.train.secagg import SecAggSettings

    t0 = time.monotonic()
    state = state or prepare_server(cfg)
    model, sets = state.model, state.sets
    rounds: list[dict[str, Any]] = []
    clients: list[dict[str, Any]] = []
    final: dict[str, Any] = {}

    release = Release(cfg.ema)
    signature = table_signature(model)

    def evaluate_fn(server_round: int, arrays: list[np.ndarray], _config: dict[str, Any]
                    ) -> tuple[float, dict[str, Any]]:
        released = release.update(arrays) if server_round else arrays
        row, scores = score_round(cfg, model, sets, server_round, arrays, released)
        row["seconds"] = round(time.monotonic() - t0, 1)
        rounds.append(row)
        final["arrays"] = released
        final["scores"] = scores
        return 0.0, scalar_metrics(row)

    def fit_metrics(results: list[tuple[int, dict[str, Any]]]) -> dict[str, Any]:
        for n, m in results:
            clients.append({"n": n, **m})
        return {}

    common: dict[str, Any] = dict(
                  fraction_fit=1.0, fraction_evaluate=0.0, min_fit_clients=cfg.clients,
                  min_available_clients=cfg.clients, evaluate_fn=evaluate_fn,
                  initial_parameters=ndarrays_to_parameters(get_trainable(model)),
                  on_fit_config_fn=lambda r: {"server_round": r, "table": signature},
                  fit_metrics_aggregation_fn=fit_metrics)
    strategy: Any = (FedProx(proximal_mu=cfg.proximal_mu, **common) if cfg.strategy == "fedprox"
                     else FedAvg(**common))
    # distinct updates the server-side aggregation receives per round: with SecAgg+ every
    # result carries the same unmasked sum (Flower keeps one result per client for the
    # weights), without it each client's own update (reported, and asserted by the tests)
    seen: list[int] = []
    inner_aggregate = strategy.aggregate_fit

    def aggregate_fit(server_round: int, results: list[Any], failures: list[Any]) -> Any:
        digests = {hashlib.sha256(b"".join(res.parameters.tensors)).digest()
                   for _, res in results}
        seen.append(len(digests))
        return inner_aggregate(server_round, results, failures)

    strategy.aggregate_fit = aggregate_fit
    if cfg.central_noise:
        strategy = DifferentialPrivacyClientSideFixedClipping(
            strategy, noise_multiplier=cfg.central_noise, clipping_norm=cfg.central_clip,
            num_sampled_clients=cfg.clients)
    legacy = LegacyContext(context=context, config=ServerConfig(num_rounds=cfg.rounds),
                           strategy=strategy)
    fit_workflow = SecAggSettings().workflow() if cfg.secagg else None
    DefaultWorkflow(fit_workflow=fit_workflow)(grid, legacy)

    report = _report(cfg, rounds, clients, final, model)
    report["distinct_updates_seen_per_round"] = seen
    if cfg.detector_path and "arrays" in final:
        report["detector"] = export_release(cfg, model, final, report)
    report["seconds"] = round(time.monotonic() - t0, 1)
    if cfg.results_path:
        tmp = Path(cfg.results_path + ".tmp")  # renamed: a reader never sees half a report
        tmp.write_text(json.dumps(report, indent=2), encoding="utf-8")
        tmp.replace(cfg.results_path)
    return report


def export_release(cfg: FederatedConfig, model: Any, final: dict[str, Any],
                   report: dict[str, Any]) -> str:
    """Write the released model to ``cfg.detector_path`` as a detector folder (ONNX int8,
    tokenizer, card with the run, the clients' sizes and the privacy guarantee), swapped in
    whole; returns the folder. What the card says of the data is counts, never text."""
    import shutil

    from veil.train import card as card_mod
    from veil.train.export import export_detector, replace_folder

    folder = Path(cfg.detector_path).expanduser().resolve()
    staging = folder.parent / f".{folder.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    set_trainable(model, final["arrays"])
    export_detector(model, staging, extra={"model": "federated"})
    own = any(c.get("domain") == "own documents" for c in report["clients"])
    data_section = None
    if own:
        data_section = {"source": "each client's own annotated documents "
                        "(veil.train.documents), never pooled",
                        "clients": [{k: c[k] for k in ("client", "domain", "n")}
                                    for c in report["clients"]],
                        "evaluation": "Veil's public synthetic sets (held-out templates, "
                        "unseen generator)"}
    run = {"config": cfg.to_run_config(), "engine": "flower", "rounds": cfg.rounds,
           "clients": report["clients"],
           "sizes": {"train": sum(c["n"] for c in report["clients"])}}
    card = card_mod.build_card(run=run, scores={"federated": final.get("scores", {})},
                               chosen="federated", privacy=report["privacy"],
                               command=list(sys.argv), data_section=data_section)
    card_mod.write_card(card, staging)
    replace_folder(staging, folder)
    return str(folder)


def score_round(
    cfg: FederatedConfig, model: Any, sets: dict[str, list[TaggedSentence]], server_round: int,
    arrays: Sequence[np.ndarray], released: Sequence[np.ndarray],
) -> tuple[dict[str, Any], dict[str, Any]]:  # fmt: skip
    """One row of a run's rounds: the released model's F1 per set (``f1_<set>``) and, when it
    is an average, the round's own model's too (``raw_f1_<set>``); and the released scores.
    On the reported sets the row also keeps each sentence's span counts (``counts_<set>``,
    ``raw_counts_<set>``; numbers only, no text), from which a comparison bootstraps the
    uncertainty of a gap. Leaves ``model`` holding ``released``."""
    from veil.train.model import evaluate_counts

    def scored(prefix: str) -> tuple[dict[str, Any], dict[str, Any]]:
        out: dict[str, Any] = {}
        full: dict[str, Any] = {}
        for k, s in sets.items():
            full[k], counts = evaluate_counts(model, s, tokenizer())
            out[f"{prefix}f1_{k}"] = full[k]["micro_f1"]
            if k in REPORTED_SETS:
                out[f"{prefix}counts_{k}"] = [list(c) for c in counts]
        return out, full

    row: dict[str, Any] = {"round": server_round}
    if cfg.ema and server_round:
        set_trainable(model, arrays)
        row |= scored("raw_")[0]
    set_trainable(model, released)
    released_row, scores = scored("")
    return {**row, **released_row}, scores


#: the evaluation sets a comparison reports (the development set only chooses a round)
REPORTED_SETS = ("held_out", "unseen")


def scalar_metrics(row: dict[str, Any]) -> dict[str, Any]:
    """A round's row without its per-sentence counts: what Flower's metric records take."""
    return {k: v for k, v in row.items()
            if k != "round" and not isinstance(v, list)}


def _client_row(pid: int, metrics: dict[str, Any]) -> dict[str, Any]:
    """A client's line of the report: its data (profile, or own documents) and guarantee."""
    eps = float(metrics.get("epsilon", 0.0))
    row: dict[str, Any] = {"client": pid}
    if metrics.get("own_data"):
        group = int(metrics.get("document_pieces_max", 1))
        row |= {"domain": "own documents", "locale": "", "document_pieces_max": group,
                # group privacy: a document of k pieces is covered at k times a piece's
                # epsilon (its delta grows too); the guarantee per piece is the one accounted
                "document_epsilon": eps * group}
    else:
        row |= {"domain": CLIENT_PROFILES[pid % len(CLIENT_PROFILES)][0],
                "locale": CLIENT_PROFILES[pid % len(CLIENT_PROFILES)][1]}
    return {**row, "n": int(metrics["n"]), "epsilon": eps,
            "delta": float(metrics.get("delta", 0.0))}


def _report(cfg: FederatedConfig, rounds: list[dict[str, Any]], clients: list[dict[str, Any]],
            final: dict[str, Any], model: Any) -> dict[str, Any]:
    from veil.train import dp

    last = {c["client"]: c for c in clients}  # the last round's metrics per client
    per_client = [_client_row(int(k), v) for k, v in sorted(last.items())]
    privacy: dict[str, Any] = {"kind": "none"}
    if cfg.dp_epsilon:
        # disjoint data sets: a sentence is in one client's data, so the federation's guarantee
        # per sentence is the worst client's (parallel composition)
        privacy = {"kind": "dp-sgd per client (sentence level)",
                   "epsilon": max((c["epsilon"] for c in per_client), default=0.0),
                   "delta": cfg.dp_delta, "max_grad_norm": cfg.dp_max_grad_norm,
                   "accountant": cfg.dp_accountant}
        own = [c for c in per_client if "document_epsilon" in c]
        if own:  # own documents: the unit above is a piece; a whole document is k pieces
            privacy["kind"] = "dp-sgd per client (piece level)"
            privacy["document_epsilon"] = max(c["document_epsilon"] for c in own)
    elif cfg.central_noise:
        privacy = {"kind": "central dp (client level)", "delta": cfg.dp_delta,
                   "epsilon": dp.client_level_epsilon(noise_multiplier=cfg.central_noise,
                                                      rounds=cfg.rounds, sample_rate=1.0,
                                                      delta=cfg.dp_delta,
                                                      accountant=cfg.dp_accountant),
                   "clipping_norm": cfg.central_clip, "accountant": cfg.dp_accountant}
    exposures: list[float] = []
    if cfg.canaries and "arrays" in final:
        set_trainable(model, final["arrays"])
        exposures = [canary_mod.exposure(c, lambda b: sentence_losses(model, b),
                                         n_references=canary_mod.N_REFERENCES, seed=cfg.seed + 1)
                     for c in planted_canaries(cfg)]
    return {"config": cfg.to_run_config(), "rounds": rounds, "clients": per_client,
            "privacy": privacy, "secagg": cfg.secagg,
            "final": {k: v for k, v in final.get("scores", {}).items()},
            "canary_exposure": exposures}


def run_simulation(cfg: FederatedConfig, data_files: Sequence[str | Path] | None = None
                   ) -> dict[str, Any]:
    """Run ``cfg`` in Flower's simulation engine (Ray; one CPU per client) and return the
    report. ``data_files``: one file of own documents per client, in partition order (none:
    synthetic data)."""
    data_files = check_data_files(cfg, data_files)
    from flwr.client import ClientApp
    from flwr.server import ServerApp
    from flwr.simulation import run_simulation as flwr_run_simulation

    result: dict[str, Any] = {}
    # the heavy server preparation runs before Ray starts: Ray gives its node 30 s to come up,
    # which a loaded machine misses when model loading competes with it
    state = prepare_server(cfg)
    server_app = ServerApp()

    @server_app.main()
    def _main(grid: Any, context: Any) -> None:
        result.update(server_main(grid, context, cfg, state))

    client_app = ClientApp(client_fn=lambda ctx: client_fn(ctx, cfg, data_files),
                           mods=[veil_mod])
    cpus = max(1, min(cfg.clients, os.cpu_count() or 1))
    _start_ray(cpus)
    try:
        flwr_run_simulation(
            server_app=server_app, client_app=client_app, num_supernodes=cfg.clients,
            backend_config={"client_resources": {"num_cpus": 1, "num_gpus": 0.0}})
    finally:
        import ray

        ray.shutdown()
    if not result:
        raise ConfigError("the Flower simulation ended without a result: see its log above")
    return result


def check_data_files(cfg: FederatedConfig, data_files: Sequence[str | Path] | None
                     ) -> list[str] | None:
    """The clients' files of own documents as absolute paths, checked before anything starts:
    one per client, each readable (its content is checked by the client that reads it)."""
    if not data_files:
        return None
    if len(data_files) != cfg.clients:
        raise ConfigError(f"got {len(data_files)} data files for {cfg.clients} clients: give "
                          "one per client (--data-file once per client)")
    if cfg.canaries:
        raise ConfigError("the canary audit plants synthetic names in synthetic data; "
                          "train on own documents with --canaries 0")
    out = []
    for f in data_files:
        path = Path(f).expanduser().resolve()
        if not path.is_file():
            raise ConfigError(f"data file {path} does not exist: give each client's JSON Lines "
                              "file of annotated documents (see docs/training.md)")
        out.append(str(path))
    return out


def _start_ray(cpus: int, attempts: int = 3) -> None:
    """Start the local Ray cluster Flower's simulation runs on, retrying a start that timed out
    (Ray's 30 s node start-up limit is fixed; a busy machine misses it now and then)."""
    import ray

    os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # loopback-only, short-lived cluster
    pythonpath = os.pathsep.join(sys.path)  # Ray workers must import veil as this process does
    for attempt in range(1, attempts + 1):
        try:
            ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False,
                     runtime_env={"env_vars": {"PYTHONPATH": pythonpath}})
            return
        except Exception as exc:  # Ray raises a bare Exception on a start-up timeout
            ray.shutdown()
            if attempt == attempts:
                raise ConfigError("Ray (Flower's simulation engine) did not start: "
                                  "the machine may be overloaded; retry later") from exc
