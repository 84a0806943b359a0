"""RFC 9162 Merkle hashing and proofs: published test vectors, an independent implementation
(pymerkle) and property tests over tree sizes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil.audit.merkle import (
    Frontier,
    _mth,
    consistency_path,
    empty_root,
    inclusion_path,
    leaf_hash,
    root_of,
    verify_consistency,
    verify_inclusion,
)

# The eight leaves of the Certificate Transparency test vectors (RFC 6962 hashing = RFC 9162).
CT_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    bytes(range(0x50, 0x58)),
    bytes(range(0x60, 0x70)),
]
CT_ROOTS = {
    1: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    8: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}


def hashes(n: int) -> list[bytes]:
    return [leaf_hash(b"leaf-%d" % i) for i in range(n)]


def test_published_vectors() -> None:
    hs = [leaf_hash(x) for x in CT_LEAVES]
    for n, root in CT_ROOTS.items():
        assert root_of(hs[:n]).hex() == root
    assert empty_root().hex() == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


def test_roots_agree_with_pymerkle() -> None:
    pymerkle = pytest.importorskip("pymerkle")
    for n in range(1, 70):
        tree = pymerkle.InmemoryTree(algorithm="sha256")
        for i in range(n):
            tree.append_entry(b"leaf-%d" % i)
        assert tree.get_root() == root_of(hashes(n)), n


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 200), st.data())
def test_inclusion_proofs_verify_and_tampering_fails(n: int, data: st.DataObject) -> None:
    hs = hashes(n)
    root = root_of(hs)
    i = data.draw(st.integers(0, n - 1))
    path = inclusion_path(hs, i)
    assert verify_inclusion(hs[i], i, n, path, root)
    other = data.draw(st.integers(0, n - 1))
    if other != i:
        assert not verify_inclusion(hs[other], i, n, path, root)
        assert not verify_inclusion(hs[i], other, n, path, root)
    if path:
        k = data.draw(st.integers(0, len(path) - 1))
        bad = [*path[:k], bytes(32), *path[k + 1 :]]
        assert not verify_inclusion(hs[i], i, n, bad, root)
        assert not verify_inclusion(hs[i], i, n, path[:-1], root)
    assert not verify_inclusion(hs[i], i, n, [*path, bytes(32)], root)
    assert not verify_inclusion(hs[i], n, n, path, root)  # index outside the tree


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 200), st.data())
def test_consistency_proofs_verify_and_forks_fail(n: int, data: st.DataObject) -> None:
    hs = hashes(n)
    m = data.draw(st.integers(1, n))
    old, new = root_of(hs[:m]), root_of(hs)
    path = consistency_path(hs, m)
    assert verify_consistency(m, n, path, old, new)
    if m < n:
        # A log that rewrote one of the first m records is not an extension of the old one.
        j = data.draw(st.integers(0, m - 1))
        forked = list(hs)
        forked[j] = leaf_hash(b"rewritten")
        fpath = consistency_path(forked, m)
        assert not verify_consistency(m, n, fpath, old, root_of(forked))
        assert not verify_consistency(m, n, path, old, root_of(forked))
        assert not verify_consistency(m, n, path[:-1], old, new)
        assert not verify_consistency(m, n, [*path, bytes(32)], old, new)
        k = data.draw(st.integers(0, len(path) - 1))
        bad = [*path[:k], bytes(32), *path[k + 1 :]]
        assert not verify_consistency(m, n, bad, old, new)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 150))
def test_frontier_matches_the_recursive_definition(n: int) -> None:
    hs = hashes(n)
    f = Frontier()
    for h in hs:
        f.append(h)
    assert f.size == n
    assert f.root() == _mth(hs, 0, n)  # MTH exactly as RFC 9162 2.1.1 defines it
