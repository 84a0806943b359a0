"""The forty-seventh round's second probe prompts: the identifiers, phones and addresses of people
outside Europe and North America, as a global bank, an insurer, an airline, a hospital or an HR
team pastes them in English text, in the forms those countries use: India (Aadhaar, PAN, voter
EPIC, passport, GSTIN, UPI ids, PIN-code addresses, +91 mobiles), China (18-digit resident ids,
mobiles, addresses in pinyin), Hong Kong's HKID, Taiwan's id, Japan (My Number, 〒 postcodes,
addresses in romaji), Korea's RRN, Singapore's NRIC and FIN, Malaysia's MyKad, Thailand's
citizen id, the Philippines (PhilSys, SSS, TIN, UMID), Indonesia's NIK and NPWP, Vietnam's CCCD,
Pakistan's CNIC, Bangladesh's NID, Sri Lanka's NIC, Brazil's CPF and CNPJ, Mexico's CURP and
RFC, Argentina's DNI and CUIT, Chile's RUT, Colombia's cédula, Peru's DNI, South Africa's id,
Nigeria's NIN and BVN, Kenya's id and KRA PIN, the Ghana card, Egypt's national id, Saudi
Arabia's iqama, the UAE's Emirates ID, Israel's id, Turkey's TCKN, New Zealand's IRD,
Australia's TFN and Medicare number; phones in each country's national and +CC forms;
addresses written the local way. Beside the values, the words that must stay: country, agency
and document names, bank codes (IFSC, SWIFT), postal-code rules explained without a person's
address, currency amounts, flight numbers, product and tariff codes, and numbers shaped like an
id whose check fails and that no label names. Counts both with the ``veil`` on ``PYTHONPATH``
and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s77b/leak_probes_s77b.py \
        learned|spacy [--show]

Policy read from docs/detection.md and the earlier sets: DATE_TIME is masked by default, so a
date other than a birth date is neither a value nor a word here (a birth date is a value); a
bank's IFSC or BIC, a company's registration, a flight's, a product's or a tariff's code and an
agency's name are words (they name a bank, a firm, a journey or a thing); a person's identity,
tax and social security numbers (a sole trader's GSTIN or CNPJ included), passports, accounts,
UPI ids, names, addresses, postcodes of an address, phones and e-mails must go. A number shaped
like an id whose check digit fails, with no word naming it, is a word: an order's, a lot's or a
batch's number. Written before any rule of this round, as a held-out set. All values are made
up; checksums are valid where the id has one (Aadhaar's Verhoeff, PAN's and GSTIN's layout and
check, EPIC's Luhn, ISO 7064 for China's resident id, HKID, Taiwan's id, My Number, RRN,
NRIC/FIN, MyKad's date and state, Thailand's id, NIK's region and date, NPWP, CNIC, CPF, CNPJ,
CURP, RFC, CUIT, RUT, Peru's DNI check, South Africa's Luhn and date, Kenya's PIN, Ghana's TIN,
the iqama's and the Emirates ID's Luhn, Israel's id, TCKN, IRD, TFN, Medicare).
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- India --------------------------------------------------------------------------------
    ('india', 'KYC for Priya Venkataraman: Aadhaar 6533 3147 8935, PAN AKRPS4821L, mobile '
     '+91 98450 12873, address Flat 3B, Sai Krupa Apartments, 4th Cross, Indiranagar, '
     'Bengaluru 560038. Bank: HDFC Bank, IFSC HDFC0001234, a/c 50100234567812.',
     ('Priya', 'Venkataraman', '6533 3147 8935', 'AKRPS4821L', '+91 98450 12873',
      'Sai Krupa Apartments', '560038', '50100234567812'),
     ('KYC', 'HDFC Bank', 'IFSC HDFC0001234')),
    ('india', 'Employee onboarding (India) - Rahul Deshmukh, date of birth 14/08/1991, voter ID '
     'KDX4839122, passport Z4387291, UAN 100987654321, phone 098450 73321, UPI '
     'rahul.deshmukh@okicici. Payroll: PF and ESI applicable, TDS under section 192.',
     ('Rahul', 'Deshmukh', '14/08/1991', 'KDX4839122', 'Z4387291', '100987654321',
      '098450 73321', 'rahul.deshmukh@okicici'),
     ('Employee onboarding', 'PF and ESI applicable', 'TDS under section 192')),
    ('india', 'Tax invoice to Meenakshi Stores (proprietor Meenakshi Sundaram), GSTIN '
     '29AKRPS4821L1ZB, 14, Gandhi Bazaar Main Road, Basavanagudi, Bengaluru 560004. HSN 8471, '
     'IGST 18%, place of supply Karnataka.',
     ('Meenakshi Sundaram', '29AKRPS4821L1ZB', '14, Gandhi Bazaar Main Road', '560004'),
     ('Tax invoice', 'HSN 8471', 'IGST 18%', 'place of supply')),
    ('india', 'Cashless claim pre-auth: patient Anjali Mehra, Aadhaar no. 4880-4072-3866, '
     'address H.No. 12-2-831/A, Mehdipatnam, Hyderabad - 500028, Telangana, contact '
     '9849012345. TPA: Medi Assist. Diagnosis: acute appendicitis.',
     ('Anjali', 'Mehra', '4880-4072-3866', '12-2-831/A', 'Mehdipatnam', '500028',
      '9849012345'),
     ('Cashless claim', 'TPA', 'Medi Assist', 'acute appendicitis')),
    ('india', 'NEFT beneficiary: Suresh Iyer, account 004301556789, IFSC ICIC0000043 (ICICI '
     'Bank, Nungambakkam), or pay by UPI to 9840123456@ybl. Purpose: rent for March.',
     ('Suresh', 'Iyer', '004301556789', '9840123456@ybl'),
     ('NEFT beneficiary', 'IFSC ICIC0000043', 'ICICI', 'rent for March')),
    ('india', 'PNR manifest: NAIR/ARJUNMR, Indian passport no. M4827163, mobile '
     '+91-99400-55123, flight AI 302 DEL-SYD, seat 32A, meal AVML.',
     ('ARJUNMR', 'M4827163', '+91-99400-55123'),
     ('PNR manifest', 'AI 302', 'DEL-SYD', 'seat 32A', 'AVML')),
    ('india', 'Please verify 5113 8798 1136 against UIDAI records before disbursing the loan '
     'to the applicant.',
     ('5113 8798 1136',),
     ('UIDAI records', 'disbursing the loan')),
    ('india', 'Ship to: Mrs. Farida Shaikh, 402, Gulmohar Heights, Plot 17, Sector 21, Kharghar, '
     'Navi Mumbai, Maharashtra 410210. Mob: 98200 45617',
     ('Farida', 'Shaikh', 'Gulmohar Heights', 'Plot 17, Sector 21', '410210', '98200 45617'),
     ('Ship to',)),
    ('india', 'hi, my aadhaar is 3580 6998 3392 and pan is bplpm7733q, can u update my kyc? '
     'reach me on 9123456780 or +919123456780',
     ('3580 6998 3392', 'bplpm7733q', '9123456780', '+919123456780'),
     ('update my kyc',)),
    ('india', 'Her form shows 7119 7181 4784 in the identity box and E-Shram card pending.',
     ('7119 7181 4784',), ('identity box', 'E-Shram card pending')),
    ('india', 'Nominee: Lakshmi Narayanan (wife), PAN BPLPM7733Q, address No. 7, 2nd Street, '
     'Gopalapuram, Chennai 600086, phone 044 2811 4471.',
     ('Lakshmi', 'Narayanan', 'BPLPM7733Q', 'No. 7, 2nd Street', 'Gopalapuram', '600086',
      '044 2811 4471'),
     ('Nominee',)),
    ('india', 'Voter ID UPQ1029388 belongs to Gurpreet Kaur of Ward 12, Ludhiana; '
     'GSTIN of her shop 27BPLPM7733Q1ZX.',
     ('UPQ1029388', 'Gurpreet', 'Kaur', '27BPLPM7733Q1ZX'),
     ('Voter ID',)),
    # --- China ----------------------------------------------------------------------------------
    ('china', 'Visa invitation for Mr. Zhang Wei, resident ID 110105198803147620, mobile '
     '+86 138 1047 2259, address Room 1203, Unit 2, Building 5, 39 Dongsanhuan Zhonglu, '
     'Chaoyang District, Beijing 100022.',
     ('Zhang Wei', '110105198803147620', '+86 138 1047 2259', 'Room 1203',
      '39 Dongsanhuan Zhonglu', '100022'),
     ('Visa invitation',)),
    ('china', 'Employee: Li Xiaomei, ID no. 31010419920807600X, tel 139 1618 2274, home Apt 801, '
     'No. 1188 Huashan Road, Changning District, Shanghai 200050.',
     ('Li Xiaomei', '31010419920807600X', '139 1618 2274', 'No. 1188 Huashan Road', '200050'),
     ('Employee',)),
    ('china', 'Booking check: the guest gave 51010720010130561X as her identity number; the '
     'name on the booking is Wang Fang.',
     ('51010720010130561X', 'Wang Fang'), ('Booking check',)),
    ('china', 'Patient Chen Jianguo, male, born 22 May 1975, ID 44030419750522070X, Futian '
     'District, Shenzhen, phone 13760821945, allergy: penicillin.',
     ('Chen Jianguo', '22 May 1975', '44030419750522070X', '13760821945'),
     ('allergy: penicillin',)),
    ('china', 'Chinese passport E48217365 for Liu Yang, emergency contact 0086-186-2107-4433.',
     ('E48217365', 'Liu Yang', '0086-186-2107-4433'),
     ('Chinese passport', 'emergency contact')),
    # --- Hong Kong, Taiwan --------------------------------------------------------------------
    ('hk_tw', 'New hire HK: Chan Tai Man, HKID A242508(7), mobile +852 9123 4567, Flat B, 12/F, '
     'Tower 3, 8 Tai Koo Shing Road, Quarry Bay, Hong Kong. MPF scheme: Manulife.',
     ('Chan Tai Man', 'A242508(7)', '+852 9123 4567', 'Flat B, 12/F',
      '8 Tai Koo Shing Road'),
     ('New hire HK', 'MPF scheme')),
    ('hk_tw', 'Claimant HKID no. Y9961419 (written without brackets), tel 6187 2234.',
     ('Y9961419', '6187 2234'), ('Claimant', 'written without brackets')),
    ('hk_tw', 'Taiwan national ID A227681600, Lin Mei-Ling, mobile 0912-345-678 or '
     '+886 912 345 678, address 3F., No. 390, Sec. 1, Fuxing S. Rd., Da\'an Dist., Taipei '
     'City 106.',
     ('A227681600', 'Lin Mei-Ling', '0912-345-678', '+886 912 345 678', 'No. 390, Sec. 1',
      'Fuxing S. Rd.'),
     ('Taiwan national ID',)),
    ('hk_tw', 'Passenger WX579007(5) on CX 251 asked for an aisle seat; the Taiwanese traveller '
     'F110620494 on BR 87 too.',
     ('WX579007(5)', 'F110620494'), ('CX 251', 'aisle seat', 'BR 87')),
    ('hk_tw', 'Resident certificate of Hsu Chih-Hao lists E242811082 and a Kaohsiung address: '
     'No. 25, Ln. 61, Zhongzheng 2nd Rd., Lingya Dist.',
     ('Hsu Chih-Hao', 'E242811082', 'No. 25, Ln. 61', 'Zhongzheng 2nd Rd.'),
     ('Resident certificate',)),
    # --- Japan ----------------------------------------------------------------------------------
    ('japan', 'Payroll record: Tanaka Haruto, My Number 489707124813, address 〒150-0002 '
     '2-21-1 Shibuya, Shibuya-ku, Tokyo, mobile 090-4821-7733.',
     ('Tanaka Haruto', '489707124813', '150-0002', '2-21-1 Shibuya', '090-4821-7733'),
     ('Payroll record',)),
    ('japan', 'Individual Number (My Number): 0756 9007 2009 - please mask before sending to '
     'the tax accountant.',
     ('0756 9007 2009',), ('Individual Number', 'tax accountant')),
    ('japan', 'Ship to Suzuki Aiko, Sakura Mansion 305, 3-5-12 Nishi-Shinjuku, Shinjuku-ku, '
     'Tokyo 160-0023, Japan. Tel: 03-5321-8841 / +81 3 5321 8841.',
     ('Suzuki Aiko', 'Sakura Mansion 305', '3-5-12 Nishi-Shinjuku', '160-0023',
      '03-5321-8841', '+81 3 5321 8841'),
     ('Ship to',)),
    ('japan', 'Claimant lives at 1-2-3 Umeda, Kita-ku, Osaka 530-0001; contact '
     '+81 80 2291 4476; my number 317167123434.',
     ('1-2-3 Umeda', '530-0001', '+81 80 2291 4476', '317167123434'),
     ('Claimant',)),
    ('japan', 'JAL customer Yamamoto Sakura, passport TK4829173, phone 070-1234-8876, '
     'JMB 408812937.',
     ('Yamamoto Sakura', 'TK4829173', '070-1234-8876', '408812937'),
     ('JAL customer',)),
    # --- Korea ----------------------------------------------------------------------------------
    ('korea', 'Kim Min-jun, RRN 850412-2122207, mobile 010-4827-1193, address Apt 101-1502, '
     '152 Teheran-ro, Gangnam-gu, Seoul 06236.',
     ('Kim Min-jun', '850412-2122207', '010-4827-1193', '152 Teheran-ro', '06236'),
     ()),
    ('korea', 'Insurance applicant Park Ji-hoon 920101-1038691, +82 10 2938 4471, '
     'Bundang-gu, Seongnam-si, 23 Pangyoyeok-ro 235.',
     ('Park Ji-hoon', '920101-1038691', '+82 10 2938 4471', 'Pangyoyeok-ro 235'),
     ('Insurance applicant',)),
    ('korea', 'resident registration number 0003054967845 for the minor dependant Lee Seo-yeon',
     ('0003054967845', 'Lee Seo-yeon'), ('minor dependant',)),
    # --- Singapore, Malaysia ------------------------------------------------------------------
    ('sg_my', 'Tenant: Tan Wei Ling, NRIC S1855345G, mobile +65 9123 4567, unit Blk 123 Ang Mo '
     'Kio Avenue 3, #08-123, Singapore 560123.',
     ('Tan Wei Ling', 'S1855345G', '+65 9123 4567', 'Blk 123 Ang Mo Kio Avenue 3', '#08-123',
      '560123'),
     ('Tenant',)),
    ('sg_my', 'Work pass holder FIN F6841412K (spouse G2503998Q), office 6221 4471, '
     'mobile 8234 5671.',
     ('F6841412K', 'G2503998Q', '6221 4471', '8234 5671'),
     ('Work pass holder',)),
    ('sg_my', 'New FIN series: M9908091K issued to the contractor; earlier NRIC T7868864A.',
     ('M9908091K', 'T7868864A'), ('New FIN series', 'contractor')),
    ('sg_my', 'Policyholder Nurul Aisyah binti Ahmad, MyKad 880314-14-5527, phone '
     '+60 12-345 6789, No. 12, Jalan SS 2/24, 47300 Petaling Jaya, Selangor.',
     ('Nurul Aisyah', '880314-14-5527', '+60 12-345 6789', 'Jalan SS 2/24', '47300'),
     ('Policyholder',)),
    ('sg_my', 'Borrower IC 920807-10-6138, tel 012-345 6789, address Lot 5, Jalan Tun Razak, '
     '50400 Kuala Lumpur.',
     ('920807-10-6138', '012-345 6789', 'Lot 5, Jalan Tun Razak', '50400'),
     ('Borrower',)),
    # --- Thailand, Philippines, Indonesia, Vietnam ------------------------------------------
    ('sea', 'Thai citizen ID 1-7964-84473-09-1, Somchai Wongsawat, mobile +66 81 234 5678, '
     'address 99/12 Moo 4, Sukhumvit Soi 21, Khlong Toei Nuea, Watthana, Bangkok 10110.',
     ('1-7964-84473-09-1', 'Somchai', 'Wongsawat', '+66 81 234 5678', '99/12 Moo 4',
      'Sukhumvit Soi 21', '10110'),
     ('Thai citizen ID',)),
    ('sea', 'Thai employee 3164778636442, phone 081-234-5678, Chiang Mai branch.',
     ('3164778636442', '081-234-5678'), ('Thai employee', 'Chiang Mai branch')),
    ('sea', 'Member: Maria Cristina Santos, PhilSys PCN 4821-7730-1956-2284, SSS 34-1234567-8, '
     'TIN 123-456-789-000, UMID CRN 0111-2345678-9, mobile +63 917 123 4567.',
     ('Maria Cristina Santos', '4821-7730-1956-2284', '34-1234567-8', '123-456-789-000',
      '0111-2345678-9', '+63 917 123 4567'),
     ('Member',)),
    ('sea', 'OFW remittance to Jose Reyes, 0917 123 4567, address Blk 12 Lot 7, Mabuhay St., '
     'Brgy. San Isidro, Quezon City 1100.',
     ('Jose Reyes', '0917 123 4567', 'Blk 12 Lot 7', 'Mabuhay St.', 'Brgy. San Isidro',
      '1100'),
     ('OFW remittance',)),
    ('sea', 'Nasabah Dewi Lestari, NIK 3174054507880003, NPWP 09.254.294.3-407.000, HP '
     '+62 812-3456-7890, Jl. Sudirman No. 45, RT 03/RW 05, Kebayoran Baru, Jakarta Selatan '
     '12190.',
     ('Dewi Lestari', '3174054507880003', '09.254.294.3-407.000', '+62 812-3456-7890',
      'Jl. Sudirman No. 45', '12190'),
     ()),
    ('sea', 'Driver on-boarding: NIK 3273015203920001, phone 0812 3456 7891, Bandung.',
     ('3273015203920001', '0812 3456 7891'), ('Driver on-boarding',)),
    ('sea', 'Vietnam staff: Nguyen Van Minh, CCCD 001087012345, mobile +84 912 345 678, '
     'address No. 27, Lane 85 Hao Nam Street, O Cho Dua Ward, Dong Da District, Hanoi.',
     ('Nguyen Van Minh', '001087012345', '+84 912 345 678', 'No. 27, Lane 85'),
     ('Vietnam staff',)),
    ('sea', 'Tran Thi Lan, citizen identity card 079192004512, tel 0903 456 789, '
     '45 Le Loi, Ben Nghe Ward, District 1, Ho Chi Minh City.',
     ('Tran Thi Lan', '079192004512', '0903 456 789', '45 Le Loi'),
     ()),
    # --- Pakistan, Bangladesh, Sri Lanka --------------------------------------------------
    ('south_asia', 'Account opening: Muhammad Bilal Qureshi, CNIC 35202-2745891-3, mobile '
     '+92 300 1234567, address House 12, Street 7, F-8/3, Islamabad.',
     ('Muhammad Bilal Qureshi', '35202-2745891-3', '+92 300 1234567', 'House 12, Street 7',
      'F-8/3'),
     ('Account opening',)),
    ('south_asia', 'Guarantor 42101-8834561-8, cell 0300-1234567, Block 13-D, Gulshan-e-Iqbal, '
     'Karachi.',
     ('42101-8834561-8', '0300-1234567', 'Block 13-D'), ('Guarantor',)),
    ('south_asia', 'Bangladesh NID 4617283950 (smart card) and old NID 19855412345678901 of '
     'Rahima Khatun, mobile +880 1712-345678, House 23, Road 11, Block E, Banani, Dhaka 1213.',
     ('4617283950', '19855412345678901', 'Rahima Khatun', '+880 1712-345678',
      'House 23, Road 11', '1213'),
     ('Bangladesh NID', 'smart card')),
    ('south_asia', 'Remitter Abdul Karim, 01712-345679, NID 2391847562.',
     ('Abdul Karim', '01712-345679', '2391847562'), ('Remitter',)),
    ('south_asia', 'Sri Lanka NIC 853400937V (new format 198534000937), Kasun Perera, '
     '+94 77 123 4567, No. 45/2, Galle Road, Colombo 03.',
     ('853400937V', '198534000937', 'Kasun Perera', '+94 77 123 4567', 'No. 45/2, Galle Road'),
     ('Sri Lanka NIC',)),
    ('south_asia', 'Patient NIC 917352846v, tel 071 234 5678, Kandy.',
     ('917352846v', '071 234 5678'), ()),
    # --- Latin America ------------------------------------------------------------------------
    ('latam', 'Brazil payroll: Ana Paula Ferreira, CPF 681.273.895-60, phone +55 11 91234-5678, '
     'Rua Augusta, 1500, apto 52, Consolação, São Paulo - SP, 01304-001.',
     ('Ana Paula Ferreira', '681.273.895-60', '+55 11 91234-5678', 'Rua Augusta, 1500',
      '01304-001'),
     ('Brazil payroll',)),
    ('latam', 'Supplier is a MEI (sole trader) Joao Batista da Silva, CNPJ 63.885.345/0001-90, '
     'CPF 57337969600, WhatsApp (21) 98765-4321.',
     ('Joao Batista da Silva', '63.885.345/0001-90', '57337969600', '(21) 98765-4321'),
     ('MEI', 'sole trader', 'WhatsApp')),
    ('latam', 'The Brazilian claimant wrote 836.139.455-92 in the tax field.',
     ('836.139.455-92',), ('Brazilian claimant', 'tax field')),
    ('latam', 'Mexico hire: Ricardo Gonzalez Romero, CURP GORM870315HJCNDR06, RFC GORM870315KJ4, '
     'NSS 12345678903, cel. +52 55 1234 5678, Av. Insurgentes Sur 1602, Col. Credito '
     'Constructor, 03940 Ciudad de Mexico.',
     ('Ricardo', 'Gonzalez Romero', 'GORM870315HJCNDR06', 'GORM870315KJ4', '12345678903',
      '+52 55 1234 5678', 'Av. Insurgentes Sur 1602', '03940'),
     ('Mexico hire',)),
    ('latam', 'Beneficiary CURP MEAL900712MDFNRC00, phone 33 1234 5678 (Guadalajara), RFC '
     'HEPL821104A29 of the account holder.',
     ('MEAL900712MDFNRC00', '33 1234 5678', 'HEPL821104A29'), ('account holder',)),
    ('latam', 'Argentina: Martin Alvarez, DNI 32.456.781, CUIT 20-32456781-0, celular '
     '+54 9 11 2345-6789, Av. Corrientes 1234, Piso 5, Depto B, C1043AAZ CABA.',
     ('Martin Alvarez', '32.456.781', '20-32456781-0', '+54 9 11 2345-6789',
      'Av. Corrientes 1234', 'C1043AAZ'),
     ()),
    ('latam', 'CUIL 27-28934512-9 of the employee Sofia Benitez, tel 011 4321-8765.',
     ('27-28934512-9', 'Sofia Benitez', '011 4321-8765'), ()),
    ('latam', 'Chile: Camila Rojas, RUT 15.432.876-9, +56 9 8765 4321, Av. Providencia 1234, '
     'Depto 56, Providencia, Santiago. Her father RUT 9.876.543-3.',
     ('Camila Rojas', '15.432.876-9', '+56 9 8765 4321', 'Av. Providencia 1234', '9.876.543-3'),
     ()),
    ('latam', 'Colombia: Andres Felipe Gomez, cedula de ciudadania 1.020.456.789, cel. '
     '+57 310 123 4567, Calle 93 # 11-26, Apto 402, Bogota.',
     ('Andres Felipe Gomez', '1.020.456.789', '+57 310 123 4567', 'Calle 93 # 11-26'),
     ()),
    ('latam', 'Co-signer C.C. 79.845.123 de Bogota, phone 601 345 6789.',
     ('79.845.123', '601 345 6789'), ('Co-signer',)),
    ('latam', 'Peru: Lucia Quispe Mamani, DNI 45829173-5, celular 987 654 321 (+51 987 654 321), '
     'Av. Larco 345, Dpto 801, Miraflores, Lima 15074.',
     ('Lucia Quispe Mamani', '45829173', '987 654 321', '+51 987 654 321', 'Av. Larco 345',
      '15074'),
     ()),
    # --- Africa ---------------------------------------------------------------------------------
    ('africa', 'South Africa: Sipho Ndlovu, ID number 8203155084082, cell +27 82 123 4567, '
     '14 Protea Street, Sandton, Johannesburg, 2196.',
     ('Sipho Ndlovu', '8203155084082', '+27 82 123 4567', '14 Protea Street', '2196'),
     ()),
    ('africa', 'Beneficiary Thandiwe Mokoena 9511230151083, tel 082 123 4568, Soweto.',
     ('Thandiwe Mokoena', '9511230151083', '082 123 4568'), ('Beneficiary',)),
    ('africa', 'Nigeria KYC: Chukwuemeka Obi, NIN 74839201564, BVN 22187654321, phone '
     '+234 803 123 4567, Plot 15, Adeola Odeku Street, Victoria Island, Lagos.',
     ('Chukwuemeka Obi', '74839201564', '22187654321', '+234 803 123 4567',
      'Plot 15, Adeola Odeku Street'),
     ('Nigeria KYC',)),
    ('africa', 'Loan applicant Aisha Bello, 0803 123 4568, bvn 22291837465, address 12 Ahmadu '
     'Bello Way, Kaduna.',
     ('Aisha Bello', '0803 123 4568', '22291837465', '12 Ahmadu Bello Way'),
     ('Loan applicant',)),
    ('africa', 'Kenya staff: Wanjiru Kamau, ID no. 28456713, KRA PIN A004821937K, M-Pesa '
     '+254 712 345678, P.O. Box 4471-00100, Nairobi.',
     ('Wanjiru Kamau', '28456713', 'A004821937K', '+254 712 345678', 'P.O. Box 4471-00100'),
     ('Kenya staff', 'M-Pesa')),
    ('africa', 'Supplier KRA PIN A012345678Z, phone 0712 345 678.',
     ('A012345678Z', '0712 345 678'), ('Supplier',)),
    ('africa', 'Ghana: Kwame Mensah, Ghana Card GHA-531579972-6, TIN P0012345679, phone '
     '+233 24 412 3456, GhanaPost GPS GA-183-8164, East Legon, Accra.',
     ('Kwame Mensah', 'GHA-531579972-6', 'P0012345679', '+233 24 412 3456', 'GA-183-8164'),
     ('GhanaPost GPS',)),
    ('africa', 'Egypt: Ahmed Hassan Mahmoud, national ID 28903150102345, mobile +20 10 1234 5678, '
     '12 El Tahrir Street, Dokki, Giza 12611.',
     ('Ahmed Hassan Mahmoud', '28903150102345', '+20 10 1234 5678', '12 El Tahrir Street',
      '12611'),
     ()),
    ('africa', 'Egyptian passenger 29510250201234 on MS 985, phone 010 2345 6789.',
     ('29510250201234', '010 2345 6789'), ('Egyptian passenger', 'MS 985')),
    # --- Middle East, Turkey ------------------------------------------------------------------
    ('mideast', 'Saudi payroll: iqama 2521734851, Mohammed Al-Harbi national ID 1457553004, '
     'mobile +966 50 123 4567, Building 4215, King Fahd Road, Al Olaya, Riyadh 12244.',
     ('2521734851', 'Mohammed Al-Harbi', '1457553004', '+966 50 123 4567', 'Building 4215',
      '12244'),
     ('Saudi payroll',)),
    ('mideast', 'Driver Ramesh Thapa, iqama no 2398471124, sponsor Al Rajhi Contracting, '
     'mobile 050 123 4568.',
     ('Ramesh Thapa', '2398471124', '050 123 4568'), ('Al Rajhi Contracting',)),
    ('mideast', 'UAE: Fatima Al Mansoori, Emirates ID 784-1987-0839061-6, mobile '
     '+971 50 123 4567, Villa 14, Street 23, Al Barsha 2, Dubai.',
     ('Fatima Al Mansoori', '784-1987-0839061-6', '+971 50 123 4567', 'Villa 14, Street 23'),
     ()),
    ('mideast', 'Visa file 784199236397347 (EID without dashes), tel 04 321 7788.',
     ('784199236397347', '04 321 7788'), ('Visa file', 'EID without dashes')),
    ('mideast', 'Israel: Noa Levi, teudat zehut 039284716, +972 52-823-4567, Herzl St 45, '
     'Apt 12, Tel Aviv.',
     ('Noa Levi', '039284716', '+972 52-823-4567', 'Herzl St 45'),
     ()),
    ('mideast', 'Israeli ID 315478263 of the insured, phone 052-765-4321.',
     ('315478263', '052-765-4321'), ('the insured',)),
    ('mideast', 'Turkey: Ayse Yilmaz, TCKN 42524874422, cep +90 532 123 45 67, Bagdat Cad. '
     'No: 145 D: 7, Kadikoy/Istanbul.',
     ('Ayse Yilmaz', '42524874422', '+90 532 123 45 67', 'Bagdat Cad. No: 145'),
     ()),
    ('mideast', 'Turkish passenger, T.C. identity no 83179144232, GSM 0532 123 45 68.',
     ('83179144232', '0532 123 45 68'), ('Turkish passenger',)),
    # --- Oceania ------------------------------------------------------------------------------
    ('oceania', 'NZ employee: Aroha Ngata, IRD number 100-773-406, mobile 021 123 4567, '
     'Flat 2, 14 Ponsonby Road, Grey Lynn, Auckland 1021.',
     ('Aroha Ngata', '100-773-406', '021 123 4567', '14 Ponsonby Road', '1021'),
     ('NZ employee',)),
    ('oceania', 'IRD 124819482 for the contractor, phone +64 21 765 4321.',
     ('124819482', '+64 21 765 4321'), ('contractor',)),
    ('oceania', 'Australia: Jack Thompson, TFN 966 889 661, Medicare 2471 39507 1, mobile '
     '0412 345 678, Unit 5/22 Smith Street, Fitzroy VIC 3065.',
     ('Jack Thompson', '966 889 661', '2471 39507 1', '0412 345 678', '5/22 Smith Street',
      '3065'),
     ()),
    ('oceania', 'Super fund form: tax file number 187766971, phone +61 412 765 432.',
     ('187766971', '+61 412 765 432'), ('Super fund form',)),
    # --- phones alone, as a contact list or a chat writes them ----------------------------------
    ('phones', 'Emergency contacts: Delhi office +91 11 2334 5566, Manila +63 2 8123 4567, '
     'Lagos +234 201 270 1234, Nairobi +254 20 271 1234, Sao Paulo +55 11 3456 7890.',
     ('+91 11 2334 5566', '+63 2 8123 4567', '+234 201 270 1234', '+254 20 271 1234',
      '+55 11 3456 7890'),
     ('Emergency contacts',)),
    ('phones', 'call my mum on 0803 456 7812 or my sister on +2348034567813, both in Abuja',
     ('0803 456 7812', '+2348034567813'), ()),
    ('phones', 'WhatsApp me at +923001234568 or +8801712345680, I am travelling.',
     ('+923001234568', '+8801712345680'), ('WhatsApp',)),
    ('phones', 'Reach the tenant at 9876 5432 (Singapore) or 5123 4567 (Hong Kong).',
     ('9876 5432', '5123 4567'), ('tenant',)),
    ('phones', 'His Japanese mobile is 080-3912-7745 and the Korean one 010-9988-7766.',
     ('080-3912-7745', '010-9988-7766'), ()),
    ('phones', 'Contact numbers: +66 2 123 4567 (Bangkok office), +84 28 3822 1234, '
     '+62 21 520 1234, +60 3-2161 1234.',
     ('+66 2 123 4567', '+84 28 3822 1234', '+62 21 520 1234', '+60 3-2161 1234'),
     ('Contact numbers',)),
    ('phones', 'Mobile (Mexico): 55 4321 8765; mobile (Chile): 9 8765 4322; mobile (Peru): '
     '912 345 678.',
     ('55 4321 8765', '9 8765 4322', '912 345 678'), ()),
    ('phones', 'Caller from Dubai 055 987 6543 asked about the claim; callback on '
     '+971 4 332 4567.',
     ('055 987 6543', '+971 4 332 4567'), ('asked about the claim',)),
    # --- addresses alone ------------------------------------------------------------------------
    ('address', 'Deliver to: 221, 5th Main, HSR Layout Sector 7, Bengaluru, Karnataka 560102',
     ('221, 5th Main', 'HSR Layout Sector 7', '560102'), ('Deliver to',)),
    ('address', 'Mailing address: 12/4 Soi Ari 1, Phaya Thai, Bangkok 10400, Thailand',
     ('12/4 Soi Ari 1', '10400'), ('Mailing address',)),
    ('address', 'Correspondence: Unit 1205, Tower 2, The Gateway, Harbour City, Tsim Sha Tsui, '
     'Kowloon',
     ('Unit 1205, Tower 2',), ('Correspondence',)),
    ('address', 'Home: 45 Jalan Bukit Bintang, 55100 Kuala Lumpur',
     ('45 Jalan Bukit Bintang', '55100'), ()),
    ('address', 'Residence: 18 Kofo Abayomi Street, Victoria Island, Lagos 101241',
     ('18 Kofo Abayomi Street', '101241'), ('Residence',)),
    ('address', 'Address on file: 7 Rua das Flores, apto 31, Boa Viagem, Recife - PE, 51020-010',
     ('7 Rua das Flores', '51020-010'), ('Address on file',)),
    ('address', 'Send the card to Calle 10 Sur # 43A-30, Medellin, Antioquia',
     ('Calle 10 Sur # 43A-30',), ('Send the card',)),
    ('address', 'Permanent address: Village Khanpur, P.O. Khanpur, Tehsil Samrala, District '
     'Ludhiana, Punjab 141114',
     ('Village Khanpur', '141114'), ('Permanent address',)),
    # --- ids shaped like others, no label, check failing: words ------------------------------
    ('invalid', 'Lot 4873 2291 0457 of the resin failed QA; batch 7291 0458 3316 passed.',
     (), ('4873 2291 0457', '7291 0458 3316', 'failed QA')),
    ('invalid', 'Shipment reference 8203155084083 left Durban on the 14th; pallet count 22.',
     (), ('8203155084083', 'pallet count 22')),
    ('invalid', 'Invoice batch 110105198803147621 reconciled with ledger 44820193.',
     (), ('110105198803147621', 'ledger')),
    ('invalid', 'Production run 2521734852 and test rig 1457553005 logged no faults.',
     (), ('2521734852', '1457553005', 'logged no faults')),
    ('invalid', 'Serial range 42524874423 to 42524874499 was scrapped.',
     (), ('42524874423', '42524874499', 'was scrapped')),
    ('invalid', 'Carton labels 966889662 and 187766972 were reprinted.',
     (), ('966889662', '187766972', 'were reprinted')),
    # --- words that must stay -------------------------------------------------------------------
    ('stay', 'Which documents prove identity: Aadhaar, PAN card, Voter ID (EPIC), PhilSys ID, '
     'UMID, NRIC, MyKad, Emirates ID, iqama, Ghana Card, CNIC and the NIN slip?',
     (), ('Aadhaar', 'PAN card', 'Voter ID (EPIC)', 'PhilSys ID', 'UMID', 'NRIC', 'MyKad',
          'Emirates ID', 'iqama', 'Ghana Card', 'CNIC', 'NIN slip')),
    ('stay', 'Agencies: UIDAI, NADRA, NIMC, RENIEC, SAT, RENAPER, ICA, JPN, PSA, Dukcapil, '
     'HMRC, IRAS, LHDN, SARS, FIRS, KRA, GRA and ZATCA.',
     (), ('UIDAI', 'NADRA', 'NIMC', 'RENIEC', 'RENAPER', 'ICA', 'PSA', 'Dukcapil', 'HMRC',
          'IRAS', 'LHDN', 'SARS', 'FIRS', 'KRA', 'GRA', 'ZATCA')),
    ('stay', 'Bank codes: IFSC SBIN0000691 (State Bank of India, New Delhi main branch), SWIFT '
     'SBININBB, HSBCHKHHHKH for HSBC Hong Kong, and BIC DBSSSGSG for DBS Singapore.',
     (), ('IFSC SBIN0000691', 'State Bank of India', 'SBININBB', 'HSBCHKHHHKH',
          'HSBC Hong Kong', 'DBSSSGSG', 'DBS Singapore')),
    ('stay', 'Postcode formats: an Indian PIN has six digits, the first naming the region; '
     'Japan writes 〒 and seven digits as NNN-NNNN; Brazil\'s CEP is NNNNN-NNN; Singapore\'s '
     'six digits start with the sector.',
     (), ('Indian PIN has six digits', 'Japan writes', 'seven digits', 'NNN-NNNN',
          'CEP is NNNNN-NNN', 'six digits')),
    ('stay', 'Amounts: INR 1,25,000; JPY 150,000; PHP 45,000.00; NGN 2,500,000; R$ 3.450,00; '
     'AED 12,500; ZAR 18 400; KES 75,000.',
     (), ('INR 1,25,000', 'JPY 150,000', 'PHP 45,000.00', 'NGN 2,500,000', 'R$ 3.450,00',
          'AED 12,500', 'ZAR 18 400', 'KES 75,000')),
    ('stay', 'Flights: SQ 321 SIN-LHR, EK 202 DXB-JFK, QR 8 DOH-LHR, CX 251, NH 10, LA 8084 '
     'GRU-LHR, ET 500, SA 234.',
     (), ('SQ 321', 'SIN-LHR', 'EK 202', 'DXB-JFK', 'QR 8', 'CX 251', 'NH 10', 'LA 8084',
          'ET 500', 'SA 234')),
    ('stay', 'Tariff lines: HS 8471.30.00 laptops, HS 0901.21 roasted coffee, HS 6109.10.00 '
     'cotton T-shirts; HSN 85171300 for smartphones.',
     (), ('HS 8471.30.00', 'HS 0901.21', 'HS 6109.10.00', 'HSN 85171300')),
    ('stay', 'Products: SKU TX-4471-BLK, model A3102, part no. 90-1187-22, EAN 4006381333931.',
     (), ('SKU TX-4471-BLK', 'model A3102', '90-1187-22', 'EAN 4006381333931')),
    ('stay', 'Payroll in India covers PF (12%), ESI (0.75%), professional tax, TDS under '
     'section 192 and Form 16; in the Philippines SSS, PhilHealth and Pag-IBIG.',
     (), ('PF (12%)', 'ESI (0.75%)', 'professional tax', 'section 192', 'Form 16', 'SSS',
          'PhilHealth', 'Pag-IBIG')),
    ('stay', 'The Aadhaar number has 12 digits with a Verhoeff check; a PAN is five letters, '
     'four digits and a letter; a CURP has 18 characters; an RUT ends in a check digit or K.',
     (), ('Aadhaar number has 12 digits', 'Verhoeff check', 'five letters', 'CURP',
          '18 characters', 'RUT ends in a check digit or K')),
    ('stay', 'Countries in scope: India, China, Hong Kong, Taiwan, Japan, South Korea, '
     'Singapore, Malaysia, Thailand, the Philippines, Indonesia, Vietnam, Pakistan, '
     'Bangladesh, Sri Lanka, Brazil, Mexico, Argentina, Chile, Colombia, Peru, South Africa, '
     'Nigeria, Kenya, Ghana, Egypt, Saudi Arabia, the UAE, Israel, Turkey, New Zealand and '
     'Australia.',
     (), ('India', 'China', 'Hong Kong', 'Taiwan', 'Japan', 'South Korea', 'Singapore',
          'Malaysia', 'Thailand', 'Philippines', 'Indonesia', 'Vietnam', 'Pakistan',
          'Bangladesh', 'Sri Lanka', 'Brazil', 'Mexico', 'Argentina', 'Chile', 'Colombia',
          'Peru', 'South Africa', 'Nigeria', 'Kenya', 'Ghana', 'Egypt', 'Saudi Arabia',
          'UAE', 'Israel', 'Turkey', 'New Zealand', 'Australia')),
    ('stay', 'Our Mumbai, Bengaluru, Shenzhen, Makati, Lagos and Nairobi offices close for '
     'Diwali, Lunar New Year and Eid; the Dubai office stays open.',
     (), ('Mumbai', 'Bengaluru', 'Shenzhen', 'Makati', 'Lagos', 'Nairobi', 'Diwali',
          'Lunar New Year', 'Eid', 'Dubai office')),
    ('stay', 'Table 4 shows 2,345,678 policies in force, 118,204 claims paid and 9,876 '
     'complaints; premium growth 12.4%.',
     (), ('2,345,678 policies', '118,204 claims', '9,876', 'premium growth 12.4%')),
    ('stay', 'Visa types: Employment Pass, S Pass, Work Permit (Singapore); H-1B; Golden Visa '
     '(UAE); Iqama renewal via Absher; e-Visa for India.',
     (), ('Employment Pass', 'S Pass', 'Work Permit', 'Golden Visa', 'Iqama renewal',
          'Absher', 'e-Visa for India')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
