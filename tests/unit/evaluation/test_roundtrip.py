from veil.evaluation.roundtrip import run_roundtrip, write_report


def test_roundtrip_patterns_only_is_exact_and_reports(tmp_path):
    result = run_roundtrip(n=15, seeds=[7], ner=False)
    assert result["total"] == 15 * 2 * 3
    for row in result["rows"].values():
        assert row["samples"] == 15
        assert row["exact"] == 1.0, row
    paths = write_report(result, tmp_path)
    assert all(p.exists() for p in paths)
    assert "| placeholder | hard | 15 | 1.0000 |" in (tmp_path / "roundtrip.md").read_text()
