import veil


def test_all_is_sorted_and_resolves():
    assert veil.__all__ == sorted(veil.__all__)
    for name in veil.__all__:
        assert getattr(veil, name) is not None


def test_import_is_light():
    import subprocess
    import sys

    code = "import sys, veil; print('spacy' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
