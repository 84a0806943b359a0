"""The MPC processes, run with the crypto environment's Python (``.venv-crypto``), never imported
by Veil itself: ``python parties.py party ...`` is one computing party, ``python parties.py
client ...`` the client's local helper that Veil drives over stdin/stdout (JSON lines).

Topology (all on loopback; :mod:`veil.crypto.mpc` picks the ports and starts every process)::

    Veil (main env) --stdin/stdout--> client --control TCP (framed, SHA-256 per blob)--> party i
                                                    party i <--SPU brpc link--> party j

* The client embeds the prompt, secret-shares it with SPU's ``Io`` and sends party i only share
  i; it compiles the model once and sends the executable (public: it is the model's code).
* Each party loads the public weights itself, runs SPU's runtime (protocol ABY3, SEMI2K or
  CHEETAH) with its peers over SPU's own brpc link, and returns its share of the logits.
* Only the client reconstructs; the parties never hold a plaintext input or output.
* A teacher-forced session (``teacher_forced`` in init) compiles the all-positions forward
  instead: one run returns shares of every position's logits, which the client reconstructs and
  compares with the float model's position by position (``score``); it does not generate.

Failures end in a JSON ``error`` line or a non-zero exit, never a hang: SPU's link has a receive
timeout, every control socket has one, and a party exits when its client connection closes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

if __package__:  # imported for type checking inside Veil
    from . import protocol as wire
    from . import spu_models
    from .precision import runtime_config
    from .teacher_forced import compare_positions
else:  # run as a script in the crypto environment: siblings are plain modules
    import protocol as wire  # type: ignore[no-redef]
    import spu_models  # type: ignore[no-redef]
    from precision import runtime_config  # type: ignore[no-redef]
    from teacher_forced import compare_positions  # type: ignore[no-redef]

_LINK_RE = re.compile(r"Link details: total send bytes (\d+), recv bytes (\d+)")


def _runtime_config(protocol: str, *, profile: bool, precision: str) -> Any:
    if precision not in wire.PRECISIONS:
        raise ValueError(f"unknown precision {precision!r}; use one of: "
                         f"{', '.join(wire.PRECISIONS)}")
    # The profile makes SPU log "Link details: total send bytes ..." after each run: the only
    # per-party traffic counter libspu exposes to Python. SEMI2K's default beaver provider
    # trusts party 0 (see docs/crypto.md): tests and benchmarks only.
    return runtime_config(protocol, wire.PRECISIONS[precision], profile=profile)


def _share_blobs(share: Any) -> list[bytes]:
    return [bytes(share.meta), *[bytes(c) for c in share.share_chunks]]


def _blobs_share(blobs: list[bytes]) -> Any:
    import spu

    share = spu.libspu.Share()
    share.meta = blobs[0]
    share.share_chunks = blobs[1:]
    return share


def _last_link_bytes(log: Path | None) -> int | None:
    if log is None or not log.is_file():
        return None
    found = _LINK_RE.findall(log.read_text(encoding="utf-8", errors="replace")[-200_000:])
    return int(found[-1][0]) if found else None


# ----------------------------------------------------------------------------------- party ---


def run_party(args: argparse.Namespace) -> int:
    import socket

    import spu

    world = wire.PROTOCOLS[args.protocol]
    ports = [int(p) for p in args.link_ports.split(",")]
    log = Path(args.log) if args.log else None
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", args.control_port))
    srv.listen(1)
    srv.settimeout(args.timeout)
    try:
        conn, _ = srv.accept()
    except TimeoutError:
        print("no client connected in time", file=sys.stderr)
        return 3
    conn.settimeout(args.timeout)

    desc = spu.link.Desc()
    desc.recv_timeout_ms = int(args.timeout * 1000)
    desc.http_timeout_ms = int(args.timeout * 1000)
    desc.connect_retry_times = max(1, int(args.timeout))
    desc.connect_retry_interval_ms = 1000
    desc.throttle_window_size = 0
    for i, port in enumerate(ports):
        desc.add_party(f"p{i}", f"127.0.0.1:{port}")
    try:
        lctx = spu.link.create_brpc(desc, args.rank)
    except Exception as e:  # noqa: BLE001 - reported to the client as text
        wire.send(conn, {"error": f"link to the other parties failed: {type(e).__name__}"})
        return 4
    cfg = _runtime_config(args.protocol, profile=True, precision=args.precision)
    rt = spu.Runtime(lctx, cfg)
    io = spu.Io(world, cfg)
    exe = None
    wire.send(conn, {"ok": "ready", "rank": args.rank})
    while True:
        try:
            msg = wire.recv(conn)
        except wire.WireError as e:
            # The client is gone or sent a damaged frame: nothing more can be trusted.
            with contextlib.suppress(wire.WireError):
                wire.send(conn, {"error": f"party {args.rank}: {e}"})
            return 5
        op = msg.header.get("op")
        try:
            if op == "load":
                t0 = time.perf_counter()
                model_dir = Path(msg.header["model_dir"])
                if msg.header.get("kind") == "encoder":
                    _, flat = spu_models.load_encoder(
                        model_dir, spu_models.read_encoder_spec(model_dir))
                else:
                    spec = spu_models.read_spec(model_dir, msg.header["layers"])
                    _, flat = spu_models.load_weights(model_dir, spec)
                for i, w in enumerate(flat):
                    # Every party encodes the same public weights: no transfer, no sharing.
                    rt.set_var(f"w{i}", io.make_shares(w, spu.Visibility.VIS_PUBLIC)[args.rank])
                wire.send(conn, {"ok": "loaded", "seconds": time.perf_counter() - t0})
            elif op == "exe":
                exe = spu.libspu.Executable()
                exe.ParseFromString(msg.blobs[0])
                wire.send(conn, {"ok": "exe"})
            elif op == "run":
                if exe is None:
                    raise RuntimeError("no executable loaded")
                names, counts = msg.header["inputs"], msg.header["chunks"]
                pos = 0
                for name, n in zip(names, counts, strict=True):
                    try:
                        rt.set_var(name, _blobs_share(msg.blobs[pos : pos + n]))
                    except Exception:  # noqa: BLE001
                        raise ValueError(f"share of input {name!r} is malformed") from None
                    pos += n
                t0 = time.perf_counter()
                rt.run(exe)
                seconds = time.perf_counter() - t0
                out = [rt.get_var(n) for n in exe.output_names]
                blobs = [b for s in out for b in _share_blobs(s)]
                counts = [len(s.share_chunks) + 1 for s in out]
                wire.send(
                    conn,
                    {
                        "ok": "ran",
                        "seconds": seconds,
                        "chunks": counts,
                        "link_bytes": _last_link_bytes(log),
                    },
                    blobs,
                )
            elif op == "bye":
                wire.send(conn, {"ok": "bye"})
                lctx.stop_link()
                return 0
            else:
                raise ValueError(f"unknown op {op!r}")
        except wire.WireError:
            return 5
        except Exception as e:  # noqa: BLE001 - SPU's errors are about shapes/links, not data
            text = str(e).splitlines()[0][:300] if str(e) else ""
            with contextlib.suppress(wire.WireError):
                wire.send(conn, {"error": f"party {args.rank}: {type(e).__name__}: {text}"})
            return 6


# ---------------------------------------------------------------------------------- client ---


class Client:
    """The client's side of the computation (trusted: it sees the prompt and the output)."""

    def __init__(self, init: dict[str, Any]) -> None:
        import jax
        import numpy as np
        from spu.utils import frontend

        self.np = np
        self.protocol = init["protocol"]
        self.world = wire.PROTOCOLS[self.protocol]
        self.timeout = float(init["timeout"])
        self.length = int(init["max_len"])
        model_dir = Path(init["model_dir"])
        self.spec = spu_models.read_spec(model_dir, int(init["layers"]))
        self.embed, flat = spu_models.load_weights(model_dir, self.spec)
        self.corrupt = init.get("corrupt")  # test hook: damage a share on its way to a party
        # Teacher-forced: every position's logits come back (to this client only); no sel input.
        self.teacher_forced = bool(init.get("teacher_forced", False))
        fwd = spu_models.make_forward(self.spec, self.length, all_positions=self.teacher_forced)
        self.plain = jax.jit(fwd) if init.get("reference", True) else None
        self.flat = flat
        self._connect(init)
        t0 = time.perf_counter()
        x0, sel0 = spu_models.embed_prompt(self.embed, [0], self.length)
        data, data_vis = ([x0], [self.vis_secret]) if self.teacher_forced else \
            ([x0, sel0], [self.vis_secret, self.vis_public])
        names = ["x", "sel"][: len(data)] + [f"w{i}" for i in range(len(flat))]
        vis = data_vis + [self.vis_public] * len(flat)
        exe, _ = frontend.compile(
            frontend.Kind.JAX, fwd, [*data, *flat], {}, names, vis,
            lambda outs: ["logits"],
        )
        self.compile_s = time.perf_counter() - t0
        for s in self.socks:
            wire.send(s, {"op": "load", "model_dir": str(model_dir), "layers": self.spec.layers})
        self.load_s = max(self._expect(r, s, "loaded").get("seconds", 0.0)
                          for r, s in enumerate(self.socks))
        for rank, s in enumerate(self.socks):
            wire.send(s, {"op": "exe"}, [exe.SerializeToString()])
            self._expect(rank, s, "exe")

    def _connect(self, init: dict[str, Any]) -> None:
        """Reach every party, wait until each is ready, and set up the share I/O with the
        runtime config the parties run."""
        import spu  # the crypto environment only

        try:
            self.socks = [wire.connect(p, timeout=self.timeout) for p in init["control_ports"]]
        except wire.WireError as e:
            raise PartyError(f"a party did not start ({e})") from None
        for rank, s in enumerate(self.socks):
            self._expect(rank, s, "ready")
        cfg = _runtime_config(self.protocol, profile=False,
                              precision=init.get("precision", wire.DEFAULT_PRECISION))
        self.io = spu.Io(self.world, cfg)
        self.vis_secret = spu.Visibility.VIS_SECRET
        self.vis_public = spu.Visibility.VIS_PUBLIC

    def _expect(self, rank: int, sock: Any, ok: str) -> dict[str, Any]:
        try:
            msg = wire.recv(sock)
        except wire.WireError as e:
            raise PartyError(f"party {rank} did not answer ({e}); it may have died") from None
        if "error" in msg.header:
            raise PartyError(str(msg.header["error"]))
        if msg.header.get("ok") != ok:
            raise PartyError(f"party {rank} answered out of order")
        self._last_blobs = msg.blobs
        return msg.header

    def describe(self) -> dict[str, Any]:
        return dict(self.spec.__dict__)

    def _run(self, inputs: list[tuple[str, Any, Any]]) -> tuple[Any, dict[str, Any]]:
        """Share ``(name, array, visibility)`` inputs, run the executable, reconstruct its output:
        ``(output, cost figures)``."""
        np = self.np
        t0 = time.perf_counter()
        shares = [self.io.make_shares(a, vis) for _, a, vis in inputs]
        names = [name for name, _, _ in inputs]
        sent = []
        for rank, s in enumerate(self.socks):
            blobs = [b for sh in shares for b in _share_blobs(sh[rank])]
            counts = [len(sh[rank].share_chunks) + 1 for sh in shares]
            if self.corrupt == "digest" and rank == 0:
                sent.append(_send_damaged(s, names, counts, blobs))
                continue
            if self.corrupt == "meta" and rank == 0:
                blobs[0] = b"\x00not-a-share" + blobs[0][:4]
            sent.append(wire.send(s, {"op": "run", "inputs": names, "chunks": counts}, blobs))
        outs, party_s, link, back = [], [], [], []
        for rank, s in enumerate(self.socks):
            head = self._expect(rank, s, "ran")
            outs.append(_blobs_share(self._last_blobs))
            back.append(sum(len(b) for b in self._last_blobs))
            party_s.append(float(head["seconds"]))
            link.append(head.get("link_bytes"))
        result = np.asarray(self.io.reconstruct(outs))
        return result, {"seconds": time.perf_counter() - t0, "party_seconds": party_s,
                        "link_bytes": link, "client_bytes": sent, "client_recv_bytes": back}

    def next_token(self, ids: list[int]) -> dict[str, Any]:
        np = self.np
        if self.teacher_forced:
            raise ValueError("this session reveals every position (teacher-forced): it scores "
                             "sequences and does not generate; start one without teacher_forced")
        x, sel = spu_models.embed_prompt(self.embed, ids, self.length)
        result, cost = self._run([("x", x, self.vis_secret), ("sel", sel, self.vis_public)])
        logits = result.reshape(-1)
        token = int(np.argmax(logits))
        out: dict[str, Any] = {"token": token, **cost}
        if self.plain is not None:
            ref = np.asarray(self.plain(x, sel, *self.flat))
            out["plain_token"] = int(np.argmax(ref))
            out["max_abs_err"] = float(np.max(np.abs(ref - logits)))
        return out

    def score(self, ids: list[int]) -> dict[str, Any]:
        """One teacher-forced forward over ``ids`` (up to the compiled length): every position's
        logits are reconstructed here and compared with the float model's (no logits leave
        this process, only the per-position comparison)."""
        if not self.teacher_forced:
            raise ValueError("this session reveals the last position only; start one with "
                             "teacher_forced to score every position")
        if self.plain is None:
            raise ValueError("scoring compares with the float model; start with reference on")
        x, _ = spu_models.embed_prompt(self.embed, ids, self.length)
        logits, cost = self._run([("x", x, self.vis_secret)])
        ref = self.np.asarray(self.plain(x, *self.flat))
        return {**cost, "positions": compare_positions(logits, ref, len(ids))}

    def close(self) -> None:
        for s in self.socks:
            try:
                wire.send(s, {"op": "bye"})
                wire.recv(s)
            except wire.WireError:
                pass
            s.close()


class EncoderClient(Client):
    """The client of the BERT-tiny-class classifier: embeds a batch of token-id rows locally,
    shares the embeddings, and reconstructs one logit row per text."""

    def __init__(self, init: dict[str, Any]) -> None:  # noqa: D107 - same wire as Client
        import jax
        import numpy as np
        from spu.utils import frontend

        self.np = np
        self.protocol = init["protocol"]
        self.world = wire.PROTOCOLS[self.protocol]
        self.timeout = float(init["timeout"])
        self.size = int(init["batch"])
        model_dir = Path(init["model_dir"])
        self.espec = spu_models.read_encoder_spec(model_dir)
        self.length = self.espec.max_len
        self.emb, self.flat = spu_models.load_encoder(model_dir, self.espec)
        self.corrupt = init.get("corrupt")
        fwd = spu_models.make_encoder_forward(self.espec, self.size)
        self.plain = jax.jit(fwd) if init.get("reference", True) else None
        self._connect(init)
        t0 = time.perf_counter()
        x0, m0, p0 = spu_models.embed_batch(self.emb, self.espec, [[1]], self.size)
        names = ["x", "mask", "pool"] + [f"w{i}" for i in range(len(self.flat))]
        vis = [self.vis_secret, self.vis_public, self.vis_public] + \
            [self.vis_public] * len(self.flat)
        exe, _ = frontend.compile(frontend.Kind.JAX, fwd, [x0, m0, p0, *self.flat], {}, names,
                                  vis, lambda outs: ["logits"])
        self.compile_s = time.perf_counter() - t0
        for s in self.socks:
            wire.send(s, {"op": "load", "kind": "encoder", "model_dir": str(model_dir)})
        self.load_s = max(self._expect(r, s, "loaded").get("seconds", 0.0)
                          for r, s in enumerate(self.socks))
        for rank, s in enumerate(self.socks):
            wire.send(s, {"op": "exe"}, [exe.SerializeToString()])
            self._expect(rank, s, "exe")

    def describe(self) -> dict[str, Any]:
        return dict(self.espec.__dict__)

    def classify(self, batch: list[list[int]]) -> dict[str, Any]:
        np = self.np
        x, mask, pool = spu_models.embed_batch(self.emb, self.espec, batch, self.size)
        result, cost = self._run([("x", x, self.vis_secret), ("mask", mask, self.vis_public),
                                  ("pool", pool, self.vis_public)])
        out: dict[str, Any] = {"logits": result[: len(batch)].tolist(), **cost}
        if self.plain is not None:
            ref = np.asarray(self.plain(x, mask, pool, *self.flat))[: len(batch)]
            out["plain_logits"] = ref.tolist()
        return out


class PartyError(Exception):
    pass


def _send_damaged(sock: Any, names: list[str], counts: list[int], blobs: list[bytes]) -> int:
    """Test hook: a share whose bytes change after the digest was taken (a damaged transport)."""
    import hashlib
    import struct

    head = json.dumps({"op": "run", "inputs": names, "chunks": counts}).encode()
    parts = [struct.pack(">I", len(head)), head, struct.pack(">I", len(blobs))]
    for i, b in enumerate(blobs):
        digest = hashlib.sha256(b).digest()
        if i == 1:
            b = bytes([b[0] ^ 0xFF]) + b[1:]
        parts += [struct.pack(">Q", len(b)), digest, b]
    data = b"".join(parts)
    sock.sendall(data)
    return len(data)


_OUT: Any = None  # the pipe to Veil; fd 1 itself goes to stderr (see run_client)


def _emit(obj: dict[str, Any]) -> None:
    out = _OUT or sys.stdout
    out.write(json.dumps(obj) + "\n")
    out.flush()


def run_client(_args: argparse.Namespace) -> int:
    import os

    global _OUT
    # SPU's C++ logger writes to fd 1 (e.g. "Create a fixed thread pool"): keep the pipe to Veil
    # for protocol lines only and send everything else written to fd 1 to stderr (the log).
    sys.stdout.flush()
    _OUT = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    client: Client | None = None
    for line in sys.stdin:
        try:
            cmd = json.loads(line)
            op = cmd.get("op")
            if op == "init":
                client = EncoderClient(cmd) if cmd.get("kind") == "encoder" else Client(cmd)
                _emit({"ok": "init", "compile_s": client.compile_s, "load_s": client.load_s,
                       "spec": client.describe()})
            elif op == "classify":
                if not isinstance(client, EncoderClient):
                    raise PartyError("init an encoder session first")
                _emit({"ok": "classified", **client.classify(
                    [[int(i) for i in row] for row in cmd["ids"]])})
            elif op == "score":
                if client is None or isinstance(client, EncoderClient):
                    raise PartyError("init a SmolLM2 session first")
                _emit({"ok": "scored", **client.score([int(i) for i in cmd["ids"]])})
            elif op == "generate":
                if client is None:
                    raise PartyError("init first")
                ids = [int(i) for i in cmd["ids"]]
                stop = set(int(i) for i in cmd.get("stop_ids", []))
                for _ in range(int(cmd["max_new_tokens"])):
                    if len(ids) >= client.length:
                        _emit({"event": "length"})
                        break
                    step = client.next_token(ids)
                    _emit({"event": "token", **step})
                    ids.append(step["token"])
                    if step["token"] in stop:
                        break
                _emit({"ok": "done"})
            elif op == "close":
                if client is not None:
                    client.close()
                _emit({"ok": "closed"})
                return 0
            else:
                raise PartyError(f"unknown op {op!r}")
        except PartyError as e:
            _emit({"error": str(e)})
            return 7
        except ValueError as e:
            _emit({"error": f"bad request: {e}"})
        except Exception as e:  # noqa: BLE001 - the class name only: this process holds the
            # prompt in clear (it tokenizes and shares it), and a library's message may quote it
            _emit({"error": f"{type(e).__name__} in the MPC client helper"})
            return 8
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="role", required=True)
    p = sub.add_parser("party")
    p.add_argument("--rank", type=int, required=True)
    p.add_argument("--protocol", choices=sorted(wire.PROTOCOLS), required=True)
    p.add_argument("--link-ports", required=True)
    p.add_argument("--control-port", type=int, required=True)
    p.add_argument("--timeout", type=float, default=120.0)
    p.add_argument("--log", default=None)
    p.add_argument("--precision", choices=sorted(wire.PRECISIONS), default=wire.DEFAULT_PRECISION)
    sub.add_parser("client")
    args = ap.parse_args(argv)
    return run_party(args) if args.role == "party" else run_client(args)


if __name__ == "__main__":
    sys.exit(main())
