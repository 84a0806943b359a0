"""HE private classification: encrypted scores agree with plaintext; bad input fails clearly."""

from __future__ import annotations

import numpy as np
import pytest

from veil.crypto.he import CKKSParams, HEClient, HEServer, LinearModel, frame, unframe
from veil.errors import HECiphertextError, HEContextError, HEResultError

ts = pytest.importorskip("tenseal")  # the `crypto` extra; `make install` installs it

DIM = 384


def _raw_context(chain: list[int]) -> object:
    """A bare TenSEAL context (no Galois keys): enough to encrypt, cheap to build."""
    ctx = ts.context(ts.SCHEME_TYPE.CKKS, poly_modulus_degree=8192, coeff_mod_bit_sizes=chain)
    ctx.global_scale = 2.0**40
    return ctx


@pytest.fixture(scope="module")
def model() -> LinearModel:
    rng = np.random.default_rng(3)
    return LinearModel(["a", "b", "c"], rng.normal(size=(3, DIM)), rng.normal(size=3))


@pytest.fixture(scope="module")
def client() -> HEClient:
    return HEClient(DIM)


@pytest.fixture(scope="module")
def server(model: LinearModel) -> HEServer:
    return HEServer(model)


@pytest.fixture(scope="module")
def cid(server: HEServer, client: HEClient) -> str:
    return server.register(client.public_context())


def test_encrypted_scores_match_plaintext(model, client, server, cid):
    rng = np.random.default_rng(0)
    xs = rng.normal(size=(2, DIM)) / 20
    for x in xs:
        scores = client.decrypt(server.classify(cid, client.encrypt(x)), 3)
        assert np.abs(scores - model.scores(x)).max() < 1e-3
        assert int(np.argmax(scores)) == int(np.argmax(model.scores(x)))


def test_default_parameters_are_128_bit_and_insecure_ones_refused():
    p = CKKSParams()
    assert (p.poly_modulus_degree, p.log_q, p.security_bits) == (8192, 160, 128)
    assert CKKSParams(8192, (60, 40, 40, 60)).security_bits == 128  # 200 <= 218
    assert CKKSParams(16384, (60, 40, 40, 60)).security_bits == 256  # 200 <= 237
    weak = CKKSParams(8192, (60, 60, 60, 60))  # log Q 240 > 218
    assert weak.security_bits == 0
    with pytest.raises(HEContextError, match="less than 128-bit"):
        HEClient(DIM, weak)


def test_server_refuses_and_drops_a_context_with_its_secret_key(server, client):
    before = len(server._contexts)
    with pytest.raises(HEContextError, match="secret key"):
        server.register(client._ctx.serialize(save_secret_key=True))
    assert len(server._contexts) == before


def test_server_refuses_a_context_with_other_parameters(server):
    other = _raw_context([60, 40, 40, 60])
    with pytest.raises(HEContextError, match=r"parameters .* differ"):
        server.register(other.serialize(save_secret_key=False))
    with pytest.raises(HEContextError, match="not a serialized TenSEAL context"):
        server.register(b"\x00" * 64)


def test_ciphertext_under_other_parameters_is_refused(server, cid):
    enc = ts.ckks_vector(_raw_context([60, 40, 40, 60]), [0.1] * (DIM + 1))
    with pytest.raises(HECiphertextError, match="does not fit the registered context"):
        server.classify(cid, enc.serialize())
    with pytest.raises(HECiphertextError, match="does not fit"):
        server.classify(cid, b"not a ciphertext" * 8)
    with pytest.raises(HEContextError, match="unknown context id"):
        server.classify("0" * 32, enc.serialize())


def test_ciphertext_from_another_key_fails_the_clients_check(server, client, cid):
    # Same parameters, other key: the server cannot tell; the client's check slot can.
    stranger = _raw_context([60, 40, 60])
    result = server.classify(cid, ts.ckks_vector(stranger, [0.1] * (DIM + 1)).serialize())
    with pytest.raises(HEResultError, match="another key"):
        client.decrypt(result, 3)


def test_wrong_vector_size_is_refused_on_both_sides(server, client, cid):
    with pytest.raises(HECiphertextError, match=f"expected a vector of {DIM} values, got 10"):
        client.encrypt(np.zeros(10))
    with pytest.raises(HECiphertextError, match="NaN"):
        client.encrypt(np.full(DIM, np.nan))
    short = ts.ckks_vector(client._ctx, [0.1] * 11).serialize()
    with pytest.raises(HECiphertextError, match=f"expected an encrypted vector of {DIM + 1}"):
        server.classify(cid, short)


def test_result_of_another_model_size_is_refused(client, server, cid):
    result = server.classify(cid, client.encrypt(np.zeros(DIM)))
    with pytest.raises(HEResultError, match="expected 6"):
        client.decrypt(result, 5)
    with pytest.raises(HEResultError, match="not a list of CKKS ciphertexts"):
        client.decrypt(b"\x00\x00\x00\x05abc", 3)


def test_framing_round_trips_and_rejects_truncation():
    parts = [b"abc", b"", b"x" * 300][::2]
    assert unframe(frame(parts)) == parts
    with pytest.raises(ValueError):
        unframe(frame(parts)[:-1])
