"""Scale-out vault on Redis (redis-py).

Layout per (tenant, session) -- all keys share one hash tag, so they live in one cluster slot::

    veil:{<tenant id>:<session id>}:x   HASH  exact lookup HMAC  -> entry id
    veil:{...}:n                        HASH  normalised lookup HMAC -> entry id
    veil:{...}:r                        HASH  replacement HMAC -> entry id
    veil:{...}:f                        SET   fingerprints of originals
    veil:{...}:e                        HASH  entry id -> sealed record
    veil:{...}:c                        HASH  type -> counter, "#id" -> last entry id
    veil:tk:<tenant id>                 STRING wrapped tenant key (never expires)
    veil:tk:<tenant id>/dk<N>           STRING wrapped data key N (tenant-key rotation)
    veil:tk:<key id>#prev               STRING old-master wrapping during a master rotation

``get_or_create`` is an optimistic WATCH/MULTI transaction over the session's keys: if another
client changes the session between the check and the write, the write is discarded and retried,
so two requests can never commit two replacements for one value. EXPIRE (the TTL) is renewed on
every new mapping.

The request path uses two scripts instead (see :mod:`veil.vault.base`): ``_DELTA`` returns, in
one round trip, the counters and the sealed entries added since the ids a process has seen;
``_COMMIT`` writes a request's new entries in one atomic step, or nothing if any of their keys
or replacements was stored meanwhile or the session is another generation (epoch).
"""

from __future__ import annotations

import contextlib
import secrets
import ssl
from collections.abc import Callable, Iterator
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError, WatchError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

from veil.config import Settings
from veil.errors import ConfigError, VaultUnavailableError
from veil.vault.base import (
    Committed,
    Cursor,
    Delta,
    Index,
    NewEntry,
    Pending,
    Vault,
    VaultEntry,
)
from veil.vault.crypto import DATA_KEY, PREVIOUS, tenant_id
from veil.vault.sentinel import client_from_url

_SUFFIXES = ("x", "n", "r", "f", "e", "c")
_TK = "veil:tk:"
_MAX_RETRIES = 200
#: how long one reply is waited for at most, whatever VEIL_VAULT_LOCK_TIMEOUT_S says
_REPLY_WAIT_S = 10.0

# One round trip for the read path: exact key first, then the normalised key.
_FIND = """
local id = redis.call('HGET', KEYS[1], ARGV[1])
if (not id) and ARGV[2] ~= '' then id = redis.call('HGET', KEYS[2], ARGV[2]) end
if not id then return false end
return redis.call('HGET', KEYS[3], id)
"""

# KEYS: x n r f e c. ARGV: epoch the client knows, highest id it has seen.
# Returns {counters (flat HGETALL of c), flat id/blob pairs after that id (all on a new epoch),
# entry count}. A session whose counters expired before its other keys is finished off.
_DELTA = """
local c = redis.call('HGETALL', KEYS[6])
if #c == 0 then
  if redis.call('EXISTS', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]) > 0 then
    redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
  end
  return {c, {}, 0}
end
local epoch, last = '', 0
for i = 1, #c, 2 do
  if c[i] == '#epoch' then epoch = c[i + 1] elseif c[i] == '#id' then last = tonumber(c[i + 1]) end
end
local out = {}
if epoch ~= ARGV[1] or tonumber(ARGV[2]) == 0 then
  out = redis.call('HGETALL', KEYS[5])
else
  local from = tonumber(ARGV[2]) + 1
  while from <= last do
    local ids = {}
    for id = from, math.min(last, from + 499) do ids[#ids + 1] = tostring(id) end
    local blobs = redis.call('HMGET', KEYS[5], unpack(ids))
    for k = 1, #ids do
      if blobs[k] then out[#out + 1] = ids[k]; out[#out + 1] = blobs[k] end
    end
    from = from + 500
  end
end
return {c, out, redis.call('HLEN', KEYS[5])}
"""

# KEYS: x n r f e c. ARGV: ttl, expected epoch, expected last id, new epoch, item count, then 8
# per item: exact, norm, rep, fp, candidate fp, sealed blob, type, counter ('' = none).
# All or nothing: {0} when the session changed generation or any item's key or replacement is
# taken; else {1, first id, last id, epoch, entry count, unchanged since the client's read}.
_COMMIT = """
local epoch = redis.call('HGET', KEYS[6], '#epoch') or ''
if epoch ~= ARGV[2] then return {0} end
local n = tonumber(ARGV[5])
for i = 0, n - 1 do
  local a = 6 + i * 8
  if redis.call('HEXISTS', KEYS[1], ARGV[a]) == 1 then return {0} end
  if ARGV[a + 1] ~= '' and redis.call('HEXISTS', KEYS[2], ARGV[a + 1]) == 1 then return {0} end
  if ARGV[a + 2] ~= '' and (redis.call('HEXISTS', KEYS[3], ARGV[a + 2]) == 1
      or redis.call('SISMEMBER', KEYS[4], ARGV[a + 4]) == 1) then return {0} end
end
local last = tonumber(redis.call('HGET', KEYS[6], '#id') or '0')
local unchanged = (last == tonumber(ARGV[3])) and 1 or 0
if last == 0 then epoch = ARGV[4]; redis.call('HSET', KEYS[6], '#epoch', epoch) end
local first = last + 1
for i = 0, n - 1 do
  local a = 6 + i * 8
  last = last + 1
  redis.call('HSET', KEYS[5], last, ARGV[a + 5])
  redis.call('HSET', KEYS[1], ARGV[a], last)
  if ARGV[a + 1] ~= '' then redis.call('HSET', KEYS[2], ARGV[a + 1], last) end
  if ARGV[a + 2] ~= '' then redis.call('HSET', KEYS[3], ARGV[a + 2], last) end
  redis.call('SADD', KEYS[4], ARGV[a + 3])
  if ARGV[a + 7] ~= '' then
    local cur = tonumber(redis.call('HGET', KEYS[6], ARGV[a + 6]) or '0')
    if cur < tonumber(ARGV[a + 7]) then redis.call('HSET', KEYS[6], ARGV[a + 6], ARGV[a + 7]) end
  end
end
redis.call('HSET', KEYS[6], '#id', last)
for k = 1, 6 do redis.call('EXPIRE', KEYS[k], tonumber(ARGV[1])) end
return {1, first, last, epoch, redis.call('HLEN', KEYS[5]), unchanged}
"""


def _text(v: Any) -> str:
    return v.decode() if isinstance(v, bytes) else str(v)


def _tls_options(url: str, settings: Settings) -> dict[str, Any]:
    """redis-py TLS arguments of a ``rediss://`` URL: certificate and host name always verified
    (against ``redis_ca_file`` or the system store), TLS 1.2+, optional client certificate."""
    tls_files = (settings.redis_ca_file, settings.redis_cert_file, settings.redis_key_file)
    if not url.split("://", 1)[0].startswith("rediss"):  # rediss:// or rediss+sentinel://
        if any(f is not None for f in tls_files):
            raise ConfigError(
                "VEIL_REDIS_CA_FILE/CERT_FILE/KEY_FILE are set but VEIL_REDIS_URL is not "
                "rediss://; use rediss:// for TLS"
            )
        return {}
    out: dict[str, Any] = {
        "ssl_cert_reqs": "required",
        "ssl_check_hostname": True,
        "ssl_min_version": ssl.TLSVersion.TLSv1_2,
    }
    if settings.redis_ca_file is not None:
        out["ssl_ca_certs"] = str(settings.redis_ca_file)
    if settings.redis_cert_file is not None:
        out["ssl_certfile"] = str(settings.redis_cert_file)
        out["ssl_keyfile"] = str(settings.redis_key_file or settings.redis_cert_file)
    return out


class RedisVault(Vault):
    backend = "redis"

    def __init__(
        self, settings: Settings, *, url: str | None = None, client: redis.Redis | None = None
    ) -> None:
        self._url = url or settings.redis_url
        self._reply_wait_s = min(_REPLY_WAIT_S, float(settings.vault_lock_timeout_s))
        try:
            self._client = client or client_from_url(
                self._url,
                socket_connect_timeout=3,
                socket_timeout=self._reply_wait_s,
                health_check_interval=30,
                # redis-py retries a timed-out command 10 times by default, so a server that
                # holds writes (CLIENT PAUSE, a long script, a failover) kept a request ~2 min;
                # a dropped connection is tried once more, a slow reply is an error at once
                retry=Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
                **_tls_options(self._url, settings),
            )
        except ValueError:
            raise ConfigError(
                "VEIL_REDIS_URL is not a valid Redis URL (expected redis://host:port/db)"
            ) from None
        kw = self._client.connection_pool.connection_kwargs
        # host:port only: the URL may carry a password.
        self._where = f"{kw.get('host', kw.get('path', '?'))}:{kw.get('port', '')}".rstrip(":")
        super().__init__(settings)
        self._find = self._client.register_script(_FIND)
        self._delta_script = self._client.register_script(_DELTA)
        self._commit_script = self._client.register_script(_COMMIT)
        self._recover_master_rotation()

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except RedisTimeoutError:
            raise VaultUnavailableError(
                f"Redis vault at {self._where} did not answer within {self._reply_wait_s:g} s "
                "(a paused, overloaded or failing-over server, or a long script); the request "
                "failed closed. Retry (a write whose answer came too late is found by the "
                "retry, not made twice); check the server (CLIENT PAUSE, SLOWLOG), or raise "
                "VEIL_VAULT_LOCK_TIMEOUT_S (at most 10 s a reply)"
            ) from None
        except RedisError as e:
            raise VaultUnavailableError(
                f"Redis vault at {self._where} is unavailable ({type(e).__name__}); check that "
                "redis-server is running and reachable, and VEIL_REDIS_URL (host, port, password)"
            ) from None

    def _tries(self, what: str) -> Iterator[int]:
        """Attempts of one WATCH/MULTI transaction of a rotation, bounded: a key written on
        every attempt (a very busy session) must not keep the rotation spinning for ever.
        The caller leaves the loop on success; running out raises."""
        yield from range(_MAX_RETRIES)
        raise VaultUnavailableError(
            f"Redis vault at {self._where}: the {what} lost its race {_MAX_RETRIES} times (a "
            "key kept changing under it); what was done is kept and consistent: run it again "
            "when the vault is less busy"
        )

    def _keys_of(self, tenant: str, session: str) -> dict[str, str]:
        tag = f"{tenant_id(tenant)}:{self.keys(tenant).session_id(session)}"
        return {s: f"veil:{{{tag}}}:{s}" for s in _SUFFIXES}

    def _tenant_key(self, tid: str, fresh_wrapped: bytes) -> bytes:
        key = f"veil:tk:{tid}"
        with self._guard():
            self._client.set(key, fresh_wrapped, nx=True)
            stored: Any = self._client.get(key)
        if stored is None:
            raise VaultUnavailableError(
                f"Redis vault at {self._where} lost a tenant key just written; check the "
                "server's maxmemory-policy (it must not evict veil:tk:* keys)"
            )
        return bytes(stored)

    def _stored_keys(self, tid: str) -> dict[str, bytes]:
        # Direct reads, no SCAN (this runs on every key-ring refresh): data key versions are
        # consecutive from 1, so read them in batches until one is missing.
        out: dict[str, bytes] = {}
        ids = [tid, tid + PREVIOUS]
        version = 1
        with self._guard():
            while True:
                batch = [f"{tid}{DATA_KEY}{v}" for v in range(version, version + 8)]
                ids += [x for kid in batch for x in (kid, kid + PREVIOUS)]
                values: Any = self._client.mget([_TK + i for i in ids])
                found = {i: bytes(v) for i, v in zip(ids, values, strict=True) if v}
                out.update(found)
                if not all(kid in found for kid in batch):
                    return out
                ids, version = [], version + 8

    def _rewrap_tenant_keys(self, rewrap: Callable[[str, bytes], bytes | None]) -> int:
        count = 0
        with self._guard():
            for key in self._client.scan_iter(match=f"{_TK}*"):
                name = key.decode() if isinstance(key, bytes) else str(key)
                if name.endswith(PREVIOUS):
                    continue
                with self._client.pipeline(transaction=True) as pipe:
                    for _ in self._tries("master-key rotation"):
                        try:
                            pipe.watch(name)  # type: ignore[no-untyped-call]
                            wrapped: Any = pipe.get(name)
                            new = rewrap(name[len(_TK) :], bytes(wrapped))
                            if new is None:
                                pipe.unwatch()
                                break
                            pipe.multi()
                            pipe.set(name + PREVIOUS, bytes(wrapped))
                            pipe.set(name, new)
                            pipe.execute()
                            count += 1
                            break
                        except WatchError:
                            continue
        return count

    def _drop_previous_wrappings(self) -> int:
        with self._guard():
            names = list(self._client.scan_iter(match=f"{_TK}*{PREVIOUS}"))
            return int(self._client.delete(*names)) if names else 0

    def _reseal_entries(
        self, tid: str, reseal: Callable[[str, bytes], bytes | None]
    ) -> tuple[int, int]:
        done = kept = 0
        prefix, suffix = f"veil:{{{tid}:", "}:e"
        with self._guard():
            for key in self._client.scan_iter(match=f"{prefix}*{suffix}"):
                name = key.decode() if isinstance(key, bytes) else str(key)
                sid = name[len(prefix) : -len(suffix)]
                with self._client.pipeline(transaction=True) as pipe:
                    # one session per transaction; tried again if it changes meanwhile
                    for _ in self._tries("tenant-key rotation"):
                        try:
                            pipe.watch(name)  # type: ignore[no-untyped-call]
                            raw: Any = pipe.hgetall(name)
                            new = {f: reseal(sid, bytes(b)) for f, b in raw.items()}
                            changed = {f: b for f, b in new.items() if b is not None}
                            pipe.multi()
                            if changed:
                                pipe.hset(name, mapping=changed)
                            pipe.execute()
                            done += len(changed)
                            kept += len(new) - len(changed)
                            break
                        except WatchError:
                            continue
        return done, kept

    def _find_indexed(self, tenant: str, session: str, idx: Index) -> VaultEntry | None:
        k = self._keys_of(tenant, session)
        with self._guard():
            blob = self._find(keys=[k["x"], k["n"], k["e"]], args=[idx.exact, idx.norm or ""])
        if not blob:
            return None
        return VaultEntry.from_record(self._open_many(tenant, session, [bytes(blob)])[0])

    def _get_or_create(self, tenant: str, session: str, request: NewEntry) -> VaultEntry:
        k = self._keys_of(tenant, session)
        idx, entity_type = request.index, request.entity_type
        with self._guard(), self._client.pipeline(transaction=True) as pipe:
            for _ in range(_MAX_RETRIES):
                try:
                    pipe.watch(*k.values())  # type: ignore[no-untyped-call]
                    eid: Any = pipe.hget(k["x"], idx.exact)
                    if eid is None and idx.norm is not None:
                        eid = pipe.hget(k["n"], idx.norm)
                    if eid is not None:
                        blob: Any = pipe.hget(k["e"], eid)
                        pipe.unwatch()
                        if blob is not None:
                            rec = self._open_many(tenant, session, [bytes(blob)])[0]
                            return VaultEntry.from_record(rec)
                        # An index without its entry: the session's keys are expiring one by
                        # one right now. Finish the expiry, then start the session afresh.
                        pipe.watch(*k.values())  # type: ignore[no-untyped-call]
                        pipe.multi()
                        pipe.delete(*k.values())
                        pipe.execute()
                        continue

                    def taken(rep_h: str, fp_h: str) -> bool:
                        return bool(pipe.hexists(k["r"], rep_h)) or bool(
                            pipe.sismember(k["f"], fp_h)
                        )

                    replacement, rep, counter, _ = request.choose(
                        lambda: int(pipe.hget(k["c"], entity_type) or 0), taken
                    )
                    new_id = int(pipe.hget(k["c"], "#id") or 0) + 1
                    entry = request.entry(replacement, rep, self._now())
                    sealed = request.keys.seal(tenant, session, entry.to_record())
                    pipe.multi()
                    pipe.hset(k["e"], str(new_id), sealed)
                    pipe.hset(k["x"], idx.exact, new_id)
                    if idx.norm is not None:
                        pipe.hset(k["n"], idx.norm, new_id)
                    if rep is not None:
                        pipe.hset(k["r"], rep, new_id)
                    pipe.sadd(k["f"], idx.fp)
                    pipe.hset(k["c"], "#id", new_id)
                    if new_id == 1:  # a new epoch: a recreated session never repeats a version
                        pipe.hset(k["c"], "#epoch", secrets.token_hex(8))
                    if counter is not None:
                        pipe.hset(k["c"], entity_type, counter)
                    for key in k.values():
                        pipe.expire(key, self.ttl_seconds)
                    pipe.execute()
                    return entry
                except WatchError:
                    continue
        raise VaultUnavailableError(
            f"Redis vault at {self._where}: too much contention on one session; retry the request"
        )

    def _delta(self, tenant: str, session: str, since: Cursor) -> Delta:
        k = self._keys_of(tenant, session)
        with self._guard():
            raw: Any = self._delta_script(
                keys=[k[s] for s in _SUFFIXES], args=[since.epoch, since.last]
            )
        flat, pairs, count = raw
        c = {_text(flat[i]): _text(flat[i + 1]) for i in range(0, len(flat), 2)}
        epoch, last = c.pop("#epoch", ""), int(c.pop("#id", 0) or 0)
        rows = sorted(
            ((int(pairs[i]), bytes(pairs[i + 1])) for i in range(0, len(pairs), 2)),
            key=lambda t: t[0],
        )
        return Delta(
            cursor=Cursor(epoch, last, int(count)),
            reset=epoch != since.epoch,
            rows=rows,
            counters={t: int(v) for t, v in c.items()},
            version=f"{int(count)}:{last}:{epoch}",
        )

    def _commit(
        self, tenant: str, session: str, since: Cursor, items: list[Pending], epoch: str
    ) -> Committed:
        k = self._keys_of(tenant, session)
        args: list[Any] = [self.ttl_seconds, since.epoch, since.last, epoch, len(items)]
        for it in items:
            args += [
                it.index.exact, it.index.norm or "", it.rep or "", it.index.fp, it.cand_fp,
                it.sealed, it.entity_type, "" if it.counter is None else it.counter,
            ]
        with self._guard():
            raw: Any = self._commit_script(keys=[k[s] for s in _SUFFIXES], args=args)
        if not int(raw[0]):
            return Committed(ok=False)
        first, last, new_epoch, count, unchanged = (
            int(raw[1]), int(raw[2]), _text(raw[3]), int(raw[4]), int(raw[5])
        )
        cursor = Cursor(new_epoch, last, count) if unchanged else None
        return Committed(
            ok=True, ids=list(range(first, last + 1)), cursor=cursor,
            version=f"{count}:{last}:{new_epoch}" if unchanged else None,
        )

    def delete_session(self, tenant: str, session: str) -> None:
        k = self._keys_of(tenant, session)
        with self._guard():
            self._client.delete(*k.values())
        self._forget_view(tenant, session)

    def ping(self) -> None:
        with self._guard():
            self._client.ping()

    def close(self) -> None:
        with contextlib.suppress(RedisError):
            self._client.close()
