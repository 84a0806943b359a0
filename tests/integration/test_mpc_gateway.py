"""Upstream kind ``mpc`` end to end: the OpenAI SDK -> ``veil serve`` -> SPU parties (SEMI2K, two
processes on loopback) computing SmolLM2's first block, and back.

The answer must be the greedy continuation of the same truncated model computed in float (the
JAX function the parties compile, run in the clear in the crypto environment): its top-1 margins
on this prompt are about 5 logits against a fixed-point error of about 0.04 at one block, so the
comparison cannot flip by chance. Needs the crypto environment (``make crypto-env``), which CI
does not build: skipped when it is absent, like the other MPC tests.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import VEIL, Proc, gateway_env, start_server, stop, write_config
from veil.crypto.mpc import chat_ids, crypto_python
from veil.errors import ConfigError

try:
    crypto_python()
    HAVE_ENV = True
except ConfigError:
    HAVE_ENV = False

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not HAVE_ENV, reason="crypto environment missing (make crypto-env)"),
]

PROMPT = "Name one colour."
MAX_LEN = 40  # compiled length: the 34-token chat prompt + the answer
CRYPTO = Path(__file__).resolve().parents[2] / "src" / "veil" / "crypto"

_REFERENCE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import jax, numpy as np, spu_models
md, ids, n, length = Path(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
spec = spu_models.read_spec(md, 1)
emb, flat = spu_models.load_weights(md, spec)
fwd = jax.jit(spu_models.make_forward(spec, length))
out = []
for _ in range(n):
    x, sel = spu_models.embed_prompt(emb, ids, length)
    out.append(int(np.argmax(np.asarray(fwd(x, sel, *flat)))))
    ids = ids + out[-1:]
print(json.dumps(out))
"""


def _float_tokens(n: int) -> tuple[list[int], list[int], object]:
    from veil.crypto.mpc import _default_model_dir

    ids, stop_ids, tok = chat_ids([{"role": "user", "content": PROMPT}])
    out = subprocess.run(  # noqa: S603 - fixed argv, the crypto environment's python
        [str(crypto_python()), "-c", _REFERENCE, str(CRYPTO), str(_default_model_dir()),
         json.dumps(ids), str(n), str(MAX_LEN)],
        capture_output=True, text=True, check=True, timeout=600,
        env={**os.environ, "JAX_PLATFORMS": "cpu"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1]), stop_ids, tok


@pytest.fixture(scope="module")
def mpc_gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proc]:
    d = tmp_path_factory.mktemp("mpc-gateway")
    cfg = json.loads(write_config(d / "base.yaml").read_text())
    cfg["upstream"] = {"kind": "mpc", "read_timeout_s": 900,
                       "mpc": {"protocol": "SEMI2K", "layers": 1, "max_len": MAX_LEN,
                               "timeout_s": 600}}
    (d / "gateway.yaml").write_text(json.dumps(cfg))
    env = gateway_env(d / "home", "sqlite", None)
    env["VEIL_CRYPTO_PYTHON"] = str(crypto_python())
    p = start_server([VEIL, "serve", "--config", str(d / "gateway.yaml")], env=env,
                     log=d / "gateway.log", timeout=240)
    try:
        yield p
    finally:
        stop(p.proc)


def test_openai_sdk_chat_through_the_gateway_to_mpc_parties(mpc_gateway: Proc) -> None:
    from openai import OpenAI

    expected, stop_ids, tok = _float_tokens(2)
    client = OpenAI(base_url=mpc_gateway.url + "/v1", api_key="sk-acme-test-key",
                    timeout=1800, max_retries=0)
    # The first request starts the parties (compile + weight encoding), then computes 2 tokens.
    resp = client.chat.completions.create(
        model="smollm2", messages=[{"role": "user", "content": PROMPT}], max_tokens=2)
    want = tok.decode([t for t in expected if t not in stop_ids],  # type: ignore[attr-defined]
                      skip_special_tokens=True)
    assert resp.choices[0].message.content == want
    # Streaming reuses the running parties and yields the same first token.
    chunks = client.chat.completions.create(
        model="smollm2", messages=[{"role": "user", "content": PROMPT}], max_tokens=1,
        stream=True)
    streamed = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    first = tok.decode([t for t in expected[:1] if t not in stop_ids],  # type: ignore[attr-defined]
                       skip_special_tokens=True)
    assert streamed == first
    log = mpc_gateway.log_text()
    assert PROMPT not in log  # the gateway logs no prompt text
