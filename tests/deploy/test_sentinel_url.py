"""``redis+sentinel://`` URLs: the vault's Redis client follows the primary a Sentinel names."""

from __future__ import annotations

import pytest

from veil.config import Settings
from veil.errors import ConfigError
from veil.vault.sentinel import client_from_url, is_sentinel_url


def test_parses_sentinels_service_db_and_password() -> None:
    c = client_from_url(
        "redis+sentinel://:s3cret@10.0.0.1:26379,10.0.0.2:26380/vault/3?sentinel_password=sp",
        socket_timeout=2,
    )
    pool = c.connection_pool
    assert pool.service_name == "vault"
    assert pool.connection_kwargs["db"] == 3
    assert pool.connection_kwargs["password"] == "s3cret"
    sentinels = pool.sentinel_manager.sentinels
    hosts = [(s.connection_pool.connection_kwargs["host"], s.connection_pool.connection_kwargs[
        "port"]) for s in sentinels]
    assert hosts == [("10.0.0.1", 26379), ("10.0.0.2", 26380)]
    assert sentinels[0].connection_pool.connection_kwargs["password"] == "sp"


def test_defaults_and_plain_urls() -> None:
    c = client_from_url("redis+sentinel://127.0.0.1:26379")
    assert c.connection_pool.service_name == "mymaster"
    assert c.connection_pool.connection_kwargs["db"] == 0
    assert not is_sentinel_url("redis://127.0.0.1:6379/0")
    plain = client_from_url("redis://127.0.0.1:6379/2")
    assert plain.connection_pool.connection_kwargs["db"] == 2


@pytest.mark.parametrize(
    "url",
    ["redis+sentinel://:pw@host-without-port/vault", "redis+sentinel://h:1/vault/notadb",
     "redis+sentinel://h:1/vault/0/extra"],
)
def test_malformed_urls_are_a_config_error_without_the_password(url: str) -> None:
    from veil.vault.redis import RedisVault

    with pytest.raises(ConfigError) as e:
        RedisVault(Settings(vault_backend="redis", redis_url=url))
    assert "pw" not in str(e.value)
