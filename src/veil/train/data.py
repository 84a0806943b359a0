"""Synthetic labelled text for training and evaluating the learned name detector.

Two generator families, so quality is measured on text the training never saw:

* ``generate`` — Veil's own templates per domain (medical notes, banking, legal, support chats),
  filled from Faker in many locales. Templates come in *families* (paraphrases of one sentence
  skeleton); whole families are held out, so a held-out score is not a memorised skeleton with
  new names in it (the overlap trap of PresidioSentenceFaker's 210 templates).
* ``generate_unseen`` — presidio-evaluator's sentence faker (other templates, other fillers),
  which the training never uses: the "unseen generator" evaluation.

Only the types that the pattern recognizers cannot find are labelled (PERSON, LOCATION,
ORGANIZATION); dates, amounts and numbers are filled in but left unlabelled on purpose, so the
model learns not to call them names. This module needs Faker only (no torch): the learned
detector imports its BIO decoding at serving time.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

#: the entity types the detector learns, in label order
ENTITY_TYPES: tuple[str, ...] = ("PERSON", "LOCATION", "ORGANIZATION")
#: BIO tag set; index = class id of the token classifier
LABELS: tuple[str, ...] = ("O",) + tuple(f"{p}-{t}" for t in ENTITY_TYPES for p in ("B", "I"))
LABEL_IDS: dict[str, int] = {label: i for i, label in enumerate(LABELS)}

DOMAINS: tuple[str, ...] = ("medical", "banking", "legal", "support")
#: developers' text (code, logs, commands, reviews): the shipped detector trains on it too, so
#: that TODO, Bearer or ERROR are not names; kept out of DOMAINS, which the federated clients
#: and every recorded comparison draw from, so their sentences stay what they were
TECHNICAL = "technical"
ALL_DOMAINS: tuple[str, ...] = (*DOMAINS, TECHNICAL)
#: Faker locales the fillers come from (names, places and companies of many cultures)
LOCALES: tuple[str, ...] = (
    "en_US", "en_GB", "en_IN", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "pl_PL",
    "sv_SE", "da_DK",
)  # fmt: skip

Split = Literal["train", "held_out", "all"]


@dataclass(frozen=True)
class Span:
    """A labelled character range ``text[start:end]``."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class TaggedSentence:
    """One synthetic sentence with its gold spans and where it came from."""

    text: str
    spans: tuple[Span, ...]
    domain: str = ""
    family: str = ""  # template family id ("medical/referral"); "" for the unseen generator
    generator: str = "veil"  # "veil" (own templates) or "presidio" (unseen generator)
    locale: str = "en_US"


@dataclass(frozen=True)
class Template:
    """Paraphrases of one sentence skeleton; held out (or not) together."""

    domain: str
    family: str
    texts: tuple[str, ...] = field(default_factory=tuple)


# Slots: labelled ones map to an entity type; the others are distractors left unlabelled.
_SLOT_LABELS = {
    "PERSON": "PERSON", "PERSON2": "PERSON", "FIRST": "PERSON", "LAST": "PERSON",
    "CITY": "LOCATION", "CITY2": "LOCATION", "COUNTRY": "LOCATION", "REGION": "LOCATION",
    "ORG": "ORGANIZATION", "ORG2": "ORGANIZATION", "HOSPITAL": "ORGANIZATION",
    "BANK": "ORGANIZATION", "FIRM": "ORGANIZATION",
}  # fmt: skip
_SLOT = re.compile(r"\{([A-Z0-9]+)\}")

_TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "medical": {
        "referral": (
            "{PERSON} was referred to {HOSPITAL} by Dr. {LAST} on {DATE}.",
            "Referral from Dr. {LAST} ({HOSPITAL}) for {PERSON}, seen {DATE}.",
            "Dr. {LAST} referred the patient, {PERSON}, to the {CONDITION} clinic at {HOSPITAL}.",
        ),
        "admission": (
            "Patient {PERSON}, {NUM} y/o, admitted to {HOSPITAL} in {CITY} with {CONDITION}.",
            "{PERSON} ({NUM}) presented to the emergency room of {HOSPITAL} with {CONDITION}.",
            "Admitted on {DATE}: {PERSON}, age {NUM}, transferred from {CITY}.",
        ),
        "medication": (
            "Started {PERSON} on {DRUG} {NUM} mg twice daily; follow-up with Dr. {LAST}.",
            "{FIRST} reports side effects from {DRUG}, prescribed by Dr. {PERSON}.",
            "Rx: {DRUG} for {PERSON}, dispensed at the {ORG} pharmacy in {CITY}.",
        ),
        "family_history": (
            "Mother of {FIRST}, {PERSON}, has a history of {CONDITION}.",
            "Family history: father ({PERSON}) treated for {CONDITION} in {COUNTRY}.",
            "{FIRST}'s sister lives in {CITY} and was diagnosed with {CONDITION} last year.",
        ),
        "discharge": (
            "{PERSON} was discharged home to {CITY} on {DATE} in stable condition.",
            "Discharge summary for {PERSON}: follow up at {HOSPITAL} in two weeks.",
            "Patient discharged; {FIRST} will continue physiotherapy with {ORG} near {CITY}.",
        ),
        "insurance": (
            "Recent travel to {COUNTRY}; {FIRST} denies fever or cough.",
            "Insurance claim for {PERSON} submitted to {ORG} on {DATE}.",
            "{PERSON} is covered by {ORG} and was last seen in {COUNTRY}.",
        ),
        "consult": (
            "Seen today with her husband {PERSON}. Nurse {FIRST} took vitals.",
            "Consulted Dr. {PERSON} from {HOSPITAL} regarding the {CONDITION}.",
            "Case discussed with {PERSON}, oncology fellow at {HOSPITAL}, {CITY}.",
        ),
        "lab": (
            "Lab results for {PERSON} were sent to the {ORG} laboratory in {CITY}.",
            "{ORG} reported abnormal results for {PERSON} on {DATE}.",
            "Blood samples from {PERSON} were analysed by {ORG} within {NUM} hours.",
        ),
        "chart": (
            "Pt {LAST}, {FIRST}; seen by {PERSON}, MD, at {HOSPITAL}.",
            "Spoke with {PERSON} (daughter) by phone; she lives in {CITY}.",
            "NOK: {PERSON}, {CITY}. GP: Dr {LAST}.",
        ),
        "handover": (
            "{FIRST}, bed 4, stable overnight; {PERSON} covers the ward until {WEEKDAY}.",
            "Handover from {FIRST} to {FIRST}: {PERSON} needs a repeat ECG.",
            "{CITY} is where {FIRST} had the first episode; {ORG} holds the records.",
        ),
    },
    "banking": {
        "transfer": (
            "Please transfer {AMOUNT} from my account to {PERSON} at {BANK}.",
            "I sent {AMOUNT} to {PERSON} last {WEEKDAY} but it never arrived at {BANK}.",
            "Wire of {AMOUNT} to {ORG} in {CITY}, beneficiary {PERSON}.",
        ),
        "card": (
            "{PERSON} reported the card stolen in {CITY} on {DATE}.",
            "My card was declined at {ORG} in {COUNTRY}, can you check? - {FIRST}",
            "Card holder {PERSON} disputes a charge of {AMOUNT} from {ORG}.",
        ),
        "loan": (
            "Loan application of {PERSON}, employed by {ORG}, annual income {AMOUNT}.",
            "{PERSON} applied for a mortgage on a house in {CITY} through {BANK}.",
            "The loan officer, {PERSON}, approved {FIRST}'s request for {AMOUNT}.",
        ),
        "account": (
            "New account opened for {PERSON} at the {CITY} branch of {BANK}.",
            "{BANK} welcomes {PERSON} as a new customer.",
            "Account holder: {PERSON}, {CITY}, {COUNTRY}.",
        ),
        "fraud": (
            "Suspicious login for {PERSON} from {COUNTRY} flagged by the {BANK} fraud team.",
            "{PERSON} called to report an unknown payment to {ORG}.",
            "Fraud case opened: {PERSON} vs. {ORG}, amount {AMOUNT}.",
        ),
        "advisor": (
            "Your advisor {PERSON} will call you from our {CITY} office.",
            "Meeting with {PERSON} of {BANK} scheduled for {DATE}.",
            "{PERSON} recommends moving the savings to {ORG} funds.",
        ),
        "statement": (
            "Statement for {PERSON}: salary from {ORG} received {DATE}.",
            "Incoming payment from {ORG}, reference {NUM}, for {PERSON}.",
            "Direct debit to {ORG} for {PERSON} failed on {DATE}.",
        ),
        "kyc": (
            "{PERSON} was born in {CITY}, {COUNTRY} and holds dual citizenship.",
            "KYC check: {PERSON}, resident of {CITY}, employer {ORG}.",
            "Customer {PERSON} moved from {CITY} to {CITY2} in {YEAR}.",
        ),
        "correspondence": (
            "Kind regards,\n{PERSON}\n{BANK}",
            "Thanks {FIRST}! Best, {PERSON} ({BANK}, {CITY})",
            "Refund request from {PERSON}. Please process by {WEEKDAY}.",
        ),
        "signatories": (
            "Signatories: {PERSON}, {PERSON2} and {FIRST} {LAST}.",
            "Joint account of {FIRST} and {PERSON}; statements go to {CITY}.",
            "{COUNTRY} tax residency confirmed for {PERSON} by {ORG}.",
        ),
    },
    "legal": {
        "parties": (
            "This agreement is made between {ORG} and {PERSON}, residing in {CITY}.",
            '{ORG} (the "Company") and {PERSON} (the "Consultant") agree as follows.',
            "Between {PERSON} of {CITY} and {ORG}, a company registered in {COUNTRY}.",
        ),
        "court": (
            "{PERSON} v. {ORG}, heard before Judge {LAST} in {CITY}.",
            "The court in {CITY} ruled in favour of {PERSON} against {ORG}.",
            "Judge {PERSON} dismissed the claim brought by {ORG} on {DATE}.",
        ),
        "counsel": (
            "{PERSON} of {FIRM} represents the plaintiff.",
            "Counsel for the defendant, {PERSON} ({FIRM}), filed a motion on {DATE}.",
            "{FIRM} has been retained by {PERSON} in the matter against {ORG}.",
        ),
        "letters": (
            "Dear {PERSON},\nwe write on behalf of {ORG} regarding the lease in {CITY}.",
            "cc: {PERSON}; {PERSON2}; {FIRM}",
            "Signed in {CITY} by {PERSON} for and on behalf of {ORG}.",
        ),
        "attendance": (
            "Present: {FIRST} {LAST}, {PERSON}, {FIRST} (minutes). Apologies: {PERSON2}.",
            "Mr {LAST} and Ms {LAST} attended for {ORG}; {FIRM} for the claimant.",
            "{LAST} confirmed that {LAST} had signed before leaving for {COUNTRY}.",
        ),
        "witness": (
            "Witness {PERSON} testified that she saw {FIRST} in {CITY} that evening.",
            "The deposition of {PERSON} was taken at the offices of {FIRM}.",
            "According to {PERSON}, the meeting took place in {CITY} on {DATE}.",
        ),
        "estate": (
            "I, {PERSON}, of {CITY}, leave my entire estate to {PERSON2}.",
            "The executor, {PERSON}, shall distribute the assets held at {BANK}.",
            "{PERSON} named {PERSON2} as the sole beneficiary.",
        ),
        "notice": (
            "Notice is hereby given to {PERSON} that the lease in {CITY} terminates on {DATE}.",
            "{ORG} gives notice of breach to {PERSON}.",
            "Please forward this notice to {PERSON} at {ORG}, {CITY}.",
        ),
        "jurisdiction": (
            "This contract is governed by the laws of {COUNTRY}, with disputes heard in {CITY}.",
            "Any dispute between {ORG} and {ORG2} shall be settled in {CITY}.",
            "The parties submit to the courts of {REGION}, {COUNTRY}.",
        ),
        "signature": (
            "Signed by {PERSON}, Director, on behalf of {ORG}.",
            "Witnessed by {PERSON}, notary public in {CITY}, on {DATE}.",
            "For and on behalf of {ORG}: {PERSON}.",
        ),
    },
    "support": {
        "greeting": (
            "Hi, this is {FIRST} from {ORG} support, how can I help?",
            "Hello {FIRST}, thanks for reaching out to {ORG}!",
            "Hey, my name is {PERSON} and I need help with my order {NUM}.",
        ),
        "shipping": (
            "My package was supposed to arrive in {CITY} yesterday but it's still in {COUNTRY}.",
            "Order {NUM} shipped to {PERSON}, {CITY}; carrier {ORG}.",
            "can you send it to my office at {ORG} in {CITY} instead",
        ),
        "escalation": (
            "I'll escalate this to my manager {PERSON}.",
            "{FIRST} from billing will contact you within {NUM} hours.",
            "Please ask {PERSON} to call me back, she handled my case last time.",
        ),
        "account": (
            "The account is under my wife's name, {PERSON}.",
            "I changed my email after moving to {CITY}, the account owner is {PERSON}.",
            "Can you update the billing name to {PERSON} at {ORG}?",
        ),
        "complaint": (
            "Your agent {FIRST} was really rude to me yesterday.",
            "I have been a customer of {ORG} since {YEAR} and this is unacceptable.",
            "{PERSON} here, I was charged twice by {ORG}.",
        ),
        "travel": (
            "I'm travelling to {COUNTRY} next week, will my plan work in {CITY}?",
            "Booked a room in {CITY} for {PERSON}, confirmation sent.",
            "We fly from {CITY} to {CITY2} on {DATE} with {FIRST}.",
        ),
        "refund": (
            "Refund issued to {PERSON} for the order placed at {ORG}.",
            "{FIRST}, your refund of {AMOUNT} is on the way.",
            "I returned the item at the {CITY} store, ask {FIRST} there.",
        ),
        "technical": (
            "It works for my colleague {PERSON} at {ORG} but not for me.",
            "{FIRST} tried reinstalling the app on the laptop from {ORG}.",
            "Our IT guy, {PERSON}, says the firewall in the {CITY} office blocks it.",
        ),
        "transcript": (
            "{FIRST}: hi, I can't log in\nAgent: sorry to hear that, {FIRST}. Which email?",
            "[{NUM}] {FIRST}: my card was charged twice\n[{NUM}] {FIRST}: can you refund it?",
            "{FIRST} ({ORG}): please call me back\n{FIRST}: will do, thanks!",
        ),
        "team": (
            "They were {NUM}: {FIRST}, {FIRST}, {FIRST} and {FIRST}.",
            "{FIRST} and {FIRST} from {CITY} joined the call with {PERSON}.",
            "{COUNTRY} was great, {FIRST} says hi from {CITY}!",
        ),
    },
    TECHNICAL: {
        "commit": (
            "commit {HEX}\nAuthor: {PERSON} <{HANDLE}@{HOST}>\nDate: {DATE}\n\n"
            "    {CODEWORD}: fix {FUNC}",
            "Signed-off-by: {PERSON} <{HANDLE}@{HOST}>\nReviewed-by: {PERSON2}",
            "git log --author=\"{PERSON}\" --since={DATE} -- {PATH}",
        ),
        "review": (
            "LGTM, but {FIRST} should look at {FUNC}() before we merge to {BRANCH}.",
            "Review comment from {PERSON}: {FUNC} returns None when {VAR} is empty.",
            "Approved by {PERSON}; {CODEWORD} remove the retry in {PATH}.",
        ),
        "comment": (
            "# {CODEWORD}({HANDLE}): ask {FIRST} why {FUNC} is called twice",
            "// {CODEWORD}: {VAR} must not be null here, see {PATH}",
            "/* {CODEWORD} {FIRST} {LAST}: drop this once {ORG} ships the fix */",
        ),
        "log": (
            "{STAMP} {LEVEL} [{FUNC}] request from {HOST} failed: {STATUS}",
            "{LEVEL} {STAMP} {FUNC}: user {HANDLE} not found, retrying ({NUM}/5)",
            "{STAMP} {LEVEL} {PATH}:{NUM} {VAR}={NUM} elapsed={NUM}ms",
        ),
        "http": (
            "{METHOD} {PATH} HTTP/1.1\nHost: {HOST}\nAuthorization: {SCHEME} {TOKEN}",
            "curl -s -X {METHOD} https://{HOST}{PATH} -H \"Authorization: {SCHEME} {TOKEN}\"",
            "Response {STATUS} from {HOST}: {HEADER} missing; Authorization: {SCHEME} {TOKEN}",
        ),
        "ticket": (
            "{TICKET} assigned to {PERSON} ({ORG}); priority {LEVEL}.",
            "{TICKET}: {FIRST} reproduced the crash in {FUNC} on the {CITY} cluster.",
            "Reopened {TICKET} after {PERSON} saw {STATUS} errors from {HOST} again.",
        ),
        "oncall": (
            "@{HANDLE} is on call this week; page {FIRST} if {HOST} returns {STATUS}.",
            "Incident {TICKET}: {PERSON} restarted {FUNC} in the {CITY} region at {STAMP}.",
            "Escalated to {FIRST} at {ORG}; {HOST} is still down in {COUNTRY}.",
        ),
        "config": (
            "{VAR}={TOKEN}\n{VAR2}={HOST}\n# owner: {PERSON}",
            "{VAR}: \"{TOKEN}\"  # {CODEWORD} move to the vault",
            "export {VAR}={TOKEN}; export {VAR2}={PATH}",
        ),
        "chat": (
            "{FIRST}: did the {BRANCH} build pass?\n{FIRST}: no, {FUNC} times out on {HOST}",
            "hey @{HANDLE}, can you rerun the {METHOD} tests? {FIRST} says {STATUS} again",
            "{PERSON} pinged me about the {ORG} API key, I rotated it: {TOKEN}",
        ),
        "trace": (
            "Traceback (most recent call last):\n  File \"{PATH}\", line {NUM}, in {FUNC}\n"
            "{EXC}: {VAR}",
            "{EXC} in {FUNC} at {PATH}:{NUM} (reported by {PERSON})",
            "{LEVEL}: {EXC} raised by {FUNC}; see {TICKET} ({FIRST} is on it)",
        ),
    },
}

#: template families kept out of training (two of ten per domain, fixed so every trainer —
#: central, federated, DP — is scored on the same held-out skeletons)
HELD_OUT_FAMILIES: dict[str, tuple[str, ...]] = {
    "medical": ("family_history", "lab"),
    "banking": ("loan", "kyc"),
    "legal": ("witness", "jurisdiction"),
    "support": ("escalation", "travel"),
    TECHNICAL: ("ticket", "trace"),
}

_DRUGS = ("metformin", "lisinopril", "atorvastatin", "amoxicillin", "ibuprofen", "warfarin",
          "sertraline", "omeprazole", "insulin glargine", "prednisone")  # fmt: skip
_CONDITIONS = ("chest pain", "type 2 diabetes", "asthma", "hypertension", "pneumonia",
               "migraine", "atrial fibrillation", "a fractured wrist", "COPD")  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Capitalised words that are not names, which the templates alone never show at a sentence's
# start or in its middle: a model trained without them calls "The", "He", "English" or
# "Labor Day" a person. Training sentences get one of these lead-ins or asides now and then.
_LEAD_INS = (
    "The note says: ", "He said that ", "She confirmed that ", "What happened is that ",
    "You asked whether ", "Can I add that ", "By the way, ", "As discussed, ", "In short, ",
    "We confirmed that ", "They wrote: ", "It seems that ", "According to the file, ",
    "Also, ", "Then ", "This morning ", "Yesterday ", "Following up: ", "Note: ", "Update: ",
    "FYI: ", "Please note: ", "Our records show that ", "If possible, ", "When asked, ",
    "Why? Because ", "Hi, ", "Thanks! ", "Urgent: ", "Re: ", "Summary: ", "I believe ",
    "My understanding is that ", "Every {WEEKDAY} ", "Since {HOLIDAY}, ", "Before {HOLIDAY} ",
    "After the {NATIONALITY} review, ", "Per the {DEPARTMENT}: ",
)  # fmt: skip
_ASIDES = (
    " ({NATIONALITY} citizen)", ", a {NATIONALITY} national,", " before {HOLIDAY}",
    " after the {HOLIDAY} weekend", ", said the {DEPARTMENT},", " (see {DEPARTMENT})",
    " in the {NATIONALITY} version", " via Customer Service", " as the Senior Vice President",
    " this {WEEKDAY}", " with the Board", " per the Terms and Conditions",
)  # fmt: skip
_NATIONALITIES = (
    "American", "British", "English", "Scottish", "Irish", "Canadian", "Australian", "German",
    "French", "Spanish", "Italian", "Portuguese", "Dutch", "Belgian", "Swiss", "Austrian",
    "Swedish", "Norwegian", "Danish", "Finnish", "Icelandic", "Polish", "Czech", "Greek",
    "Turkish", "Russian", "Ukrainian", "Hungarian", "Romanian", "Indian", "Pakistani",
    "Chinese", "Japanese", "Korean", "Vietnamese", "Thai", "Filipino", "Indonesian", "Mexican",
    "Brazilian", "Argentinian", "Chilean", "Nigerian", "Kenyan", "Egyptian", "Moroccan",
    "Israeli", "Saudi", "Danish-Greenlandic", "European", "Asian", "African", "Latin American",
)  # fmt: skip
_HOLIDAYS = (
    "Christmas", "Easter", "Thanksgiving", "Labor Day", "Memorial Day", "New Year's Day",
    "Independence Day", "Boxing Day", "Good Friday", "Halloween", "Ramadan", "Diwali",
    "Hanukkah", "Bank Holiday", "Veterans Day",
)  # fmt: skip
_DEPARTMENTS = (
    "Human Resources", "Finance Department", "Emergency Department", "Legal Team",
    "Compliance Office", "Board of Directors", "Customer Support", "Accounts Payable",
    "Radiology", "Internal Audit", "Risk Committee", "Help Desk",
)  # fmt: skip

# developers' vocabulary (the technical domain): capitalised or upper-case words that are
# not names, and identifiers, keys and hosts around the names that are
_CODEWORDS = ("TODO", "FIXME", "NOTE", "XXX", "HACK", "BUG", "WARNING", "Todo", "Note")
_LEVELS = ("ERROR", "WARN", "WARNING", "INFO", "DEBUG", "TRACE", "FATAL", "CRITICAL", "Error",
           "Info")  # fmt: skip
_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_SCHEMES = ("Bearer", "Basic", "Token", "Digest", "Bearer", "ApiKey")  # Bearer: the usual one
_HEADERS = ("Content-Type", "Accept", "User-Agent", "X-Request-Id", "Cache-Control",
            "X-Forwarded-For", "Retry-After")  # fmt: skip
_STATUSES = ("500 Internal Server Error", "404 Not Found", "403 Forbidden", "401 Unauthorized",
             "503 Service Unavailable", "502 Bad Gateway", "429 Too Many Requests", "Timeout")
_EXCEPTIONS = ("ValueError", "KeyError", "TypeError", "TimeoutError", "ConnectionResetError",
               "NullPointerException", "IllegalStateException", "RuntimeError", "PermissionError",
               "AssertionError", "OSError", "Panic")  # fmt: skip
_CODE_WORDS = ("user", "account", "order", "payment", "session", "cache", "token", "invoice",
               "retry", "config", "queue", "worker", "client", "handler", "report", "batch",
               "auth", "record", "export", "sync")  # fmt: skip
_VERBS = ("get", "load", "parse", "send", "build", "fetch", "update", "validate", "flush",
          "create", "handle", "resolve")  # fmt: skip
_BRANCHES = ("main", "master", "develop", "release/2.4", "staging", "hotfix", "nightly")
_TLDS = ("internal", "io", "com", "net", "local", "cloud")


def templates(domain: str) -> list[Template]:
    """Every template family of ``domain`` (ValueError names the known domains)."""
    if domain not in _TEMPLATES:
        raise ValueError(f"unknown domain {domain!r}: use one of {', '.join(ALL_DOMAINS)}")
    return [
        Template(domain, f"{domain}/{name}", texts) for name, texts in _TEMPLATES[domain].items()
    ]


def split_templates(domain: str) -> tuple[list[Template], list[Template]]:
    """(training families, held-out families) of ``domain``; the split is fixed, not sampled."""
    held = (
        {f"{domain}/{name}" for name in HELD_OUT_FAMILIES[domain]}
        if domain in _TEMPLATES
        else set()
    )
    fams = templates(domain)
    return [t for t in fams if t.family not in held], [t for t in fams if t.family in held]


def _stable_seed(*parts: object) -> int:
    # hash() of str is salted per process; the locale is mixed in so that one seed gives
    # different sentences in different locales
    return int.from_bytes(hashlib.sha256(repr(parts).encode()).digest()[:8], "big")


@cache
def _faker(locale: str) -> Any:
    # a Faker locale takes a good part of a second to load its providers: load each once
    from faker import Faker  # imported here: serving imports this module for BIO decoding

    return Faker(locale)


class _Fillers:
    """Slot values from one Faker locale, drawn with a seeded generator."""

    def __init__(self, locale: str, rng: random.Random) -> None:
        self.fake = _faker(locale)  # reseeded below: cached instances stay deterministic
        self.fake.seed_instance(rng.getrandbits(32))
        self.rng = rng

    def value(self, slot: str) -> str:
        f, r = self.fake, self.rng
        first, last = f.first_name, f.last_name
        makers: dict[str, Callable[[], str]] = {
            "PERSON": self._person,
            "PERSON2": self._person,
            "FIRST": first,
            "LAST": last,
            "CITY": f.city,
            "CITY2": f.city,
            "COUNTRY": f.country,
            "REGION": self._region,
            "ORG": f.company,
            "ORG2": f.company,
            "HOSPITAL": lambda: r.choice(
                (
                    f"{f.city()} General Hospital",
                    f"St. {last()} Hospital",
                    f"{last()} Medical Center",
                    f"{f.city()} University Hospital",
                    f"{last()} Clinic",
                )
            ),  # fmt: skip
            "BANK": lambda: r.choice(
                (
                    f"{last()} Savings Bank",
                    f"Bank of {f.city()}",
                    f"{last()} Bank",
                    f"First {f.city()} Credit Union",
                    f"{f.company()} Bank",
                )
            ),  # fmt: skip
            "FIRM": lambda: r.choice(
                (
                    f"{last()} & {last()} LLP",
                    f"{last()} Legal",
                    f"{last()}, {last()} and Partners",
                    f"{last()} Law Group",
                )
            ),  # fmt: skip
            "DATE": lambda: f.date_between("-5y", "+1y").strftime(
                r.choice(("%B %d, %Y", "%d/%m/%Y", "%Y-%m-%d", "%d %b %Y"))
            ),
            "AMOUNT": lambda: r.choice(("$", "€", "£", "")) + f"{r.uniform(10, 90000):,.2f}",
            "NUM": lambda: str(r.randint(2, 9999)),
            "YEAR": lambda: str(r.randint(1990, 2025)),
            "WEEKDAY": lambda: r.choice(_WEEKDAYS),
            "NATIONALITY": lambda: r.choice(_NATIONALITIES),
            "HOLIDAY": lambda: r.choice(_HOLIDAYS),
            "DEPARTMENT": lambda: r.choice(_DEPARTMENTS),
            "DRUG": lambda: r.choice(_DRUGS),
            "CONDITION": lambda: r.choice(_CONDITIONS),
            "HEX": lambda: f"{r.getrandbits(160):040x}",
            "HANDLE": f.user_name,
            "HOST": self._host,
            "CODEWORD": lambda: r.choice(_CODEWORDS),
            "LEVEL": lambda: r.choice(_LEVELS),
            "METHOD": lambda: r.choice(_METHODS),
            "SCHEME": lambda: r.choice(_SCHEMES),
            "HEADER": lambda: r.choice(_HEADERS),
            "STATUS": lambda: r.choice(_STATUSES),
            "EXC": lambda: r.choice(_EXCEPTIONS),
            "BRANCH": lambda: r.choice(_BRANCHES),
            "FUNC": self._identifier,
            "VAR": self._variable,
            "VAR2": self._variable,
            "PATH": lambda: "/" + "/".join(r.choice(_CODE_WORDS) for _ in range(r.randint(1, 3)))
            + r.choice(("", ".py", ".ts", ".go", ".java", "/v2")),
            "TOKEN": self._token,
            "TICKET": lambda: f"{r.choice(('OPS', 'SEC', 'INC', 'PAY', 'API', 'BUG'))}-"
            f"{r.randint(10, 99999)}",
            "STAMP": lambda: f.date_time_between("-2y").strftime(
                r.choice(("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S", "[%d/%b/%Y:%H:%M:%S]"))
            ),
        }
        return makers[slot]().strip()

    def _person(self) -> str:
        f, r = self.fake, self.rng
        shape = r.random()
        if shape < 0.15:
            return f"{f.first_name()} {f.first_name()[0]}. {f.last_name()}"
        if shape < 0.25:
            return f"{f.first_name()} {f.last_name()}-{f.last_name()}"
        if shape < 0.3:
            return f"{f.first_name()} {f.last_name()} {r.choice(('Jr.', 'Sr.', 'II', 'III'))}"
        return f"{f.first_name()} {f.last_name()}"

    def _host(self) -> str:
        r = self.rng
        return (f"{r.choice(_CODE_WORDS)}-{r.randint(1, 40):02d}."
                f"{self.fake.domain_word()}.{r.choice(_TLDS)}")

    def _identifier(self) -> str:
        """A function or class name in one of the usual cases."""
        r = self.rng
        words = [r.choice(_VERBS), *(r.choice(_CODE_WORDS) for _ in range(r.randint(1, 2)))]
        shape = r.random()
        if shape < 0.4:
            return "_".join(words)
        if shape < 0.7:
            return words[0] + "".join(w.capitalize() for w in words[1:])
        return "".join(w.capitalize() for w in words[1:]) + r.choice(("Service", "Handler",
                                                                       "Client", "Manager"))

    def _variable(self) -> str:
        r = self.rng
        return "_".join(r.choice(_CODE_WORDS) for _ in range(r.randint(1, 2))).upper() + \
            r.choice(("", "_KEY", "_URL", "_ID", "_SECRET", "_TOKEN"))

    def _token(self) -> str:
        r = self.rng
        alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
        shape = r.randrange(4)
        if shape == 0:
            return r.choice(("sk_live_", "sk_test_", "pk_live_")) + "".join(
                r.choice(alnum) for _ in range(24))
        if shape == 1:
            return "AKIA" + "".join(r.choice(upper) for _ in range(16))
        if shape == 2:
            return "ghp_" + "".join(r.choice(alnum) for _ in range(36))
        return "eyJ" + "".join(r.choice(alnum) for _ in range(30))

    def _region(self) -> str:
        for attr in ("state", "region", "administrative_unit", "county"):
            maker = getattr(self.fake, attr, None)
            if maker is not None:
                try:
                    return str(maker())
                except AttributeError:
                    continue
        return str(self.fake.city())


def _fill(template: str, fillers: _Fillers, *, lower: bool = False) -> tuple[str, list[Span]]:
    # assembled piece by piece so spans stay right whatever casing is applied
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    cursor = 0
    for m in _SLOT.finditer(template):
        literal = template[cursor : m.start()]
        if literal.startswith(".") and out and out[-1].endswith("."):
            literal = literal[1:]  # "S.L." ends the sentence: no second full stop
        literal = literal.lower() if lower else literal
        out.append(literal)
        pos += len(literal)
        value = fillers.value(m.group(1))
        value = value.lower() if lower else value
        out.append(value)
        label = _SLOT_LABELS.get(m.group(1))
        if label is not None and value:
            spans.append(Span(pos, pos + len(value), label))
        pos += len(value)
        cursor = m.end()
    tail = template[cursor:]
    if tail.startswith(".") and out and out[-1].endswith("."):
        tail = tail[1:]
    out.append(tail.lower() if lower else tail)
    return "".join(out), spans


def generate(
    domain: str,
    n: int,
    *,
    seed: int,
    locale: str = "en_US",
    split: Split = "train",
) -> list[TaggedSentence]:
    """``n`` labelled sentences of ``domain`` from the training (or held-out) template families.

    ``locale`` picks the Faker locale of names, places and companies (the template language
    stays English); ``locale="mixed"`` draws each sentence's fillers from a random locale of
    :data:`LOCALES`. The same (domain, seed, locale, split) always gives the same sentences.
    Training sentences (``split="train"``) now and then start with a lead-in or carry an aside
    of capitalised words that are not names (``_LEAD_INS``, ``_ASIDES``); the held-out
    families are left as they are, so their scores stay comparable between runs.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    train, held = split_templates(domain)
    families = {"train": train, "held_out": held, "all": train + held}[split]
    rng = random.Random(_stable_seed("veil", domain, seed, locale, split))
    locales = LOCALES if locale == "mixed" else (locale,)
    fillers = {loc: _Fillers(loc, rng) for loc in locales}
    out: list[TaggedSentence] = []
    for _ in range(n):
        loc = rng.choice(locales)
        # chats are often typed in lower case; other domains keep their casing
        lower = domain == "support" and rng.random() < 0.25
        fam = rng.choice(families)
        template = rng.choice(fam.texts)
        if split == "train":
            template = _augment(template, rng)
        text, spans = _fill(template, fillers[loc], lower=lower)
        if rng.random() < 0.25:  # two sentences of one note: names across a sentence boundary
            fam2 = rng.choice(families)
            text2, spans2 = _fill(rng.choice(fam2.texts), fillers[loc], lower=lower)
            shift = len(text) + 1
            text = f"{text} {text2}"
            spans += [Span(s.start + shift, s.end + shift, s.label) for s in spans2]
        out.append(TaggedSentence(text, tuple(spans), domain, fam.family, "veil", loc))
    return out


def _augment(template: str, rng: random.Random) -> str:
    """``template`` with, at times, a lead-in before it or an aside at its end."""
    if rng.random() < 0.3:
        template = rng.choice(_LEAD_INS) + template
    if rng.random() < 0.2:
        body = template.rstrip(".?!")
        template = body + rng.choice(_ASIDES) + template[len(body) :]
    return template


def generate_mixed(
    n: int, *, seed: int, locale: str = "mixed", split: Split = "train",
    domains: Sequence[str] = DOMAINS,
) -> list[TaggedSentence]:  # fmt: skip
    """``n`` sentences spread evenly over ``domains`` (the central training set)."""
    per = [n // len(domains) + (1 if i < n % len(domains) else 0) for i in range(len(domains))]
    out: list[TaggedSentence] = []
    for d, k in zip(domains, per, strict=True):
        out += generate(d, k, seed=seed, locale=locale, split=split)
    random.Random(_stable_seed("mix", seed)).shuffle(out)
    return out


# presidio-evaluator's entity names -> ours; sentences with an address are dropped because
# an address contains a place name the gold standard would not label
_PRESIDIO_LABELS = {"PERSON": "PERSON", "GPE": "LOCATION", "LOCATION": "LOCATION",
                    "ORGANIZATION": "ORGANIZATION", "ORG": "ORGANIZATION"}  # fmt: skip
_PRESIDIO_SKIP = {"STREET_ADDRESS", "NRP", "TITLE"}


def generate_unseen(n: int, *, seed: int, locale: str = "en_US") -> list[TaggedSentence]:
    """``n`` sentences from presidio-evaluator's generator, which training never sees.

    Only sentences that contain at least one of our entity types are kept. The same seed gives
    the same sentences in every process (see :func:`veil.evaluation.datasets.presidio_determinism`).
    """
    from veil.evaluation.datasets import presidio_determinism

    with presidio_determinism(_stable_seed("presidio", seed) % 2**31):
        faker = _presidio_faker(locale, seed)
        out: list[TaggedSentence] = []
        while len(out) < n:
            for s in faker.generate_new_fake_sentences(max(2 * (n - len(out)), 16)):
                kinds = {sp.entity_type for sp in s.spans}
                if kinds & _PRESIDIO_SKIP or not kinds & set(_PRESIDIO_LABELS):
                    continue
                spans = tuple(
                    Span(sp.start_position, sp.end_position, _PRESIDIO_LABELS[sp.entity_type])
                    for sp in sorted(s.spans, key=lambda sp: sp.start_position)
                    if sp.entity_type in _PRESIDIO_LABELS
                )
                out.append(TaggedSentence(s.full_text, spans, "presidio", "", "presidio", locale))
                if len(out) == n:
                    break
    return out


def _presidio_faker(locale: str, seed: int) -> Any:
    import contextlib
    import io
    import logging

    from presidio_evaluator.data_generator import PresidioSentenceFaker
    from presidio_evaluator.data_generator.faker_extensions import providers

    # its hospital provider queries WikiData on construction (10 s timeout, no network here):
    # use its built-in fallback list instead of waiting
    hosp: Any = getattr(providers, "HospitalProvider", None)
    saved = getattr(hosp, "load_wiki_hospitals", None) if hosp is not None else None
    if hosp is not None:
        hosp.load_wiki_hospitals = lambda self: list(self.default_list)
    logging.getLogger("presidio-evaluator").setLevel(logging.ERROR)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints its defaults on stdout
            return PresidioSentenceFaker(
                locale=locale,
                lower_case_ratio=0.05,
                random_seed=_stable_seed("presidio", seed) % 2**31,
            )
    finally:
        if hosp is not None and saved is not None:
            hosp.load_wiki_hospitals = saved


# ---- BIO <-> spans (shared by training and the ONNX detector at serving time) ----


def spans_to_bio(
    spans: Iterable[Span], offsets: Sequence[tuple[int, int]], text: str | None = None
) -> list[int]:
    """Class ids per token: B on the first token inside a span, I on the rest, O elsewhere.

    ``offsets`` are the tokenizer's character offsets; special tokens have ``(0, 0)`` and get
    -100 (ignored by the loss). With ``text``, labels are per word: a word's later pieces
    ("##sen" of "Johansen") get -100 too, and :func:`bio_to_spans` gives them their word's
    label, so a model never splits a word between two types.
    """
    ordered = sorted(spans, key=lambda s: s.start)
    out: list[int] = []
    prev: Span | None = None
    prev_end = -1
    for start, end in offsets:
        if start == end:
            out.append(-100)
            prev = None
            prev_end = -1
            continue
        hit = next((s for s in ordered if start < s.end and end > s.start), None)
        if text is not None and start == prev_end and _inside_word(text, start):
            out.append(-100)
        elif hit is None:
            out.append(LABEL_IDS["O"])
        else:
            prefix = "I" if prev is hit else "B"
            out.append(LABEL_IDS[f"{prefix}-{hit.label}"])
        prev = hit
        prev_end = end
    return out


def bio_to_spans(
    label_ids: Sequence[int], offsets: Sequence[tuple[int, int]], text: str | None = None
) -> list[Span]:
    """Character spans from per-token class ids (an I without a B starts a span: lenient).

    A span grows over consecutive tokens of one type. With ``text`` labels are per word: a
    word's later pieces take the label of its first piece, whatever the model gave them, so a
    span never starts or ends inside a word.
    """
    spans: list[Span] = []
    cur: list[Any] | None = None  # [start, end, label]
    prev_end = -1
    for lid, (start, end) in zip(label_ids, offsets, strict=False):
        if start == end:
            continue
        if text is not None and start == prev_end and _inside_word(text, start):
            if cur is not None and cur[1] == start:
                cur[1] = end  # a later piece of the word the span ends in
            prev_end = end
            continue
        prev_end = end
        tag = LABELS[lid] if 0 <= lid < len(LABELS) else "O"
        if tag == "O":
            if cur is not None:
                spans.append(Span(cur[0], cur[1], cur[2]))
                cur = None
            continue
        prefix, label = tag.split("-", 1)
        if cur is not None and (prefix == "I" or start == cur[1]) and cur[2] == label:
            cur[1] = end
            continue
        if cur is not None:
            spans.append(Span(cur[0], cur[1], cur[2]))
        cur = [start, end, label]
    if cur is not None:
        spans.append(Span(cur[0], cur[1], cur[2]))
    return spans


def _inside_word(text: str, pos: int) -> bool:
    return 0 < pos < len(text) and text[pos - 1].isalnum() and text[pos].isalnum()


# ---- scoring (exact span match, the usual NER convention: seqeval-style) ----


def score_spans(gold: Sequence[Sequence[Span]], pred: Sequence[Sequence[Span]]) -> dict[str, float]:
    """Micro precision/recall/F1 over all types, F1 (and precision, where the type was
    predicted) per type and F2 of PERSON.

    A prediction counts only if its start, end and type equal a gold span's (stricter than
    the half-overlap rule of ``veil bench detect``, so the two are not comparable).
    """
    tp: dict[str, int] = dict.fromkeys(ENTITY_TYPES, 0)
    n_gold: dict[str, int] = dict.fromkeys(ENTITY_TYPES, 0)
    n_pred: dict[str, int] = dict.fromkeys(ENTITY_TYPES, 0)
    for g, p in zip(gold, pred, strict=True):
        gs = {(s.start, s.end, s.label) for s in g}
        ps = {(s.start, s.end, s.label) for s in p}
        for _, _, label in gs:
            n_gold[label] = n_gold.get(label, 0) + 1
        for _, _, label in ps:
            n_pred[label] = n_pred.get(label, 0) + 1
        for _, _, label in gs & ps:
            tp[label] = tp.get(label, 0) + 1
    out: dict[str, float] = {}
    t, g_all, p_all = sum(tp.values()), sum(n_gold.values()), sum(n_pred.values())
    out["micro_precision"] = t / p_all if p_all else 0.0
    out["micro_recall"] = t / g_all if g_all else 0.0
    out["micro_f1"] = _fbeta(out["micro_precision"], out["micro_recall"], 1.0)
    for label in ENTITY_TYPES:
        prec = tp[label] / n_pred[label] if n_pred[label] else 0.0
        rec = tp[label] / n_gold[label] if n_gold[label] else 0.0
        out[f"f1_{label}"] = _fbeta(prec, rec, 1.0)
        if n_pred[label]:  # no prediction of a type: no precision to report
            out[f"precision_{label}"] = prec
        if label == "PERSON":
            out["f2_PERSON"] = _fbeta(prec, rec, 2.0)
            out["recall_PERSON"] = rec
    return out


def span_counts(gold: Sequence[Sequence[Span]], pred: Sequence[Sequence[Span]]
                ) -> list[tuple[int, int, int]]:
    """Per sentence, (exact matches, predicted spans, gold spans) over all types: the micro F1
    of any subset of the sentences is 2 * matches / (predicted + gold) of their sums, which is
    what a bootstrap over sentences resamples."""
    out: list[tuple[int, int, int]] = []
    for g, p in zip(gold, pred, strict=True):
        gs = {(s.start, s.end, s.label) for s in g}
        ps = {(s.start, s.end, s.label) for s in p}
        out.append((len(gs & ps), len(ps), len(gs)))
    return out


def _fbeta(precision: float, recall: float, beta: float) -> float:
    b2 = beta * beta
    den = b2 * precision + recall
    return (1 + b2) * precision * recall / den if den else 0.0
