"""A position in NMEA 0183 sentences, as a GPS receiver, a tracker or a fitness watch logs them:
``$GPGGA,064102.00,5328.8455,N,00214.5579,W,1,08,0.9,38.2,M,47.0,M,,*4F``.

The latitude and longitude are degrees and minutes run together (``5328.8455`` is 53°28.8455')
with their hemispheres in the next fields, a shape no coordinate pattern reads. Read: the
position of the sentences that carry one (``GGA``, ``RMC``, ``GLL``, ``GNS``) from any satellite
system's talker (``GP``, ``GN``, ``GL``, ``GA``, ``GB``, ``BD``, ``GI``, ``QZ``); the time, the
fix's quality and the checksum stay.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer

_SCORE = 0.95
_SENTENCE = re.compile(r"\$(?:GP|GN|GL|GA|GB|BD|GI|QZ)(?:GGA|RMC|GLL|GNS),[^\r\n$*]{0,40}?"
                       r"(?P<lat>\d{4}\.\d{1,6}),[NS],(?P<lon>\d{5}\.\d{1,6}),[EW]")
_SENTENCES = ("GGA,", "RMC,", "GLL,", "GNS,")


class NmeaRecognizer(Recognizer):
    """The latitude and longitude of an NMEA sentence."""

    name = "nmea"
    entities = ("LOCATION",)
    validated = True  # the sentence's layout says what the fields are

    def idle(self, text: str) -> bool:
        return "$" not in text or not any(s in text for s in _SENTENCES)

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        for m in _SENTENCE.finditer(text):
            for group in ("lat", "lon"):
                s, e = m.span(group)
                out.append(Detection("LOCATION", s, e, _SCORE, self.name, text[s:e]))
        return out


NMEA = NmeaRecognizer()
