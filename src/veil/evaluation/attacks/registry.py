"""Attacks keyed by the protection mode they attack and their name.

An attack module registers a factory next to its class::

    @register_attack("obfuscation", "nn")
    def _nn(ctx: AttackContext) -> Attack:
        return NearestNeighbourAttack()

and an evaluation asks for the mode's attacks instead of keeping its own list, so a new attack is
one module (plus its import in the mode's package ``__init__``). Factories receive an
:class:`AttackContext` (the run's knobs) and may return None to sit a run out (e.g. an attack too
slow for ``--quick``). Registration order is the order evaluations run and report attacks in.

A mode's attacks are registered when its package (``veil.evaluation.attacks.<mode>``) is
imported; the functions here import it on first use, so asking for DP attacks never imports torch.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from veil.errors import InputError

Mode = Literal["obfuscation", "dp"]
MODES: tuple[str, ...] = get_args(Mode)

A = TypeVar("A")


@dataclass(frozen=True)
class AttackContext:
    """What a factory may tailor an attack to; each attack reads only the fields it needs."""

    quick: bool = False  #: a short run: fewer optimisation steps, slow attacks sit out
    cache_dir: Path | None = None  #: where attacks may cache public-model statistics
    alpha_e: float = 0.0  #: published embedding noise (attacks that train on the defence)
    alpha_h: float = 0.0  #: published LM-head noise
    top_k: int = 5  #: guesses per target for attacks that report top-k recovery


Factory = Callable[[AttackContext], object | None]


@dataclass(frozen=True)
class RegisteredAttack:
    mode: str
    name: str
    factory: Factory
    default: bool  #: part of the mode's standard run (False: the evaluation asks for it by name)


_ATTACKS: dict[str, dict[str, RegisteredAttack]] = {}


def register_attack(mode: Mode, name: str, *, default: bool = True
                    ) -> Callable[[Callable[[AttackContext], A]], Callable[[AttackContext], A]]:
    """Decorator registering ``factory`` as attack ``name`` on ``mode``."""
    if mode not in MODES:
        raise ValueError(f"unknown attack mode {mode!r}; use one of {', '.join(MODES)}")

    def deco(factory: Callable[[AttackContext], A]) -> Callable[[AttackContext], A]:
        entries = _ATTACKS.setdefault(mode, {})
        if name in entries and entries[name].factory is not factory:
            raise ValueError(f"attack {name!r} is already registered for mode {mode!r}")
        entries[name] = RegisteredAttack(mode, name, factory, default)
        return factory

    return deco


def _entries(mode: str) -> dict[str, RegisteredAttack]:
    if mode not in MODES:
        raise InputError(f"unknown attack mode {mode!r}; use one of {', '.join(MODES)}")
    importlib.import_module(f"veil.evaluation.attacks.{mode}")  # registers the mode's attacks
    return _ATTACKS.get(mode, {})


def attack_names(mode: str, *, default_only: bool = False) -> list[str]:
    """Names registered for ``mode``, in registration order."""
    return [n for n, e in _entries(mode).items() if e.default or not default_only]


def build_attack(mode: str, name: str, ctx: AttackContext) -> Any:
    """The attack ``name`` of ``mode`` built for ``ctx`` (None if it sits this run out). Its type
    is the mode's attack base class (e.g. ``obfuscation.Attack``, ``dp.TextAttack``)."""
    entries = _entries(mode)
    if name not in entries:
        raise InputError(f"no attack {name!r} for mode {mode!r}; registered: "
                         f"{', '.join(entries) or 'none'}")
    return entries[name].factory(ctx)


def build_attacks(mode: str, ctx: AttackContext, *, names: Sequence[str] | None = None
                  ) -> list[Any]:
    """The mode's default attacks (or ``names``, in that order) built for ``ctx``."""
    chosen = attack_names(mode, default_only=True) if names is None else list(names)
    built = (build_attack(mode, n, ctx) for n in chosen)
    return [a for a in built if a is not None]


__all__ = ["MODES", "AttackContext", "Mode", "RegisteredAttack", "attack_names", "build_attack",
           "build_attacks", "register_attack"]
