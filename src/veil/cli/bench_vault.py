"""``veil bench vault``: the per-request cost of the vault path (protect + restore).

Runs chat-shaped requests through :class:`veil.Veil` -- protect a prompt, restore an answer
that quotes its replacements -- on a SQLite vault (temporary file) and on a private loopback
``redis-server``, for a short prompt and a ~1 KB one. Detection is the pattern recognizers only
(``ner: false``): the NER model costs the same whatever the vault does and is measured by
``veil bench detect``. Values come from a seeded pool, so later requests meet known values
(reads) and new ones (writes) as a real session does. Records ms per protect / restore, Redis
commands per request (``INFO commandstats`` before/after) and the load average.

``--held`` adds what a request costs as its session grows: a session filled with that many
values, then short prompts with three new values each, protected and their answers restored
(``--held-ner``: with the learned NER backend, whose name index grows with the session's
people), and the first such request of a process that has not read the session yet (a
restarted or new replica: it decrypts and indexes the session whole).
Writes ``benchmarks/results/hotpath/vault.{json,md,png}``.
"""

from __future__ import annotations

import base64
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, cast

import typer

from veil.cli._common import write_report
from veil.cli.bench import bench_app

OUT = Path("benchmarks/results/hotpath")

_SHORT = "Hi, I'm {name} ({email}); call me on {phone} about my refund."
_LONG_PART = (
    "Customer {name} wrote from {email} on Monday asking why the refund for order 77{k:04d} "
    "has not arrived. They can be reached on {phone} in the afternoons, and their card ending "
    "was charged twice. Please escalate to the billing team and copy {name2} ({email2}). "
)


def _values(rng: random.Random, pool: int) -> dict[str, Any]:
    k, k2 = rng.randrange(pool), rng.randrange(pool)
    return {
        "k": k, "name": f"Alex Kim {k}",
        "email": f"user{k}@example.com", "phone": f"+44 20 7946 {k:04d}",
        "name2": f"Sam Lee {k2}", "email2": f"ops{k2}@example.org",
    }


def prompt(kind: str, rng: random.Random, pool: int) -> str:
    if kind == "short":
        return _SHORT.format(**_values(rng, pool))
    text = ""
    while len(text) < 1000:
        text += _LONG_PART.format(**_values(rng, pool))
    return text


_GIVEN = ["Alex", "Sam", "Maria", "Jonas", "Priya", "Chen", "Fatima", "Luca", "Olga", "Tom"]
_FAMILY = ["Kim", "Lee", "Garcia", "Berg", "Shah", "Wei", "Haddad", "Rossi", "Ivanova", "Moore"]


def value_line(k: int) -> str:
    """A sentence with three values of number ``k``: a person, an e-mail and a phone (people
    with different names for every k below 10,000)."""
    letters = "abcdefghij"
    family = f"{_FAMILY[k // 10 % 10]}{letters[k // 100 % 10]}{letters[k // 1000 % 10]}"
    name = f"{_GIVEN[k % 10]} {family}"
    return f"Contact {name} at user{k}@example.com or +44 20 7946 {k % 10000:04d}."


def _commands(client: Any) -> int:
    """Commands Redis executed (those run inside scripts included), this INFO call excluded."""
    stats = client.info("commandstats")
    return sum(int(v["calls"]) for k, v in stats.items() if k not in {"cmdstat_info"})


class _RoundTrips:
    """Counts what the client sends to Redis: one per command, one per pipeline (a round
    trip each). Patched onto redis-py's connection class for the benchmark only."""

    def __init__(self) -> None:
        from redis.connection import AbstractConnection

        self.n = 0
        self._cls = AbstractConnection
        self._orig = AbstractConnection.send_packed_command
        counter = self

        def send(conn: Any, command: Any, check_health: bool = True) -> None:
            counter.n += 1
            counter._orig(conn, command, check_health)

        AbstractConnection.send_packed_command = send  # type: ignore[method-assign]

    def close(self) -> None:
        self._cls.send_packed_command = self._orig  # type: ignore[method-assign]


def run_backend(
    backend: Literal["sqlite", "redis"], kind: str, *, requests: int, sessions: int, pool: int,
    redis_port: int | None, work: Path,
) -> dict[str, Any]:
    from veil.config import Policy, Settings
    from veil.core import Veil

    settings = Settings(
        home=work / f"home-{backend}-{kind}", vault_backend=backend,
        redis_url=f"redis://127.0.0.1:{redis_port}/0" if redis_port else "redis://127.0.0.1:1/0",
        master_key=base64.b64encode(os.urandom(32)).decode(),
    )
    veil = Veil(settings, policy=Policy(ner=False))
    client = None
    if backend == "redis":
        import redis

        client = redis.Redis(port=redis_port or 0)
        client.flushall()
    rng = random.Random(7)  # nosec B311 # synthetic benchmark data
    veil.protect("warm up jane@example.com", session="warm")  # keys, detectors, scripts
    protect_ms: list[float] = []
    restore_ms: list[float] = []
    cpu_ms: list[float] = []  # this process's CPU per protect: robust to other jobs' load
    before = _commands(client) if client is not None else 0
    trips = _RoundTrips() if client is not None else None
    for i in range(requests):
        session = f"s{i % sessions}"
        text = prompt(kind, rng, pool)
        c0, t0 = time.process_time(), time.perf_counter()
        r = veil.protect(text, session=session)
        t1, c1 = time.perf_counter(), time.process_time()
        cpu_ms.append((c1 - c0) * 1e3)
        answer = "Noted: " + " and ".join(e.replacement for e in r.entities)
        restored = veil.restore(
            answer, session=session, scope=frozenset(e.replacement for e in r.entities)
        )
        t2 = time.perf_counter()
        if r.entities and restored == answer:
            raise RuntimeError("restore changed nothing: the benchmark is broken")
        protect_ms.append((t1 - t0) * 1e3)
        restore_ms.append((t2 - t1) * 1e3)
    sent = trips.n if trips is not None else None
    if trips is not None:
        trips.close()
    cmds = (_commands(client) - before) if client is not None else None
    veil.vault.close()

    def pct(xs: list[float], q: float) -> float:
        return round(sorted(xs)[int(q * (len(xs) - 1))], 3)

    return {
        "backend": backend, "prompt": kind, "requests": requests, "sessions": sessions,
        "chars": len(prompt(kind, random.Random(7), pool)),  # nosec B311
        "protect_ms_mean": round(statistics.fmean(protect_ms), 3),
        "protect_ms_p50": pct(protect_ms, 0.5), "protect_ms_p90": pct(protect_ms, 0.9),
        "protect_cpu_ms_mean": round(statistics.fmean(cpu_ms), 3),
        "restore_ms_mean": round(statistics.fmean(restore_ms), 3),
        "restore_ms_p50": pct(restore_ms, 0.5),
        "redis_commands_per_request": round(cmds / requests, 2) if cmds is not None else None,
        "redis_round_trips_per_request": round(sent / requests, 2) if sent is not None else None,
        "load_avg": [round(x, 2) for x in os.getloadavg()],
    }


def run_held(
    backend: Literal["sqlite", "redis"], sizes: list[int], *, prompts: int, ner: bool,
    redis_port: int | None, work: Path, operator: str = "placeholder",
) -> list[dict[str, Any]]:
    """Per session size: ms per protect and per restore (median of ``prompts`` short prompts
    with three new values each; the answer's scope is the prompt's replacements, as the
    gateway restores); ms of a restore without scope (the whole session's matcher, rebuilt
    after each new prompt: the library's default); and ms of a request (protect and restore)
    by a new :class:`Veil` on the same vault, which has read nothing of the session (median
    of three). ``operator``: the policy's default operator (pseudonyms make the whole
    session's matcher compile patterns of their replacements)."""
    from veil.config import Policy, Settings
    from veil.core import Veil
    from veil.heap import settle_heap

    settings = Settings(
        home=work / f"home-{backend}-held", vault_backend=backend,
        redis_url=f"redis://127.0.0.1:{redis_port}/0" if redis_port else "redis://127.0.0.1:1/0",
        master_key=base64.b64encode(os.urandom(32)).decode(),
    )
    policy = Policy.model_validate(
        {"ner_backend": "learned", "default_operator": operator} if ner
        else {"ner": False, "default_operator": operator})
    if backend == "redis":  # a vault of its own: the other runs' keys are not this one's
        import redis

        redis.Redis(port=redis_port or 0).flushall()
    veil = Veil(settings, policy=policy)
    veil.protect("warm up jane@example.com", session="warm")
    rows = []
    fresh = 10_000_000

    def request(v: Veil, session: str, *, whole: bool = False) -> tuple[float, float]:
        nonlocal fresh
        fresh += 1
        text = f"Please forward the file to {value_line(fresh)[8:]} Thanks!"
        t0 = time.perf_counter()
        r = v.protect(text, session=session)
        t1 = time.perf_counter()
        answer = "Done: " + " and ".join(e.replacement for e in r.entities)
        scope = None if whole else frozenset(e.replacement for e in r.entities)
        out = v.restore(answer, session=session, scope=scope)
        t2 = time.perf_counter()
        if not r.entities or any(text[e.start : e.end] not in out for e in r.entities):
            raise RuntimeError("a held session's answer was not restored whole; its timings "
                               "would not measure a restore")
        return (t1 - t0) * 1e3, (t2 - t1) * 1e3

    try:
        for size in sizes:
            session, k = f"held-{size}", size * 10
            while len(veil.vault.view("default", session)) < size:
                veil.protect_many([value_line(k + j) for j in range(20)], session=session)
                k += 20
            held = len(veil.vault.view("default", session))
            settle_heap()
            protect_ms, restore_ms = [], []
            for _ in range(prompts):
                p, r = request(veil, session)
                protect_ms.append(p)
                restore_ms.append(r)
            whole_ms = [request(veil, session, whole=True)[1] for _ in range(10)]
            first_ms = []
            for _ in range(3):
                other = Veil(settings, policy=policy)  # its vault has read no session yet
                try:
                    other.protect("warm up jane@example.com", session="warm")
                    settle_heap()
                    first_ms.append(sum(request(other, session)))
                finally:
                    other.vault.close()
            view_bytes = _view_memory(settings, policy, session, request)
            rows.append({
                "backend": backend, "ner": ner, "held": held, "prompts": prompts,
                "protect_ms_p50": round(statistics.median(protect_ms), 3),
                "restore_ms_p50": round(statistics.median(restore_ms), 3),
                "whole_restore_ms_p50": round(statistics.median(whole_ms), 3),
                "operator": operator,
                "first_request_ms_p50": round(statistics.median(first_ms), 2),
                # a new session's bytes are the first request's own, not its values'
                "view_bytes_per_value": round(view_bytes / held) if held else None,
                "load_avg": [round(x, 2) for x in os.getloadavg()],
            })
    finally:
        veil.vault.close()
    return rows


def _view_memory(settings: Any, policy: Any, session: str,
                 request: Callable[[Any, str], tuple[float, float]]) -> int:
    """Bytes a process holds for ``session`` after its first request there (the decrypted
    view and what is kept per view: seen values, known people, the scope index), by
    tracemalloc: what ``Settings.view_cache_entries`` bounds."""
    import gc
    import tracemalloc

    from veil.core import Veil

    other = Veil(settings, policy=policy)
    try:
        other.protect("warm up jane@example.com", session="warm")
        gc.collect()
        tracemalloc.start()
        try:
            request(other, session)
            gc.collect()
            return int(tracemalloc.get_traced_memory()[0])
        finally:
            tracemalloc.stop()
    finally:
        other.vault.close()


def _plot_held(plt: Any, rows: list[dict[str, Any]], path: Path) -> None:
    fig, (ax, first) = plt.subplots(1, 2, figsize=(11, 4))
    for k, backend in enumerate(dict.fromkeys(r["backend"] for r in rows)):
        mine = [r for r in rows if r["backend"] == backend]
        held = [max(r["held"], 1) for r in mine]  # a new session at 1 on the log scale
        color = f"C{k}"
        ax.plot(held, [r["protect_ms_p50"] for r in mine], marker="o", color=color,
                label=f"{backend} protect")
        ax.plot(held, [r["restore_ms_p50"] for r in mine], marker="s", linestyle="--",
                color=color, label=f"{backend} restore")
        first.plot(held, [r["first_request_ms_p50"] for r in mine], marker="o", color=color,
                   label=backend)
    for a in (ax, first):
        a.set_xscale("log")
        a.set_xlabel("values the session already holds")
        a.set_ylim(bottom=0)
        a.legend()
    ax.set_ylabel("ms per short prompt (median)")
    ax.set_title("A request's cost as its session grows")
    first.set_ylabel("ms, protect and restore (median of 3)")
    first.set_title("The first request of a process new to the session")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


@bench_app.command("vault")
def bench_vault(
    requests: Annotated[int, typer.Option(help="requests per backend and prompt size")] = 300,
    sessions: Annotated[int, typer.Option(help="conversations the requests rotate over")] = 20,
    pool: Annotated[int, typer.Option(help="distinct people/e-mails/phones")] = 400,
    backends: Annotated[str, typer.Option(help="comma-separated: sqlite,redis")] = "sqlite,redis",
    label: Annotated[str, typer.Option(help="name of the result files (vault-<label>)")] = "",
    held: Annotated[str, typer.Option(
        help="comma-separated session sizes (values already held) at which a short prompt's "
             "protect and restore are timed; empty: none")] = "0,300,3000",
    held_ner: Annotated[bool, typer.Option(
        help="the session sizes with the learned NER backend (the detector must be built)"
    )] = False,
    held_prompts: Annotated[int, typer.Option(help="prompts per session size")] = 60,
    held_operator: Annotated[str, typer.Option(
        help="the session sizes' default operator: placeholder, pseudonym or synthetic"
    )] = "placeholder",
    out: Annotated[Path, typer.Option(help="results directory")] = OUT,
) -> None:
    """ms per protect/restore and Redis commands per request, short and ~1 KB prompts; the
    same as sessions grow."""
    from rich.console import Console

    from veil.cli.bench_ray import start_redis

    console = Console(stderr=True)
    try:
        sizes = [int(x) for x in held.split(",") if x.strip()]
    except ValueError:
        raise typer.BadParameter("--held takes whole numbers separated by commas, e.g. "
                                 "0,300,3000") from None
    if any(n < 0 for n in sizes):
        raise typer.BadParameter("--held sizes cannot be negative")
    if held_operator not in ("placeholder", "pseudonym", "synthetic"):
        raise typer.BadParameter("--held-operator takes placeholder, pseudonym or synthetic "
                                 "(the operators whose values come back in a restore)")
    rows: list[dict[str, Any]] = []
    held_rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="veil-vault-bench-") as d:
        work = Path(d)
        proc, port = start_redis(work) if "redis" in backends else (None, None)
        try:
            for backend in backends.split(","):
                for kind in ("short", "1kb"):
                    with console.status(f"{backend} {kind}: {requests} requests..."):
                        row = run_backend(
                            cast(Literal["sqlite", "redis"], backend), kind, requests=requests,
                            sessions=sessions, pool=pool, redis_port=port, work=work,
                        )
                    rows.append(row)
                    console.print(
                        f"{backend:6s} {kind:5s} protect {row['protect_ms_mean']:.2f} ms "
                        f"cpu {row['protect_cpu_ms_mean']:.2f} ms "
                        f"(p50 {row['protect_ms_p50']:.2f}) restore {row['restore_ms_mean']:.2f}"
                        f" ms  redis cmds/request {row['redis_commands_per_request']} "
                        f"round trips/request {row['redis_round_trips_per_request']}  "
                        f"load {row['load_avg']}"
                    )
                if sizes:
                    with console.status(f"{backend}: sessions of {held} values..."):
                        grown = run_held(
                            cast(Literal["sqlite", "redis"], backend), sizes,
                            prompts=held_prompts, ner=held_ner, redis_port=port, work=work,
                            operator=held_operator,
                        )
                    held_rows += grown
                    for row in grown:
                        console.print(
                            f"{backend:6s} session of {row['held']:6d} values: protect "
                            f"{row['protect_ms_p50']:.2f} ms, restore {row['restore_ms_p50']:.2f}"
                            f" ms (p50); a new process's first request "
                            f"{row['first_request_ms_p50']:.1f} ms"
                        )
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=10)
    name = f"vault-{label}" if label else "vault"
    result = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
              "requests": requests, "sessions": sessions, "pool": pool, "ner": False,
              "rows": rows, "held": held_rows}
    command = (f"veil bench vault --requests {requests} --sessions {sessions} --pool {pool}"
               f" --backends {backends} --held '{held}'"
               f"{' --held-ner' if held_ner else ''} --held-prompts {held_prompts}"
               f" --held-operator {held_operator}"
               f"{' --label ' + label if label else ''}")
    lines = [
        f"# Vault path per request ({name})", "",
        f"Command: `{command}` (ner off but where said; {os.cpu_count()} shared CPUs).", "",
        "| backend | prompt | protect ms (mean / p50) | protect CPU ms | restore ms | Redis "
        "commands / round trips per request | load |",
        "|---|---|---|---|---|---|---|",
        *(f"| {r['backend']} | {r['prompt']} ({r['chars']} chars) | {r['protect_ms_mean']} / "
          f"{r['protect_ms_p50']} | {r['protect_cpu_ms_mean']} | {r['restore_ms_mean']} | "
          f"{r['redis_commands_per_request'] or '-'} / {r['redis_round_trips_per_request'] or '-'}"
          f" | {r['load_avg'][0]} |" for r in rows),
    ]
    if held_rows:
        lines += [
            "", "## A short prompt as its session grows", "",
            f"NER: {'learned' if held_ner else 'off'}; operator: {held_operator}; median of "
            f"{held_prompts} prompts a size; a restore without scope (the whole session, after "
            "each new prompt): median of ten.",
            "A process's first request in the session (a restarted or new replica) reads, "
            "decrypts and indexes the session whole: protect and restore, median of three.",
            "The bytes a process then holds for the session (tracemalloc), per value held, are "
            "what `view_cache_entries` bounds.",
            "", "| backend | values held | protect ms | restore ms | restore without scope ms "
            "| first request ms | bytes a value | load |",
            "|---|---|---|---|---|---|---|---|",
            *(f"| {r['backend']} | {r['held']} | {r['protect_ms_p50']} | {r['restore_ms_p50']} | "
              f"{r['whole_restore_ms_p50']} | {r['first_request_ms_p50']} | "
              f"{r['view_bytes_per_value'] or '-'} | {r['load_avg'][0]} |" for r in held_rows),
        ]
    plt = write_report(out, name, result, "\n".join(lines) + "\n")
    if plt is not None and held_rows:
        _plot_held(plt, held_rows, out / f"{name}.png")
    console.print(f"wrote {out}/{name}.json, .md" + (", .png" if plt and held_rows else ""))


def register(app: typer.Typer) -> None:  # the command attaches to bench_app on import
    return None
