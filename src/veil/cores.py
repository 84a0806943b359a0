"""The cores this process may use: what sizes its thread lanes and worker processes."""

from __future__ import annotations

import os
from pathlib import Path

#: where a cgroup's CPU quota is read: v2 ("<quota> <period>" or "max <period>"), then v1
CPU_MAX = Path("/sys/fs/cgroup/cpu.max")
CFS_QUOTA = Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")
CFS_PERIOD = Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us")


def _quota() -> int | None:
    """Whole cores the cgroup's CPU quota allows (rounded up), or None: no quota."""
    try:
        quota, period = CPU_MAX.read_text().split()[:2]
    except (OSError, ValueError):
        try:
            quota, period = CFS_QUOTA.read_text().strip(), CFS_PERIOD.read_text().strip()
        except OSError:
            return None
    if quota in ("max", "-1"):
        return None
    try:
        return max(1, -(-int(quota) // int(period)))
    except (ValueError, ZeroDivisionError):
        return None


def available_cpus() -> int:
    """The cores this process may run on: its CPU affinity, and its cgroup's CPU quota where
    one is set (a container sees every core of its node in ``os.cpu_count()``)."""
    n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    quota = _quota()
    return max(1, min(n or 1, quota or n or 1))
