"""Recording an admin action from a short-lived process (a CLI command): open the log the
settings name, record, commit and sign, close."""

from __future__ import annotations

import logging

from veil.config import Settings
from veil.errors import VeilError

from .config import AuditConfig, open_audit
from .records import FieldValue, check_record

log = logging.getLogger("veil.audit")


def record_admin(
    action: str,
    *,
    settings: Settings | None = None,
    config: AuditConfig | None = None,
    **fields: FieldValue,
) -> bool:
    """Record ``admin.<action>`` in the log beside the vault; False (with a warning on stderr
    and in the log) if the log could not be written. The action itself has happened by then,
    so a failure here must not hide that it did."""
    kind = f"admin.{action}"
    try:
        check_record(kind, fields)  # before opening anything: e.g. a tenant name with spaces
        audit = open_audit(config, settings)
        try:
            audit.record(kind, **fields)
        finally:
            audit.close()
    except VeilError as e:
        log.warning("audit record %s not written: %s", kind, e)
        import sys

        print(f"warning: the audit log was not written ({e})", file=sys.stderr)
        return False
    return True


__all__ = ["record_admin"]
