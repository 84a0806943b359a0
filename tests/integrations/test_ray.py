"""Batch anonymization on Ray Data over one shared Redis vault: consistent replacements across
workers, and a crashed run resumed without a second set of replacements."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from veil.cli.bench_ray import distinct_replacements, make_tickets
from veil.config import Settings
from veil.integrations.ray import BlockAnonymizer, part_path, plan

pytestmark = pytest.mark.redis
POLICY = {"default_operator": "pseudonym", "ner": False}


@pytest.fixture
def settings(redis_url: str, tmp_path: Path) -> Iterator[Settings]:
    import redis

    url = redis_url.rsplit("/", 1)[0] + "/14"
    redis.Redis.from_url(url).flushdb()
    yield Settings(vault_backend="redis", redis_url=url, home=tmp_path / "home",
                   master_key=base64.b64encode(os.urandom(32)).decode())


def worker(src: Path, dest: Path, settings: Settings) -> BlockAnonymizer:
    return BlockAnonymizer(str(src), str(dest), settings.model_dump(mode="json"), POLICY,
                           ["text"], None, "dataset", "default")


def test_two_workers_share_one_replacement_per_value(tmp_path: Path, settings: Settings) -> None:
    src, dest = tmp_path / "in.jsonl", tmp_path / "out"
    dest.mkdir()
    make_tickets(src, 120)
    blocks = plan(src, 20)
    assert len(blocks) == 6 and blocks[0]["start"] == 0
    a, b = worker(src, dest, settings), worker(src, dest, settings)  # two "workers"
    for k, blk in enumerate(blocks):
        w = a if k % 2 else b
        w({key: [blk[key]] for key in ("block", "start", "end")})
    rows, inconsistent = distinct_replacements(dest)
    assert rows == 120 and inconsistent == 0
    out = "".join(p.read_text() for p in sorted(dest.glob("part-*.jsonl")))
    assert not re.search(r"cust\d+@example\.com", out)  # every original e-mail was replaced
    # and every original phone number (the synthetic ones keep the layout, with random digits,
    # so only the exact originals are looked for)
    phones = set(re.findall(r"\+44 20 7946 \d{4}", src.read_text()))
    assert phones and not [p for p in phones if p in out]
    # Redoing a block (as a resumed run does) writes the same bytes: nothing is re-assigned.
    before = part_path(dest, 3, "jsonl").read_text()
    a({key: [blocks[3][key]] for key in ("block", "start", "end")})
    assert part_path(dest, 3, "jsonl").read_text() == before


def test_refuses_a_per_process_vault(tmp_path: Path) -> None:
    from veil.errors import ConfigError
    from veil.integrations.ray import anonymize

    src = tmp_path / "in.jsonl"
    make_tickets(src, 4)
    with pytest.raises(ConfigError, match="shared Redis vault"):
        anonymize(src, tmp_path / "out", settings=Settings(home=tmp_path))


SCRIPT = """
import sys
from pathlib import Path
from veil.config import Policy, Settings
from veil.integrations.ray import anonymize
s = Settings.model_validate_json(Path(sys.argv[3]).read_text())
r = anonymize(sys.argv[1], sys.argv[2], settings=s, workers=2,
              rows_per_block=int(sys.argv[4]),
              policy=Policy(default_operator="pseudonym", ner=False), progress=False)
print("REPORT", r.blocks, r.blocks_skipped, r.rows, flush=True)
"""


# Enough blocks that the kill lands mid-run on a fast host too: with 16 blocks, a CI host wrote all
# of them between two polls. Ray's start-up, not the blocks, is most of the rerun's time.
ROWS, ROWS_PER_BLOCK = 1500, 10
BLOCKS = ROWS // ROWS_PER_BLOCK


@pytest.mark.slow
def test_a_killed_run_resumes_without_double_assignment(
    tmp_path: Path, settings: Settings
) -> None:
    src, dest = tmp_path / "in.jsonl", tmp_path / "out"
    make_tickets(src, ROWS)
    cfg = tmp_path / "settings.json"
    cfg.write_text(settings.model_dump_json())
    env = {**os.environ, "RAY_AUTH_MODE": "disabled", "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-c", SCRIPT, str(src), str(dest), str(cfg), str(ROWS_PER_BLOCK)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and len(list(dest.glob("part-*.jsonl"))) < 3:
        assert proc.poll() is None, "the run ended before it could be killed"
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its Ray workers, mid-run
    proc.wait()
    done_before = {p.name for p in dest.glob("part-*.jsonl")}
    assert 3 <= len(done_before) < BLOCKS
    # Only whole blocks carry a part name (a block cut mid-way is a hidden temporary file).
    assert all(len(p.read_text().splitlines()) == ROWS_PER_BLOCK
               for p in dest.glob("part-*.jsonl"))
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    report = next(line for line in r.stdout.splitlines() if line.startswith("REPORT"))
    blocks, skipped, rows = map(int, report.split()[1:])
    # An actor busy at the kill may still finish (and rename) its block before it notices the
    # dead driver: the rerun then skips that one too.
    assert blocks == BLOCKS and skipped >= len(done_before)
    assert rows == ROWS - ROWS_PER_BLOCK * skipped
    written, inconsistent = distinct_replacements(dest)
    assert written == ROWS and inconsistent == 0
    ids = sorted(json.loads(line)["id"] for p in dest.glob("part-*.jsonl")
                 for line in p.read_text().splitlines())
    assert ids == list(range(ROWS))
