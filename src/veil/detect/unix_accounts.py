"""A person's values in Unix account files, ``/etc/passwd`` and ``/etc/shadow`` lines as a
sysadmin pastes them (``grep``'s file prefix kept):

    /etc/passwd:dkowalewska:x:1004:1004:Dorota Kowalewska,Room 4.12,+48 22 555 0177,:/home/...
    /etc/shadow:dkowalewska:$6$Xq8rT2vB$kP9zL1mN3o...:19876:0:99999:7:::

A line is seven colon-separated fields with numeric ids (passwd(5)) or nine with numeric
ageing fields (shadow(5)), so its fields say what each value is: the login name, the GECOS
field's full name and phones, the password's hash. A hash in ``crypt(3)``'s ``$id$salt$hash``
format (MD5 ``$1$``, SHA-256/512 ``$5$`` ``$6$``, bcrypt ``$2b$``, yescrypt ``$y$``, scrypt
``$7$``, Argon2) is a secret wherever it stands: it can be cracked offline. System accounts
(ids below 1000 in passwd, the accounts every system has in shadow) stay.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer
from veil.detect.usernames import is_login_user

_SCORE = 0.95
#: ``grep``'s file name before a line (``/etc/passwd:``), which holds a "/"
_FILE = r"(?:[\w.-]*/[\w./-]*:)?"
_USER = r"(?P<user>[a-z_][a-z0-9_.-]{0,31}\$?)"
_PASSWD = re.compile(rf"(?m)^[ \t]*{_FILE}{_USER}:[^:\r\n]*:(?P<uid>\d{{1,10}}):\d{{1,10}}:"
                     r"(?P<gecos>[^:\r\n]*):[^:\r\n]*:[^:\r\n]*[ \t]*$")
_SHADOW = re.compile(rf"(?m)^[ \t]*{_FILE}{_USER}:(?P<hash>[^:\s]*)(?::\d*){{6}}:[^:\r\n]*"
                     r"[ \t]*$")
#: a crypt(3) hash: its scheme's id, then its parameters, salt and hash
_CRYPT = re.compile(r"(?<![\w$])\$(?:1|2[abxy]?|5|6|7|y|gy|sha1|md5|argon2(?:id|i|d))\$"
                    r"[A-Za-z0-9./=/,$+-]{8,}")
#: the first user id of people's accounts (login.defs' UID_MIN); 65534 is "nobody"
_UID_MIN = 1000
_NOBODY = 65534


class UnixAccountsRecognizer(Recognizer):
    """Login names, GECOS names and password hashes of passwd and shadow lines."""

    name = "unix_accounts"
    entities = ("USERNAME", "PERSON", "PHONE", "SECRET")
    validated = True  # the line's layout says what each field is

    def idle(self, text: str) -> bool:
        # (one character's search first: a passwd line's paths hold a "/")
        return "$" not in text and ("/" not in text or (":x:" not in text and ":*:" not in text))

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        if ":x:" in text or ":*:" in text:  # passwd's password field is "x" (or "*")
            for m in _PASSWD.finditer(text):
                self._passwd(text, m, out)
        if "$" in text:
            out += [self._found("SECRET", text, *m.span()) for m in _CRYPT.finditer(text)]
            for m in _SHADOW.finditer(text):
                if m.group("hash").startswith("$") and is_login_user(m.group("user")):
                    out.append(self._found("USERNAME", text, *m.span("user")))
        return self._elsewhere(text, out)

    def _elsewhere(self, text: str, out: list[Detection]) -> list[Detection]:
        """The login names found again elsewhere in the text: the command that pasted the
        lines names them too (``grep -E 'dkowalewska|tobiasf' /etc/passwd``)."""
        users = {d.text for d in out if d.type == "USERNAME"}
        if not users:
            return out
        taken = {(d.start, d.end) for d in out}
        alternatives = "|".join(map(re.escape, sorted(users, key=len, reverse=True)))
        for m in re.finditer(rf"(?<![\w.$-])(?:{alternatives})(?![\w$-])", text):
            if m.span() not in taken:
                out.append(self._found("USERNAME", text, *m.span()))
        return out

    def _passwd(self, text: str, m: re.Match[str], out: list[Detection]) -> None:
        uid = int(m.group("uid"))
        if uid < _UID_MIN or uid == _NOBODY:
            return  # a system account's: "daemon", "System Message Bus"
        if is_login_user(m.group("user")):
            out.append(self._found("USERNAME", text, *m.span("user")))
        start = m.start("gecos")
        for n, part in enumerate(m.group("gecos").split(",")):
            s = start + len(part) - len(part.lstrip())
            e = start + len(part.rstrip())
            start += len(part) + 1
            if e <= s:
                continue
            if n == 0 and any(c.isalpha() for c in text[s:e]):
                out.append(self._found("PERSON", text, s, e))
            elif n in (2, 3) and sum(c.isdigit() for c in text[s:e]) >= 6:  # work, home phone
                out.append(self._found("PHONE", text, s, e))

    def _found(self, kind: str, text: str, s: int, e: int) -> Detection:
        return Detection(kind, s, e, _SCORE, self.name, text[s:e])


UNIX_ACCOUNTS = UnixAccountsRecognizer()
