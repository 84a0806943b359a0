"""Batch anonymization of a JSONL or Parquet data set on PySpark (the second engine beside Ray).

    from veil.integrations.spark import anonymize
    report = anonymize("tickets.jsonl", "out/", settings=settings, workers=8)

The guarantees are the Ray integration's, from the same pieces (:mod:`veil.integrations.ray`):
the input is cut into the same fixed blocks; each Spark task masks one block through the SHARED
Redis vault (one read and one all-or-nothing write per block and session, see
:mod:`veil.integrations.blocks`), so a value gets one replacement across all executors; a block's
output is renamed into place only when whole, so a rerun after a crash (driver or executor)
skips finished blocks and redoes the rest with the replacements already in the vault, never a
second set. Spark's own task retries are safe for the same reason: a retried block writes the
same bytes.

Each Python worker keeps one ``Veil`` per job (detection loaded once), reused across its tasks.
Secrets: the settings (master key included) travel to the executors in the task closure; on a
shared cluster set ``VEIL_MASTER_KEY`` in the executors' environment instead and pass settings
without it. Needs the ``spark`` extra and Java 17+ (``scripts/ensure-java.sh``).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from veil.config import Policy, Settings
from veil.errors import ConfigError, VeilError

from .ray import BlockAnonymizer, Report, prepare_run

#: One anonymizer per job in each Python worker (Spark reuses its workers across tasks).
_WORKER: dict[str, BlockAnonymizer] = {}


def _blocks_task(job: str, args: dict[str, Any]) -> Any:
    """The function each partition runs: mask and write its blocks, yield (block, rows)."""

    def run(blocks: Iterable[dict[str, int]]) -> Iterator[tuple[int, int]]:
        worker = _WORKER.get(job)
        if worker is None:
            _WORKER.clear()  # a worker serves one job at a time; drop an older job's Veil
            worker = _WORKER[job] = BlockAnonymizer(**args)
        for b in blocks:
            done = worker({"block": [b["block"]], "start": [b["start"]], "end": [b["end"]]})
            yield done["block"][0], done["rows"][0]

    return run


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
    spark: Any = None,
) -> Report:
    """Anonymize ``source`` into ``dest/part-*.{jsonl,parquet}`` with Spark tasks.

    ``spark``: a SparkSession to run on (a cluster); None starts ``local[workers]`` (stopped
    afterwards). ``settings`` must name the Redis vault; a rerun with the same arguments
    resumes."""
    src, out, fmt, blocks, todo = prepare_run(settings, source, dest, rows_per_block)
    t0 = time.monotonic()
    rows = 0
    if todo:
        own = spark is None
        if own:
            spark = _local_session(workers)
        try:
            args = {
                "source": str(src.resolve()), "dest": str(out.resolve()),
                "settings": settings.model_dump(mode="json"),
                "policy": policy.model_dump(mode="json") if policy is not None else None,
                "text_columns": list(text_columns), "session_column": session_column,
                "session": session, "tenant": tenant,
            }
            rdd = spark.sparkContext.parallelize(todo, len(todo))
            job = os.urandom(8).hex()
            rows = _run_with_progress(
                lambda: rdd.mapPartitions(_blocks_task(job, args)).collect(),
                out, fmt, len(todo), len(blocks) - len(todo), progress,
            )
        finally:
            if own:
                spark.stop()
    return Report(
        blocks=len(blocks), blocks_skipped=len(blocks) - len(todo), rows=rows,
        seconds=time.monotonic() - t0, workers=workers,
    )


def _local_session(workers: int) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError(
            "PySpark is not installed: pip install 'veil[spark]' (and Java 17+: "
            "scripts/ensure-java.sh)"
        ) from None
    # The executors' Python must be this one (Veil and its models are installed here).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(f"local[{max(workers, 1)}]")
        .appName("veil-anonymize")
        .config("spark.ui.enabled", "false")
        .config("spark.python.worker.reuse", "true")
        .config("spark.task.maxFailures", "2")  # a retried block rewrites the same bytes
        .getOrCreate()
    )


def _run_with_progress(
    job: Any, out: Path, fmt: str, todo: int, skipped: int, progress: bool
) -> int:
    """Run ``job`` (a blocking collect) while a bar counts the blocks renamed into place."""
    from tqdm import tqdm

    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["done"] = job()
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            result["error"] = e

    t = threading.Thread(target=target, name="veil-spark-job", daemon=True)
    t.start()
    with tqdm(total=todo, unit="block", disable=not progress, desc="anonymize") as bar:
        while t.is_alive():
            t.join(timeout=0.5)
            done = sum(1 for _ in out.glob(f"part-*.{fmt}")) - skipped
            bar.update(max(0, min(done, todo) - bar.n))
        bar.update(todo - bar.n if "done" in result else 0)
    if "error" in result:
        raise _job_error(result["error"])
    return sum(int(n) for _, n in result["done"])


def _job_error(e: BaseException) -> BaseException:
    """A failed job as a VeilError: Spark wraps a task's exception in the whole Python and
    Java traceback; the Veil error line inside says what to do (and, like every Veil error,
    carries no value), anything else is named by class only."""
    if isinstance(e, VeilError):
        return e
    for line in reversed(str(e).splitlines()):
        head, sep, message = line.strip().partition(": ")
        if sep and head.startswith("veil.errors."):
            return VeilError(f"{head.rsplit('.', 1)[1]}: {message} (finished blocks are kept; "
                             "rerun to resume)")
    return VeilError(
        f"the Spark job failed ({type(e).__name__}); finished blocks are kept: fix the cause "
        "(see the executors' logs) and rerun to resume"
    )


__all__ = ["anonymize"]
