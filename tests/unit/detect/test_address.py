"""Street-address recognizer (LOCATION): shapes it must find and prose it must leave alone."""

from __future__ import annotations

import pytest

from veil.detect import DetectionEngine


@pytest.mark.parametrize(("text", "address"), [
    ("He lives at 221B Baker Street, London.", "221B Baker Street, London"),
    ("Ship to 213 Endeavour Lane Apt 4B, Springfield, IL 62704 please.",
     "213 Endeavour Lane Apt 4B, Springfield, IL 62704"),
    ("Meet at 10 Downing St. at noon", "10 Downing St."),
    ("Büro: Hauptstraße 5, Berlin", "Hauptstraße 5, Berlin"),
    ("north side of Linzer Strasse 69.", "Linzer Strasse 69"),
    ("Kantoor: 27868 Kapelaniestraat 88", "27868 Kapelaniestraat 88"),
    ("écrivez au 12 rue des Lilas", "12 rue des Lilas"),
    ("Ufficio in Via Roma 10", "Via Roma 10"),
    ("059 Nánási út 79. Apt. 246, Pomáz, Hungary 70951",
     "059 Nánási út 79. Apt. 246, Pomáz, Hungary 70951"),
    ("Suite 200", "Suite 200"),
    ("P.O. Box 255", "P.O. Box 255"),
    # US military mail
    ("change my address to PSC 9302, Box 5480\nAPO AA 32256 for post mail?",
     "PSC 9302, Box 5480\nAPO AA 32256"),
    ("located at USCGC Conway\nFPO AA 57696. It serves", "USCGC Conway\nFPO AA 57696"),
    ("Send to USNS Smith, FPO AE 09876-1234 please", "USNS Smith, FPO AE 09876-1234"),
    ("mail DPO AP 07249 today", "DPO AP 07249"),
    # a block across one blank line; a Greek street name
    ("0152 Na Výsluní 272\n Apt. 384\n Primda\n\n Czech Republic 10452",
     "0152 Na Výsluní 272\n Apt. 384\n Primda\n\n Czech Republic 10452"),
    ("424 Χηνίτσα 107\n Apt. 756", "424 Χηνίτσα 107\n Apt. 756"),
    # British postcodes after the city, on one line or in a block
    ("served at 14B Harrow Close, Leeds LS6 2QA.", "14B Harrow Close, Leeds LS6 2QA"),
    ("Send it to 10 Downing Street, London SW1A 2AA please",
     "10 Downing Street, London SW1A 2AA"),
    ("12 High Street\nOxford\nOX1 4AW\n", "12 High Street\nOxford\nOX1 4AW"),
    # a common suffix in lower case, as chat writes it
    ("from 12 Baker st, london", "12 Baker st"),
    ("I live at 10 Downing street", "10 Downing street"),
    # a whole address in lower case
    ("my addy is 88 lombard st #3 sf.", "88 lombard st #3"),
    ("i live at 221b baker street", "221b baker street"),
    ("ship to 1600 pennsylvania ave nw", "1600 pennsylvania ave nw"),
    ("i live at 42 wallaby way sydney", "42 wallaby way"),
    # its city, state and postcode when the postcode ends them
    ("my address is 1600 pennsylvania ave nw washington dc 20500",
     "1600 pennsylvania ave nw washington dc 20500"),
    ("ship to 221b baker street, london nw1 6xe asap", "221b baker street, london nw1 6xe"),
    ("we live at 12 oak lane, springfield, il 62704.", "12 oak lane, springfield, il 62704"),
    # the postcode before the city, and a continental flat between street and postcode
    ("Hauptstraße 5, 80331 München", "Hauptstraße 5, 80331 München"),
    ("Calle de Alcalá 45, 3º B, 28014 Madrid", "Calle de Alcalá 45, 3º B, 28014 Madrid"),
    ("ul. Marszałkowska 10/12 m. 5, 00-590 Warszawa",
     "ul. Marszałkowska 10/12 m. 5, 00-590 Warszawa"),
    ("Kerkstraat 12, 1017 GC Amsterdam is the office", "Kerkstraat 12, 1017 GC Amsterdam"),
    ("I live at 12 rue de la Paix, 75002 Paris and work nearby", "12 rue de la Paix, 75002 Paris"),
    # a city of several words joined by a particle, its state after a dash, a Brazilian CEP
    ("residing at Rua das Laranjeiras 210, apto 802, Rio de Janeiro - RJ, 22240-003",
     "Rua das Laranjeiras 210, apto 802, Rio de Janeiro - RJ, 22240-003"),
    # a unit before its street
    ("Flat 2, 14 Queen's Road, Reading RG1 4AR", "Flat 2"),
    ("building 17, Oakridge Court", "building 17, Oakridge Court"),  # the court too
    # a street without a street word, before its town and a UK postcode
    ("lives at Flat 3, 11 Quayside, Hull HU1 2AA", "11 Quayside, Hull HU1 2AA"),
    # a letter's street line without a street word above its postcode and town, and with one
    ("Frau Irmgard Pfeiffenberger\nAm Lindenhof 7a\n04155 Leipzig\nSehr geehrte",
     "Am Lindenhof 7a\n04155 Leipzig"),
    ("Herrn Max Weber\nLindenstraße 7a\n04155 Leipzig", "Lindenstraße 7a\n04155 Leipzig"),
    ("a Dña. Rocío Villanueva, C/ San Bernardo, 37, 28015 Madrid",
     "C/ San Bernardo, 37, 28015 Madrid"),
    # Italy's flat ("int.") and the province after the city
    ("via Solferino 12, int. 5, 20129 Milano (MI), cod. fisc. x",
     "via Solferino 12, int. 5, 20129 Milano (MI)"),
    # a Japanese address in Latin letters
    ("Mr. Tanaka lives at 1-2-3 Shibuya, Shibuya-ku, Tokyo 150-0002",
     "1-2-3 Shibuya, Shibuya-ku, Tokyo 150-0002"),
    ("Office: 2-11-3 Meguro-ku, Tokyo", "2-11-3 Meguro-ku, Tokyo"),
])
def test_street_addresses_are_locations(pattern_engine: DetectionEngine, found, text: str,
                                        address: str) -> None:  # type: ignore[no-untyped-def]
    assert ("LOCATION", address) in found(pattern_engine, text)


def test_address_block_stops_before_closing_line(pattern_engine: DetectionEngine,
                                                 found) -> None:  # type: ignore[no-untyped-def]
    text = "0570 Noordstraat 86\nApt. 408\nBoezinge\nBelgium 16235\nThanks\nPhone: 555"
    assert found(pattern_engine, text) == [
        ("LOCATION", "0570 Noordstraat 86\nApt. 408\nBoezinge\nBelgium 16235")]


@pytest.mark.parametrize("text", [
    "I bought 3 Green Apples and 2 bananas.",
    "We had 5 Place settings at the table.",
    "In 2021 Annual revenue grew by 4 percent.",
    "The USS Enterprise had 430 crew.",
    "Build 4.12.3 passed 1532 tests in 87 seconds on node-7.",
    "Order 1000234 shipped on 05/06/2023 with 3 items.",
    "we walked 3 blocks down the street",  # three words before the suffix: prose
    "i have 2 kids on elm st",
    "he ran 5 miles along the road",
    "the 2 main roads",
    "there are 2 more way to do it",  # (no city and postcode taken from prose after it)
    "we took 1st overall place in 2024",
    "i own 2 beach houses and a car",
    "Unit 5, the next topic, covers 12 Lessons",  # a unit, then no street
    "see page 12, 2024 Edition",
    "Naruto-kun scored 12 points",  # an honorific, not a ward
    "Chapter 12\n20240 Report",  # a document's numbered part, not a street line
])
def test_prose_with_numbers_is_not_an_address(pattern_engine: DetectionEngine, found,
                                              text: str) -> None:  # type: ignore[no-untyped-def]
    assert [v for t, v in found(pattern_engine, text) if t == "LOCATION"] == []


@pytest.mark.parametrize(("text", "span"), [
    ("서울특별시 강남구 테헤란로 152", (0, 18)),
    ("주소: 부산광역시 해운대구 센텀중앙로 79", (4, 23)),
    ("경기도 성남시 분당구 판교역로 235", (0, 20)),
    ("서울 종로구 세종로 1-68", (0, 15)),  # a short province name
    ("서울특별시 강남구 테헤란로 152, 101동 202호 입니다", (0, 29)),  # building and flat
    ("배송지 강남구 테헤란로 152 (역삼동) 로 보내주세요", (4, 22)),  # no province
    ("서울특별시 강남구 역삼동 737", (0, 17)),  # a lot number
    ("경기도 양평군 양평읍 양근리 123-4번지", (0, 23)),
    ("세종특별자치시 한누리대로 2130", (0, 18)),  # no district
    ("東京都新宿区西新宿2-8-1", (0, 14)),  # the whole chōme-banchi-gō block
    ("住所は東京都新宿区西新宿2-8-1です", (3, 17)),
    ("東京都港区六本木6丁目10番1号に来てください", (0, 16)),
    ("大阪市北区梅田３－１－１", (0, 12)),  # full-width digits and dashes
])
def test_korean_and_japanese_addresses(pattern_engine: DetectionEngine, text: str,
                                       span: tuple[int, int]) -> None:
    got = [(d.start, d.end) for d in pattern_engine.analyze(text) if d.type == "LOCATION"]
    assert got == [span], text[span[0]:span[1]]


@pytest.mark.parametrize("text", [
    # "친구" (friend) ends as a district does, "버스로" (by bus) as a road
    "내 친구 버스로 3 시간 걸려요",
    "서울 우리 2 명",  # "우리" (we) ends as a village
    "서울에서 집으로 3 번 갔어요",  # the particle "으로"
    "도시 버스로 3",
    "北京市朝阳区建国路88号",  # a Chinese address is the zh recognizer's
    "東京都に住んでいます",  # a prefecture without a block number
    "東京都 2024-01-05",
])
def test_cjk_prose_is_not_an_address(pattern_engine: DetectionEngine, text: str) -> None:
    assert [d.text for d in pattern_engine.analyze(text)
            if d.recognizer == "street_address"] == []


def test_cjk_addresses_are_found_as_the_full_scan_finds_them() -> None:
    """The Korean and Japanese shapes, tried only at a province, city or ward word, find what
    a scan of every position finds, on texts glued from their parts in any order."""
    import random

    from veil.detect.address import STREET_ADDRESS

    parts = ("서울특별시", "서울", "경기도", "강남구", "성남시", "분당구", "친구", "테헤란로",
             "판교역로", "으로", "역삼동", "양근리", "우리", "152", "1-68", "101동", "202호",
             "(역삼동)", "번지", "東京都", "新宿区", "西新宿", "港区", "大阪市", "北区", "2-8-1",
             "６丁目", "10番", "1号", "３－１", "住所は", "です", "Seoul", "12", " ", " ", "  ",
             "\t", "\n", ", ")
    rng = random.Random(11)  # fixed seed: the same texts on every run
    texts = ["".join(rng.choice(parts) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    found = 0
    for scan, _score, _check in STREET_ADDRESS._compiled:
        for t in texts:
            got = [m.span() for m in scan.matches(t)]
            assert got == [m.span() for m in scan.rx.finditer(t)], t
            found += bool(got)
    assert found > 300  # the generator writes addresses, not only misses
