"""Personal numbers of more countries (Poland, Turkey, Finland, Sweden, Norway, Denmark,
Romania, South Africa, Mexico, Chile, Israel, Switzerland, Belgium, Thailand): found with the
word that names them, the distinctive shapes alone; the same digits without the word, or with
a failing check, are left; replacements pass the same check."""

from __future__ import annotations

import base64
import random
from pathlib import Path

import pytest

from veil.config import ENTITY_TYPES, Policy, Settings
from veil.core import Veil
from veil.detect import DetectionEngine
from veil.detect.national import (
    BE_NATIONAL_NUMBER,
    CH_AHV,
    CL_RUT,
    DK_CPR,
    FI_PERSONAL_IDENTITY_CODE,
    IL_ID_NUMBER,
    MX_CURP,
    NATIONAL_ID_TYPES,
    NATIONAL_RECOGNIZERS,
    NO_FODSELSNUMMER,
    PL_PESEL,
    RO_CNP,
    SE_PERSONNUMMER,
    TH_TNIN,
    TR_NATIONAL_ID,
    ZA_ID_NUMBER,
)
from veil.detect.patterns import PatternRecognizer

_NEW = (PL_PESEL, TR_NATIONAL_ID, FI_PERSONAL_IDENTITY_CODE, SE_PERSONNUMMER, NO_FODSELSNUMMER,
        DK_CPR, RO_CNP, ZA_ID_NUMBER, MX_CURP, CL_RUT, IL_ID_NUMBER, CH_AHV, BE_NATIONAL_NUMBER,
        TH_TNIN)

# (text, type, value): the published sample numbers of each scheme, with their words
_LABELLED = [
    ("Nazywam się Anna Nowak, PESEL 44051401359", "PL_PESEL", "44051401359"),
    ("TC kimlik numaram 10000000146", "TR_NATIONAL_ID", "10000000146"),
    ("Henkilötunnus: 131052-308T", "FI_PERSONAL_IDENTITY_CODE", "131052-308T"),
    ("my personnummer is 811228-9874", "SE_PERSONNUMMER", "811228-9874"),
    ("Mitt fødselsnummer er 15108695088", "NO_FODSELSNUMMER", "15108695088"),
    ("CPR-nr. 211062-5629", "DK_CPR", "211062-5629"),
    ("CNP: 1630615123457", "RO_CNP", "1630615123457"),
    ("South African ID number 7503305044089", "ZA_ID_NUMBER", "7503305044089"),
    ("ת.ז 039337423", "IL_ID_NUMBER", "039337423"),
    ("mi CURP es BOXW310820HNERXN09", "MX_CURP", "BOXW310820HNERXN09"),
    ("RUT: 12.345.678-5", "CL_RUT", "12.345.678-5"),
    ("teudat zehut 039337423", "IL_ID_NUMBER", "039337423"),
    ("AHV-Nr. 756.9217.0769.85", "CH_AHV", "756.9217.0769.85"),
    ("rijksregisternummer 85.07.30-033.28", "BE_NATIONAL_NUMBER", "85.07.30-033.28"),
    ("Thai ID 1-1017-00207-03-0", "TH_TNIN", "1-1017-00207-03-0"),
]


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _found(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text)]


@pytest.mark.parametrize(("text", "kind", "value"), _LABELLED)
def test_a_personal_number_with_its_word(engine: DetectionEngine, text: str, kind: str,
                                         value: str) -> None:
    assert (kind, value) in _found(engine, text)


@pytest.mark.parametrize(("text", "kind", "value"), [
    # the shapes no other number has stand alone
    ("ref 131052-308T attached", "FI_PERSONAL_IDENTITY_CODE", "131052-308T"),
    ("the form says BOXW310820HNERXN09", "MX_CURP", "BOXW310820HNERXN09"),
    ("insured 756.9217.0769.85 since 2019", "CH_AHV", "756.9217.0769.85"),
    ("holder 85.07.30-033.28", "BE_NATIONAL_NUMBER", "85.07.30-033.28"),
])
def test_a_distinctive_shape_alone(engine: DetectionEngine, text: str, kind: str,
                                   value: str) -> None:
    assert (kind, value) in _found(engine, text)


@pytest.mark.parametrize(("text", "kind"), [
    # the same digits without the word: an order, an invoice, a phone
    ("order 44051401359 shipped", "PL_PESEL"),
    ("invoice 7503305044089 paid", "ZA_ID_NUMBER"),
    ("tracking 1630615123457", "RO_CNP"),
    ("ticket 10000000146 closed", "TR_NATIONAL_ID"),
    ("build 039337423 passed", "IL_ID_NUMBER"),
    # the word, and a number whose check fails
    ("PESEL 44051401358", "PL_PESEL"),
    ("CNP: 1630615123458", "RO_CNP"),
    ("henkilötunnus 131052-308A", "FI_PERSONAL_IDENTITY_CODE"),
])
def test_without_its_word_or_its_check(engine: DetectionEngine, text: str, kind: str) -> None:
    assert kind not in [t for t, _ in _found(engine, text)]


def test_registered_and_declared() -> None:
    names = DetectionEngine(Policy(ner=False)).registry.names
    for rec in _NEW:
        assert rec in NATIONAL_RECOGNIZERS and rec.name in names
        assert rec.entity in ENTITY_TYPES and rec.entity in NATIONAL_ID_TYPES


def test_presidio_names_map_to_the_same_types() -> None:
    from veil.detect.presidio_backend import PRESIDIO_TO_VEIL

    for t in ("PL_PESEL", "FI_PERSONAL_IDENTITY_CODE", "SE_PERSONNUMMER", "TR_NATIONAL_ID",
              "ZA_ID_NUMBER", "TH_TNIN"):
        assert PRESIDIO_TO_VEIL[t] == t


@pytest.mark.parametrize(("rec", "value"), [
    (r, v) for r in _NEW for _, k, v in _LABELLED if k == r.entity and r is not DK_CPR])
def test_synthetic_values_pass_the_check(rec: PatternRecognizer, value: str) -> None:
    from faker import Faker

    from veil.mask.synthetic import generate

    rng, fake = random.Random(5), Faker("en_US")
    outs = {generate(rec.entity, value, rng, fake) for _ in range(20)}
    assert value not in outs and len(outs) > 10
    for out in outs:
        assert rec.validate is not None and rec.validate(out) is True, out
        assert [c.isalnum() for c in out] == [c.isalnum() for c in value], out


def test_masked_and_restored(tmp_path: Path) -> None:
    v = Veil(Settings(home=tmp_path, master_key=base64.b64encode(b"n" * 32).decode()),
             policy=Policy(ner=False))
    for k, (text, _, value) in enumerate(_LABELLED):
        masked = v.protect(text, session=f"s{k}").masked
        assert value not in masked, value
        assert v.restore(masked, session=f"s{k}") == text


def test_anchored_equals_full_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    from veil.detect import patterns

    texts = [t for t, _, _ in _LABELLED] + [
        "PESEL 4405140135944051401359 x44051401359 44051401359.5 pesel:44051401359",
        "kimlik 10000000146-1 1000000014 henkilötunnus 131052-308T1 a131052-308T",
        "CURP xBOXW310820HNERXN09 BOXW310820HNERXN091 rut 12345678-5 RUT 1.234.567-4",
        "AHV 7569217076985 756.9217.076985 cnp 1630615123457 sa id 750330 5044 089"]
    anchored = [[(d.start, d.end) for d in r.analyze(t)] for r in _NEW for t in texts]
    monkeypatch.setattr(patterns, "ANCHORED", False)
    assert [[(d.start, d.end) for d in r.analyze(t)] for r in _NEW for t in texts] == anchored


def test_a_curp_whose_check_fails_is_masked_after_its_word(pattern_engine) -> None:  # type: ignore[no-untyped-def]
    # (as the SSN's, the PAN's and the NHS number's fallbacks: a typo leaves the rest of a
    # real one, and a sample goes where a real one would)
    found = [(d.type, d.text, d.recognizer) for d in pattern_engine.analyze(
        "CURP BOXW310820HNERXN08")]
    assert found == [("MX_CURP", "BOXW310820HNERXN08", "mx_curp_context")]
    assert pattern_engine.analyze("ref BOXW310820HNERXN08 closed") == []
