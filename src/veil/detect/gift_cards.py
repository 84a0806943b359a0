"""A gift card's or a voucher's redemption code after the words that name it: whoever reads the
code spends the card, so it is a SECRET like a password (``Amazon gift card claim code:
AS7D-4TFN9L-WRQ3``, ``Steam wallet code 9KQ4T-ZP2MX-7HRWN``, ``Apple Gift Card code
X6FH7K2LMN9Q4RTP``, ``Google Play code 4RTX9Q2MLP7KZW3HN8VB``).

The code is ten to twenty-five capitals and digits, in dash- or space-separated groups or one
run, with at least one letter and two digits; the words are a redemption's (``claim code``,
``gift card code``, ``gift code``, ``redemption code``, ``wallet code``, ``play code``,
``card code``, ``voucher code``, ``gift card pin``). A shop's promotion code (``SAVE20``) is
shorter and public, and "promo code" is no word of these.
"""

from __future__ import annotations

import re

from veil.detect.patterns import Pattern, PatternRecognizer

_WORDS = ("claim code", "gift card code", "gift card number", "gift card pin", "gift code",
          "redemption code", "redeem code", "wallet code", "play code", "card code",
          "voucher code", "e-gift code", "egift code", "itunes code", "xbox code",
          "psn code", "store code")
_MARK = "|".join(re.escape(w).replace(r"\ ", "[ ]") for w in sorted(_WORDS, key=len,
                                                                    reverse=True))


def is_redemption_code(value: str) -> bool:
    """Ten to twenty-five characters without the separators, a letter and two digits."""
    compact = value.replace("-", "").replace(" ", "")
    return (10 <= len(compact) <= 25 and any(c.isalpha() for c in compact)
            and sum(c.isdigit() for c in compact) >= 2)


GIFT_CARD_CODE = PatternRecognizer(
    name="gift_card_code", entity="SECRET",
    patterns=[Pattern(rf"(?i:\b(?:{_MARK})\b)[ \t]*(?:[:#=]|is\b)?[ \t]*"
                      r"(?P<v>[A-Z0-9]{3,8}(?:[- ][A-Z0-9]{3,8}){0,4}|[A-Z0-9]{10,25})"
                      r"(?![A-Za-z0-9-])", 0.97, re.ASCII, mark=_MARK, fold=True, lead=0)],
    validate=is_redemption_code,
    # the redemption's word and the code's shape (0.97: above the account number that
    # "claim code" names too)
    validated=True,
)
