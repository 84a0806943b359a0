"""Cryptocurrency addresses beyond Bitcoin's and Ethereum's (CRYPTO_WALLET): Litecoin, Dogecoin,
Dash, Tron, Zcash, XRP, Monero, Cardano, Cosmos chains, Solana.

An address is a pseudonymous account that chain analysis ties to a person, and an exchange
knows whose it is. The built-in pattern reads Bitcoin's and Ethereum's; the others went
upstream. Most coins write an address in one of three checksummed encodings, so the checksum
says what a string is, whatever coin it belongs to:

* base58check (Bitcoin's alphabet): a version of one or two bytes, a 20-byte hash and four bytes
  of double SHA-256 (``L...``, ``M...`` Litecoin, ``D...`` Dogecoin, ``X...`` Dash, ``T...``
  Tron, ``t1...`` Zcash); a random string passes one time in four billion.
* XRP's base58check, with Ripple's own alphabet (``r...``).
* bech32 and bech32m (BIP-173, BIP-350) under any human-readable prefix (``ltc1...``,
  ``cosmos1...``, ``addr1...`` Cardano, ``terra1...``); Bitcoin's ``bc1`` stays with the
  built-in pattern.

Two shapes carry no checksum that the standard library can check: Monero's (95 or 106 characters
of base58 from ``4`` or ``8``; its checksum is Keccak) is taken by its exact shape, and a bare
32-byte key in base58 (Solana's, 32 to 44 characters) only near a coin's or a wallet's word,
with digits and both cases in it. So is any such base58 string that fails its checksum (a
mistyped or made-up address) near such a word.

Every candidate is a run of 25 letters and digits or more, found by one scan of the text
(~10 us per KB).
"""

from __future__ import annotations

import hashlib
import re

from stdnum import bitcoin

from veil.detect import validators as v
from veil.detect.entity import Detection
from veil.detect.recognizer import ContextMatcher, Recognizer

_BASE58 = frozenset(bitcoin._base58_alphabet)
_RIPPLE = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"
_RIPPLE_SET = frozenset(_RIPPLE)
_BECH32 = bitcoin._bech32_alphabet
_BECH32_SET = frozenset(_BECH32)
_BECH32M_CONST = 0x2BC830A3
#: the longest address read as bech32 (Cardano's run to ~110 characters; a megabyte of the
#: alphabet is not checksummed character by character)
_BECH32_LONGEST = 130
_MIN_LENGTH = 25
#: A run of letters and digits long enough for an address (greedy: the whole run).
_TOKEN = re.compile(rf"[A-Za-z0-9]{{{_MIN_LENGTH},}}", re.ASCII)

#: Words that make an unchecked base58 string an address: the coins' names and tickers, and a
#: wallet's own words.
_WORDS = ("wallet", "address", "crypto", "coin", "send to", "pay to", "deposit", "withdraw",
          "litecoin", "ltc", "dogecoin", "doge", "dash", "tron", "trx", "usdt", "tether",
          "zcash", "zec", "xrp", "ripple", "monero", "xmr", "solana", "sol", "phantom",
          "cardano", "ada", "cosmos", "atom", "bitcoin", "btc", "metamask", "ledger", "binance",
          "coinbase", "kraken", "bnb", "transfer", "receive", "payment", "funds")


def _base58check(token: str, alphabet: str) -> bytes | None:
    """The payload of a base58check string (version and hash), or None when its four bytes of
    double SHA-256 do not match."""
    value = 0
    for c in token:
        value = value * 58 + alphabet.index(c)
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    raw = b"\0" * (len(token) - len(token.lstrip(alphabet[0]))) + raw
    if len(raw) < 5:
        return None
    body, check = raw[:-4], raw[-4:]
    return body if hashlib.sha256(hashlib.sha256(body).digest()).digest()[:4] == check else None


def _is_bech32(token: str) -> bool:
    """A bech32 or bech32m string under any human-readable prefix, checksum and all."""
    if not (token.islower() or token.isupper()) or len(token) > _BECH32_LONGEST:
        return False
    token = token.lower()
    sep = token.rfind("1")
    if sep < 1 or len(token) - sep - 1 < 12 or not token[:sep].isalpha():
        return False
    data = token[sep + 1:]
    if any(c not in _BECH32_SET for c in data):
        return False
    hrp = token[:sep]
    if hrp in ("bc", "tb"):
        return False  # Bitcoin's: the built-in pattern reads them
    check = bitcoin.bech32_checksum(bitcoin._expand_hrp(hrp) + [_BECH32.index(c) for c in data])
    return check in (1, _BECH32M_CONST)


def checked_address(token: str) -> bool:
    """Whether a token is an address by its checksum or Monero's exact shape."""
    if token[0] in "48" and len(token) in (95, 106) and all(c in _BASE58 for c in token):
        return token[0] == "8" or token[1] in "0123456789AB"  # Monero's network bytes
    if all(c in _BASE58 for c in token) and 26 <= len(token) <= 36:
        body = _base58check(token, bitcoin._base58_alphabet)
        if body is not None and len(body) in (21, 22):  # a version byte or two, a 20-byte hash
            return True
    if token[0] == "r" and 25 <= len(token) <= 35 and all(c in _RIPPLE_SET for c in token):
        body = _base58check(token, _RIPPLE)
        if body is not None and len(body) == 21:
            return True
    return _is_bech32(token)


def _address_shaped(token: str) -> bool:
    """Base58 of an address's or a key's length with digits and both cases (not a word, a hex
    hash or a number): an address only near a wallet's word."""
    return (26 <= len(token) <= 44 and all(c in _BASE58 for c in token)
            and any(c.isdigit() for c in token) and any(c.isupper() for c in token)
            and any(c.islower() for c in token))


class WalletRecognizer(Recognizer):
    """Addresses of other coins than Bitcoin and Ethereum, by checksum or near a wallet's word."""

    name = "crypto_wallet_checked"
    entities = ("CRYPTO_WALLET",)
    validated = True  # a checksum, or an address's exact shape beside its coin's word

    def __init__(self) -> None:
        self.context = ContextMatcher(_WORDS, 40)

    def idle(self, text: str) -> bool:
        return len(text) < _MIN_LENGTH

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        for m in _TOKEN.finditer(text):
            token = m.group()
            if v.is_bitcoin(token):
                continue  # Bitcoin's: the built-in pattern reads it
            if checked_address(token):
                out.append(Detection("CRYPTO_WALLET", m.start(), m.end(), 0.9, self.name, token))
            elif _address_shaped(token) and self.context.near(text, m.start(), m.end()):
                out.append(Detection("CRYPTO_WALLET", m.start(), m.end(), 0.7, self.name, token))
        return out


WALLETS = WalletRecognizer()
