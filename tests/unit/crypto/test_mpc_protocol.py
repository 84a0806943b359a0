"""The framed wire between Veil's MPC processes and the MPC configuration (no SPU needed)."""

from __future__ import annotations

import socket
import struct
import threading

import pytest

from veil.crypto import protocol as wire
from veil.crypto.mpc import MPCConfig, MPCSession, crypto_python
from veil.errors import ConfigError, MPCInputError


def _pair() -> tuple[socket.socket, socket.socket]:
    a, b = socket.socketpair()
    a.settimeout(2)
    b.settimeout(2)
    return a, b


def test_frame_round_trip_keeps_header_and_blobs() -> None:
    a, b = _pair()
    blobs = [b"", b"\x00" * 10, bytes(range(256)) * 100]
    sent = wire.send(a, {"op": "run", "inputs": ["x"]}, blobs)
    msg = wire.recv(b)
    assert msg.header == {"op": "run", "inputs": ["x"]} and msg.blobs == blobs
    assert sent > sum(map(len, blobs)) + 3 * 40  # length + digest per blob


def test_damaged_blob_fails_its_integrity_check() -> None:
    a, b = _pair()
    head = b'{"op":"run"}'
    blob = b"share bytes"
    import hashlib

    digest = hashlib.sha256(blob).digest()
    a.sendall(struct.pack(">I", len(head)) + head + struct.pack(">I", 1)
              + struct.pack(">Q", len(blob)) + digest + b"shAre bytes")
    with pytest.raises(wire.WireError, match="blob 0 failed its integrity check"):
        wire.recv(b)


@pytest.mark.parametrize("raw", [
    struct.pack(">I", 1 << 31 | 1),                       # absurd header length
    struct.pack(">I", 2) + b"[]",                         # header not an object
    struct.pack(">I", 3) + b"{x}",                        # header not JSON
    struct.pack(">I", 2) + b"{}" + struct.pack(">I", 99999),  # too many blobs
])
def test_malformed_frames_are_refused(raw: bytes) -> None:
    a, b = _pair()
    a.sendall(raw)
    with pytest.raises(wire.WireError):
        wire.recv(b)


def test_closed_or_silent_peer_is_an_error_not_a_hang() -> None:
    a, b = _pair()
    b.settimeout(0.2)
    with pytest.raises(wire.WireError, match="timed out"):
        wire.recv(b)
    a.close()
    with pytest.raises(wire.WireError, match="closed"):
        wire.recv(b)


def test_connect_gives_up_after_its_deadline() -> None:
    (port,) = wire.free_ports(1)
    with pytest.raises(wire.WireError, match="no party listens"):
        wire.connect(port, timeout=0.5)


def test_connect_waits_for_a_party_that_starts_late() -> None:
    (port,) = wire.free_ports(1)
    srv = socket.socket()

    def late() -> None:
        srv.bind(("127.0.0.1", port))
        srv.listen(1)

    t = threading.Timer(0.4, late)
    t.start()
    try:
        sock = wire.connect(port, timeout=5)
        sock.close()
    finally:
        t.join()
        srv.close()


def test_config_refuses_unknown_protocols_and_shapes() -> None:
    with pytest.raises(ConfigError, match="ABY3, SEMI2K, CHEETAH"):
        MPCConfig(protocol="SPDZ")
    with pytest.raises(ConfigError):
        MPCConfig(max_len=1)
    assert wire.PROTOCOLS == {"ABY3": 3, "SEMI2K": 2, "CHEETAH": 2}
    # Precision presets are named, and an unknown one is refused with the list to pick from.
    with pytest.raises(ConfigError, match="pade, taylor, fm128"):
        MPCConfig(precision="fm256")
    assert MPCConfig().precision == wire.DEFAULT_PRECISION == "pade"
    assert wire.PRECISIONS["pade"]["exp_mode"] == "PADE"


def test_missing_environment_says_what_to_run(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("VEIL_CRYPTO_PYTHON", str(tmp_path / "nope"))
    monkeypatch.chdir(tmp_path)
    import veil.crypto.mpc as mpc

    monkeypatch.setattr(mpc, "_HERE", tmp_path)
    with pytest.raises(ConfigError, match="make crypto-env"):
        crypto_python()


def test_too_long_prompt_is_refused_before_any_process_starts() -> None:
    session = MPCSession(MPCConfig(max_len=4))  # never started: the check comes first
    with pytest.raises(MPCInputError, match="compiled for 4"):
        next(session.stream_ids([1, 2, 3, 4, 5], max_new_tokens=1))
    with pytest.raises(MPCInputError, match="empty"):
        next(session.stream_ids([], max_new_tokens=1))
    session.close()
