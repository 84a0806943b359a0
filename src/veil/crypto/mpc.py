"""Secret-shared (MPC) inference of a small causal LM with SecretFlow SPU, driven from Veil.

SPU needs numpy<2 and jax 0.4.34, so it lives in its own environment (``make crypto-env`` ->
``.venv-crypto``); this module never imports it. It starts, on loopback, one process per
computing party and one client helper (all with the crypto environment's Python, see
:mod:`veil.crypto.parties`) and talks to the client helper over a pipe. Threat model, costs and
when to pick which protocol: docs/crypto.md.

    with MPCSession(MPCConfig(protocol="ABY3", layers=2)) as s:
        out = s.generate_ids(ids, max_new_tokens=8)

    # agreement measured at every position of a sequence (one forward, many samples):
    with MPCSession(MPCConfig(protocol="ABY3", layers=2, teacher_forced=True)) as s:
        scored = s.score_ids(ids)

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
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from veil.errors import ConfigError, MPCInputError, MPCPartyError

from . import protocol as wire
from . import teacher_forced as tf

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
    #: Compile the teacher-forced forward: one run reveals (to the client only) the logits of
    #: every position, to measure agreement with the float model position by position
    #: (:meth:`MPCSession.score_ids`). Such a session does not generate.
    teacher_forced: bool = False

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
        if self.teacher_forced and (self.model != "smollm2" or not self.reference):
            raise ConfigError("teacher_forced compares the SmolLM2 model with its float twin: "
                              "use model='smollm2' and keep reference=True")


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


@dataclass
class ScoredForward:
    """One teacher-forced forward: per-position comparison (``teacher_forced.compare_positions``:
    both argmaxes, logit errors, the float model's top-2 margin) and what the forward cost."""

    ids: list[int]
    positions: dict[str, list[Any]]
    seconds: float
    party_seconds: list[float]
    link_bytes: list[int | None]
    client_bytes: list[int]
    client_recv_bytes: list[int] = field(default_factory=list)

    @property
    def agreement(self) -> float:
        pos = self.positions
        return sum(a == b for a, b in zip(pos["mpc_top1"], pos["plain_top1"], strict=True)) / \
            len(pos["mpc_top1"])


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
            "teacher_forced": cfg.teacher_forced,
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
        if self.config.teacher_forced:
            raise MPCInputError("this session is teacher-forced (it scores every position and "
                                "does not generate); start one without teacher_forced")
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

    def score_ids(self, ids: list[int]) -> ScoredForward:
        """One teacher-forced forward over ``ids`` (at most ``max_len`` tokens): at every
        position the MPC model's argmax against the float model's, given the true prefix. The
        parties hold shares only; the client helper reconstructs the logits and compares."""
        if not self.config.teacher_forced:
            raise MPCInputError("score_ids needs a session started with teacher_forced=True")
        if not ids:
            raise MPCInputError("the sequence is empty")
        if len(ids) > self.config.max_len:
            raise MPCInputError(
                f"the sequence has {len(ids)} tokens but the MPC model is compiled for "
                f"{self.config.max_len}; shorten it or start a session with a larger max_len")
        self._send({"op": "score", "ids": ids})
        msg = self._reply(timeout=self.config.timeout_s)
        fields = {k: v for k, v in msg.items() if k != "ok"}
        return ScoredForward(ids=list(ids), **fields)

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


def _tokenizer() -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(  # nosec B615 # local converted checkpoint only
        str(_default_model_dir()), local_files_only=True
    )


def text_ids(text: str, *, max_len: int | None = None) -> list[int]:
    """Token ids of raw ``text`` (no chat template; ChatML markers in it become their special
    tokens), cut to ``max_len``: a teacher-forced sequence."""
    ids = [int(i) for i in _tokenizer()(text, add_special_tokens=False)["input_ids"]]
    return ids[:max_len] if max_len else ids


def chat_ids(messages: list[dict[str, Any]]) -> tuple[list[int], list[int], Any]:
    """Token ids of ``messages`` under SmolLM2's ChatML template, its stop ids, the tokenizer."""
    tok = _tokenizer()
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


#: Teacher-forced sequences: prose, code and ChatML exchanges (user turn + an assistant answer),
#: each at least 40 tokens, so a compiled length of 40 holds 40 real positions. The ChatML ones
#: share their first tokens; :func:`teacher_forced.summarize` counts such positions once.
TEACHER_FORCED_TEXTS: tuple[str, ...] = (
    "The lighthouse keeper climbed the spiral stairs every evening at dusk, trimmed the wick, "
    "polished the great lens and wrote the wind and the weather into a leather logbook that "
    "had belonged to his grandfather before him.",
    "<|im_start|>user\nHow do I keep basil fresh after buying it?<|im_end|>\n"
    "<|im_start|>assistant\nTrim the stems and stand the basil in a glass of water at room "
    "temperature, like a bunch of flowers. Cover it loosely with a bag and change the water "
    "every day.",
    "Photosynthesis takes place in the chloroplasts of plant cells. Light energy splits water "
    "molecules and releases oxygen, while carbon dioxide from the air is fixed into sugars "
    "through the Calvin cycle, which runs in the stroma of the chloroplast.",
    "<|im_start|>user\nWrite a short reminder for a team meeting on Friday.<|im_end|>\n"
    "<|im_start|>assistant\nHi everyone, a quick reminder that our weekly team meeting is on "
    "Friday at 10 am in the main conference room. Please bring your project updates.",
    "def mean(values):\n    \"\"\"Return the arithmetic mean of a non-empty list.\"\"\"\n"
    "    if not values:\n        raise ValueError(\"empty list\")\n"
    "    return sum(values) / len(values)\n\n\ndef median(values):\n    ordered = sorted(values)",
    "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n"
    "The capital of France is Paris. It lies on the Seine in the north of the country and is "
    "known for the Eiffel Tower and the Louvre.",
)


@dataclass(frozen=True)
class TeacherForcedMeasurement:
    """Agreement at every position of several sequences (one teacher-forced forward each), with
    what a forward costs. ``positions`` counts distinct prefixes (see teacher_forced.summarize)."""

    protocol: str
    parties: int
    layers: int
    max_len: int
    precision: str
    sequences: int
    sequence_tokens: list[int]
    positions: int
    agree: int
    agreement: float
    wilson95: list[float]
    max_abs_logit_err: float
    mean_abs_logit_err: float
    min_plain_margin: float
    close_calls: int  # positions whose float top-2 margin is below twice the worst error
    disagreements: list[dict[str, float]]
    unexplained: int  # disagreements larger than fixed-point error can cause (should be 0)
    seconds_per_forward: float
    forward_seconds: list[float]
    bytes_per_party_per_forward: float | None  # SPU link traffic sent by one party
    client_bytes_per_forward: float  # input shares uploaded to all parties together
    client_recv_bytes_per_forward: float  # logit shares back from all parties together
    startup_s: float
    load: list[str]  # at the start, then after each forward (the machine is shared)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def measure_teacher_forced(
    *,
    protocol: str = "ABY3",
    texts: tuple[str, ...] | list[str] = TEACHER_FORCED_TEXTS,
    layers: int = 2,
    max_len: int = 40,
    timeout_s: float = 900.0,
    precision: str = wire.DEFAULT_PRECISION,
    on_forward: Callable[[TeacherForcedMeasurement], None] | None = None,
) -> TeacherForcedMeasurement:
    """Teacher-forced agreement under ``protocol``: each text (cut to ``max_len`` tokens) is one
    secret-shared forward whose every position's argmax is compared with the float model's.
    ``on_forward`` gets the measurement so far after each forward (long runs keep figures)."""
    seqs = [text_ids(t, max_len=max_len) for t in texts]
    if not seqs or not all(seqs):
        raise MPCInputError("give at least one non-empty text")
    cfg = MPCConfig(protocol=protocol, layers=layers, max_len=max_len, timeout_s=timeout_s,
                    precision=precision, teacher_forced=True)
    loads = [_load()]
    done: list[ScoredForward] = []
    result: TeacherForcedMeasurement | None = None
    with MPCSession(cfg) as s:
        startup = float(s.info.get("startup_s", 0.0))
        for ids in seqs:
            done.append(s.score_ids(ids))
            loads.append(_load())
            result = _teacher_forced_measurement(cfg, done, startup, loads)
            if on_forward is not None:
                on_forward(result)
    assert result is not None
    return result


def _teacher_forced_measurement(cfg: MPCConfig, done: list[ScoredForward], startup: float,
                                loads: list[str]) -> TeacherForcedMeasurement:
    summary = tf.summarize((f.ids, f.positions) for f in done)
    links = [max(b for b in f.link_bytes if b is not None) for f in done
             if any(b is not None for b in f.link_bytes)]
    n = len(done)
    return TeacherForcedMeasurement(
        protocol=cfg.protocol, parties=PROTOCOLS[cfg.protocol], layers=cfg.layers,
        max_len=cfg.max_len, precision=cfg.precision, sequences=n,
        sequence_tokens=[len(f.ids) for f in done],
        positions=summary["positions"], agree=summary["agree"],
        agreement=summary["agreement"], wilson95=summary["wilson95"],
        max_abs_logit_err=summary["max_abs_logit_err"],
        mean_abs_logit_err=summary["mean_abs_logit_err"],
        min_plain_margin=summary["min_plain_margin"], close_calls=summary["close_calls"],
        disagreements=summary["disagreements"], unexplained=summary["unexplained"],
        seconds_per_forward=sum(f.seconds for f in done) / n,
        forward_seconds=[f.seconds for f in done],
        bytes_per_party_per_forward=sum(links) / len(links) if links else None,
        client_bytes_per_forward=sum(sum(f.client_bytes) for f in done) / n,
        client_recv_bytes_per_forward=sum(sum(f.client_recv_bytes) for f in done) / n,
        startup_s=startup, load=list(loads),
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
    "ScoredForward",
    "TEACHER_FORCED_TEXTS",
    "TeacherForcedMeasurement",
    "TokenStep",
    "chat_ids",
    "crypto_python",
    "measure",
    "measure_teacher_forced",
    "text_ids",
]

if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(measure(protocol=sys.argv[1] if len(sys.argv) > 1 else "ABY3").as_dict()))
