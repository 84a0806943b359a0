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
"""

from __future__ import annotations

import random
import threading
from abc import ABC, abstractmethod
from typing import ClassVar

from faker import Faker

from veil.errors import MaskingError
from veil.mask.synthetic import GENERATORS, generate, shape

_local = threading.local()


def _faker(seed: int) -> Faker:
    # One Faker per thread: seed_instance mutates shared state, so instances are not shared.
    fake: Faker | None = getattr(_local, "faker", None)
    if fake is None:
        fake = _local.faker = Faker("en_US")
    fake.seed_instance(seed)
    return fake


def seeded(seed: bytes, attempt: int) -> tuple[random.Random, Faker]:
    """Deterministic generators for (value seed, attempt)."""
    n = int.from_bytes(seed[:16], "big") + attempt
    return random.Random(n), _faker(n)


class Operator(ABC):
    """Turns a value into a replacement candidate."""

    name: ClassVar[str]
    reversible: ClassVar[bool] = True

    @abstractmethod
    def propose(
        self, entity_type: str, value: str, *, seed: bytes, counter: int, attempt: int
    ) -> str:
        """Candidate number ``attempt`` for ``value``; ``counter`` numbers the session's values."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class PlaceholderOperator(Operator):
    """``[TYPE_n]``: n counts distinct values per (tenant, session, type), never per message."""

    name = "placeholder"

    def propose(
        self, entity_type: str, value: str, *, seed: bytes, counter: int, attempt: int
    ) -> str:
        return f"[{entity_type}_{counter}]"


class PseudonymOperator(Operator):
    """Realistic fake values (Faker), stable per value: seeded from a per-tenant HMAC."""

    name = "pseudonym"

    def propose(
        self, entity_type: str, value: str, *, seed: bytes, counter: int, attempt: int
    ) -> str:
        rng, fake = seeded(seed, attempt)
        return generate(entity_type, value, rng, fake)


class SyntheticOperator(Operator):
    """Format-preserving values: same length, grouping and validity (Luhn, IBAN, SSN, IP)."""

    name = "synthetic"

    def propose(
        self, entity_type: str, value: str, *, seed: bytes, counter: int, attempt: int
    ) -> str:
        rng, fake = seeded(seed, attempt)
        if entity_type in GENERATORS:
            return generate(entity_type, value, rng, fake)
        return shape(value, rng)


class RedactOperator(Operator):
    """Irreversible: the value is dropped; the vault never sees it."""

    name = "redact"
    reversible = False

    def propose(
        self, entity_type: str, value: str, *, seed: bytes, counter: int, attempt: int
    ) -> str:
        return self.replacement(entity_type)

    @staticmethod
    def replacement(entity_type: str) -> str:
        return f"[REDACTED_{entity_type}]"


OPERATORS: dict[str, Operator] = {
    op.name: op
    for op in (PlaceholderOperator(), PseudonymOperator(), SyntheticOperator(), RedactOperator())
}


def get_operator(name: str) -> Operator:
    try:
        return OPERATORS[name]
    except KeyError:
        raise MaskingError(
            f"unknown operator {name!r}; use one of placeholder, pseudonym, synthetic, redact, keep"
        ) from None
