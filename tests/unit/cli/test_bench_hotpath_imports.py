"""The heavy-module list of ``veil bench hotpath`` read from ``-X importtime`` output.

The sample is real output of ``veil protect`` (trimmed to the lines on the paths of torch,
cupy, thinc, spaCy and veil.config, ancestors kept): spaCy is reached only through submodules
(``spacy.errors``, ``spacy.pipeline``...; no line of its own), and torch has a 10 us line
because thinc's ``import torch`` failed while Veil marked it missing.
"""

from __future__ import annotations

from pathlib import Path

from veil.cli.bench_hotpath import LOADED_MARK, heavy_imports

SAMPLE = (Path(__file__).parent / "data" / "importtime_protect.txt").read_text()

#: Cumulative microseconds of the sample's outermost spaCy lines (depth 0); every other spaCy
#: line is nested inside one of them (spacy.compat in spacy.errors, spacy.util and spacy.about
#: in spacy.pipeline).
OUTERMOST_SPACY_US = [
    603334, 578401, 813500, 671, 439, 412, 329, 201, 292, 406, 14992, 3842, 2417, 5998, 2624,
    7689, 9412,
]


def test_spacy_is_counted_from_its_outermost_submodule_lines() -> None:
    found = heavy_imports(SAMPLE)
    assert found == {"spacy": round(sum(OUTERMOST_SPACY_US) / 1e6, 3)}


def test_a_failed_import_is_not_reported_as_loaded() -> None:
    # Without the child's list of loaded packages, the failed import's line is all there is.
    without_mark = "\n".join(ln for ln in SAMPLE.splitlines() if not ln.startswith(LOADED_MARK))
    assert heavy_imports(without_mark)["torch"] == 0.0
    assert "torch" not in heavy_imports(SAMPLE)


def test_nested_lines_of_one_package_are_not_counted_twice() -> None:
    lines = [
        "import time: self [us] | cumulative | imported package",
        "import time:       100 |        100 |     spacy.about",
        "import time:       200 |        300 |   spacy.util",
        "import time:      1000 |       5000 |     transformers.utils",
        "import time:       500 |       6000 |   thinc",
        "import time:       700 |      7000 | spacy",
        "import time:        50 |         50 | transformers.models",
    ]
    # transformers inside spacy counts for both (each figure is that package's cumulative time)
    assert heavy_imports("\n".join(lines)) == {"spacy": 0.007, "transformers": 0.005}
