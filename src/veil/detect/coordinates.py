"""Geographic coordinates (LOCATION): a point on the map pins a person down as well as an address.

Three shapes, from the most to the least specific:

* marked: degrees with a degree sign or a hemisphere letter, minutes and seconds optional
  (``37°46'29.6"N 122°25'09.8"W``, ``51.5007° N, 0.1246° W``, ``N 40.7128 W 74.0060``). A pair
  needs both halves marked; one half alone needs its hemisphere, its degree sign and some
  precision (minutes or two decimals), so ``37°C`` or ``a 12.5 N force`` stay prose.
* labelled: numbers after ``lat``/``lng`` labels (``lat 48.8584 lon 2.2945``,
  ``"lat": 48.8584, "lng": 2.2945``, ``LatLng(48.8584, 2.2945)``); the labels stay in the clear.
* a bare decimal pair (``40.7128, -74.0060``): floats are everywhere (CSV rows, metrics,
  vectors), so it needs a geographic word nearby (``gps``, ``location``, ``meet``, ``at``...),
  three decimals a side, no number list around it, not both halves below 1 (scores and
  probabilities are; places on the map seldom) and not both round (``10.000, 20.000``). Code
  such as ``point = (40.7128, -74.0060)`` with no such word stays in the clear; named
  ``lat=``/``lng=`` or ``LatLng(...)`` it is labelled.

Every shape is range-checked (latitude to 90, longitude to 180, minutes and seconds below 60),
and a pair is one span.
"""

from __future__ import annotations

import re

from veil.detect.patterns import Pattern, PatternRecognizer

# The degree sign, its look-alikes, and "º" as NFKC writes it ("o") when minutes follow.
_DEG = r"(?:[°˚º]|[ \t]?deg\b\.?|o(?=[ \t]?\d{1,2}(?:\.\d{1,12})?['′’‘´]))"
_MIN = r"['′’‘´]"
_SEC = r"(?:''|′′|’’|[\"″”“])"
_HEM = r"[NSEW](?![A-Za-z])"
# degrees with a sign, minutes and seconds optional; or decimal degrees needing a hemisphere
_WITH_DEG = (rf"\d{{1,3}}(?:\.\d{{1,12}})?{_DEG}(?:[ \t]?\d{{1,2}}(?:\.\d{{1,12}})?{_MIN}"
             rf"(?:[ \t]?\d{{1,2}}(?:\.\d{{1,12}})?{_SEC})?)?")
_BARE_DEG = r"\d{1,3}\.\d{2,12}"
_SUFFIXED = rf"[-+]?(?:{_WITH_DEG}(?:[ \t]?{_HEM})?|{_BARE_DEG}[ \t]?{_HEM})"
_PREFIXED = rf"(?<![A-Za-z])[NSEW][ \t]?(?:{_WITH_DEG}|{_BARE_DEG})"
# (here and below, never two runs of spaces side by side: on a long run they backtrack
# quadratically)
_SEP = r"[ \t]*(?:[,;/][ \t]*)?"
# what may follow a coordinate: not more of a number, a word, or another mark
_END = r"(?![\w°˚º'′’‘´\"″”“]|\.\d)"
_LEND = r"(?![\w°˚º]|\.\d)"  # a quote may close a labelled value ("lat": "48.8584")

# Labels: the numbers after them are the value, the labels stay.
_LAT = r"(?i:lat(?:itude)?)"
_LON = r"(?i:lon(?:g(?:itude)?)?|lng)"
_KEY = r"[\"']?[ \t]*(?:[:=][ \t]*)?[\"']?"  # lat: / "lat": / lat=
_NUM = r"[-+]?\d{1,3}\.\d{2,12}"
_NEXT = r"[\"']?(?:[ \t]*[,;&])?\s{0,16}[\"']?"  # between one labelled value and the next label
_LABEL_MARK = "lat|lon|lng"  # (one mark: the labelled scans share where it is found)
_BOTH = (r"(?i:lat(?:itude)?[ \t]*(?:[/,&][ \t]*)?(?:lon(?:g(?:itude)?)?|lng)|latlo?ng)"
         r"[\"']?[ \t]*(?:[:=][ \t]*)?(?:[(\[][ \t]*)?")  # lat/lng: (..), LatLng(..)

COORDINATE_PATTERNS = [
    # 37°46'29.6"N 122°25'09.8"W / 51.5007° N, 0.1246° W / N 40.7128, W 74.0060
    Pattern(rf"(?<![\w.])(?:{_SUFFIXED}(?:{_SEP}{_SUFFIXED})?|{_PREFIXED}(?:{_SEP}{_PREFIXED})?)"
            rf"{_END}", 0.9, re.ASCII, lead=1,
            # (possessive: a digit run that is no degree fails without backtracking; every
            # text's digit runs are tried)
            anchor=rf"\d{{1,3}}+(?:\.\d{{1,12}}+)?+(?:{_DEG}|[ \t]?{_HEM})"
                   rf"|(?<=[NSEW])\d|(?<=[NSEW][ \t])\d"),
    # lat 48.8584 lon 2.2945 / "lng": 2.2945, "lat": 48.8584 / lat/lng: 48.8584, 2.2945 /
    # LatLng(48.8584, 2.2945): one label for both numbers, or one before each
    Pattern(rf"(?<![A-Za-z_])(?:{_BOTH}|{_LAT}{_KEY}(?={_NUM}{_NEXT}{_LON})"
            rf"|{_LON}{_KEY}(?={_NUM}{_NEXT}{_LAT}))"
            rf"(?P<v>{_NUM}(?:{_NEXT}(?:{_LAT}|{_LON}){_KEY}|[ \t]*(?:[,;/][ \t]*)?){_NUM})"
            rf"{_LEND}", 0.95, mark=_LABEL_MARK, lead=0, fold=True),
    # one labelled value: "latitude": 48.8584 (three decimals, a colon or "=")
    Pattern(rf"(?<![A-Za-z_])(?:{_LAT}|{_LON})[\"']?[ \t]*[:=][ \t]*[\"']?"
            rf"(?P<v>[-+]?\d{{1,3}}\.\d{{3,12}}){_LEND}", 0.85,
            mark=_LABEL_MARK, lead=0, fold=True),
]

# one half of a marked value, read back by the validator (a pair's halves are both prefixed or
# both suffixed: "N 40.7128 W 74.0060" has no suffix, its W starts the second half)
_HALF = (rf"(?P<sign>[-+])?(?P<deg>\d{{1,3}}(?:\.(?P<dec>\d+))?)(?P<mark>{_DEG})?"
         rf"(?:[ \t]?(?P<min>\d{{1,2}}(?:\.\d+)?){_MIN}"
         rf"(?:[ \t]?(?P<sec>\d{{1,2}}(?:\.\d+)?){_SEC})?)?")
_PART_PREFIXED = re.compile(rf"(?P<pre>[NSEW])[ \t]?{_HALF}", re.ASCII)
_PART_SUFFIXED = re.compile(rf"{_HALF}(?:[ \t]?(?P<suf>{_HEM}))?", re.ASCII)
# what a labelled value holds besides its numbers: quotes, separators and the inner label
_LABELLED = re.compile(r"(?:[-+0-9.,;/\s\"':=]|(?:lat|lon|lng)[a-z]*)+", re.IGNORECASE)
_NUMBER = re.compile(r"[-+]?\d{1,3}(?:\.\d+)?")
_LON_LABEL = re.compile(r"(?i:lon|lng)")


def _halves_fit(first: float, second: float) -> bool:
    """Either order is latitude and longitude (GeoJSON writes longitude first)."""
    a, b = abs(first), abs(second)
    return a <= 180 and b <= 180 and min(a, b) <= 90


def _marked(value: str) -> bool:
    part = _PART_PREFIXED if value[:1] in ("N", "S", "E", "W") else _PART_SUFFIXED
    parts = list(part.finditer(value))
    if not 1 <= len(parts) <= 2:
        return False
    degrees: list[float] = []
    hemispheres: list[str] = []
    for m in parts:
        deg, minutes, seconds = m.group("deg"), m.group("min"), m.group("sec")
        if minutes is not None and (m.group("dec") or float(minutes) >= 60
                                    or (seconds is not None and float(seconds) >= 60)):
            return False  # 37.5°46' or 46'75" is no angle
        hemisphere = m.groupdict().get("pre") or m.groupdict().get("suf") or ""
        if not (hemisphere or m.group("mark")):
            return False  # both halves are marked
        degrees.append(float(deg) + float(minutes or 0) / 60 + float(seconds or 0) / 3600)
        hemispheres.append(hemisphere)
        limit = 90 if hemisphere in ("N", "S") else 180
        if degrees[-1] > limit:
            return False
        if not (minutes or len(m.group("dec") or "") >= 2 or hemisphere):
            return False  # "30°, 60°": angles, not a place
    if len(parts) == 1:
        m = parts[0]
        # half a coordinate: its hemisphere, its degree sign and some precision
        return bool(hemispheres[0] and m.group("mark")
                    and (m.group("min") or len(m.group("dec") or "") >= 2))
    if all(hemispheres):
        return {hemispheres[0] in "NS", hemispheres[1] in "NS"} == {True, False}
    return _halves_fit(*degrees)


def valid_coordinates(value: str) -> bool:
    """A marked or labelled coordinate within range."""
    if not _LABELLED.fullmatch(value):
        return _marked(value)
    numbers = [float(n) for n in _NUMBER.findall(value)]
    if len(numbers) == 1:
        return abs(numbers[0]) <= 180
    if len(numbers) != 2:
        return False
    if _LON_LABEL.search(value):  # "48.8584 lon 2.2945": latitude first
        return abs(numbers[0]) <= 90 and abs(numbers[1]) <= 180
    if "lat" in value.lower():  # "2.2945, "lat": 48.8584": longitude first
        return abs(numbers[0]) <= 180 and abs(numbers[1]) <= 90
    return _halves_fit(*numbers)


def plausible_pair(value: str) -> bool:
    """A bare pair within range, not two fractions below 1 (metrics, probabilities) and not
    two round numbers ("10.000, 20.000": a measured point is seldom round on both axes)."""
    found = _NUMBER.findall(value)
    numbers = [float(n) for n in found]
    return (len(numbers) == 2 and _halves_fit(*numbers)
            and max(abs(numbers[0]), abs(numbers[1])) >= 1
            and any(not n.endswith("000") for n in found))


COORDINATES = PatternRecognizer(
    name="coordinates", entity="LOCATION", patterns=COORDINATE_PATTERNS,
    validate=valid_coordinates,
    validated=True,  # the marks and labels are the validation
    context=("coordinates", "coords", "gps", "location", "position"), context_boost=0.05,
)

#: the words that make a bare decimal pair a place
PAIR_CONTEXT = ("coordinates", "coordinate", "coords", "coord", "gps", "lat", "latitude", "lon",
                "lng", "long", "longitude", "location", "located", "position", "geo",
                "geolocation", "pin", "pinned", "meet", "meeting", "at", "waypoint", "map",
                "maps", "near", "nearby", "around", "from")

# 40.7128, -74.0060 (not inside a list of numbers: "0.1, 40.7128, -74.0060" is a vector)
COORDINATE_PAIR = PatternRecognizer(
    name="coordinate_pair", entity="LOCATION",
    patterns=[Pattern(r"(?<![\w.+-])(?<!\d[,;])(?<!\d[,;][ \t])[-+]?\d{1,3}\.\d{3,12}"
                      r"(?:[ \t]*[,;/][ \t]*|[ \t]+)[-+]?\d{1,3}\.\d{3,12}"
                      # (a sentence's full stop may follow; a dot before more of a number
                      # or a word may not)
                      r"(?!\w|\.\w|[ \t]*[,;/][ \t]*[-+]?\.?\d)", 0.6, re.ASCII, lead=4,
                      spaced=False,
                      # the first decimal point: one search instead of a try at every digit run
                      mark=r"\.\d{3,12}+(?:[ \t]*+[,;/][ \t]*+|[ \t]++)[-+]?\d{1,3}+\.\d{3}")],
    validate=plausible_pair, context=PAIR_CONTEXT, context_required=True, context_boost=0.3,
    validated=True,  # the required context word is the validation
)
