from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from veil.audit import AuditLog, Signer, SQLiteAuditStore


@pytest.fixture
def signer() -> Signer:
    return Signer.generate()


@pytest.fixture
def make_log(tmp_path: Path, signer: Signer) -> Iterator[Callable[..., AuditLog]]:
    """An AuditLog on a SQLite file in tmp_path (same file for every call)."""
    logs: list[AuditLog] = []

    def make(**kw: object) -> AuditLog:
        log = AuditLog(
            SQLiteAuditStore(tmp_path / "audit.sqlite3"),
            signer,
            head_path=tmp_path / "head.json",
            **kw,  # type: ignore[arg-type]
        )
        logs.append(log)
        return log

    yield make
    for log in logs:
        log.close()


def fill(log: AuditLog, n: int, tenant: str = "acme") -> None:
    for i in range(n):
        log.record(
            "request",
            tenant=tenant,
            endpoint="chat",
            entities={"PERSON": i % 3, "EMAIL_ADDRESS": 1},
            bytes_in=100 + i,
        )
