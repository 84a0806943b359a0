"""Protecting a block of texts of one vault session at once, for batch engines (Ray, Spark).

``Veil.protect`` reads the session and writes its new mappings once per TEXT; a data set of
short rows would pay a vault round trip pair per row. :func:`protect_texts` masks a block with
:meth:`veil.Veil.protect_many`: ONE read, one batched detection, and ONE all-or-nothing write
of every new mapping. The guarantees are those of ``protect``:

- consistent: the write is a compare-and-set; if another worker stored one of the block's
  values or replacements meanwhile, nothing is written and the block is masked again against a
  fresh copy, so it ends with that worker's mapping (one replacement per value);
- never double-assigned: a value already in the vault gets its stored replacement, so a block
  redone after a crash writes the same output;
- seen values: a value detected in one row is looked for in every row of the block (and the
  session's known values in all of them), as ``protect`` does for later turns.

A policy with a ``dp`` block falls back to one ``protect`` per text (its budget is charged per
text).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from veil.core import Veil


def protect_texts(
    veil: Veil, texts: Sequence[str], *, session: str, tenant: str = "default"
) -> list[str]:
    """The masked ``texts`` (same order; blank texts unchanged), one vault read and one
    all-or-nothing write for all of them (:meth:`veil.Veil.protect_many`). Fails closed: a
    VeilError, never a partial block."""
    return [r.masked for r in veil.protect_many(texts, session=session, tenant=tenant)]


__all__ = ["protect_texts"]
