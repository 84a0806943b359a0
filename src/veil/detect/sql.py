"""The values of SQL statements, typed by their columns' names.

A prompt that pastes SQL carries its values without the words prose would put around them:
``INSERT INTO patients (first_name, last_name, dob) VALUES ('Gregory', 'House', '1959-06-11')``
gives the name models nothing to read. ``INSERT ... (columns) VALUES (...), (...)`` (or
``SELECT ...``, MySQL's ``SET ...`` and ``ON DUPLICATE KEY UPDATE``), ``UPDATE ... SET column =
...`` and the ``WHERE`` of ``UPDATE`` and ``DELETE`` are read token by token; each string
literal goes to its column, whose name says its type (``veil.detect.field_names``). An
``INSERT`` without columns takes them from the table's ``CREATE TABLE`` in the same text. A row
that does not line up with its columns, an unknown column, ``NULL``, numbers, a quoted
template parameter and prose ("insert into the report the values") give nothing.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.field_names import FIELD_TYPES, field_type, typed
from veil.detect.patterns import context_heads_of, folded
from veil.detect.recognizer import ContextMatcher, Recognizer
from veil.detect.records import marks_at

_SCORE = 0.95
#: an account number that may be an IBAN: below the IBAN recognizer's score, which types it
_ACCOUNT_SCORE = 0.9

#: the keywords, found in the lower-cased text
_SQL_MARKS = ("insert", "update", "delete", "replace")
#: their first pieces join every context word's in one automaton over the lower-cased text,
#: which the engine runs once per text for all recognizers: a text without any of them is
#: known idle at the cost of a set's lookup (eight ``str.find`` of a ~1 KB text cost ~4 us)
_SQL_KEYWORDS = ContextMatcher(_SQL_MARKS)
_SQL_INSERT = re.compile(r"(?i)(?<![\w$])(?:insert|replace)(?:[ \t\r\n]+(?:ignore|low_priority|"
                         r"delayed|high_priority|or[ \t\r\n]+[a-z]+))?[ \t\r\n]+into\b")
_SQL_UPDATE = re.compile(r"(?i)(?<![\w$])update\b")
#: what follows UPDATE in a statement: [modifiers] [table [[AS] alias]] SET ("update my
#: address to ..." in prose is none, found with one match)
_SQL_UPDATE_SET = re.compile(r"(?i)[ \t\r\n]+(?:(?:low_priority|ignore|only)[ \t\r\n]+)*"
                             r"(?:[^\s;]+[ \t\r\n]+(?:(?:as[ \t\r\n]+)?[^\s;]+[ \t\r\n]+)?)?"
                             r"set\b")
_SQL_DELETE = re.compile(r"(?i)(?<![\w$])delete[ \t\r\n]+from\b")
#: ``ON DUPLICATE KEY UPDATE col = ...`` (MySQL): the assignments follow the keyword
_SQL_KEY_BEFORE = re.compile(r"(?i)\bkey[ \t\r\n]*\Z")
_SQL_CREATE = re.compile(r"(?i)(?<![\w$])create[ \t\r\n]+(?:or[ \t\r\n]+replace[ \t\r\n]+)?"
                         r"(?:(?:global|local)[ \t\r\n]+)?(?:(?:temporary|temp|unlogged)"
                         r"[ \t\r\n]+)?table[ \t\r\n]+(?:if[ \t\r\n]+not[ \t\r\n]+exists\b)?")
_SQL_CREATE_MARKS = ("CREATE", "create", "Create")
#: blanks and comments before a token
_SQL_SPACE = r"(?:\s|--[^\r\n]*|/\*[^*]*\*+(?:[^/*][^*]*\*+)*/)*"


def _sql_tokens(backslash: bool) -> re.Pattern[str]:
    """One token after blanks and comments, by kind: ``s`` a string literal (quotes
    included), ``d`` a double-quoted one (an identifier, or MySQL's string), ``b`` and ``k``
    a backticked and a bracketed identifier, ``w`` a word, ``n`` a number, ``p`` one of
    ``(),;.=``, ``o`` an operator. ``backslash``: ``\\'`` escapes a quote (MySQL's dumps),
    else only ``''`` does (standard SQL, where ``'C:\\'`` ends at its quote)."""
    esc = r"\\[\s\S]" if backslash else "(?!)"
    stop = "\\\\" if backslash else ""
    single = rf"'[^'{stop}]*(?:(?:''|{esc})[^'{stop}]*)*'"
    double = rf'"[^"{stop}]*(?:(?:""|{esc})[^"{stop}]*)*"'
    return re.compile(
        rf"{_SQL_SPACE}(?:(?P<s>{single})|(?P<d>{double})|(?P<b>`[^`]+`)"
        r"|(?P<k>\[[^\]\r\n]+\])|(?P<w>[^\W\d][\w$]*)|(?P<n>\d[\w.]*)|(?P<p>[(),;.=])"
        r"|(?P<o>[^\s\w'\"`\[(),;.=]+))")


_SQL_TOKENS = (_sql_tokens(False), _sql_tokens(True))
#: words that end an assignment's or a select list's value (at its top level)
_SQL_CLAUSES = frozenset({"where", "from", "returning", "output", "order", "limit", "union",
                          "on", "when", "values", "select", "insert", "update", "delete",
                          "group", "having", "into"})
#: the most tokens one value is read over (a value of a statement is short; prose is not)
_SQL_VALUE_TOKENS = 64
#: items of a CREATE TABLE that define no column
_SQL_CONSTRAINTS = frozenset({"primary", "foreign", "unique", "constraint", "key", "index",
                              "check", "fulltext", "spatial", "exclude", "like", "period"})

class _Sql:
    """A reader of SQL tokens over a text from a position (:func:`_sql_tokens`)."""

    __slots__ = ("pos", "rx", "text")

    def __init__(self, text: str, pos: int, *, backslash: bool) -> None:
        self.text = text
        self.pos = pos
        self.rx = _SQL_TOKENS[backslash]

    def next(self) -> tuple[str, int, int] | None:
        m = self.rx.match(self.text, self.pos)
        if m is None or m.lastgroup is None:
            return None
        self.pos = m.end()
        return m.lastgroup, m.start(m.lastgroup), m.end()

    def is_(self, token: tuple[str, int, int] | None, char: str) -> bool:
        return token is not None and token[0] == "p" and self.text[token[1]] == char

    def word(self, token: tuple[str, int, int] | None) -> str:
        """A word token in lower case ("" for any other)."""
        return self.text[token[1]:token[2]].lower() if token and token[0] == "w" else ""

    def identifier(self, token: tuple[str, int, int] | None) -> str | None:
        """A (quoted) identifier's name, or None."""
        if token is None or token[0] not in "wdbk":
            return None
        kind, s, e = token
        return self.text[s:e] if kind == "w" else self.text[s + 1:e - 1]

    def qualified(self) -> str | None:
        """A name, with its schema's and table's before it (``"public"."users"``): the last
        part."""
        name = self.identifier(self.next())
        while name is not None:
            at = self.pos
            if not self.is_(self.next(), "."):
                self.pos = at
                break
            name = self.identifier(self.next())
        return name

    def value(self, *, listed: bool, stops: frozenset[str] = _SQL_CLAUSES,
              ) -> tuple[tuple[int, int] | None, str]:
        """Read one value up to the ``,`` after it (or what ends its list): the span of its
        first string literal's inside (``'Quince'``, ``N'Quince'``, ``'1959-06-11'::date``,
        ``TO_DATE('1959-06-11', ...)``) or None, and what ended it: "," or ")" (``listed``:
        a tuple's), "clause" (a clause's word, read again by the caller), ";" or "" (the
        text's end, a token it could not read, a value too long to be one)."""
        first: tuple[int, int] | None = None
        depth = 0
        for _ in range(_SQL_VALUE_TOKENS):
            at = self.pos
            token = self.next()
            if token is None:
                return first, ""
            kind, s, e = token
            if kind in "sd":
                if first is None:
                    first = (s + 1, e - 1)
            elif kind == "p":
                c = self.text[s]
                if c == "(":
                    depth += 1
                elif c == ")":
                    if depth == 0:
                        if listed:
                            return first, ")"
                        self.pos = at
                        return first, "clause"
                    depth -= 1
                elif c == "," and depth == 0:
                    return first, ","
                elif c == ";":
                    return first, ";"
            elif kind == "w" and depth == 0 and not listed and \
                    self.text[s:e].lower() in stops:
                self.pos = at
                return first, "clause"
        return first, ""


class _Statement:
    """What one statement holds: (column, table, span of a literal's inside) of its values,
    how many of its rows or values could not be read (a quote escaped otherwise, a row that
    does not line up with its columns), and where its last value read ends."""

    __slots__ = ("bad", "end", "values")

    def __init__(self, end: int) -> None:
        self.values: list[tuple[str, str, tuple[int, int]]] = []
        self.bad = 0
        self.end = end


def _insert(sql: _Sql, out: _Statement) -> None:
    """``INSERT INTO <table> [(<columns>)] VALUES (...), (...)`` (or ``SELECT ...``, or
    MySQL's ``SET <column> = ...``), read from after ``INTO``."""
    table = sql.qualified()
    if table is None:
        return
    token = sql.next()
    if sql.word(token) == "as":  # PostgreSQL's alias
        sql.next()
        token = sql.next()
    columns: list[str] | None = None
    if sql.is_(token, "("):
        columns = []
        while True:
            name = sql.identifier(sql.next())
            if name is None:
                return  # INSERT INTO t (SELECT ...), or prose in brackets
            columns.append(name)
            token = sql.next()
            if sql.is_(token, ")"):
                break
            if not sql.is_(token, ","):
                return
        token = sql.next()
    word = sql.word(token)
    if word in ("values", "value"):
        if columns is None:  # the columns in the order the table's CREATE TABLE gives them
            columns = _created_columns(sql.text, table, backslash=sql.rx is _SQL_TOKENS[1])
        if columns:
            _rows(sql, columns, table, out)
    elif word == "select" and columns:
        _selected(sql, columns, table, out)
    elif word == "set" and columns is None:
        _assignments(sql, table, out)


def _rows(sql: _Sql, columns: list[str], table: str, out: _Statement) -> None:
    """``(...), (...)``: each row's literals by their columns."""
    while sql.is_(sql.next(), "("):
        row: list[tuple[int, int] | None] = []
        end = ","
        while end == ",":
            span, end = sql.value(listed=True)
            row.append(span)
        if end != ")" or len(row) != len(columns):
            out.bad += 1
            return
        out.values.extend((c, table, s) for c, s in zip(columns, row, strict=True) if s)
        out.end = at = sql.pos
        if not sql.is_(sql.next(), ","):
            sql.pos = at
            return


def _selected(sql: _Sql, columns: list[str], table: str, out: _Statement) -> None:
    """``SELECT 'a', 'b' [FROM ...] [UNION [ALL] SELECT ...]``: each list's literals by the
    columns."""
    while True:
        row: list[tuple[int, int] | None] = []
        end = ","
        while end == ",":
            span, end = sql.value(listed=False)
            row.append(span)
        if len(row) != len(columns):
            out.bad += 1
            return
        out.values.extend((c, table, s) for c, s in zip(columns, row, strict=True) if s)
        out.end = sql.pos
        if end != "clause" or sql.word(sql.next()) != "union":
            return
        token = sql.next()
        if sql.word(token) == "all":
            token = sql.next()
        if sql.word(token) != "select":
            return


def _assignments(sql: _Sql, table: str, out: _Statement) -> None:
    """``<column> = <value>, ...`` (and the ``WHERE`` after them)."""
    while True:
        at = sql.pos
        column = sql.identifier(sql.next())
        token = sql.next()
        while column is not None and sql.is_(token, "."):  # t.column
            column = sql.identifier(sql.next())
            token = sql.next()
        if column is None or not sql.is_(token, "="):
            sql.pos = at
            return
        span, end = sql.value(listed=False)
        if span is not None:
            out.values.append((column, table, span))
        out.end = sql.pos
        if end == ",":
            continue
        if end == "" and sql.text[sql.pos:].strip():
            out.bad += 1  # (a quote escaped otherwise, or prose after the statement)
        elif end == "clause" and sql.word(sql.next()) == "where":
            _conditions(sql, table, out)
        return


#: what ends a condition's value
_SQL_CONDITION_ENDS = _SQL_CLAUSES | {"and", "or"}


def _conditions(sql: _Sql, table: str, out: _Statement) -> None:
    """``WHERE <column> <operator> <value> [AND|OR ...]``: the literal compared with a
    column (``last_name = 'House'``, ``email LIKE '...'``, ``city IN ('a', 'b')``)."""
    for _ in range(_SQL_VALUE_TOKENS):
        token = sql.next()
        while sql.is_(token, "(") or sql.word(token) == "not":
            token = sql.next()
        column = sql.identifier(token)
        token = sql.next()
        while column is not None and sql.is_(token, "."):
            column = sql.identifier(sql.next())
            token = sql.next()
        if column is None or token is None:
            return
        operator = sql.word(token)
        if operator == "in":
            if not sql.is_(sql.next(), "("):
                return
            end = ","
            while end == ",":
                span, end = sql.value(listed=True)
                if span is not None:
                    out.values.append((column, table, span))
            if end != ")":
                return
            span, end = sql.value(listed=False, stops=_SQL_CONDITION_ENDS)
        elif operator in ("like", "ilike") or token[0] == "o" or sql.is_(token, "="):
            span, end = sql.value(listed=False, stops=_SQL_CONDITION_ENDS)
            if span is not None:
                out.values.append((column, table, span))
        else:
            return
        out.end = sql.pos
        if end != "clause" or sql.word(sql.next()) not in ("and", "or"):
            return


def _update(sql: _Sql, out: _Statement, *, key: bool) -> None:
    """``UPDATE <table> [alias] SET ...``, read from after ``UPDATE``; ``key``: MySQL's
    ``ON DUPLICATE KEY UPDATE <column> = ...``."""
    if key:
        _assignments(sql, "", out)
        return
    at = sql.pos
    word = sql.word(sql.next())
    while word in ("low_priority", "ignore", "only"):
        at = sql.pos
        word = sql.word(sql.next())
    if word == "set":  # PostgreSQL's ON CONFLICT ... DO UPDATE SET
        _assignments(sql, "", out)
        return
    sql.pos = at
    table = sql.qualified()
    token = sql.next()
    if sql.word(token) == "as":
        sql.next()
        token = sql.next()
    elif sql.word(token) != "set" and sql.identifier(token) is not None:  # an alias
        token = sql.next()
    if table is not None and sql.word(token) == "set":
        _assignments(sql, table, out)


def _delete(sql: _Sql, out: _Statement) -> None:
    """``DELETE FROM <table> [alias] WHERE ...``, read from after ``FROM``."""
    table = sql.qualified()
    token = sql.next()
    if sql.word(token) == "as":
        sql.next()
        token = sql.next()
    elif sql.word(token) != "where" and sql.identifier(token) is not None:
        token = sql.next()
    if table is not None and sql.word(token) == "where":
        _conditions(sql, table, out)


def _created_columns(text: str, table: str, *, backslash: bool) -> list[str] | None:
    """The columns of ``table`` in order, from its ``CREATE TABLE`` in ``text`` (the columns
    of an ``INSERT`` that lists none), or None."""
    for i in marks_at(text, _SQL_CREATE_MARKS):
        m = _SQL_CREATE.match(text, i)
        if m is None:
            continue
        sql = _Sql(text, m.end(), backslash=backslash)
        name = sql.qualified()
        if name is None or name.lower() != table.lower() or not sql.is_(sql.next(), "("):
            continue
        columns: list[str] = []
        depth = 0
        first = True  # the next token starts a column's definition
        while True:
            token = sql.next()
            if token is None:
                break
            if first:
                first = False
                name = sql.identifier(token)
                if name is None:
                    break
                if sql.word(token) not in _SQL_CONSTRAINTS:
                    columns.append(name)
            elif sql.is_(token, "("):
                depth += 1
            elif sql.is_(token, ")"):
                if depth == 0:
                    return columns
                depth -= 1
            elif sql.is_(token, ",") and depth == 0:
                first = True
            elif sql.is_(token, ";"):
                break
    return None


class SqlRecognizer(Recognizer):
    """The values of SQL statements, typed by their columns' names: ``INSERT INTO <table>
    (<columns>) VALUES (...), (...)`` (or ``SELECT ...``), ``UPDATE <table> SET <column> =
    ...`` and its ``WHERE <column> = ...``, ``DELETE FROM ... WHERE``, MySQL's ``INSERT ...
    SET`` and ``ON DUPLICATE KEY UPDATE``. An ``INSERT`` without columns takes them from
    the table's ``CREATE TABLE`` in the same text, or reads nothing."""

    name = "sql_values"
    entities = FIELD_TYPES
    validated = True  # the column's name says what the value is

    def idle(self, text: str) -> bool:
        if "'" not in text and '"' not in text:  # no literal (one character: memchr)
            return True
        lowered = folded(text)  # (shared by the recognizers of one text, as its heads)
        if lowered is None:  # lower case changes its length ("İ")
            lowered = text.lower()
            return not any(mark in lowered for mark in _SQL_MARKS)
        return _SQL_KEYWORDS.absent(context_heads_of(lowered))

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        types: dict[tuple[str, str], str | None] = {}
        pos = 0
        marks: tuple[str, ...] = _SQL_MARKS
        lowered = folded(text)
        if lowered is None:  # ("İ": the keywords are found as written in lower case)
            lowered = text
        else:  # only the keywords the text holds are looked for (most texts: one)
            heads = context_heads_of(lowered)
            marks = tuple(mark for mark in _SQL_MARKS if mark in heads)
        for i in marks_at(lowered, marks):
            if i < pos:
                continue
            best = self._statement(text, i, backslash=False)
            if best is None:
                continue
            if best.bad or "\\" in text[i:best.end]:
                # MySQL escapes a quote with a backslash, standard SQL does not ('C:\'): the
                # statement is read the other way too, and the way that reads it whole kept
                other = self._statement(text, i, backslash=True)
                if other is not None and (other.bad, -len(other.values)) < \
                        (best.bad, -len(best.values)):
                    best = other
            for column, table, (s, e) in best.values:
                kind = types.get((column, table), "")
                if kind == "":
                    kind = types[(column, table)] = field_type(column, table)
                value = typed(text, s, e, kind)
                if value is not None:
                    found, s, e = value
                    score = _ACCOUNT_SCORE if found == "ACCOUNT_NUMBER" else _SCORE
                    out.append(Detection(found, s, e, score, self.name, text[s:e]))
            pos = max(pos, best.end)
        return out

    @staticmethod
    def _statement(text: str, i: int, *, backslash: bool) -> _Statement | None:
        """The statement whose keyword starts at ``i``; None where none does."""
        m = _SQL_INSERT.match(text, i)
        if m is not None:
            out = _Statement(m.end())
            _insert(_Sql(text, m.end(), backslash=backslash), out)
            return out
        m = _SQL_UPDATE.match(text, i)
        if m is not None:
            key = _SQL_KEY_BEFORE.search(text, max(0, i - 16), i) is not None
            if not key and _SQL_UPDATE_SET.match(text, m.end()) is None:
                return None  # "update my address" in prose: one match
            out = _Statement(m.end())
            _update(_Sql(text, m.end(), backslash=backslash), out, key=key)
            return out
        m = _SQL_DELETE.match(text, i)
        if m is not None:
            out = _Statement(m.end())
            _delete(_Sql(text, m.end(), backslash=backslash), out)
            return out
        return None


SQL_VALUES = SqlRecognizer()
