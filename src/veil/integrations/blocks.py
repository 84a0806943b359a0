"""Protecting a block of texts of one vault session at once, for batch engines (Ray, Spark).

``Veil.protect`` reads the session and writes its new mappings once per TEXT; a data set of
short rows then pays a vault round trip pair and a rebuild of the seen-value index per row.
:func:`protect_texts` does a block in ONE read (:meth:`~veil.vault.base.Vault.view`), one
batched detection, and ONE all-or-nothing write of every new mapping of the block
(:meth:`~veil.mask.masker.Masker.mask_many`). The guarantees are those of ``protect``:

- consistent: the write is a compare-and-set; if another worker stored one of the block's
  values or replacements meanwhile, nothing is written and the block is masked again against a
  fresh copy, so it ends with that worker's mapping (one replacement per value);
- never double-assigned: a value already in the vault gets its stored replacement, so a block
  redone after a crash writes the same output;
- seen values: a value detected in one row is looked for in every row of the block (and the
  session's known values in all of them), as ``protect`` does for later turns.

Two differences from one ``protect`` per row, both within a block only: a partial name ("Jane")
is linked to a full name first met in the SAME block only through the vault (it gets an
identity of its own, the fail-safe choice), and a policy with a ``dp`` block falls back to one
``protect`` per text (its budget is charged per text).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from veil.config import RESERVED_TYPES
from veil.core import _check_text
from veil.detect.entity import Detection
from veil.detect.seen import SeenEntityCache
from veil.errors import DetectionError, VeilError
from veil.mask.masker import Masker

if TYPE_CHECKING:
    from veil.core import Veil
    from veil.detect.engine import DetectionEngine


def _analyze(
    engine: DetectionEngine, texts: list[str], seen: SeenEntityCache
) -> list[list[Detection]]:
    try:
        return engine.analyze_batch(texts, seen=seen)
    except VeilError:
        raise
    except Exception as e:  # the message could quote the text (privacy rule)
        raise DetectionError(
            f"detection failed ({type(e).__name__}); the block was not processed"
        ) from None


def _uncovered(found: list[Detection], detections: list[Detection]) -> bool:
    """Whether a match in ``found`` lies outside every span of ``detections``."""
    return any(
        not any(d.start <= m.start and m.end <= d.end for d in detections) for m in found
    )


def protect_texts(
    veil: Veil, texts: Sequence[str], *, session: str, tenant: str = "default"
) -> list[str]:
    """The masked ``texts`` (same order; blank texts unchanged), one vault read and one
    all-or-nothing write for all of them. Fails closed: a VeilError, never a partial block."""
    policy = veil.policy(tenant)
    for t in texts:
        _check_text(t)
    if policy.dp is not None:
        return [veil.protect(t, session=session, tenant=tenant).masked for t in texts]
    todo = [i for i, t in enumerate(texts) if t.strip()]
    out = list(texts)
    if not todo:
        return out
    vault = veil.vault
    view = vault.view(tenant, session)
    engine = veil.engine(tenant)
    known = [(e.entity_type, e.original) for e in view.entries
             if e.entity_type not in RESERVED_TYPES]
    block = [texts[i] for i in todo]
    dets = _analyze(engine, block, SeenEntityCache(known))
    # A value detected in one row, looked for in the others (NER is contextual: a name tagged
    # in one ticket may be missed in the next). Rows with such an uncovered match are analysed
    # again with the block's values added to the seen ones.
    found = [(d.type, d.text) for ds in dets for d in ds if d.type not in RESERVED_TYPES]
    fresh = SeenEntityCache(found)
    if len(fresh):
        again = [k for k, t in enumerate(block) if _uncovered(fresh.analyze(t), dets[k])]
        if again:
            redone = _analyze(engine, [block[k] for k in again], SeenEntityCache(known + found))
            for k, ds in zip(again, redone, strict=True):
                dets[k] = ds
    results = Masker(vault, policy).mask_many(
        list(zip(block, dets, strict=True)), tenant=tenant, session=session, view=view
    )
    for i, r in zip(todo, results, strict=True):
        out[i] = r.masked
    return out


__all__ = ["protect_texts"]
