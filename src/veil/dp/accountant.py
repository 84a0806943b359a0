"""Privacy accounting: epsilon per token, per request, per conversation, and persistent budgets.

Composition (what Veil claims, and when):

* **Basic (sequential) composition** is the default and always applies: releasing mechanisms that
  are (eps_i, delta_i)-DP is (sum eps_i, sum delta_i)-DP. A sanitized text spends
  ``epsilon_per_token * n_perturbed`` (:class:`~veil.dp.sanitizers.DPResult`); a conversation
  spends the sum over its requests. Budgets (:class:`BudgetStore`) are charged with this figure.
* **Advanced composition** (Dwork, Rothblum & Vadhan 2010, heterogeneous form of Kairouz et al.
  2015): for any delta' > 0, the composition is
  ``(sqrt(2 ln(1/delta') * sum eps_i^2) + sum eps_i (e^eps_i - 1), sum delta_i + delta')``-DP.
  It only pays off for many small epsilons (roughly eps_i < 1 and hundreds of releases), i.e.
  not at typical per-token text-DP values (1-16); :meth:`PrivacyAccountant.spent` reports both and
  the tighter one, and never lets advanced composition replace basic for the budgets.
"""

from __future__ import annotations

import logging
import math
import sqlite3
import time
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import TypeVar
from urllib.parse import quote

from veil.dp.mechanisms import check_delta, check_epsilon
from veil.errors import BudgetExhaustedError, DPError, VaultUnavailableError

__all__ = [
    "BudgetStatus",
    "BudgetStore",
    "PrivacyAccountant",
    "PrivacySpent",
    "RedisBudgetStore",
    "SQLiteBudgetStore",
    "advanced_composition",
    "basic_composition",
    "open_budget_store",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

_TOL = 1e-9  # float slack so that charging exactly the remaining budget succeeds


def basic_composition(epsilons: Iterable[float],
                      deltas: Iterable[float] | None = None) -> tuple[float, float]:
    """Sequential composition: ``(sum eps_i, sum delta_i)``."""
    eps = [check_epsilon(e) for e in epsilons]
    dl = [float(d) for d in deltas] if deltas is not None else []
    if any(not 0.0 <= d < 1.0 for d in dl):
        raise DPError("each delta must lie in [0, 1)")
    return math.fsum(eps), min(1.0, math.fsum(dl))


def advanced_composition(epsilons: Iterable[float], *, delta_prime: float,
                         deltas: Iterable[float] | None = None) -> tuple[float, float]:
    """Advanced composition of (eps_i, delta_i)-DP mechanisms with slack ``delta_prime``."""
    eps = [check_epsilon(e) for e in epsilons]
    dp = check_delta(delta_prime)
    _, dsum = basic_composition(eps, deltas)
    total = math.sqrt(2.0 * math.log(1.0 / dp) * math.fsum(e * e for e in eps)) + math.fsum(
        e * math.expm1(e) for e in eps)
    return total, min(1.0, dsum + dp)


@dataclass(frozen=True)
class PrivacySpent:
    """Privacy spent by one conversation so far."""

    releases: int
    epsilon_basic: float
    delta_basic: float
    epsilon_advanced: float | None  #: None when delta_prime is not set or nothing was released
    delta_advanced: float | None

    @property
    def epsilon(self) -> float:
        """The tighter of the two bounds (advanced uses the larger delta)."""
        if self.epsilon_advanced is None:
            return self.epsilon_basic
        return min(self.epsilon_basic, self.epsilon_advanced)


class PrivacyAccountant:
    """In-process ledger of the epsilon spent per conversation (basic + advanced composition).

    ``record`` takes the per-token epsilon and the number of perturbed tokens of one release
    (a :class:`~veil.dp.sanitizers.DPResult` has both); each token is one mechanism invocation.
    """

    def __init__(self, *, delta_prime: float | None = 1e-6) -> None:
        self.delta_prime = check_delta(delta_prime) if delta_prime is not None else None
        self._tokens: dict[str, list[tuple[float, int]]] = defaultdict(list)
        self._lock = Lock()

    def record(self, conversation: str, *, epsilon_per_token: float, tokens: int) -> PrivacySpent:
        eps = check_epsilon(epsilon_per_token)
        if tokens < 0:
            raise DPError("tokens must be >= 0")
        with self._lock:
            if tokens:
                self._tokens[conversation].append((eps, tokens))
            return self._spent(conversation)

    def spent(self, conversation: str) -> PrivacySpent:
        with self._lock:
            return self._spent(conversation)

    def forget(self, conversation: str) -> None:
        with self._lock:
            self._tokens.pop(conversation, None)

    def _spent(self, conversation: str) -> PrivacySpent:
        items = self._tokens.get(conversation, [])
        n = sum(k for _, k in items)
        basic = math.fsum(e * k for e, k in items)
        adv = dadv = None
        if items and self.delta_prime is not None:
            sq = math.fsum(e * e * k for e, k in items)
            adv = math.sqrt(2.0 * math.log(1.0 / self.delta_prime) * sq) + math.fsum(
                e * math.expm1(e) * k for e, k in items)
            dadv = self.delta_prime
        return PrivacySpent(releases=n, epsilon_basic=basic, delta_basic=0.0,
                            epsilon_advanced=adv, delta_advanced=dadv)


@dataclass(frozen=True)
class BudgetStatus:
    """Budgets after a successful charge (limits None: unlimited)."""

    user_spent: float
    user_limit: float | None
    tenant_spent: float
    tenant_limit: float | None

    @property
    def user_remaining(self) -> float | None:
        return None if self.user_limit is None else max(0.0, self.user_limit - self.user_spent)


def _exhausted(scope: str, spent: float, limit: float, requested: float) -> BudgetExhaustedError:
    err = BudgetExhaustedError(
        f"privacy budget exhausted for this {scope}: {spent:.4g} of {limit:.4g} epsilon spent, "
        f"this request needs {requested:.4g}; nothing was sent. Raise the {scope}'s limit, reset "
        f"its budget, or use a smaller epsilon"
    )
    err.scope, err.spent, err.limit, err.requested = scope, spent, limit, requested  # type: ignore[attr-defined]
    return err


def _check_limit(limit: float | None) -> float | None:
    if limit is None:
        return None
    v = float(limit)
    if not math.isfinite(v) or v < 0:
        raise DPError("a budget limit must be a finite number >= 0 (or None for unlimited)")
    return v


def _check_ids(tenant: str, user: str | None) -> None:
    if not isinstance(tenant, str) or not tenant:
        raise DPError("tenant must be a non-empty string")
    if user is not None and (not isinstance(user, str) or not user):
        raise DPError("user must be a non-empty string")


class BudgetStore(ABC):
    """Persistent per-tenant and per-user epsilon budgets.

    :meth:`charge` is atomic: it checks the user's and the tenant's budget and adds ``epsilon`` to
    both, or changes nothing and raises :class:`~veil.errors.BudgetExhaustedError`, so concurrent
    requests (threads, processes, gateway replicas) can never overspend. Limits default to the
    constructor's ``default_user_limit`` / ``default_tenant_limit`` (None: unlimited) and can be
    overridden per tenant or user with :meth:`set_limit`.
    """

    def __init__(self, *, default_user_limit: float | None = None,
                 default_tenant_limit: float | None = None) -> None:
        self.default_user_limit = _check_limit(default_user_limit)
        self.default_tenant_limit = _check_limit(default_tenant_limit)

    def charge(self, tenant: str, user: str, epsilon: float) -> BudgetStatus:
        _check_ids(tenant, user)
        return self._charge(tenant, user, check_epsilon(epsilon))

    def spent(self, tenant: str, user: str | None = None) -> float:
        _check_ids(tenant, user)
        return self._spent(tenant, user)

    def limit(self, tenant: str, user: str | None = None) -> float | None:
        _check_ids(tenant, user)
        return self._limit(tenant, user)

    def remaining(self, tenant: str, user: str | None = None) -> float | None:
        lim = self.limit(tenant, user)
        return None if lim is None else max(0.0, lim - self.spent(tenant, user))

    def set_limit(self, tenant: str, user: str | None = None, *, limit: float | None) -> None:
        """Override the limit of a tenant (``user=None``) or of one user; None: back to default."""
        _check_ids(tenant, user)
        self._set_limit(tenant, user, _check_limit(limit))

    def reset(self, tenant: str, user: str | None = None) -> None:
        """Set the spent epsilon of a tenant (and all its users when ``user=None``) back to 0."""
        _check_ids(tenant, user)
        self._reset(tenant, user)

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""

    @abstractmethod
    def _charge(self, tenant: str, user: str, epsilon: float) -> BudgetStatus: ...

    @abstractmethod
    def _spent(self, tenant: str, user: str | None) -> float: ...

    @abstractmethod
    def _limit(self, tenant: str, user: str | None) -> float | None: ...

    @abstractmethod
    def _set_limit(self, tenant: str, user: str | None, limit: float | None) -> None: ...

    @abstractmethod
    def _reset(self, tenant: str, user: str | None) -> None: ...


class SQLiteBudgetStore(BudgetStore):
    """Budgets in a table of the vault's SQLite file (``Settings().resolved_vault_path()``).

    Each charge runs in a ``BEGIN IMMEDIATE`` transaction (SQLite's write lock), which serialises
    concurrent charges across threads and processes sharing the file.
    """

    _SCHEMA = """
        CREATE TABLE IF NOT EXISTS dp_budget (
            tenant  TEXT NOT NULL,
            user    TEXT NOT NULL,          -- '' is the tenant-wide row
            spent   REAL NOT NULL DEFAULT 0,
            lim     REAL,                   -- NULL: the store's default limit
            updated REAL NOT NULL,
            PRIMARY KEY (tenant, user)
        )"""

    def __init__(self, path: str | Path | None = None, *, default_user_limit: float | None = None,
                 default_tenant_limit: float | None = None, timeout: float = 30.0) -> None:
        super().__init__(default_user_limit=default_user_limit,
                         default_tenant_limit=default_tenant_limit)
        if path is None:
            from veil.config import Settings

            path = Settings().resolved_vault_path()
        self.path = Path(path)
        self.timeout = timeout
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as conn:
                conn.execute(self._SCHEMA)
        except (OSError, sqlite3.Error):
            raise VaultUnavailableError(
                f"cannot open the privacy budget table in {self.path}; check that the directory "
                "exists and is writable"
            ) from None

    def _connect(self) -> sqlite3.Connection:
        # One short-lived connection per operation: safe across threads, and cheap for SQLite.
        return sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)

    def _run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        try:
            conn = self._connect()
        except sqlite3.Error:
            raise VaultUnavailableError(
                f"privacy budget store {self.path} is unavailable") from None
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                out = fn(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return out
        except sqlite3.Error:
            raise VaultUnavailableError(
                f"privacy budget store {self.path} failed (locked or unwritable); retry later"
            ) from None
        finally:
            conn.close()

    @staticmethod
    def _row(conn: sqlite3.Connection, tenant: str, user: str) -> tuple[float, float | None]:
        r = conn.execute("SELECT spent, lim FROM dp_budget WHERE tenant=? AND user=?",
                         (tenant, user)).fetchone()
        return (0.0, None) if r is None else (float(r[0]), None if r[1] is None else float(r[1]))

    def _charge(self, tenant: str, user: str, epsilon: float) -> BudgetStatus:
        def tx(conn: sqlite3.Connection) -> BudgetStatus:
            us, ul = self._row(conn, tenant, user)
            ts, tl = self._row(conn, tenant, "")
            ul = self.default_user_limit if ul is None else ul
            tl = self.default_tenant_limit if tl is None else tl
            if ul is not None and us + epsilon > ul + _TOL:
                raise _exhausted("user", us, ul, epsilon)
            if tl is not None and ts + epsilon > tl + _TOL:
                raise _exhausted("tenant", ts, tl, epsilon)
            now = time.time()
            for u in (user, ""):
                conn.execute(
                    "INSERT INTO dp_budget (tenant, user, spent, updated) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(tenant, user) DO UPDATE SET spent = spent + excluded.spent, "
                    "updated = excluded.updated", (tenant, u, epsilon, now))
            return BudgetStatus(us + epsilon, ul, ts + epsilon, tl)

        return self._run(tx)

    def _spent(self, tenant: str, user: str | None) -> float:
        return self._run(lambda c: self._row(c, tenant, user or "")[0])

    def _limit(self, tenant: str, user: str | None) -> float | None:
        lim = self._run(lambda c: self._row(c, tenant, user or "")[1])
        if lim is not None:
            return lim
        return self.default_user_limit if user else self.default_tenant_limit

    def _set_limit(self, tenant: str, user: str | None, limit: float | None) -> None:
        self._run(lambda c: c.execute(
            "INSERT INTO dp_budget (tenant, user, spent, lim, updated) VALUES (?, ?, 0, ?, ?) "
            "ON CONFLICT(tenant, user) DO UPDATE SET lim = excluded.lim, "
            "updated = excluded.updated",
            (tenant, user or "", limit, time.time())))

    def _reset(self, tenant: str, user: str | None) -> None:
        if user is None:
            self._run(lambda c: c.execute("UPDATE dp_budget SET spent = 0 WHERE tenant=?",
                                          (tenant,)))
        else:
            # The tenant's total keeps what the user spent: a reset of one user frees the user's
            # budget, not the tenant's.
            self._run(lambda c: c.execute(
                "UPDATE dp_budget SET spent = 0 WHERE tenant=? AND user=?", (tenant, user)))


# KEYS: user spent, tenant spent, user limit, tenant limit. ARGV: epsilon, default user limit,
# default tenant limit ('' = unlimited), tolerance. Runs atomically inside Redis.
_CHARGE_LUA = """
local eps = tonumber(ARGV[1])
local tol = tonumber(ARGV[4])
local us = tonumber(redis.call('GET', KEYS[1]) or '0')
local ts = tonumber(redis.call('GET', KEYS[2]) or '0')
local ul = redis.call('GET', KEYS[3]) or ARGV[2]
local tl = redis.call('GET', KEYS[4]) or ARGV[3]
if ul ~= '' and us + eps > tonumber(ul) + tol then
  return {0, 'user', tostring(us), ul}
end
if tl ~= '' and ts + eps > tonumber(tl) + tol then
  return {0, 'tenant', tostring(ts), tl}
end
local nu = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
local nt = redis.call('INCRBYFLOAT', KEYS[2], ARGV[1])
return {1, nu, nt, ul, tl}
"""


class RedisBudgetStore(BudgetStore):
    """Budgets in Redis under ``veil:dp:`` keys; a Lua script checks and increments atomically.

    Keys of one tenant share a hash tag (``{tenant}``), so the script also runs on Redis Cluster.
    """

    PREFIX = "veil:dp:"

    def __init__(self, url: str | None = None, *, client: object | None = None,
                 default_user_limit: float | None = None,
                 default_tenant_limit: float | None = None) -> None:
        super().__init__(default_user_limit=default_user_limit,
                         default_tenant_limit=default_tenant_limit)
        import redis

        self._redis_errors = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
        if client is None:
            if url is None:
                from veil.config import Settings

                url = Settings().redis_url
            from veil.errors import ConfigError
            from veil.vault.sentinel import client_from_url

            try:  # one URL parser for plain and Sentinel URLs, as the vault uses
                client = client_from_url(url, decode_responses=True, socket_timeout=5.0)
            except ValueError:
                raise ConfigError("VEIL_REDIS_URL is not a valid Redis URL (expected "
                                  "redis://host:port/db or redis+sentinel://...)") from None
        self._r = client
        self._script = self._r.register_script(_CHARGE_LUA)  # type: ignore[attr-defined]

    def _key(self, tenant: str, user: str | None, kind: str) -> str:
        base = f"{self.PREFIX}{{{quote(tenant, safe='')}}}"
        return f"{base}:{kind}" if user is None else f"{base}:user:{quote(user, safe='')}:{kind}"

    def _call(self, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except self._redis_errors:
            raise VaultUnavailableError(
                "privacy budget store (Redis) is unreachable; requests needing DP are refused "
                "until it is back"
            ) from None

    @staticmethod
    def _opt(v: float | None) -> str:
        return "" if v is None else repr(float(v))

    def _charge(self, tenant: str, user: str, epsilon: float) -> BudgetStatus:
        keys = [self._key(tenant, user, "spent"), self._key(tenant, None, "spent"),
                self._key(tenant, user, "limit"), self._key(tenant, None, "limit")]
        args = [repr(epsilon), self._opt(self.default_user_limit),
                self._opt(self.default_tenant_limit), repr(_TOL)]
        res = self._call(lambda: self._script(keys=keys, args=args))
        if int(res[0]) == 0:
            raise _exhausted(str(res[1]), float(res[2]), float(res[3]), epsilon)
        ul = None if res[3] in ("", None) else float(res[3])
        tl = None if res[4] in ("", None) else float(res[4])
        return BudgetStatus(float(res[1]), ul, float(res[2]), tl)

    def _spent(self, tenant: str, user: str | None) -> float:
        v = self._call(lambda: self._r.get(self._key(tenant, user, "spent")))  # type: ignore[attr-defined]
        return float(v) if v is not None else 0.0

    def _limit(self, tenant: str, user: str | None) -> float | None:
        v = self._call(lambda: self._r.get(self._key(tenant, user, "limit")))  # type: ignore[attr-defined]
        if v is not None:
            return float(v)
        return self.default_user_limit if user else self.default_tenant_limit

    def _set_limit(self, tenant: str, user: str | None, limit: float | None) -> None:
        key = self._key(tenant, user, "limit")
        if limit is None:
            self._call(lambda: self._r.delete(key))  # type: ignore[attr-defined]
        else:
            self._call(lambda: self._r.set(key, repr(limit)))  # type: ignore[attr-defined]

    def _reset(self, tenant: str, user: str | None) -> None:
        if user is not None:
            self._call(lambda: self._r.delete(self._key(tenant, user, "spent")))  # type: ignore[attr-defined]
            return
        base = f"{self.PREFIX}{{{quote(tenant, safe='')}}}"

        def wipe() -> None:
            keys = [k for k in self._r.scan_iter(match=f"{base}:*spent")]  # type: ignore[attr-defined]
            if keys:
                self._r.delete(*keys)  # type: ignore[attr-defined]

        self._call(wipe)

    def close(self) -> None:
        try:
            self._r.close()  # type: ignore[attr-defined]
        except Exception:  # closing must not raise
            log.debug("dp: closing the Redis budget client failed")


def open_budget_store(settings: object | None = None, *, default_user_limit: float | None = None,
                      default_tenant_limit: float | None = None) -> BudgetStore:
    """The budget store that matches the vault backend of ``settings`` (sqlite or redis)."""
    from veil.config import Settings

    s = settings if isinstance(settings, Settings) else Settings()
    if s.vault_backend == "redis":
        return RedisBudgetStore(s.redis_url, default_user_limit=default_user_limit,
                                default_tenant_limit=default_tenant_limit)
    return SQLiteBudgetStore(s.resolved_vault_path(), default_user_limit=default_user_limit,
                             default_tenant_limit=default_tenant_limit)
