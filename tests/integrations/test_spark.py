"""Batch anonymization on PySpark (optional `spark` extra, `make spark-env`): consistent
replacements across executors over one Redis vault, and a rerun that redoes lost blocks with the
replacements already in the vault."""

from __future__ import annotations

import base64
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from veil.cli.bench_ray import distinct_replacements, make_tickets
from veil.config import Policy, Settings

pytest.importorskip("pyspark", reason="the optional `spark` extra: run `make spark-env`")
if shutil.which("java") is None:
    pytest.skip("Java 17+ missing: run scripts/ensure-java.sh", allow_module_level=True)

pytestmark = [pytest.mark.redis, pytest.mark.slow]
POLICY = Policy(default_operator="pseudonym", ner=False)


@pytest.fixture
def settings(redis_url: str, tmp_path: Path) -> Iterator[Settings]:
    import redis

    url = redis_url.rsplit("/", 1)[0] + "/12"
    redis.Redis.from_url(url).flushdb()
    yield Settings(vault_backend="redis", redis_url=url, home=tmp_path / "home",
                   master_key=base64.b64encode(os.urandom(32)).decode())


def test_spark_run_is_consistent_and_resumes(tmp_path: Path, settings: Settings) -> None:
    from veil.integrations.spark import anonymize

    src, dest = tmp_path / "in.jsonl", tmp_path / "out"
    make_tickets(src, 80)
    r = anonymize(src, dest, settings=settings, policy=POLICY, workers=2, rows_per_block=10,
                  progress=False)
    assert (r.blocks, r.blocks_skipped, r.rows) == (8, 0, 80)
    written, inconsistent = distinct_replacements(dest)
    assert written == 80 and inconsistent == 0
    out = "".join(p.read_text() for p in sorted(dest.glob("part-*.jsonl")))
    assert not re.search(r"cust\d+@example\.com", out)
    # A crash: two blocks lost, one left half-written. The rerun redoes exactly those, with the
    # vault's replacements: the same bytes as before, nothing assigned twice.
    lost = {p.name: p.read_text() for p in sorted(dest.glob("part-*.jsonl"))[2:4]}
    for name in lost:
        (dest / name).unlink()
    (dest / ".part-000005.jsonl.123.tmp").write_text('{"half": ')
    r = anonymize(src, dest, settings=settings, policy=POLICY, workers=2, rows_per_block=10,
                  progress=False)
    assert (r.blocks, r.blocks_skipped, r.rows) == (8, 6, 20)
    assert {name: (dest / name).read_text() for name in lost} == lost
    assert not list(dest.glob(".part-*"))
    assert distinct_replacements(dest) == (80, 0)
