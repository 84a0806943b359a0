"""veil.heap: the collector's settings for serving processes and timing clients."""

from __future__ import annotations

import gc

import pytest

from veil.heap import collector_paused


def test_the_collector_is_paused_inside_the_block_and_back_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("a failed request")
    assert gc.isenabled()  # back after an error too


def test_a_collector_off_before_the_block_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
