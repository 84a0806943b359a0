"""Private classification under homomorphic encryption (CKKS through TenSEAL).

The client embeds its text locally, encrypts the embedding under its own CKKS key and sends the
ciphertext with a *public* context (public, relinearization and Galois keys; never the secret
key). The server evaluates a linear classifier on the ciphertext -- one encrypted dot product per
class plus a bias, one result ciphertext each -- and returns them. Only the client can decrypt the
scores; it takes the argmax locally.

Threat model (honest-but-curious server): the server learns the ciphertext sizes, the timing of
each query and how many queries a client makes; it never holds a key that decrypts the input or
the scores. Not covered: a malicious server may return any ciphertext it likes (wrong scores),
and CKKS gives no circuit privacy, so a client that inspects the decrypted slots may learn more
about the weights than the scores alone; the model's secrecy against the client is not a goal.

A check slot catches a result that does not belong to this client's key (a ciphertext encrypted
under another key, or a server that evaluated under another context): the client appends a
random value it keeps to every query, the server copies that slot into the result, and the
client refuses a result whose check slot does not decrypt back to it.

Security level comes from the Homomorphic Encryption Standard table (homomorphicencryption.org,
2018; classical attacks, ternary secret): the largest total bit length of the coefficient modulus
(log Q, special prime included, as SEAL counts it) allowed for a ring dimension N.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from veil.errors import ConfigError, HECiphertextError, HEContextError, HEResultError

#: Homomorphic Encryption Standard, Table 1 (classical, ternary secret): N -> max log Q
#: for each security level in bits.
HE_STANDARD_MAX_LOGQ: dict[int, dict[int, int]] = {
    128: {1024: 27, 2048: 54, 4096: 109, 8192: 218, 16384: 438, 32768: 881},
    192: {1024: 19, 2048: 37, 4096: 75, 8192: 152, 16384: 305, 32768: 611},
    256: {1024: 14, 2048: 29, 4096: 58, 8192: 118, 16384: 237, 32768: 476},
}

#: How far the decrypted check slot may drift from the value the client put in (CKKS is
#: approximate; at scale 2^40 the error is ~1e-6, a foreign key gives values ~1e5 and more).
CHECK_TOLERANCE = 1e-2


def _tenseal() -> Any:
    try:
        import tenseal as ts
    except ImportError:
        raise ConfigError(
            "homomorphic encryption needs TenSEAL: pip install 'veil[crypto]'"
        ) from None
    return ts


@dataclass(frozen=True)
class CKKSParams:
    """CKKS encryption parameters. The default gives 128-bit security (log Q 160 <= 218 for
    N=8192) and the one multiplicative level a plaintext-weight product needs: every extra prime
    would enlarge the Galois keys (most of the context's bytes) and every result ciphertext."""

    poly_modulus_degree: int = 8192
    coeff_mod_bit_sizes: tuple[int, ...] = (60, 40, 60)
    scale_bits: int = 40

    @property
    def log_q(self) -> int:
        return sum(self.coeff_mod_bit_sizes)

    @property
    def slots(self) -> int:
        return self.poly_modulus_degree // 2

    @property
    def security_bits(self) -> int:
        """Highest standard level these parameters reach (0: below 128 bits)."""
        for bits in (256, 192, 128):
            limit = HE_STANDARD_MAX_LOGQ[bits].get(self.poly_modulus_degree)
            if limit is not None and self.log_q <= limit:
                return bits
        return 0

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["coeff_mod_bit_sizes"] = list(self.coeff_mod_bit_sizes)
        d.update(log_q=self.log_q, slots=self.slots, security_bits=self.security_bits)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CKKSParams:
        return cls(int(d["poly_modulus_degree"]), tuple(int(b) for b in d["coeff_mod_bit_sizes"]),
                   int(d["scale_bits"]))

    def require_secure(self) -> None:
        if self.security_bits < 128:
            raise HEContextError(
                f"CKKS parameters N={self.poly_modulus_degree}, log Q={self.log_q} give less than "
                "128-bit security (HE standard table); raise N or shorten the modulus chain"
            )


@dataclass
class LinearModel:
    """The server's classifier: ``scores = weights @ x + bias`` (one row per label)."""

    labels: list[str]
    weights: np.ndarray  # (n_labels, input_dim)
    bias: np.ndarray  # (n_labels,)

    def __post_init__(self) -> None:
        self.weights = np.asarray(self.weights, dtype=np.float64)
        self.bias = np.asarray(self.bias, dtype=np.float64)
        if self.weights.ndim != 2 or self.weights.shape[0] != len(self.labels):
            raise ConfigError("weights must be (number of labels, input dim)")
        if self.bias.shape != (len(self.labels),):
            raise ConfigError("bias must have one value per label")

    @property
    def input_dim(self) -> int:
        return int(self.weights.shape[1])

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Plaintext scores, the reference the encrypted path must agree with."""
        return np.asarray(x, dtype=np.float64) @ self.weights.T + self.bias

    def to_dict(self) -> dict[str, Any]:
        return {"labels": self.labels, "weights": self.weights.tolist(),
                "bias": self.bias.tolist()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LinearModel:
        return cls(list(d["labels"]), np.array(d["weights"]), np.array(d["bias"]))


def frame(parts: Sequence[bytes]) -> bytes:
    """Several ciphertexts in one body: each prefixed with its length (4 bytes, big-endian)."""
    return b"".join(len(p).to_bytes(4, "big") + p for p in parts)


def unframe(body: bytes) -> list[bytes]:
    parts, i = [], 0
    while i < len(body):
        n = int.from_bytes(body[i:i + 4], "big")
        if n == 0 or i + 4 + n > len(body):
            raise ValueError("truncated frame")
        parts.append(body[i + 4:i + 4 + n])
        i += 4 + n
    return parts


def context_id(public_context: bytes) -> str:
    """A context's name on the server: a hash of its serialized public keys."""
    return hashlib.sha256(public_context).hexdigest()[:32]


@dataclass
class HEClient:
    """Holds the secret key. Encrypts embeddings and decrypts the server's scores."""

    input_dim: int
    params: CKKSParams = field(default_factory=CKKSParams)

    def __post_init__(self) -> None:
        ts = _tenseal()
        self.params.require_secure()
        if self.input_dim + 1 > self.params.slots:
            raise ConfigError(
                f"an input of {self.input_dim} values does not fit {self.params.slots} slots; "
                "raise poly_modulus_degree"
            )
        self._ctx = ts.context(ts.SCHEME_TYPE.CKKS,
                               poly_modulus_degree=self.params.poly_modulus_degree,
                               coeff_mod_bit_sizes=list(self.params.coeff_mod_bit_sizes))
        self._ctx.global_scale = 2.0 ** self.params.scale_bits
        self._ctx.generate_galois_keys()
        # Random per client, never sent in clear: a result must decrypt back to it.
        self._check = 0.5 + secrets.randbelow(1 << 20) / float(1 << 20)
        self._public: bytes | None = None

    def public_context(self) -> bytes:
        """Serialized public context: public, relinearization and Galois keys, no secret key."""
        if self._public is None:
            self._public = self._ctx.serialize(save_public_key=True, save_secret_key=False,
                                               save_galois_keys=True, save_relin_keys=True)
        return self._public

    @property
    def context_id(self) -> str:
        return context_id(self.public_context())

    def encrypt(self, vector: Sequence[float] | np.ndarray) -> bytes:
        x = np.asarray(vector, dtype=np.float64).ravel()
        if x.size != self.input_dim:
            raise HECiphertextError(
                f"expected a vector of {self.input_dim} values, got {x.size}; embed with the "
                "model the server's classifier was trained on"
            )
        if not np.all(np.isfinite(x)):
            raise HECiphertextError("the vector holds NaN or infinite values; check the embedder")
        ts = _tenseal()
        enc = ts.ckks_vector(self._ctx, [*x.tolist(), self._check])
        return bytes(enc.serialize())

    def decrypt(self, result: bytes, n_labels: int) -> np.ndarray:
        """The scores, after checking the result belongs to this client's key."""
        ts = _tenseal()
        try:
            values = np.array([ts.ckks_vector_from(self._ctx, part).decrypt()[0]
                               for part in unframe(result)], dtype=np.float64)
        except (ValueError, RuntimeError, TypeError, IndexError):
            raise HEResultError(
                "the server's result is not a list of CKKS ciphertexts under this client's "
                "parameters"
            ) from None
        if values.size != n_labels + 1:
            raise HEResultError(
                f"the result holds {values.size} values, expected {n_labels + 1} "
                "(scores and the check slot); the server used another model"
            )
        if not np.isfinite(values[-1]) or abs(values[-1] - self._check) > CHECK_TOLERANCE:
            raise HEResultError(
                "the result does not decrypt to this client's check value: the query was "
                "encrypted under another key than the context registered with the server, or the "
                "server evaluated it under another context; register this client's context and "
                "encrypt with it"
            )
        return values[:-1]


class HEServer:
    """Evaluates a :class:`LinearModel` on ciphertexts. Never holds a secret key.

    Public contexts are kept per id in a small LRU (each is ~19 MB at the default parameters,
    most of it Galois keys)."""

    def __init__(self, model: LinearModel, params: CKKSParams | None = None, *,
                 max_contexts: int = 4) -> None:
        self.model = model
        self.params = params or CKKSParams()
        self.params.require_secure()
        self.max_contexts = max_contexts
        self._contexts: OrderedDict[str, Any] = OrderedDict()
        w = np.zeros((len(model.labels) + 1, model.input_dim + 1))
        w[:-1, :-1] = model.weights
        w[-1, -1] = 1.0  # the check slot passes through
        self._rows = [row.tolist() for row in w]
        self._bias = [*model.bias.tolist(), 0.0]

    def describe(self) -> dict[str, Any]:
        """What a client needs to build a matching context (public information)."""
        return {"labels": self.model.labels, "input_dim": self.model.input_dim,
                "params": self.params.as_dict()}

    def register(self, public_context: bytes) -> str:
        ts = _tenseal()
        try:
            ctx = ts.context_from(public_context)
        except (ValueError, RuntimeError, TypeError):
            raise HEContextError(
                "the body is not a serialized TenSEAL context; send HEClient.public_context()"
            ) from None
        if ctx.has_secret_key() or ctx.is_private():
            # Drop it at once: the server must never hold a key that decrypts client data.
            del ctx
            raise HEContextError(
                "the context carries its secret key; send the public context only "
                "(serialize with save_secret_key=False)"
            )
        theirs = self._params_of(ctx)
        if theirs != self.params:
            raise HEContextError(
                f"the context's parameters (N={theirs.poly_modulus_degree}, "
                f"chain={list(theirs.coeff_mod_bit_sizes)}) differ from the server's "
                f"(N={self.params.poly_modulus_degree}, "
                f"chain={list(self.params.coeff_mod_bit_sizes)}); build the client from "
                "the server's description"
            )
        if not ctx.has_galois_keys():
            raise HEContextError(
                "the context has no Galois keys; the encrypted dot product needs them "
                "(call generate_galois_keys() before serializing)"
            )
        cid = context_id(public_context)
        self._contexts[cid] = ctx
        self._contexts.move_to_end(cid)
        while len(self._contexts) > self.max_contexts:
            self._contexts.popitem(last=False)
        return cid

    def _params_of(self, ctx: Any) -> CKKSParams:
        """Read N and the modulus chain back from a context: TenSEAL exposes the running totals
        of the chain, level by level (the last prime first), and the key level's total."""
        data = ctx.seal_context().data
        totals = []
        level = data.last_context_data()
        while level is not None:
            totals.append(int(level.total_coeff_modulus_bit_count()))
            level = level.prev_context_data()  # ends after the key level
        key = data.key_context_data()
        bits = tuple(b - a for a, b in zip([0, *totals[:-1]], totals, strict=True))
        scale = float(ctx.global_scale) if ctx.global_scale > 0 else 1.0
        return CKKSParams(int(key.parms().poly_modulus_degree()), bits, int(round(np.log2(scale))))

    def classify(self, cid: str, ciphertext: bytes) -> bytes:
        """Encrypted scores (labels, then the check slot) for one encrypted embedding."""
        ts = _tenseal()
        ctx = self._contexts.get(cid)
        if ctx is None:
            raise HEContextError(
                "unknown context id; register the client's public context first "
                "(contexts are evicted when many clients register)"
            )
        self._contexts.move_to_end(cid)
        try:
            enc = ts.ckks_vector_from(ctx, ciphertext)
        except (ValueError, RuntimeError, TypeError):
            raise HECiphertextError(
                "the ciphertext does not fit the registered context (other encryption "
                "parameters, or not a CKKS vector); encrypt with the client whose context "
                "you registered"
            ) from None
        expected = self.model.input_dim + 1
        if enc.size() != expected:
            raise HECiphertextError(
                f"expected an encrypted vector of {expected} values ({self.model.input_dim} "
                f"embedding values and the check slot), got {enc.size()}; embed with the "
                "model the classifier was trained on"
            )
        # One ciphertext per score: TenSEAL's pack_vectors carries the partial sums a dot
        # product leaves in the other slots into its neighbours (errors ~1e-2 measured), and
        # masking them first needs a third level, which N=8192 cannot give at 128 bits.
        scores = [enc.dot(row) + b for row, b in zip(self._rows, self._bias, strict=True)]
        return frame([bytes(s.serialize()) for s in scores])


__all__ = [
    "CHECK_TOLERANCE",
    "HE_STANDARD_MAX_LOGQ",
    "CKKSParams",
    "HEClient",
    "HEServer",
    "LinearModel",
    "context_id",
    "frame",
    "unframe",
]
