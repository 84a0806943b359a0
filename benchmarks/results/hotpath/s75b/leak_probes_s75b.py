"""The forty-fifth round's held-out probe prompts: people's names of the world's cultures in
new kinds of English text: meeting minutes, class rosters, donation receipts, court listings,
sports team sheets, wedding invitations, obituaries, reference letters, Slack threads and
ticket comments. The names have particles (``van``, ``de``, ``al-``, ``bin``), hyphens,
apostrophes, initials, a given name alone, nicknames, and are written in lower case and in
capitals. Beside them, words that must stay: capitalised common words, products, places used
as no one's name (a "Jordan almond", a "Paris green"), months and weekdays. Counts both with
the ``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s75b/leak_probes_s75b.py \
        learned|spacy [--show]

A value is counted as left when it is found whole in the masked text, so a name is listed by
its parts where one part alone may go upstream. Written before any rule of this round, as a
held-out set. All names are made up combinations; where one is a real person's, it is by
chance.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- meeting minutes --------------------------------------------------------------------
    ('minutes', 'Minutes of the board meeting, 14 March.\nPresent: Oluwatoyin Bakare, '
     'Ramesh Venkataraman, Ingrid Solberg-Haugen.\nApologies: Tariq al-Hashimi.',
     ('Oluwatoyin', 'Bakare', 'Venkataraman', 'Solberg-Haugen', 'Hashimi'),
     ('Minutes of the board meeting', 'March', 'Present', 'Apologies')),
    ('minutes', 'action items: chidinma to circulate the budget, vikram to book the venue, '
     'sione to chase the printer',
     ('chidinma', 'vikram', 'sione'), ('action items', 'circulate the budget', 'book the venue')),
    ('minutes', 'Motion proposed by Mrs. Adaeze Nwachukwu, seconded by Mr. Kwabena Asante. '
     'Carried unanimously.',
     ('Adaeze', 'Nwachukwu', 'Kwabena', 'Asante'), ('Motion proposed', 'Carried unanimously')),
    ('minutes', 'AOB: phuong raised the parking issue again; deferred to the April meeting.',
     ('phuong',), ('AOB', 'parking issue', 'April meeting')),
    ('minutes', 'Chair: D. Rautenbach. Secretary: M. Kgosana. Treasurer: vacant.',
     ('Rautenbach', 'Kgosana'), ('Chair', 'Secretary', 'Treasurer: vacant')),
    ('minutes', 'the meeting was opened by tanvir hossain at 7pm, quorum confirmed',
     ('tanvir', 'hossain'), ('meeting was opened', 'quorum confirmed')),
    ('minutes', 'Noted: Bongani will present the audit findings on Thursday.',
     ('Bongani',), ('Noted', 'audit findings', 'Thursday')),
    # --- class rosters ----------------------------------------------------------------------
    ('roster', 'Class 4C roster: Ayaan Qureshi, Mei-Ling Tsai, Kofi Boateng, Saoirse '
     "O'Callaghan, Mateus Figueiredo",
     ('Ayaan', 'Qureshi', 'Mei-Ling', 'Tsai', 'Kofi', 'Boateng', 'Saoirse', "O'Callaghan",
      'Mateus', 'Figueiredo'), ('Class 4C roster',)),
    ('roster', 'group b: ngozi, tomasz, anahera, rustam, pilar',
     ('ngozi', 'tomasz', 'anahera', 'rustam', 'pilar'), ('group b',)),
    ('roster', 'ABSENT TODAY: EMEKA ONYEKACHI, DILNOZA YULDASHEVA',
     ('EMEKA', 'ONYEKACHI', 'DILNOZA', 'YULDASHEVA'), ('ABSENT TODAY',)),
    ('roster', 'Lab partners: Nakamura & Oyelaran, Batbayar & Kowalczyk',
     ('Nakamura', 'Oyelaran', 'Batbayar', 'Kowalczyk'), ('Lab partners',)),
    ('roster', 'New pupil: Precious-Grace Mahlangu joins Year 2 after half term.',
     ('Precious-Grace', 'Mahlangu'), ('New pupil', 'Year 2', 'half term')),
    ('roster', 'seating plan - front row: aigerim, thandiwe, jun-seo; back row: keoni, ifeoma',
     ('aigerim', 'thandiwe', 'jun-seo', 'keoni', 'ifeoma'), ('seating plan', 'front row')),
    ('roster', 'Detention list (Friday): K. Abeysekera, R. Wickramasinghe',
     ('Abeysekera', 'Wickramasinghe'), ('Detention list', 'Friday')),
    # --- donation receipts ------------------------------------------------------------------
    ('receipt', 'Receipt no. 2291 - received with thanks from Mr. Babatunde Olanrewaju the sum '
     'of 250.00 towards the Building Fund.',
     ('Babatunde', 'Olanrewaju'), ('received with thanks', 'Building Fund')),
    ('receipt', 'Donor: Fatemeh Rahimzadeh | Amount: 75 | Campaign: Winter Appeal',
     ('Fatemeh', 'Rahimzadeh'), ('Donor', 'Amount', 'Winter Appeal')),
    ('receipt', 'thank you nhlanhla for your generous gift to the food bank!',
     ('nhlanhla',), ('generous gift', 'food bank')),
    ('receipt', 'IN MEMORY OF: SEGUN ADEWALE. GIVEN BY: THE ADEWALE FAMILY',
     ('SEGUN', 'ADEWALE'), ('IN MEMORY OF', 'GIVEN BY')),
    ('receipt', 'Gift Aid declaration signed by Eilidh MacLeod on 3 May.',
     ('Eilidh', 'MacLeod'), ('Gift Aid declaration', 'May')),
    ('receipt', 'anonymous donor (actually its rukhsana from the choir) gave the piano',
     ('rukhsana',), ('anonymous donor', 'choir', 'piano')),
    # --- court listings ---------------------------------------------------------------------
    ('court', 'Courtroom 3, 10:00 - R v Dumisani Ntuli (plea hearing)',
     ('Dumisani', 'Ntuli'), ('Courtroom 3', 'plea hearing')),
    ('court', 'Case 24/1187: Van der Merwe v. Sithole-Mabaso, adjourned to 12 June.',
     ('Van der Merwe', 'Sithole-Mabaso'), ('adjourned', 'June')),
    ('court', 'IN RE THE ESTATE OF GHULAM MUSTAFA CHAUDHRY, DECEASED',
     ('GHULAM', 'MUSTAFA', 'CHAUDHRY'), ('IN RE THE ESTATE OF', 'DECEASED')),
    ('court', 'Defendant Nguyen Thi Hoa appeared with counsel; bail continued.',
     ('Nguyen Thi Hoa',), ('appeared with counsel', 'bail continued')),
    ('court', 'Witness: Ms Siobhan Ni Bhriain. Interpreter: Mr Abdirahman Warsame.',
     ('Siobhan', 'Bhriain', 'Abdirahman', 'Warsame'), ('Witness', 'Interpreter')),
    ('court', 'Judge Oyebanji granted the adjournment; Justice Raghavan dissented.',
     ('Oyebanji', 'Raghavan'), ('granted the adjournment', 'dissented')),
    ('court', 'Plaintiff: Jean-Luc Mbemba-Kasongo. Defendant: Northgate Lettings Ltd.',
     ('Jean-Luc', 'Mbemba-Kasongo'), ('Plaintiff', 'Northgate Lettings Ltd')),
    # --- sports team sheets -----------------------------------------------------------------
    ('sports', 'Starting XI: Okonkwo; Haddad, Lindqvist, Tuilagi, Ferreira; Mahrez, '
     "O'Shea; Kipchoge, Adeyinka, Sandoval, Petrovic",
     ('Okonkwo', 'Haddad', 'Lindqvist', 'Tuilagi', 'Ferreira', 'Mahrez', "O'Shea",
      'Kipchoge', 'Adeyinka', 'Sandoval', 'Petrovic'), ('Starting XI',)),
    ('sports', 'subs: taufa, rangihuna, mbappe-diallo',
     ('taufa', 'rangihuna', 'mbappe-diallo'), ('subs',)),
    ('sports', 'Man of the match: Tevita Halaholo (2 tries). Captain: Malakai Fekitoa.',
     ('Tevita', 'Halaholo', 'Malakai', 'Fekitoa'), ('Man of the match', 'Captain')),
    ('sports', 'U12 girls: yaa and akosua on goal, nilufar in midfield',
     ('yaa', 'akosua', 'nilufar'), ('U12 girls', 'on goal', 'midfield')),
    ('sports', 'Coach Mwangi says training moves to Wednesday at the Eagle Park pitch.',
     ('Mwangi',), ('training moves', 'Wednesday', 'Eagle Park')),
    ('sports', 'KIT COLLECTION: DLAMINI, MOKOENA, VAN WYK - SEE COACH BEFORE SATURDAY',
     ('DLAMINI', 'MOKOENA', 'VAN WYK'), ('KIT COLLECTION', 'SATURDAY')),
    # --- wedding invitations ----------------------------------------------------------------
    ('wedding', 'Together with their families, Chiamaka Obi and Arjun Malhotra request the '
     'pleasure of your company.',
     ('Chiamaka', 'Obi', 'Arjun', 'Malhotra'), ('Together with their families',
                                               'request the pleasure')),
    ('wedding', 'Mr and Mrs Hamid Karimi invite you to the wedding of their daughter Parisa to '
     'Dariusz Zielinski.',
     ('Hamid', 'Karimi', 'Parisa', 'Dariusz', 'Zielinski'), ('invite you to the wedding',)),
    ('wedding', 'rsvp to auntie funmi by june 1st, dress code is aso ebi',
     ('funmi',), ('rsvp', 'dress code', 'aso ebi')),
    ('wedding', 'Best man: Lachlan "Lockie" McAllister. Maid of honour: Thi Ngoc Anh Pham.',
     ('Lachlan', 'Lockie', 'McAllister', 'Ngoc Anh', 'Pham'), ('Best man', 'Maid of honour')),
    ('wedding', 'The wedding of SOFIA DE LA CRUZ & MIGUEL ANGEL QUISPE MAMANI',
     ('SOFIA', 'DE LA CRUZ', 'QUISPE', 'MAMANI'), ('The wedding of',)),
    ('wedding', 'table 7: uncle bayo, aunty kemi, cousin tolu and her husband femi',
     ('bayo', 'kemi', 'tolu', 'femi'), ('table 7',)),
    # --- obituaries -------------------------------------------------------------------------
    ('obituary', 'Ebenezer Kwame Mensah-Bonsu, 1941-2024, beloved father and grandfather, '
     'passed away peacefully in Kumasi.',
     ('Ebenezer', 'Kwame', 'Mensah-Bonsu'), ('beloved father', 'passed away peacefully')),
    ('obituary', 'She is survived by her sons Rohan and Vivaan, and her sister Lalitha.',
     ('Rohan', 'Vivaan', 'Lalitha'), ('survived by her sons',)),
    ('obituary', 'Predeceased by his wife Mere Tautahi and brother Hemi.',
     ('Mere', 'Tautahi', 'Hemi'), ('Predeceased by his wife',)),
    ('obituary', 'In loving memory of Nana Ama Serwaa, who fell asleep on Easter Sunday.',
     ('Ama Serwaa',), ('In loving memory', 'Easter Sunday')),
    ('obituary', "the funeral for baba oyedepo is on saturday, condolences to ade's family",
     ('oyedepo', 'ade'), ('funeral', 'saturday', 'condolences')),
    ('obituary', 'WALTER "WALLY" KRZYZANOWSKI passed on Tuesday aged 88.',
     ('WALTER', 'WALLY', 'KRZYZANOWSKI'), ('passed on Tuesday',)),
    # --- reference letters ------------------------------------------------------------------
    ('reference', 'To whom it may concern,\n\nI have known Ms. Nokuthula Zwane for four years '
     'as her line manager.',
     ('Nokuthula', 'Zwane'), ('To whom it may concern', 'line manager')),
    ('reference', 'In my view, Aditi is an outstanding candidate; Ms Bhattacharjee showed real '
     'initiative.',
     ('Aditi', 'Bhattacharjee'), ('outstanding candidate', 'real initiative')),
    ('reference', 'Yours sincerely,\nDr. Habib ur Rehman\nHead of Chemistry',
     ('Habib', 'Rehman'), ('Yours sincerely', 'Head of Chemistry')),
    ('reference', 'i am happy to recommend oksana for the role, she reported to me directly',
     ('oksana',), ('happy to recommend', 'reported to me')),
    ('reference', 'Referee: Prof. T. Ratnayake (Colombo). Candidate: S. A. Gunawardena.',
     ('Ratnayake', 'Gunawardena'), ('Referee', 'Candidate', 'Colombo')),
    ('reference', "Please accept this letter in support of Kawika Kahananui's application.",
     ('Kawika', 'Kahananui'), ('letter in support', 'application')),
    # --- Slack threads ----------------------------------------------------------------------
    ('slack', '@here standup moved to 10. thx @priyanka.n and @oyin for covering',
     ('priyanka', 'oyin'), ('standup moved',)),
    ('slack', 'who has the aws creds? ask hamza or zainab',
     ('hamza', 'zainab'), ('aws creds',)),
    ('slack', 'kwame: deploy done\nsvetla: thanks!\nkwame: np',
     ('kwame', 'svetla'), ('deploy done',)),
    ('slack', 'lmk when rahel is back, need her sign-off',
     ('rahel',), ('lmk', 'sign-off')),
    ('slack', ':wave: welcome @nomsa.dube to #data-eng!',
     ('nomsa', 'dube'), ('welcome', '#data-eng')),
    ('slack', 'can someone pair with tui on the flaky test? shes blocked',
     ('tui',), ('flaky test',)),
    ('slack', 'fyi bjorn and ayesha are ooo till monday',
     ('bjorn', 'ayesha'), ('ooo till monday',)),
    ('slack', 'merged, thanks tahmid! cc hyun-woo for the release notes',
     ('tahmid', 'hyun-woo'), ('release notes',)),
    # --- ticket comments --------------------------------------------------------------------
    ('ticket', 'Comment from adebola.ogunleye: still seeing the 502 on checkout.',
     ('adebola', 'ogunleye'), ('502 on checkout',)),
    ('ticket', 'Reassigned from Lwazi Mthembu to Kateryna Bondarenko.',
     ('Lwazi', 'Mthembu', 'Kateryna', 'Bondarenko'), ('Reassigned',)),
    ('ticket', 'customer (mrs fonoti) says the router light is red since tuesday',
     ('fonoti',), ('router light', 'tuesday')),
    ('ticket', 'Escalated by ANH TUAN LE - priority raised to P1',
     ('ANH TUAN', 'LE'), ('Escalated', 'priority raised')),
    ('ticket', 'caller gave name as wiremu paki, dob on file',
     ('wiremu', 'paki'), ('caller gave name', 'dob on file')),
    ('ticket', 'Customer Marisol Ccori reported a double charge on her Visa.',
     ('Marisol', 'Ccori'), ('double charge', 'Visa')),
    ('ticket', 'Internal note: spoke with gulnara, she will resend the invoice PDF',
     ('gulnara',), ('Internal note', 'resend the invoice')),
    ('ticket', 'Requester: J. P. de Souza-Lima | Agent: mfundo',
     ('Souza-Lima', 'mfundo'), ('Requester', 'Agent')),
    # --- single names, nicknames, initials --------------------------------------------------
    ('single', 'Thanks so much,\nSuharto', ('Suharto',), ('Thanks so much',)),
    ('single', 'lol classic tshepo', ('tshepo',), ('classic',)),
    ('single', 'Big thanks to "Tiny" Afolabi and Nnamdi for the barbecue.',
     ('Afolabi', 'Nnamdi'), ('Big thanks', 'barbecue')),
    ('single', 'A.K. Thirunavukkarasu signed the lease on 1 July.',
     ('Thirunavukkarasu',), ('signed the lease', 'July')),
    # --- words that must stay ---------------------------------------------------------------
    ('stay', 'Present: all members. Apologies: none. Minutes approved as read.',
     (), ('Present', 'Apologies', 'Minutes approved')),
    ('stay', 'We ordered Jordan almonds, Turkish delight and a Victoria sponge for the party.',
     (), ('Jordan almonds', 'Turkish delight', 'Victoria sponge')),
    ('stay', 'Paint the fence Paris green and the shed Prussian blue before August.',
     (), ('Paris green', 'Prussian blue', 'August')),
    ('stay', 'Upgrade to Windows 11, then reinstall Excel, Teams and OneDrive on Monday.',
     (), ('Windows 11', 'Excel', 'Teams', 'OneDrive', 'Monday')),
    ('stay', 'Carried: Motion 3. Lost: Motion 4. Deferred: Motion 5.',
     (), ('Carried', 'Lost', 'Deferred')),
    ('stay', 'Starting XI picked on form; Subs: none named; Kick-off Saturday 3pm.',
     (), ('Starting XI', 'Subs', 'Kick-off Saturday')),
    ('stay', 'Grace period ends in March; Faith-based groups may apply; Hope Street is closed.',
     (), ('Grace period', 'March', 'Faith-based groups', 'Hope Street')),
    ('stay', 'the amazon parcel and the kindle arrived; alexa keeps playing spotify',
     (), ('amazon parcel', 'kindle', 'alexa', 'spotify')),
    ('stay', 'CASE DISMISSED. COSTS RESERVED. NEXT LISTING: TUESDAY.',
     (), ('CASE DISMISSED', 'COSTS RESERVED', 'NEXT LISTING', 'TUESDAY')),
    ('stay', 'Reception at the Savoy, then dinner of biryani, jollof and pavlova.',
     (), ('Reception', 'Savoy', 'biryani', 'jollof', 'pavlova')),
    ('stay', 'Merged the PR, bumped numpy and pandas; CI on GitHub Actions is green.',
     (), ('Merged the PR', 'numpy', 'pandas', 'GitHub Actions')),
    ('stay', 'Donations: Christmas Appeal 410, Easter Fund 120, General 75',
     (), ('Christmas Appeal', 'Easter Fund', 'General')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
