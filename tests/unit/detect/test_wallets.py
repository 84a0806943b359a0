"""Other coins' addresses (veil.detect.wallets): base58check under any version, XRP's alphabet,
bech32/bech32m under any prefix, Monero's shape; unchecked base58 only beside a wallet's word.

Fixtures: the XRP ledger's genesis account and the Monero project's general fund address are
published; BIP-173's valid test strings; the others were generated from random hashes with
their coin's version byte or prefix (their checksums are the encodings' own).
"""

from __future__ import annotations

import pytest

from veil.detect import DetectionEngine
from veil.detect.wallets import checked_address

CHECKED = {
    "litecoin": "LXcB46PT22PqzEWbo34sCL9iCHo7rTCt5A",
    "litecoin p2sh": "MKucvUUEHGTavSkPADBKiPQU4ncAeCeUvT",
    "dogecoin": "D9VT9PZVSnheQoWEYF2sHtjaSGM2GEZkiH",
    "dash": "XiCznHPvSBkXKTzZUgP4CuqU9TiENnmcND",
    "tron": "TUHy53o4boPi2rW66ZtB49CW7QoP9EMJEC",
    "xrp": "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
    "litecoin bech32": "ltc1q5feryxhrdz9m6y09mr8wrerwzgj6f8ntx9vfqs8",
    "cosmos": "cosmos1vhxyrdlm5aahn0t09nl4ujy8624fl6zythqe58",
    "bech32m": "addr154klay937yrnujckpak28lrdjg0eel92ue3gm36kcwf9tfwwqltsjqf6h5graeeeex7ervydu"
               "284rxqfxhpydcfskhmfrta3",
    "monero": "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7"
              "f2wfn3RVGQBEP3A",
    "bip-173": "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
}


@pytest.mark.parametrize("coin", sorted(CHECKED))
def test_a_checked_address_is_masked_without_a_word(pattern_engine: DetectionEngine, found,
                                                    coin: str) -> None:
    value = CHECKED[coin]
    assert found(pattern_engine, f"please use {value} for it") == [("CRYPTO_WALLET", value)]


@pytest.mark.parametrize("value", [
    "LXcB46PT22PqzEWbo34sCL9iCHo7rTCt5B",  # a litecoin address with its last character changed
    "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTa",
    "ltc1q5feryxhrdz9m6y09mr8wrerwzgj6f8ntx9vfqs9",
    "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3x",
])
def test_a_broken_checksum_is_not_an_address_by_itself(value: str) -> None:
    assert not checked_address(value)


@pytest.mark.parametrize("text,value", [
    ("my solana wallet 7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV",
     "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV"),
    ("LTC address LZjvmvKEeS5aR8w3xRi3aUcnJGdnP6WbxK", "LZjvmvKEeS5aR8w3xRi3aUcnJGdnP6WbxK"),
    # a bitcoin address mistyped (its checksum fails) still gives most of the real one away
    ("btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"),
    ("transfer the funds to DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L today",
     "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L"),
])
def test_an_unchecked_address_beside_a_wallets_word(pattern_engine: DetectionEngine, found,
                                                    text: str, value: str) -> None:
    assert ("CRYPTO_WALLET", value) in found(pattern_engine, text)


@pytest.mark.parametrize("text", [
    "see 7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV in the log",  # no wallet's word
    "The function computeAverageScoreForStudents2024 returns a float.",
    "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 fixed the address parser",
    "the wallet class AbstractWalletFactoryProviderBean handles it",  # no digit
    "send ABCDEFGHJKLMNPQRSTUVWXYZ123456789 to the printer",  # one case only
])
def test_long_tokens_that_are_not_addresses_stay(pattern_engine: DetectionEngine, found,
                                                 text: str) -> None:
    assert not [v for t, v in found(pattern_engine, text) if t == "CRYPTO_WALLET"]


def test_bitcoin_stays_with_the_built_in_pattern(pattern_engine: DetectionEngine) -> None:
    value = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"
    got = [d for d in pattern_engine.analyze(f"btc wallet {value}") if d.type == "CRYPTO_WALLET"]
    assert [(d.recognizer, d.text) for d in got] == [("crypto_wallet", value)]


def test_a_value_is_masked_and_restored(tmp_path) -> None:
    import base64
    import os

    from veil import Veil
    from veil.config import Policy, Settings

    veil = Veil(Settings(home=tmp_path, master_key=base64.b64encode(os.urandom(32)).decode()),
                policy=Policy(ner=False))
    text = f"refund to {CHECKED['xrp']} and {CHECKED['monero']}"
    result = veil.protect(text, session="s")
    assert CHECKED["xrp"] not in result.masked and CHECKED["monero"] not in result.masked
    assert veil.restore(result.masked, session="s") == text
