"""Closed-world variants of the request-field rules (:mod:`.fields`) for the APIs Veil imitates
field by field (the Responses API, Anthropic Messages): an unknown key or an unknown ``type`` is
refused with a 400 instead of being masked and forwarded, so a field whose meaning the gateway
does not know never reaches the upstream. Error messages name the place (path of declared keys
and indices), never the unknown key itself: a key is request text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from veil.errors import RequestValidationError

from .fields import FREE, Obj, Path, Rule, WalkContext, format_path


@dataclass(frozen=True, eq=False)
class Strict(Obj):
    """An object with exactly the declared keys (some may be missing); any other key refuses
    the request."""

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, dict):
            raise RequestValidationError(f"{format_path(path)} must be an object")
        if any(k not in self.fields for k in value):
            raise RequestValidationError(
                f"{format_path(path)} has a field Veil does not know (the key is not repeated "
                "here); Veil forwards only fields it knows how to mask. Remove it"
            )
        return {k: self.fields[k].apply(v, ctx, (*path, k)) for k, v in value.items()}

    def describe(self, prefix: str) -> Iterator[tuple[str, str]]:
        for k, rule in self.fields.items():
            yield from rule.describe(f"{prefix}.{k}" if prefix else k)
        yield (f"{prefix}.*" if prefix else "*"), "refused (unknown field)"


@dataclass(frozen=True, eq=False)
class Tagged(Rule):
    """Objects told apart by ``key``: a missing tag takes ``missing`` (None: refused), an
    unknown tag is refused."""

    key: str
    cases: Mapping[str, Rule]
    missing: Rule | None = None
    what: str = "item"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, dict):
            raise RequestValidationError(f"{format_path(path)} must be an object")
        tag = value.get(self.key)
        if tag is None and self.missing is not None:
            return self.missing.apply(value, ctx, path)
        rule = self.cases.get(tag) if isinstance(tag, str) else None
        if rule is None:
            known = ", ".join(sorted(self.cases))
            raise RequestValidationError(
                f"{format_path(path)}.{self.key}: this {self.what} {self.key} is not supported "
                f"through Veil; use one of: {known}"
            )
        return rule.apply(value, ctx, path)

    def describe(self, prefix: str) -> Iterator[tuple[str, str]]:
        for tag, rule in self.cases.items():
            yield from rule.describe(f"{prefix}<{self.key}={tag}>")
        yield f"{prefix}<{self.key}=other>", "refused"


def strict(**fields: Rule) -> Strict:
    return Strict(fields, rest=FREE)


__all__ = ["Strict", "Tagged", "strict"]
