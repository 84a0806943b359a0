"""Street addresses (LOCATION): a declarative recognizer for the shapes NER does not find.

spaCy tags cities and countries but not "213 Endeavour Lane, Apt 4B" or "Hauptstraße 5".
Three street shapes, each needing a house number so ordinary prose does not match:

* number + capitalised name + suffix: ``221B Baker Street``, ``12 N 5th Ave.``
* name ending in (or followed by) a continental street word + number: ``Hauptstraße 5``,
  ``Linzer Strasse 69``, ``Kapelaniestraat 88``, ``Síp utca 71``
* a street-type word first, number before or after: ``12 rue des Lilas``, ``Via Roma 10``,
  ``ul. Korczaka 107``

Each may continue with a unit (``Apt 4B``, ``Suite 200``), ``, City``, and ``, ST 12345``.
A unit or P.O. box alone (``Apt. 415``, ``P.O. Box 255``, ``GPO Box 1234, Sydney NSW 2001``)
is an address part too, and so is US military mail (``PSC 9302, Box 5480``, ``USCGC Conway`` +
``FPO AA 57696``), a rural route (``RD 3``, ``RR 1, Site 5``), Singapore's block and unit
(``Blk 123 Ang Mo Kio Ave 6, #08-1234``) and India's sector (``C-42, Sector 18``).

Korean road and lot addresses in Hangul (``서울특별시 강남구 테헤란로 152``) and Japanese ones in
kanji (``東京都新宿区西新宿2-8-1``, the whole block number) are found from their province, city
or ward: the patterns are tried only where one of those words is.
"""

from __future__ import annotations

import re

from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.stopwords import stop_words

# Capitalised word, or an ordinal street number ("5th").
_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩΆ-ΏА-ЯЁ][\w'’-]*"  # Latin, Greek or Cyrillic capital first
_CAP = rf"(?:{_WORD}\.?|\d{{1,3}}(?:st|nd|rd|th))"
_PARTICLE = r"(?:de|des|du|la|le|les|del|della|dei|di|da|do|dos|das|van|von|der|den|y|e|of|the)"
# (a unit before its house numbers: "4/12-14 Beach Rd"; not a date's two slashes)
_NUM = r"\d{1,6}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?(?:-\d{1,4}[A-Za-z]?)?"
_SP = r"[ \t]+"
# USPS-style suffixes (abbreviations take an optional dot).
_SUFFIX = (r"(?:Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|"
           r"Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|"
           r"Alley|Aly|Crescent|Cres|Close|Row|Walk|Plaza|Loop|Path|Pike|Crossing|Xing|Hills?|"
           r"Gardens?|Grove|Mews|Heights|Hts|Landing|Ridge|Springs?|Valley|Vly|Village|Locks?|"
           r"Underpass|Overpass|Pass|Ports?|Stream|Summit|Throughway|Tunnel|Turnpike|Viaduct|"
           r"Vista|Bypass|Canyon|Causeway|Creek|Crest|Estates?|Expressway|Expy|Falls|Ferry|"
           r"Fields?|Forest|Forge|Freeway|Fwy|Glen|Harbor|Harbour|Haven|Hollow|Inlet|Island|"
           r"Junction|Jct|Knolls?|Lakes?|Lodge|Manor|Meadows?|Mills?|Motorway|Mount|Mountain|"
           r"Orchard|Oval|Pines|Prairie|Ranch|Rapids|Route|Rte|Shoals?|Shores?|Skyway|Spur|"
           r"Stravenue|Trace|Track|Trafficway|Wharf|Park|Circus|Quay|Rise|Esplanade|Promenade|"
           # more of USPS's suffixes ("61 Willow Bend", "8 Heron Cove", "40 Eagle Bluffs")
           r"Bend|Cove|Bluffs?)")
_LOWER_SUFFIX = r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|court|terrace)"
# Continental street words: as the end of a compound ("Hauptstraße") or a separate word.
_COMPOUND_ENDS = (r"stra(?:ss|ß)e|str\.|straat|laan|weg|gasse|platz|allee|gade|vej|gatan|vägen|"
                  r"veien|gata|stræti|dijk|kade|plein|singel|gracht|ring|damm|ufer")
_COMPOUND_END = rf"(?:{_COMPOUND_ENDS})"
_LOWER_STREET_WORDS = r"utca|út|ulica|rakpart|körút|tér|sor"
_STREET_WORD = (rf"(?:Stra(?:ss|ß)e|Str\.|Straat|Laan|Weg|Gasse|Platz|Allee|Gade|Vej|"
                rf"{_LOWER_STREET_WORDS})")
# Every street word in lower case, as one flat alternation: the regex engine skips ahead to
# the first letters of a flat one, and tries a nested one at every position.
_STREET_WORD_MARK = rf"(?:{_COMPOUND_ENDS}|{_LOWER_STREET_WORDS})"
_STREET_FIRST_WORDS = (r"(?:rue|via|viale|vicolo|piazza|corso|calle|avenida|av\.|rua|travessa|"
                       r"praça|paseo|camino|carrer|chemin|boulevard|bd\.?|allée|impasse|quai|"
                       r"ul\.|ulica|aleja|al\.|strada|discesa|rambla|ronda|avenue|plaza|place|"
                       r"c/|jalan|jln\.|lorong|lrg\.|persiaran|jl\.)")  # (Spain's "C/ San
# Bernardo, 37"; Malaysia's, Singapore's and Indonesia's "Jalan", "Lorong", "Jl.")
_STREET_FIRST = rf"(?i:{_STREET_FIRST_WORDS})"
_UNIT = (r"(?:(?i:apt|apartment|suite|ste|flat|unit|room|rm|floor|fl|bldg|building)\.?[ \t]*"
         r"#?[ \t]*\d{1,5}[A-Za-z]?|#[ \t]?\d{1,5}[A-Za-z]?)")
# A flat after a continental street: Spanish floor and door ("3º B", "2º izq."), Polish "m. 5",
# Portuguese "apto 52", Italian "int. 5", Austrian "Top 5" (the view reads "º" as NFKC writes
# it, "o").
_CONTINENTAL_UNIT = (r"(?:\d{1,2}(?:[º°ª]|o(?=[ \t]?[A-Za-z]))"
                     r"(?:[ \t]?(?:[A-Za-z]{1,4}\.?(?![\w])))?"
                     r"|(?:m|lok|apto|dpto|depto|piso|app|int|Top|Stiege)\.?[ \t]*"
                     r"\d{1,5}[A-Za-z]?)")
#: Singapore's floor and unit: "#08-1234", "#12-34A"
_SG_UNIT = r"#[ \t]?\d{1,3}-\d{1,5}[A-Za-z]?(?![\w-])"
#: a house number and a comma before its street, as India writes it ("12, MG Road"): three
#: digits at most ("In 2019, Abbey Road ..." is a year), not after a word ("building 17,
#: Oakridge Court": the building's number)
_HOUSE_COMMA = r"(?<![A-Za-z][ \t])\d{1,3}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?,"
_POBOX = (r"(?:(?:(?:G\.?[ \t]?)?P\.?[ \t]?O\.?[ \t]*Box|Unit[ \t]+\d{1,5}[ \t]+Box|"
          r"(?:Private|Locked)[ \t]+Bag|PMB|HC[ \t]+\d{1,3}[ \t]+Box)[ \t]+\d{1,6}"
          # Canada's box at a postal station: "Box 1234, Station A", "Box 77 Stn Main"
          r"|Box[ \t]+\d{1,6},?[ \t]+(?:Station|Stn\.?|STN|RPO)[ \t]+[A-Z0-9][\w'’-]*)")
#: a box's town and four-digit postcode after it: ", Wanaka 9343", ", Houghton, 2041", ",
#: Sydney NSW 2001" (after a box four digits are no year; longer codes are the address's last
#: part's, `veil.detect.postcodes`)
_BOX_TOWN = (r"(?:,[ \t]*[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2},?(?:[ \t]+[A-Z]{2,3})?"
             r"[ \t]+\d{4}(?![\w-]))?")
_NAME = rf"(?:{_CAP}(?:{_SP}(?:{_PARTICLE}{_SP})*{_CAP}){{0,3}})"
_L = r"(?<![\w.@/-])"
# Words that open the line after an address block rather than continue it.
_NOT_PLACE = (r"(?:Thanks|Thank|Regards|Best|Cheers|Sincerely|Kind|Yours|Phone|Tel|Fax|Email|"
              r"E-mail|Mobile|Cell|Website|Web|Dear|Hi|Hello|Attn|Re|Subject|Sent|From|To)")

# A postcode after the city: US ZIP with its state ("CA 94105-1234"), a 4-5 digit one, a
# Brazilian CEP ("22240-003"), or British ("LS6 2QA", "SW1A 1AA").
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}"
_POSTCODE = rf"(?:(?:[A-Z]{{2}}[ \t]+)?\d{{4,5}}(?:-\d{{3,4}})?|{_UK_POSTCODE})"
# A postcode before its city, as most of Europe, Brazil and Japan write it ("80331 München",
# "1017 GC Amsterdam", "00-590 Warszawa", "01304-001 São Paulo", "150-0002 Tokyo"): the city,
# one to three capitalised words, is part of the address.
_CODE_THEN_CITY = (r"(?:\d{4}[ \t]?[A-Z]{2}(?![A-Za-z])|\d{5}-\d{3}|\d{4}-\d{3}|\d{3}-\d{4}"
                   r"|\d{2}-\d{3}|\d{4,5})(?![\w-])")

#: a document's numbered parts, which a line of a word and a number may name
_HEADINGS = (r"(?:Chapter|Section|Table|Figure|Fig|Page|Version|Step|Part|Item|Appendix|"
             r"Exhibit|Schedule|Article|Clause|Room|Level|Phase|Week|Day|Year|Round|Grade|"
             r"Class|Question|Task|Note|Vol|Volume|Issue|Release|Build|Sprint|Line|Row)")

# After a street: unit, ", City", ", ST 12345" (commas keep the continuation from eating prose).
_TAIL = (rf"(?:\.?,?[ \t]*{_UNIT})?(?:,?[ \t]*{_CONTINENTAL_UNIT})?"
         # ", City", its words joined by particles ("Rio de Janeiro"), a state's code after a
         # dash ("- RJ")
         rf"(?:,[ \t]*{_WORD}(?:{_SP}(?:{_PARTICLE}{_SP})?{_WORD}){{0,2}}"
         rf"(?:[ \t]*[-–/][ \t]*[A-Z]{{2}}(?![\w]))?"
         rf"(?=[ \t]*(?:[,;]|\.(?!\w)|$|\n|[ \t]+{_POSTCODE}\b))){{0,2}}"
         rf"(?:,[ \t]*{_CODE_THEN_CITY}[ \t]+{_WORD}(?:[ \t-]+{_WORD}){{0,2}}"
         r"(?:[ \t]*\([A-Z]{2}\))?"  # (Italy's province after its city: "20129 Milano (MI)")
         rf"|,?[ \t]*{_POSTCODE}\b)?"
         # an address block: up to 4 further short lines (unit, city, country + postcode); after
         # a blank line only one that holds a postcode ("Czech Republic 10452": a heading there,
         # "PROFILE" of a CV, is the next section's)
         rf"(?:[ \t]*\n(?:[ \t]*\n[ \t}}?>|]*(?!{_NOT_PLACE}\b)"
         rf"(?:{_WORD}(?:[ \t]+(?:{_WORD}|\({_WORD}\))){{0,2}},?[ \t]+{_POSTCODE}"
         rf"|{_CODE_THEN_CITY}[ \t]+{_WORD}(?:[ \t-]+{_WORD}){{0,2}}|{_POSTCODE})"
         rf"|[ \t}}?>|]*(?!{_NOT_PLACE}\b)"
         rf"(?:{_UNIT}|{_WORD}(?:[ \t]+(?:{_WORD}|\({_WORD}\))){{0,2}}"
         rf"(?:,?[ \t]+{_POSTCODE})?"
         rf"|{_CODE_THEN_CITY}[ \t]+{_WORD}(?:[ \t-]+{_WORD}){{0,2}}"  # "04155 Leipzig"
         rf"|{_POSTCODE}))"
         rf"(?=[ \t]*(?:\n|$))){{0,4}}")

# Korean: the province or metropolitan city (a closed list, with its short forms), or a
# district of three syllables or more ("강남구", "성남시": "친구", "도시" are words), then city,
# district, town (읍/면/동/리/가, three syllables or more: "우리", "내가" are words) and road
# (로/길, not the particle "으로") words, the building or lot number, and a unit ("101동 202호",
# "3층") or the reference in brackets.
_KO_PROVINCE = (r"(?:서울특별시|부산광역시|대구광역시|인천광역시|광주광역시|대전광역시|울산광역시|"
                r"세종특별자치시|경기도|강원도|강원특별자치도|충청북도|충청남도|전라북도|"
                r"전북특별자치도|전라남도|경상북도|경상남도|제주특별자치도|제주도|"
                r"(?:서울|부산|대구|인천|광주|대전|울산|세종)시?|경기|강원|충북|충남|전북|전남|경북|"
                r"경남|제주)")
_KO_DISTRICT = r"[가-힣]{1,5}[시군구]"
_KO_PLACE = r"(?:[가-힣\d]{2,10}[읍면동리가]|[가-힣\d]{1,10}(?<!으)[로길])"
_KO_NUMBER = r"(?:산[ \t]?)?\d{1,5}(?:-\d{1,5})?(?:번지)?(?![\d가-힣-])"
# where a Korean address can start: a district's suffix or a province's short name, then a space
_KO_MARK = (r"(?:[시군구도]|서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|"
            r"경북|경남|제주)[ \t]")
_KO_UNIT = (r"(?:,?[ \t]*(?:\d{1,4}동[ \t]*)?\d{1,5}호|,?[ \t]*\d{1,3}층)?"
            r"(?:[ \t]*\([가-힣\d, \t.-]{1,40}\))?")
# Japanese: a prefecture, a designated city or a Tokyo ward (closed lists: the kanji before a
# place name would be read into it otherwise), the city, ward and town after it, and the
# block number: chōme-banchi-gō written with dashes ("2-8-1") or in kanji ("6丁目10番1号").
_JA_START = (r"(?:北海道|東京都|(?:京都|大阪)府|(?:青森|岩手|宮城|秋田|山形|福島|茨城|栃木|"
             r"群馬|埼玉|千葉|神奈川|新潟|富山|石川|福井|山梨|長野|岐阜|静岡|愛知|三重|滋賀|"
             r"兵庫|奈良|和歌山|鳥取|島根|岡山|広島|山口|徳島|香川|愛媛|高知|福岡|佐賀|長崎|"
             r"熊本|大分|宮崎|鹿児島|沖縄)県|(?:札幌|仙台|さいたま|千葉|横浜|川崎|相模原|新潟|"
             r"静岡|浜松|名古屋|京都|大阪|堺|神戸|岡山|広島|北九州|福岡|熊本)市|(?:千代田|中央|"
             r"港|新宿|文京|台東|墨田|江東|品川|目黒|大田|世田谷|渋谷|中野|杉並|豊島|北|荒川|"
             r"板橋|練馬|足立|葛飾|江戸川)区)")
_JA_NUM = r"[0-9０-９]{1,4}"
_JA_DASH = r"[-－−‐ー]"
_JA_BLOCK = (rf"(?:(?:{_JA_NUM}|[一二三四五六七八九十]{{1,3}})丁目(?:{_JA_NUM}番地?)?"
             rf"(?:{_JA_NUM}号)?|{_JA_NUM}番地?(?:{_JA_NUM}号?)?"
             rf"|{_JA_NUM}(?:{_JA_DASH}{_JA_NUM}){{1,2}})(?![0-9０-９])")

# A numbered part of an address: its word and its number or a letter ("Flat B", "Block 13-D",
# "Soi 21", "Moo 4"), a Hong Kong floor ("12/F"), Bengaluru's main roads and crosses ("5th Main")
_ADDR_PART_WORDS = (r"house|flat|room|rm|unit|apt|apartment|villa|plot|lot|block|blk|tower|"
                    r"building|bldg|floor|street|st|road|rd|lane|ln|sector|moo|soi|door|shop|"
                    r"wing|alley|ngo|hem|kavling|gang")
_ADDR_PART = (rf"(?:(?i:{_ADDR_PART_WORDS})\.?[ \t]*(?:(?i:no)\.?[ \t]*)?"
              r"(?:\d{1,5}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?(?:-[A-Z])?|[A-Z])(?![\w/-])"
              r"|\d{1,2}/F(?![\w/-])|\d{1,2}(?:st|nd|rd|th)[ \t]+(?:Main|Cross)\b)")
# (the words alone: a set of strings found in the text's one pass; a match may open with a
# house number, a floor or "5th Main", found from the part word after them)
_ADDR_PART_MARK = (rf"(?<!\w)(?:{_ADDR_PART_WORDS})\.?[ \t]*(?:no\.?[ \t]*)?"
                   r"(?:\d|[a-z](?![\w/-]))")

#: not right after a phone's country code ("+852 9123 4567, Flat B"): the number is the phone's
_NOT_AFTER_CC = r"(?<!\+\d[ \t])(?<!\+\d\d[ \t])(?<!\+\d\d\d[ \t])"

STREET_PATTERNS = [
    # 221B Baker Street / 0681 213 Endeavour Lane Apt. 415
    # (the common suffixes in lower case too, as chat writes them: "12 Baker st")
    Pattern(rf"{_L}(?:(?:{_NUM}{_SP}){{1,2}}|{_HOUSE_COMMA}{_SP})(?:[NSEW]\.?{_SP})?"
            rf"(?:{_CAP}{_SP}){{1,3}}(?:{_SUFFIX}|{_LOWER_SUFFIX})\b\.?"
            rf"(?:{_SP}[NSEW]{{1,2}}\b\.?)?{_TAIL}", 0.9, lead=0),
    # Hauptstraße 5 / Linzer Strasse 69 / 27868 Kapelaniestraat 88 / Nánási út 79.
    Pattern(rf"{_L}(?:{_NUM}{_SP})?(?:(?:{_CAP}{_SP}){{0,2}}[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]*?"
            rf"{_COMPOUND_END}|(?:{_CAP}{_SP}){{1,3}}{_STREET_WORD})"
            rf"{_SP}{_NUM}\b{_TAIL}", 0.9,
            mark=rf"{_STREET_WORD_MARK}{_SP}\d", words=4, fold=True),
    # 138 Rue de Libya / Via Roma 10 / ul. Korczaka Janusza 107
    # (not an international phone's number: "+62 812-3456-7890, Jl. Sudirman No. 45")
    Pattern(rf"{_L}(?:{_NOT_AFTER_CC}{_NUM},?{_SP}{_STREET_FIRST}{_SP}(?:{_PARTICLE}{_SP})*{_NAME}"
            rf"(?:{_SP}{_NUM}\b)?|{_STREET_FIRST}{_SP}(?:{_PARTICLE}{_SP})*{_NAME},?{_SP}{_NUM}\b)"
            rf"{_TAIL}", 0.9, mark=rf"{_STREET_FIRST_WORDS}[ \t]", words=1, fold=True),
    # 20090 Jahu 85 / 9174 Untere Aegerten 141 (building number, street, number); a word in
    # small letters among them: words in capitals between numbers are a code's (an airline
    # segment's "2 LHRJFK HK2 1045", a card statement's "7781 TESCO STORES 2231")
    Pattern(rf"{_L}\d{{1,5}}{_SP}(?=(?:{_WORD}{_SP}){{0,2}}[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩΆ-ΏА-ЯЁ][\w'’-]*[a-zß-ÿā-žα-ωά-ώа-яё])"
            rf"(?:{_WORD}{_SP}){{1,3}}\d{{1,4}}[A-Za-z]?(?![\w.:/-]|\.\d)"
            rf"{_TAIL}", 0.85, lead=0),
    # US military mail: "PSC 9302, Box 5480" / "USCGC Conway", then "APO AA 32256"
    Pattern(rf"{_L}(?:(?:PSC|CMR|Unit)[ \t]+\d{{1,5}},?[ \t]+Box[ \t]+\d{{1,5}}"
            rf"|(?:USNS|USNV|USS|USCGC)[ \t]+{_WORD}(?:[ \t]+{_WORD})?(?=\s*,?\s*[AFD]PO\b))"
            rf"(?:[ \t]*,?\s*[AFD]PO[ \t]+A[AEP][ \t]+\d{{5}}(?:-\d{{4}})?)?\b", 0.85,
            mark=r"(?:PSC|CMR|Unit|USNS|USNV|USS|USCGC)[ \t]", lead=0),
    Pattern(rf"{_L}[AFD]PO[ \t]+A[AEP][ \t]+\d{{5}}(?:-\d{{4}})?\b", 0.85,
            mark=r"[AFD]PO[ \t]", lead=0),
    # Apt. 415 / Suite 200 alone; P.O. Box 255; Unit 5964 Box 0235
    Pattern(rf"{_L}(?:(?i:apt|apartment|suite|ste)\.?[ \t]*#?[ \t]*\d{{1,5}}[A-Za-z]?|"
            rf"{_POBOX}\b{_BOX_TOWN})\b", 0.75,
            mark=r"(?:apt|apartment|suite|ste|p\.?[ \t]?o|g\.?[ \t]?p|unit[ \t]|private[ \t]|"
                 r"locked[ \t]|pmb|hc[ \t]|box[ \t])", lead=0, fold=True),
    # Plot No. 14, / Door No: 5-2-118, / Road No. 3,: India's numbered plot, house, door and
    # road, before the rest of the address (a comma after them)
    Pattern(rf"{_L}(?:Plot|House|Door|Flat|Shop|Survey|Road|Street|Lane|Block|H)\.?[ \t]*"
            # (a last letter alone after a slash: Hyderabad's "H.No. 12-2-831/A")
            r"(?:No|Number|NO)\.?[ \t]*[:.]?[ \t]*\d{1,5}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?){0,3}"
            r"(?:/[A-Z](?![\w/-]))?"
            r"(?=,)", 0.8, mark=r"(?:no|number)\.?[ \t]*[:.]?[ \t]*\d", words=1, fold=True),
    # Blk 123 Ang Mo Kio Ave 6, #08-1234: a Singapore HDB block, its street (a number may
    # follow the street's word: "Ave 6", "St 42") and the floor and unit after "#"
    Pattern(rf"{_L}(?:Blk|BLK|Block)\.?[ \t]*\d{{1,4}}[A-Za-z]?{_SP}(?:{_CAP}{_SP}){{0,4}}"
            rf"{_CAP}(?:{_SP}\d{{1,3}}[A-Za-z]?\b)?(?:,?[ \t]*{_SG_UNIT})?", 0.85,
            mark=r"(?:blk|block)\.?[ \t]*\d", lead=0, fold=True),
    # House 12, Street 7 / Room 1203, Unit 2, Building 5 / Flat B, 12/F, Tower 3 / 99/12 Moo 4,
    # Sukhumvit Soi 21 / 221, 5th Main, HSR Layout Sector 7 / Plot 15, Adeola Odeku Street: an
    # address told by its numbered parts, as much of Asia, Africa and the Gulf writes one (no
    # house number before a street's name): two parts or more joined by commas, each a part's
    # word and its number or letter (a name may stand before the word: "HSR Layout Sector 7"),
    # a Hong Kong floor ("12/F"), Bengaluru's "5th Main" or "4th Cross", or, after the first, a
    # named street ("Adeola Odeku Street"). One such part alone ("Room 204") is a meeting's;
    # a trial's "Phase 3" and a ward's number are no part of one.
    # (its house number no phone's last group: "+852 9123 4567, Flat B")
    Pattern(rf"{_L}(?:(?<!\d[ \t])\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})?(?:,[ \t]*|[ \t]+)"
            rf"(?={_ADDR_PART}))?"
            rf"{_ADDR_PART}(?:,[ \t]*(?:(?:{_CAP}{_SP}){{0,2}}{_ADDR_PART}"
            rf"|(?:{_CAP}{_SP}){{1,3}}{_SUFFIX}\b\.?))+", 0.85,
            mark=_ADDR_PART_MARK, words=6, fold=True),
    # Calle 93 # 11-26 / Carrera 7 No. 32-16 / Cra. 43A # 1 Sur-50: Colombia's grid, the way's
    # number, then the crossing way's and the metres from it
    Pattern(rf"{_L}(?i:calle|carrera|cra\.?|cl\.?|kr\.?|diagonal|dg\.?|transversal|tv\.?|"
            r"avenida|av\.?)[ \t]+\d{1,3}[A-Za-z]?(?:[ \t]+(?:Bis|Sur|Este))?[ \t]*"
            r"(?:#|No\.?|N[°º])[ \t]*\d{1,3}[A-Za-z]?(?:[ \t]+Sur)?[ \t]*-[ \t]*\d{1,3}(?![\w-])",
            0.9, mark=(r"(?<!\w)(?:calle|carrera|cra|cl|kr|diagonal|dg|transversal|tv|avenida|av)"
                       r"\.?[ \t]+\d"), lead=0, fold=True),
    # #08-1234 alone between an address's commas: Singapore's floor and unit
    Pattern(rf"(?<=,[ \t]){_SG_UNIT}(?=,)", 0.8, at="#", lead=0),
    # C-42, Sector 18 / H.No. 1123, Phase 2 / B-7/3, Pocket 4: an Indian house number, then
    # the sector, phase, pocket or block it stands in (a bare number before a comma: "2 Phase
    # 3 trials" is prose)
    Pattern(rf"{_L}(?:(?i:h\.?[ \t]?no|house[ \t]+no|plot[ \t]+no|flat[ \t]+no)\.?[ \t]*)?"
            r"(?:[A-Z]{1,2}-\d{1,4}[A-Za-z]?(?:/\d{1,4})?,?|[A-Z]{0,2}\d{1,4}[A-Za-z]?(?:/\d{1,4})?,)"
            r"[ \t]+(?:Sector|SECTOR|Phase|PHASE|Pocket|POCKET|Block|BLOCK)[ \t-]*\d{1,3}[A-Za-z]?"
            r"(?![\w/-])", 0.85,
            mark=r"(?:sector|phase|pocket|block)[ \t-]*\d", words=3, fold=True),
    # RD 3, Warkworth / Rural Route 2 / RR 1, Site 5, Comp 12: New Zealand's rural delivery
    # and Canada's rural route (a comma, a box or a site after it: "RR 1.5" is a ratio)
    Pattern(rf"{_L}(?:RD|R\.D\.|Rural[ \t]+(?:Delivery|Route)|RR|R\.R\.)[ \t]*#?[ \t]*\d{{1,3}}"
            r"(?:,?[ \t]*(?:Site|Comp|Box)\.?[ \t]*\d{1,4}){0,3}"
            r"(?=[ \t]*(?:,|\n|$)|[ \t]+(?:Box|Site)\b)", 0.8,
            mark=r"(?:rd|r\.d\.|rural[ \t]+(?:delivery|route)|rr|r\.r\.)[ \t]*#?[ \t]*\d",
            lead=0, fold=True),
    # 1-2-3 Shibuya, Shibuya-ku, Tokyo 150-0002: a Japanese address written in Latin letters,
    # block numbers (chome, ban, go), the district, the ward or city by its suffix, the
    # prefecture and the postcode
    Pattern(rf"{_L}(?:\d{{1,4}}(?:-\d{{1,4}}){{1,2}},?{_SP})?(?:{_WORD},?{_SP})?"
            rf"{_WORD}-(?:ku|shi|cho|machi|gun)\b(?:,?[ \t]*{_WORD}(?:-(?:to|fu|ken))?)?"
            r"(?:,?[ \t]*(?:〒[ \t]?)?\d{3}-\d{4}(?!\d))?", 0.8,
            mark=r"-(?:ku|shi|cho|machi|gun)\b", words=3, fold=True),
    # 서울특별시 강남구 테헤란로 152 / 경기도 성남시 분당구 판교역로 235 / 서울 종로구 세종로 1-68;
    # 東京都新宿区西新宿2-8-1 / 東京都港区六本木6丁目10番1号 (the whole block number). One
    # pattern, tried where a province, city or ward word is (at most six characters before its
    # suffix: "세종특별자치시"): each pattern costs every text a scan of its anchors.
    Pattern(rf"(?<![가-힣\w])(?:{_KO_PROVINCE}(?:[ \t]+{_KO_DISTRICT}){{0,2}}"
            rf"(?:[ \t]+{_KO_PLACE}){{1,3}}"
            rf"|[가-힣]{{2,5}}[시군구](?:[ \t]+{_KO_DISTRICT})?"
            rf"(?:[ \t]+[가-힣\d]{{2,10}}[읍면동])?[ \t]+[가-힣\d]{{1,10}}(?<!으)[로길])"
            rf"[ \t]+{_KO_NUMBER}{_KO_UNIT}"
            rf"|{_JA_START}[\u4e00-\u9fff\u3041-\u3093\u30a1-\u30fa\u30fc々ヶ]{{0,14}}?"
            rf"{_JA_BLOCK}",
            0.85, mark=rf"(?:{_KO_MARK}|{_JA_START})", lead=6, spaced=False),
    # Am Lindenhof 7a / 04155 Leipzig: a letter's street line without a street word, above its
    # line of a postcode of five digits and a town (the postcode says it is an address)
    # (a document's "Chapter 12" / "20240 Report" is none)
    Pattern(rf"{_L}(?!{_HEADINGS}\b)(?:{_CAP}{_SP}){{1,3}}\d{{1,4}}[a-zA-Z]?[ \t]*\r?\n[ \t]*"
            r"\d{5}[ \t]+"
            rf"{_WORD}(?:[ \t-]+{_WORD}){{0,2}}(?=[ \t]*(?:\r?\n|$|,))", 0.8,
            # (tried from the postcode's line back: at every digit run it cost 107 us a KB)
            mark=r"\n[ \t]*\d{5}[ \t]", lead=40),
    # 11 Quayside, Hull HU1 2AA: a street without a street word, before its town and a UK
    # postcode (the postcode says it is an address)
    # (tried only before a postcode on the number's line: at every digit run, its names were
    # read across most of a ~1 KB prompt)
    Pattern(rf"{_L}{_NUM}{_SP}{_NAME},[ \t]*{_NAME},?[ \t]+{_UK_POSTCODE}(?![A-Za-z0-9])", 0.8,
            lead=0, anchor=rf"{_NUM}{_SP}{_NAME},", until=_UK_POSTCODE, breaks=r"\n"),
    # Flat 12B, Riverside Court / Apartment 4, Regent House: a British flat in a named
    # building or court, no house number (the building's name is the street's part)
    Pattern(rf"{_L}(?i:flat|apartment|apt\.?)[ \t]*\d{{1,4}}[A-Za-z]?,[ \t]*(?:{_CAP}{_SP}){{1,3}}"
            r"(?:Court|House|Mansions|Buildings|Lodge|Tower|Apartments|Place|Gardens|Mews|Wharf|"
            # (an Indian or a Singaporean block's: "Flat 302, Sai Residency")
            r"Quay|Yard|Square|Terrace|Close|Residency|Residences|Heights|Towers|Enclave|"
            rf"Complex|Society|Plaza|Chambers|Niwas|Nivas|Sadan|Bhavan|Bhawan)\b{_TAIL}", 0.8,
            mark=r"(?:flat|apartment|apt)\.?[ \t]*\d", lead=0, fold=True),
    # Flat 2, 14 Queen's Road / building 17, Oakridge Court: a unit before its street
    Pattern(rf"{_L}(?i:flat|unit|building|bldg\.?|block|floor)[ \t]*#?[ \t]*\d{{1,5}}[A-Za-z]?"
            rf"(?=,[ \t]*(?:{_NUM}{_SP})?(?:{_CAP}{_SP}){{1,3}}{_SUFFIX}\b)", 0.75,
            mark=r"(?:fl(?:at|oor)|unit|b(?:uilding|ldg|lock))", lead=0, fold=True),
    # all in lower case, as chat writes it: "88 lombard st #3", "221b baker street": one or two
    # words before a suffix (a third would read prose: "3 blocks down the street"); the city,
    # state and postcode after it when the postcode ends them ("..., london nw1 6xe",
    # "... ave nw washington dc 20500")
    Pattern(rf"{_L}{_NUM}{_SP}(?:[a-z][a-z'’-]*{_SP}){{1,2}}"
            r"(?:st|ave|rd|blvd|ln|dr|ct|pl|hwy|pkwy|street|avenue|road|boulevard|lane|way|"
            r"drive|court|place|terrace|circle|crescent|parkway|highway|trail)\b\.?"
            rf"(?:{_SP}[nsew]{{1,2}}\b\.?)?(?:\.?,?[ \t]*{_UNIT})?"
            rf"(?:,?[ \t]+(?:[a-z][a-z'’-]*,?[ \t]+){{1,3}}"
            r"(?:\d{5}(?:-\d{4})?|[a-z]{1,2}\d[a-z\d]?[ \t]?\d[a-z]{2})(?![\w-]))?", 0.8, lead=0),
]


_LOWER_START = re.compile(r"\d[\w/-]*[ \t]+([a-z'’-]+)")


def _plausible(value: str) -> bool:
    """An address has a number and a name; in lower case its name is no function word ("2 more
    way to do it", "3 other place")."""
    if not (any(c.isalpha() for c in value) and any(c.isdigit() for c in value)):
        return False
    m = _LOWER_START.match(value)
    return m is None or m.group(1) not in stop_words("en")


STREET_ADDRESS = PatternRecognizer(
    name="street_address", entity="LOCATION", patterns=STREET_PATTERNS,
    validate=_plausible, validated=False,
    context=("address", "street", "lives", "live", "located", "ship", "deliver", "mail"),
    context_boost=0.05,
)
