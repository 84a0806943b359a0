import veil


def test_all_is_sorted_and_resolves():
    assert veil.__all__ == sorted(veil.__all__)
    for name in veil.__all__:
        assert getattr(veil, name) is not None


def test_public_names():
    assert veil.__all__ == [
        "Policy", "PrivacyCore", "ProtectResult", "Settings", "Veil", "VeilError", "__version__",
        "wrap",
    ]


def test_privacy_core_contract_is_what_the_gateway_uses():
    from veil.gateway import privacy

    assert privacy.PrivacyCore is veil.PrivacyCore
    verbs = {"protect", "restore", "stream_restorer", "scan_output", "policy", "set_policy",
             "check_vault", "check_detector"}
    assert verbs <= set(dir(veil.PrivacyCore))
    assert verbs <= set(dir(veil.Veil))
    # A request's strings in one call (one vault read and write): the gateway uses it when the
    # core has it, so it is part of the contract the gateway is typed against.
    from veil.core import BatchPrivacyCore

    assert privacy.BatchPrivacyCore is BatchPrivacyCore
    assert "protect_many" in dir(BatchPrivacyCore) and hasattr(veil.Veil, "protect_many")


def test_import_is_light():
    import subprocess
    import sys

    code = "import sys, veil; print('spacy' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
