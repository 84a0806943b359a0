"""Secret-shared (MPC) inference of a small causal LM with SecretFlow SPU, driven from Veil.

SPU needs numpy<2 and jax 0.4.34, so it lives in its own environment (``make crypto-env`` ->
``.venv-crypto``); this module never imports it. It starts, on loopback, one process per
computing party and one client helper (all with the crypto environment's Python, see
:mod:`veil.crypto.parties`) and talks to the client helper over a pipe. Threat model, costs and
when to pick which protocol: docs/crypto.md.

    with MPCSession(MPCConfig(protocol="ABY3", layers=2)) as s:
        out = s.generate_ids(ids, max_new_tokens=8)

Every wait has a deadline and every party is watched: a party that dies or a peer that stops
answering raises :class:`~veil.errors.MPCPartyError` within about a second of the process exit
(or after ``timeout_s`` for a hung peer), and all processes are killed on close.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess  # nosec B404 # starts the crypto environment's own Python, fixed argv
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from veil.errors import ConfigError, MPCInputError, MPCPartyError

from . import protocol as wire

_HERE = Path(__file__).resolve().parent
_PARTIES = _HERE / "parties.py"
#: Greedy agreement the truncated model must reach against its float twin (docs/crypto.md).
AGREEMENT_TARGET = 0.95

PROTOCOLS = dict(wire.PROTOCOLS)


def crypto_python() -> Path:
    """The crypto environment's interpreter: ``$VEIL_CRYPTO_PYTHON`` or ``<repo>/.venv-crypto``."""
    env = os.environ.get("VEIL_CRYPTO_PYTHON")
    candidates = [Path(env)] if env else []
    candidates += [p / ".venv-crypto" / "bin" / "python" for p in (Path.cwd(), *_HERE.parents)]
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return c
    raise ConfigError(
        "the MPC environment is missing; run `make crypto-env` (creates .venv-crypto with SPU) "
        "or set VEIL_CRYPTO_PYTHON to its python"
    )


@dataclass(frozen=True)
class MPCConfig:
    """One MPC deployment. ``model="smollm2"``: ``layers`` truncates SmolLM2-135M to its first k
    blocks (30 = all); ``max_len`` is the compiled sequence length (prompt + generated tokens
    must fit). ``model="encoder"``: the BERT-tiny-class classifier of
    :mod:`veil.crypto.encoder_train` (its own depth and length), ``batch`` texts per run."""

    protocol: str = "ABY3"
    layers: int = 2
    max_len: int = 32
    timeout_s: float = 120.0
    model_dir: Path | None = None
    reference: bool = True  # also run the float model (agreement figures); costs a little
    corrupt: str | None = None  # test hook: "digest" or "meta" damages party 0's input share
    model: str = "smollm2"
    batch: int = 8
    #: SPU fixed-point preset (protocol.PRECISIONS); "pade" keeps the logit error flat with depth.
    precision: str = wire.DEFAULT_PRECISION

    def __post_init__(self) -> None:
        if self.model not in ("smollm2", "encoder"):
            raise ConfigError(f"unknown MPC model {self.model!r}; use smollm2 or encoder")
        if self.batch < 1:
            raise ConfigError("batch must be >= 1")
        if self.protocol not in PROTOCOLS:
            raise ConfigError(
                f"unknown MPC protocol {self.protocol!r}; use one of: {', '.join(PROTOCOLS)}"
            )
        if self.precision not in wire.PRECISIONS:
            raise ConfigError(
                f"unknown MPC precision {self.precision!r}; use one of: "
                f"{', '.join(wire.PRECISIONS)}"
            )
        if self.max_len < 2 or self.layers < 1:
            raise ConfigError("max_len must be >= 2 and layers >= 1")


@dataclass
class TokenStep:
    token: int
    seconds: float
    party_seconds: list[float]
    link_bytes: list[int | None]
    client_bytes: list[int]
    plain_token: int | None = None
    max_abs_err: float | None = None
    client_recv_bytes: list[int] = field(default_factory=list)  # logit shares back, per party


@dataclass
class Generation:
    prompt_tokens: int
    tokens: list[int] = field(default_factory=list)
    steps: list[TokenStep] = field(default_factory=list)
    stopped: str = "max_tokens"  # or "stop" / "length"

    @property
    def agreement(self) -> float | None:
        ref = [s for s in self.steps if s.plain_token is not None]
        if not ref:
            return None
        return sum(s.token == s.plain_token for s in ref) / len(ref)


class MPCSession:
    """The parties and the client helper of one protocol and model shape (start once, reuse)."""

    def __init__(self, config: MPCConfig) -> None:
        self.config = config
        self._procs: list[subprocess.Popen[bytes]] = []
        self._client: subprocess.Popen[bytes] | None = None
        self._lines: queue.Queue[bytes] = queue.Queue()
        self._tmp = Path(tempfile.mkdtemp(prefix="veil-mpc-"))
        self._lock = threading.Lock()
        self.info: dict[str, Any] = {}

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> MPCSession:
        cfg = self.config
        py = str(crypto_python())
        model_dir = cfg.model_dir or (_encoder_dir() if cfg.model == "encoder"
                                      else _default_model_dir())
        n = PROTOCOLS[cfg.protocol]
        ports = wire.free_ports(2 * n)
        link, control = ports[:n], ports[n:]
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "JAX_PLATFORMS": "cpu"}
        env.pop("PYTHONPATH", None)
        t0 = time.perf_counter()
        for rank in range(n):
            log = self._tmp / f"party{rank}.log"
            argv = [py, str(_PARTIES), "party", "--rank", str(rank), "--protocol", cfg.protocol,
                    "--link-ports", ",".join(map(str, link)), "--control-port", str(control[rank]),
                    "--timeout", str(cfg.timeout_s), "--log", str(log),
                    "--precision", cfg.precision]
            with log.open("wb") as fh:
                self._procs.append(subprocess.Popen(  # nosec B603 # fixed argv, no shell
                    argv, stdin=subprocess.DEVNULL, stdout=fh, stderr=subprocess.STDOUT, env=env))
        with (self._tmp / "client.log").open("wb") as fh:
            self._client = subprocess.Popen(  # nosec B603 # fixed argv, no shell
                [py, str(_PARTIES), "client"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=fh, env=env)
        threading.Thread(target=self._pump, daemon=True).start()
        self._send({
            "op": "init", "protocol": cfg.protocol, "timeout": cfg.timeout_s,
            "max_len": cfg.max_len, "model_dir": str(model_dir), "layers": cfg.layers,
            "control_ports": control, "reference": cfg.reference, "corrupt": cfg.corrupt,
            "kind": cfg.model, "batch": cfg.batch, "precision": cfg.precision,
        })
        # Start-up compiles the model and loads weights in every party: give it its own budget.
        reply = self._reply(timeout=max(cfg.timeout_s, 60.0) * 3)
        self.info = {**reply, "startup_s": time.perf_counter() - t0}
        return self

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
        if client is not None and client.poll() is None:
            try:
                self._send_to(client, {"op": "close"})
                client.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        for p in [*self._procs, *([client] if client else [])]:
            if p.poll() is None:
                p.kill()
            p.wait(timeout=10)
        self._procs = []
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> MPCSession:
        try:
            return self.start()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def party_pids(self) -> list[int]:
        return [p.pid for p in self._procs]

    # -- inference --------------------------------------------------------------------------

    def generate_ids(
        self, ids: list[int], *, max_new_tokens: int, stop_ids: tuple[int, ...] = ()
    ) -> Generation:
        return _collect(len(ids), self.stream_ids(ids, max_new_tokens=max_new_tokens,
                                                  stop_ids=stop_ids))

    def stream_ids(
        self, ids: list[int], *, max_new_tokens: int, stop_ids: tuple[int, ...] = ()
    ) -> Iterator[TokenStep | str]:
        """Yield a :class:`TokenStep` per generated token, then the stop reason."""
        if not ids:
            raise MPCInputError("the prompt is empty")
        if len(ids) >= self.config.max_len:
            raise MPCInputError(
                f"the prompt has {len(ids)} tokens but the MPC model is compiled for "
                f"{self.config.max_len} (prompt + output); shorten it or start a session with a "
                "larger max_len"
            )
        self._send({"op": "generate", "ids": ids, "max_new_tokens": max_new_tokens,
                    "stop_ids": list(stop_ids)})
        last: int | None = None
        while True:
            msg = self._reply(timeout=self.config.timeout_s)
            if msg.get("ok") == "done":
                if last is not None and last in stop_ids:
                    yield "stop"
                else:
                    yield "max_tokens"
                return
            if msg.get("event") == "length":
                self._reply(timeout=self.config.timeout_s)  # the "done" that follows
                yield "length"
                return
            step = TokenStep(**{k: v for k, v in msg.items() if k != "event"})
            last = step.token
            yield step

    def classify_ids(self, batch: list[list[int]]) -> dict[str, Any]:
        """One secret-shared run of the encoder over up to ``batch`` token-id rows: the logits
        (and the float model's, when ``reference``), seconds and bytes of the run."""
        if self.config.model != "encoder":
            raise MPCInputError("this session runs SmolLM2; start one with model='encoder'")
        if not batch or len(batch) > self.config.batch:
            raise MPCInputError(f"send 1 to {self.config.batch} texts per run (the compiled "
                                "batch)")
        self._send({"op": "classify", "ids": batch})
        return self._reply(timeout=self.config.timeout_s)

    # -- plumbing ---------------------------------------------------------------------------

    def _pump(self) -> None:
        client = self._client
        assert client is not None and client.stdout is not None
        for line in client.stdout:
            self._lines.put(line)

    def _send(self, obj: dict[str, Any]) -> None:
        if self._client is None:
            raise MPCPartyError("the MPC session is closed; start a new one")
        try:
            self._send_to(self._client, obj)
        except OSError:
            raise MPCPartyError(self._dead_reason() or "the MPC client helper exited") from None

    @staticmethod
    def _send_to(client: subprocess.Popen[bytes], obj: dict[str, Any]) -> None:
        assert client.stdin is not None
        client.stdin.write(json.dumps(obj).encode() + b"\n")
        client.stdin.flush()

    def _dead_reason(self) -> str | None:
        # Called while a reply is awaited: any exit, even a clean one, means it will never come.
        for rank, p in enumerate(self._procs):
            code = p.poll()
            if code is not None:
                return (f"MPC party {rank} exited (code {code}); the computation cannot finish "
                        "without it: close this session and start a new one")
        if self._client is not None and self._client.poll() is not None:
            return f"the MPC client helper exited (code {self._client.poll()})"
        return None

    def _reply(self, *, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._lines.get(timeout=0.5)
            except queue.Empty:
                reason = self._dead_reason()
                if reason:
                    raise MPCPartyError(reason) from None
                if time.monotonic() > deadline:
                    raise MPCPartyError(
                        f"the MPC parties did not answer within {timeout:.0f} s; close the "
                        "session (a party may hang) and retry with a larger timeout_s"
                    ) from None
                continue
            msg = json.loads(line)
            if not isinstance(msg, dict):
                raise MPCPartyError("the MPC client helper sent a malformed reply")
            if "error" in msg:
                text = str(msg["error"])
                if text.startswith("bad request: "):
                    raise MPCInputError(text.removeprefix("bad request: "))
                raise MPCPartyError(f"MPC failed: {text}")
            return msg


def _collect(prompt_tokens: int, it: Iterator[TokenStep | str]) -> Generation:
    gen = Generation(prompt_tokens=prompt_tokens)
    for item in it:
        if isinstance(item, str):
            gen.stopped = item
        else:
            gen.steps.append(item)
            gen.tokens.append(item.token)
    return gen


def _encoder_dir() -> Path:
    from veil.crypto.encoder_train import encoder_dir

    d = encoder_dir()
    if not (d / "encoder.npz").is_file():
        raise ConfigError(f"no MPC encoder weights in {d}; run `veil crypto train-encoder`")
    return d


def _default_model_dir() -> Path:
    from veil.models import smollm2_hf_dir

    return smollm2_hf_dir()


# ------------------------------------------------------------------- text-level helpers ---


def chat_ids(messages: list[dict[str, Any]]) -> tuple[list[int], list[int], Any]:
    """Token ids of ``messages`` under SmolLM2's ChatML template, its stop ids, the tokenizer."""
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(  # nosec B615 # local converted checkpoint only
        str(_default_model_dir()), local_files_only=True
    )
    raw: Any = tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=True)
    ids = raw["input_ids"] if hasattr(raw, "keys") else raw
    stop = [i for i in {tok.eos_token_id, tok.convert_tokens_to_ids("<|im_end|>")} if i is not None]
    return [int(i) for i in ids], [int(i) for i in stop], tok


@dataclass(frozen=True)
class MPCMeasurement:
    """What one protocol costs on this machine (per generated token, steady state)."""

    protocol: str
    parties: int
    layers: int
    max_len: int
    prompt_tokens: int
    tokens: int
    seconds_per_token: float
    bytes_per_party_per_token: float | None  # SPU link traffic sent by one party
    client_bytes_per_token: float  # shares the client uploads to all parties together
    agreement: float | None  # greedy tokens equal to the float model's
    max_abs_logit_err: float | None
    startup_s: float
    load: str  # `uptime` load averages while measuring (the machine is shared)
    #: Shares of the logits the parties send back to the client, all parties together.
    client_recv_bytes_per_token: float | None = None
    precision: str = wire.DEFAULT_PRECISION

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def measure(
    *,
    protocol: str = "ABY3",
    prompt: str = "Write one sentence about the sea.",
    max_new_tokens: int = 4,
    layers: int = 2,
    max_len: int = 32,
    timeout_s: float = 300.0,
    precision: str = wire.DEFAULT_PRECISION,
) -> MPCMeasurement:
    """Generate greedily under ``protocol`` and report seconds, bytes and agreement per token."""
    ids, stop, _ = chat_ids([{"role": "user", "content": prompt}])
    if len(ids) + max_new_tokens > max_len:
        raise MPCInputError(
            f"prompt ({len(ids)} tokens) + {max_new_tokens} new tokens exceed max_len {max_len}"
        )
    cfg = MPCConfig(protocol=protocol, layers=layers, max_len=max_len, timeout_s=timeout_s,
                    precision=precision)
    with MPCSession(cfg) as s:
        gen = s.generate_ids(ids, max_new_tokens=max_new_tokens)
        startup = float(s.info.get("startup_s", 0.0))
    steps = gen.steps
    links = [max(b for b in st.link_bytes if b is not None) for st in steps
             if any(b is not None for b in st.link_bytes)]
    errs = [st.max_abs_err for st in steps if st.max_abs_err is not None]
    return MPCMeasurement(
        protocol=protocol,
        parties=PROTOCOLS[protocol],
        layers=layers,
        max_len=max_len,
        prompt_tokens=len(ids),
        tokens=len(steps),
        seconds_per_token=sum(st.seconds for st in steps) / max(1, len(steps)),
        bytes_per_party_per_token=sum(links) / len(links) if links else None,
        client_bytes_per_token=sum(sum(st.client_bytes) for st in steps) / max(1, len(steps)),
        agreement=gen.agreement,
        max_abs_logit_err=max(errs) if errs else None,
        startup_s=startup,
        load=_load(),
        client_recv_bytes_per_token=(
            sum(sum(st.client_recv_bytes) for st in steps) / len(steps)
            if steps and all(st.client_recv_bytes for st in steps) else None),
        precision=precision,
    )


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])
    except OSError:
        return "unknown"


__all__ = [
    "AGREEMENT_TARGET",
    "PROTOCOLS",
    "Generation",
    "MPCConfig",
    "MPCMeasurement",
    "MPCSession",
    "TokenStep",
    "chat_ids",
    "crypto_python",
    "measure",
]

if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(measure(protocol=sys.argv[1] if len(sys.argv) > 1 else "ABY3").as_dict()))
