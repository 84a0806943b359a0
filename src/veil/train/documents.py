"""An organisation's own annotated documents as training sentences for the learned detector.

A federated client (a hospital, a bank) trains best on its own text: its note templates, its
abbreviations, its names. This module reads the documents it has annotated and turns them into
the :class:`~veil.train.data.TaggedSentence` s the trainers take, as if they were synthetic ones.

Input: JSON Lines in UTF-8, one document per line (blank lines are skipped), in either shape::

    {"text": "...", "spans": [{"start": 0, "end": 8, "label": "PERSON"}, ...]}   # Veil
    {"text": "...", "label": [[0, 8, "PERSON"], ...]}                             # doccano
    {"text": "...", "entities": [[0, 8, "PERSON"], ...]}                          # spaCy

A file that is one JSON array is read as Label Studio's JSON export: each task's text (its
``data.text``) with the spans of its last annotation that was not cancelled; errors then name
the task's number as the line.

A span is an object or a ``[start, end, label]`` triple under any of the three keys; offsets
are Python string indices (code points), ``end`` exclusive. A line has exactly one of the
three keys; ``[]`` is a document without names, a useful negative example. Labels go through
:data:`LABEL_ALIASES` (or the caller's ``labels``), case-insensitively; a span with any other
label (DATE, PHONE, ID, ...) is dropped and counted: Veil's pattern recognizers find those
types, the detector learns PERSON, LOCATION and ORGANIZATION only. Whitespace at a span's edges
is trimmed (annotation tools often take the space after a name along).

Cutting: the detector reads at most ``max_tokens`` word pieces per sentence, so a longer
document is cut into pieces. Greedily, from the current start, the most tokens that fit are
taken and the piece ends at the last sentence boundary among them (``.``, ``!`` or ``?`` then
whitespace, or a newline); failing that at the last whitespace, then at the last boundary that
does not split a word, then at the last token boundary. A cut never falls inside a kept span:
a name must reach the model whole, or it learns half a name as not a name. A span that alone
holds more than ``max_tokens`` tokens cannot fit any piece and is dropped (``too_long``).
Pieces are stripped of surrounding whitespace, their spans re-based, and every piece of
document ``k`` carries ``family="document/k"``: a DP guarantee per sentence covers a whole
document only multiplied by the number of its pieces (group privacy), which
:attr:`DocumentSummary.max_pieces_per_document` gives.

Privacy: no error message, log line or repr here holds document text or a span's text; they
name the file, the line, a span's index and offsets.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veil.errors import ConfigError, InputError
from veil.train.data import ENTITY_TYPES, Span, TaggedSentence

__all__ = [
    "DOCUMENT_DOMAIN",
    "LABEL_ALIASES",
    "MAX_TOKENS",
    "DocumentSummary",
    "load_documents",
    "read_documents",
]

#: ``TaggedSentence.domain`` of every piece of an organisation's own documents
DOCUMENT_DOMAIN = "own"
#: word pieces per training sentence: ``veil.train.model.MAX_LENGTH - 2`` ([CLS] and [SEP]),
#: spelled out because that module imports torch; a test keeps the two equal
MAX_TOKENS = 62
#: source label (case-insensitive) -> entity type the detector learns
LABEL_ALIASES: dict[str, str] = {
    "PERSON": "PERSON", "PER": "PERSON", "NAME": "PERSON", "PATIENT": "PERSON",
    "DOCTOR": "PERSON",
    "LOCATION": "LOCATION", "LOC": "LOCATION", "GPE": "LOCATION", "CITY": "LOCATION",
    "COUNTRY": "LOCATION", "STATE": "LOCATION",
    "ORGANIZATION": "ORGANIZATION", "ORGANISATION": "ORGANIZATION", "ORG": "ORGANIZATION",
    "HOSPITAL": "ORGANIZATION", "COMPANY": "ORGANIZATION",
}  # fmt: skip

_SPAN_KEYS = ("spans", "label", "entities")
_SENTENCE_ENDS = frozenset(".!?")
# cut preferences, best first
_SENTENCE, _WHITESPACE, _WORD, _TOKEN = 3, 2, 1, 0


@dataclass(frozen=True)
class DocumentSummary:
    """What :func:`read_documents` made of a file: counts and label names only, never text."""

    #: documents read (lines with a document)
    documents: int
    #: training sentences produced
    pieces: int
    #: kept spans per entity type, every type of ENTITY_TYPES listed
    spans: dict[str, int]
    #: spans dropped per source label (upper-cased) the detector does not learn, sorted
    dropped: dict[str, int]
    #: spans dropped because they hold more tokens than a piece; also spans that share word
    #: pieces with a neighbour (a name glued to the next) where together they do
    too_long: int
    #: most pieces of one document: the group size by which a per-sentence DP guarantee is
    #: multiplied to cover a whole document
    max_pieces_per_document: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "pieces": self.pieces,
            "spans": dict(self.spans),
            "dropped": dict(self.dropped),
            "too_long": self.too_long,
            "max_pieces_per_document": self.max_pieces_per_document,
        }


def load_documents(
    path: Path | str,
    *,
    max_tokens: int = MAX_TOKENS,
    tokenizer: Any = None,
    labels: Mapping[str, str] | None = None,
) -> tuple[list[TaggedSentence], DocumentSummary]:
    """Training pieces of the JSON Lines file at ``path``; see :func:`read_documents`."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ConfigError(
            f"cannot read the documents file {path} ({exc.strerror or type(exc).__name__}); "
            "give the path of a JSON Lines file"
        ) from None
    with handle:
        head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
        handle.seek(0)
        if head.startswith(b"["):  # a JSON array: Label Studio's export, one task per item
            return read_documents(
                _label_studio(handle.read(), str(path)), max_tokens=max_tokens,
                tokenizer=tokenizer, labels=labels, source=f"{path} (Label Studio; line = task)")
        return read_documents(
            _decoded(handle, str(path)),
            max_tokens=max_tokens,
            tokenizer=tokenizer,
            labels=labels,
            source=str(path),
        )


def _label_studio(raw: bytes, source: str) -> list[str]:
    """Label Studio's JSON export as JSON Lines documents, one per task: the task's text (its
    ``data`` field ``text``, else its only string) and the spans of its last annotation that
    was not cancelled. A task nobody annotated is refused, as an unannotated line is."""
    error: str | None = None
    try:
        tasks = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        # the position only: the exception holds the file's text
        error = f"not a JSON array of tasks ({type(exc).__name__})"
    if error is not None:
        raise InputError(f"{source}: {error}; export the project as JSON from Label Studio")
    if not isinstance(tasks, list):
        raise InputError(f"{source}: not a JSON array of tasks")
    lines: list[str] = []
    for number, task in enumerate(tasks, start=1):
        where = f"{source}, task {number}"
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict):
            raise InputError(f'{where}: no "data" object; export the project as JSON')
        texts = [v for v in data.values() if isinstance(v, str)]
        text = data.get("text", texts[0] if len(texts) == 1 else None)
        if not isinstance(text, str):
            raise InputError(f'{where}: no "text" field in its data (or several string '
                             "fields); name the text field text")
        done = [a for a in task.get("annotations") or []
                if isinstance(a, dict) and not a.get("was_cancelled")]
        if not done:
            lines.append(json.dumps({"text": text}))  # refused by read_documents, by number
            continue
        spans = []
        for result in done[-1].get("result") or []:
            value = result.get("value") if isinstance(result, dict) else None
            if not isinstance(value, dict) or "start" not in value or "labels" not in value:
                continue  # another control (a choice, a rating): not a span
            for label in value.get("labels") or [None]:
                spans.append([value.get("start"), value.get("end"), label])
        lines.append(json.dumps({"text": text, "spans": spans}))
    return lines


def read_documents(
    lines: Iterable[str],
    *,
    max_tokens: int = MAX_TOKENS,
    tokenizer: Any = None,
    labels: Mapping[str, str] | None = None,
    source: str = "<input>",
) -> tuple[list[TaggedSentence], DocumentSummary]:
    """Training pieces of JSON Lines documents, and a summary of what was kept and dropped.

    ``lines`` are the file's lines (line numbers in errors count from 1, blank lines included);
    ``tokenizer`` defaults to the detector's (:func:`veil.train.federated.tokenizer`);
    ``labels`` replaces :data:`LABEL_ALIASES`. Raises :class:`InputError` at the first bad
    line, before anything is returned.
    """
    if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < 1:
        raise ConfigError(f"max_tokens must be a positive integer, got {max_tokens!r}")
    aliases = _aliases(LABEL_ALIASES if labels is None else labels)
    if tokenizer is None:
        from veil.train.federated import tokenizer as shared_tokenizer

        tokenizer = shared_tokenizer()
    if isinstance(lines, str):  # a whole file's content; "\n" only: JSON strings may hold U+2028
        lines = lines.split("\n")

    out: list[TaggedSentence] = []
    kept: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    too_long = 0
    documents = 0
    most_pieces = 0
    for number, line in enumerate(lines, start=1):
        if number == 1:
            line = line.removeprefix("\ufeff")  # a BOM that Windows tools write
        if not line.strip():
            continue
        where = f"{source}, line {number}"
        text, spans, dropped_here = _parse(line, where, aliases)
        dropped.update(dropped_here)
        pieces, long_here = _cut(text, spans, tokenizer, max_tokens, where)
        too_long += long_here
        family = f"document/{documents}"
        for piece_text, piece_spans in pieces:
            out.append(TaggedSentence(
                text=piece_text, spans=piece_spans, domain=DOCUMENT_DOMAIN, family=family,
                generator="own", locale=""))  # fmt: skip
            kept.update(s.label for s in piece_spans)
        documents += 1
        most_pieces = max(most_pieces, len(pieces))
    if documents == 0:
        raise InputError(f"{source} holds no document; write one JSON object per line")
    if not out:
        raise InputError(
            f"the {documents} document(s) of {source} have no text; nothing to train on")
    summary = DocumentSummary(
        documents=documents,
        pieces=len(out),
        spans={t: kept[t] for t in ENTITY_TYPES},
        dropped=dict(sorted(dropped.items())),
        too_long=too_long,
        max_pieces_per_document=most_pieces,
    )
    return out, summary


def _decoded(handle: Iterable[bytes], source: str) -> Iterator[str]:
    """Lines of a binary file as text, split on "\\n" only (a JSON string may hold U+2028)."""
    for number, raw in enumerate(handle, start=1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            start = exc.start
        else:
            continue
        # raised outside the except block: the decode error holds the line's bytes
        raise InputError(
            f"{source}, line {number}: not UTF-8 (byte {start}); save the file as UTF-8")


def _aliases(labels: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in labels.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise ConfigError("labels maps source label names to entity type names (strings)")
        norm, target = key.strip().upper(), value.strip().upper()
        if target not in ENTITY_TYPES:
            raise ConfigError(
                f"labels maps {key!r} to {value!r}; map to one of {', '.join(ENTITY_TYPES)}")
        if out.get(norm, target) != target:
            raise ConfigError(f"labels maps {key!r} twice (case-insensitively), differently")
        out[norm] = target
    return out


def _parse(
    line: str, where: str, aliases: Mapping[str, str]
) -> tuple[str, list[Span], Counter[str]]:
    """The document's text, its kept spans (sorted, entity types) and its dropped labels."""
    error: str | None = None
    try:
        doc = json.loads(line)
    except json.JSONDecodeError as exc:
        # only the parser's message and column: ``exc`` holds the line itself
        error = f"not JSON ({exc.msg} at column {exc.colno})"
    if error is not None:
        raise InputError(f"{where}: {error}; write one JSON object per line")
    if not isinstance(doc, dict):
        raise InputError(f"{where}: not a JSON object; write one object per line")
    text = doc.get("text")
    if not isinstance(text, str):
        what = "has no" if text is None else "has a non-string"
        raise InputError(f'{where}: {what} "text"; give the document as a string')
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        error = f"character {exc.start} of the text is a lone surrogate escape (\\ud800-\\udfff)"
    if error is not None:  # raised here: the encode error holds the text
        raise InputError(f"{where}: {error}; escape the whole character or remove it")
    present = [k for k in _SPAN_KEYS if k in doc]
    if not present:
        raise InputError(
            f'{where}: no annotations ("spans", "label" or "entities"); annotate the document, '
            'or give it "spans": [] if it mentions no one')
    if len(present) > 1:
        raise InputError(f"{where}: both {present[0]!r} and {present[1]!r}; keep one of them")
    raw_spans = doc[present[0]]
    if not isinstance(raw_spans, list):
        raise InputError(f"{where}: {present[0]!r} is not a list of spans")

    spans: list[tuple[int, Span]] = []
    dropped: Counter[str] = Counter()
    for index, raw in enumerate(raw_spans):
        start, end, label = _span_fields(raw, f"{where}, span {index}", len(text))
        # annotation tools often take a space or newline along with the name
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        trail = len(text[start:end]) - len(text[start:end].rstrip())
        if lead == end - start:
            raise InputError(
                f"{where}, span {index} ({start}-{end}): only whitespace; remove the span")
        name = label.strip().upper()
        target = aliases.get(name)
        if target is None:
            dropped[name] += 1
            continue
        spans.append((index, Span(start + lead, end - trail, target)))

    spans.sort(key=lambda item: (item[1].start, item[1].end))
    unique: list[tuple[int, Span]] = []
    for index, span in spans:
        if unique and span.start < unique[-1][1].end:
            prev_index, prev = unique[-1]
            if span == prev:  # the same name annotated twice: one span
                continue
            raise InputError(
                f"{where}: spans {prev_index} ({prev.start}-{prev.end}) and {index} "
                f"({span.start}-{span.end}) overlap; keep one label per character")
        unique.append((index, span))
    return text, [s for _, s in unique], dropped


def _span_fields(raw: Any, where: str, length: int) -> tuple[int, int, str]:
    fields: tuple[Any, Any, Any]
    if isinstance(raw, dict):
        fields = (raw.get("start"), raw.get("end"), raw.get("label"))
    elif isinstance(raw, list) and len(raw) == 3:
        fields = (raw[0], raw[1], raw[2])
    else:
        raise InputError(
            f'{where}: not an object {{"start", "end", "label"}} or a [start, end, label] triple')
    start, end = _offset(fields[0], "start", where), _offset(fields[1], "end", where)
    label = fields[2]
    if start < 0 or end < 0:
        raise InputError(f"{where} ({start}-{end}): a negative offset")
    if start >= end:
        raise InputError(f"{where} ({start}-{end}): start is not before end")
    if end > length:
        raise InputError(
            f"{where} ({start}-{end}): ends after the text ({length} characters); offsets "
            "count characters (code points), not bytes")
    if not isinstance(label, str) or not label.strip():
        raise InputError(f"{where} ({start}-{end}): the label is not a non-empty string")
    return start, end, label


def _offset(value: Any, name: str, where: str) -> int:
    # bool is an int to Python, and 3.0 would pass a number check: only true integers
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{where}: {name} is not an integer character offset")
    return value


def _cut(
    text: str, spans: list[Span], tokenizer: Any, max_tokens: int, where: str
) -> tuple[list[tuple[str, tuple[Span, ...]]], int]:
    """Pieces of one document (text, re-based spans) and the number of spans dropped as too
    long for any piece."""
    offsets: list[tuple[int, int]] = [
        (int(a), int(b))
        for a, b in _tokenize(tokenizer, text, return_offsets_mapping=True)["offset_mapping"]
    ]
    starts = [a for a, _ in offsets]
    ends = [b for _, b in offsets]

    def tokens_in(span: Span) -> int:
        return bisect.bisect_left(starts, span.end) - bisect.bisect_right(ends, span.start)

    too_long = sum(tokens_in(s) > max_tokens for s in spans)
    spans = [s for s in spans if tokens_in(s) <= max_tokens]

    bounds: list[tuple[int, int]] = []  # character range of each piece, before stripping
    n = len(offsets)
    if n <= max_tokens:  # the usual case: the whole document fits, as it was tokenized
        bounds.append((0, len(text)))
    else:
        span_starts = [s.start for s in spans]
        first, begin = 0, 0  # first token and first character of the next piece
        while first < n:
            limit = max_tokens
            while True:
                if n - first <= limit:
                    stop, end = n, len(text)
                else:
                    stop, dropped = _best_cut(text, offsets, spans, span_starts, first, limit)
                    if dropped:
                        too_long += len(dropped)
                        spans = [s for s in spans if s not in dropped]
                        span_starts = [s.start for s in spans]
                    end = offsets[stop][0]
                # A cut inside a word changes how the rest of it splits into pieces: count
                # the piece as the model will see it, and take fewer tokens if it overflows.
                count = len(_tokenize(tokenizer, text[begin:end].strip())["input_ids"])
                if count <= max_tokens:
                    break
                limit = min(limit, stop - first) - (count - max_tokens)
                if limit < 1:
                    raise InputError(
                        f"{where}: a single token does not fit max_tokens={max_tokens} once "
                        "cut out of its word; raise max_tokens")
            bounds.append((begin, end))
            first, begin = stop, end

    pieces: list[tuple[str, tuple[Span, ...]]] = []
    rest = iter(spans)  # sorted, and each inside exactly one piece: no cut falls inside one
    span = next(rest, None)
    for begin, end in bounds:
        chunk = text[begin:end]
        body = chunk.strip()
        base = begin + len(chunk) - len(chunk.lstrip())
        inside: list[Span] = []
        while span is not None and span.end <= end:
            inside.append(Span(span.start - base, span.end - base, span.label))
            span = next(rest, None)
        if body:
            pieces.append((body, tuple(inside)))
    return pieces, too_long


def _tokenize(tokenizer: Any, text: str, **kwargs: Any) -> Any:
    # verbose=False: Hugging Face warns about texts longer than the model's 512 tokens, which
    # a whole document may be; it is cut before the model sees it
    return tokenizer(text, add_special_tokens=False, verbose=False, **kwargs)


def _best_cut(
    text: str,
    offsets: Sequence[tuple[int, int]],
    spans: Sequence[Span],
    span_starts: Sequence[int],
    first: int,
    limit: int,
) -> tuple[int, list[Span]]:
    """The token index the piece starting at token ``first`` ends before (it holds at most
    ``limit`` tokens), and the spans that had to be dropped to cut there (normally none).

    ``spans`` are sorted and do not overlap, so only the last one starting before a cut can
    hold it."""

    def inside_span(at: int) -> bool:
        i = bisect.bisect_left(span_starts, at) - 1
        return i >= 0 and spans[i].end > at

    best: int | None = None
    best_rank = -1
    fallback, fallback_rank = first + limit, -1  # the best cut ignoring spans
    for stop in range(first + limit, first, -1):
        prev_end, next_start = offsets[stop - 1][1], offsets[stop][0]
        gap = text[prev_end:next_start]
        if "\n" in gap or "\r" in gap or (
            text[prev_end - 1] in _SENTENCE_ENDS and any(c.isspace() for c in gap)
        ):
            rank = _SENTENCE
        elif any(c.isspace() for c in gap):
            rank = _WHITESPACE
        elif gap or not (text[prev_end - 1].isalnum() and text[next_start].isalnum()):
            rank = _WORD
        else:
            rank = _TOKEN
        if rank > fallback_rank:
            fallback, fallback_rank = stop, rank
        if rank > best_rank and not inside_span(next_start):
            best, best_rank = stop, rank
            if rank == _SENTENCE:  # scanning backwards: the last sentence boundary
                break
    if best is not None:
        return best, []
    # Every cut in range falls inside a span: spans that share tokens (a name glued to the
    # next), together longer than the limit. Drop those at the best cut rather than overflow.
    cut_at = offsets[fallback][0]
    return fallback, [s for s in spans if s.start < cut_at < s.end]
