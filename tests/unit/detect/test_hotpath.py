"""The hot-path rewrites give the same answers as the plain code they replaced: the indexed
name merge, the per-view seen-value index, regex matches shared between recognizers, and the
stop-word lists read without importing spaCy."""

from __future__ import annotations

import ast
import base64
import os
import random
import subprocess
import sys

from veil import Veil
from veil.config import Policy, Settings
from veil.detect import patterns
from veil.detect.dates import DATE_OF_BIRTH, DATE_TIME
from veil.detect.entity import Detection
from veil.detect.ner import NER_SCORE, _merge_names
from veil.detect.seen import SeenEntityCache


def _merge_reference(text: str, ner: list[Detection], extra: list[Detection]) -> list[Detection]:
    """The former quadratic merge, kept as the specification."""
    out = list(ner)
    for h in extra:
        hits = [d for d in out if d.overlaps(h)]
        if not hits:
            out.append(h)
            continue
        if all(d.type == "PERSON" for d in hits):
            s = min([h.start] + [d.start for d in hits])
            e = max([h.end] + [d.end for d in hits])
            for d in hits:
                out.remove(d)
            out.append(Detection("PERSON", s, e, max(NER_SCORE, h.score), "spacy_ner", text[s:e]))
        elif h.score >= 0.75:
            for d in hits:
                out.remove(d)
            out.append(h)
    return out


def _key(ds: list[Detection]) -> list[tuple[str, int, int, float, str]]:
    return [(d.type, d.start, d.end, d.score, d.recognizer) for d in ds]


def test_indexed_name_merge_equals_the_reference_merge() -> None:
    rng = random.Random(20)  # fixed seed: the same cases on every run
    text = "x" * 400
    for _ in range(300):
        def span(kind: str, score: float, recognizer: str) -> Detection:
            s = rng.randrange(0, 380)
            return Detection(kind, s, s + rng.randint(1, 20), score, recognizer, "")
        ner = [span(rng.choice(["PERSON", "PERSON", "ORGANIZATION", "LOCATION"]), NER_SCORE,
                    "spacy_ner") for _ in range(rng.randint(0, 12))]
        extra = [span("PERSON", rng.choice([0.6, 0.7, 0.75, 0.8]), "name_heuristic")
                 for _ in range(rng.randint(0, 12))]
        assert _key(_merge_names(text, ner, extra)) == _key(_merge_reference(text, ner, extra))


def test_extended_seen_cache_leaves_the_original_alone() -> None:
    base = SeenEntityCache([("PERSON", "Okonkwo")])
    text = "send it to okonkwo and to Ferreira-Lima"
    before = _key(base.analyze(text))
    more = base.extended([("PERSON", "Ferreira-Lima"), ("PERSON", "Okonkwo")])
    assert _key(base.analyze(text)) == before and len(base) == 1
    fresh = SeenEntityCache([("PERSON", "Okonkwo"), ("PERSON", "Ferreira-Lima")])
    assert _key(more.analyze(text)) == _key(fresh.analyze(text))
    assert {d.text for d in more.analyze(text)} == {"okonkwo", "Ferreira-Lima"}


def test_seen_index_per_view_follows_the_session(tmp_path) -> None:
    veil = Veil(Settings(home=tmp_path, master_key=base64.b64encode(bytes(range(32))).decode()),
                policy=Policy(ner=False))
    first = veil.protect("mail jane.doe@example.org or call +44 20 7946 0958", session="s")
    assert len(first.entities) == 2
    # the view's index must now know both values, and a later one once it is written
    again = veil.protect("JANE.DOE@EXAMPLE.ORG wrote", session="s")
    assert "example" not in again.masked.lower()
    veil.protect("her colleague is at zed@example.net", session="s")
    vault = veil.vault
    view = vault.view("default", "s")
    stage = veil._detection
    text = "cc Zed@Example.net and jane.doe@example.org, +44 20 7946 0958"
    by_view = stage.detect(text, tenant="default", view=view)
    by_entries = stage.detect(text, tenant="default", entries=view.entries)
    assert _key(by_view) == _key(by_entries) and len(by_view) == 3
    index = stage._seen_of(view)
    rebuilt = SeenEntityCache((e.entity_type, e.original) for e in view.entries)
    assert len(index) == len(rebuilt) >= 3 and "ZED@example.net" in index
    assert stage._seen_of(view) is index  # nothing new: the same index, not a rebuild
    # another session's view has its own index
    assert stage.detect("Zed@Example.net", tenant="default",
                        view=vault.view("default", "other")) == \
        stage.detect("Zed@Example.net", tenant="default", entries=())


def test_shared_regex_matches_give_the_same_dates() -> None:
    text = ("Born on 12 March 1984, she moved on 2019-05-02; DOB 03/04/1975. "
            "Meeting Monday, 5 May 2025 at 10:00. Geboren am 1. Mai 1960.")
    alone = (_key(DATE_OF_BIRTH.analyze(text)), _key(DATE_TIME.analyze(text)))
    with patterns.shared_matches():
        shared = (_key(DATE_OF_BIRTH.analyze(text)), _key(DATE_TIME.analyze(text)))
        assert patterns._shared.memo  # the second recognizer read the first one's matches
    assert shared == alone and alone[0] and alone[1]
    assert patterns._shared.memo is None  # texts are not kept after the block


def test_stop_words_and_name_heuristics_do_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "from veil.detect.stopwords import stop_words\n"
        "from veil.detect.ner import heuristic_names\n"
        "from veil.detect.organizations import _leading_words\n"
        "from veil.detect.gazetteer import _stop_words\n"
        "names = [d.text for d in heuristic_names('Hi, I am Jane Doe. Thanks, Maria')]\n"
        "print(repr((names, len(stop_words('en')), len(_stop_words('de')), len(_leading_words()),"
        " stop_words('../en') == frozenset(), 'spacy' in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert out.returncode == 0, out.stderr[-2000:]
    names, n_en, n_de, n_lead, refused, spacy_loaded = ast.literal_eval(
        out.stdout.strip().splitlines()[-1])
    assert "Jane Doe" in names
    assert n_en > 300 and n_de > 300 and n_lead > n_en - 10
    assert refused is True and spacy_loaded is False



def test_veil_protect_registers_only_its_command_module(tmp_path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("ner: false\n")
    code = (
        "import sys\n"
        "from veil.cli.app import main\n"
        f"sys.argv = ['veil', 'protect', '--policy', {str(policy)!r}, 'mail jane@example.org']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(repr(sorted(m for m in sys.modules if m.startswith('veil.cli.') or m == 'spacy')),"
        " file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, env=dict(os.environ, VEIL_HOME=str(tmp_path / "home"),
                                               HF_HUB_OFFLINE="1"))
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "mail [EMAIL_1]"
    modules = ast.literal_eval(out.stderr.strip().splitlines()[-1])
    assert "veil.cli.protect" in modules
    assert not {"veil.cli.bench", "veil.cli.serve", "veil.cli.train", "spacy"} & set(modules)


def test_full_command_tree_and_help_list_every_command() -> None:
    from typer.testing import CliRunner

    from veil.cli.app import _command_names, app

    commands, groups = _command_names(app)
    assert {"protect", "restore", "serve"} <= commands and {"bench", "eval"} <= set(groups)
    assert {"hotpath", "detect"} <= _command_names(groups["bench"])[0]
    shown = CliRunner().invoke(app, ["--help"], terminal_width=200).output
    assert all(name in shown for name in commands | set(groups))
