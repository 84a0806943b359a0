"""Batch anonymization of a JSONL or Parquet data set across Ray workers.

    from veil.integrations.ray import anonymize
    report = anonymize("tickets.jsonl", "out/", settings=settings, workers=8)

Why it is consistent: every worker masks through the SAME Redis vault (``VEIL_VAULT_BACKEND=
redis``, one master key). A block is masked with one read of its session and one all-or-nothing
compare-and-set of all its new mappings (:mod:`veil.integrations.blocks`): two workers meeting one
value at once commit one replacement -- the loser writes nothing, re-masks its block against the
winner's mappings and uses them. "Jane Roe" therefore gets one
pseudonym in the whole data set (per vault session: by default one session for the data set, or
one per value of ``session_column``).

Why it resumes: the input is cut into fixed blocks (byte ranges of a JSONL file, row groups of
a Parquet file); a block's output is written to a temporary file and renamed into place only
when complete, so ``dest`` holds whole blocks only. A rerun after a crash skips the blocks that
exist and redoes the others; a redone row gets the replacements already in the vault, never a
second set (replacements are never double-assigned).

Ray Data schedules the blocks on an actor pool (``workers`` actors, each loading detection
once). The driver shows progress. Secrets: the settings (master key included) travel to the
actors inside the Ray cluster; on a shared cluster, set ``VEIL_MASTER_KEY`` in the workers'
environment instead and pass settings without it.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from veil.config import Policy, Settings
from veil.errors import ConfigError, InputError

Format = Literal["jsonl", "parquet"]


@dataclass(frozen=True)
class Report:
    blocks: int
    blocks_skipped: int
    rows: int
    seconds: float
    workers: int

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def _format_of(path: Path) -> Format:
    if path.suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if path.suffix in {".parquet", ".pq"}:
        return "parquet"
    raise InputError(f"{path.name}: expected a .jsonl or .parquet file")


def jsonl_blocks(path: Path, rows_per_block: int) -> Iterator[tuple[int, int]]:
    """Byte ranges of ``rows_per_block`` lines each (a block always ends at a newline)."""
    start = pos = rows = 0
    with open(path, "rb") as f:
        for line in f:
            pos += len(line)
            rows += 1
            if rows == rows_per_block:
                yield start, pos
                start, rows = pos, 0
    if rows:
        yield start, pos


def plan(source: Path, rows_per_block: int) -> list[dict[str, Any]]:
    """The blocks of ``source``: ``{"block", "start", "end"}`` (JSONL bytes; Parquet row group)."""
    if _format_of(source) == "jsonl":
        return [
            {"block": k, "start": a, "end": b}
            for k, (a, b) in enumerate(jsonl_blocks(source, rows_per_block))
        ]
    import pyarrow.parquet as pq

    n = pq.ParquetFile(source).metadata.num_row_groups
    return [{"block": k, "start": k, "end": k + 1} for k in range(n)]


def part_path(dest: Path, block: int, fmt: Format) -> Path:
    return dest / f"part-{block:06d}.{fmt}"


def prepare_run(settings: Settings, source: str | Path, dest: str | Path, rows_per_block: int
                ) -> tuple[Path, Path, Format, list[dict[str, Any]], list[dict[str, Any]]]:
    """What every engine's run starts with: the shared vault checked, the output directory
    ready (blocks a crashed run left half-written removed), the blocks planned, and those
    without a finished part (a rerun resumes). Returns (source, dest, format, blocks, todo)."""
    if settings.vault_backend != "redis":
        raise ConfigError(
            "batch anonymization across workers needs the shared Redis vault: set "
            "VEIL_VAULT_BACKEND=redis and VEIL_REDIS_URL (a SQLite vault is one process's)"
        )
    if settings.master_key is None:
        raise ConfigError("set VEIL_MASTER_KEY: every worker must open the same vault")
    src, out = Path(source), Path(dest)
    fmt = _format_of(src)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(".part-*.tmp"):
        stale.unlink()
    blocks = plan(src, rows_per_block)
    todo = [b for b in blocks if not part_path(out, b["block"], fmt).exists()]
    return src, out, fmt, blocks, todo


class BlockAnonymizer:
    """One Ray actor: a Veil over the shared vault; masks whole blocks and writes them."""

    def __init__(
        self, source: str, dest: str, settings: dict[str, Any], policy: dict[str, Any] | None,
        text_columns: list[str], session_column: str | None, session: str, tenant: str,
    ) -> None:
        from veil.core import Veil

        self.source, self.dest = Path(source), Path(dest)
        self.fmt = _format_of(self.source)
        pol = Policy.model_validate(policy) if policy is not None else None
        self.veil = Veil(Settings(**settings), policy=pol)
        self.text_columns, self.session_column = text_columns, session_column
        self.session, self.tenant = session, tenant

    def _mask_rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The block's rows masked: per vault session, ONE read and ONE all-or-nothing write
        for every text of the block (:func:`veil.integrations.blocks.protect_texts`)."""
        from .blocks import protect_texts

        out = [dict(r) for r in rows]
        cells: dict[str, list[tuple[int, str]]] = {}  # session -> (row, column) of its texts
        for n, row in enumerate(rows):
            sess = self.session
            if self.session_column is not None:
                sess = str(row.get(self.session_column) or self.session)
            for col in self.text_columns:
                value = row.get(col)
                if isinstance(value, str) and value:
                    cells.setdefault(sess, []).append((n, col))
        for sess, where in cells.items():
            masked = protect_texts(self.veil, [rows[n][c] for n, c in where], session=sess,
                                   tenant=self.tenant)
            for (n, c), m in zip(where, masked, strict=True):
                out[n][c] = m
        return out

    def _rows(self, start: int, end: int) -> list[dict[str, Any]]:
        if self.fmt == "jsonl":
            with open(self.source, "rb") as f:
                f.seek(start)
                raw = f.read(end - start)
            rows = []
            for n, line in enumerate(raw.splitlines()):
                if line.strip():
                    obj = json.loads(line)
                    if not isinstance(obj, dict):
                        raise InputError(f"block at byte {start}, line {n + 1}: not an object")
                    rows.append(obj)
            return rows
        import pyarrow.parquet as pq

        rows_: list[dict[str, Any]] = pq.ParquetFile(self.source).read_row_group(start).to_pylist()
        return rows_

    def _write(self, block: int, rows: list[dict[str, Any]]) -> None:
        final = part_path(self.dest, block, self.fmt)
        tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        if self.fmt == "jsonl":
            with open(tmp, "w", encoding="utf-8") as f:
                for r in rows:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
                f.flush()
                os.fsync(f.fileno())
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.Table.from_pylist(rows), tmp)
        os.replace(tmp, final)  # the checkpoint: a block exists whole or not at all

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        blocks, counts = [], []
        for block, start, end in zip(batch["block"], batch["start"], batch["end"], strict=True):
            rows = self._mask_rows(self._rows(int(start), int(end)))
            self._write(int(block), rows)
            blocks.append(int(block))
            counts.append(len(rows))
        return {"block": blocks, "rows": counts}


def anonymize(
    source: str | Path,
    dest: str | Path,
    *,
    settings: Settings,
    policy: Policy | None = None,
    text_columns: tuple[str, ...] = ("text",),
    session_column: str | None = None,
    session: str = "dataset",
    tenant: str = "default",
    workers: int = 2,
    rows_per_block: int = 1000,
    progress: bool = True,
) -> Report:
    """Anonymize ``source`` into ``dest/part-*.{jsonl,parquet}`` on ``workers`` Ray actors.

    ``settings`` must name the Redis vault (every worker must see the same mappings); a rerun
    with the same arguments resumes. Starts a local Ray runtime unless one is initialised."""
    import ray

    src, out, fmt, blocks, todo = prepare_run(settings, source, dest, rows_per_block)
    t0 = time.monotonic()
    rows = 0
    if todo:
        if not ray.is_initialized():
            ray.init(num_cpus=max(workers, 1), include_dashboard=False, log_to_driver=False,
                     configure_logging=False)
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False  # the driver's own bar below counts rows
        ds = ray.data.from_items(todo, override_num_blocks=len(todo))
        done = ds.map_batches(
            BlockAnonymizer,
            fn_constructor_kwargs={
                "source": str(src.resolve()), "dest": str(out.resolve()),
                "settings": settings.model_dump(mode="json"),
                "policy": policy.model_dump(mode="json") if policy is not None else None,
                "text_columns": list(text_columns), "session_column": session_column,
                "session": session, "tenant": tenant,
            },
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
        )
        from tqdm import tqdm

        with tqdm(total=len(todo), unit="block", disable=not progress, desc="anonymize") as bar:
            for r in done.iter_rows():
                rows += int(r["rows"])
                bar.update(1)
                bar.set_postfix(rows=rows)
    return Report(
        blocks=len(blocks), blocks_skipped=len(blocks) - len(todo), rows=rows,
        seconds=time.monotonic() - t0, workers=workers,
    )


__all__ = ["BlockAnonymizer", "Report", "anonymize", "part_path", "plan"]
