"""The audit log writer: ``record()`` checks a record and queues it; a background thread
appends batches to the store, extends the Merkle tree and signs checkpoints.

A request pays only for the schema check and a queue put (microseconds); hashing, commits and
signatures happen on the writer thread, in batches. A crash loses at most what was queued and
not yet committed; every committed record either lies under a signed checkpoint or is reported by
``veil audit verify`` as the unsigned tail. The newest checkpoint is also written to a head file
beside the signing key, so a log replaced by an older copy is noticed at start and by verify.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from veil.errors import AuditError

from .checkpoint import Checkpoint, Signer
from .merkle import Frontier, leaf_hash
from .records import FieldValue, check_record, encode_leaf
from .store import AuditStore, Row

log = logging.getLogger("veil.audit")


class AuditSink(Protocol):
    """What the gateway and the CLI record into (see :class:`AuditLog`, :class:`NullAudit`)."""

    #: False for :class:`NullAudit`: callers may skip computing a record's fields.
    enabled: bool

    def record(self, kind: str, **fields: FieldValue) -> None: ...

    def signing_public_key(self) -> bytes | None:
        """Raw Ed25519 key that verifies the checkpoints (None: nothing is recorded)."""
        ...

    def flush(self, timeout: float = 10.0) -> None: ...

    def close(self) -> None: ...


class NullAudit:
    """Records nothing (no audit store configured) but still checks the schema, so a record
    that would leak is caught in every deployment and test, not only audited ones."""

    enabled = False

    def record(self, kind: str, **fields: FieldValue) -> None:
        check_record(kind, fields)

    def signing_public_key(self) -> bytes | None:
        return None

    def flush(self, timeout: float = 10.0) -> None:
        return None

    def close(self) -> None:
        return None


@dataclass
class _Marker:
    """A flush/checkpoint/stop request travelling through the queue behind earlier records."""

    what: str
    done: threading.Event = field(default_factory=threading.Event)
    result: Checkpoint | None = None
    error: BaseException | None = None


_Item = tuple[float, str, dict[str, FieldValue]] | _Marker


class AuditLog:
    enabled = True

    def __init__(
        self,
        store: AuditStore,
        signer: Signer,
        *,
        checkpoint_every: int = 1000,
        checkpoint_seconds: float = 10.0,
        head_path: Path | None = None,
        batch_max: int = 1024,
        linger_s: float = 0.02,  # how often the writer looks for new records
    ) -> None:
        self.store, self.signer = store, signer
        self.checkpoint_every = max(1, checkpoint_every)
        self.checkpoint_seconds = checkpoint_seconds
        self.head_path = head_path
        self.batch_max = batch_max
        self.linger_s = linger_s
        self._q: queue.SimpleQueue[_Item] = queue.SimpleQueue()
        self._wake = threading.Event()
        self._frontier = Frontier()
        self._sync()
        cps = store.checkpoints()
        self._last_cp = cps[-1] if cps else None
        self._check_head()
        self._since_cp = self._frontier.size - (self._last_cp.size if self._last_cp else 0)
        self._last_cp_time = time.monotonic()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="veil-audit-writer", daemon=True)
        self._thread.start()

    # --- API -----------------------------------------------------------------------------

    def record(self, kind: str, **fields: FieldValue) -> None:
        """Queue one record; raises AuditRecordError if it does not fit the schema."""
        checked = check_record(kind, fields)
        self._q.put((time.time(), kind, checked))

    def signing_public_key(self) -> bytes:
        """Raw 32-byte Ed25519 public key that signs this log's checkpoints."""
        return self.signer.public_key

    @property
    def size(self) -> int:
        """Records committed by this writer's view of the log."""
        return self._frontier.size

    def flush(self, timeout: float = 10.0) -> None:
        """Wait until everything recorded so far is committed."""
        self._send(_Marker("flush"), timeout)

    def checkpoint(self, timeout: float = 10.0) -> Checkpoint | None:
        """Commit what is queued and sign a checkpoint now (None: the log is empty)."""
        m = self._send(_Marker("checkpoint"), timeout)
        return m.result

    def close(self, timeout: float = 10.0) -> None:
        """Commit the tail, sign a final checkpoint, stop the writer and close the store."""
        if self._closed:
            return
        self._closed = True
        try:
            self._send(_Marker("stop"), timeout)
        finally:
            self._thread.join(timeout)
            self.store.close()

    def __enter__(self) -> AuditLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writer thread -------------------------------------------------------------------

    def _send(self, marker: _Marker, timeout: float) -> _Marker:
        if not self._thread.is_alive():
            raise AuditError("the audit writer is not running; restart the gateway")
        self._q.put(marker)
        self._wake.set()
        if not marker.done.wait(timeout):
            raise AuditError(
                f"the audit log did not commit within {timeout:g} s; check the audit store"
            )
        if marker.error is not None:
            raise AuditError(
                f"the audit log could not be written ({type(marker.error).__name__})"
            ) from None
        return marker

    def _sync(self) -> None:
        """Take in records another writer appended since this one last looked."""
        n = self.store.size()
        if n > self._frontier.size:
            for h in self.store.leaf_hashes(self._frontier.size, n):
                self._frontier.append(h)

    def _check_head(self) -> None:
        head = self._read_head()
        if head is None:
            return
        if head.size > self._frontier.size:
            raise AuditError(
                f"the audit log holds {self._frontier.size} records but its last checkpoint "
                f"covered {head.size}: records were deleted or an older copy was restored; "
                "run `veil audit verify`"
            )

    def _read_head(self) -> Checkpoint | None:
        if self.head_path is None or not self.head_path.exists():
            return None
        try:
            cp = Checkpoint.from_json(json.loads(self.head_path.read_text(encoding="utf-8")))
        except (OSError, ValueError, AuditError):
            return None
        return cp if cp.log == self.store.log else None

    def _run(self) -> None:
        # Polled, not woken by each record: a put() into a queue nobody blocks on wakes no
        # thread, so a request never hands the GIL to this writer; batches form by themselves.
        # Markers (flush, checkpoint, stop) set the event to be served at once.
        while True:
            self._wake.wait(self.linger_s)
            self._wake.clear()
            items: list[_Item] = []
            while len(items) < self.batch_max:
                try:
                    items.append(self._q.get_nowait())
                except queue.Empty:
                    break
            if not items:
                if time.monotonic() - self._last_cp_time >= self.checkpoint_seconds:
                    self._maybe_checkpoint(force_time=True)
                continue
            if self._handle(items):
                return

    def _handle(self, items: list[_Item]) -> bool:
        """Commit records in order, answering markers as they are reached; True: stop."""
        pending: list[tuple[float, str, dict[str, FieldValue]]] = []
        for item in items:
            if not isinstance(item, _Marker):
                pending.append(item)
                continue
            try:
                self._commit(pending)
                pending = []
                if item.what in ("checkpoint", "stop"):
                    item.result = self._checkpoint() if self._frontier.size else None
            except Exception as e:  # noqa: BLE001 - reported to the waiting caller
                item.error = e
            item.done.set()
            if item.what == "stop":
                return True
        self._commit(pending, retry=True)
        self._maybe_checkpoint()
        return False

    def _commit(
        self, batch: list[tuple[float, str, dict[str, FieldValue]]], *, retry: bool = False
    ) -> None:
        delay = 0.1
        while batch:
            try:
                self._append(batch)
                return
            except Exception as e:  # noqa: BLE001 - the store failed; keep the records
                if not retry:
                    raise
                log.warning(
                    "audit store write failed (%s); retrying %d record(s)",
                    type(e).__name__,
                    len(batch),
                )
                time.sleep(delay)
                delay = min(delay * 2, 5.0)

    def _append(self, batch: list[tuple[float, str, dict[str, FieldValue]]]) -> None:
        while True:
            base = self._frontier.size
            rows: list[Row] = []
            for k, (ts, kind, fields) in enumerate(batch):
                leaf = encode_leaf(base + k, ts, kind, fields)
                rows.append((base + k, leaf, leaf_hash(leaf)))
            if self.store.append(base, rows):
                for _, _, h in rows:
                    self._frontier.append(h)
                self._since_cp += len(rows)
                return
            self._sync()  # another writer appended first: extend our tree, renumber, retry

    def _maybe_checkpoint(self, *, force_time: bool = False) -> None:
        if self._since_cp <= 0:
            self._last_cp_time = time.monotonic()
            return
        due = time.monotonic() - self._last_cp_time >= self.checkpoint_seconds
        if self._since_cp >= self.checkpoint_every or due or force_time:
            try:
                self._checkpoint()
            except Exception as e:  # noqa: BLE001 - retried at the next batch or tick
                log.warning("audit checkpoint failed (%s); will retry", type(e).__name__)

    def _checkpoint(self) -> Checkpoint:
        size = self._frontier.size
        if self._last_cp is not None and self._last_cp.size >= size:
            return self._last_cp
        cp = self.signer.sign(self.store.log, size, self._frontier.root(), int(time.time() * 1000))
        self.store.add_checkpoint(cp)
        self._write_head(cp)
        self._last_cp, self._since_cp = cp, 0
        self._last_cp_time = time.monotonic()
        return cp

    def _write_head(self, cp: Checkpoint) -> None:
        if self.head_path is None:
            return
        from veil.vault.files import private_dir, private_file

        # A Redis-backed replica may have no VEIL_HOME yet (nothing else writes there).
        private_dir(self.head_path.parent, tighten=False)
        tmp = self.head_path.with_name(self.head_path.name + ".tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        private_file(tmp)
        tmp.write_text(json.dumps(cp.to_json(), sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.head_path)


__all__ = ["AuditLog", "AuditSink", "NullAudit"]
