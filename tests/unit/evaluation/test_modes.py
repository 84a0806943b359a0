"""`veil eval modes` machinery on a tiny random Llama: rows, agreement, MPC rows, report files."""

from __future__ import annotations

import json

import pytest

from veil.evaluation.modes import (
    HOST_VIEW,
    LLMSetup,
    ModesConfig,
    markdown,
    merge,
    run,
    write_report,
)


@pytest.fixture(scope="module")
def tiny_llm() -> LLMSetup:
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    cfg = LlamaConfig(vocab_size=256, hidden_size=32, intermediate_size=64,
                      num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                      max_position_embeddings=256)
    model = LlamaForCausalLM(cfg).eval()
    return LLMSetup(model, lambda p: [1, *(3 + b % 250 for b in p.encode()[:48]), 2],
                    name="tiny-llama", decode=lambda ids: "".join(chr(97 + i % 26) for i in ids))


def test_modes_table_on_a_tiny_model(tmp_path, tiny_llm):
    mpc_dir = tmp_path / "crypto"
    mpc_dir.mkdir()
    (mpc_dir / "mpc.json").write_text(json.dumps({"model": "SmolLM2", "runs": [
        {"protocol": "ABY3", "parties": 3, "layers": 1, "seconds_per_token": 6.0,
         "bytes_per_party_per_token": 1.0e7, "client_bytes_per_token": 4096.0,
         "agreement": 1.0, "startup_s": 30.0, "load": "1.0 1.0 1.0"},
        {"protocol": "ABY3", "parties": 3, "layers": 2, "seconds_per_token": 12.5,
         "bytes_per_party_per_token": 2.0e7, "client_bytes_per_token": 4096.0,
         "client_recv_bytes_per_token": 8192.0,
         "agreement": 1.0, "startup_s": 30.0, "load": "1.0 1.0 1.0"},
        {"protocol": "SEMI2K", "parties": 2, "layers": 1, "seconds_per_token": 3.0,
         "bytes_per_party_per_token": 5.0e6, "client_bytes_per_token": 2048.0,
         "agreement": 1.0, "precision": "pade", "startup_s": 30.0, "load": "1.0 1.0 1.0"}]}))
    cfg = ModesConfig(n_prompts=2, answer_tokens=4, modes=("plaintext", "obfuscation", "MPC"),
                      obfuscation_mode="exact", results_root=tmp_path, progress=False)
    prompts = ["Jane Doe lives at 5 Elm St.", "Call 555-0100."]
    report = run(cfg, llm=tiny_llm, prompts=prompts)
    rows = {r["mode"]: r for r in report["rows"]}
    assert set(rows) == {"plaintext", "obfuscation", "MPC ABY3", "MPC SEMI2K"}
    assert rows["plaintext"]["agreement"] == 1.0  # the reference agrees with itself
    # The exact mode computes the same function up to float error: same greedy tokens.
    assert rows["obfuscation"]["agreement"] >= 0.99
    assert rows["obfuscation"]["bytes_client_to_host"] > 0
    # The host receives a whole chat-completions body (JSON envelope, model, max_tokens), not
    # just the prompt's bytes, and sends an answer body back.
    sent = [json.dumps({"model": "tiny-llama", "messages": [{"role": "user", "content": p}],
                        "max_tokens": 4}).encode() for p in prompts]
    assert rows["plaintext"]["bytes_client_to_host"] == sum(map(len, sent)) / 2
    assert rows["plaintext"]["bytes_host_to_client"] > len('{"choices": []}')
    mpc = rows["MPC ABY3"]  # the configured depth (2 blocks) out of the file's runs
    assert (mpc["latency"], mpc["bytes_between_parties"]) == (12.5, 2.0e7)
    assert (mpc["bytes_client_to_host"], mpc["bytes_host_to_client"]) == (4096.0, 8192.0)
    assert mpc["source"].endswith("crypto/mpc.json")
    # Runs recorded before precision presets existed used SPU's default (Taylor) exp.
    assert "(2 layers, taylor fixed point)" in mpc["task"]
    # A protocol measured only at another depth keeps its row, labelled with that depth.
    assert "(1 layers, pade fixed point)" in rows["MPC SEMI2K"]["task"]
    assert rows["MPC SEMI2K"]["latency"] == 3.0
    for r in report["rows"]:
        assert r["host_sees"] in HOST_VIEW.values()
    paths = write_report(report, tmp_path / "modes")
    assert [p.name for p in paths] == ["modes.json", "modes.md", "modes.png"]
    md = (tmp_path / "modes" / "modes.md").read_text()
    assert "| obfuscation |" in md and "Jane" not in md and "555" not in md


def test_mpc_row_says_not_measured_without_results(tmp_path):
    report = run(ModesConfig(modes=("MPC",), results_root=tmp_path, progress=False))
    (row,) = report["rows"]
    assert row["source"] == "not measured in this run" and row["latency"] is None
    assert "not measured in this run" in markdown(report)
    fresh = {"rows": [dict(row, source="measured later")], "meta": {}}
    merged = merge({"rows": [dict(row, mode="HE"), row], "meta": {}}, fresh)
    assert [(r["mode"], r["source"]) for r in merged["rows"]] == [
        ("MPC", "measured later"), ("HE", "not measured in this run")]


def test_mpc_row_takes_teacher_forced_agreement_of_the_same_model(tmp_path):
    crypto = tmp_path / "crypto"
    crypto.mkdir()
    base = {"parties": 3, "layers": 30, "seconds_per_token": 300.0, "tokens": 6,
            "bytes_per_party_per_token": 2.7e9, "client_bytes_per_token": 1e6, "agreement": 1.0,
            "precision": "pade"}
    (crypto / "mpc.json").write_text(json.dumps({"runs": [
        {"protocol": "ABY3", **base}, {"protocol": "SEMI2K", **base, "precision": "taylor"}]}))
    tf = {"protocol": "ABY3", "layers": 30, "precision": "pade", "agree": 150,
          "positions": 157, "agreement": 150 / 157, "wilson95": [0.9104, 0.9782]}
    (crypto / "mpc_teacher_forced.json").write_text(json.dumps({"runs": [
        tf, {**tf, "positions": 40, "agree": 40, "agreement": 1.0},  # a smaller run: not used
        {**tf, "precision": "fm128", "agreement": 0.5}]}))
    report = run(ModesConfig(modes=("MPC",), mpc_layers=30, results_root=tmp_path,
                             progress=False))
    rows = {r["mode"]: r for r in report["rows"]}
    aby3 = rows["MPC ABY3"]
    assert aby3["agreement"] == pytest.approx(150 / 157)
    assert aby3["agreement_metric"] == ("teacher-forced top-1 vs the float model, 150/157 "
                                        "positions, Wilson 95% 0.910-0.978; greedy tokens 6/6")
    # No teacher-forced run of SEMI2K at its precision: its greedy figure stays.
    assert rows["MPC SEMI2K"]["agreement"] == 1.0
    assert rows["MPC SEMI2K"]["agreement_metric"] == "greedy tokens equal to the float model's"
