"""The learned backend's tokenizer: a detector folder's WordPiece tokenizer (``tokenizers``),
read through Blingfire's compiled BERT tokenizer wherever the two give the same tokens.

tokenizers' BERT normaliser, pre-tokeniser and offset bookkeeping take ~375 us per ~1 KB
prompt, with the GIL held: as long as the model's own run on it. Blingfire (Microsoft's
finite-state tokenizer in C++) ships bert-base-uncased's vocabulary compiled, the vocabulary
of the encoder Veil's detectors start from; it gives the same ids and spans several times
faster, and ctypes lets the GIL go during the call. One loaded model serves every thread
(Blingfire's models are read-only once loaded).

The two do not agree on every text. Compared character by character and on generated text,
they differ on control characters (tokenizers deletes them and joins the words around them,
Blingfire reads a space), the soft hyphen, combining marks, Hangul, CJK and most scripts
beyond Europe's, on a word of over 100 characters (tokenizers reads one ``[UNK]``) and on the
literal special tokens (``[MASK]``), which tokenizers keeps whole. So Blingfire reads a text
only where they agree: its characters all in :data:`_OUTSIDE`'s complement (printable ASCII
with tab, line feed and carriage return; the Latin, Greek and Cyrillic letters; the common
punctuation, currency and letter-like signs), no special token and no word over 100
characters, for a folder whose tokenizer is the one Blingfire's model was compiled from
(:data:`BERT_UNCASED`, a digest of its vocabulary and settings). Every other text, and every
text without the ``blingfire`` package (its wheel holds x86-64 binaries only), goes to
tokenizers as before. ``VEIL_WORDPIECES=tokenizers`` turns Blingfire off; it is loaded once
a process has read :data:`_LOAD_AFTER_CHARS` characters.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: sha256 of the tokenizer settings and vocabulary (:func:`fingerprint`) that Blingfire's
#: ``bert_base_tok.bin`` reproduces: bert-base-uncased's, as all-MiniLM-L6-v2 ships it
BERT_UNCASED = "67b5de988bf4e6164ed95e5c8aaa04c956cd7726ffda54f78ab4b01aa62055c5"
#: sha256 of the tokenizer.json file that ``veil train detector`` copies into every folder
#: (all-MiniLM-L6-v2's): known without parsing 700 KB of JSON (~40 ms of a ``veil protect``)
_BERT_UNCASED_FILE = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
#: characters a process reads with tokenizers before it loads Blingfire (~40 ms, most of it
#: the import): a process that reads one short text (``veil protect``) never pays for it, a
#: server loads it within its first requests
_LOAD_AFTER_CHARS = 16_384
#: the id Blingfire gives an unknown piece: the vocabulary's ``[UNK]``
_UNK_ID = 100
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: any character outside the ranges where both tokenizers agree, each checked alone between
#: ASCII letters and in generated mixes (``tests/unit/detect/test_wordpieces.py``)
_OUTSIDE = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u037d\u037f-\u0386\u0388-\u0482"
    "\u0488-\u052f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20bf\u2100-\u214f]")
#: tokenizers' WordPiece reads a longer word as one [UNK]; Blingfire splits it
_MAX_WORD = 100
_LONG_WORD = re.compile(rf"[A-Za-z0-9]{{{_MAX_WORD + 1}}}")


@dataclass(frozen=True, slots=True)
class Window:
    """What the learned backend reads of a ``tokenizers.Encoding``: a window's ids and
    character spans, and the windows after it (``overflowing``, on the first one only)."""

    ids: list[int]
    offsets: list[tuple[int, int]]
    overflowing: list[Window] = field(default_factory=list)


def fingerprint(settings: dict[str, Any]) -> str:
    """sha256 of what decides a tokenizer.json's tokens: its normaliser, pre-tokeniser,
    WordPiece model with its vocabulary, post-processor and added tokens (not its padding or
    truncation, which the backend sets itself)."""
    keep = {k: settings.get(k) for k in
            ("normalizer", "pre_tokenizer", "model", "post_processor", "added_tokens")}
    return hashlib.sha256(json.dumps(keep, sort_keys=True).encode()).hexdigest()


class WordPieces:
    """``encode``/``encode_batch`` of a detector folder's tokenizer, truncated to windows of
    ``max_length`` tokens overlapping by ``stride`` as ``tokenizers`` truncates them."""

    def __init__(self, tokenizer: Any, folder: Path, max_length: int, stride: int) -> None:
        tokenizer.no_padding()
        self.tokenizer = tokenizer
        self.folder = folder
        self.enable_truncation(max_length, stride)
        import numpy

        self._np = numpy
        self._fast: Any = None
        self._specials: tuple[str, ...] = ()
        # Blingfire is loaded once this process has read _LOAD_AFTER_CHARS with tokenizers
        self._loadable = os.environ.get("VEIL_WORDPIECES", "").strip().lower() != "tokenizers"
        self._read = 0
        self._lock = threading.Lock()

    def load(self) -> bool:
        """Load Blingfire now (it loads by itself after :data:`_LOAD_AFTER_CHARS`); whether it
        reads the texts it agrees on: not without the package, for another vocabulary, or
        with ``VEIL_WORDPIECES=tokenizers``."""
        with self._lock:
            if self._loadable:
                self._loadable = False
                fast = _blingfire(self.folder)
                if fast is not None:
                    self._specials = tuple(
                        t.content for t in self.tokenizer.get_added_tokens_decoder().values())
                    if self._agrees_on_sample(fast):
                        self._fast = fast
        return self._fast is not None

    def enable_truncation(self, max_length: int, stride: int) -> None:
        """Windows of ``max_length`` tokens, ``[CLS]`` and ``[SEP]`` included, overlapping by
        ``stride`` (``tokenizers.Tokenizer.enable_truncation``)."""
        self.tokenizer.enable_truncation(max_length=max_length, stride=stride)
        self._width = max_length - 2
        self._step = self._width - stride

    @property
    def fast(self) -> bool:
        """Whether Blingfire reads the texts it agrees on."""
        return self._fast is not None

    def encode(self, text: str) -> Any:
        fast = self._fast
        if fast is None:
            self._count(len(text))
        elif self.agrees(text):
            return self._windows(text, fast)
        return self.tokenizer.encode(text)

    def encode_batch(self, texts: list[str]) -> list[Any]:
        if self._fast is None:
            self._count(sum(map(len, texts)))
        fast = self._fast
        if fast is None:
            return list(self.tokenizer.encode_batch(texts))
        out: list[Any] = [None] * len(texts)
        rest = [i for i, t in enumerate(texts) if not self.agrees(t)]
        for i, enc in zip(rest, self.tokenizer.encode_batch([texts[i] for i in rest]),
                          strict=True):
            out[i] = enc
        for i, t in enumerate(texts):
            if out[i] is None:
                out[i] = self._windows(t, fast)
        return out

    def _count(self, chars: int) -> None:
        if self._loadable:
            self._read += chars
            if self._read >= _LOAD_AFTER_CHARS:
                self.load()

    def agrees(self, text: str) -> bool:
        """Whether Blingfire's tokens of ``text`` are tokenizers' (see the module's note)."""
        ascii_only = text.isascii()  # a flag of the string: not read
        if (_CONTROL if ascii_only else _OUTSIDE).search(text) is not None:
            return False
        if "[" in text and any(s in text for s in self._specials):
            return False
        # most texts have no run of over 100 characters between spaces: no regex over them
        # (within these characters Python's spaces are tokenizers' spaces); a longer run of
        # other letters, where normalising can change a word's length, is left to tokenizers
        return max(map(len, text.split()), default=0) <= _MAX_WORD \
            or ascii_only and _LONG_WORD.search(text) is None

    def _windows(self, text: str, fast: Any) -> Window:
        ids, offsets = self._pieces(text, fast)
        n = len(ids)
        if n <= self._width:
            return Window([101, *ids, 102], [(0, 0), *offsets, (0, 0)])
        # tokenizers' truncation: windows start every `width - stride` tokens until one
        # reaches the end
        parts: list[Window] = []
        for start in range(0, n, self._step):
            stop = min(start + self._width, n)
            parts.append(Window([101, *ids[start:stop], 102],
                                [(0, 0), *offsets[start:stop], (0, 0)]))
            if stop == n:
                break
        return Window(parts[0].ids, parts[0].offsets, parts[1:])

    def _pieces(self, text: str, fast: Any) -> tuple[list[int], list[tuple[int, int]]]:
        raw = text.encode()
        if not raw:
            return [], []
        ids, starts, ends = fast(raw)  # ends: the last byte of each piece
        if len(raw) != len(text):  # not ASCII: byte offsets to character offsets
            np = self._np
            lead = (np.frombuffer(raw, dtype=np.uint8) & 0xC0) != 0x80  # a character's 1st byte
            char_at = np.cumsum(lead) - 1
            starts, ends = char_at[starts], char_at[ends]
        return ids.tolist(), list(zip(starts.tolist(), (ends + 1).tolist(), strict=True))

    def _agrees_on_sample(self, fast: Any) -> bool:
        # a guard against another build of Blingfire or of its model: both must read a
        # sample of every kind of ASCII token alike, windows included
        sample = ("Dr. Jane O'Neil-Smith, Zoë Ångström, Σοφία Παπαδοπούλου, Ирина Łukasz "
                  "Đặng – € (jane.o+tag@example.co.uk, +1 (415) 555-0100) paid "
                  "$1,234.56 on 2024-03-05T10:00Z; IBAN DE89370400440532013000, ref #A7_x9! "
                  "\"Quotes\" `code` {braces} [brackets] <tags> ~tilde^caret|pipe\\back/slash\t"
                  "tab\r\nnew line ") * 8
        mine, slow = self._windows(sample, fast), self.tokenizer.encode(sample)
        return all(f.ids == s.ids and f.offsets == s.offsets for f, s in zip(
            [mine, *mine.overflowing], [slow, *slow.overflowing], strict=False)) and \
            len(mine.overflowing) == len(slow.overflowing)


def _blingfire(folder: Path) -> Any:
    """Blingfire's tokenizer for the folder's vocabulary (raw UTF-8 -> ids, first and last
    byte of each piece), or None: no package, another vocabulary, a model that will not load."""
    try:
        raw = (folder / "tokenizer.json").read_bytes()
        if hashlib.sha256(raw).hexdigest() != _BERT_UNCASED_FILE and \
                fingerprint(json.loads(raw)) != BERT_UNCASED:
            return None
        import blingfire
    except Exception:  # noqa: BLE001 - no package or an unreadable file: tokenizers reads all
        return None
    model_file = Path(blingfire.__file__).with_name("bert_base_tok.bin")
    try:
        handle = blingfire.load_model(str(model_file))
    except Exception:  # noqa: BLE001 - a platform its wheel has no binary for
        return None
    if not handle:
        return None

    def pieces(raw: bytes) -> tuple[Any, Any, Any]:
        # every piece holds at least one byte: as many slots as bytes are enough
        return blingfire.utf8text_to_ids_with_offsets(  # type: ignore[no-any-return]
            handle, raw, len(raw) + 1, _UNK_ID, no_padding=True)

    return pieces
