"""Split custody of the vault master key: Shamir shares, each encrypted to one custodian.

No single operator should hold the key that opens every mapping. ``veil vault init --shares N
--threshold K`` splits the master key into N shares (any K rebuild it, K-1 reveal nothing) and
seals each share to a custodian's RSA public key (OAEP, SHA-256). The custody file keeps only
public material: the sealed shares, a digest per share (so a wrong share is refused when it is
submitted, not after K of them were collected) and a key-check value of the master key.

A gateway whose settings point at a custody file starts *sealed*: it has no master key and every
vault access raises :class:`~veil.errors.VaultSealedError` until custodians submitted K shares
(``veil vault unseal``). The rebuilt key lives only in that process's memory.

Shamir's scheme is pycryptodome's (GF(2^128), 16-byte secrets): the 32-byte key is split as two
16-byte halves with the same share indices, so one share is an index plus 32 bytes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from veil.errors import ConfigError, VaultKeyError, VaultSealedError
from veil.vault.files import private_dir, replace_file, write_new

KEY_BYTES = 32
MIN_RSA_BITS = 3072
FORMAT = "veil-custody-v1"
_OAEP = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


@dataclass(frozen=True, slots=True)
class Share:
    """One Shamir share of the master key (index 1..N, 32 bytes). Hidden from repr."""

    index: int
    data: bytes

    def __repr__(self) -> str:
        return f"Share(index={self.index}, <hidden>)"

    def encode(self) -> bytes:
        return self.index.to_bytes(1, "big") + self.data

    @classmethod
    def decode(cls, raw: bytes) -> Share:
        if len(raw) != 1 + KEY_BYTES or raw[0] == 0:
            raise VaultKeyError("a key share must be 33 bytes (index, 32 share bytes)")
        return cls(index=raw[0], data=raw[1:])

    def digest(self) -> str:
        return hashlib.sha256(b"veil-share|" + self.encode()).hexdigest()


def _shamir() -> Any:
    try:
        from Crypto.Protocol.SecretSharing import Shamir  # nosec B413 # pycryptodome (maintained), not PyCrypto
    except ImportError:
        raise ConfigError("split custody needs pycryptodome: pip install 'veil[trust]'") from None
    return Shamir


def split_key(key: bytes, *, shares: int, threshold: int) -> list[Share]:
    """Shamir-split a 32-byte key: ``threshold`` of the ``shares`` rebuild it."""
    Shamir = _shamir()

    if len(key) != KEY_BYTES:
        raise VaultKeyError("the master key must be 32 bytes")
    if not 2 <= threshold <= shares <= 255:
        raise ConfigError("need 2 <= --threshold <= --shares <= 255")
    lo = Shamir.split(threshold, shares, key[:16])
    hi = Shamir.split(threshold, shares, key[16:])
    return [Share(index=i, data=a + b) for (i, a), (j, b) in zip(lo, hi, strict=True) if i == j]


def combine_shares(shares: Sequence[Share]) -> bytes:
    """The key that ``shares`` (at least the threshold, distinct indices) rebuild."""
    Shamir = _shamir()

    lo = Shamir.combine([(s.index, s.data[:16]) for s in shares])
    hi = Shamir.combine([(s.index, s.data[16:]) for s in shares])
    return bytes(lo) + bytes(hi)


def key_check(key: bytes) -> str:
    """A public check value of the master key (HMAC of a constant: reveals nothing about it)."""
    return hmac.new(key, b"veil-custody-check", hashlib.sha256).hexdigest()


# ------------------------------------------------------------------ custodian keys
def load_public_key(path: Path) -> rsa.RSAPublicKey:
    try:
        pem = path.read_text(encoding="ascii")
    except (OSError, ValueError) as e:
        raise ConfigError(
            f"cannot read the custodian public key {path} ({type(e).__name__}); give a PEM RSA "
            "public key (`veil vault custodian-keygen` writes one)"
        ) from None
    return parse_public_key(pem, name=str(path))


def load_private_key(path: Path, passphrase: bytes | None) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=passphrase)
    except (OSError, ValueError, TypeError) as e:
        raise ConfigError(
            f"cannot read the custodian private key {path} ({type(e).__name__}); check the "
            "file and its passphrase (VEIL_CUSTODIAN_PASSPHRASE)"
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ConfigError(f"custodian key {path} is not an RSA private key")
    return key


def generate_custodian_key(
    private_path: Path, public_path: Path, *, passphrase: bytes | None
) -> None:
    """A fresh RSA-3072 key pair for a custodian: private key (mode 0600) and public key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=MIN_RSA_BITS)
    enc: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    # Both new files, neither through a link; a pair is written whole or not at all (a lone
    # private key, or a half-written one, would block the name and help no one).
    write_new(private_path, pem, 0o600)
    try:
        write_new(public_path, public, 0o644)
    except BaseException:
        private_path.unlink(missing_ok=True)
        raise


def _pem(key: rsa.RSAPublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def parse_public_key(pem: str, *, name: str) -> rsa.RSAPublicKey:
    try:
        key = serialization.load_pem_public_key(pem.encode())
    except ValueError:
        raise ConfigError(f"the public key of custodian {name!r} is not a PEM key") from None
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < MIN_RSA_BITS:
        raise ConfigError(f"custodian {name!r} needs an RSA key of >= {MIN_RSA_BITS} bits")
    return key


# ------------------------------------------------------------------ custody file
@dataclass(frozen=True, slots=True)
class SealedShare:
    custodian: str
    index: int
    digest: str  # of the plaintext share
    ciphertext: bytes  # RSA-OAEP(SHA-256) of the encoded share
    public_key: str  # the custodian's PEM public key (for a re-split to the same custodians)


@dataclass(frozen=True, slots=True)
class Custody:
    """The custody file: who holds which sealed share, and how many rebuild the key."""

    threshold: int
    check: str
    shares: tuple[SealedShare, ...]

    @classmethod
    def create(
        cls, key: bytes, custodians: Mapping[str, rsa.RSAPublicKey], *, threshold: int
    ) -> Custody:
        parts = split_key(key, shares=len(custodians), threshold=threshold)
        sealed = tuple(
            SealedShare(
                custodian=name,
                index=share.index,
                digest=share.digest(),
                ciphertext=pub.encrypt(share.encode(), _OAEP),
                public_key=_pem(pub),
            )
            for (name, pub), share in zip(custodians.items(), parts, strict=True)
        )
        return cls(threshold=threshold, check=key_check(key), shares=sealed)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "threshold": self.threshold,
                "check": self.check,
                "shares": [
                    {
                        "custodian": s.custodian,
                        "index": s.index,
                        "digest": s.digest,
                        "ciphertext": base64.b64encode(s.ciphertext).decode(),
                        "public_key": s.public_key,
                    }
                    for s in self.shares
                ],
            },
            indent=2,
        )

    @classmethod
    def load(cls, path: Path) -> Custody:
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError("format")
            return cls(
                threshold=int(data["threshold"]),
                check=str(data["check"]),
                shares=tuple(
                    SealedShare(
                        custodian=str(s["custodian"]),
                        index=int(s["index"]),
                        digest=str(s["digest"]),
                        ciphertext=base64.b64decode(s["ciphertext"]),
                        public_key=str(s["public_key"]),
                    )
                    for s in data["shares"]
                ),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            raise ConfigError(
                f"custody file {path} is missing or malformed; restore it from backup "
                "(it holds only sealed shares) or run `veil vault init`"
            ) from None

    def save(self, path: Path) -> None:
        """Write the custody file in one step (a full disk leaves the previous one, or none,
        and no temporary file); it holds only sealed shares, but stays private like the key
        file it replaces."""
        try:
            private_dir(path.parent)
            replace_file(path, self.to_json().encode("utf-8"))
        except OSError as e:
            raise ConfigError(
                f"cannot write the custody file {path} ({e.strerror}); nothing was changed "
                "(the master key stays where it was): free space or make VEIL_HOME writable, "
                "and run this again"
            ) from None

    def custodians(self) -> dict[str, rsa.RSAPublicKey]:
        """The custodians' public keys (a re-split to the same people)."""
        out: dict[str, rsa.RSAPublicKey] = {}
        for s in self.shares:
            key = serialization.load_pem_public_key(s.public_key.encode())
            if not isinstance(key, rsa.RSAPublicKey):
                raise ConfigError(
                    f"custodian {s.custodian!r} has a non-RSA public key in the custody file; "
                    "re-split with `veil vault resplit` to RSA-3072 custodian keys"
                )
            out[s.custodian] = key
        return out

    def share_of(self, custodian: str) -> SealedShare:
        for s in self.shares:
            if s.custodian == custodian:
                return s
        raise ConfigError(
            f"custodian {custodian!r} holds no share in this custody file; "
            f"custodians: {', '.join(s.custodian for s in self.shares)}"
        )

    def open_share(
        self, custodian: str, private_key: rsa.RSAPrivateKey, *, check_digest: bool = True
    ) -> Share:
        """Decrypt a custodian's share with their private key (on the custodian's machine).
        ``check_digest=False`` when only the sealed share is at hand (the gateway checks it)."""
        sealed = self.share_of(custodian)
        try:
            share = Share.decode(private_key.decrypt(sealed.ciphertext, _OAEP))
        except ValueError:
            raise VaultKeyError(
                f"this private key does not open the share of custodian {custodian!r}"
            ) from None
        if check_digest and share.digest() != sealed.digest:
            raise VaultKeyError(f"the share of custodian {custodian!r} does not match its digest")
        return share


def custody_path(home: Path) -> Path:
    return home / "custody.json"


# ------------------------------------------------------------------ unsealing
@dataclass(frozen=True, slots=True)
class SealStatus:
    sealed: bool
    received: int
    threshold: int


class Unsealer:
    """Collects submitted shares until the threshold is met, then rebuilds and checks the key.

    Shares are checked against their digests on arrival (a wrong or replayed share is refused
    at once); the rebuilt key is checked against the custody file's key-check value.
    """

    def __init__(self, custody: Custody) -> None:
        self.custody = custody
        self._got: dict[int, Share] = {}
        self._key: bytes | None = None
        self._lock = threading.Lock()

    @property
    def key(self) -> bytes | None:
        return self._key

    def status(self) -> SealStatus:
        return SealStatus(
            sealed=self._key is None, received=len(self._got), threshold=self.custody.threshold
        )

    def submit(self, share: Share) -> SealStatus:
        known = {s.index: s.digest for s in self.custody.shares}
        if known.get(share.index) != share.digest():
            raise VaultKeyError(
                "this share is not one of the custody file's shares (wrong custodian key or a "
                "share from an older split); decrypt the current share and retry"
            )
        with self._lock:
            if self._key is None:
                self._got[share.index] = share
                if len(self._got) >= self.custody.threshold:
                    key = combine_shares(list(self._got.values())[: self.custody.threshold])
                    if not hmac.compare_digest(key_check(key), self.custody.check):
                        self._got.clear()
                        raise VaultKeyError(
                            "the submitted shares do not rebuild the master key; start the "
                            "unseal again with shares of the current split"
                        )
                    self._key = key
                    self._got.clear()  # nothing but the key itself is kept once unsealed
            return self.status()

    def replace(self, custody: Custody, key: bytes) -> None:
        """After a re-split/rotation: the new custody file and the key it protects."""
        with self._lock:
            self.custody, self._key = custody, key


# The process's unsealed keys, by custody file. ``load_master_key`` reads them: a sealed vault
# cannot be opened at all (never with a fresh key file), an unsealed one opens with this key.
_UNSEALED: dict[str, bytes] = {}


def set_unsealed_key(path: Path, key: bytes) -> None:
    _UNSEALED[str(path.resolve())] = key


def forget_unsealed_key(path: Path) -> None:
    _UNSEALED.pop(str(path.resolve()), None)


def unsealed_key(path: Path) -> bytes:
    key = _UNSEALED.get(str(path.resolve()))
    if key is None:
        raise VaultSealedError(
            "the vault is sealed: its master key is split among custodians; submit the "
            "threshold number of shares with `veil vault unseal`"
        )
    return key


__all__ = [
    "Custody",
    "SealStatus",
    "SealedShare",
    "Share",
    "Unsealer",
    "combine_shares",
    "custody_path",
    "forget_unsealed_key",
    "generate_custodian_key",
    "key_check",
    "load_private_key",
    "load_public_key",
    "parse_public_key",
    "set_unsealed_key",
    "split_key",
    "unsealed_key",
]
