"""GPS coordinates and lone postcodes are LOCATION: found whole, masked and restored; floats in
prose, CSV rows, metrics, versions, times and bare five-digit numbers stay prose; the anchored
scans find what a full scan finds, in linear time."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest

from tests.linear import assert_linear
from veil import Veil
from veil.config import Policy, Settings
from veil.detect.coordinates import COORDINATE_PAIR, COORDINATES, plausible_pair, valid_coordinates
from veil.detect.engine import DetectionEngine
from veil.detect.patterns import PatternRecognizer, Scan
from veil.detect.postcodes import POSTCODES, UK_AREAS

_OURS = {"coordinates", "coordinate_pair", "postcode"}


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _locations(engine: DetectionEngine, text: str) -> list[str]:
    return [d.text for d in engine.analyze(text) if d.type == "LOCATION"]


def _ours(engine: DetectionEngine, text: str) -> list[str]:
    return [d.text for d in engine.analyze(text) if d.recognizer in _OURS]


@pytest.mark.parametrize(("text", "value"), [
    # a bare decimal pair with a geographic word near it
    ("Meet me at 40.7128, -74.0060 tomorrow", "40.7128, -74.0060"),
    ("coordinates 40.7128,-74.0060", "40.7128,-74.0060"),
    ("My location is -33.8688 151.2093", "-33.8688 151.2093"),
    ("GPS fix: 51.5007, -0.1246 (London)", "51.5007, -0.1246"),
    ("[-122.4194, 37.7749] are the coordinates", "-122.4194, 37.7749"),  # longitude first
    # degrees, minutes, seconds and hemispheres: no context needed
    ("coordinates: 51.5007° N, 0.1246° W", "51.5007° N, 0.1246° W"),
    ('GPS: 37°46\'29.6"N 122°25\'09.8"W', '37°46\'29.6"N 122°25\'09.8"W'),
    ("48°51′24″N 2°17′40″E is the tower", "48°51′24″N 2°17′40″E"),
    ("GPS: 37º46′29.6″N 122º25′09.8″W", "37º46′29.6″N 122º25′09.8″W"),  # "º" read as "o"
    ("The GPS logged 40.7128 N 74.0060 W at noon", "40.7128 N 74.0060 W"),
    ("Meet at N 40°42.768' W 74°00.360'", "N 40°42.768' W 74°00.360'"),
    ("wreck at 40° N, 74° W", "40° N, 74° W"),
    ("the summit, 27.9881° N", "27.9881° N"),
    # labelled: the labels stay in the clear
    ("lat 48.8584 lon 2.2945", "48.8584 lon 2.2945"),
    ('{"lat": 48.8584, "lng": 2.2945}', '48.8584, "lng": 2.2945'),
    ('{"lng": "2.2945",\n  "lat": "48.8584"}', '2.2945",\n  "lat": "48.8584'),
    ("LatLng(48.8584, 2.2945)", "48.8584, 2.2945"),
    ("Lat/Long: 48.8584, 2.2945", "48.8584, 2.2945"),
    ("latitude: 48.8584", "48.8584"),
    # a sentence's full stop after the pair
    ("Coordinates of the safe house: 47.6062, -122.3321.", "47.6062, -122.3321"),
    ("GPS: 47.6062, -122.3321. Next stop", "47.6062, -122.3321"),
])
def test_coordinates_are_one_location(engine: DetectionEngine, text: str, value: str) -> None:
    assert _locations(engine, text) == [value]


@pytest.mark.parametrize(("text", "value"), [
    ("Send it to SW1A 1AA please", "SW1A 1AA"),
    ("Flat 2, M1 1AE", "M1 1AE"),
    ("W1A 0AX", "W1A 0AX"),
    ("ZIP 90210", "90210"),
    ("my zip code is 90210-1234.", "90210-1234"),
    ('{"zip": "75007"}', "75007"),
    ("postal code: K1A 0B1", "K1A 0B1"),
    ("Ottawa K1A 0B1", "K1A 0B1"),
    ("postcode sw1a1aa", "sw1a1aa"),
    ("PLZ 10115", "10115"),
    ("PLZ/Ort: 10115 Berlin", "10115"),
    ("Postleitzahl: 80331", "80331"),
    ("code postal : 75001", "75001"),
    ("CP 28013 Madrid", "28013"),
    ("C.P. 06600", "06600"),
    ("código postal 28013", "28013"),
    ("CAP 00184 Roma", "00184"),
    ("CEP 01310-100", "01310-100"),
    ("postcode 1012 AB", "1012 AB"),
    ("kod pocztowy 00-950", "00-950"),
    ("I moved to Springfield, IL 62704 last year.", "Springfield, IL 62704"),
    ("Salt Lake City, UT 84101-1234", "Salt Lake City, UT 84101-1234"),
    # no comma: a state code that is no word, or a ZIP with its four
    ("Ship to: Bellevue WA 98004", "Bellevue WA 98004"),
    ("Send it to Austin TX 78701-1234 by Friday", "Austin TX 78701-1234"),
    ("Boise ID 83702-1234", "Boise ID 83702-1234"),
    ("〒150-0002", "150-0002"),
    # five digits after a verb of living
    ("I'm 34 years old and live in 90210", "90210"),
    ("we moved to 10001-2345 last year", "10001-2345"),
])
def test_postcodes_are_locations(engine: DetectionEngine, text: str, value: str) -> None:
    assert _locations(engine, text) == [value]


@pytest.mark.parametrize("text", [
    # floats: metrics, CSV rows, vectors, versions, times
    "precision 0.8123, recall 0.7456",
    "Weights at 0.1234, 0.5678 converge",
    "1.2345, 2.3456, 3.4567\n4.5678, 5.6789, 6.7890",
    "Data at 12.3456, 45.6789, 78.9012",
    "loss 12.3456, 45.6789 after epoch 3",  # no geographic word
    "the load at 10.000, 20.000 kN",  # round on both axes
    "Python 3.11.4 released at 12:30",
    "pi is 3.14159 and e is 2.71828",
    "192.168.100.200, 10.200.300.400",
    # code without a geographic name: left alone (a `lat=`, `lng=` or `LatLng(` is found)
    "point = (40.7128, -74.0060)",
    # degrees that are no place
    "Temperature 37.5°C, humidity 45%",
    "rotate 30°, then 60°",
    "a 12.5 N force, 3.25 W lamp",
    "heading 270° W",
    "latency 12.345 ms",
    "meet at 40.7128, -74.0060.json",  # more of a name after the dot
    "located at 12.345, 67.890.12",  # more of a number
    # five digits without a word that names a postcode
    "room 90210",
    "order 10115 shipped",
    "market cap 12345",
    "CAP 2024 reform",  # an Italian CAP has five digits
    "cp 28013 /tmp/x",
    "gzip 12345",
    # letters and digits that are not postcodes: no such area, a lone outward code, no space
    "paper A4 3BB",
    "QQ1 1AA",
    "SW1A",
    "SW1A1AA",
    "K1A0B1",
    "ID 83702",
    "Order ID 12345 was shipped",  # "ID", "IN", "OR" are words: no place without a comma
    "Patient IN 12345",
    "Dr Smith MD 20742",
    "we lived in 1998 and moved to 3 cities",  # a year, a count
])
def test_prose_stays_prose(engine: DetectionEngine, text: str) -> None:
    assert _ours(engine, text) == []


def test_a_full_address_stays_one_span(engine: DetectionEngine) -> None:
    for text, value in [
        ("123 Main Street, Springfield, IL 62704", "123 Main Street, Springfield, IL 62704"),
        ("Ship to 213 Endeavour Lane Apt 4B, Springfield, IL 62704 please.",
         "213 Endeavour Lane Apt 4B, Springfield, IL 62704"),
        ("Send it to 10 Downing Street, London SW1A 2AA please",
         "10 Downing Street, London SW1A 2AA"),
        ("Our office: 1600 Amphitheatre Parkway, Mountain View, CA 94043",
         "1600 Amphitheatre Parkway, Mountain View, CA 94043"),
        ("12 High Street\nOxford\nOX1 4AW\n", "12 High Street\nOxford\nOX1 4AW"),
    ]:
        assert _locations(engine, text) == [value], text


def test_the_validators_check_ranges() -> None:
    assert valid_coordinates("40.7128° N, 74.0060° W")
    assert not valid_coordinates("91.0000° N, 0.1246° E")  # latitude past the pole
    assert not valid_coordinates("40.7128° E, 74.0060° W")  # two longitudes
    assert not valid_coordinates("40°61'00\"N 74°00'00\"W")  # 61 minutes
    assert not valid_coordinates("40°10'75\"N 74°00'00\"W")  # 75 seconds
    assert not valid_coordinates("40.5°30'N 74°00'W")  # decimal degrees and minutes
    assert not valid_coordinates("48.8584 lon 200.2945")
    assert not valid_coordinates("95.0000 lon 2.2945")  # the latitude comes first
    assert valid_coordinates('2.2945, "lat": 48.8584')  # longitude first
    assert plausible_pair("-122.4194, 37.7749")
    assert not plausible_pair("122.4194, 137.7749")  # no latitude
    assert not plausible_pair("0.8123, 0.7456")
    assert not plausible_pair("10.000, 20.000")


def test_every_uk_area_is_one_or_two_letters() -> None:
    assert len(UK_AREAS) == 124
    assert all(a.isalpha() and a.isupper() and len(a) <= 2 for a in UK_AREAS)


@pytest.mark.parametrize("op", ["placeholder", "pseudonym"])
def test_masked_restored_and_never_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                          op: str) -> None:
    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner=False, default_operator=op))
    values = ("40.7128, -74.0060", "SW1A 1AA", "90210", '37°46\'29.6"N 122°25\'09.8"W')
    text = (f"Meet me at {values[0]} tomorrow, then send it to {values[1]}; ZIP {values[2]}. "
            f"GPS: {values[3]}")
    with caplog.at_level(logging.DEBUG):
        r = v.protect(text, session="s")
    assert [e.type for e in r.entities] == ["LOCATION"] * 4
    for value in values:
        assert value not in r.masked
        assert value not in caplog.text
        assert value not in repr(r) and all(value not in repr(e) for e in r.entities)
    assert v.restore(r.masked, session="s") == text


def test_a_detection_never_shows_its_value() -> None:
    for rec, text, value in [(COORDINATES, "lat 48.8584 lon 2.2945", "48.8584"),
                             (COORDINATE_PAIR, "gps 40.7128, -74.0060", "40.7128"),
                             (POSTCODES, "ZIP 90210", "90210")]:
        (d,) = rec.analyze(text)
        assert value not in repr(d) and value not in str(d)


_PIECES = (
    "live in 90210", "moved to 10001-2345", "lives in", "12345", "based near", "relocated to",
    "40.7128", "-74.0060", "+2.2945", "0.8123", "51", "37", "122", "400", "1.23", "3.11.4",
    "12:30", "°", "˚", "º", "o", "deg", "'", "′", "’", '"', "″", "''", "N", "S", "E", "W", "NW",
    "46", "29.6", "09.8", ",", ", ", ";", "/", "-", ".", "lat", "Lat", "LAT", "latitude", "lon",
    "long", "lng", "longitude", "LatLng(", "lat/lng:", ":", "=", '"lat": ', "&", "at", "meet",
    "gps", "SW1A", "1AA", "M1", "1AE", "K1A", "0B1", "QQ1", "A4", "ZIP", "zip code", "PLZ",
    "postal code:", "CP", "C.P.", "CAP", "cap", "código postal", "PLZ/Ort:", "90210", "90210-1234",
    "10115", "1012", "AB", "00-950", "Springfield", "Salt Lake City", "IL", "CA", "62704",
    "Main", "Street", "is", "x", "é", "İ", "٣", "\n",
    # a Canadian code in lower case after its province, Irish Eircodes
    "qc", "QC", "on", "bc", "h2j 2k1", "m5v3l9", "D02", "X285", "R95 X2C3", "H79 AP0C", "d6w",
    "A65 F4E2", "Eircode", "T12 1234", "montreal qc h2j 2k1", "Toronto, ON m5v 3l9",
    # a ZIP after its state's name, Australia's states and postcodes
    "Oregon", "New York", "Oregon 97035-4421", "NSW", "nsw", "2000", "VIC 3065", "sydney nsw 2000",
    "ACT 2600", "sa 5000",
)
_GLUE = (" ", " ", "", "", ", ", ",", "\t", "  ", "\n", "-", "/")


_MINUTE_MARKS = ("'", "′", "’")
_SECOND_MARKS = ('"', "″", "''")
_LABELS = ("lat", "Lat", '"lat"', "latitude", "lon", "lng", "LatLng(", "lat/lng")
_KEYS = (":", " ", "=", ": ", ': "')
_BETWEEN = (",", ", ", " ", '",\n  ')
_SECOND_LABELS = ("lng", "lon", '"lat": ', "long ", "longitude=")
_NAMING = ("ZIP", "zip code is", "PLZ/Ort", "CP", "cp", "C.P.", "CAP", "postcode", "live in",
           "I live in ", "moved to", "based near zip")


def _shape(rng: random.Random) -> str:
    """A coordinate or a postcode, each piece optional or slightly off."""
    def opt(*xs: str) -> str:
        return rng.choice(("", *xs))

    def num() -> str:
        return (opt("-", "+") + str(rng.randint(0, 200))
                + opt("." + str(rng.randint(0, 99999)), ".5", ".1234"))

    def half() -> str:
        minutes = str(rng.randint(0, 70)) + rng.choice(_MINUTE_MARKS)
        seconds = str(rng.randint(0, 70)) + opt(".6") + rng.choice(_SECOND_MARKS)
        return (opt("N", "S ", "W") + num() + opt("°", "º", " deg", "˚") + opt(minutes)
                + opt(seconds) + opt("N", " S", "E", " W", "NW"))

    kind = rng.randrange(7)
    if kind == 5:  # Canadian, letters allowed and not
        return (rng.choice("KMTWZD") + str(rng.randint(0, 9)) + rng.choice("ABVO") + opt(" ", "  ")
                + str(rng.randint(0, 9)) + rng.choice("BQ") + str(rng.randint(0, 9)))
    if kind == 6:
        return opt("lat/lng", "Lat, Long", "LatLng(", "latlon") + opt(*_KEYS) + num() + ", " + num()
    if kind == 0:
        return half() + opt(",", ", ", " ", ";", "/") + opt(half())
    if kind == 1:
        return (opt(*_LABELS) + opt(*_KEYS) + num() + opt(*_BETWEEN) + opt(*_SECOND_LABELS)
                + num())
    if kind == 2:
        return opt("gps ", "at ") + num() + opt(",", ", ", " ", " , ") + num() + opt(", " + num())
    if kind == 3:
        return (opt("SW", "M", "EC", "QQ", "K", "A") + str(rng.randint(0, 99)) + opt("A", "Z")
                + opt(" ", "", "  ") + str(rng.randint(0, 9)) + opt("AA", "B1", "CI", "AB"))
    return (opt(*_NAMING) + opt(":", " ", ": ", " - ")
            + opt("Springfield, ", "Salt Lake City, ", "Boise, ", "Bellevue ", "Salt Lake City ",
                  "Order ")
            + opt("IL ", "CA ", "ZZ ", "WA ", "CA ", "IN ", "ID ", "〒")
            + str(rng.randint(0, 99999))
            + opt("-1234", " AB", "-950"))


def _scans() -> list[tuple[str, Scan]]:
    recs: list[PatternRecognizer] = [COORDINATES, COORDINATE_PAIR, POSTCODES]
    return [(f"{r.name}[{i}]", scan) for r in recs for i, (scan, _, _) in enumerate(r._compiled)]


def test_every_pattern_is_anchored() -> None:
    assert all(scan.lead is not None for _, scan in _scans())


def test_the_anchored_scans_equal_the_full_scans() -> None:
    rng = random.Random(71)  # fixed seed: the same texts on every run
    scans = _scans()
    found = dict.fromkeys((name for name, _ in scans), 0)
    for _ in range(3000):
        text = "".join((_shape(rng) if rng.random() < 0.4 else rng.choice(_PIECES))
                       + rng.choice(_GLUE) for _ in range(rng.randint(1, 14)))
        for name, scan in scans:
            full = [m.span() for m in scan.rx.finditer(text)]
            assert [m.span() for m in scan.matches(text)] == full, (name, text)
            found[name] += bool(full)
    # the generator makes every pattern's shapes, not only misses
    assert min(found.values()) >= 10, found


@pytest.mark.parametrize(("head", "unit", "count", "tail"), [
    ("1.23° ", " ", 50_000, "x"),
    ("", "40.7128 ", 20_000, ""),
    ("", "40.7128, ", 20_000, "gps"),
    ("lat ", " ", 50_000, "1.23"),
    ("", '"lat": 48.85, ', 10_000, ""),
    ("", "N ", 50_000, ""),
    ("", "zip ", 25_000, ""),
    ("ZIP ", " ", 50_000, "90210"),
    ("", "Aaaa Bbbb Cccc, CA 90210 ", 8_000, ""),
    ("", "SW1A 1AA ", 10_000, ""),
])
def test_long_runs_are_read_in_linear_time(head: str, unit: str, count: int, tail: str) -> None:
    def scan(text: str) -> None:
        for rec in (COORDINATES, COORDINATE_PAIR, POSTCODES):
            rec.analyze(text)

    assert_linear(scan, unit, count, head=head, tail=tail)


@pytest.mark.parametrize(("text", "value"), [
    # an address's last part after a comma, in a line whose earlier part holds a number
    ("Flat 302, Sai Residency, Andheri East, Mumbai 400069", "Mumbai 400069"),
    ("Postfach 12 34, 80331 München", "80331 München"),
    ("PO Box 4471, Nairobi 00100", "Nairobi 00100"),
    ("Apartado 25, 1000-001 Lisboa", "1000-001 Lisboa"),
])
def test_an_address_last_part_is_a_location(engine: DetectionEngine, text: str,
                                             value: str) -> None:
    found = [d.text for d in engine.analyze(text) if d.recognizer == "address_last_part"]
    assert found == [value]


@pytest.mark.parametrize("text", [
    "Windows, Version 20045",  # no number before it in the line
    "Released 2021, Version 20045",  # a version's number
    "Totals: 12 units, Amount 50000",
    "In 2020, Lyon 69001 had a festival.",  # the part goes on: no address's end
    "Order 12345\nBerlin, Germany 10115",  # the number is on another line
])
def test_a_number_after_a_comma_is_no_address_part_by_itself(engine: DetectionEngine,
                                                             text: str) -> None:
    assert [d for d in engine.analyze(text) if d.recognizer == "address_last_part"] == []
