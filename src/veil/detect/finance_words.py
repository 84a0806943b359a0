"""A bank's, an insurer's and an accountant's own words that the name models read as a person,
a company or a place: a balance sheet's lines (`Accrued income`, `Retained earnings`), a KYC
file's documents (`Utility Bill`, `National Identity Card`), a tax year's bands (`Additional
Rate`), ISO 20022's message names and tags (`Bank To Customer Statement`, `Dbtr`, `RmtInf`), a
NACHA file's records (`Addenda`, `Batch Header`), a pension's wrappers (`Superannuation`), a
claim's words (`Subrogation`), a card scheme's reason codes (`Visa 10.4`, `Mastercard reason
4837`). Masked, the model upstream reads `[PERSON_3] income` and nothing private was protected.

:func:`finance_word` answers for a model's span from the span and the words around it: the
span is one of these words, or lies inside one of these phrases as the text writes it.
"""

from __future__ import annotations

import re

#: single words of the trade that name no one, in lower case
FINANCE_WORDS = frozenset({
    "addenda", "superannuation", "subrogation", "annuity", "annuities", "drawdown",
    "remittance", "chargeback", "escrow", "amortisation", "amortization", "gilt", "gilts",
    "net", "accrued", "accruals", "prepayments", "sipp", "rrsp", "tfsa", "ubo", "mlro", "paye",
    # an invoice's and a payslip's words in Europe's languages
    "fattura", "imponibile", "factuur", "facture", "rechnung", "factura", "faktura",
    "salaris", "gehalt", "salaire", "stipendio",
    # ISO 20022's tags as the standard abbreviates them ("map :50K: to Dbtr")
    "dbtr", "cdtr", "dbtracct", "cdtracct", "dbtragt", "cdtragt", "ultmtdbtr", "ultmtcdtr",
    "rmtinf", "ustrd", "strd", "chrgbr", "grphdr", "pmtinf", "pmtid", "cdttrftxinf",
    "instdamt", "intrbksttlmamt", "pstladr", "bicfi", "fininstnid", "strtnm", "twnnm",
    "pstcd", "adrline", "rltdpties", "ntry", "ntrydtls", "txdtls", "endtoendid", "msgid",
    "sttlminf", "purp", "ctry",
    # payment systems, and a tax form's parties as its boxes name them ("a Employee's
    # social security number", "PAYER'S TIN")
    "fedwire", "chaps", "bacs", "target2", "employee", "employer", "payer", "payee",
    "recipient"})
#: the trade's phrases a model cuts a piece of ("Retained" of "Retained earnings"), lower case
_PHRASES = (
    # a balance sheet's and an income statement's lines
    "trade receivables", "trade payables", "accrued income", "accrued expenses",
    "accrued interest", "deferred revenue", "deferred income", "deferred tax",
    "retained earnings", "cash and cash equivalents", "unrealised gain", "unrealized gain",
    "unrealised loss", "unrealized loss",
    # ISO 20022's messages, a NACHA file's records, a card scheme's reason codes
    "customer credit transfer initiation", "fi to fi customer credit transfer",
    "bank to customer statement", "bank to customer account report",
    "bank to customer debit credit notification", "payment status report",
    "batch header", "batch control", "file header", "file control", "entry detail",
    "addenda record", "cardholder dispute", "merchandise not received",
    "merchandise/services not received", "card not present", "other fraud",
    # a KYC file's documents, a transfer's and a statement's words
    "utility bill", "bank statement", "council tax bill", "national identity card",
    "identity card", "residence permit", "proof of address", "source of funds",
    "source of wealth", "loan repayment", "faster payments", "direct debit", "standing order",
    "sepa instant", "sepa credit transfer", "sepa direct debit",
    # a tax year's bands and allowances, a form's title, pension and savings wrappers
    "national insurance", "national insurance number", "bank rate", "basic rate",
    "higher rate", "additional rate", "personal allowance", "marriage allowance",
    "payments on account", "wage and tax statement", "form w-2 wage and tax statement",
    "lifetime isa", "stocks and shares isa", "cash isa", "roth ira", "traditional ira",
    "uk gilt", "treasury bill", "treasury bond",
    # an insurer's words
    "no claims discount", "no claims bonus", "escape of water", "accidental damage",
    "loss adjuster")
#: each word of a phrase -> (the phrase, where that word starts in it): a span's first word
#: finds the few phrases that could hold it, each compared at the one place it would start
_BY_WORD: dict[str, list[tuple[str, int]]] = {}
for _phrase in _PHRASES:
    for _word in re.finditer(r"[^\W\d_]+", _phrase):
        _BY_WORD.setdefault(_word.group(), []).append((_phrase, _word.start()))
#: card schemes, in lower case: a scheme before its reason code, a code's number or a card's
#: kind is the network, not a company named as a party ("Visa reason code 13.1", "Amex F29")
_CARD_SCHEMES = frozenset({"visa", "mastercard", "amex", "american express", "discover",
                           "maestro", "jcb", "unionpay", "diners club"})
_SCHEME_AFTER = re.compile(
    r"[ \t]{1,4}(?:(?i:reason|code|dispute|chargeback|corporate|business|commercial|debit|"
    r"credit|prepaid|platinum|gold|card|rules|network)\b|[A-Z]?\d{1,4}(?:\.\d{1,2})?\b)")


def finance_word(text: str, s: int, e: int, words: list[str]) -> bool:
    """Whether a model's span ``text[s:e]`` (its alphabetic ``words``) is a trade's word of
    finance rather than a value."""
    if all(w.lower() in FINANCE_WORDS for w in words):
        return True
    low = " ".join(words).lower()
    if low in _CARD_SCHEMES and _SCHEME_AFTER.match(text, e):
        return True
    first = words[0].lower()
    if first in _CARD_SCHEMES and text.startswith(words[0], s) and _SCHEME_AFTER.match(
            text, s + len(first)):
        return True  # "Mastercard 4853 Cardholder Dispute" read as one company
    at = text.find(words[0], s, e)
    for phrase, offset in _BY_WORD.get(first, ()):
        start = at - offset
        end = start + len(phrase)
        if start >= 0 and end >= e and text[start:end].lower() == phrase and not (
                start and text[start - 1].isalnum()) and not text[end:end + 1].isalnum():
            return True
    return False
