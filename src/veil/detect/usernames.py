"""User names: a handle written with its "@" ("follow me @jsmith_1984", "cc @bob.smith"), and
the value of a field that names one ("username: jsmith84", "login jdoe_1984").

A handle names one person on a service as surely as an e-mail address does. Source code and
documentation write "@" before words that are not people: decorators (``@property``, alone on
their line or before "("), doc tags (``@param``), CSS at-rules (``@media``), package scopes
(``@types/node``), chat keywords (``@here``). A handle is therefore one after a word and a space,
or after an opening bracket or quote, or at a line's start before a word ("@jane can you..."),
and never one of those keywords.

A field's value is a user name after a label that says so ("username", "user id", "screen
name"), unless it is a word of prose ("Username: required"), also after what it opens ("login
for the portal is hvandermeer88"); a quoted account name is the whole quote. After the looser
words "user" and "login" it must also look like an account (a digit, "_" or "." inside it:
"user jsmith84"), since "User: Summarize this" is a chat transcript's role, not an account. A
name holds a letter: a numeric id (``user_id=4411``) is no user name.

A login names its user and often its password in one phrase or command ("sign in as jsmith
with P@ssw0rd!", "su - jsmith", "ssh jsmith@10.0.0.5"): :data:`LOGIN_USER` and
:data:`LOGIN_SECRET` read those (see the comment above them for what "as" may introduce).
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

#: a line's start: the text's, after a newline, or after a "\n" escaped as JSON writes it
_LINE = r"(?:(?<![^\n])|(?<=\\n))"
#: a chat log's time before its speaker: "[10:32]", "[10:32:05 PM]", "12:01"
_CHAT_TIME = r"(?:\[\d{1,2}:\d\d(?::\d\d)?(?:[ \t]?[AaPp][Mm])?\]|\d{1,2}:\d\d(?::\d\d)?)"
#: what follows a chat time's first ":" (its minutes): the scans of a time are tried at the
#: colons so followed only, not at every ":" of a JSON or a log (~1 KB: 69 -> 7 us)
_TIME_COLON = r":\d\d"
#: a speaker's handle in a chat log: shaped like an account (a digit, "_" or "." inside)
_SPEAKER = (r"(?=[A-Za-z0-9_.-]*[A-Za-z])(?=[A-Za-z0-9_.-]*[0-9_.])"
            r"[A-Za-z0-9_][A-Za-z0-9_.-]{1,28}[A-Za-z0-9_]")

#: HTML's tags of three letters or more, which a time may stand before in a page's text
_HTML_TAGS = (r"(?i:div|pre|img|nav|sup|sub|del|ins|kbd|var|wbr|bdi|bdo|dfn|span|code|body|html|"
              r"head|table|thead|tbody|form|main|abbr|cite|mark|time|ruby|small|strong|label|"
              r"input|button|select|option|script|style|title|meta|link|section|article|aside|"
              r"footer|header|figure|video|audio|canvas|iframe|svg|path|center|font|strike|"
              r"blink|details|summary|dialog|template|slot|picture|source|track|embed|object|"
              r"param|area|map|caption|colgroup|col|tfoot|legend|fieldset|datalist|output|"
              r"progress|meter|address|blockquote|figcaption|noscript)")
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
#: a file's extensions, which a dotted word after "account" ends in when it is no account
#: ("the account settings.json")
_FILE_TYPES = (r"json|ya?ml|toml|txt|csv|tsv|xml|html?|md|pdf|docx?|xlsx?|pptx?|log|cfg|ini|"
               r"conf|env|py|js|ts|sh|exe|dll|zip|png|jpe?g|gif|sql|db")
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
        "missing", "invalid", "field", "same", "below", "above", "redacted", "hidden",
        # a setting's or a log's values ("login=true", "user=undefined")
        "true", "false", "yes", "undefined", "nil", "enabled", "disabled", "ok", "success",
        "failed", "failure", "denied", "granted", "pending"}


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
        # a chat log's speaker, shaped like an account: "<jdoe42> anyone?" as IRC writes it
        # (not "<div>", "<h1>": a digit, "_" or "." and three characters at least), and
        # "[10:32] mike_r: hey" after its time (without one, "user_id: 5" is a key)
        # (the first read only on the lines that hold a "<"; the second tried before each
        # ":", the time's first, at most "[" and two digits after the line's start: as a
        # mark, a time's "d:dd" was searched through the whole text, 26 against 6 us a ~1 KB
        # prompt; at line starts, the recognizer was busy on every prompt)
        Pattern(rf"{_LINE}[ \t]*(?:{_CHAT_TIME}[ \t]+)?<(?P<v>{_SPEAKER})>[ \t]", 0.8,
                at="<", lines=True),
        Pattern(rf"{_LINE}[ \t]*{_CHAT_TIME}[ \t]+(?P<v>{_SPEAKER}):[ \t]", 0.8,
                at=":", lead=3, anchor=_TIME_COLON),
        # after its time, an IRC speaker in brackets of any shape: "[10:42] <mkowalczyk> hi"
        # (three characters or more, no HTML tag's name: "10:42 <em>", "<span>")
        Pattern(rf"{_LINE}[ \t]*{_CHAT_TIME}[ \t]+<(?!{_HTML_TAGS}>)"
                r"(?P<v>[A-Za-z][A-Za-z0-9_.|-]{2,29})>[ \t]", 0.8, at=":", lead=3,
                anchor=_TIME_COLON),
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
        # 'account name "Callum Hayes Savings"': a quoted account name is the whole quote
        # (its first word alone was taken, and the rest of a person's name went upstream)
        Pattern(r"(?i:\baccount[ _-]?name\b)[ \t]*(?:[:=][ \t]*|(?i:is)[ \t]+)?"
                r"[\"“](?P<v>[^\"”\n]{1,60})[\"”]", 0.8,
                mark=r"account[ _-]?name", fold=True, lead=0),
        # "your login for the portal is hvandermeer88", "username for the VPN: jsmith_84": the
        # label, what the account opens (four words at most), and a value shaped like one
        Pattern(rf"(?i:\b(?:{_FIELD_LABELS}|{_LOOSE_LABELS})\b)[ \t]+(?i:for|on|to)"
                r"(?:[ \t]+[^\s:=\"']+){1,4}?[ \t]*(?:[:=]|[ \t](?i:is|was))[ \t]*[\"']?"
                rf"{_ACCOUNT_SHAPED}(?P<v>{_LONGER_VALUE})(?![\w@+-]|\.\w)", 0.8,
                mark=rf"{_FIELD_LABELS}|{_LOOSE_LABELS}", fold=True, lead=0),
        # "sign-in for account jlo.delacruz", "the account dmcallister_77 is locked": an
        # account's shape after the word (three letters in it: "account v2.3", "account 2FA"
        # are none; a number after it is the account numbers')
        Pattern(r"(?i:\baccount)[ \t]+(?:(?i:is|was)[ \t]+)?(?=[A-Za-z0-9._-]{0,64}[A-Za-z]{3})"
                rf"(?![A-Za-z0-9._-]{{0,64}}\.(?i:{_FILE_TYPES})(?![\w.-]))"
                rf"{_ACCOUNT_SHAPED}(?P<v>{_LONGER_VALUE})(?![\w@+-]|\.\w)", 0.75,
                mark="account", fold=True, lead=0),
        # "Zander_Hoeger logged in from ...", "j.smith84 signed on at 09:12": an account's
        # shape before the verbs of signing in (a file's name does not sign in)
        Pattern(r"(?<![\w@.+-])(?=[A-Za-z0-9._-]{0,64}[A-Za-z]{2})"
                rf"(?![A-Za-z0-9._-]{{0,64}}\.(?i:{_FILE_TYPES})(?![\w.-]))"
                rf"{_ACCOUNT_SHAPED}(?P<v>{_LONGER_VALUE})[ \t]+(?:(?i:has|had|just)[ \t]+)?"
                r"(?i:logged|signed)[ \t-]?(?i:in|on|out)\b", 0.8,
                mark=r"(?:logged|signed)[ \t-]?(?:in|on|out)\b", fold=True, words=3),
        # "DM me: discord zyx#4821", "my battletag is Kestrel#11873": a gamer's tag (a name,
        # "#" and four or five digits) after its service's name
        Pattern(rf"(?i:\b(?:{_SERVICES}|battle\.net|battletag|blizzard)\b)[ \t]+"
                r"(?:(?i:handle|username|name|id|tag|account)[ \t]+)?(?:(?i:is)[ \t]+)?"
                r"(?P<v>[A-Za-z0-9_.]{2,32}#[0-9]{4,5})(?![\w#])", 0.8,
                mark=rf"{_SERVICES}|battle\.net|battletag|blizzard", fold=True, lead=0),
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


# --- Logins: the user and the password of a sign-in phrase, a shell command or a pair ------
#
# "sign in as jsmith with P@ssw0rd!", "user jsmith pw hunter2", "creds are jsmith /
# Tr0ub4dor&3", "use jsmith:Winter2024!", "su - jsmith", "ssh jsmith@10.0.0.5". After "as" a
# word is a user only when a password follows it ("... with <password>", "/ <password>",
# "... password <password>") or when it is shaped like an account (a digit, "_" or "." inside:
# "logged in as j.smith"): "sign in as an admin", "log in as usual" are prose. Accounts every
# system has ("root", "admin", "postgres", "ec2-user") name no one and stay: an answer about
# "su - postgres" needs the word. A password is a token with a digit or a symbol in it (six
# characters or more): "log in as usual with your password" holds none.

#: the verbs of signing in: "log in", "logged on", "signing in", "login", "sign-in"
_LOGIN_VERBS = r"log(?:ged|ging|s)?[ -]?(?:in|on)|sign(?:ed|ing|s)?[ -]?(?:in|on)"
#: the words that name a password
_SECRET_WORDS = r"pass(?:word|wd|code|phrase)?|pwd?|kennwort|passwort"
#: a user name without "@" (the "@" is what follows it: "jsmith@10.0.0.5")
_USER = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?"
#: where a user name ends: not inside a longer token, nor before a dot and a word
_END = r"(?![\w@+-]|\.\w)"
#: a password: six characters or more, one of them a digit or a symbol ("-" and "." are in
#: words and file names: "two-factor", "cmd.exe")
_PASSWORD = r"(?![:=])(?=[^\s\"',;]*[0-9!#$%&*+<=>?@^~])[^\s\"',;]{6,}"
#: from a user name to its password: " / ", ":" (glued, a letter in the password and no "/",
#: "@" or ":": "jsmith:Winter2024!", not "user:password@host:port/0"), ", password is", "and
#: the pass is"
_TO_SECRET_WORD = (rf"[\"']?(?:[ \t]+/[ \t]+|:(?=[^\s:/\\@\"',;]*[A-Za-z])"
                   r"(?=[^\s:/\\@\"',;]*(?![^\s\"',;]))|[ \t]*(?:,[ \t]*)?"
                   r"(?:(?i:with|using|and)[ \t]+)?(?:(?i:the|my|his|her|their|your)[ \t]+)?"
                   rf"(?i:{_SECRET_WORDS})\b[ \t]*(?:[:=][ \t]*|(?i:is|was)[ \t]+)?)[\"']?")
#: the same, and " with " or " using " after the user of "as" ("sign in as jsmith with
#: P@ssw0rd!"; after a label it is prose: "User information with %-escapes")
_TO_PASSWORD = rf"(?:{_TO_SECRET_WORD}|[ \t](?i:with|using)[ \t]+[\"']?)"
#: what a user name is written after, when the user stands before a password's words:
#: "user jsmith pw hunter2", "the account is jsmith, password hunter2"
_USER_LABELS = r"user(?:[ _-]?name)?|login|logon|account|creds|credentials"
#: every word a login pattern starts at (one pass of an automaton finds them for all)
_LOGIN_MARK = (rf"(?<!\w)(?:{_LOGIN_VERBS})|(?<!\w)user|(?<!\w)account|(?<!\w)creds|"
               r"(?<!\w)credentials|(?<!\w)use[ \t]|(?<!\w)try[ \t]|(?<!\w)u[ \t]?[:=]|"
               r"(?<!\w)ssh|(?<!\w)scp|(?<!\w)sftp|(?<!\w)rsync|(?<!\w)telnet|(?<!\w)su[ \t]|"
               r"(?<!\w)sudo[ \t]|/user:|(?<!\S)-u|/home/|/users/|\\users\\")
#: how sshd says a user authenticated, before "for <user>"
_SSH_METHODS = (r"password|publickey|keyboard-interactive(?:/pam)?|hostbased|gssapi-with-mic|"
                r"none")
#: what sshd and PAM write before a user's name: "Invalid user", "session opened for user"
_SSH_USER = (r"invalid[ \t]+user|illegal[ \t]+user|authenticating[ \t]+user|"
             r"opened[ \t]+for[ \t]+user|closed[ \t]+for[ \t]+user")


#: a strong password, for "use <user>:<password>" ("use node:18-alpine" is a Docker image,
#: "use std::io" Rust): a digit, and a capital or a symbol; no slash (a path) after it
_STRONG = (r"(?=[^\s\"'`,;/\\]*[0-9])(?=[^\s\"'`,;/\\]*[A-Z!#$%&*+=?@^~])"
           r"[^\s\"'`,;:/\\][^\s\"'`,;/\\]{5,}(?![^\s\"'`,;])")

#: accounts every system has, which name no one; and words that follow "as" in prose
_NOT_A_LOGIN = frozenset({
    "root", "admin", "administrator", "admins", "guest", "superuser", "sa", "sysadmin", "su",
    "system", "anonymous", "nobody", "daemon", "postgres", "mysql", "oracle", "www-data",
    "nginx", "apache", "git", "jenkins", "ubuntu", "ec2-user", "centos", "debian", "vagrant",
    "docker", "pi", "user", "users", "test", "demo", "default", "service", "owner", "usual",
    "administrators", "normal", "yourself", "myself", "himself", "herself", "themselves",
    "someone", "somebody", "deploy", "deployer",
    "another", "different", "needed", "required", "name", "names", "id", "account", "email",
    "e-mail", "page", "screen", "form", "field", "details", "info", "and", "or", "username",
    "user_name", "userid", "user_id", "login", "password", "passwd", "pass", "pwd",
    # home folders of no one: shared ones, CI runners' and dev containers', a guide's stand-ins
    "public", "shared", "all users", "default user", "runner", "runneradmin", "vscode", "node",
    "circleci", "travis", "appveyor", "buildkite", "codespace", "gitpod", "jovyan", "me",
    "you", "yourname", "your_name", "your-name", "yourusername", "your_username",
    "your-username", "myname", "myuser"})
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)
#: a ~/.pgpass line's host, port and database, each "*" or its value: the port a number, a
#: letter in the host ("12:30:45:..." is a time)
_PGPASS_HEAD = (r"(?:\*|(?=[\w.-]*[A-Za-z])[\w.-]{1,253}|\[[0-9A-Fa-f:.]+\]):(?:\*|\d{1,5}):"
                r"(?:\*|[\w.$-]{1,63}):")
#: where a line is tried: its port's field between colons (the host's 253 characters before)
_PGPASS_MARK = r":(?:\*|\d{1,5}):"
#: its password: the rest of the line, a colon in it escaped ("\:")
_PGPASS_SECRET = r"(?:[^\s:\\]|\\.)+"
#: a service's account by its naming convention ("svc-exchange", "svc_backup", "srv-deploy")
_SERVICE_ACCOUNT = re.compile(r"(?:svc|srv)[-_.]|[\w.]+[-_]svc\Z")


def is_login_user(value: str) -> bool:
    """Whether ``value``, found where a login names its user, is a person's account: a user
    name (:func:`is_user_name`) that is no shared account ("root") nor prose ("usual"), nor an
    ordinal ("log in as 2nd user")."""
    low = value.lower()
    return (is_user_name(value) and low not in _NOT_A_LOGIN
            and _ORDINAL.fullmatch(value) is None and _SERVICE_ACCOUNT.match(low) is None)


#: an account named by a given name's initial or two and a surname ("jsmith", "mthompson"),
#: how companies make their users' names (the surname checked against the name lists)
_INITIALS_AND_SURNAME = re.compile(r"[a-z]{5,22}")


def is_named_account(value: str) -> bool:
    """A login user (:func:`is_login_user`) shaped like an account (a digit, "_" or "." inside)
    or made of initials and a known surname ("mthompson"): after "the password for", a word
    alone is as often a service ("the password for gmail", "for the vpn")."""
    if not is_login_user(value):
        return False
    if any(c.isdigit() or c in "._" for c in value):
        return True
    if _INITIALS_AND_SURNAME.fullmatch(value) is None:
        return False
    from veil.detect.names import last_names

    surnames = last_names()
    return value[1:] in surnames or value[2:] in surnames


#: what a help-desk message asks for one user: "reset the password for mthompson", "unlock
#: the account of jdoe_84", "disable login for j.smith" (not a "profile of": a code's
#: profile is "of Veil.protect")
_FOR_A_USER = (r"(?i:password|passwd|pw|account|login|access|mailbox|credentials|mfa|2fa)"
               r"[ \t]+(?i:for|of)[ \t]+(?:(?i:user|the[ \t]+user)[ \t]+)?[\"'`]?")

#: "reset the password for mthompson", "unlock the account of jdoe_84"
ACCOUNT_FOR = PatternRecognizer(
    name="account_for", entity="USERNAME",
    patterns=[Pattern(rf"{_FOR_A_USER}(?P<v>{_USER}){_END}", 0.8,
                      mark=r"password|passwd|pw|account|login|access|mailbox|credentials|"
                           r"mfa|2fa",
                      fold=True, lead=0),
              # "user: jsmith", "login - mthompson": a user label's value made as companies
              # make accounts ("User: Summarize this" of a chat transcript is none)
              Pattern(rf"(?<![\w.$-])(?i:user(?:[ _-]?name)?|log[ -]?[io]n)[\"']?[ \t]*[:=-][ \t]*"
                      rf"[\"']?(?P<v>{_USER}){_END}", 0.8, mark=r"user|log[ -]?[io]n",
                      fold=True, lead=0)],
    validate=is_named_account,
)

LOGIN_USER = PatternRecognizer(
    name="login_user", entity="USERNAME",
    patterns=[
        # "sign in as jsmith with P@ssw0rd!", "log in as jsmith / Tr0ub4dor&3": the user
        # before a password
        Pattern(rf"(?i:\b(?:{_LOGIN_VERBS})\b)[ \t]+(?i:as)[ \t]+[\"']?(?P<v>{_VALUE}){_END}"
                rf"(?={_TO_PASSWORD}{_PASSWORD})", 0.8, mark=_LOGIN_MARK, fold=True, lead=0),
        # "logged in as j.smith", "sign in as jdoe_84": a user shaped like an account
        Pattern(rf"(?i:\b(?:{_LOGIN_VERBS})\b)[ \t]+(?i:as)[ \t]+[\"']?{_ACCOUNT_SHAPED}"
                rf"(?P<v>{_LONGER_VALUE}){_END}", 0.8, mark=_LOGIN_MARK, fold=True, lead=0),
        # "user jsmith pw hunter2", "my login is jsmith and the pass is Spring#2025", "creds
        # are jsmith / Tr0ub4dor&3", "login jsmith:Winter2024!": a user before its password
        Pattern(rf"(?i:\b(?:{_USER_LABELS})\b)[\"']?[ \t]*(?:[:=][ \t]*|(?i:is|are)[ \t]+)?"
                rf"[\"']?(?P<v>{_VALUE}){_END}(?={_TO_SECRET_WORD}{_PASSWORD})", 0.8,
                mark=_LOGIN_MARK, fold=True, lead=0),
        # "use jsmith:Winter2024!", "try jdoe:Passw0rd!": a user glued to a strong password
        Pattern(rf"(?i:\b(?:use|try)\b)[ \t]+[\"'`]?(?P<v>{_USER}):(?={_STRONG})", 0.8,
                mark=_LOGIN_MARK, fold=True, lead=0),
        # "su - jsmith", "sudo su jsmith", "sudo -iu jsmith", "su j.smith" (Spanish "su casa"
        # is prose: after a bare "su" only an account's shape)
        Pattern(rf"(?<![\w-])(?:su[ \t]+(?:-l?[ \t]+|--login[ \t]+)|sudo[ \t]+su[ \t]+"
                rf"(?:-l?[ \t]+)?|sudo[ \t]+(?:-[A-Za-z]+[ \t]+){{0,3}}-[A-Za-z]*u[ \t]*|"
                rf"sudo[ \t]+--user[= \t][ \t]*|su[ \t]+{_ACCOUNT_SHAPED})(?P<v>{_USER}){_END}",
                0.8, mark=_LOGIN_MARK, fold=True, lead=0),
        # "ssh jsmith@prod-db-01", "scp a.txt jdoe@host:/tmp", "ssh -p 2222 jsmith@10.0.0.5"
        Pattern(r"(?i:\b(?:ssh|scp|sftp|rsync|telnet)\b)[^\n@]{0,80}?(?<![\w.+@-])"
                rf"(?P<v>{_USER})@(?=[A-Za-z0-9\[])", 0.8, mark=_LOGIN_MARK, fold=True,
                lead=0),
        # "runas /user:CORP\jsmith", "net use Z: \\srv\share /user:jsmith": Windows' option
        Pattern(rf"(?<!\S)(?i:/user:)(?:[A-Za-z0-9.-]{{1,64}}\\)?(?P<v>{_USER}){_END}", 0.8,
                mark=_LOGIN_MARK, fold=True, lead=0),
        # a Windows domain's account, "CONTOSO\rachebe", "NORTHWIND\pvenkataraman" (a NetBIOS
        # name in capitals; not a registry hive's "HKLM\Software", "NT AUTHORITY\SYSTEM")
        Pattern(rf"(?<![\w\\])(?!HK(?:LM|CU|CR|U|CC)\\)[A-Z][A-Z0-9-]{{1,14}}\\"
                rf"(?=[^\s\\]*[a-z])(?P<v>{_USER}){_END}(?!\\)", 0.85, at="\\", lead=16,
                spaced=False),
        # "mysql -u jsmith -pWinter2024!": the user before a password option
        Pattern(rf"(?<!\S)-u[ \t]*(?P<v>{_USER}){_END}(?=[ \t]+(?:-p|--password))", 0.8,
                mark=_LOGIN_MARK, fold=True, lead=0),
        # "u: jsmith p: Winter2024!": the short labels, only as a pair
        Pattern(rf"(?<![\w/-])(?i:u)[ \t]?[:=][ \t]*(?P<v>{_VALUE}){_END}"
                r"(?=[ \t]*(?:[,;/|][ \t]*)?(?i:p)[ \t]?[:=])", 0.8, mark=_LOGIN_MARK, fold=True,
                lead=0),
        # "user=jsmith" (a log line's field), '"user": "jsmith"' (JSON): a user's label glued
        # to its value ("user: Summarize this" of a chat transcript is read by ACCOUNT_FOR)
        Pattern(rf"(?<![\w.$-])(?i:user(?:[ _-]?name)?|log[ -]?[io]n)(?:=|[\"'][ \t]*:[ \t]*[\"'])"
                rf"(?P<v>{_USER}){_END}", 0.8, mark=_LOGIN_MARK, fold=True, lead=0),
        # the Linux audit log's account ('op=login acct="mnakashima" exe="/usr/sbin/sshd"')
        Pattern(rf"(?<![\w.$-])acct=\"(?P<v>{_USER})\"", 0.8, at="acct=", lead=0),
        # a service's user in its environment ("POSTGRES_USER: hbeaumont", "DB_USER=jdoe_84"),
        # as docker-compose files and .env files set it
        Pattern(rf"(?<![\w.$-])[A-Za-z][A-Za-z0-9]*_(?i:user(?:[_-]?name)?|login)[\"']?[ \t]*"
                rf"[:=][ \t]*[\"']?(?P<v>{_USER}){_END}", 0.8, mark=r"_user|_login", fold=True,
                lead=24, spaced=False),
        # "/home/jsmith/app/main.py", "C:\\Users\\jane.doe\\AppData": a home folder's name, in
        # the paths of every pasted stack trace and shell prompt
        Pattern(rf"(?i:/home/|/users/|\\users\\)(?P<v>{_USER}){_END}", 0.8,
                mark=_LOGIN_MARK, fold=True, lead=0),
        # sshd's and PAM's log lines: "Failed password for invalid user mbrannigan from ...",
        # "Accepted publickey for olatunde from ...", "session opened for user jdoe(uid=...",
        # "Connection closed by authenticating user jdoe 203.0.113.9 port 22"
        # (each tried where its words are, found with every other mark's strings)
        Pattern(rf"(?<![\w/-])(?i:{_SSH_METHODS})[ \t]+(?i:for)[ \t]+"
                rf"(?:(?i:invalid|illegal)[ \t]+(?i:user)[ \t]+)?(?P<v>{_USER}){_END}"
                r"(?=[ \t]+(?i:from)[ \t])", 0.85, mark=rf"(?:{_SSH_METHODS})[ \t]for[ \t]",
                fold=True, lead=0),
        Pattern(rf"(?<![\w-])(?i:{_SSH_USER})[ \t]+(?P<v>{_USER}){_END}"
                r"(?=[ \t]+(?i:from|port|by)[ \t]|[ \t]+\d|\(uid=|[ \t]*(?:\r?\n|$))", 0.85,
                mark=(r"(?:invalid|illegal|authenticating)[ \t]user|"
                      r"(?:opened|closed)[ \t]for[ \t]user"), fold=True, lead=0),
        # a web server's access log (the common and combined formats): the user between the
        # client and the time, '192.0.2.44 - tmercer [12/Mar/2024:10:22:01 +0000] "GET ...'
        Pattern(rf"(?<!\S)\S{{1,64}}[ \t]+\S{{1,64}}[ \t]+(?P<v>{_USER})[ \t]+\[\d{{1,2}}/"
                r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/\d{4}:\d", 0.85,
                mark=r"/(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/\d{4}:", fold=True,
                words=3),
        # "jsmith@10.0.0.5": a user at an IPv4 address (no e-mail address is written so)
        # (not a connection string's password: "//scott:tiger@192.168.0.1")
        Pattern(r"(?<![\w.+@:/-])(?P<v>[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?)"
                r"@(?=(?:\d{1,3}\.){3}\d{1,3}(?![\w.]*\d))", 0.8, at="@", lead=64,
                spaced=False),
        # OpenVPN's client, its name before its real address ("tkowalczyk/10.8.0.14:41522
        # SIGTERM", a status file's "CLIENT_LIST,jdoe/203.0.113.9:1194"): a path's part
        # is no user ("/srv/data/10.0.0.1:80" has a slash before it)
        Pattern(r"(?<![\w.+@:/\\-])(?P<v>[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?)"
                r"/(?=(?:\d{1,3}\.){3}\d{1,3}:\d{1,5}(?![\w.]))", 0.8,
                mark=r"/\d{1,3}\.\d", lead=64, spaced=False),
        # a PostgreSQL password file's line ("~/.pgpass": host:port:database:user:password;
        # "*" for any host, port or database), indented or not
        Pattern(rf"(?<!\S){_PGPASS_HEAD}(?P<v>{_USER}):{_PGPASS_SECRET}[ \t]*(?=\r?\n|$)", 0.8,
                mark=_PGPASS_MARK, lead=254, spaced=False),
    ],
    validate=is_login_user,
)

LOGIN_SECRET = PatternRecognizer(
    name="login_secret", entity="SECRET",
    patterns=[
        # "sign in as jsmith with P@ssw0rd!": the password after the user of "as"
        Pattern(rf"(?i:\b(?:{_LOGIN_VERBS})\b)[ \t]+(?i:as)[ \t]+[\"']?{_VALUE}{_END}"
                rf"{_TO_PASSWORD}(?P<v>{_PASSWORD})", 0.85, mark=_LOGIN_MARK, fold=True,
                lead=0),
        # "creds are jsmith / Tr0ub4dor&3", "my login is jsmith and the pass is Spring#2025"
        Pattern(rf"(?i:\b(?:{_USER_LABELS})\b)[\"']?[ \t]*(?:[:=][ \t]*|(?i:is|are)[ \t]+)?"
                rf"[\"']?{_VALUE}{_END}{_TO_SECRET_WORD}(?P<v>{_PASSWORD})", 0.85,
                mark=_LOGIN_MARK, fold=True, lead=0),
        # "use jsmith:Winter2024!"
        Pattern(rf"(?i:\b(?:use|try)\b)[ \t]+[\"'`]?{_USER}:(?P<v>{_STRONG})", 0.85,
                mark=_LOGIN_MARK, fold=True, lead=0),
        # "net use Z: \\srv\share /user:jsmith Winter2024!"
        Pattern(r"(?<!\S)(?i:/user:)[^\s\"']{1,128}[ \t]+(?![/\"'])(?P<v>"
                rf"{_PASSWORD})", 0.85, mark=_LOGIN_MARK, fold=True, lead=0),
        # a container registry's login and redis-cli's password option, their value after a
        # space ("docker login -u jfrog-ci -p <token>", "redis-cli -h 10.0.0.5 -a <password>";
        # a bare "mysql -p" asks for it and names the database after it)
        Pattern(r"(?i:\b(?:(?:docker|podman|nerdctl|buildah|registry)[ \t]+login|redis-cli)\b)"
                r"[^\n|;&]{0,120}?(?<!\S)(?:-p|--password|-a|--pass)"
                r"[ \t=]+(?![-\"'$<])(?P<v>[^\s\"']{6,128})(?!\S)", 0.85,
                mark=r"(?:docker|podman|nerdctl|buildah|registry)[ \t]+login|redis-cli",
                fold=True, lead=0),
        # "mysql -u jsmith -pWinter2024!", and quoted as a shell needs it: -p'Gr4nite!Peak'
        Pattern(r"(?<!\S)-u[ \t]*[^\s-]\S{0,63}[ \t]+-p(?P<v>[^\s\"']{3,128})(?!\S)", 0.85,
                mark=_LOGIN_MARK, fold=True, lead=0),
        Pattern(r"(?<!\S)-u[ \t]*[^\s-]\S{0,63}[ \t]+-p'(?P<v>[^'\n]{3,128})'(?!\S)", 0.85,
                mark=_LOGIN_MARK, fold=True, lead=0),
        Pattern(r"(?<!\S)-u[ \t]*[^\s-]\S{0,63}[ \t]+-p\"(?P<v>[^\"\n]{3,128})\"(?!\S)", 0.85,
                mark=_LOGIN_MARK, fold=True, lead=0),
        # "reset her password to \"Winter2024!Dublin\"", "changed my pw to hunter2!": the new
        # password after "to" (a digit or a symbol in it: "set your password to expire" is prose)
        Pattern(rf"(?i:\b(?:{_SECRET_WORDS})\b)[ \t]+(?:(?i:has[ \t]+been|was|is|now)[ \t]+)?"
                r"(?:(?i:changed|set|reset|updated)[ \t]+)?(?i:to)[ \t]+[\"'“]?"
                rf"(?P<v>(?=[^\s\"',;”]*[A-Za-z]){_PASSWORD})", 0.85,
                mark=_SECRET_WORDS, fold=True, lead=0),
        # "u: jsmith p: Winter2024!"
        Pattern(rf"(?<![\w/-])(?i:u)[ \t]?[:=][ \t]*{_VALUE}{_END}[ \t]*(?:[,;/|][ \t]*)?"
                r"(?i:p)[ \t]?[:=][ \t]*(?P<v>[^\s\"',;]{4,})", 0.85, mark=_LOGIN_MARK,
                fold=True, lead=0),
        # a PostgreSQL password file's line: the password, its last field
        Pattern(rf"(?<!\S){_PGPASS_HEAD}{_USER}:(?P<v>{_PGPASS_SECRET})[ \t]*(?=\r?\n|$)",
                0.85, mark=_PGPASS_MARK, lead=254, spaced=False),
    ],
    validated=True,  # the words around it and its shape are the validation
)
