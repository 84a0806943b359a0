"""The wire between Veil's MPC processes: the protocols, and one framed message format.

This module is imported on BOTH sides of the environment boundary: by :mod:`veil.crypto.mpc`
in Veil's environment and, as a plain sibling module, by :mod:`veil.crypto.parties` inside the
separate crypto environment (``.venv-crypto``, where SPU lives). So it uses the standard library
only and no relative imports.

A frame is ``u32 header length | JSON header | u32 blob count | (u64 length, 32-byte SHA-256,
bytes) per blob``. The digest catches shares damaged between the client and a party (a
truncated or flipped byte) before they reach SPU, which would otherwise compute on them
silently: the semi-honest protocols carry no MACs, so this is an integrity check of the
transport, not protection against a party that lies.
"""

from __future__ import annotations

import hashlib
import json
import socket
import struct
import time
from dataclasses import dataclass
from typing import Any

#: Protocol name -> number of computing parties. The name is SPU's ``ProtocolKind``.
PROTOCOLS: dict[str, int] = {"ABY3": 3, "SEMI2K": 2, "CHEETAH": 2}

#: SPU fixed-point precision presets (name -> RuntimeConfig knobs; veil.crypto.precision applies
#: them). "pade" is the default: SPU's default exp, (1 + x/256)^256, is off by up to 9% on the
#: attention scores, and that error compounds over blocks; the Pade exp is off by 0.4% for about
#: the same cost. "taylor" is SPU's default, kept to compare; "fm128" doubles the ring for 26
#: fraction bits (rsqrt and 1/x about 100x closer) at roughly twice the traffic.
#: Figures: benchmarks/results/crypto/precision.md.
PRECISIONS: dict[str, dict[str, Any]] = {
    "pade": {"field": "FM64", "fxp": 18, "exp_mode": "PADE"},
    "taylor": {"field": "FM64", "fxp": 18, "exp_mode": "TAYLOR"},
    "fm128": {"field": "FM128", "fxp": 26, "exp_mode": "PADE"},
}
DEFAULT_PRECISION = "pade"

#: Largest accepted frame part: shares of one compiled input stay far below this; anything
#: larger is a broken or hostile peer.
MAX_PART = 1 << 31


class WireError(Exception):
    """A peer closed the connection, timed out, or sent a malformed or damaged frame."""


@dataclass(frozen=True)
class Message:
    header: dict[str, Any]
    blobs: list[bytes]


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        try:
            chunk = sock.recv(min(n - len(buf), 1 << 20))
        except TimeoutError:
            raise WireError("peer timed out") from None
        except OSError as e:
            raise WireError(f"connection failed ({e.__class__.__name__})") from None
        if not chunk:
            raise WireError("peer closed the connection")
        buf += chunk
    return bytes(buf)


def send(sock: socket.socket, header: dict[str, Any], blobs: list[bytes] | None = None) -> int:
    """Send one frame; returns the number of bytes written."""
    head = json.dumps(header, separators=(",", ":")).encode()
    parts = [struct.pack(">I", len(head)), head, struct.pack(">I", len(blobs or []))]
    for b in blobs or []:
        parts += [struct.pack(">Q", len(b)), hashlib.sha256(b).digest(), b]
    data = b"".join(parts)
    try:
        sock.sendall(data)
    except OSError as e:
        raise WireError(f"connection failed ({e.__class__.__name__})") from None
    return len(data)


def recv(sock: socket.socket) -> Message:
    """Receive one frame; a digest mismatch is a :class:`WireError` naming the blob."""
    (hlen,) = struct.unpack(">I", _recv_exact(sock, 4))
    if hlen > MAX_PART:
        raise WireError("frame header too large")
    try:
        header = json.loads(_recv_exact(sock, hlen))
    except ValueError:
        raise WireError("frame header is not JSON") from None
    if not isinstance(header, dict):
        raise WireError("frame header is not an object")
    (count,) = struct.unpack(">I", _recv_exact(sock, 4))
    if count > 4096:
        raise WireError("too many blobs in one frame")
    blobs = []
    for i in range(count):
        (blen,) = struct.unpack(">Q", _recv_exact(sock, 8))
        if blen > MAX_PART:
            raise WireError("frame blob too large")
        digest = _recv_exact(sock, 32)
        blob = _recv_exact(sock, blen)
        if hashlib.sha256(blob).digest() != digest:
            raise WireError(f"blob {i} failed its integrity check (damaged share)")
        blobs.append(blob)
    return Message(header, blobs)


def connect(port: int, *, timeout: float) -> socket.socket:
    """Connect to a party's control port, retrying while it starts (until ``timeout``)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        except ConnectionRefusedError:
            if time.monotonic() > deadline:
                raise WireError(f"no party listens on port {port}") from None
            time.sleep(0.2)
            continue
        sock.settimeout(timeout)
        return sock


def free_ports(n: int) -> list[int]:
    """``n`` distinct loopback ports free right now (bound together so they differ)."""
    socks = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


__all__ = ["DEFAULT_PRECISION", "MAX_PART", "PRECISIONS", "PROTOCOLS", "Message", "WireError",
           "connect", "free_ports", "recv", "send"]
