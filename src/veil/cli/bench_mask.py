"""``veil bench mask``: tolerant restoration success and masking/restoration latency.

Writes ``mask_restore.json``, ``.md`` and ``.png`` under ``benchmarks/results/``. Values come
from Faker (seeded), alterations from :mod:`veil.mask.alterations`; an exact-replacement
restorer runs on the same cases as the baseline that proxies ship.
"""

from __future__ import annotations

import base64
import json
import os
import platform
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from veil.cli.bench import bench_app

if TYPE_CHECKING:
    from veil.vault import Vault

@bench_app.command("mask")
def bench_mask(
    n: Annotated[int, typer.Option(help="values per entity type and operator")] = 40,
    out: Annotated[Path, typer.Option(help="directory for JSON/markdown/PNG")] = Path(
        "benchmarks/results"
    ),
    backend: Annotated[
        str, typer.Option(help="sqlite (temporary file) or redis (VEIL_REDIS_URL)")
    ] = "sqlite",
) -> None:
    """Restoration of LLM-altered replacements (vs exact replacement) and latency."""
    from rich.console import Console

    console = Console(stderr=True)
    vault = None
    if backend == "redis":
        from veil.config import Settings
        from veil.vault.redis import RedisVault

        vault = RedisVault(Settings())
        vault.ping()
    with console.status("masking and restoring synthetic values..."):
        result = run(out, n=n, vault=vault)
    for op, r in result["operators"].items():
        console.print(
            f"{op:12s} tolerant {r['tolerant_success']:.4f}  exact-only "
            f"{r['exact_only_success']:.4f}  round-trip {r['round_trip']:.4f}  "
            f"mask p50 {r['mask_ms_p50']:.2f} ms  restore 1KB p50 {r['restore_1kb_ms_p50']:.2f} ms"
        )
    name = "mask_restore" if backend == "sqlite" else f"mask_restore_{backend}"
    console.print(f"wrote {out}/{name}.json, .md, .png")


def register(app: typer.Typer) -> None:
    """Nothing to add at the top level: the command attaches itself to ``veil bench``."""


OPERATORS = ("placeholder", "pseudonym", "synthetic")


def sample_values(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` labelled values of every structured and NER type (deterministic)."""
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(seed)
    makers = {
        "PERSON": fake.name,
        "EMAIL": fake.email,
        "PHONE": fake.phone_number,
        "CREDIT_CARD": fake.credit_card_number,
        "IBAN": fake.iban,
        "US_SSN": fake.ssn,
        "IP_ADDRESS": lambda: fake.ipv4() if fake.pybool() else fake.ipv6(),
        "ORGANIZATION": fake.company,
        "LOCATION": fake.city,
        "URL": fake.url,
    }
    out: list[tuple[str, str]] = []
    for i in range(n):
        for etype, make in makers.items():
            out.append((etype, f"{make()}"))
        if i % 2:  # the same value twice: replacements must stay consistent
            out.append(out[-10])
    return out


def _exact_restore(text: str, mapping: dict[str, str]) -> str:
    for rep in sorted(mapping, key=len, reverse=True):
        text = text.replace(rep, mapping[rep])
    return text


def run(out_dir: Path, *, n: int = 40, vault: Vault | None = None) -> dict[str, Any]:
    """Run the benchmark; returns the result dict (also written to ``out_dir``)."""
    from veil.config import Policy, Settings
    from veil.detect.entity import Detection
    from veil.evaluation.stats import percentile
    from veil.mask.alterations import cases
    from veil.mask.masker import Masker
    from veil.mask.restorer import Restorer
    from veil.vault import open_vault

    tmp = tempfile.mkdtemp(prefix="veil-bench-")
    own = vault is None
    vault = vault or open_vault(
        Settings(home=Path(tmp), master_key=base64.b64encode(os.urandom(32)).decode())
    )
    restorer = Restorer(vault)
    values = sample_values(n)
    result: dict[str, Any] = {
        "values": len(values),
        "backend": vault.backend,
        "machine": platform.platform(),
        "operators": {},
    }
    for op in OPERATORS:
        masker = Masker(vault, Policy.model_validate({"default_operator": op}))
        session = f"bench-{op}"
        mapping: dict[str, str] = {}
        by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # total, tolerant, exact
        round_trip_ok = 0
        mask_ms: list[float] = []
        for etype, value in values:
            t0 = time.perf_counter()
            r = masker.mask(value, [Detection(etype, 0, len(value), 1.0, "bench", value)],
                            tenant="bench", session=session)
            mask_ms.append((time.perf_counter() - t0) * 1e3)
            round_trip_ok += restorer.restore(r.masked, tenant="bench", session=session) == value
            mapping.setdefault(r.entities[0].replacement, value)
        # one compiled matcher per session, as the restorer caches it between answers
        matcher = restorer.matcher(tenant="bench", session=session)
        seen: set[str] = set()
        for etype, value in values:
            if value in seen:
                continue
            seen.add(value)
            rep = next(k for k, v in mapping.items() if v == value)
            for c in cases(rep, value, op, etype):
                k = by_kind[c.kind]
                k[0] += 1
                k[1] += matcher.restore(c.altered) == c.expected
                k[2] += _exact_restore(c.altered, mapping) == c.expected
        total = sum(k[0] for k in by_kind.values())
        # 1 KB answer with ~15 replacements: restore latency and streaming (8-char chunks)
        reps = list(mapping)[:15]
        answer = (" ".join(f"Regarding {r}, the record was updated." for r in reps) * 3)[:1024]
        restore_ms, stream_ms = [], []
        for _ in range(50):
            t0 = time.perf_counter()
            restorer.restore(answer, tenant="bench", session=session)
            restore_ms.append((time.perf_counter() - t0) * 1e3)
            t0 = time.perf_counter()
            sr = restorer.stream(tenant="bench", session=session)
            for i in range(0, len(answer), 8):
                sr.feed(answer[i : i + 8])
            sr.flush()
            stream_ms.append((time.perf_counter() - t0) * 1e3)
        result["operators"][op] = {
            "cases": total,
            "tolerant_success": sum(k[1] for k in by_kind.values()) / total,
            "exact_only_success": sum(k[2] for k in by_kind.values()) / total,
            "round_trip": round_trip_ok / len(values),
            "by_kind": {
                kind: {"cases": k[0], "tolerant": k[1] / k[0], "exact_only": k[2] / k[0]}
                for kind, k in sorted(by_kind.items())
            },
            "mask_ms_p50": statistics.median(mask_ms),
            "mask_ms_p95": percentile(mask_ms, 0.95),
            "restore_1kb_ms_p50": statistics.median(restore_ms),
            "stream_1kb_ms_p50": statistics.median(stream_ms),
            "session_entries": len(vault.entries("bench", session)),
        }
    if own:
        vault.close()
    suffix = "" if vault.backend == "sqlite" else f"_{vault.backend}"
    _write(out_dir, result, "mask_restore" + suffix)
    return result


def _write(out_dir: Path, result: dict[str, Any], name: str) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        "# Masking and restoration benchmark",
        "",
        f"{result['values']} values per operator, vault backend `{result['backend']}`, "
        f"{result['machine']}.",
        "",
        "| operator | alteration cases | tolerant restore | exact-only restore | round trip | "
        "mask p50 ms | restore 1 KB p50 ms | stream 1 KB p50 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for op, r in result["operators"].items():
        lines.append(
            f"| {op} | {r['cases']} | {r['tolerant_success']:.4f} | "
            f"{r['exact_only_success']:.4f} | {r['round_trip']:.4f} | {r['mask_ms_p50']:.2f} | "
            f"{r['restore_1kb_ms_p50']:.2f} | {r['stream_1kb_ms_p50']:.2f} |"
        )
    lines += ["", "## Tolerant restoration by alteration kind (placeholder operator)", "",
              "| kind | cases | tolerant | exact-only |", "|---|---|---|---|"]
    for kind, k in result["operators"]["placeholder"]["by_kind"].items():
        lines.append(f"| {kind} | {k['cases']} | {k['tolerant']:.3f} | {k['exact_only']:.3f} |")
    (out_dir / f"{name}.md").write_text("\n".join(lines) + "\n")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # the eval extra is not installed: JSON and markdown only
        return
    ops = list(result["operators"])
    fig, ax = plt.subplots(figsize=(6, 3.5))
    xs = range(len(ops))
    ax.bar([x - 0.2 for x in xs], [result["operators"][o]["tolerant_success"] for o in ops],
           0.4, label="Veil tolerant")
    ax.bar([x + 0.2 for x in xs], [result["operators"][o]["exact_only_success"] for o in ops],
           0.4, label="exact replacement")
    ax.set_xticks(list(xs), ops)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("answers restored correctly")
    ax.set_title("Restoration of LLM-altered replacements")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(out_dir / f"{name}.png", dpi=120)
    plt.close(fig)
