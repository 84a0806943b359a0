"""Operators: how one detected value is replaced (chosen per entity type by the policy).

=============  ==========================================  ===========
operator       replacement                                 restorable
=============  ==========================================  ===========
placeholder    ``[PERSON_1]``, numbered per distinct value  yes
pseudonym      consistent Faker value of the same type      yes
synthetic      format-preserving valid value (Luhn, IBAN)   yes
redact         ``[REDACTED_PERSON]``, never stored          no
keep / dp      the text is left alone by the masker         --
=============  ==========================================  ===========

Reversible operators only *propose* candidates; the vault picks the first free one atomically,
so a collision (a replacement already used in the session, or equal to an original) just moves
to the next ``attempt``.

Operators live in a registry keyed by name; a policy accepts exactly the registered names.
A new one is a class with a ``name`` and ``propose`` (copy :class:`PlaceholderOperator`)::

    @register_operator
    class InitialsOperator(Operator):
        name = "initials"

        def propose(self, entity_type, value, *, seed, counter, attempt):
            return "".join(w[0] for w in value.split()) + "." * (attempt + 1)
"""

from __future__ import annotations

import random
import threading
from abc import ABC, abstractmethod
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar, TypeVar

from veil.errors import MaskingError
from veil.mask.synthetic import generate

if TYPE_CHECKING:
    from faker import Faker

_local = threading.local()


def _faker(seed: int) -> Faker:
    # One Faker per thread: seed_instance mutates shared state, so instances are not shared.
    fake: Faker | None = getattr(_local, "faker", None)
    if fake is None:
        # Imported on first use: placeholders (the default) never need Faker, and its import
        # is a tenth of a second of every start-up.
        from faker import Faker

        fake = _local.faker = Faker("en_US")
    fake.seed_instance(seed)
    return fake


def seeded(seed: bytes, attempt: int) -> tuple[random.Random, Faker]:
    """Deterministic generators for (value seed, attempt)."""
    n = int.from_bytes(seed[:16], "big") + attempt
    return random.Random(n), _faker(n)  # nosec B311 # keyed (HMAC) seed; the fake value is not a secret


class Operator(ABC):
    """Turns a value into a replacement candidate.

    ``masks``: the masker replaces the value (``keep`` and ``dp`` leave it in the text);
    ``stored``: the mapping goes to the vault, so it can be restored (``redact``: never);
    ``seeded``: :meth:`propose` reads ``seed`` (a per-value HMAC the masker derives only then).
    """

    name: ClassVar[str]
    reversible: ClassVar[bool] = True
    masks: ClassVar[bool] = True
    stored: ClassVar[bool] = True
    seeded: ClassVar[bool] = True

    @abstractmethod
    def propose(
        self, entity_type: str, value: str, *, seed: bytes, counter: int, attempt: int
    ) -> str:
        """Candidate number ``attempt`` for ``value``; ``counter`` numbers the session's values."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


_REGISTRY: dict[str, Operator] = {}
_O = TypeVar("_O", bound=type[Operator])


def register_operator(cls: _O) -> _O:
    """Class decorator: make an operator available to policies under ``cls.name``."""
    name = getattr(cls, "name", "")
    if not name or not name.isidentifier():
        raise ValueError("an operator class needs a ``name`` (an identifier)")
    if name in _REGISTRY and type(_REGISTRY[name]) is not cls:
        raise ValueError(f"operator {name!r} is registered already")
    _REGISTRY[name] = cls()
    return cls


def operator_names() -> tuple[str, ...]:
    """The names a policy accepts, sorted."""
    return tuple(sorted(_REGISTRY))


def redaction(entity_type: str) -> str:
    """The one redaction marker (masking and output scanning alike): ``[REDACTED_TYPE]``."""
    return f"[REDACTED_{entity_type}]"


@register_operator
class PlaceholderOperator(Operator):
    """``[TYPE_n]``: n counts distinct values per (tenant, session, type), never per message."""

    name = "placeholder"
    seeded = False

    def propose(
        self, entity_type: str, value: str, *, seed: bytes, counter: int, attempt: int
    ) -> str:
        return f"[{entity_type}_{counter}]"


@register_operator
class PseudonymOperator(Operator):
    """Realistic fake values (Faker), stable per value: seeded from a per-tenant HMAC."""

    name = "pseudonym"

    def propose(
        self, entity_type: str, value: str, *, seed: bytes, counter: int, attempt: int
    ) -> str:
        rng, fake = seeded(seed, attempt)
        return generate(entity_type, value, rng, fake)


@register_operator
class SyntheticOperator(Operator):
    """Format-preserving values: same length, grouping and validity (Luhn, IBAN, SSN, IP)."""

    name = "synthetic"

    def propose(
        self, entity_type: str, value: str, *, seed: bytes, counter: int, attempt: int
    ) -> str:
        rng, fake = seeded(seed, attempt)
        return generate(entity_type, value, rng, fake)  # a type without a generator: its shape


@register_operator
class RedactOperator(Operator):
    """Irreversible: the value is dropped; the vault never sees it."""

    name = "redact"
    reversible = False
    stored = False

    def propose(
        self, entity_type: str, value: str, *, seed: bytes, counter: int, attempt: int
    ) -> str:
        return self.replacement(entity_type)

    @staticmethod
    def replacement(entity_type: str) -> str:
        return redaction(entity_type)


class _LeaveOperator(Operator):
    """The value stays in the text (nothing is proposed, nothing stored)."""

    reversible = False
    masks = False
    stored = False

    def propose(
        self, entity_type: str, value: str, *, seed: bytes, counter: int, attempt: int
    ) -> str:
        return value


@register_operator
class KeepOperator(_LeaveOperator):
    """Not sensitive for this tenant: left as is."""

    name = "keep"


@register_operator
class DpOperator(_LeaveOperator):
    """Left in the free text for the DP sanitizer (``Policy.dp``) to perturb with the rest."""

    name = "dp"


#: Registered operators by name (read-only view; add with :func:`register_operator`).
OPERATORS: Mapping[str, Operator] = MappingProxyType(_REGISTRY)


def get_operator(name: str) -> Operator:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise MaskingError(
            f"unknown operator {name!r}; use one of {', '.join(operator_names())}"
        ) from None
