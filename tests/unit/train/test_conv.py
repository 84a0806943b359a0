"""The convolutional tagger (veil.train.model.ConvTagger): shapes, padding, its MiniLM word
table, save/load, training with context noise, word-level labels, int8 export and serving.

Tiny configuration: two conv blocks of width 64, a few dozen sentences.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch")

from veil.train import data  # noqa: E402
from veil.train import model as M  # noqa: E402,N812
from veil.train.casing import CASE_CLASSES  # noqa: E402

pytestmark = pytest.mark.slow  # loads the MiniLM weights

TEXTS = [
    "Maria Lopez flew from Lyon to meet the board of Acme Corp.",
    "no names here at all",
    "Dr. Okonkwo referred Ana Johansen to St. Mary Hospital in Porto.",
    "Please transfer $300 to Kevin O'Brien at Barclays Bank.",
]


def _inputs(enc: dict[str, Any]) -> dict[str, Any]:
    return {k: enc[k] for k in M.INPUT_NAMES}


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    return M.load_tokenizer()


@pytest.fixture(scope="module")
def fresh() -> Any:
    """An untrained conv tagger (eval mode)."""
    return M.build_model(base="conv", layers=2, hidden=64, seed=0).eval()


@pytest.fixture(scope="module")
def trained(tokenizer: Any) -> tuple[Any, list[float], list[data.TaggedSentence]]:
    """A conv tagger trained as the trainers do (frozen words), with the epoch losses."""
    sents = data.generate_mixed(40, seed=3, locale="en_US")
    model: Any = M.build_model(base="conv", layers=2, hidden=64, seed=0)
    model.word_embeddings.weight.requires_grad_(False)
    loader = M.make_loader(sents, tokenizer, batch_size=8, max_length=48)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=2e-3)
    losses = [M.train_epoch(model, loader, opt) for _ in range(3)]
    noise = torch.Generator().manual_seed(0)
    losses += [
        M.train_epoch(model, loader, opt, context_noise=0.1, generator=noise) for _ in range(7)
    ]
    return model.eval(), losses, sents


# ---- the model ----


def test_forward_gives_one_score_per_label_and_token(fresh: Any, tokenizer: Any) -> None:
    assert isinstance(fresh, M.ConvTagger) and fresh.arch == "conv"
    assert (fresh.num_layers, fresh.hidden_size) == (2, 64)
    enc = M.encode(TEXTS, tokenizer)
    with torch.no_grad():
        logits = fresh(**_inputs(enc))
    assert logits.shape == (len(TEXTS), enc["input_ids"].shape[1], len(M.LABELS))
    assert torch.isfinite(logits).all()
    # the case channel is read: other case ids give other scores
    other = {**_inputs(enc), "token_type_ids": torch.full_like(enc["token_type_ids"], 1)}
    with torch.no_grad():
        assert not torch.allclose(fresh(**other), logits)
    assert fresh.case.num_embeddings == CASE_CLASSES
    with pytest.raises(ValueError, match="layers"):
        M.ConvTagger(layers=7, init=False)
    with pytest.raises(ValueError, match="odd"):
        M.ConvTagger(kernel=2, init=False)


def test_a_text_scores_the_same_alone_and_in_a_padded_batch(fresh: Any, tokenizer: Any) -> None:
    short, long = "Ana Silva lives in Porto.", TEXTS[2] + " " + TEXTS[0]
    alone = M.encode([short], tokenizer)
    batch = M.encode([short, long], tokenizer)
    n = alone["input_ids"].shape[1]
    assert batch["input_ids"].shape[1] > n + 8  # padding wider than the convolutions' reach
    assert (batch["attention_mask"][0, n:] == 0).all()
    with torch.no_grad():
        a = fresh(**_inputs(alone))[0]
        b = fresh(**_inputs(batch))[0, :n]
    assert torch.allclose(a, b, atol=1e-5), float((a - b).abs().max())
    # padding tokens other than [PAD] (what an ONNX caller may leave there) change nothing
    junk = {**_inputs(batch)}
    junk["input_ids"] = batch["input_ids"].clone()
    junk["input_ids"][0, n:] = 2023
    junk["token_type_ids"] = batch["token_type_ids"].clone()
    junk["token_type_ids"][0, n:] = 2
    with torch.no_grad():
        assert torch.allclose(fresh(**junk)[0, :n], a, atol=1e-5)


def test_word_table_starts_as_minilm_projected(fresh: Any, tokenizer: Any) -> None:
    words = fresh.word_embeddings.weight.detach()
    assert words.shape == (M._minilm_vocab_size(), 128)
    # not drawn from the seed: another seed gives the same table (and other conv weights)
    other: Any = M.build_model(base="conv", layers=2, hidden=64, seed=1)
    assert torch.equal(other.word_embeddings.weight, fresh.word_embeddings.weight)
    assert not torch.equal(other.convs[0].weight, fresh.convs[0].weight)
    # the geometry of MiniLM's table survives the projection (a random table has none of it)
    minilm = M._minilm_tables()["word_embeddings"]
    ids = torch.randint(1000, minilm.shape[0], (300,), generator=torch.Generator().manual_seed(0))
    upper = torch.triu_indices(len(ids), len(ids), 1)

    def similarities(table: Any) -> Any:
        x = torch.nn.functional.normalize(table[ids] - table[ids].mean(0), dim=-1)
        return (x @ x.T)[upper[0], upper[1]]

    ref = similarities(minilm)
    assert torch.corrcoef(torch.stack([ref, similarities(words)]))[0, 1] > 0.8
    random_table = M.ConvTagger(layers=1, hidden=32, init=False).word_embeddings.weight.detach()
    assert abs(torch.corrcoef(torch.stack([ref, similarities(random_table)]))[0, 1]) < 0.2
    doctor, nurse, banana = tokenizer.convert_tokens_to_ids(["doctor", "nurse", "banana"])
    e = torch.nn.functional.normalize(words[[doctor, nurse, banana]], dim=-1)
    assert float(e[0] @ e[1]) > float(e[0] @ e[2]) + 0.1
    assert float(words.std()) == pytest.approx(1.0, abs=1e-3)  # unit scale


def test_save_and_load_round_trip(fresh: Any, tokenizer: Any, tmp_path: Path) -> None:
    folder = M.save(fresh, tmp_path / "conv")
    meta = json.loads((folder / "model.json").read_text())
    assert meta["arch"] == "conv" and meta["case"] is True
    assert (meta["layers"], meta["hidden"], meta["embed"]) == (2, 64, 128)
    again = M.load(folder)
    assert isinstance(again, M.ConvTagger) and not again.training
    enc = M.encode(TEXTS, tokenizer)
    with torch.no_grad():
        assert torch.equal(fresh(**_inputs(enc)), again(**_inputs(enc)))
    # a folder from before the case channel is refused, not run on zeros
    del meta["case"]
    (folder / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="case channel"):
        M.load(folder)
    meta["case"] = False
    (folder / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="case channel"):
        M.load(folder)


def test_short_training_lowers_the_loss(
    trained: tuple[Any, list[float], list[data.TaggedSentence]], fresh: Any
) -> None:
    model, losses, sents = trained
    assert all(torch.isfinite(torch.tensor(losses)))
    assert losses[2] < 0.8 * losses[0]  # three epochs, lr 2e-3
    assert losses[-1] < losses[2]  # and it goes on learning with context noise
    # the frozen MiniLM table did not move; the convolutions did
    assert torch.equal(model.word_embeddings.weight, fresh.word_embeddings.weight)
    assert not torch.equal(model.convs[0].weight, fresh.convs[0].weight)
    scores = M.evaluate(model, sents)
    assert scores["micro_f1"] > 0.5  # it learned its own training sentences


def test_train_epoch_applies_context_noise_from_its_generator(
    tokenizer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sents = data.generate_mixed(12, seed=4, locale="en_US")
    loader = M.make_loader(sents, tokenizer, batch_size=4, max_length=32, shuffle=False)
    calls: list[tuple[float, Any, Any]] = []
    real = M.noisy_context

    def spy(inputs: dict[str, Any], labels: Any, rate: float, generator: Any = None) -> Any:
        calls.append((rate, generator, labels))
        return real(inputs, labels, rate, generator)

    monkeypatch.setattr(M, "noisy_context", spy)
    model = M.ConvTagger(layers=1, hidden=32, init=False)  # no MiniLM load: plumbing only
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    M.train_epoch(model, loader, opt)
    assert calls == []  # no noise unless asked
    gen = torch.Generator().manual_seed(5)
    M.train_epoch(model, loader, opt, context_noise=0.3, generator=gen)
    assert len(calls) == len(loader)
    assert all(rate == 0.3 and g is gen for rate, g, _ in calls)
    # the same generator seed replays the same noise: equal losses from equal models
    losses = []
    for _ in range(2):
        torch.manual_seed(0)  # dropout
        m = M.ConvTagger(layers=1, hidden=32, init=False)
        opt = torch.optim.SGD(m.parameters(), lr=0.01)
        noise = torch.Generator().manual_seed(9)
        losses.append(M.train_epoch(m, loader, opt, context_noise=0.5, generator=noise))
    assert losses[0] == losses[1]


def test_noisy_context_replaces_only_outside_tokens() -> None:
    gen = torch.Generator().manual_seed(0)
    n, width = 64, 128
    ids = torch.randint(1000, 30000, (n, width), generator=gen)
    labels = torch.randint(0, len(M.LABELS), (n, width), generator=gen)
    labels[torch.rand((n, width), generator=gen) < 0.5] = 0  # half the tokens outside names
    labels[:, 0] = -100  # [CLS]
    lengths = torch.randint(width // 2, width + 1, (n,), generator=gen)
    mask = (torch.arange(width) < lengths[:, None]).long()
    labels[mask == 0] = -100  # padding
    ids[mask == 0] = 0
    # a word's later pieces carry -100 inside the text too
    labels[(torch.rand((n, width), generator=gen) < 0.1) & (mask == 1)] = -100
    inputs = {"input_ids": ids, "attention_mask": mask,
              "token_type_ids": torch.randint(0, CASE_CLASSES, (n, width), generator=gen),
              "position_ids": torch.arange(width).expand(n, width)}  # fmt: skip
    before = {k: v.clone() for k, v in inputs.items()}
    out = M.noisy_context(inputs, labels, 0.5, torch.Generator().manual_seed(1))
    for k, v in inputs.items():  # the input batch is left as it was
        assert torch.equal(v, before[k])
    for k in ("attention_mask", "token_type_ids", "position_ids"):
        assert torch.equal(out[k], inputs[k])
    changed = out["input_ids"] != ids
    outside = (labels == 0) & (mask == 1)
    assert not changed[~outside].any()  # names, specials, later pieces, padding
    share = float(changed[outside].float().mean())
    assert share == pytest.approx(0.5, abs=0.03), share
    new = out["input_ids"][changed]
    assert int(new.min()) >= 1000 and int(new.max()) < M._minilm_vocab_size()  # real words
    # the generator decides: same seed, same noise; rate 0 and 1 are the extremes
    again = M.noisy_context(inputs, labels, 0.5, torch.Generator().manual_seed(1))
    assert torch.equal(again["input_ids"], out["input_ids"])
    assert torch.equal(M.noisy_context(inputs, labels, 0.0)["input_ids"], ids)
    full = M.noisy_context(inputs, labels, 1.0, torch.Generator().manual_seed(2))["input_ids"]
    assert float((full != ids)[outside].float().mean()) > 0.99
    assert not (full != ids)[~outside].any()


def test_noisy_context_on_a_real_batch_keeps_names_and_specials(tokenizer: Any) -> None:
    sents = data.generate_mixed(16, seed=6, locale="en_US")
    batch = next(iter(M.make_loader(sents, tokenizer, batch_size=16, max_length=48)))
    inputs, labels = dict(zip(M.INPUT_NAMES, batch[:4], strict=True)), batch[4]
    out = M.noisy_context(inputs, labels, 0.9, torch.Generator().manual_seed(0))
    kept = labels != 0
    assert kept.any() and (labels > 0).any()
    assert torch.equal(out["input_ids"][kept], inputs["input_ids"][kept])
    specials = inputs["input_ids"] < 1000  # [PAD], [CLS], [SEP]
    assert torch.equal(out["input_ids"][specials], inputs["input_ids"][specials])
    assert (out["input_ids"] != inputs["input_ids"]).any()


# ---- word-level labels ----


def _word_text(tokenizer: Any) -> tuple[str, list[tuple[int, int]]]:
    text = "Ana Johansen visited Szczepanski in Porto."
    enc = tokenizer(text, return_offsets_mapping=True)
    return text, [(int(s), int(e)) for s, e in enc["offset_mapping"]]


def test_training_labels_skip_later_pieces(tokenizer: Any) -> None:
    text, offsets = _word_text(tokenizer)
    pieces = [text[s:e] for s, e in offsets]
    assert pieces[2:4] == ["Johan", "sen"]  # the test needs a name in several pieces
    S, L = data.Span, data.LABEL_IDS
    spans = [S(0, 12, "PERSON"), S(21, 32, "PERSON"), S(36, 41, "LOCATION")]
    words = data.spans_to_bio(spans, offsets, text)
    tokens = data.spans_to_bio(spans, offsets)  # without the text: per token, as before
    for k, (s, e) in enumerate(offsets):
        later = (s != e and k > 0 and offsets[k - 1][1] == s
                 and text[s - 1].isalnum() and text[s].isalnum())  # fmt: skip
        if s == e or later:
            assert words[k] == -100, text[s:e]
        else:
            assert words[k] == tokens[k] != -100, text[s:e]
    assert words[offsets.index((4, 9))] == L["I-PERSON"]  # "Johan": the word's first piece
    assert tokens[offsets.index((9, 12))] == L["I-PERSON"]  # "##sen" had a label per token
    assert words[offsets.index((21, 22))] == L["B-PERSON"]  # "S" of "Szczepanski"
    assert data.bio_to_spans(words, offsets, text) == spans


def test_decoding_gives_later_pieces_their_words_label(tokenizer: Any) -> None:
    text, offsets = _word_text(tokenizer)
    L = data.LABEL_IDS
    at = {(s, e): k for k, (s, e) in enumerate(offsets)}
    pred = [L["O"]] * len(offsets)
    pred[at[(0, 3)]] = L["B-PERSON"]
    pred[at[(4, 9)]] = L["I-PERSON"]
    pred[at[(9, 12)]] = L["B-LOCATION"]  # the model split "Johansen" between two types
    pred[at[(21, 22)]] = L["O"]  # first piece of "Szczepanski" outside ...
    for k, (s, _) in enumerate(offsets):
        if 22 <= s < 32:
            pred[k] = L["B-ORGANIZATION"]  # ... its later pieces inside: the word is O
    pred[at[(36, 41)]] = L["B-LOCATION"]
    got = data.bio_to_spans(pred, offsets, text)
    assert [(text[s.start : s.end], s.label) for s in got] == [
        ("Ana Johansen", "PERSON"), ("Porto", "LOCATION")]  # fmt: skip
    # without the text every piece keeps its own label: the word is split
    split = data.bio_to_spans(pred, offsets)
    assert ("sen", "LOCATION") in [(text[s.start : s.end], s.label) for s in split]


def test_word_labels_round_trip_generated_sentences(tokenizer: Any) -> None:
    for s in data.generate_mixed(60, seed=8):
        enc = tokenizer(s.text, return_offsets_mapping=True)
        offsets = [tuple(o) for o in enc["offset_mapping"]]
        labels = data.spans_to_bio(s.spans, offsets, s.text)
        assert data.bio_to_spans(labels, offsets, s.text) == sorted(s.spans, key=lambda x: x.start)


# ---- export and serving ----


@pytest.mark.parametrize(("kernel", "dilation"), [(1, 1), (3, 1), (3, 2), (3, 4), (5, 3)])
def test_a_shifted_product_is_the_convolution(kernel: int, dilation: int) -> None:
    from veil.train.export import ShiftedProduct

    gen = torch.Generator().manual_seed(kernel * 10 + dilation)
    conv = torch.nn.Conv1d(6, 5, kernel, padding=dilation * (kernel // 2), dilation=dilation)
    with torch.no_grad():
        for p in conv.parameters():
            p.copy_(torch.randn(p.shape, generator=gen))
    product = ShiftedProduct(conv)
    for length in (1, 2, 3, 4, 7, 16):  # shorter than the shift, too
        x = torch.randn(2, 6, length, generator=gen)
        with torch.no_grad():
            torch.testing.assert_close(product(x), conv(x), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("conv", [
    torch.nn.Conv1d(4, 4, 3, padding=0),  # 'valid': the sequence shrinks
    torch.nn.Conv1d(4, 4, 3, padding=1, stride=2),
    torch.nn.Conv1d(4, 4, 3, padding=1, groups=2),
])
def test_only_same_convolutions_become_products(conv: Any) -> None:
    from veil.train.export import ShiftedProduct

    with pytest.raises(ValueError, match="same"):
        ShiftedProduct(conv)


def test_the_export_view_leaves_the_model_as_it_is(fresh: Any) -> None:
    from veil.train.export import ShiftedProduct, exportable

    view = exportable(fresh)
    assert all(isinstance(c, torch.nn.Conv1d) for c in fresh.convs)
    assert all(isinstance(c, ShiftedProduct) for c in view.convs)
    ids = torch.randint(1000, 20000, (2, 11))
    feed = {"input_ids": ids, "attention_mask": torch.ones_like(ids),
            "token_type_ids": torch.zeros_like(ids), "position_ids": torch.arange(11).expand(2, 11)}
    with torch.no_grad():
        torch.testing.assert_close(view(**feed), fresh(**feed), rtol=1e-4, atol=1e-5)


@pytest.fixture(scope="module")
def exported(
    trained: tuple[Any, list[float], list[data.TaggedSentence]],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Path]:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    from veil.train.export import export_detector

    model, _, _ = trained
    root = tmp_path_factory.mktemp("conv-det")
    return export_detector(model, root / "int8"), export_detector(model, root / "fp32", int8=False)


def test_int8_export_runs_the_convolutions_as_int8_products(exported: tuple[Path, Path]) -> None:
    import onnx

    from veil.train.export import QUANTIZED_OPS, file_sha256

    assert QUANTIZED_OPS["conv"] == ["Gather"]
    int8, fp32 = exported
    graph = onnx.load(str(int8 / "model.onnx")).graph
    assert not {"Conv", "ConvInteger"} & {n.op_type for n in graph.node}
    assert "Conv" not in {n.op_type for n in onnx.load(str(fp32 / "model.onnx")).graph.node}
    # the convolutions are products whose inputs and weights are quantized with fixed scales
    # (constants of the graph, not computed per call); projection and classifier stay float
    made = {o: n for n in graph.node for o in n.output}
    matmuls = [n for n in graph.node if n.op_type == "MatMul"]
    products = [n for n in matmuls if "/convs." in n.name]
    assert len(products) == 2 and len(matmuls) == 4
    # each convolution's neighbours: one Pad, then Slices with constant bounds; no node reads
    # the sequence's length at run time
    pads = [n for n in graph.node if n.op_type == "Pad"]
    assert len(pads) == 2 and "Shape" not in {n.op_type for n in graph.node}
    for pad in pads:  # kernel 3: the two neighbours are slices of the padded copy
        assert [n.op_type for n in graph.node if pad.output[0] in n.input] == ["Slice"] * 2
    for node in products:
        for operand in node.input:
            dq = made[operand]
            assert dq.op_type == "DequantizeLinear"
            scale = dq.input[1]
            assert scale in {i.name for i in graph.initializer}  # fixed, not per call
    assert not {"DynamicQuantizeLinear", "DynamicQuantizeMatMul", "MatMulInteger"} & {
        n.op_type for n in graph.node}
    # the word table (the bulk of the file) is stored in 8 bits
    table = next(i for i in graph.initializer if list(i.dims) == [M._minilm_vocab_size(), 128])
    assert table.data_type in (onnx.TensorProto.INT8, onnx.TensorProto.UINT8)
    assert (int8 / "model.onnx").stat().st_size < (fp32 / "model.onnx").stat().st_size / 2.5
    meta = json.loads((int8 / "detector.json").read_text())
    assert meta["arch"] == "conv" and meta["case"] is True and meta["int8"] is True
    assert meta["layers"] == 2 and meta["labels"] == list(M.LABELS)
    assert meta["int8_convolutions"] is True
    assert meta["sha256"] == file_sha256(int8 / "model.onnx")
    # two blocks, dilations 1 and 2, kernel 3: one block reads 2 positions on either side
    # (test_packed_windows_score_as_padded_ones_with_fewer_positions checks the graph keeps to it)
    assert meta["reach"] == 2


def test_int8_spans_of_a_text_do_not_depend_on_the_rest_of_the_call(
    exported: tuple[Path, Path],
    trained: tuple[Any, list[float], list[data.TaggedSentence]],
) -> None:
    """Fixed activation scales: junk an attacker adds to a request (stretching any scale a
    call would compute from its own activations) cannot move another piece's spans."""
    from veil.detect.learned import _Runtime

    _, _, sents = trained
    int8, _ = exported
    rt = _Runtime(int8)
    texts = [s.text for s in sents[:20]] + TEXTS
    alone = [rt.spans([t])[0] for t in texts]
    assert sum(map(len, alone)) >= 10
    for junk in ("ZZZZZZZZ" * 40, " ".join(["XQJ"] * 300), "Ʃ" * 300,
                 " ".join(str(10**11 + 7 * i) for i in range(200))):
        together = rt.spans([junk, *texts])[1:]
        assert together == alone  # spans and scores, exactly


def test_the_exported_graph_computes_the_torch_model_at_every_length(
    trained: tuple[Any, list[float], list[data.TaggedSentence]], exported: tuple[Path, Path],
) -> None:
    """Sequences shorter than a block's shift included: the product form's negative pads crop
    more than the sequence holds there."""
    import numpy as np
    import onnxruntime as ort

    model, _, _ = trained
    _, fp32 = exported
    session = ort.InferenceSession(str(fp32 / "model.onnx"), providers=["CPUExecutionProvider"])
    names = {i.name for i in session.get_inputs()}
    gen = torch.Generator().manual_seed(5)
    for length in (1, 2, 3, 5, 9, 40):
        ids = torch.randint(1000, 20000, (3, length), generator=gen)
        mask = torch.ones_like(ids)
        mask[1, length // 2 + 1:] = 0  # a padded row
        types = torch.randint(0, CASE_CLASSES, ids.shape, generator=gen)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types,
                "position_ids": torch.arange(length).expand_as(ids)}
        with torch.no_grad():
            want = model(**feed).numpy()
        (got,) = session.run(["logits"], {k: v.numpy() for k, v in feed.items() if k in names})
        np.testing.assert_allclose(got, want, atol=1e-4, err_msg=f"length {length}")


def _spans(found: list[list[tuple[int, int, str, float]]]) -> list[list[tuple[int, int, str]]]:
    return [[(s, e, label) for s, e, label, _ in f] for f in found]


def test_runtime_reproduces_the_torch_spans(
    exported: tuple[Path, Path],
    trained: tuple[Any, list[float], list[data.TaggedSentence]],
) -> None:
    from veil.detect.learned import _Runtime

    model, _, sents = trained
    texts = [s.text for s in sents[:20]] + TEXTS
    want = [[(s.start, s.end, s.label) for s in p] for p in M.predict(model, texts)]
    assert sum(map(len, want)) >= 10  # the trained model does find names
    int8, fp32 = exported
    rt = _Runtime(fp32)
    assert rt.case  # the folder says to feed case classes as token types
    assert _spans(rt.spans(texts)) == want  # fp32: exactly the torch model
    quantized = _spans(_Runtime(int8).spans(texts))
    assert sum(q == w for q, w in zip(quantized, want, strict=True)) >= 0.8 * len(texts)


def test_a_conv_taggers_spans_do_not_depend_on_where_its_windows_cut(
    exported: tuple[Path, Path],
    trained: tuple[Any, list[float], list[data.TaggedSentence]],
) -> None:
    from veil.detect import learned as L  # noqa: N812

    _, _, sents = trained
    # ~2,500 tokens: several windows at every length below
    text = " ".join([s.text for s in sents[:40]] + TEXTS * 40)
    _, fp32 = exported
    rt = L._Runtime(fp32)
    assert rt.max_length == L._CONV_WINDOW  # not the 128 tokens it was exported with
    whole = rt.spans([text])
    assert len(rt.tokenizer.encode(text).overflowing) >= 4 and sum(map(len, whole)) >= 10
    for window in (64, 128, 10_000):  # 10,000: one window
        # a token is decided where it has 8 tokens of context on each side, more than the
        # convolutions see: the cuts change nothing (fp32; int8 scales each batch on its own)
        rt.tokenizer.enable_truncation(max_length=window, stride=L._STRIDE)
        assert _spans(rt.spans([text])) == _spans(whole), window


def test_packed_windows_score_as_padded_ones_with_fewer_positions(
    exported: tuple[Path, Path], tmp_path: Path,
    trained: tuple[Any, list[float], list[data.TaggedSentence]],
) -> None:
    from veil.detect import learned as L  # noqa: N812

    _, _, sents = trained
    _, fp32 = exported
    padded = tmp_path / "padded"
    shutil.copytree(fp32, padded)
    meta = json.loads((padded / "detector.json").read_text())
    del meta["reach"]  # a folder exported before: one window per row
    (padded / "detector.json").write_text(json.dumps(meta))
    packed_rt, padded_rt = L._Runtime(fp32), L._Runtime(padded)
    assert packed_rt.reach == 2 and padded_rt.reach is None
    shapes: dict[str, list[tuple[int, ...]]] = {"packed": [], "padded": []}
    for name, rt in (("packed", packed_rt), ("padded", padded_rt)):
        run = rt._run

        def recorded(feed: dict[str, Any], run: Any = run, name: str = name) -> Any:
            shapes[name].append(feed["input_ids"].shape)
            return run(feed)

        rt._run = recorded  # type: ignore[method-assign]
        rt.run_async = False

    def positions(name: str) -> int:
        return sum(b * w for b, w in shapes[name])

    # one prompt's pieces: sentences of unequal length, and one long one of several windows
    prompt = [*TEXTS, sents[0].text, " ".join(s.text for s in sents[:30])]
    tokens = sum(len(w.ids) for t in prompt
                 for e in [packed_rt.tokenizer.encode(t)] for w in [e, *e.overflowing])
    want = padded_rt.spans(prompt)
    got = packed_rt.spans(prompt)
    assert len(shapes["packed"]) == 1 and shapes["packed"][0][0] == 1  # one row, one run
    # the tokens and two masked positions between neighbours, where padding to the longest
    # window computed more than twice the tokens
    assert positions("packed") < 1.1 * tokens < 2 * tokens < positions("padded")
    # many prompts: several rows per batch, several batches
    many = [s.text for s in sents] * 12 + prompt
    want += padded_rt.spans(many, batch_size=8)
    got += packed_rt.spans(many, batch_size=8)
    assert len(shapes["packed"]) > 2 and max(w for _, w in shapes["packed"]) <= L._PACKED_ROW
    assert _spans(got) == _spans(want) and sum(map(len, want)) >= 50  # fp32: the same spans
    scores = [(a[3], b[3]) for g, w in zip(got, want, strict=True)
              for a, b in zip(g, w, strict=True)]
    assert max(abs(a - b) for a, b in scores) < 1e-5  # and scores (float sums' order aside)


@pytest.mark.parametrize("reach", [-1, 1.5, "4", True, 10_000])
def test_an_invalid_reach_fails_closed(
    exported: tuple[Path, Path], tmp_path: Path, reach: object,
) -> None:
    from veil.detect import learned as L  # noqa: N812
    from veil.errors import DetectionError

    bad = tmp_path / "bad"
    shutil.copytree(exported[0], bad)
    meta = json.loads((bad / "detector.json").read_text())
    (bad / "detector.json").write_text(json.dumps({**meta, "reach": reach}))
    with pytest.raises(DetectionError, match="invalid reach.*veil train detector"):
        L._Runtime(bad)


def test_a_folder_exported_before_gains_its_reach_from_its_graph(
    trained: tuple[Any, list[float], list[data.TaggedSentence]], tmp_path: Path,
    exported: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import subprocess
    import sys

    from veil.detect import learned as L  # noqa: N812
    from veil.train import export
    from veil.train.reach import float_convolutions_note, record_reach

    # exported as before: the convolutions as float Conv nodes, whose attributes give the reach
    monkeypatch.setattr(export, "exportable", lambda model: model)
    monkeypatch.setattr(export, "calibrated_products",
                        lambda src, dst, **_: Path(shutil.copyfile(src, dst)))
    old = export.export_detector(trained[0], tmp_path / "old")
    meta = json.loads((old / "detector.json").read_text())
    want = meta.pop("reach")
    assert meta.pop("int8_convolutions") is True  # what the folders before lacked
    (old / "detector.json").write_text(json.dumps(meta))
    assert L._Runtime(old).reach is None  # read one window per row until it is recorded
    # scripts/ensure-detector.sh runs this on a folder it keeps
    done = subprocess.run([sys.executable, "-m", "veil.train.reach", str(old)],
                          capture_output=True, text=True, check=True)
    assert f"reach ({want})" in done.stderr
    assert "convolutions in float" in done.stderr and f"--out {old}" in done.stderr
    assert float_convolutions_note(exported[0]) is None  # exported now: nothing to tell
    after = json.loads((old / "detector.json").read_text())
    assert after == {**meta, "reach": want}  # nothing else changed
    assert L._Runtime(old).reach == want
    assert record_reach(old) is None  # once
    transformer = tmp_path / "transformer"
    shutil.copytree(old, transformer)
    (transformer / "detector.json").write_text(json.dumps({**meta, "arch": "transformer"}))
    assert record_reach(transformer) is None


def test_a_short_prompt_runs_in_the_caller_and_a_long_one_beside_it(
    exported: tuple[Path, Path],
) -> None:
    from veil.detect import learned as L  # noqa: N812

    rt = L._Runtime(exported[1])
    rt.spans(TEXTS)  # a chat request's few short pieces: no hand-off to the model's thread
    assert rt._background is None
    long = " ".join(TEXTS * 8)  # one window, but enough tokens for the overlap to pay
    assert len(rt.tokenizer.encode(long).ids) >= L._BACKGROUND_TOKENS
    assert rt.spans([long]) and rt._background is not None


def test_a_long_prompt_runs_in_the_caller_while_another_is_being_detected(
    exported: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from veil.detect import learned as L  # noqa: N812

    rt = L._Runtime(exported[1])
    long = " ".join(TEXTS * 8)
    handed: list[int] = []
    runs = L._AsyncRuns

    def counted(session: Any, feeds: list[Any]) -> Any:
        handed.append(len(feeds))
        return runs(session, feeds)

    monkeypatch.setattr(L, "_AsyncRuns", counted)
    alone = rt.spans([long])
    assert handed == [1] and not rt._busy  # alone: beside the caller; the mark is gone
    # another thread between its begin and its finish: the cores are busy, no hand-off
    started, release = threading.Event(), threading.Event()
    other: list[Any] = []

    def detect() -> None:
        finish = rt.begin([long])
        started.set()
        release.wait(10)
        other.append(finish())

    t = threading.Thread(target=detect)
    t.start()
    assert started.wait(10)
    busy = rt.spans([long])
    release.set()
    t.join(10)
    assert handed == [1, 1]  # the other thread's, begun alone; this one ran in the caller
    assert _spans(busy) == _spans(alone) == _spans(other[0])
    # a mark whose finish never ran: the same thread's next call replaces it, and another
    # thread's counts only until it is stale
    rt.begin([long])  # never finished
    rt.spans([long])
    assert handed == [1, 1, 1, 1]
    rt._busy[-1] = L.time.monotonic() - L._BUSY_STALE_S - 1  # another thread's, long ago
    rt.spans([long])
    assert handed == [1, 1, 1, 1, 1]


def test_an_input_of_several_batches_runs_them_on_lanes_with_the_callers_spans(
    exported: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    from veil.detect import learned as L  # noqa: N812

    rt = L._Runtime(exported[1])
    texts = [" ".join(TEXTS * 8)] * 12  # one row of 2048 tokens per batch: several batches
    assert len(rt.tokenizer.encode(texts[0]).ids) * len(texts) > 2 * L._PACKED_ROW
    handed: list[int] = []
    start = L._Lanes.start

    def counted(lanes: Any, feeds: list[Any]) -> Any:
        handed.append(len(feeds))
        return start(lanes, feeds)

    monkeypatch.setattr(L._Lanes, "start", counted)
    on_lanes = rt.spans(texts, batch_size=1)
    assert handed and handed[0] >= L._LANE_FEEDS and rt._background is None
    monkeypatch.setattr(L, "_BACKGROUND_TOKENS", 10**9)  # everything in the caller
    in_caller = rt.spans(texts, batch_size=1)
    assert len(handed) == 1
    assert on_lanes == in_caller and any(on_lanes)  # scores too: the same logits


def test_a_failed_or_silent_lane_refuses_the_request(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from veil.detect import learned as L  # noqa: N812
    from veil.errors import DetectionError

    class Failing:
        def run(self, names: list[str], feed: dict[str, Any]) -> Any:
            raise RuntimeError("node Conv_3 failed on Maria Lopez")

    class Silent:
        def run(self, names: list[str], feed: dict[str, Any]) -> Any:
            time.sleep(0.5)
            return [None]

    monkeypatch.setattr(L, "_session", lambda ort, model, threads: Failing())
    with pytest.raises(DetectionError, match="failed on this input") as e:
        L._Lanes(None, "model.onnx", 2).start([{}, {}, {}])()
    assert "Conv_3" not in str(e.value) and "Maria" not in str(e.value)
    monkeypatch.setattr(L, "_session", lambda ort, model, threads: Silent())
    monkeypatch.setattr(L, "_RUN_TIMEOUT_S", 0.1)
    with pytest.raises(DetectionError, match="no answer"):
        L._Lanes(None, "model.onnx", 2).start([{}, {}, {}])()


def test_threads_detecting_at_once_get_the_spans_of_one_alone(
    exported: tuple[Path, Path],
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from veil.detect import learned as L  # noqa: N812

    rt = L._Runtime(exported[1])
    texts = [" ".join(TEXTS * 8), *TEXTS]  # a long one (the model's own thread, when alone)
    want = _spans(rt.spans(texts))
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda _: _spans(rt.spans(texts)), range(40)))
    assert all(g == want for g in got)
    assert not rt._busy  # every mark taken back


def test_runtime_without_the_case_flag_feeds_zeros(
    exported: tuple[Path, Path], tmp_path: Path
) -> None:
    import numpy as np

    from veil.detect.learned import _Runtime

    _, fp32 = exported
    old = tmp_path / "old"
    shutil.copytree(fp32, old)
    meta = json.loads((old / "detector.json").read_text())
    del meta["case"]
    (old / "detector.json").write_text(json.dumps(meta))
    rt = _Runtime(old)
    assert not rt.case
    feeds: list[dict[str, Any]] = []
    session = rt.session

    class Recorder:
        def run(self, names: list[str], feed: dict[str, Any]) -> Any:
            feeds.append(feed)
            return session.run(names, feed)

    rt.session = Recorder()
    rt.run_async = False  # every batch through the recorded session, in the caller
    rt.spans(TEXTS)
    assert feeds and all(not np.any(f["token_type_ids"]) for f in feeds)
    new = _Runtime(fp32)
    session = new.session
    new.session = Recorder()
    new.run_async = False
    feeds.clear()
    new.spans(TEXTS)
    types = np.concatenate([f["token_type_ids"].ravel() for f in feeds])
    assert types.max() > 0 and types.max() < CASE_CLASSES


def test_runtime_maps_labels_by_name(exported: tuple[Path, Path], tmp_path: Path) -> None:
    from veil.detect.learned import _Runtime

    _, fp32 = exported
    texts = TEXTS
    want = _spans(_Runtime(fp32).spans(texts))
    kinds = {label for spans in want for _, _, label in spans}
    assert "PERSON" in kinds
    swapped = tmp_path / "swapped"
    shutil.copytree(fp32, swapped)
    meta = json.loads((swapped / "detector.json").read_text())
    rename = {"B-PERSON": "B-LOCATION", "I-PERSON": "I-LOCATION",
              "B-LOCATION": "B-PERSON", "I-LOCATION": "I-PERSON",
              "B-ORGANIZATION": "B-MISC", "I-ORGANIZATION": "I-MISC"}  # fmt: skip
    meta["labels"] = [rename.get(label, label) for label in meta["labels"]]
    (swapped / "detector.json").write_text(json.dumps(meta))
    rt = _Runtime(swapped)
    assert rt.label_map.tolist() == [0, 3, 4, 1, 2, 0, 0]
    swap = {"PERSON": "LOCATION", "LOCATION": "PERSON"}
    got = _spans(rt.spans(texts))
    # the model's PERSON columns now read as LOCATION and back; an unknown type is O
    assert got == [
        [(s, e, swap[label]) for s, e, label in spans if label != "ORGANIZATION"] for spans in want
    ]


@pytest.mark.parametrize(
    ("value", "dropped"),
    [
        ("The", True),
        ("the", True),
        ("He", True),
        ("Can I", True),
        ("Then", True),
        ("Will", False),  # a stop word that is also a first name
        ("May", False),
        ("Ana", False),
        ("The Hague", False),
        ("Will Smith", False),
        ("", False),
        ("...", False),
    ],
)
def test_function_words_are_not_names(value: str, dropped: bool) -> None:
    from veil.detect.learned import _function_words

    assert _function_words(value) is dropped


@pytest.mark.parametrize(("text", "span", "dropped"), [
    ("Don't go there", (0, 3), True),  # a negation's stem
    ("Sam's car is red", (0, 3), False),
    ("C'mon, Anna", (2, 5), True),  # a lower-case word in a piece with capitals
    ("Ask Mr Smith now", (7, 12), False),
    ("Piet van der Berg", (5, 17), False),  # particles inside a capitalised name
    ("The end", (0, 3), True),
])
def test_model_spans_that_are_never_names(
    text: str, span: tuple[int, int], dropped: bool
) -> None:
    from veil.detect.learned import _not_a_name

    assert _not_a_name(text, *span) is dropped


def test_lower_case_names_of_lower_case_chat_stay() -> None:
    from veil.detect.learned import _not_a_name

    text = "hi i'm rahul sharma"
    assert _not_a_name(text, 8, 19, cased=False) is False
    assert _not_a_name(text, 8, 19, cased=True) is True
