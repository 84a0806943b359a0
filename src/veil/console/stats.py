"""Figures for the Budgets and metrics page, read from what the gateway already keeps.

- Metrics: the gateway's Prometheus registry (requests, entities by type, latency histogram,
  errors). Counters only grow, so a sampler thread keeps a short history of totals (one sample
  every :data:`SAMPLE_S` seconds, :data:`HISTORY` samples) for the charts over time.
- Privacy budgets: the DP budget table of the vault's SQLite file (``dp_budget``), read only.
  User ids there are keyed pseudonyms (``<key id>/<user pseudonym>``), never raw user names.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veil.gateway.state import GatewayState

SAMPLE_S = 5.0
HISTORY = 720  # an hour at one sample every 5 s
#: Endpoints whose latency counts (not health checks, metrics scrapes or console pages).
SERVED = {"chat", "completions", "embeddings", "responses", "messages", "models"}


@dataclass(frozen=True)
class Snapshot:
    requests: dict[str, float]  # endpoint -> count
    statuses: dict[str, float]  # status class (2xx, 4xx, 5xx) -> count
    entities: dict[str, float]  # entity type -> count
    errors: dict[str, float]  # error code -> count
    buckets: list[tuple[float, float]]  # (upper bound, cumulative count) of served latency

    @property
    def total_requests(self) -> float:
        return sum(v for k, v in self.requests.items() if k in SERVED)

    @property
    def total_errors(self) -> float:
        return sum(self.errors.values())

    def percentile(self, q: float) -> float | None:
        """Latency quantile ``q`` in seconds, interpolated inside the histogram bucket."""
        if not self.buckets or self.buckets[-1][1] <= 0:
            return None
        total = self.buckets[-1][1]
        rank = q * total
        prev_bound, prev_count = 0.0, 0.0
        for bound, count in self.buckets:
            if count >= rank:
                if bound == float("inf"):
                    return prev_bound
                inside = count - prev_count
                frac = (rank - prev_count) / inside if inside else 0.0
                return prev_bound + (bound - prev_bound) * frac
            prev_bound, prev_count = bound, count
        return prev_bound


def snapshot(state: GatewayState) -> Snapshot:
    requests: dict[str, float] = defaultdict(float)
    statuses: dict[str, float] = defaultdict(float)
    entities: dict[str, float] = defaultdict(float)
    errors: dict[str, float] = defaultdict(float)
    buckets: dict[float, float] = defaultdict(float)
    for family in state.metrics.registry.collect():
        for s in family.samples:
            if s.name == "veil_requests_total":
                requests[s.labels["endpoint"]] += s.value
                if s.labels["endpoint"] in SERVED:
                    statuses[s.labels["status"][:1] + "xx"] += s.value
            elif s.name == "veil_entities_masked_total":
                entities[s.labels["type"]] += s.value
            elif s.name == "veil_errors_total":
                errors[s.labels["code"]] += s.value
            elif s.name == "veil_request_seconds_bucket" and s.labels["endpoint"] in SERVED:
                buckets[float(s.labels["le"])] += s.value
    return Snapshot(dict(requests), dict(statuses), dict(entities), dict(errors),
                    sorted(buckets.items()))


class History:
    """Totals sampled every :data:`SAMPLE_S` seconds by a daemon thread (started on first use)."""

    def __init__(self, state: GatewayState) -> None:
        self.state = state
        self.samples: deque[tuple[float, float, float, float]] = deque(maxlen=HISTORY)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def sample(self) -> None:
        s = snapshot(self.state)
        self.samples.append((time.time(), s.total_requests, s.total_errors,
                             sum(s.entities.values())))

    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self.sample()
            self._thread = threading.Thread(target=self._run, name="veil-console-metrics",
                                            daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(SAMPLE_S)
            self.sample()

    def rates(self) -> tuple[list[float], dict[str, list[float]]]:
        """Per-minute rates between consecutive samples: (times, {series: values})."""
        pts = list(self.samples)
        xs: list[float] = []
        out: dict[str, list[float]] = {"requests/min": [], "errors/min": [], "entities/min": []}
        for (t0, r0, e0, n0), (t1, r1, e1, n1) in zip(pts, pts[1:], strict=False):
            dt = max(t1 - t0, 1e-3) / 60.0
            xs.append(t1)
            out["requests/min"].append(max(0.0, r1 - r0) / dt)
            out["errors/min"].append(max(0.0, e1 - e0) / dt)
            out["entities/min"].append(max(0.0, n1 - n0) / dt)
        return xs, out


@dataclass(frozen=True)
class BudgetRow:
    tenant: str
    user: str  # "" is the tenant-wide row
    spent: float
    limit: float | None


def budgets(state: GatewayState) -> tuple[list[BudgetRow], str]:
    """Rows of the DP budget table and a note saying where they come from."""
    settings: Any = getattr(state.core, "settings", None)
    if settings is None:
        return [], "this gateway's privacy core keeps no budget table"
    if getattr(settings, "vault_backend", "sqlite") != "sqlite":
        return [], "budgets live in Redis here; see `veil` DP commands for per-user figures"
    path = Path(settings.resolved_vault_path())
    if not path.exists():
        return [], "no privacy budget spent yet (no policy with a dp block has run)"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
        try:
            rows = conn.execute(
                "SELECT tenant, user, spent, lim FROM dp_budget ORDER BY tenant, spent DESC"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return [], "no privacy budget spent yet (no policy with a dp block has run)"
    return [BudgetRow(str(t), str(u), float(s), None if lim is None else float(lim))
            for t, u, s, lim in rows], f"from the budget table in {path.name}"


__all__ = ["BudgetRow", "History", "Snapshot", "budgets", "snapshot"]
