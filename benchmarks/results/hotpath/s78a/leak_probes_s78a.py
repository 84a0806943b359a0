"""The forty-eighth round's first probe prompts: what ordinary people, and the businesses that
serve them, paste into an LLM about their own lives, in English. Travel (e-tickets and
itineraries with their booking references, ticket and frequent-flyer numbers, boarding-pass text
and the IATA BCBP barcode string, a passport's data page and its MRZ lines, visa, ESTA and
Known Traveler numbers, hotel and car-rental confirmations); telecom (IMEI, ICCID, IMSI, MSISDN,
account and port-out PINs, SIM-swap tickets, eSIM activation codes); shipping and e-commerce
(order confirmations, UPS/FedEx/USPS/DHL/Royal Mail/Amazon tracking numbers, return labels,
customer-service chats, gift-card codes); vehicles (VIN, plates of several countries, insurance
claims, parking and speeding tickets, DMV letters); education (student ids, transcripts,
financial-aid letters, school e-mails about a child); housing (leases, deeds with parcel/APN
numbers, mortgage statements, utility bills with account and meter numbers, HOA letters); HR
and recruiting (CVs with LinkedIn/GitHub links, references, background checks, offer letters,
payslips, benefits enrolment); government benefits (SNAP/EBT, Medicare MBI, Social Security
letters, UK National Insurance and Universal Credit, Canadian SIN letters). Beside the values,
the words that must stay: flight numbers, IATA airport codes, fare classes, seats, products and
plans, forms and programmes, amounts, grades and course codes, and numbers shaped like an id
whose check fails and that no label names. Counts both with the ``veil`` on ``PYTHONPATH`` and
one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s78a/leak_probes_s78a.py \
        learned|spacy [--show]

Policy read from docs/detection.md and the earlier sets:

* ORGANIZATION and LOCATION are masked by default, so an airline's, a carrier's, a shop's or a
  school's name and an airport's or a city's name are neither values nor words; a traveller's or
  a tenant's address is a value. An airport's three-letter code, a flight number, a fare class, a
  seat, a product's or a plan's name, a form's name (`Form I-94`, `W-4`, `P60`), a programme's
  (`Pell Grant`, `SNAP`, `Medicare Part B`) and an amount are words.
* DATE_TIME is masked by default: a flight's, a bill's or a letter's date is neither; a birth
  date is a value.
* A person's identifiers are values: names, e-mail, phone, home address, passport number and MRZ
  lines, visa and ESTA numbers, Known Traveler and redress numbers, a ticket's number (it opens
  the booking), a booking reference (PNR), a frequent-flyer number, a hotel's or a car rental's
  confirmation number, a phone's IMEI, a SIM's ICCID and IMSI, the MSISDN, an account number and
  an account PIN or port-out PIN (SECRET), an eSIM's activation code, a parcel's tracking
  number, a gift card's code and PIN, a VIN and a plate, an insurance policy's and claim's
  number, a citation's or a penalty notice's number (with the plate it opens the case), a
  driver's licence number, a student id, a FAFSA Data Release Number, a parcel (APN) number of a
  person's home, a loan's, a utility's and an HOA's account number and a meter's number
  (MPAN/MPRN/ESI ID), a profile's link (LinkedIn, GitHub), an employee number, a National
  Insurance number, an SSN, a SIN, an EBT card's number, a SNAP case number and a Medicare MBI.
* An order's number, a support ticket's, a return's RMA and a background check's report id are
  neither (earlier sets left them so). Written before any rule of this round, as a held-out set.
  All values are made up; checksums are valid where the id has one (IMEI, ICCID, EBT and card
  Luhn, SIN Luhn, VIN position 9, UPS 1Z, USPS IMpb mod 10, FedEx, DHL mod 7, Royal Mail's S10,
  the MRZ's 7-3-1 digits).
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- travel ---------------------------------------------------------------------------------
    ('travel', 'Can you make me a packing list? My e-ticket receipt says:\nPassenger: '
     'HARTWELL/MARGARET ELLEN MRS\nBooking reference: FX7QMV\nTicket number: 125 2481937705\n'
     'Frequent flyer: BA 48812937 (Executive Club Silver)\nBA 178 JFK-LHR, Economy (Y), seat 23A, '
     '1 checked bag 23kg',
     ('HARTWELL/MARGARET ELLEN', 'FX7QMV', '125 2481937705', '48812937'),
     ('packing list', 'BA 178', 'JFK-LHR', 'Economy (Y)', 'seat 23A', '1 checked bag 23kg')),
    ('travel', 'Itinerary for Mr Chidi Okonkwo, confirmation code 8KQ2ZP, e-ticket '
     '0162384719025. UA 901 SFO-FRA departs 17:40 from Terminal 3, arrives 13:55. MileagePlus '
     'KX294817. Contact on file: chidi.okonkwo@gmail.com, +1 (510) 555-0147.',
     ('Chidi', 'Okonkwo', '8KQ2ZP', '0162384719025', 'KX294817', 'chidi.okonkwo@gmail.com',
      '+1 (510) 555-0147'),
     ('Itinerary for', 'UA 901', 'SFO-FRA', 'Terminal 3')),
    ('travel', 'What does this barcode text from my boarding pass mean?\n'
     'M1VANTERPOOL/ODETTE   EW9TL4X JFKLHRBA 0178 312Y023A0041 100',
     ('VANTERPOOL/ODETTE', 'W9TL4X'),
     ('barcode text from my boarding pass',)),
    ('travel', 'Decode this BCBP: M1NAKAMURA/SATOSHI    E3VB7NQ LOSLHRBA 0074 045J002K0007 34B>'
     '6180      BBA              2A12523871946500 BA 40217733            N',
     ('NAKAMURA/SATOSHI', '3VB7NQ', '12523871946500', '40217733'),
     ('Decode this BCBP',)),
    ('travel', 'I scanned my passport data page, the bottom two lines are:\n'
     'P<USAQUILLFELDT<<ROSAMUND<JUNE<<<<<<<<<<<<<<\n'
     '5831904727USA7902262F3309058<<<<<<<<<<<<<<08\nIs the expiry date readable from this?',
     ('P<USAQUILLFELDT<<ROSAMUND<JUNE<<<<<<<<<<<<<<',
      '5831904727USA7902262F3309058<<<<<<<<<<<<<<08'),
     ('passport data page', 'Is the expiry date readable')),
    ('travel', 'Passport details for the visa form: Surname BEAUCHEMIN, Given names LUCIE, '
     'Passport No. AK4471902, Nationality CANADIAN, Date of birth 02 MAR 1985, Place of birth '
     'TROIS-RIVIERES, Date of expiry 27 NOV 2030.',
     ('BEAUCHEMIN', 'LUCIE', 'AK4471902', '02 MAR 1985', 'TROIS-RIVIERES'),
     ('Passport details for the visa form', 'Nationality CANADIAN')),
    ('travel', 'ESTA approved! Application number: Y42X7K9M3P1Q8W5R. Traveler: Femi Oladipo '
     'Adebanjo-Hughes, passport 128840273 (GBR). Valid two years.',
     ('Y42X7K9M3P1Q8W5R', 'Femi Oladipo Adebanjo-Hughes', '128840273'),
     ('ESTA approved', 'Valid two years')),
    ('travel', 'My US visa has Control Number 20231981740002 and foil number Z4471203; the '
     'Known Traveler Number on my Global Entry card is 98812734 and my DHS redress number is '
     '2104883.',
     ('20231981740002', 'Z4471203', '98812734', '2104883'),
     ('US visa', 'Global Entry card')),
    ('travel', 'Hotel confirmation: Guest Name: Ravindra Seshadri. Confirmation Number: '
     '83749201. Marriott Bonvoy Member #: 492817734. Check-in Fri, check-out Sun, King Room, '
     'non-smoking. Card on file Visa ending 6620.',
     ('Ravindra', 'Seshadri', '83749201', '492817734', '6620'),
     ('Hotel confirmation', 'King Room', 'non-smoking')),
    ('travel', 'Your Enterprise reservation confirmation number is 1187293441. Renter: Annika '
     'Lindqvist-Hale, driver licence LINDQ758129AH9KL, pick-up at SEA Airport, Full Size SUV.',
     ('1187293441', 'Annika', 'Lindqvist-Hale', 'LINDQ758129AH9KL'),
     ('reservation confirmation', 'Full Size SUV')),
    ('travel', 'Hi, our flight got cancelled. PNR is QW4T7Z, passengers DESAI/KAVYA MS and '
     'DESAI/ROHAN MR, tickets 098-2217483361 and 098-2217483362. Can you draft a complaint '
     'under EU261 for AI 131 BOM-LHR?',
     ('QW4T7Z', 'DESAI/KAVYA', 'DESAI/ROHAN', '098-2217483361', '098-2217483362'),
     ('flight got cancelled', 'draft a complaint', 'EU261', 'AI 131', 'BOM-LHR')),
    ('travel', 'Delta confirmation: HG7P2L. SkyMiles #9218837465. DL 1467 ATL-MCO seat 14C, '
     'Main Cabin. Passenger Tamika Braithwaite, DOB 11/06/1979, Known Traveler # TT4829173.',
     ('HG7P2L', '9218837465', 'Tamika', 'Braithwaite', '11/06/1979', 'TT4829173'),
     ('DL 1467', 'ATL-MCO', 'seat 14C', 'Main Cabin')),
    ('travel', 'Booking.com reservation 3219847562, PIN 8841, guest Siobhan Mulrooney, phone '
     '+353 87 412 9903, 2 adults, breakfast included.',
     ('3219847562', '8841', 'Siobhan', 'Mulrooney', '+353 87 412 9903'),
     ('2 adults', 'breakfast included')),
    ('travel', 'Visa application (UK Standard Visitor): GWF reference GWF071829934, applicant '
     'Oluwaseun Adeyemi-Brooks, passport A09182734 (NGA), UAN 3342-0019-8877-6613.',
     ('GWF071829934', 'Oluwaseun', 'Adeyemi-Brooks', 'A09182734', '3342-0019-8877-6613'),
     ('UK Standard Visitor',)),
    ('travel', 'Flying Blue number 2093817462, Air France booking ref 5TJ8KX, AF 1481 CDG-AMS. '
     'Can I upgrade with miles?',
     ('2093817462', '5TJ8KX'),
     ('AF 1481', 'CDG-AMS', 'upgrade with miles')),
    ('travel', 'Emirates Skywards EK 304817726, booking reference LMN4PQ, seat 41K, EK 29 '
     'DXB-LGW.',
     ('304817726', 'LMN4PQ'),
     ('seat 41K', 'EK 29', 'DXB-LGW')),
    ('travel', 'Here is my I-94 record: Admission (I-94) Record Number 69875123456, Most Recent '
     'Date of Entry, Class of Admission B2, Admit Until Date. Name: Ishaan Mehrotra.',
     ('69875123456', 'Ishaan', 'Mehrotra'),
     ('Class of Admission B2', 'Admit Until Date')),
    ('travel', 'Amtrak eTicket number 6B4E91 for train 2150 Acela, NYP to WAS, Business Class, '
     'passenger Gregory Abernathy-Pike, Guest Rewards # 7711049283.',
     ('6B4E91', 'Gregory', 'Abernathy-Pike', '7711049283'),
     ('train 2150', 'Acela', 'Business Class')),
    ('travel', 'Check in for your flight. Last name: ZHANG-OKAFOR, Confirmation: '
     'R7XK2M. Flight WN 2417 from MDW.',
     ('ZHANG-OKAFOR', 'R7XK2M'),
     ('Check in for your flight', 'WN 2417')),
    ('travel', 'Visa details: Visa Type: F-1, Visa Number: 20241837450001, Annotation: SEVIS '
     'N0034982177, School: University. Name on visa: TANAKA HARUTO.',
     ('20241837450001', 'N0034982177', 'TANAKA HARUTO'),
     ('Visa Type: F-1',)),
    ('travel', 'Car rental agreement RA 88213477 (Hertz Gold Plus Rewards 49102873), vehicle '
     'Toyota Corolla, plate 9LKD215 (CA), renter Luis Alberto Quiroga.',
     ('88213477', '49102873', '9LKD215', 'Luis Alberto Quiroga'),
     ('Car rental agreement', 'Toyota Corolla')),
    # --- telecom -------------------------------------------------------------------------------
    ('telecom', 'My phone was stolen. IMEI: 353362571419636, SIM ICCID 89011781748309546273, '
     'number (415) 555-0163. Can you write to Verizon asking them to blacklist it?',
     ('353362571419636', '89011781748309546273', '(415) 555-0163'),
     ('My phone was stolen', 'blacklist it')),
    ('telecom', 'Porting my number to Mint: account number 482193077, Number Transfer PIN '
     '55210938, billing ZIP 94110. The line is 415-555-0192.',
     ('482193077', '55210938', '94110', '415-555-0192'),
     ('Porting my number',)),
    ('telecom', 'Customer service chat: "For security, please confirm your account PIN." '
     'Me: 7731. "Thanks Priyanka, I see the SIM swap request for 07700 900812 placed today."',
     ('7731', 'Priyanka', '07700 900812'),
     ('Customer service chat', 'SIM swap request')),
    ('telecom', 'Dial *#06# shows:\nIMEI1 356795419264184\nIMEI2 352782088103632\nEID '
     '89049032007008882600103412345652',
     ('356795419264184', '352782088103632', '89049032007008882600103412345652'),
     ('Dial *#06# shows',)),
    ('telecom', 'Settings > About: Phone number +44 7700 900461, IMEI 359617365951696, ICCID '
     '8944 3946 1347 3897 1449, IMSI 234159482710934, Model iPhone 15 Pro, iOS 17.4.',
     ('+44 7700 900461', '359617365951696', '8944 3946 1347 3897 1449', '234159482710934'),
     ('iPhone 15 Pro', 'iOS 17.4')),
    ('telecom', 'eSIM QR for my new line: LPA:1$rsp.truphone.com$QR-G-5C-1LS-1W1Z9P7. The '
     'confirmation code is 7HX4-2KQ9.',
     ('QR-G-5C-1LS-1W1Z9P7', '7HX4-2KQ9'),
     ('eSIM QR for my new line',)),
    ('telecom', 'T-Mobile port-out PIN: 829104 for account 961204887; the MSISDN is '
     '12065550187.',
     ('829104', '961204887', '12065550187'),
     ('port-out PIN',)),
    ('telecom', 'Ticket #TMO-55123: SIM swap fraud on line 206-555-0134 (acct 773019284, '
     'customer Renata Vasconcelos). New SIM 89011687463684822563 activated without my consent.',
     ('206-555-0134', '773019284', 'Renata', 'Vasconcelos', '89011687463684822563'),
     ('SIM swap fraud', 'without my consent')),
    ('telecom', 'Bill summary: Account 0487 2219 3310, Mr Declan Fitzmaurice, 14 Orchard '
     'Close, Harrogate HG2 8QT. Unlimited 5G plan £25.00/month, roaming add-on £2.00.',
     ('0487 2219 3310', 'Declan', 'Fitzmaurice', '14 Orchard Close', 'HG2 8QT'),
     ('Bill summary', 'Unlimited 5G plan', '£25.00/month', 'roaming add-on')),
    ('telecom', 'My carrier unlock request: device IMEI 359291382708990, account holder '
     'Xochitl Ramirez-Brandt, account PIN 2048, phone 312-555-0178.',
     ('359291382708990', 'Xochitl', 'Ramirez-Brandt', '2048', '312-555-0178'),
     ('carrier unlock request',)),
    ('telecom', 'Android: adb shell service call iphonesubinfo 1 returned 359580115651885; '
     'getSubscriberId() gave 310260849127734.',
     ('359580115651885', '310260849127734'),
     ('adb shell service call iphonesubinfo 1', 'getSubscriberId()')),
    ('telecom', 'Broadband: account no. BB48213390, landline 020 7946 0331, router serial '
     'SN: 2147A8QX00419, Wi-Fi password plum-velvet-2291.',
     ('BB48213390', '020 7946 0331', '2147A8QX00419', 'plum-velvet-2291'),
     ('Broadband',)),
    ('telecom', 'PUK code for SIM ending 0163 is 48213907. The SIM card number is '
     '8961424327216968040.',
     ('48213907', '8961424327216968040'),
     ('PUK code for SIM',)),
    # --- shipping and e-commerce ---------------------------------------------------------------
    ('shipping', 'Where is my parcel? UPS tracking 1Z9V8W270312345677, shipping to Megan '
     'Kowalczyk, 2210 Larkin Street Apt 4, San Francisco, CA 94109.',
     ('1Z9V8W270312345677', 'Megan', 'Kowalczyk', '2210 Larkin Street', '94109'),
     ('Where is my parcel',)),
    ('shipping', 'USPS: Your item 9400 1118 9922 3856 9284 12 was delivered to the front porch. '
     'Also 9205590184712300088178 is in transit.',
     ('9400 1118 9922 3856 9284 12', '9205590184712300088178'),
     ('delivered to the front porch', 'in transit')),
    ('shipping', 'FedEx says 772468101391 is delayed; the other box is 394528177208. Recipient '
     'Harold Nyambura, phone 404-555-0121.',
     ('772468101391', '394528177208', 'Harold', 'Nyambura', '404-555-0121'),
     ('is delayed',)),
    ('shipping', 'DHL Express waybill 3482019575 from Shenzhen, duty payable; second shipment '
     'DHL 1047193652.',
     ('3482019575', '1047193652'),
     ('DHL Express waybill', 'duty payable')),
    ('shipping', 'Royal Mail Special Delivery RN482139075GB to Mrs Eileen Pargeter, 7 Mill '
     'Lane, Ludlow SY8 1BB. Signed For AB120987648GB too.',
     ('RN482139075GB', 'Eileen', 'Pargeter', '7 Mill Lane', 'SY8 1BB', 'AB120987648GB'),
     ('Special Delivery', 'Signed For')),
    ('shipping', 'My Amazon order #112-4471902-8830145 shipped with Amazon Logistics, tracking ID '
     'TBA312847590000. Deliver to: Kenji Watanabe-Ellis, 88 Birch Hollow Rd, Asheville, NC '
     '28803.',
     ('TBA312847590000', 'Kenji', 'Watanabe-Ellis', '88 Birch Hollow Rd', '28803'),
     ('shipped with Amazon Logistics',)),
    ('shipping', 'Return label: RMA 55-20931, ship from Dominika Sławińska, ul. Długa 14/3, '
     '00-238 Warszawa, to our returns centre. Tracking LX305711969DE.',
     ('Dominika', 'Sławińska', 'ul. Długa 14/3', '00-238', 'LX305711969DE'),
     ('Return label', 'returns centre')),
    ('shipping', 'Please help me reply to this customer: "Hi, I ordered the Ninja AF101 Air '
     'Fryer, order 7734-2291, but got a toaster. My name is Beatriz Okoro, email '
     'bea.okoro88@yahoo.com, phone 07911 123456."',
     ('Beatriz', 'Okoro', 'bea.okoro88@yahoo.com', '07911 123456'),
     ('Ninja AF101 Air Fryer', 'got a toaster')),
    ('shipping', 'Amazon gift card claim code: AS7D-4TFN9L-WRQ3 (value $50). My nephew Jaylen '
     'already used the other one, AQ7B-K4XM9P-2WRT?',
     ('AS7D-4TFN9L-WRQ3', 'Jaylen', 'AQ7B-K4XM9P-2WRT'),
     ('gift card claim code', 'value $50')),
    ('shipping', 'Apple Gift Card code X6FH7K2LMN9Q4RTP, Steam wallet code 9KQ4T-ZP2MX-7HRWN, '
     'Google Play code 4RTX9Q2MLP7KZW3HN8VB.',
     ('X6FH7K2LMN9Q4RTP', '9KQ4T-ZP2MX-7HRWN', '4RTX9Q2MLP7KZW3HN8VB'),
     ('Apple Gift Card code', 'Steam wallet code', 'Google Play code')),
    ('shipping', 'Visa prepaid gift card 4847 1902 3381 0047, exp 09/27, CVV 839, PIN 3390; the '
     'balance says $0 after one use.',
     ('4847 1902 3381 0047', '839', '3390'),
     ('Visa prepaid gift card', 'after one use')),
    ('shipping', 'Order confirmation #W4471902: 1 x Dyson V15 Detect, 1 x AirPods Pro (2nd '
     'generation). Billing: Ines Carvalho, 31 Rua das Flores, 4050-262 Porto. Payment: '
     'Mastercard •••• 8812.',
     ('Ines', 'Carvalho', '31 Rua das Flores', '4050-262', '8812'),
     ('Dyson V15 Detect', 'AirPods Pro (2nd generation)')),
    ('shipping', 'eBay buyer message: "Ship to Travis Okonjo-Reid, 4 Elm Ct, Dayton OH 45402, '
     'phone (937) 555-0150." Item 2855401937 sold for $84.',
     ('Travis', 'Okonjo-Reid', '4 Elm Ct', '45402', '(937) 555-0150'),
     ('eBay buyer message', 'sold for $84')),
    ('shipping', 'Evri parcel H01RJA0048213907 left in the safe place; Canada Post '
     '7023 4471 9028 3316 delivered.',
     ('H01RJA0048213907', '7023 4471 9028 3316'),
     ('left in the safe place',)),
    ('shipping', 'Chat transcript:\nAgent: Can I get the tracking number?\nCustomer: '
     '1ZA4F1960366198241\nAgent: And the email on the order?\nCustomer: '
     'rosalind.achebe@outlook.com',
     ('1ZA4F1960366198241', 'rosalind.achebe@outlook.com'),
     ('Chat transcript', 'Can I get the tracking number?')),
    # --- vehicles ------------------------------------------------------------------------------
    ('vehicle', 'Buying a used car, is this VIN clean? 1HGCV1F37LA012345 (2020 Honda Accord '
     'EX-L, 41,200 miles). Seller: Dwayne Kettering, 555-0148.',
     ('1HGCV1F37LA012345', 'Dwayne', 'Kettering'),
     ('Buying a used car', '2020 Honda Accord EX-L', '41,200 miles')),
    ('vehicle', 'Insurance claim for the fender bender: Claim Number 0623817742-01, policy '
     'PA-4471-09823-01, my car 2019 Tesla Model 3, VIN 5YJ3E1EA2KF317000, plate 8MJW472. Other '
     'driver: Lorraine Abbot-Kealey, plate 7XKP391, insurer GEICO policy 4471028836.',
     ('0623817742-01', 'PA-4471-09823-01', '5YJ3E1EA2KF317000', '8MJW472', 'Lorraine',
      'Abbot-Kealey', '7XKP391', '4471028836'),
     ('fender bender', '2019 Tesla Model 3')),
    ('vehicle', 'Penalty Charge Notice WK48213907, vehicle registration LB19 XKT, contravention '
     'code 01 (parked in a restricted street). How do I appeal?',
     ('WK48213907', 'LB19 XKT'),
     ('contravention code 01', 'How do I appeal?')),
    ('vehicle', 'NYC parking ticket: Summons Number 8842170931, Plate GXR4471 NY, Violation 21 '
     'No Parking-Street Cleaning, fine $65.',
     ('8842170931', 'GXR4471'),
     ('Violation 21', 'No Parking-Street Cleaning', 'fine $65')),
    ('vehicle', 'Speeding ticket: Citation No. C47819203, driver Marcus Eldridge-Tate, DL '
     'E4471902 (CA), 72 in a 55 zone.',
     ('C47819203', 'Marcus', 'Eldridge-Tate', 'E4471902'),
     ('Speeding ticket', '72 in a 55 zone')),
    ('vehicle', 'DMV letter: Dear Consuelo Arriaga, your registration for vehicle '
     'JTDKARFUXK3087654, license plate 9ZTR118, expires soon. Customer No. D4471-82917. '
     'Driver License Number Y4471903.',
     ('Consuelo', 'Arriaga', 'JTDKARFUXK3087654', '9ZTR118', 'D4471-82917', 'Y4471903'),
     ('DMV letter', 'expires soon')),
    ('vehicle', 'German car: Kennzeichen B-KM 4471, FIN WBA8E9G58GNT12345, Halter Jürgen '
     'Hollmann.',
     ('B-KM 4471', 'WBA8E9G58GNT12345', 'Jürgen', 'Hollmann'),
     ('German car',)),
    ('vehicle', 'French plate GF-482-LK and Dutch kenteken 8-KDF-52 were both flashed by the '
     'same speed camera.',
     ('GF-482-LK', '8-KDF-52'),
     ('speed camera',)),
    ('vehicle', 'Ontario plate CKZM 482, Florida driver license H614-782-91-833-0, owner '
     'Shanelle Pryce-Whitaker.',
     ('CKZM 482', 'H614-782-91-833-0', 'Shanelle', 'Pryce-Whitaker'),
     ()),
    ('vehicle', 'Carfax report for 2T1BURHE1JC054321: 2 owners, no accidents. Also check '
     '3VW2B7AJ8HM123456 and KNDJP3A53H7401234.',
     ('2T1BURHE1JC054321', '3VW2B7AJ8HM123456', 'KNDJP3A53H7401234'),
     ('Carfax report', '2 owners, no accidents')),
    ('vehicle', 'Tow yard: my 2021 Ford F-150 (VIN: 1FTFW1E57MFA12345), Texas tag NHB-4471, was '
     'towed from 1420 Westheimer Rd, Houston TX 77006.',
     ('1FTFW1E57MFA12345', 'NHB-4471', '1420 Westheimer Rd', '77006'),
     ('Tow yard', '2021 Ford F-150')),
    ('vehicle', 'MOT reminder for WX19 KPL (Vauxhall Corsa), keeper Gareth Pennington, V5C '
     'document reference 48213907551.',
     ('WX19 KPL', 'Gareth', 'Pennington', '48213907551'),
     ('MOT reminder', 'Vauxhall Corsa')),
    # --- education -----------------------------------------------------------------------------
    ('education', 'Email from school: "Dear Mrs Thornbury, Maisie (Year 4, class 4B) was unwell '
     'today and collected by her grandfather. Student ID 20418877." Please help me reply.',
     ('Thornbury', 'Maisie', '20418877'),
     ('Email from school', 'Year 4, class 4B', 'Please help me reply')),
    ('education', 'Transcript: Student: Adaeze Nwachukwu, Student ID: 900481273, DOB '
     '1999-08-14. MATH 221 Calculus II A-, CHEM 110 General Chemistry B+, cumulative GPA 3.71.',
     ('Adaeze', 'Nwachukwu', '900481273', '1999-08-14'),
     ('MATH 221 Calculus II', 'CHEM 110 General Chemistry', 'cumulative GPA 3.71')),
    ('education', 'Financial aid offer: Student Aid Index (SAI) 4,218, Federal Pell Grant '
     '$3,200, Direct Subsidized Loan $3,500. Student: Jordan Whitlock-Baines, UIN 672104883, '
     'FAFSA Data Release Number (DRN) 8093.',
     ('Jordan', 'Whitlock-Baines', '672104883', '8093'),
     ('Student Aid Index (SAI)', 'Federal Pell Grant', 'Direct Subsidized Loan')),
    ('education', 'FAFSA: parent SSN 523-71-4408, student SSN 471-88-2093, FSA ID username '
     'jwhitlock_baines07, parent Ngozi Whitlock-Baines.',
     ('523-71-4408', '471-88-2093', 'jwhitlock_baines07', 'Ngozi'),
     ('FAFSA', 'FSA ID')),
    ('education', 'hi ms patel, this is about my son tobias henley in 7th grade homeroom 204, '
     'his student number is 3304417 and he has an IEP meeting on friday',
     ('tobias henley', '3304417'),
     ('7th grade', 'IEP meeting')),
    ('education', 'University application: UCAS Personal ID 148-829-3371, applicant Eleanor '
     'Fairweather, predicted A*AA in Maths, Physics, Chemistry.',
     ('148-829-3371', 'Eleanor', 'Fairweather'),
     ('University application', 'predicted A*AA', 'Maths, Physics, Chemistry')),
    ('education', 'Student loan statement: Borrower: Keisha Danforth, Account Number '
     '8840217739, Servicer: MOHELA, balance $27,481.33, IDR plan SAVE.',
     ('Keisha', 'Danforth', '8840217739'),
     ('Student loan statement', 'balance $27,481.33', 'IDR plan SAVE')),
    ('education', 'Canvas export: "sis_user_id": "A02948173", "login_id": "mkovac3", '
     '"name": "Marta Kovač", "email": "mkovac3@students.uni.edu"',
     ('A02948173', 'mkovac3', 'Marta', 'Kovač', 'mkovac3@students.uni.edu'),
     ('Canvas export',)),
    ('education', 'School trip consent: child Amara Obi-Thompson, date of birth 14 May 2015, '
     'allergies: peanuts. Parent contact: Chinwe Obi-Thompson, 07700 900381.',
     ('Amara', 'Obi-Thompson', '14 May 2015', 'Chinwe', '07700 900381'),
     ('School trip consent', 'allergies: peanuts')),
    ('education', 'NYC DOE OSIS number 218847730 for my daughter Luz Marisol Peña, PS 87 '
     '3rd grade.',
     ('218847730', 'Luz Marisol Peña'),
     ('3rd grade',)),
    # --- housing --------------------------------------------------------------------------------
    ('housing', 'Residential lease: Landlord Bernard Oyelaran; Tenant Priscilla Achterberg; '
     'Premises 1843 Magnolia Ave, Unit 2, Long Beach, CA 90813; rent $2,450 per month; '
     'security deposit $2,450.',
     ('Bernard', 'Oyelaran', 'Priscilla', 'Achterberg', '1843 Magnolia Ave', '90813'),
     ('Residential lease', 'rent $2,450 per month', 'security deposit')),
    ('housing', 'Grant deed: APN 5432-018-027, grantor Harold and Marjorie Winslow, grantee '
     'Deshawn Calloway, property at 5521 Ridgecrest Dr, Riverside, CA 92506.',
     ('5432-018-027', 'Harold', 'Marjorie', 'Winslow', 'Deshawn', 'Calloway',
      '5521 Ridgecrest Dr', '92506'),
     ('Grant deed',)),
    ('housing', 'Property tax bill: Parcel ID 14-21-305-019-0000 (Cook County PIN), owner '
     'Stanislav Petrenko, 3348 N Racine Ave, Chicago IL 60657, 2nd installment $4,118.22.',
     ('14-21-305-019-0000', 'Stanislav', 'Petrenko', '3348 N Racine Ave', '60657'),
     ('Property tax bill', '2nd installment $4,118.22')),
    ('housing', 'Mortgage statement: Loan Number 0048213907, Borrower Ingrid Solberg-Mathews, '
     'escrow balance $3,412.08, interest rate 6.875%, next payment $2,814.55.',
     ('0048213907', 'Ingrid', 'Solberg-Mathews'),
     ('Mortgage statement', 'escrow balance', 'interest rate 6.875%')),
    ('housing', 'Electric bill: Account Number 2210 4482 91, Meter No. 48213097, Service '
     'address 77 Quarry Rd, Burlington VT 05401, 612 kWh this period.',
     ('2210 4482 91', '48213097', '77 Quarry Rd', '05401'),
     ('Electric bill', '612 kWh this period')),
    ('housing', 'UK energy switch: MPAN 13 0004 4821 397, MPRN 8842139705, supplier account '
     'A-48213907, address Flat 3, 22 Clarendon Road, Bristol BS6 7EX.',
     ('13 0004 4821 397', '8842139705', 'A-48213907', '22 Clarendon Road', 'BS6 7EX'),
     ('UK energy switch',)),
    ('housing', 'Texas electricity: ESI ID 10443720004821397, account 4471029938, customer '
     'Roxanne Delacroix-Hale.',
     ('10443720004821397', '4471029938', 'Roxanne', 'Delacroix-Hale'),
     ('Texas electricity',)),
    ('housing', 'HOA violation letter: Owner Account # 4417-082, Lot 112, Mr. Tobias Grünewald, '
     '9 Heron Pointe Ct. Trash bins visible from the street; fine $50.',
     ('4417-082', 'Tobias', 'Grünewald', '9 Heron Pointe Ct'),
     ('HOA violation letter', 'Trash bins visible from the street')),
    ('housing', 'Water bill for service at 410 E Juniper St, account no. 0091847-22, customer '
     'Cordelia Mbeki, meter serial 19A448213.',
     ('410 E Juniper St', '0091847-22', 'Cordelia', 'Mbeki', '19A448213'),
     ('Water bill',)),
    ('housing', 'Rental application: applicant Marguerite Oduya, SSN 610-29-4471, current '
     'landlord Wendell Briggs (555) 201-4471, monthly income $6,800.',
     ('Marguerite', 'Oduya', '610-29-4471', 'Wendell', 'Briggs', '(555) 201-4471'),
     ('Rental application', 'monthly income $6,800')),
    ('housing', 'Council Tax bill, account reference 60048213907, Band D, for 12 Kestrel Way, '
     'Norwich NR4 7TJ, resident Fenella Castleton.',
     ('60048213907', '12 Kestrel Way', 'NR4 7TJ', 'Fenella', 'Castleton'),
     ('Council Tax bill', 'Band D')),
    ('housing', 'Gas bill: Acct: 4471-0293-88, Meter Number: G4A00482139, Premise ID: '
     '7700418823.',
     ('4471-0293-88', 'G4A00482139', '7700418823'),
     ('Gas bill',)),
    # --- HR and recruiting ----------------------------------------------------------------------
    ('hr', 'Please improve my CV header:\nPriya Raghunathan\nSeattle, WA | (206) 555-0139 | '
     'priya.raghunathan@gmail.com\nlinkedin.com/in/priya-raghunathan-4b2a91 | '
     'github.com/praghunathan',
     ('Priya Raghunathan', '(206) 555-0139', 'priya.raghunathan@gmail.com',
      'priya-raghunathan-4b2a91', 'praghunathan'),
     ('Please improve my CV header',)),
    ('hr', 'References: 1) Dr. Hamid Farouqi, former manager, hamid.farouqi@northwind.example, '
     '+1 617 555 0144. 2) Colleen Ashby-Mertens, team lead, 617-555-0166.',
     ('Hamid', 'Farouqi', 'hamid.farouqi@northwind.example', '+1 617 555 0144', 'Colleen',
      'Ashby-Mertens', '617-555-0166'),
     ('former manager', 'team lead')),
    ('hr', 'Background check report: Candidate: Terrence Okafor-Lund, SSN xxx-xx-9182, DOB '
     '03/17/1988, DL# T412-8839-2201 (FL). County criminal search: clear. Report ID '
     'BG-2024-551.',
     ('Terrence', 'Okafor-Lund', '9182', '03/17/1988', 'T412-8839-2201'),
     ('County criminal search: clear',)),
    ('hr', 'Offer letter: Dear Anneliese Vogt, we are pleased to offer you the position of '
     'Senior Data Analyst at a base salary of $118,000, Employee ID E-48213, start date '
     'to be confirmed.',
     ('Anneliese', 'Vogt', 'E-48213'),
     ('Senior Data Analyst', 'base salary of $118,000')),
    ('hr', 'Payslip: Employee: Callum Hargreaves, Employee No: 48213, NI number JT 48 29 17 C, '
     'Tax code 1257L, Gross pay £3,250.00, PAYE £441.20, Student loan Plan 2.',
     ('Callum', 'Hargreaves', '48213', 'JT 48 29 17 C'),
     ('Tax code 1257L', 'Gross pay £3,250.00', 'PAYE £441.20', 'Student loan Plan 2')),
    ('hr', 'Direct deposit form: employee Rosa Villanueva, routing 021000021, account '
     '483920117745, checking. W-4: single, 2 dependents.',
     ('Rosa', 'Villanueva', '483920117745'),
     ('Direct deposit form', 'W-4', '2 dependents')),
    ('hr', 'Benefits enrollment: employee Marcus Feld (ID 30211), spouse Hana Feld DOB '
     '1990-02-11, child Eli Feld DOB 2018-07-30. Plan: PPO 500, dental, vision. Member ID '
     'XEP948213907.',
     ('Marcus', 'Feld', '30211', 'Hana', '1990-02-11', 'Eli', '2018-07-30', 'XEP948213907'),
     ('Benefits enrollment', 'PPO 500')),
    ('hr', 'I-9 Section 2: employee Oksana Hrytsenko, document List A: Permanent Resident Card, '
     'USCIS# 204-817-733, expiry 2031. Alien Registration Number A204817733.',
     ('Oksana', 'Hrytsenko', '204-817-733', 'A204817733'),
     ('I-9 Section 2', 'Permanent Resident Card')),
    ('hr', 'Recruiter note: spoke with candidate Benedikt Ansah (benedikt.ansah@proton.me, '
     '+49 151 2345 6789), portfolio https://bansah.dev, GitHub @bansah-dev, expects EUR 85k.',
     ('Benedikt', 'Ansah', 'benedikt.ansah@proton.me', '+49 151 2345 6789',
      'https://bansah.dev', 'bansah-dev'),
     ('Recruiter note', 'expects EUR 85k')),
    ('hr', 'Payroll CSV:\nemployee_id,name,ssn,bank_account\n30411,Halima Sadiq,471-29-0388,'
     '0048812937\n30412,Lucia Benedetti,610-72-1934,0048812944',
     ('30411', 'Halima Sadiq', '471-29-0388', '0048812937', '30412', 'Lucia Benedetti',
      '0048812944'),
     ('Payroll CSV',)),
    ('hr', 'P60 for tax year 2023-24: employee Siân Pritchard, National Insurance number '
     'NH621093B, works number 7719, total pay £38,412.',
     ('Siân', 'Pritchard', 'NH621093B', '7719'),
     ('P60 for tax year', 'total pay £38,412')),
    # --- government benefits ---------------------------------------------------------------------
    ('benefits', 'My SNAP EBT card 5075 1285 2887 0064 was skimmed, can you help me write to '
     'the county? Case number 4471029, name Loretta Jenkins-Hyde.',
     ('5075 1285 2887 0064', '4471029', 'Loretta', 'Jenkins-Hyde'),
     ('was skimmed', 'write to the county')),
    ('benefits', 'Medicare card: Name: Walter Brzezinski, Medicare Number 3WK7-HN2-RT48, '
     'Entitled to HOSPITAL (PART A) and MEDICAL (PART B).',
     ('Walter', 'Brzezinski', '3WK7-HN2-RT48'),
     ('HOSPITAL (PART A)', 'MEDICAL (PART B)')),
    ('benefits', 'Medicare Beneficiary Identifier 7QC2JD8WA61 for my mother Dolores Ybarra; '
     'she wants a Part D plan.',
     ('7QC2JD8WA61', 'Dolores', 'Ybarra'),
     ('Part D plan',)),
    ('benefits', 'Social Security letter: "We are writing about the benefits of Raymond '
     'Achebe-Stone, SSN 288-50-1937. BNC# 24A0918273." Can you summarise it?',
     ('Raymond', 'Achebe-Stone', '288-50-1937', '24A0918273'),
     ('Can you summarise it?',)),
    ('benefits', 'Universal Credit journal: claimant Keeley Armitage, National Insurance '
     'number SK 18 44 02 A, my work coach appointment is at the Jobcentre Plus.',
     ('Keeley', 'Armitage', 'SK 18 44 02 A'),
     ('Universal Credit journal', 'work coach appointment', 'Jobcentre Plus')),
    ('benefits', 'Service Canada letter: your Social Insurance Number 534 071 360 was '
     'confirmed for Étienne Lavallée, 1188 rue Saint-Denis, Montréal QC H2X 3K2.',
     ('534 071 360', 'Étienne', 'Lavallée', '1188 rue Saint-Denis', 'H2X 3K2'),
     ('Service Canada letter',)),
    ('benefits', 'SIN: 710-955-220. My CRA My Account user ID is elavallee84 and my Canada '
     'Child Benefit is $619.75.',
     ('710-955-220', 'elavallee84'),
     ('CRA My Account', 'Canada Child Benefit')),
    ('benefits', 'WIC and SNAP recertification: household of 4, head of household Tanisha '
     'Grayson-Boyd, EBT card ending 2285, case # 0004821390, interview by phone at '
     '(804) 555-0117.',
     ('Tanisha', 'Grayson-Boyd', '2285', '0004821390', '(804) 555-0117'),
     ('SNAP recertification', 'household of 4')),
    ('benefits', 'Government Gateway user ID 3482 9917 4402, Universal Credit claim for '
     'Mr Darius Fenwick-Adebayo; his EBT? no, UK has no EBT.',
     ('3482 9917 4402', 'Darius', 'Fenwick-Adebayo'),
     ('Universal Credit claim', 'UK has no EBT')),
    ('benefits', 'Disability benefit letter: PIP reference 55190284, NINO PB738104D, '
     'daily living component enhanced rate.',
     ('55190284', 'PB738104D'),
     ('Disability benefit letter', 'enhanced rate')),
    ('benefits', 'Medicaid ID: 11482139077, SNAP EBT 6003422485688053686, WIC family ID '
     'WF4471029.',
     ('11482139077', '6003422485688053686', 'WF4471029'),
     ()),
    # --- numbers whose check fails, with no label ------------------------------------------------
    ('invalid', 'Batch 355402512697956 of the charger cables was recalled.',
     (), ('355402512697956', 'was recalled')),
    ('invalid', 'The part code 1HGCV1F30LA012345 appears in the parts catalogue.',
     (), ('1HGCV1F30LA012345', 'parts catalogue')),
    ('invalid', 'Invoice lines 1Z9V8W270312345670 and 1Z9V8W270312345671 were both voided.',
     (), ('were both voided',)),
    ('invalid', 'Stock numbers 4471029938417 and 4471029938418 are out of stock.',
     (), ('4471029938417', '4471029938418', 'are out of stock')),
    # --- words that must stay --------------------------------------------------------------------
    ('stay', 'Flights: BA 283 LHR-LAX, UA 901 SFO-FRA, DL 1467 ATL-MCO, AF 1481 CDG-AMS, '
     'WN 2417, EK 29 DXB-LGW; fare classes Y, B, J and F; seats 23A and 41K.',
     (), ('BA 283', 'LHR-LAX', 'UA 901', 'SFO-FRA', 'DL 1467', 'ATL-MCO', 'AF 1481', 'CDG-AMS',
          'WN 2417', 'EK 29', 'DXB-LGW', 'seats 23A and 41K')),
    ('stay', 'What is the baggage allowance on Basic Economy versus Main Cabin? Is a 22 x 14 x 9 '
     'inch carry-on OK, and what does the SSSS on a boarding pass mean?',
     (), ('baggage allowance', 'Basic Economy', 'Main Cabin', '22 x 14 x 9 inch carry-on',
          'SSSS on a boarding pass')),
    ('stay', 'How do I read an IATA BCBP barcode: format code M, number of legs 1, PNR 7 '
     'characters, from and to airport codes, operating carrier, flight number, Julian date, '
     'compartment code, seat and check-in sequence?',
     (), ('IATA BCBP barcode', 'format code M', 'number of legs 1', 'PNR 7 characters',
          'Julian date', 'compartment code', 'check-in sequence')),
    ('stay', 'Compare plans: Unlimited Plus 5G, eSIM support, Wi-Fi calling, 50 GB hotspot, '
     '$65/month with AutoPay; iPhone 15 Pro and Galaxy S24 Ultra on a 36-month installment.',
     (), ('Unlimited Plus 5G', 'eSIM support', 'Wi-Fi calling', '50 GB hotspot',
          '$65/month with AutoPay', 'iPhone 15 Pro', 'Galaxy S24 Ultra', '36-month installment')),
    ('stay', 'An IMEI has 15 digits with a Luhn check digit; an ICCID starts with 89 and has 19 '
     'or 20 digits; an IMSI starts with the MCC and MNC, e.g. 310 260.',
     (), ('IMEI has 15 digits', 'Luhn check digit', 'ICCID starts with 89',
          'IMSI starts with the MCC and MNC')),
    ('stay', 'Tracking formats: UPS starts with 1Z and has 18 characters, USPS has 20-22 digits, '
     'FedEx 12 or 15 digits, Royal Mail two letters, nine digits and GB.',
     (), ('UPS starts with 1Z', '18 characters', '20-22 digits', 'FedEx 12 or 15 digits',
          'two letters, nine digits and GB')),
    ('stay', 'Forms: Form I-94, Form I-9, W-4, W-2, 1099-NEC, P60, P45, SA100, FAFSA, CSS '
     'Profile, DS-160, DS-2019 and the ESTA application.',
     (), ('Form I-94', 'Form I-9', 'W-4', 'W-2', '1099-NEC', 'P60', 'P45', 'SA100', 'FAFSA',
          'CSS Profile', 'DS-160', 'DS-2019', 'ESTA application')),
    ('stay', 'Benefits: SNAP, WIC, TANF, Medicaid, Medicare Part A, Part B and Part D, SSI, '
     'SSDI, Universal Credit, PIP, Child Benefit, Canada Child Benefit, GST/HST credit.',
     (), ('SNAP', 'WIC', 'TANF', 'Medicaid', 'Medicare Part A', 'Part B and Part D', 'SSI',
          'SSDI', 'Universal Credit', 'PIP', 'Child Benefit', 'GST/HST credit')),
    ('stay', 'Cars: 2020 Honda Accord EX-L, 2019 Tesla Model 3 Long Range, Ford F-150 XLT, '
     'Toyota RAV4 Hybrid, BMW 330i, VW Golf GTI Mk8; MOT, V5C, SORN and DVLA.',
     (), ('2020 Honda Accord EX-L', 'Tesla Model 3 Long Range', 'Ford F-150 XLT',
          'Toyota RAV4 Hybrid', 'BMW 330i', 'VW Golf GTI Mk8', 'MOT', 'V5C', 'SORN')),
    ('stay', 'Course list: MATH 221 Calculus II, CS 61A, ECON 101, BIO 2110; grades A-, B+, '
     'P/NP; GPA 3.71 on a 4.0 scale; 15 credit hours.',
     (), ('MATH 221 Calculus II', 'CS 61A', 'ECON 101', 'BIO 2110', 'A-, B+', 'P/NP',
          'GPA 3.71 on a 4.0 scale', '15 credit hours')),
    ('stay', 'Mortgage terms: 30-year fixed at 6.875% APR, PMI until 20% equity, escrow for '
     'property tax and homeowners insurance, HELOC at prime + 1.5%.',
     (), ('30-year fixed at 6.875% APR', 'PMI until 20% equity', 'escrow',
          'homeowners insurance', 'HELOC at prime + 1.5%')),
    ('stay', 'Payroll terms: Tax code 1257L, emergency tax code 1257L W1/M1, Plan 2 student '
     'loan, 401(k) match 4%, HSA, FSA, PPO 500 and HDHP.',
     (), ('Tax code 1257L', '1257L W1/M1', 'Plan 2 student loan', '401(k) match 4%', 'HSA',
          'PPO 500', 'HDHP')),
    ('stay', 'Products: Dyson V15 Detect, Ninja AF101 Air Fryer, AirPods Pro (2nd generation), '
     'Kindle Paperwhite 16 GB, Instant Pot Duo 7-in-1, SKU 6505187, model A2968.',
     (), ('Dyson V15 Detect', 'Ninja AF101 Air Fryer', 'AirPods Pro (2nd generation)',
          'Kindle Paperwhite 16 GB', 'Instant Pot Duo 7-in-1', 'SKU 6505187', 'model A2968')),
    ('stay', 'Amounts: rent $2,450, deposit $2,450, Pell Grant $3,200, SAI 4,218, fine £70 '
     'reduced to £35 if paid within 14 days, 612 kWh at 28.6p/kWh.',
     (), ('rent $2,450', 'Pell Grant $3,200', 'SAI 4,218', 'fine £70', 'reduced to £35',
          'within 14 days', '612 kWh at 28.6p/kWh')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
