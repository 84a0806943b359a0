"""Where the MPC model's logit error comes from, per SPU runtime configuration (crypto environment
only: ``python precision.py IN.json OUT.json``; ``veil crypto precision`` drives it).

SPU computes in fixed point and replaces ``exp``, ``1/x``, ``rsqrt`` and the sigmoid inside SiLU
by approximations whose accuracy the runtime configuration sets (ring FM64/FM128, fraction bits,
exp mode and iterations, sigmoid mode). This runs, in SPU's in-process simulator (the same
protocol kernels as the separate-process parties, links in memory), for every configuration:

* each approximated operation alone, on the inputs the float model really feeds it (attention
  scores after the max shift, SiLU gate inputs, RMSNorm mean squares, softmax sums), reporting
  its worst absolute and relative error: which operation is the source;
* the truncated model at each depth, reporting max |logit error| and top-1 agreement with the
  float model per prompt, and the run's seconds (a cost per block, from the same process).
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

if __package__:
    from . import spu_models
else:  # run as a script in the crypto environment
    import spu_models  # type: ignore[no-redef]


def runtime_config(protocol: str, precision: dict[str, Any] | None = None,
                   *, profile: bool = False) -> Any:
    """SPU's RuntimeConfig for ``protocol`` with the precision knobs of ``precision``:
    ``field`` (FM64/FM128), ``fxp`` (fraction bits), ``exp_mode`` (DEFAULT/TAYLOR/PADE),
    ``exp_iters``, ``sigmoid_mode`` (DEFAULT/MM1/SEG3/REAL), ``div_iters``."""
    import spu

    p = dict(precision or {})
    cfg = spu.RuntimeConfig(protocol=spu.parse_protocol_kind(protocol),
                            field=spu.parse_field_type(p.get("field", "FM64")))
    cfg.fxp_fraction_bits = int(p.get("fxp", 18))
    if "exp_mode" in p:
        cfg.fxp_exp_mode = getattr(spu.RuntimeConfig.ExpMode, "EXP_" + p["exp_mode"])
    if "exp_iters" in p:
        cfg.fxp_exp_iters = int(p["exp_iters"])
    if "sigmoid_mode" in p:
        cfg.sigmoid_mode = getattr(spu.RuntimeConfig.SigmoidMode, "SIGMOID_" + p["sigmoid_mode"])
    if "div_iters" in p:
        cfg.fxp_div_goldschmidt_iters = int(p["div_iters"])
    cfg.enable_pphlo_profile = profile
    return cfg


def simulate(protocol: str, precision: dict[str, Any], exe: Any,
             inputs: list[tuple[Any, bool]]) -> tuple[list[Any], float]:
    """Run ``exe`` on in-memory links; ``inputs`` is ``(array, secret?)`` in the executable's
    input order. Returns the reconstructed outputs and the wall seconds of the run."""
    import numpy as np
    import spu

    world = {"ABY3": 3, "SEMI2K": 2, "CHEETAH": 2}[protocol]
    cfg = runtime_config(protocol, precision)
    io = spu.Io(world, cfg)
    shares = [io.make_shares(np.asarray(a), spu.Visibility.VIS_SECRET if sec
                             else spu.Visibility.VIS_PUBLIC) for a, sec in inputs]
    desc = spu.link.Desc()
    for r in range(world):
        desc.add_party(f"id_{r}", f"thread_{r}")
    results: list[Any] = [None] * world
    errors: list[BaseException] = []

    def party(rank: int) -> None:
        try:
            rt = spu.Runtime(spu.link.create_mem(desc, rank), cfg)
            for name, sh in zip(exe.input_names, shares, strict=True):
                rt.set_var(name, sh[rank])
            rt.run(exe)
            results[rank] = [rt.get_var(n) for n in exe.output_names]
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller
            errors.append(e)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=party, args=(r,)) for r in range(world)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    if errors:
        raise errors[0]
    outs = [np.asarray(io.reconstruct(list(o))) for o in zip(*results, strict=True)]
    return outs, seconds


def _compile(fn: Any, args: list[Any], secret: list[bool]) -> Any:
    import spu
    from spu.utils import frontend

    names = [f"in{i}" for i in range(len(args))]
    vis = [spu.Visibility.VIS_SECRET if s else spu.Visibility.VIS_PUBLIC for s in secret]
    exe, _ = frontend.compile(frontend.Kind.JAX, fn, args, {}, names, vis,
                              lambda outs: [f"out{i}" for i in range(len(outs))])
    return exe


def op_inputs(model_dir: Path, prompts: list[list[int]], length: int,
              layers: int) -> dict[str, Any]:
    """What the float model feeds each approximated operation, over ``layers`` blocks."""
    import numpy as np

    spec = spu_models.read_spec(model_dir, layers)
    embed, flat = spu_models.load_weights(model_dir, spec)
    fwd = spu_models.make_forward(spec, length, trace=True)
    acc: dict[str, list[Any]] = {}
    for ids in prompts:
        x, sel = spu_models.embed_prompt(embed, ids[:length], length)
        _, tr = fwd(x, sel, *flat)
        for k, v in tr.items():
            acc.setdefault(k, []).append(np.asarray(v) if k == "rmsin"
                                         else np.asarray(v).reshape(-1))
    out = {k: np.concatenate(v) for k, v in acc.items()}
    # Padding rows are all-zero embeddings (mean square 0): invisible to the real positions, so
    # their rsqrt does not matter; rsqrt is measured on the real rows only.
    out["meansq"] = out["meansq"][out["meansq"] > 1e-6]
    rows = out["rmsin"]
    out["rmsin"] = rows[(rows * rows).mean(-1) > 1e-6]
    return out


def op_errors(protocol: str, precision: dict[str, Any], samples: dict[str, Any],
              n: int = 4096) -> dict[str, Any]:
    """Worst error of exp, SiLU, rsqrt and reciprocal on (a sample of) their real inputs."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    rng = np.random.default_rng(0)
    out: dict[str, Any] = {}
    cases = {
        "exp": ("scores", lambda z: jnp.exp(jnp.maximum(z, -spu_models.CLIP)),
                lambda z: np.exp(np.maximum(z, -spu_models.CLIP))),
        "silu": ("gate", jax.nn.silu, lambda g: g / (1 + np.exp(-g))),
        "rsqrt": ("meansq", lambda v: jax.lax.rsqrt(v + 1e-5), lambda v: 1 / np.sqrt(v + 1e-5)),
        "reciprocal": ("denom", lambda d: 1.0 / d, lambda d: 1.0 / d),
    }
    # RMSNorm as a whole (the square can wrap the ring), one-range and two-range, on real rows:
    # the largest ones and a sample of the rest.
    rows = samples["rmsin"]
    ms = (rows.astype(np.float64) ** 2).mean(-1)
    pick = np.concatenate([np.argsort(ms)[-32:], rng.choice(len(rows), size=min(96, len(rows)),
                                                              replace=False)])
    r = rows[pick].astype(np.float32)
    ref = r / np.sqrt((r.astype(np.float64) ** 2).mean(-1, keepdims=True) + 1e-5)
    for name, split in (("rmsnorm", True), ("rmsnorm one-range", False)):
        spec = spu_models.LlamaSpec(hidden=r.shape[1], heads=1, kv_heads=1, head_dim=r.shape[1],
                                    layers=0, vocab=1, eps=1e-5, rope_theta=1.0)
        fwd = spu_models.make_forward(spec, r.shape[0], split_rms=split)
        w1 = np.ones((r.shape[1],), np.float32)
        # layers=0: the forward is the final norm and head; the head is the identity here.
        eye_sel = np.eye(r.shape[0], dtype=np.float32)
        exe = _compile(lambda a, s, n, h, f=fwd: f(a, s, n, h),
                       [r, eye_sel, w1, np.eye(r.shape[1], dtype=np.float32)],
                       [True, False, False, False])
        (got,), _ = simulate(protocol, precision, exe, [(r, True), (eye_sel, False), (w1, False),
                                                         (np.eye(r.shape[1], dtype=np.float32),
                                                          False)])
        err = np.abs(got - ref)
        out[name] = {"input_min": float(ms[pick].min()), "input_max": float(ms[pick].max()),
                     "max_abs_err": float(err.max()),
                     "max_rel_err": float((err / np.maximum(np.abs(ref), 1e-3)).max()),
                     "worst_input": float(ms[pick][int(err.max(-1).argmax())])}
    for name, (key, spu_fn, ref_fn) in cases.items():
        src = samples[key]
        # The extremes matter most: keep the largest and smallest inputs, sample the rest.
        order = np.argsort(src)
        pick = np.concatenate([order[:64], order[-64:],
                               rng.choice(src.size, size=min(n, src.size), replace=False)])
        v = src[pick].astype(np.float32)
        exe = _compile(lambda a, f=spu_fn: f(a), [v], [True])
        (got,), _ = simulate(protocol, precision, exe, [(v, True)])
        ref = ref_fn(v.astype(np.float64))
        err = np.abs(got - ref)
        out[name] = {"input_min": float(v.min()), "input_max": float(v.max()),
                     "max_abs_err": float(err.max()),
                     "max_rel_err": float((err / np.maximum(np.abs(ref), 1e-3)).max()),
                     "worst_input": float(v[int(err.argmax())])}
    return out


def model_errors(protocol: str, configs: list[dict[str, Any]], model_dir: Path,
                 prompts: list[list[int]], length: int, depths: list[int]) -> list[dict[str, Any]]:
    """Max |logit error| and top-1 agreement per (depth, config), one compile per depth."""
    import jax
    import numpy as np

    rows: list[dict[str, Any]] = []
    for depth in depths:
        spec = spu_models.read_spec(model_dir, depth)
        embed, flat = spu_models.load_weights(model_dir, spec)
        x0, sel0 = spu_models.embed_prompt(embed, [0], length)
        compiled: dict[tuple[float, bool], tuple[Any, Any]] = {}
        for cfg in configs:
            # The model's own earlier forms, kept to measure them: softmax max over hidden keys
            # (mask_shift 0) and the one-range RMSNorm (split_rms false).
            key = (float(cfg.get("mask_shift", spu_models.MASK_SHIFT)),
                   bool(cfg.get("split_rms", True)))
            if key not in compiled:
                fwd = spu_models.make_forward(spec, length, mask_shift=key[0], split_rms=key[1])
                compiled[key] = (jax.jit(fwd), _compile(fwd, [x0, sel0, *flat],
                                                        [True, False] + [False] * len(flat)))
            plain, exe = compiled[key]
            errs, agree, secs = [], [], []
            for ids in prompts:
                x, sel = spu_models.embed_prompt(embed, ids[:length], length)
                (got,), s = simulate(protocol, cfg, exe,
                                     [(x, True), (sel, False), *[(w, False) for w in flat]])
                ref = np.asarray(plain(x, sel, *flat)).reshape(-1)
                got = got.reshape(-1)
                errs.append(float(np.max(np.abs(got - ref))))
                agree.append(int(np.argmax(got)) == int(np.argmax(ref)))
                secs.append(s)
            rows.append({"config": cfg["name"], "depth": depth, "length": length,
                         "max_abs_logit_err": max(errs), "mean_max_abs_logit_err":
                         float(np.mean(errs)), "top1_agreement": sum(agree) / len(agree),
                         "prompts": len(prompts), "seconds_per_run": float(np.median(secs))})
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def main(argv: list[str]) -> int:
    spec = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    model_dir = Path(spec["model_dir"])
    report: dict[str, Any] = {"protocol": spec["protocol"], "configs": spec["configs"]}
    if spec.get("ops", True):
        samples = op_inputs(model_dir, spec["prompts"], spec["length"], max(spec["depths"]))
        report["op_input_ranges"] = {k: [float(v.min()), float(v.max())]
                                     for k, v in samples.items()}
        report["ops"] = {}
        for cfg in spec["configs"]:
            report["ops"][cfg["name"]] = op_errors(spec["protocol"], cfg, samples)
            print(json.dumps({cfg["name"]: report["ops"][cfg["name"]]}), file=sys.stderr,
                  flush=True)
    report["model"] = model_errors(spec["protocol"], spec["configs"], model_dir,
                                   spec["prompts"], spec["length"], spec["depths"])
    Path(argv[1]).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
