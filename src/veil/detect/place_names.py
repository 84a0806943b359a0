"""Places that are safe to read in lower case: countries, large regions and the cities a chat
names, none of them a common word of English, German, Spanish, French, Italian, Portuguese or
Dutch.

A capitalised word after "moved to" is a place by its capital; in lower case the word after
"from", "in" or "to" is most often not one ("live in peace", "moved to tears"), so only a name
on this list is taken (:mod:`veil.detect.places`). The list leaves out the places whose name is
also a word ("reading", "nice", "mobile", "split", "buffalo", "hope", "orange", "bath", "deal",
"essen", "como", "porto", "natal", "granada", "providence"): a missed place is the model's to
find, a word of prose taken for one would be masked in every prompt that holds it.
"""

from __future__ import annotations

# Names separated by commas, lower case, words by one space; native spellings beside the
# English ones where chat writes both ("münchen", "munich").
_COUNTRIES = """
afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria,
azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan,
bolivia, bosnia, botswana, brazil, brunei, bulgaria, burkina faso, burundi, cambodia,
cameroon, canada, cape verde, chad, chile, china, colombia, congo, costa rica, croatia, cuba,
cyprus, czechia, czech republic, denmark, djibouti, dominican republic, ecuador, egypt,
el salvador, england, eritrea, estonia, eswatini, ethiopia, fiji, finland, france, gabon,
gambia, georgia, germany, ghana, greece, guatemala, guinea, guyana, haiti, honduras,
hong kong, hungary, iceland, india, indonesia, iran, iraq, ireland, israel, italy,
ivory coast, jamaica, japan, jordan, kazakhstan, kenya, kosovo, kuwait, kyrgyzstan, laos,
latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania, luxembourg, madagascar,
malawi, malaysia, maldives, mali, malta, mauritania, mauritius, mexico, moldova, monaco,
mongolia, montenegro, morocco, mozambique, myanmar, burma, namibia, nepal, netherlands,
holland, new zealand, nicaragua, niger, nigeria, north korea, north macedonia, macedonia,
northern ireland, norway, oman, pakistan, palestine, panama, papua new guinea, paraguay,
peru, philippines, poland, portugal, qatar, romania, russia, rwanda, samoa, san marino,
saudi arabia, scotland, senegal, serbia, seychelles, sierra leone, singapore, slovakia,
slovenia, somalia, south africa, south korea, south sudan, spain, sri lanka, sudan,
suriname, sweden, switzerland, syria, taiwan, tajikistan, tanzania, thailand, togo, tonga,
trinidad, tunisia, turkey, turkmenistan, uganda, ukraine, united arab emirates,
united kingdom, united states, uruguay, uzbekistan, venezuela, vietnam, viet nam, wales,
yemen, zambia, zimbabwe, uk, usa, uae, america,
deutschland, österreich, schweiz, frankreich, italien, spanien, polen, türkei, russland,
niederlande, belgien, dänemark, schweden, norwegen, griechenland, ungarn, tschechien,
kroatien, rumänien, españa, alemania, inglaterra, estados unidos, méxico, perú, brasil,
marruecos, allemagne, angleterre, espagne, italie, belgique, maroc, algérie, tunisie,
états-unis, germania, inghilterra, spagna, svizzera, grecia, alemanha, espanha, frança,
itália, nederland, polska, sverige, norge, danmark, suomi
"""

_REGIONS = """
alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida,
hawaii, idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland,
massachusetts, michigan, minnesota, mississippi, missouri, montana, nebraska, nevada,
new hampshire, new jersey, new mexico, new york, north carolina, north dakota, ohio,
oklahoma, oregon, pennsylvania, rhode island, south carolina, south dakota, tennessee,
texas, utah, vermont, virginia, washington, west virginia, wisconsin, wyoming,
ontario, quebec, québec, alberta, british columbia, manitoba, saskatchewan, nova scotia,
new brunswick, newfoundland, new south wales, queensland, tasmania,
bavaria, bayern, saxony, sachsen, hessen, thuringia, thüringen, brandenburg, tyrol, tirol,
catalonia, catalunya, cataluña, andalusia, andalucía, galicia, sicily, sicilia, sardinia,
sardegna, tuscany, toscana, lombardy, lombardia, piedmont, piemonte, puglia, calabria,
provence, normandy, normandie, bretagne, alsace, corsica,
kerala, punjab, gujarat, maharashtra, karnataka, tamil nadu, bihar, rajasthan, telangana,
andhra pradesh, uttar pradesh, west bengal, odisha, assam, kashmir, jharkhand, haryana,
madhya pradesh, uttarakhand, himachal pradesh, chhattisgarh, goa,
yorkshire, lancashire, cornwall, devon, essex, surrey, sussex, bay area, silicon valley
"""

_CITIES = """
new york city, nyc, manhattan, brooklyn, bronx, los angeles, san francisco, san diego,
san jose, san antonio, chicago, houston, dallas, austin, phoenix, philadelphia, philly,
detroit, miami, orlando, tampa, seattle, portland, sacramento, boston, atlanta, denver,
las vegas, nashville, memphis, louisville, baltimore, milwaukee, minneapolis, st louis,
saint louis, kansas city, oklahoma city, tulsa, albuquerque, tucson, el paso, fort worth,
columbus, cleveland, cincinnati, pittsburgh, indianapolis, charlotte, raleigh, richmond,
jacksonville, tallahassee, new orleans, salt lake city, boise, spokane, anchorage, honolulu,
omaha, des moines, madison, ann arbor, hartford, newark, jersey city, rochester, syracuse,
albany, savannah, charleston, knoxville, chattanooga, lexington, wichita, arlington, plano,
scottsdale, tempe, fresno, oakland, berkeley, palo alto, long beach, irvine, anaheim,
pasadena, santa monica, santa barbara, santa fe, fort lauderdale, gainesville, pensacola,
dayton, akron, grand rapids, lansing, fargo, sioux falls, cheyenne, durham, greensboro,
baton rouge, little rock, birmingham, montgomery, colorado springs, bakersfield, laredo,
lubbock, san juan, washington dc,
toronto, montreal, montréal, vancouver, calgary, edmonton, ottawa, winnipeg, halifax,
saskatoon, mississauga, brampton, quebec city, sydney, melbourne, brisbane, perth, adelaide,
canberra, hobart, darwin, auckland, wellington, christchurch, gold coast,
london, manchester, liverpool, leeds, sheffield, bradford, bristol, nottingham, leicester,
coventry, southampton, portsmouth, plymouth, brighton, oxford, cambridge, norwich, exeter,
newcastle, sunderland, middlesbrough, bolton, blackpool, luton, milton keynes, croydon,
edinburgh, glasgow, aberdeen, dundee, inverness, cardiff, swansea, belfast, dublin, galway,
paris, marseille, marseilles, lyon, toulouse, bordeaux, lille, strasbourg, nantes,
montpellier, grenoble, dijon, reims, toulon, le havre, avignon,
berlin, munich, münchen, muenchen, hamburg, cologne, köln, koeln, frankfurt, stuttgart,
düsseldorf, duesseldorf, dortmund, leipzig, dresden, hannover, hanover, nuremberg, nürnberg,
nuernberg, bremen, bonn, mannheim, karlsruhe, freiburg, heidelberg, augsburg, wiesbaden,
mainz, kiel, lübeck, rostock, potsdam, münster, aachen, bochum, wuppertal, bielefeld,
duisburg, braunschweig, magdeburg, erfurt, regensburg, würzburg,
vienna, wien, graz, linz, salzburg, innsbruck, zurich, zürich, zuerich, geneva, genève, genf,
basel, bern, lausanne, lucerne, luzern, lugano, brussels, bruxelles, brussel, antwerp,
antwerpen, ghent, bruges, liège, amsterdam, rotterdam, den haag, utrecht, eindhoven,
groningen, leiden, delft, breda, tilburg, nijmegen, arnhem, haarlem, maastricht,
copenhagen, københavn, aarhus, stockholm, gothenburg, göteborg, malmö, malmo, uppsala, oslo,
trondheim, stavanger, helsinki, tampere, turku, reykjavik, reykjavík,
madrid, barcelona, sevilla, seville, valencia, zaragoza, málaga, malaga, bilbao, alicante,
murcia, valladolid, córdoba, cordoba, lisbon, lisboa, coimbra,
rome, milan, milano, naples, napoli, turin, torino, florence, firenze, venice, venezia,
genoa, genova, bologna, palermo, verona, bari, catania, trieste,
athens, thessaloniki, istanbul, ankara, izmir, antalya,
warsaw, warszawa, krakow, kraków, cracow, wroclaw, wrocław, gdansk, gdańsk, poznan, poznań,
lodz, łódź, prague, praha, brno, bratislava, budapest, bucharest, cluj, belgrade, beograd,
zagreb, ljubljana, sarajevo, skopje, tirana, kyiv, kiev, kharkiv, lviv, odesa, odessa, minsk,
vilnius, riga, tallinn, moscow, moskva, st petersburg, saint petersburg, novosibirsk,
chisinau, valletta, nicosia, limassol,
tokyo, osaka, kyoto, yokohama, nagoya, sapporo, fukuoka, kobe, hiroshima, seoul, busan,
incheon, daegu, beijing, shanghai, shenzhen, guangzhou, chengdu, wuhan, hangzhou, nanjing,
tianjin, chongqing, xi'an, macau, taipei, kaohsiung, kuala lumpur, penang, jakarta, bali,
surabaya, bandung, manila, cebu, quezon city, davao, bangkok, chiang mai, phuket, hanoi,
ho chi minh city, saigon, da nang, phnom penh, yangon, rangoon, kathmandu, colombo,
mumbai, bombay, delhi, new delhi, bangalore, bengaluru, chennai, madras, kolkata, calcutta,
hyderabad, pune, ahmedabad, surat, jaipur, lucknow, kanpur, nagpur, indore, bhopal, patna,
vadodara, ludhiana, nashik, ranchi, coimbatore, kochi, cochin, mysore, mysuru, chandigarh,
noida, gurgaon, gurugram, visakhapatnam, vizag, guwahati, bhubaneswar,
thiruvananthapuram, trivandrum, madurai, varanasi, amritsar, karachi, lahore, islamabad,
rawalpindi, faisalabad, peshawar, dhaka, chittagong,
dubai, abu dhabi, sharjah, doha, riyadh, jeddah, tehran, baghdad, beirut, damascus, aleppo,
amman, jerusalem, tel aviv, haifa, baku, tbilisi, yerevan, tashkent, almaty, astana, kabul,
cairo, alexandria, casablanca, marrakech, marrakesh, rabat, tangier, tunis, algiers,
tripoli, khartoum, addis ababa, nairobi, mombasa, kampala, kigali, dar es salaam, lagos,
abuja, ibadan, accra, kumasi, dakar, abidjan, bamako, kinshasa, luanda, lusaka, harare,
johannesburg, joburg, cape town, durban, pretoria, soweto, windhoek, gaborone, maputo,
mogadishu, douala, yaoundé, yaounde,
mexico city, ciudad de méxico, guadalajara, monterrey, tijuana, cancún, cancun, oaxaca,
bogotá, bogota, medellín, medellin, cartagena, barranquilla, caracas, maracaibo, quito,
guayaquil, lima, santiago, valparaíso, buenos aires, mendoza, montevideo, são paulo,
sao paulo, rio de janeiro, brasília, brasilia, porto alegre, belo horizonte, curitiba,
manaus, havana, la habana, santo domingo, port-au-prince, managua, tegucigalpa,
san salvador, guatemala city
"""


def _split(block: str) -> frozenset[str]:
    return frozenset(n.strip() for n in block.split(",") if n.strip())


#: the countries and regions: what may follow a place after a comma ("pune, india")
REGIONS: frozenset[str] = _split(_COUNTRIES) | _split(_REGIONS)
#: every name, lower case, its words joined by one space
PLACES: frozenset[str] = REGIONS | _split(_CITIES)
#: the most words a name has
LONGEST = max(len(n.split()) for n in PLACES)

#: Names that English writes after "the" ("moved to the uk"): "the" stays outside the span.
#: "us" and "states" are places only so ("we moved to the us"; "to us" is a pronoun).
THE_PLACES = frozenset({
    "uk", "usa", "us", "uae", "netherlands", "philippines", "bahamas", "gambia", "maldives",
    "seychelles", "united kingdom", "united states", "united arab emirates", "czech republic",
    "dominican republic", "congo", "states", "bay area"})

#: Places that are also given names ("an email from jordan", "ask victoria"): a place only
#: after a verb of living or moving, not after a bare "from".
ALSO_NAMES = frozenset({
    "jordan", "georgia", "florence", "victoria", "sydney", "austin", "dallas", "houston",
    "charlotte", "madison", "lincoln", "orlando", "paris", "adelaide", "chad", "israel",
    "savannah", "brooklyn", "phoenix", "darwin", "lexington", "santiago", "alexandria",
    "virginia", "india", "kenya", "raleigh", "richmond", "arlington", "wellington", "durham",
    "montgomery", "denver", "tyrol", "devon", "vienna", "florida", "cheyenne", "montana",
    "nevada", "lansing", "columbus", "memphis", "athens", "niger", "essex", "surrey", "bolton",
    "chester", "halifax", "hamilton", "preston", "wigan", "lima", "sofia", "dakota", "aurora",
    "alberta", "salem", "tampa", "laredo", "cleveland", "albany", "valencia", "kobe", "bari",
    "rochester", "camden"})
