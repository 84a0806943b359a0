"""User names: a handle written with its "@" ("follow me @jsmith_1984", "cc @bob.smith"), and
the value of a field that names one ("username: jsmith84", "login jdoe_1984").

A handle names one person on a service as surely as an e-mail address does. Source code and
documentation write "@" before words that are not people: decorators (``@property``, alone on
their line or before "("), doc tags (``@param``), CSS at-rules (``@media``), package scopes
(``@types/node``), chat keywords (``@here``). A handle is therefore one after a word and a space,
or after an opening bracket or quote, or at a line's start before a word ("@jane can you..."),
and never one of those keywords.

A field's value is a user name after a label that says so ("username", "user id", "screen
name"), unless it is a word of prose ("Username: required"). After the looser words "user" and
"login" it must also look like an account (a digit, "_" or "." inside it: "user jsmith84"), since
"User: Summarize this" is a chat transcript's role, not an account. A name holds a letter: a
numeric id (``user_id=4411``) is no user name.
"""

from __future__ import annotations

import functools
import re

from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.stopwords import stop_words

#: a handle: letters, digits, "_" and inner dots and hyphens ("@jane-doe-42", as Venmo and
#: GitHub write them), at least one letter, at most 30 characters
_HANDLE = r"(?=[A-Za-z0-9_.-]*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,28}[A-Za-z0-9_])?"
#: what never follows a handle: more of a word, "(" of a call, "/" of a package scope, or a
#: dot and a word (``@app.route`` read as far as ``app``)
_AFTER_HANDLE = r"(?![\w@(/-]|\.\w)"

#: what a user-name field holds: letters and digits with ".", "_", "-", "+" or "@" inside
_VALUE = r"[A-Za-z0-9](?:[A-Za-z0-9._@+-]{0,62}[A-Za-z0-9])?"
_LONGER_VALUE = r"[A-Za-z0-9][A-Za-z0-9._@+-]{1,62}[A-Za-z0-9]"  # three characters or more
#: a value with a digit, "_" or "." inside: an account's shape, not a word
_ACCOUNT_SHAPED = r"(?=[A-Za-z0-9@+-]*(?:[0-9]|[_.][A-Za-z0-9]))"
_FIELD_LABELS = (r"user[ _-]?name|user[ _-]?id|login[ _-]?(?:name|id)|screen[ _-]?name|"
                 r"account[ _-]?name|benutzer(?:name|kennung)|nom d'utilisateur|"
                 r"nombre de usuario|identifiant")
# (four words or more: a set of strings found by an automaton; the regex engine tried three
# at every position)
_LOOSE_LABELS = r"user|login|logon|handle"
#: messaging and social services whose "Name: value" is an account on them
_SERVICES = (r"skype|telegram|discord|instagram|insta|twitter|tiktok|snapchat|snap|github|"
             r"gitlab|reddit|wechat|weixin|line id|kik|threads|bluesky|mastodon|twitch|"
             r"youtube|venmo|cash ?app|paypal\.me|steam|xbox|psn|gamertag")

#: hosts whose first path segment is a profile (a set of strings: an automaton finds them)
_PROFILE_HOSTS = "|".join(re.escape(h) for h in (
    "t.me", "telegram.me", "instagram.com", "twitter.com", "x.com", "tiktok.com",
    "facebook.com", "fb.com", "threads.net", "github.com", "gitlab.com", "reddit.com/u",
    "reddit.com/user", "twitch.tv", "linkedin.com/in", "snapchat.com/add", "venmo.com",
    "paypal.me", "cash.app"))
#: a social site's own pages, not a profile ("x.com/home", "instagram.com/explore")
_SITE_PAGES = (r"(?i:home|explore|search|settings|login|signup|about|help|privacy|terms|i|"
               r"hashtag|intent|share|notifications|messages|watch|p|reel|reels|stories|"
               r"accounts|legal|jobs|feed|company|pages|groups|events|marketplace|tos|"
               r"download|features|pricing|blog|docs|topics|trending|orgs|sponsors|s)")

#: words written after "@" in code, documentation and chat that name no one
_KEYWORDS = frozenset({
    # Javadoc, JSDoc, Doxygen, PHPDoc
    "param", "return", "returns", "throws", "throw", "exception", "see", "since", "author",
    "version", "deprecated", "override", "link", "linkplain", "inheritdoc", "code", "type",
    "typedef", "callback", "property", "example", "todo", "note", "raise", "raises", "arg",
    "args", "brief", "details", "file", "class", "method", "function", "var", "const", "enum",
    "private", "public", "protected", "static", "async", "module", "namespace", "memberof",
    "template", "description", "summary", "default", "readonly", "abstract",
    "implements", "extends", "interface", "package", "internal", "experimental", "beta",
    # decorators and annotations written inline
    "staticmethod", "classmethod", "dataclass", "cached_property", "abstractmethod", "overload",
    "final", "functools", "pytest", "fixture", "test", "before", "after", "component",
    "injectable", "input", "output", "autowired", "bean", "entity", "table", "column", "id",
    "nullable", "nonnull", "suppresswarnings", "functionalinterface", "objc", "synthesize",
    "implementation", "end", "selector", "available",
    # CSS, Sass, Less at-rules
    "media", "import", "font", "keyframes", "supports", "charset", "page", "layer",
    "container", "tailwind", "apply", "include", "mixin", "extend", "use", "forward", "if",
    "else", "each", "for", "while", "error", "warn", "debug", "content", "at", "font-face",
    "font-feature-values", "font-palette-values", "counter-style", "at-root", "custom-media",
    "custom-selector", "starting-style", "position-try", "view-transition", "scope",
    "document",
    # TypeScript's comment directives
    "ts-ignore", "ts-expect-error", "ts-nocheck", "ts-check",
    # chat mentions of everyone, not of a person
    "everyone", "here", "channel", "all", "room", "team",
})


def is_handle(value: str) -> bool:
    """Whether ``value`` (what follows the "@") names an account rather than a keyword."""
    return value.lower() not in _KEYWORDS


@functools.cache
def _prose() -> frozenset[str]:
    return frozenset(w.lower() for w in stop_words("en")) | {
        "required", "optional", "none", "null", "unknown", "empty", "blank", "tbd", "n/a",
        "missing", "invalid", "field", "same", "below", "above", "redacted", "hidden"}


def is_user_name(value: str) -> bool:
    """Whether a field's value is an account's name: a letter in it (``user_id=4411`` is a
    number, which the account-number words cover), and no word of prose about the field."""
    return any(c.isalpha() for c in value) and value.lower() not in _prose()


HANDLE = PatternRecognizer(
    name="handle", entity="USERNAME",
    patterns=[
        # after a word and one space or tab, or an opening bracket or quote: "follow me @jane"
        Pattern(rf"(?:(?<=\S[ \t])|(?<=[(\[{{\"'“‘]))@(?P<v>{_HANDLE}){_AFTER_HANDLE}", 0.8,
                at="@", lead=0),
        # at a line's start, before a word: "@jane can you..." (not ``@property`` on its line)
        Pattern(rf"(?<![^\n])@(?P<v>{_HANDLE}){_AFTER_HANDLE}(?=[,:]?[ \t]+[A-Za-z])", 0.8,
                at="@", lead=0),
    ],
    validate=is_handle,
)

USER_NAME_FIELD = PatternRecognizer(
    name="user_name_field", entity="USERNAME",
    patterns=[
        # "username: jsmith", "Screen name is JaneD": any value that is not a word of prose
        Pattern(rf"(?i:\b(?:{_FIELD_LABELS})\b)[\"']?[ \t]*(?:[:=#]|\bis\b)?[ \t]*[\"']?"
                rf"(?P<v>{_VALUE})(?![\w@+-]|\.\w)", 0.8, mark=_FIELD_LABELS, fold=True, lead=0),
        # "user jsmith84", "login: jdoe_1984": only a value shaped like an account
        Pattern(rf"(?i:\b(?:{_LOOSE_LABELS})\b)[\"']?[ \t]*(?:[:=#]|\bis\b)?[ \t]*[\"']?"
                rf"{_ACCOUNT_SHAPED}(?P<v>{_LONGER_VALUE})(?![\w@+-]|\.\w)", 0.75,
                mark=_LOOSE_LABELS, fold=True, lead=0),
        # "Skype: jane.doe.84", "Telegram - @jdoe", "Discord: shadowfox#4821": a service's
        # name as the field's label (not a link's host: "telegram: t.me/jdoe" is read below)
        Pattern(rf"(?i:\b(?:{_SERVICES})\b)[ \t]*(?:[:=]|-[ \t])[ \t]*[@$]?"
                rf"(?P<v>(?:live:\.?)?{_VALUE}(?:#[0-9]{{4}})?)(?![\w@+/-]|\.\w)", 0.8,
                mark=_SERVICES, fold=True, lead=0),
        # "my discord is shadowfox#4821", "my insta is lucy.inthe.sky": after "is", a value
        # shaped like an account ("my instagram is private" is prose)
        Pattern(rf"(?i:\b(?:{_SERVICES})\b)(?:[ \t]+(?i:handle|username|name|id|tag|account))?"
                rf"[ \t]+(?i:is)[ \t]+(?=[A-Za-z0-9._-]*(?:[0-9_.#]))(?P<v>{_HANDLE}"
                r"(?:#[0-9]{4})?)(?![\w@(/-]|\.\w)", 0.8, mark=_SERVICES, fold=True, lead=0),
        # a profile's link without its scheme: "t.me/markov_v", "instagram.com/lucy.sky",
        # "x.com/jdoe", "wa.me/..." is a phone's (the phone patterns read it)
        Pattern(rf"(?i:\b(?:{_PROFILE_HOSTS})/)@?\$?(?!{_SITE_PAGES}(?![\w.-]))"
                rf"(?P<v>{_HANDLE}){_AFTER_HANDLE}", 0.8, mark=rf"(?:{_PROFILE_HOSTS})/",
                fold=True, lead=0),
        # "user: mthornton, pass: Summer2024#": the user before a password's label
        Pattern(rf"(?i:\b(?:{_LOOSE_LABELS})\b)[\"']?[ \t]*[:=][ \t]*[\"']?(?P<v>{_VALUE})"
                r"(?=[\"']?[ \t]*[,;/|]?[ \t]*(?i:pass(?:word)?|pw|pwd|passcode)\b)", 0.8,
                mark=_LOOSE_LABELS, fold=True, lead=0),
        # "Login with jsmith / P@ssw0rd!": the user before a password (a digit or a symbol
        # in it) after a login's word
        Pattern(r"(?i:\b(?:log[ -]?in|sign[ -]?in|credentials|creds)\b)[ \t:]+"
                rf"(?:(?i:with|as|is)[ \t]+)?(?P<v>{_VALUE})[ \t]+/[ \t]+"
                r"(?=[^\s\"',;]*[0-9!#$%&*+:<=>?@^_~-])[^\s\"',;]{6,}", 0.8,
                mark=r"log[ -]?in|sign[ -]?in|credentials|creds", fold=True, lead=0),
        # "My Venmo is @jane-doe-42", "Cash App $JaneDoe42": a service's name, then its "@"
        # or "$" tag (a "$" alone is a price or a shell variable)
        Pattern(rf"(?i:\b(?:{_SERVICES})\b)(?:[ \t]+(?i:handle|username|name|id|tag|account))?"
                rf"[ \t]+(?:(?i:is)[ \t]+)?(?:@|\$(?=[A-Za-z]))(?P<v>{_HANDLE}){_AFTER_HANDLE}",
                0.8, mark=_SERVICES, fold=True, lead=0),
    ],
    validate=is_user_name,
)
